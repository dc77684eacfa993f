"""Fallback questions on any sentence with a key entity: true/false statements and cloze."""

from __future__ import annotations

import re

from ..domain.questiondata import Answer, QuestionData
from .clause_questions import in_quote
from .context import (
    Candidate,
    Context,
    SentenceInfo,
    capitalize,
    choice_blank,
    cloze_question,
    explanation,
    source_of,
)
from .coref import readable, replaced_end
from .distractors import entity_options
from .figures import format_number, number_distractors
from .text import fold
from .trim import shorten

_CONNECTIVE = re.compile(
    r"^(?:En effet|Par ailleurs|Ainsi|Toutefois|Cependant|Pourtant|De plus|De même|Enfin(?: et surtout)?"
    r"|Surtout|Plus simplement|Dans ce contexte|Dans l'ensemble|Pour sa part|Mais|Or|Donc),\s+"
)
_DANGLING = re.compile(
    r"^(?:Il|Elle|Ils|Elles|On|Ce|Cet|Cette|Ces|Celui|Celle|Ceux|Cela|Celui-ci|Celle-ci|Leur|Leurs|Son|Sa|Ses"
    r"|Une telle|Un tel|De telles|De tels|Lui|Eux|Cette dernière|Ce dernier)\b"
)
_KEY_TYPES = ("person", "country", "org", "city")


def standalone(sent: SentenceInfo) -> str | None:
    """The sentence as a statement that makes sense alone (its opening « il » replaced by
    who it is, when the sentences before say so), or None."""
    if not _has_verb(sent):
        return None  # a heading (« Crises politiques en Valdorie »): nothing is stated
    text = _CONNECTIVE.sub("", readable(sent)[0])
    text = capitalize(text)
    if _BACK_REFERENCE.search(text):
        return None  # "ces soldats", "de son côté": the statement needs the previous sentence
    if (
        _DANGLING.match(text)
        or len(text) > 230
        or text.endswith(("?", ":"))
        or "«" in text
        and len(text) > 160
    ):
        return None
    if re.search(r"\b(?:cette|ces|ce|cet) (?:dernière|derniers|derniers)\b", text):
        return None
    if len(text.split()) < 7:
        return None
    return text


_BACK_REFERENCE = re.compile(
    r"\b(?:de son côté|pour sa part|de plus|les deux (?:pays|nations)|ces deux|cette question|ce dernier|cette dernière"
    r"|ces (?!derniers)[a-zé]+|(?:de |à )?la région(?!\s+d))\b",
    re.IGNORECASE,
)


def _has_verb(sent: SentenceInfo) -> bool:
    span = getattr(sent, "span", None)
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


def _cloze_stem(text: str) -> str:
    """Drop a linking word the sentence needed in the article but not alone ("En effet, …")."""
    return capitalize(_CONNECTIVE.sub("", text))


def _vague(text: str) -> float:
    """A demonstrative pointing back ("ces soldats", "cette alliance") needs the previous sentence."""
    if re.search(
        r"\b(?:de son côté|pour sa part|les deux (?:pays|nations))\b", text, re.IGNORECASE
    ):
        return 0.1
    return 0.08 if re.search(r"\b(?:ces|cette|cet|ce) (?!qui|que|dont)[a-zé]", text[1:]) else 0.0


