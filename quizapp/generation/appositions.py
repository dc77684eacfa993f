"""Reading appositions off the parse: a noun phrase the article puts next to a name
(« Jeanne Morel, directrice du bureau Afrique de l'ONG », « le Premier ministre
portugais X », « X est une firme japonaise ») and what it tells about the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .apposition_phrases import (
    POSSESSIVE,
    RELATIONAL,
    TITLE_HEADS,
    clean_phrase,
    inner_noun_phrase,
    is_adj,
    is_head_candidate,
    phrase_end,
    phrase_gender,
    phrase_start,
)
from .context import Context, SentenceInfo
from .distractors import clashes
from .gazetteer import Entity
from .name_runs import Names, Run, lowered, run_after, run_before
from .text import fold

_PAST = frozenset("ancien ancienne ex ex- anciens anciennes".split())


#: Words that only make sense where the article says them: never in a stem or an option.
_DEICTIC = re.compile(
    r"(?i)(?<!\w)(?:hier|demain|aujourd'hui|ce (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"|même|celui-ci|celle-ci|dernier en date|lui|elle|eux|notre|nos|votre|vos|mon|ma|mes)(?!\w)"
)


_COPULA_BEFORE = re.compile(
    r"(?:^|\s)(?P<verb>est|était|(?:a|avait)(?: précédemment| déjà| auparavant| aussi)? été|fut"
    r"|reste|demeure|devient|est devenue?)\s+$"
)


@dataclass
class Apposition:
    """A noun phrase the article puts next to a name, and what it tells about the name."""

    holder: str  # the name, as the article writes it ("Marie Lefort", "l'Unesco")
    entity: Entity | None
    phrase: str  # without its determiner: "porte-parole du gouvernement valdorien"
    det: str  # the determiner the article used ("le", "l'", "son", "" …), lower case
    head: str  # the head noun, lower case
    gender: str  # of the phrase: f | m | ''
    plural: bool
    is_title: bool  # headed by a title noun
    person: bool  # the holder is a person
    past: bool  # "ancien ministre", "a été ministre"
    sent: SentenceInfo
    start: int  # char offsets of the phrase in the article
    end: int
    pattern: str = ""  # after ("X, titre"), before ("le titre X"), comma, copula
    cut: bool = False  # a complement pointing back ("du pays") was dropped: too vague to ask


def _is_person(run: Run, doc, is_title: bool) -> bool:
    if doc[run.start].text.lower() in ("le", "la", "les", "l'"):
        return False  # "Le Courrier", "La Gazette": a title of a paper, not a person
    if run.mention is not None:
        return run.mention.entity.type == "person"
    return is_title and run.end - run.start >= 2


def find_appositions(ctx: Context) -> list[Apposition]:
    """Every (name, noun phrase) pair the article puts side by side (found once per
    article: the role and the definition questions both read them)."""
    if "appositions" not in ctx.cache:
        ctx.cache["appositions"] = _find_appositions(ctx)
    return ctx.cache["appositions"]


def _find_appositions(ctx: Context) -> list[Apposition]:
    names = Names(ctx)
    out: list[Apposition] = []
    seen: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        span = sent.span
        if span is None or not len(span):
            continue
        chained: dict[int, tuple[Run, bool]] = {}  # "X, ancien A et ancien B": B's holder too
        for h in range(span.start, span.end):
            found = _apposition_at(ctx, names, sent, h, chained)
            if found is None:
                continue
            key = (fold(found.holder), fold(found.phrase))
            if key in seen:
                continue
            seen.add(key)
            out.append(found)
    return out


def _apposition_at(
    ctx: Context, names: Names, sent: SentenceInfo, h: int, chained: dict
) -> Apposition | None:
    """The apposition whose phrase is headed by token ``h``, if the article sets one there."""
    doc = ctx.doc
    found = _phrase_and_holder(ctx, names, sent, h, chained)
    if found is None:
        return None
    start, det, end, is_title, run, pattern, past_verb = found
    low = lowered(doc[h])
    person = _is_person(run, doc, is_title)
    if run.mention is not None and run.mention.entity.type in (
        "country",
        "city",
        "region",
        "place",
    ):
        return None  # places have their own questions
    first = start + (1 if det else 0)
    phrase = clean_phrase(ctx.article.text[doc[first].idx : doc[end - 1].idx + len(doc[end - 1])])
    if not _worth_asking(doc, run, h, end, phrase, det, pattern, person, is_title):
        return None
    cut = ANAPHORIC.search(phrase) if is_title else None
    if cut:
        phrase = phrase[: cut.start()].strip()  # "chef du gouvernement du pays": which one?
    holder = _holder_text(ctx, doc, run)
    if fold(holder) in fold(phrase) or re.search(r"\b(?:son|sa|ses|leur|leurs)\b", phrase):
        return None
    if pattern == "after" and end < sent.span.end and lowered(doc[end]) == "et":
        chained[end] = (run, past_verb)
    number = doc[h].morph.get("Number")
    return Apposition(
        holder=holder,
        entity=run.mention.entity if run.mention is not None else None,
        phrase=phrase,
        det=det,
        head=low,
        gender=phrase_gender(doc, first, h, end, det),
        plural=bool(number and number[0] == "Plur") or det in ("les", "des", "aux"),
        is_title=is_title,
        person=person,
        past=past_verb or bool(_PAST & {lowered(t) for t in doc[first:h]}),
        sent=sent,
        start=doc[first].idx,
        end=doc[end - 1].idx + len(doc[end - 1]),
        pattern=pattern,
        cut=bool(cut),
    )


def _phrase_and_holder(ctx: Context, names: Names, sent: SentenceInfo, h: int, chained: dict):
    """(start, determiner, end, is_title, run, pattern, past): the noun phrase headed by
    token ``h`` and the name it is set against; None when it is no such phrase."""
    doc = ctx.doc
    lo, hi = sent.span.start, sent.span.end
    tok = doc[h]
    if not is_head_candidate(tok) or h in names.person_start:
        return None
    is_title = lowered(tok) in TITLE_HEADS
    if not is_title and (tok.pos_ != "NOUN" or not tok.text[:1].islower()):
        return None
    start, det = phrase_start(doc, h, lo)
    end = phrase_end(doc, h, hi, names, is_title)
    found = _holder(ctx, doc, names, sent, start, end, det, is_title)
    if found is None and start - 1 in chained and is_title:
        run, past = chained[start - 1]
        found = (run, "after", past)
    if found is None:
        return None
    return (start, det, end, is_title, *found)


def _worth_asking(
    doc,
    run: Run,
    h: int,
    end: int,
    phrase: str,
    det: str,
    pattern: str,
    person: bool,
    is_title: bool,
) -> bool:
    """Whether the phrase tells something about the name that a question can ask."""
    low = lowered(doc[h])
    words = phrase.split()
    if person and not is_title:
        # "le socialiste Paolo Verdi": a one-word description right before the name
        if pattern != "before" or det not in ("le", "la", "l'") or len(words) != 1:
            return False
    if not person:
        if pattern == "after" and det in ("les", "des") and run.end - run.start == 1:
            return False  # "les chars d'Abrams, les véhicules de …": a list, not a definition
        if is_title or low in RELATIONAL or not run.known or len(words) < 2:
            return False
        if any(w.lower() in TITLE_HEADS for w in words[1:]) or "«" in phrase:
            return False  # "la visite officielle du président iranien X": X is the président's
        if pattern == "before" and inner_noun_phrase(doc, h, end):
            return False  # "le projet d'oléoduc de la compagnie X": X is the compagnie's
    if is_title and low in RELATIONAL:
        return False  # "son successeur X": says how two people relate, not an office
    return not (not phrase or _DEICTIC.search(phrase) or re.match(r"(?i)autres?\b", phrase))


def _holder_text(ctx: Context, doc, run: Run) -> str:
    if run.mention is not None and run.mention.entity.type == "person":
        return ctx.display(run.mention.entity)
    return ctx.article.text[doc[run.start].idx : doc[run.end - 1].idx + len(doc[run.end - 1])]


def _closes(doc, end: int, hi: int) -> bool:
    if end >= hi:
        return True
    t = doc[end]
    if t.text in (",", ".", ")", ";", "»", ":") or t.pos_ in ("AUX", "VERB"):
        return True
    if lowered(t) == "et" and end + 1 < hi:  # "X, ancien A et ancien B"
        nxt = doc[end + 1]
        return is_adj(nxt) or lowered(nxt) in TITLE_HEADS
    return False


def _holder(
    ctx: Context, doc, names: Names, sent, start: int, end: int, det: str, is_title: bool
) -> tuple[Run, str, bool] | None:
    """The name a phrase is set against (before it, after it, or linked by a copula) and how."""
    return (
        _holder_before(doc, names, sent, start, end, det)
        or _holder_after(doc, names, sent, start, end, det, is_title)
        or _holder_by_copula(ctx, doc, names, sent, start, det, is_title)
    )


def _holder_before(doc, names: Names, sent, start: int, end: int, det: str):
    """ "Jeanne Morel, directrice …" / "l'Unesco, l'agence …" / "X, officiellement le …"."""
    lo, hi = sent.span.start, sent.span.end
    k = start - 1
    if k > lo and doc[k].pos_ == "ADV" and doc[k].text[:1].islower():
        k -= 1
    if k > lo and doc[k].text == "," and det not in POSSESSIVE and _closes(doc, end, hi):
        run = run_before(doc, k, names, lo)
        if run is not None:
            return run, "after", False
    return None


def _holder_after(doc, names: Names, sent, start: int, end: int, det: str, is_title: bool):
    """ "le Premier ministre portugais Paulo Ramos", "Le Premier ministre, Paul Durand, …"."""
    lo, hi = sent.span.start, sent.span.end
    if not (det or (is_title and (start == lo or doc[start - 1].pos_ in ("ADP", "PUNCT")))):
        return None
    run = run_after(doc, end, names, hi)
    if run is not None:
        return run, "before", False
    if is_title and end + 1 < hi and doc[end].text == "," and det in ("le", "la", "l'", "du", "au"):
        run = run_after(doc, end + 1, names, hi)
        ok = run is not None and (
            end + 1 in names.person_start or (run.mention is None and run.end - run.start >= 2)
        )
        if ok and (
            run.end >= hi
            or doc[run.end].text in (",", ".", ";")
            or doc[run.end].pos_ in ("AUX", "VERB")
        ):
            return run, "comma", False
    return None


def _holder_by_copula(ctx: Context, doc, names: Names, sent, start: int, det: str, is_title: bool):
    """ "X est une firme japonaise", "X avait été ministre de …"."""
    lo, hi = sent.span.start, sent.span.end
    cm = _COPULA_BEFORE.search(ctx.article.text[sent.start : doc[start].idx])
    if cm is None or (
        det not in ("un", "une", "") and not (is_title and det in ("le", "la", "l'"))
    ):
        return None
    vtok = next((t for t in doc[lo:hi] if t.idx >= sent.start + cm.start("verb")), None)
    if vtok is None or vtok.i <= lo:
        return None
    run = run_before(doc, vtok.i, names, lo)
    if run is None:
        return None
    if run.start > lo and doc[run.start - 1].pos_ not in ("PUNCT", "DET", "ADV", "CCONJ"):
        return None
    return run, "copula", bool(re.search(r"été|était|fut", cm.group("verb")))


#: A complement that points back to something named earlier ("du pays", "de l'organisation").
ANAPHORIC = re.compile(
    r"(?:\b(?:du|de la|des)\s|\bde l')(?:pays|ville|groupe|organisation|parti|mouvement|entreprise"
    r"|société|région|firme|compagnie|banque|formation|institution|mouvance)$"
)


def same_holder(a: Apposition, b: Apposition) -> bool:
    if a.entity is not None and b.entity is not None and a.entity.id == b.entity.id:
        return True
    return clashes(a.holder, b.holder)
