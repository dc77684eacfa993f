"""Figures a clause governs: « À combien d'années de prison ferme X a-t-il été condamné ? ».

``kinds_facts.figure_questions`` asks about a quantity that is the subject of its
clause (« Combien de soldats … ont pénétré en Russie ? »); a quantity inside the
predicate, after a preposition (« condamné à trois ans de prison ») or as the
object (« en blesse 110 autres »), became a cloze. Here the prepositional phrase
moves to the front of the question, « combien de » taking the number's place,
and the clause is inverted as for a date (« Quand X a-t-il … ? »). The answer is
the number with what it counts (« 3 ans »), so the options read as quantities.
"""

from __future__ import annotations

import re

from .clauses import agree_participle
from .context import Candidate, Context, SentenceInfo, capitalize
from .figures import Figure, format_number, number_distractors
from .kinds_facts import _common, _in_quote, _noun_unit, _question_clause, figure_mcq

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
    """« L'Espagne est sans gouvernement depuis six mois »: a parse may hang the figure on
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
    out: list[Candidate] = []
    every = [(x.value, x.unit) for s in ctx.sentences for x in s.figures]
    for sent in ctx.sentences:
        for f in sent.figures:
            if _in_quote(sent.text, f.num_start) or f.hedge in ("plus de", "moins de", "au moins"):
                continue
            if f.value <= 1 or re.search(r"\bet demie?\b", sent.text[f.end : f.end + 10]):
                continue
            unit = _noun_unit(ctx, sent, f, f.unit)
            if not unit or (len(unit) < 3 and unit != "%"):
                continue  # « 8 h »: an hour, not a quantity to ask about
            prep = _PREP.search(sent.text[: f.start])
            counted = _counted_phrase(ctx, sent, f, unit, object_of_verb=prep is None)
            if counted is None:
                continue
            phrase, end = counted
            start = sent.start + (prep.start("prep") if prep else f.start)
            built = _question_clause(ctx, sent, (start, end))
            if not built:
                continue
            subject, pred = built
            if re.match(r"(?:Un|Une|Des)\b", subject) or _bare_noun(ctx, sent):
                continue
            de = "d'" if re.match(r"[aeiouyhéèêà]", phrase, re.IGNORECASE) else "de "
            hedge = "environ " if f.hedge in ("environ", "près de", "presque", "quelque") else ""
            if prep is None:
                # « Combien de chars la coalition a-t-elle détruits ? »: the object now
                # stands before « avoir », so the participle agrees with it.
                if unit == "%" or not _object_only(ctx, sent, start, end):
                    continue
                wh = f"{capitalize(hedge)}{'c' if hedge else 'C'}ombien {de}{phrase}"
                pred = agree_participle(pred, _gender(ctx, sent, f, unit), plural=f.value >= 2)
            else:
                word = prep.group("prep")
                lead = f"{word[:1].upper()}{word[1:]}{'' if word.endswith(chr(39)) else ' '}"
                wh = f"{lead}{hedge}combien {de}{phrase}"
                if unit == "%":
                    wh = f"{lead}{hedge}combien de pour cent"
            subject_text = subject[:1].lower() + subject[1:] if _common(subject) else subject
            stem = f"{wh} {subject_text} {pred} ?"
            if len(stem) > 230 or re.search(r"\b(?:il|elle|ils|elles)\b", subject_text.lower()):
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