def truefalse_questions(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        statement = standalone(sent)
        if statement is None:
            continue
        offset = len(sent.text) - len(statement)
        first = max(
            offset, replaced_end(sent)
        )  # « Le Conseil » may now read « Le Conseil valdorien »
        keys = [
            m
            for m in sent.mentions
            if m.entity.type in _KEY_TYPES and m.start - sent.start >= first
        ]
        if not keys and not sent.figures:
            continue
        false = _swap(ctx, sent, statement, offset, keys) if sent.index % 2 else None
        if false is None:  # every other sentence, or one nothing can be swapped in: true
            q = QuestionData(
                type="truefalse",
                stem=statement,
                kind="truefalse",
                status="candidate",
                answers=[Answer("true", 1.0), Answer("false", 0.0)],
                source=source_of(sent),
                explanation=f"Vrai. {explanation(sent)}",
                tags=["truefalse"],
            )
            out.append(
                Candidate(
                    q, sent, [], 0.6 - (0.05 if len(statement) > 170 else 0) - _vague(statement)
                )
            )
            continue
        changed, was = false
        q = QuestionData(
            type="truefalse",
            stem=changed,
            kind="truefalse",
            status="candidate",
            answers=[Answer("true", 0.0), Answer("false", 1.0)],
            source=source_of(sent),
            explanation=f"Faux : il s'agit de {was}. {explanation(sent)}",
            tags=["truefalse"],
        )
        out.append(
            Candidate(q, sent, [], 0.58 - (0.05 if len(changed) > 170 else 0) - _vague(statement))
        )
    return out


def _swap(
    ctx: Context, sent: SentenceInfo, statement: str, offset: int, keys
) -> tuple[str, str] | None:
    """(the statement made false, what it said) by a figure or a name swapped, or None."""
    for f in sent.figures:
        if (
            f.num_start >= offset
            and not in_quote(sent.text, f.num_start)
            and f.unit
            and f.value > 2
            and "illi" not in f.surface
            and not re.search(r"\b(?:les|des|ces|ses)\s*$", sent.text[: f.start])
            and any(ch.isdigit() for ch in f.surface)  # « trois ou 2 lots » reads as a swap
        ):
            wrong = number_distractors(f.value, [])
            if wrong:
                s, e = f.num_start - offset, f.num_end - offset
                return statement[:s] + format_number(wrong[0]) + statement[
                    e:
                ], f"{f.surface} {f.unit}".strip()
    for m in sorted(
        (k for k in keys if _literal(ctx, k)), key=lambda m: _KEY_TYPES.index(m.entity.type)
    ):
        if in_quote(sent.text, m.start - sent.start):
            continue  # a quotation is never changed: the speaker did not say the swapped word
        swapped = _swap_name(ctx, m, statement, m.start - sent.start - offset)
        if swapped is not None:
            return swapped, m.text
    return None


def _swap_name(ctx: Context, m, statement: str, s: int) -> str | None:
    """The statement with the name ``m`` (at ``s``) replaced by another of its world."""
    opts, _ = entity_options(ctx, m.entity, m.text, statement, n=4, same_gender=True)
    # A person, a town or a body swapped in must be one the article names: a stranger
    # (a foreign capital for a Valdorian town, another country's prime minister for the
    # chancellor) makes a statement no reader of the article could take for true. A
    # country or a newspaper of the same world is a fair trap.
    if m.entity.type != "country" and m.entity.role != "media":
        opts = [o for o in opts if _named_in_article(ctx, o)]
    e = s + (m.end - m.start)
    if m.entity.type == "person" and _titled(statement, s, e):
        return None  # « le député {X} », « {X}, chef de l'opposition »: the title gives it away
    # never someone the statement already names (« X, ancien porte-parole de X »)
    opts = [o for o in opts if fold(o.split()[-1]) not in fold(statement)]
    if not opts:
        return None
    new = opts[0]
    if m.entity.type in ("country", "org"):
        # « par l'Union du Nord » -> « par Front rouge », never « par l'Front rouge »
        before = statement[max(0, s - 3) : s]
        ent = next(
            (x for x in ctx.ents.entities.values() if x.name == new or x.with_article() == new),
            None,
        )
        from .gazetteer import load_gazetteer

        ent = ent or load_gazetteer().lookup(new)
        if (
            ent is None
            or ent.article != m.entity.article
            or not before.endswith(("la ", "l'", "le "))
            and m.entity.article
        ):
            return None
    return statement[:s] + new + statement[e:]


def _name_goes_on(ctx: Context, key) -> bool:
    """Whether the word before the name is a name too (« Amina » before « Al Morel »)."""
    span = ctx.doc.char_span(key.start, key.end, alignment_mode="expand")
    if span is None or span[0].i == 0:
        return False
    before = ctx.doc[span[0].i - 1]
    return before.pos_ == "PROPN" and before.text[:1].isupper() and before.whitespace_ != ""


#: A title right before a name (« le député », « la Première ministre de Valdorie ») or
#: an apposition right after it (« , chef de l'opposition »).
_TITLE_BEFORE = re.compile(
    r"(?:^|\s)(?:[Ll]e|[Ll]a|[Ll]'|du|au|de la)\s?(?:[A-ZÉ]?[a-zéèêàâîôûç'-]+\s){1,4}$"
)
_TITLE_AFTER = re.compile(r",\s(?:l'|le |la |un |une )?[a-zéèêàâîôû][^,.]{0,60},")


def _titled(statement: str, s: int, e: int) -> bool:
    """Whether the name at ``s``–``e`` has its title next to it."""
    return bool(_TITLE_BEFORE.search(statement[:s]) or _TITLE_AFTER.match(statement[e:]))


def _named_in_article(ctx: Context, name: str) -> bool:
    folded = fold(name)
    return any(
        folded in (fold(e.name), fold(e.with_article()), fold(ctx.display(e)))
        for e in ctx.ents.entities.values()
    )


def _literal(ctx: Context, m) -> bool:
    """A city counts as a place only after "à": "Moscou pourrait espérer…" means Russia, not the city."""
    return (
        m.entity.type not in ("city", "place")
        or ctx.article.text[max(0, m.start - 2) : m.start] == "à "
    )


def cloze_questions(ctx: Context) -> list[Candidate]:
    """A key name of a sentence blanked, to choose among names of its kind; a long
    sentence is cut down to the clause that holds the name (``trim.shorten``), and a
    sentence with several key names gives a cloze on each of the first two."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        if len(sent.text.split()) < 8 or _DANGLING.match(readable(sent)[0]) or not _has_verb(sent):
            continue
        if sent.text.rstrip().endswith((":", "?")):
            continue  # « Vous pouvez également consulter les articles suivants : »
        keys = [m for m in sent.mentions if m.entity.type in (*_KEY_TYPES, "place")]
        keys = [
            m
            for m in keys
            if (m.entity.type != "person" or len(m.text.split()) >= 2) and _literal(ctx, m)
        ]
        keys.sort(
            key=lambda m: (m.entity.type == "person", ctx.ents.counts.get(m.entity.id, 0)),
            reverse=True,
        )
        made = 0
        for key in keys:
            if made == 2:
                break
            c = _cloze_on(ctx, sent, key)
            if c is not None:
                out.append(c)
                made += 1
    return out


_VOWEL_START = re.compile(r"[aeiouyâàéèêëîïôöûüAEIOUYÂÀÉÈÊËÎÏÔÖÛÜ]")  # « h »: « du Honduras »


def _cloze_on(ctx: Context, sent: SentenceInfo, key) -> Candidate | None:
    """The cloze blanking ``key`` in ``sent`` (or in its shortened form), or None."""
    found = _cloze_text(sent, key)
    if found is None:
        return None
    text, s, e = found
    blank = _blank_span(ctx, key, text, s, e)
    if blank is None:
        return None
    s, e, answer, art = blank
    contracted = re.search(r"\b(?:du|au|aux|des)\s$", text[:s]) is not None
    if contracted and key.entity.type == "country" and not key.entity.article:
        return None
    after_en = re.search(r"\ben\s$", text[:s]) is not None
    stem = _cloze_stem(text[:s] + "{1}" + text[e:])
    elided = re.search(r"\b(?:[dlDL]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)'$", text[:s]) is not None
    opts, gaz = entity_options(
        ctx,
        key.entity,
        answer,
        stem,
        n=8 if elided else 3,
        # « la loi du {1} »: « du Qatar », never « du Égypte »
        same_article=bool(art) and art.group().lower() != "l'" or contracted,
        feminine_only=after_en,
    )
    if elided:  # « le commandement central d'{1} »: only a name that takes « d' » fits
        opts = [o for o in opts if _VOWEL_START.match(o)][:3]
    if len(opts) < 3:
        return None
    if s == 0:
        answer, opts = answer[:1].upper() + answer[1:], [o[:1].upper() + o[1:] for o in opts]
    q = cloze_question(sent, stem, choice_blank(answer, opts, stem), "cloze", key.text)
    score = 0.5 - 0.02 * gaz - _vague(text) - (0.04 if text != sent.text else 0.0)
    return Candidate(q, sent, [answer, key.text, *key.entity.aliases], score)


def _cloze_text(sent: SentenceInfo, key) -> tuple[str, int, int] | None:
    """The sentence (shortened when long, its opening « il » named) and where ``key`` is
    in it; None when it is too long, leans on what came before, or names the answer
    elsewhere."""
    if key.start - sent.start < replaced_end(sent):
        return None  # the name was in the words the referent replaced
    text, shift = readable(sent)
    s, e = key.start - sent.start + shift, key.end - sent.start + shift
    if len(text) > 160:
        short = shorten(text, s, e)
        if short is None:
            return None
        text, s, e = short.text, short.start, short.end
    if len(text) > 210 or _BACK_REFERENCE.search(text) or _DANGLING.match(text):
        return None
    if fold(text).count(fold(key.text)) > 1 or any(
        fold(a) in fold(text[:s] + text[e:]) for a in key.entity.aliases if len(a) > 3
    ):
        return None  # the other mention would give the answer away
    return text, s, e


def _blank_span(ctx: Context, key, text: str, s: int, e: int):
    """(start, end, answer, article before it): what the blank covers, with the article
    of a country or an organisation; None when the words around it give the answer away."""
    answer = key.text
    kind = key.entity.type
    art = re.search(r"(?:\b[Ll]a |\b[Ll]e |\b[Ll]es |\b[Ll]')$", text[:s])
    if kind in ("country", "org") and art:
        s = art.start()  # the blank takes the article: "l'{1}" would rule out "la Russie"
        answer = text[s:e]
    elif (
        kind in ("country", "org") and key.entity.article and re.search(r"\b(?:de|à)\s$", text[:s])
    ):
        return None
    if kind == "person" and re.match(r",\s(?:l'|le |la )?[a-zé]", text[e:]):
        if key.entity.id in ctx.ents.roles:
            return None  # "Selon {1}, secrétaire d'État américain": the apposition gives it
    if kind == "person" and re.search(r"(?:président|ministre|chef)\s[a-zé-]+\s$", text[:s]):
        return None  # "le président ukrainien {1}": only one option fits
    if kind in ("person", "city", "place") and re.search(
        r"\b(?:d|l|qu|jusqu)'$", text[:s], re.IGNORECASE
    ):
        return None  # « par la voix d'{1} »: only a name with a vowel fits
    # « à {1} (Suède) », « à {1} (Creuse) »: the parenthesis says where; it goes
    e_cut = re.match(r"\s*\(\s*[A-ZÉ][^()]{1,40}\)", text[e:])
    if e_cut:
        e += e_cut.end()
    if re.search(r"\b(?:une?|des)\s$", text[:s]):
        return None  # "une {1} plus petite": a figurative use, and the adjectives give it away
    if kind == "person" and (re.match(r"\s[A-ZÉ][\w-]+", text[e:]) or _name_goes_on(ctx, key)):
        return None  # « {1} Morel », « Amina {1} »: a name the parse cut in two
    return s, e, answer, art
