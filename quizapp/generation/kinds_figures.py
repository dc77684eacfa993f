"""Figures: « Combien de soldats … ont pénétré en Russie ? », « À combien d'années de
prison ferme X a-t-il été condamné ? », a blank answered as the number is written.

``figure_questions`` asks about a quantity that is the subject of its clause
(« Combien de soldats … ont pénétré en Russie ? »), else makes a cloze of it; a quantity inside the
predicate, after a preposition (« condamné à trois ans de prison ») or as the
object (« en blesse 110 autres »), became a cloze. Here the prepositional phrase
moves to the front of the question, « combien de » taking the number's place,
and the clause is inverted as for a date (« Quand X a-t-il … ? »). The answer is
the number with what it counts (« 3 ans »), so the options read as quantities.
"""

from __future__ import annotations

import re

from ..domain.questiondata import Answer, QuestionData
from .clause_questions import (
    ATTRIBUTION,
    in_quote,
    question_clause,
    subject_in_question,
)
from .context import (
    Candidate,
    Context,
    SentenceInfo,
    capitalize,
    explanation,
    mcq,
    source_of,
)
from .figure_blanks import figure_cloze, plain, range_cloze
from .figures import Figure, format_number, in_range, number_distractors
from .question_wording import agree_participle, strip_discourse, tidy

#: The prepositions that can lead a figure to the front: « à trois ans », « de 15 jours ».
_PREP = re.compile(r"(?:^|\s)(?P<prep>à|pour|sur|par|avec|après|pendant|depuis|durant)\s*$")
#: « combien d'ans » reads as a slip; French says « combien d'années ».
_PLURAL_FOR_COMBIEN = {"ans": "années", "an": "années"}
#: Parts of a noun phrase that end what the question moves to the front.
_STOP_DEPS = {"conj", "cc", "punct", "acl", "acl:relcl", "advcl", "appos", "parataxis"}


