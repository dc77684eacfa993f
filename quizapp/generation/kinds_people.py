"""Questions about people: who met whom (who said what: kinds_speech; who holds which office: kinds_roles)."""

from __future__ import annotations

import re

from .context import (
    Candidate,
    Context,
    SentenceInfo,
    entity_gender,
    explanation,
    mcq,
    source_of,
)
from .date_options import date_distractors
from .dates import DateValue
from .distractors import entity_options
from .entities import Mention
from .question_wording import invert

_MEET = re.compile(r"\brencontr[eé]|\bs'est entretenue? avec\b|\ba reçu\b")


def _persons(ctx: Context, sent: SentenceInfo) -> list[Mention]:
    return [m for m in sent.mentions if m.entity.type == "person"]


def _setting(
    ctx: Context, sent: SentenceInfo, who: Mention
) -> tuple[str, DateValue | None, SentenceInfo | None]:
    """Where and when a meeting took place: this sentence, or the last ones naming the same person."""
    for back in range(0, 4):
        i = sent.index - back
        if i < 0:
            break
        s = ctx.sentences[i]
        if back and not any(m.entity.id == who.entity.id for m in s.mentions):
            continue
        place = next(
            (
                m
                for m in s.mentions
                if m.entity.type == "city" and ctx.article.text[m.start - 2 : m.start] == "à "
            ),
            None,
        )
        day = next((d.value for d in s.dates if d.value.precision == "day"), None)
        if place or day:
            return (place.text if place else ""), day, (s if back else None)
    return "", None, None


def meeting_questions(ctx: Context) -> list[Candidate]:
    """Who met whom, where and when, from a sentence that tells of a meeting."""
    out: list[Candidate] = []
    seen: set[frozenset] = set()
    for sent in ctx.sentences:
        if not _MEET.search(sent.text):
            continue
        pair = _meeting_pair(ctx, sent)
        if not pair or pair[0].entity.id == pair[1].entity.id:
            continue
        key = frozenset((pair[0].entity.id, pair[1].entity.id))
        if key in seen:
            continue
        seen.add(key)
        out += _meeting_candidates(ctx, sent, *pair)
    return out


def _meeting_pair(ctx: Context, sent: SentenceInfo):
    """(host, guest): the two people the sentence says met, or None."""
    people = _persons(ctx, sent)
    m = re.search(r"rencontre (?:avec|entre) ", sent.text)
    if m and len(people) >= 2:
        after = [p for p in people if p.start - sent.start >= m.end()]
        if "entre" in m.group() and len(after) >= 2:
            return after[0], after[1]
        if len(after) >= 2:
            return after[1], after[0]  # "lors d'une rencontre avec B, A a déclaré"
        return None
    if len(people) >= 2 and re.search(r"a rencontré|s'est entretenue? avec|a reçu", sent.text):
        return people[0], people[1]
    return None


def _meeting_candidates(ctx: Context, sent: SentenceInfo, a, b) -> list[Candidate]:
    """ "Qui A a-t-il rencontré ?", and where and when when the article says."""
    out: list[Candidate] = []
    place, day, other = _setting(ctx, sent, a)
    a_name, b_name = ctx.display(a.entity), ctx.display(b.entity)
    pron = "elle" if entity_gender(a.entity) == "f" else "il"
    where = f" à {place}" if place else ""
    when = f" {day.text()}" if day else ""
    stem = f"Qui {a_name} {invert('a', pron)} rencontré{where}{when} ?"
    opts, gaz = entity_options(ctx, b.entity, b_name, stem)
    if len(opts) == 3:
        forms = [b_name, *b.entity.aliases]
        out.append(
            _meeting_mcq(sent, other, stem, b_name, opts, forms, 0.92 - 0.02 * gaz, kind="meeting")
        )
    if place:
        both_f = entity_gender(a.entity) == "f" and entity_gender(b.entity) == "f"
        stem = (
            f"Où {a_name} et {b_name} se sont-{'elles' if both_f else 'ils'} "
            f"rencontré{'es' if both_f else 's'}{when} ?"
        )
        city = next(m for m in (other or sent).mentions if m.text == place)
        opts, gaz = entity_options(ctx, city.entity, place, stem)
        if len(opts) == 3:
            out.append(
                _meeting_mcq(
                    sent, other, stem, place, opts, [place], 0.86 - 0.02 * gaz, kind="meeting"
                )
            )
    if day:
        stem = f"Quand {a_name} {invert('a', pron)} rencontré {b_name}{where} ?"
        others = [d.value for s in ctx.sentences for d in s.dates]
        wrong = [d.text() for d in date_distractors(day, others, latest=ctx.article.date)]
        if len(wrong) == 3:
            answer = day.text()
            out.append(_meeting_mcq(sent, other, stem, answer, wrong, [answer], 0.84, kind="date"))
    return out


def _meeting_mcq(
    sent: SentenceInfo,
    other: SentenceInfo | None,
    stem: str,
    answer: str,
    wrong: list[str],
    forms: list[str],
    score: float,
    *,
    kind: str,
) -> Candidate:
    """A meeting's choice question, explained by the sentence (and the one that says
    where or when, if another)."""
    q = mcq(
        stem,
        answer,
        wrong,
        kind=kind,
        source=source_of(sent),
        explanation=explanation(sent, answer, other),
        tags=["meeting", "date"] if kind == "date" else ["meeting"],
    )
    return Candidate(q, sent, forms, score)


_FEM_ADJ = [
    ("ien", "ienne"),
    ("éen", "éenne"),
    ("ain", "aine"),
    ("ais", "aise"),
    ("ois", "oise"),
    ("and", "ande"),
    ("al", "ale"),
    ("in", "ine"),
    ("an", "ane"),
    ("c", "que"),
    ("é", "ée"),
]
_FEM_NOUN = {
    "président": "présidente",
    "chancelier": "chancelière",
    "ambassadeur": "ambassadrice",
    "dirigeant": "dirigeante",
    "ancien": "ancienne",
    "représentant": "représentante",
    "directeur": "directrice",
    "Premier": "Première",
    "secrétaire": "secrétaire",
}


def feminine(role: str) -> str:
    """ "président chinois" -> "présidente chinoise": wrong options must agree with the answer."""
    words = role.split()
    out, in_complement = [], False
    for w in words:
        if w in ("de", "du", "des", "d'", "à") or w.startswith(("d'", "l'")):
            in_complement = True
        if w in _FEM_NOUN:
            w = _FEM_NOUN[w]
        elif not in_complement and w[:1].islower():
            for m, f in _FEM_ADJ:
                if w.endswith(m) and not w.endswith(f):
                    w = w[: -len(m)] + f
                    break
        out.append(w)
    return " ".join(out)