def _counted_phrase(
    ctx: Context, sent: SentenceInfo, f: Figure, unit: str, object_of_verb: bool = False
) -> tuple[str, int] | None:
    """What the figure counts, with its complements (« ans de prison ferme »), and where
    that phrase ends in the article; ``None`` when the parse does not find the noun.

    With ``object_of_verb``, the noun must be the direct object of the clause's verb
    (« a détruit 12 chars »); otherwise a complement after a preposition."""
    unit_start = sent.start + f.end - len(unit)
    span = ctx.doc.char_span(unit_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if object_of_verb:
        if head.dep_ != "obj" or head.head.pos_ not in ("VERB", "AUX"):
            return None
    elif not head.dep_.startswith("obl") and not _of_copula(head):
        return None  # « un montant de 210 000 euros »: the noun's, not the verb's
    end_tok = span[-1]
    for child in head.rights:
        if child.dep_ in _STOP_DEPS or child.i <= end_tok.i:
            if child.dep_ in _STOP_DEPS:
                break
            continue
        # « de prison ferme », « d'inéligibilité », « de dollars »: the counted thing's complement
        first = child.left_edge.text.lower()
        if child.dep_ == "nmod" and first not in ("de", "d'"):
            break  # « 5 000 otages dans la province »: where, not what is counted
        if child.dep_ in ("nmod", "amod") and not any(t.dep_ in _STOP_DEPS for t in child.subtree):
            end_tok = max(end_tok, child.right_edge, key=lambda t: t.i)
        else:
            break
    phrase_end = end = end_tok.idx + len(end_tok.text)
    conj = [c for c in head.rights if c.dep_ == "conj"]
    if conj:  # « à trois ans de prison et cinq ans d'inéligibilité »: both leave the stem
        end = max(end, conj[-1].right_edge.idx + len(conj[-1].right_edge.text))
    if re.match(r"\s*contre\s+\d", ctx.article.text[end : end + 12]):
        return None  # « par 385 voix contre 2 »: a score, not one figure
    phrase = ctx.article.text[unit_start:phrase_end].strip()
    if not phrase or re.search(r"[«»()]|\bcontre\b", phrase) or len(phrase) > 60:
        return None
    first, _, rest = phrase.partition(" ")
    first = _PLURAL_FOR_COMBIEN.get(first.lower(), first)
    return (first + (" " + rest if rest else "")), end


def _of_copula(head) -> bool:
    """« La Valdorie est sans gouvernement depuis six mois »: a parse may hang the figure on
    the predicate of « être » rather than on the verb; it still says when the clause holds."""
    pred = head.head
    return (
        head.dep_ == "nmod"
        and pred.dep_ == "ROOT"
        and any(t.dep_ == "cop" for t in pred.children)
        and any(t.dep_ == "case" and t.i > pred.i for t in head.children)
    )


def _object_only(ctx: Context, sent: SentenceInfo, start: int, end: int) -> bool:
    """The figure's phrase is the whole object, right after the verb group: « a détruit
    12 chars près de la ville », not « a détruit les 12 chars » nor « en blesse 110 autres »."""
    c = sent.clause
    if c is None:
        return False
    between = ctx.article.text[c.finite_end : start]
    words = between.split()
    # at most the participle and an adverb between the finite verb and the figure
    return len(words) <= 2 and not re.search(r"[,;:«»()]|\b(?:que|qu'|qui|de|d')\b", between)


def _gender(ctx: Context, sent: SentenceInfo, f: Figure, unit: str) -> str:
    unit_start = sent.start + f.end - len(unit)
    span = ctx.doc.char_span(unit_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return "m"
    return "f" if "Fem" in span.root.morph.get("Gender") else "m"


def _bare_noun(ctx: Context, sent: SentenceInfo) -> bool:
    """A subject that is a capitalised common noun without determiner (« Habitants de
    Loriol … »): a heading or a caption, whose clause makes no question."""
    span = ctx.doc.char_span(sent.clause.subject_start, sent.clause.subject_end, "expand")
    return bool(span is not None and len(span) and span[0].pos_ == "NOUN")


def _with_unit(value: float, unit: str) -> str:
    number = format_number(value)
    if unit == "%":
        return f"{number} %"
    if number.endswith(("million", "millions", "milliard", "milliards")):
        return f"{number} {'d' + chr(39) if unit[:1].lower() in 'aeiouyhéè' else 'de '}{unit}"
    return f"{number} {unit}"


def governed_figure_questions(ctx: Context) -> list[Candidate]:
    """ "Combien de chars la coalition a-t-elle détruits ?", "Pour combien de dollars … ?":
    a figure the main verb governs, directly or after a preposition."""
    out: list[Candidate] = []
    every = [(x.value, x.unit) for s in ctx.sentences for x in s.figures]
    for sent in ctx.sentences:
        for f in sent.figures:
            if in_quote(sent.text, f.num_start) or f.hedge in ("plus de", "moins de", "au moins"):
                continue
            if f.value <= 1 or re.search(r"\bet demie?\b", sent.text[f.end : f.end + 10]):
                continue
            unit = _noun_unit(ctx, sent, f, f.unit)
            if not unit or (len(unit) < 3 and unit != "%"):
                continue  # « 8 h »: an hour, not a quantity to ask about
            stem = _combien_stem(ctx, sent, f, unit)
            if stem is None:
                continue
            others = [v for v, u in every if u == f.unit and v != f.value]
            values = [v for v in number_distractors(f.value, others + [f.value * 4]) if v >= 2]
            wrong = [_with_unit(v, unit) for v in values[:3]]
            answer = _with_unit(f.value, unit)
            if len(wrong) < 3:
                continue
            q = figure_mcq(sent, f, stem, answer, wrong)
            score = 0.82 - (0.06 if len(stem) > 160 else 0)
            out.append(Candidate(q, sent, [answer, f.surface, format_number(f.value)], score))
    return out


def _combien_stem(ctx: Context, sent: SentenceInfo, f: Figure, unit: str) -> str | None:
    """The "Combien de … ?" question on what the figure counts, or None."""
    prep = _PREP.search(sent.text[: f.start])
    counted = _counted_phrase(ctx, sent, f, unit, object_of_verb=prep is None)
    if counted is None:
        return None
    phrase, end = counted
    start = sent.start + (prep.start("prep") if prep else f.start)
    built = question_clause(ctx, sent, (start, end))
    if not built:
        return None
    subject, pred = built
    if re.match(r"(?:Un|Une|Des)\b", subject) or _bare_noun(ctx, sent):
        return None
    de = "d'" if re.match(r"[aeiouyhéèêà]", phrase, re.IGNORECASE) else "de "
    hedge = "environ " if f.hedge in ("environ", "près de", "presque", "quelque") else ""
    if prep is None:
        # « Combien de chars la coalition a-t-elle détruits ? »: the object now
        # stands before « avoir », so the participle agrees with it.
        if unit == "%" or not _object_only(ctx, sent, start, end):
            return None
        wh = f"{capitalize(hedge)}{'c' if hedge else 'C'}ombien {de}{phrase}"
        pred = agree_participle(pred, _gender(ctx, sent, f, unit), plural=f.value >= 2)
    else:
        word = prep.group("prep")
        lead = f"{word[:1].upper()}{word[1:]}{'' if word.endswith(chr(39)) else ' '}"
        wh = f"{lead}{hedge}combien {de}{phrase}"
        if unit == "%":
            wh = f"{lead}{hedge}combien de pour cent"
    subject_text = subject_in_question(subject)
    stem = f"{wh} {subject_text} {pred} ?"
    if len(stem) > 230 or re.search(r"\b(?:il|elle|ils|elles)\b", subject_text.lower()):
        return None
    return stem


def figure_questions(ctx: Context) -> list[Candidate]:
    """ "Combien … ?" on a figure that is its clause's subject (as a choice and as a
    number), else the sentence with the figure blanked out."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        values = [f.value for f in sent.figures]
        prev_unit = ""
        for f in sent.figures:
            if not _figure_worth_asking(sent, f):
                continue
            after = sent.text[f.num_end :]
            unit = _noun_unit(ctx, sent, f, f.unit)
            if (
                not unit
                and re.match(r"\s*(?:seraient|sont|ont|auraient|étaient|avaient)\b", after)
                and prev_unit
            ):
                unit = prev_unit  # "dont jusqu'à 8 000 seraient déployés": the noun came before
                f = Figure(
                    f.start, f.num_end, f.num_start, f.num_end, f.value, f.surface, f.hedge, ""
                )
            if not unit:
                continue
            prev_unit = unit
            others = [v for v in values if v != f.value] + [
                x.value
                for s in ctx.sentences
                for x in s.figures
                if x.unit == f.unit and x.value != f.value
            ]
            if in_range(sent.text, f):
                ranged = range_cloze(sent, f, unit)  # « 30 à {1} » asks half a figure
                out += [ranged] if ranged is not None else []
                continue
            stem = _subject_figure(ctx, sent, f, unit)
            if stem:
                out += _subject_figure_questions(sent, f, stem, unit, others)
            else:
                cloze = figure_cloze(sent, f, unit, others)
                if cloze is not None:
                    out.append(cloze)
    return out


def _figure_worth_asking(sent: SentenceInfo, f: Figure) -> bool:
    """Not in a quotation, not « les deux pays », not an hour."""
    if in_quote(sent.text, f.num_start):
        return False
    if f.value < 2 or (
        f.value < 10
        and re.search(r"(?i)\b(?:les|des|ces|ses|leurs|nos|aux)\s*$", sent.text[: f.start])
    ):
        return False  # "les deux pays": not a figure worth asking about, « deux ans » is
    after = sent.text[f.num_end :]
    if re.match(r"\s?\S+ et demie?\b", sent.text[f.end - len(f.unit) - 1 :]):
        return False  # « deux ans et demi »: the half would be left out
    if in_range(sent.text, f) and not re.match(r"\s+\w", sent.text[f.num_end : f.end]):
        return False  # « 60 à 80 milliards »: 60 is asked with the range, from its upper end
    if _in_parentheses(sent.text, f.num_start):
        return False  # « 30 000 roubles (470 euros) »: a conversion or an aside
    plain = [
        x
        for x in sent.figures
        if not _in_parentheses(sent.text, x.num_start)
        and not re.match(r"\s+(?:à|et|ou)\s+\d", sent.text[x.num_end :])  # a range's low end
    ]
    if (
        f in plain
        and plain.index(f) >= 2
        and (not f.unit or f.unit in {x.unit for x in plain[: plain.index(f)]})
    ):
        return False  # « 16 morts (dont 4 policiers) et 41 blessés, puis 48 »: a tally's details
    # « à 8 h », « peu avant 10 heures »: the hour, a detail
    return not (f.value <= 24 and re.match(r"\s?(?:h\b|heures?\b|h\d{2})", after))


def _in_parentheses(text: str, pos: int) -> bool:
    return text.count("(", 0, pos) > text.count(")", 0, pos)


def _subject_figure_questions(
    sent: SentenceInfo, f: Figure, stem: str, unit: str, others: list[float]
) -> list[Candidate]:
    """The same "Combien … ?" as a choice among near numbers and as a number to type."""
    answer = format_number(f.value)
    wrong = [format_number(v) for v in number_distractors(f.value, others)]
    if len(wrong) < 3:
        return []
    q = figure_mcq(sent, f, stem, answer, wrong)
    num = QuestionData(
        type="numeric",
        stem=stem,
        kind="figure",
        status="candidate",
        answers=[Answer(plain(f.value), 1.0, tolerance=f.tolerance)],
        options={"unit": unit},
        source=source_of(sent),
        explanation=explanation(sent, answer),
        tags=["figure"],
    )
    return [
        Candidate(q, sent, [answer, f.surface], 0.87),
        Candidate(num, sent, [answer, f.surface], 0.74),
    ]


def figure_mcq(sent: SentenceInfo, f: Figure, stem: str, answer: str, wrong: list[str]):
    """A choice question on a figure; the explanation keeps the article's hedge."""
    return mcq(
        stem,
        answer,
        wrong,
        kind="figure",
        source=source_of(sent),
        explanation=explanation(sent, f"{f.hedge + ' ' if f.hedge else ''}{answer}"),
        tags=["figure"],
    )


def _noun_unit(ctx: Context, sent: SentenceInfo, f: Figure, unit: str) -> str:
    """Keep a unit only when spaCy agrees it is a noun (and "%" as is)."""
    if unit in ("%",) or not unit:
        return unit
    start = sent.start + f.end - len(unit)
    span = ctx.doc.char_span(start, sent.start + f.end, alignment_mode="expand")
    # « 28 nouveaux membres »: an adjective may come first
    if span is None or not any(t.pos_ in ("NOUN", "PROPN") for t in span):
        return ""
    return unit


def _subject_figure(ctx: Context, sent: SentenceInfo, f: Figure, unit: str) -> str | None:
    """ "Combien de soldats … ont pénétré en Russie ?" when the quantity is the subject of its clause."""
    text = sent.text
    before = text[: f.start]
    m = re.search(r"(?:^|[,;:]\s|\bqu'|\bque\s|\bdont\s)\s*$", before)
    if not m:
        return None
    follow = text[f.end :]
    vm = re.match(
        r"\s*((?:ne\s|n')?(?:se\s|s')?(?:ont|sont|seraient|auraient|étaient|avaient|ont été|sont morts"
        r"|ont péri|vivent|travaillent|participent|ont participé|manifestent|ont manifesté|meurent"
        r"|restent|attendent|[a-zéè]+ent))\b",
        follow,
    )
    if not vm:
        return None
    end = len(text)
    for stop in re.finditer(
        r",\s*(?:dont|qui|alors|tandis|où|mais|selon|soit|et\b|une?\b|le\b|la\b)|[;:]|\.\s*$",
        follow,
    ):
        end = f.end + stop.start()
        break
    rest = tidy(text[f.end : end].rstrip(" ."))
    rest = strip_discourse(" " + rest).strip()
    if not rest or "«" in rest:
        return None
    attrib = ""
    a = ATTRIBUTION.search(before if "dont" not in m.group() else _first_clause(text))
    if a:
        who = a.group("who").strip()
        attrib = f"Selon {who[:1].lower() + who[1:]}, "
    de = "d'" if re.match(r"[aeiouyhéè]", unit) else "de "
    # « Quelque 4 000 soldats » asks « Environ combien de soldats » (never « Quelque combien »);
    # « au moins 10 personnes », « Combien de personnes au moins ».
    hedge = _HEDGE_FOR_COMBIEN.get(f.hedge, "")
    after = " au moins" if f.hedge in ("au moins", "plus de") else ""
    lead = f"{hedge}combien {de}{unit}{after} {rest} ?"
    stem = attrib + lead
    return capitalize(stem)


_HEDGE_FOR_COMBIEN = {
    "environ": "environ ",
    "quelque": "environ ",
    "près de": "environ ",
    "presque": "environ ",
    "jusqu'à": "jusqu'à ",
}


def _first_clause(text: str) -> str:
    m = re.search(r"qu'|que\s", text)
    return text[: m.end()] if m else ""
