"""Questions about people: who met whom, who said what, who holds which office."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .clauses import invert
from .context import (
    Candidate,
    Context,
    SentenceInfo,
    de,
    entity_gender,
    explanation,
    mcq,
    source_of,
)
from .dates import DateValue, date_distractors
from .distractors import clashes, entity_options
from .entities import Mention

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
    out: list[Candidate] = []
    seen: set[frozenset] = set()
    for sent in ctx.sentences:
        if not _MEET.search(sent.text):
            continue
        people = _persons(ctx, sent)
        pair = None
        m = re.search(r"rencontre (?:avec|entre) ", sent.text)
        if m and len(people) >= 2:
            after = [p for p in people if p.start - sent.start >= m.end()]
            if "entre" in m.group() and len(after) >= 2:
                pair = (after[0], after[1])
            elif len(after) >= 2:
                pair = (after[1], after[0])  # "lors d'une rencontre avec B, A a déclaré"
        elif len(people) >= 2 and re.search(
            r"a rencontré|s'est entretenue? avec|a reçu", sent.text
        ):
            pair = (people[0], people[1])
        if not pair or pair[0].entity.id == pair[1].entity.id:
            continue
        key = frozenset((pair[0].entity.id, pair[1].entity.id))
        if key in seen:
            continue
        seen.add(key)
        a, b = pair
        place, day, other = _setting(ctx, sent, a)
        a_name, b_name = ctx.display(a.entity), ctx.display(b.entity)
        pron = "elle" if entity_gender(a.entity) == "f" else "il"
        where = f" à {place}" if place else ""
        when = f" {day.text()}" if day else ""
        stem = f"Qui {a_name} {invert('a', pron)} rencontré{where}{when} ?"
        opts, gaz = entity_options(ctx, b.entity, b_name, stem)
        if len(opts) == 3:
            q = mcq(
                stem,
                b_name,
                opts,
                kind="meeting",
                source=source_of(sent),
                explanation=explanation(sent, b_name, other),
                tags=["meeting"],
            )
            out.append(Candidate(q, sent, [b_name, *b.entity.aliases], 0.92 - 0.02 * gaz))
        if place:
            both_f = entity_gender(a.entity) == "f" and entity_gender(b.entity) == "f"
            stem = (
                f"Où {a_name} et {b_name} se sont-{'elles' if both_f else 'ils'} "
                f"rencontré{'es' if both_f else 's'}{when} ?"
            )
            city = next(m for m in (other or sent).mentions if m.text == place)
            opts, gaz = entity_options(ctx, city.entity, place, stem)
            if len(opts) == 3:
                q = mcq(
                    stem,
                    place,
                    opts,
                    kind="meeting",
                    source=source_of(sent),
                    explanation=explanation(sent, place, other),
                    tags=["meeting"],
                )
                out.append(Candidate(q, sent, [place], 0.86 - 0.02 * gaz))
        if day:
            stem = f"Quand {a_name} {invert('a', pron)} rencontré {b_name}{where} ?"
            others = [d.value for s in ctx.sentences for d in s.dates]
            wrong = [d.text() for d in date_distractors(day, others)]
            if len(wrong) == 3:
                q = mcq(
                    stem,
                    day.text(),
                    wrong,
                    kind="date",
                    source=source_of(sent),
                    explanation=explanation(sent, day.text(), other),
                    tags=["meeting", "date"],
                )
                out.append(Candidate(q, sent, [day.text()], 0.84))
    return out


_SAY = (
    r"déclaré|affirmé|lancé|ajouté|souligné|estimé|prévenu|averti|dit|assuré|expliqué|indiqué|martelé"
    r"|insisté|répondu|annoncé|promis|reconnu|confié|regretté|dénoncé"
)
_SAY_PRESENT = (
    r"ajoute|déclare|affirme|estime|souligne|assure|explique|indique|prévient|avertit|dit|annonce"
)


def _quotes(sent: SentenceInfo) -> list[re.Match]:
    return [m for m in re.finditer(r"« ([^«»]+?) »", sent.text) if len(m.group(1).split()) >= 5]


def _speaker(ctx: Context, sent: SentenceInfo, q: re.Match) -> tuple[Mention | None, str]:
    """The person a quotation is attributed to, and the speech verb used."""
    before, after = sent.text[: q.start()], sent.text[q.end() :]
    people = _persons(ctx, sent)
    m = re.search(
        rf"(?:a|avait|ont)\s+(?:ainsi\s+|ensuite\s+)?({_SAY})\s*(?:à [^:«]+)?:\s*$", before
    ) or re.search(rf"\b({_SAY_PRESENT})\s+(?:qu'|que\s)\s*$", before)
    if m:
        cands = [p for p in people if p.end - sent.start <= m.start()]
        if cands:
            return cands[-1], m.group(1)
        if re.search(
            r"\b(?:Il|Elle)\s+(?:a|avait)\s+(?:ainsi\s+|ensuite\s+)?\S+\s*(?:à [^:«]+)?:\s*$",
            before,
        ):
            return _previous_person(ctx, sent), m.group(1)
        return None, m.group(1)
    m = re.match(rf"\s*,\s*(?:a|avait)\s+(?:ainsi\s+)?({_SAY})(-t-(?:il|elle))?\b", after)
    if m:
        if m.group(2):
            return _previous_person(ctx, sent), m.group(1)
        cands = [
            p
            for p in people
            if p.start - sent.start >= q.end() + m.end()
            and p.start - sent.start <= q.end() + m.end() + 80
        ]
        return (cands[0] if cands else None), m.group(1)
    m = re.search(r"\bpour\s+([^,«]+),\s*$", before)
    if m:
        cands = [p for p in people if m.start() <= p.start - sent.start <= m.end()]
        if cands:
            return cands[-1], "estimé"
    return None, ""


def _previous_person(ctx: Context, sent: SentenceInfo) -> Mention | None:
    for s in reversed(ctx.sentences[max(0, sent.index - 2) : sent.index + 1]):
        people = [
            m
            for m in s.mentions
            if m.entity.type == "person" and (s is not sent or m.start < sent.start + 5)
        ]
        if s is not sent and people:
            return people[-1]
    return None


def short_quote(text: str, limit: int = 24) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    cut = " ".join(words[:limit]).rstrip(",;:")
    return cut + " […]"


def quote_questions(ctx: Context) -> list[Candidate]:
    found = []
    for sent in ctx.sentences:
        for q in _quotes(sent):
            speaker, verb = _speaker(ctx, sent, q)
            if verb in ("ajoute", "ajouté"):
                verb = "déclaré"  # "Qui ajoute : …" needs what came before; the quote stands alone
            if speaker is not None:
                found.append((sent, q, speaker, verb))
    out: list[Candidate] = []
    for sent, q, speaker, verb in found:
        name = ctx.display(speaker.entity)
        quote = short_quote(q.group(1).strip())
        present = re.fullmatch(_SAY_PRESENT, verb) is not None
        stem = f"Qui {verb} : « {quote} » ?" if present else f"Qui a {verb} : « {quote} » ?"
        opts, gaz = entity_options(ctx, speaker.entity, name, stem)
        if len(opts) == 3:
            long_penalty = 0.06 if len(quote) > 140 else 0.0
            c = mcq(
                stem,
                name,
                opts,
                kind="quote",
                source=source_of(sent),
                explanation=explanation(sent, name),
                tags=["quote"],
            )
            out.append(
                Candidate(
                    c,
                    sent,
                    [name, *speaker.entity.aliases, name.split()[-1]],
                    0.88 - 0.02 * gaz - long_penalty,
                )
            )
        # what did they say: the other speakers' quotations make the wrong options
        others = [
            short_quote(o.group(1).strip(), 16)
            for s2, o, sp2, _ in found
            if sp2.entity.id != speaker.entity.id
        ]
        others = [o for i, o in enumerate(others) if all(not clashes(o, p) for p in others[:i])]
        if len(others) >= 3:
            answer = short_quote(q.group(1).strip(), 16)
            stem = (
                (f"Qu'{verb} {name} ?" if re.match(r"[aeiouyéè]", verb) else f"Que {verb} {name} ?")
                if present
                else f"Qu'a {verb} {name} ?"
            )
            c = mcq(
                stem,
                f"« {answer} »",
                [f"« {o} »" for o in others[:3]],
                kind="quote",
                source=source_of(sent),
                explanation=explanation(sent, name),
                tags=["quote"],
            )
            out.append(Candidate(c, sent, [answer], 0.78))
    return out


_FEMININE_ROLE = re.compile(
    r"\b(?:présidente|chancelière|ambassadrice|dirigeante|représentante|conseillère"
    r"|directrice|reine|sénatrice|députée|[a-zé-]+(?:ienne|éenne|aise|oise|aine|ne|ée))\b"
)


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


def _role_gender(role: str, person_gender: str) -> str:
    return person_gender or ("f" if _FEMININE_ROLE.search(role) else "m")


def role_questions(ctx: Context) -> list[Candidate]:
    from .gazetteer import load_gazetteer

    out: list[Candidate] = []
    roles = {pid: r for pid, r in ctx.ents.roles.items()}
    for pid, role in roles.items():
        person = ctx.ents.entities[pid]
        name = ctx.display(person)
        s, e = ctx.ents.role_spans[pid]
        sent = next((x for x in ctx.sentences if x.start <= s and e <= x.end), None)
        if sent is None:
            continue
        gender = _role_gender(role, person.gender)
        stem = f"Quelle est la fonction {de(name)} ?"
        pool = [r for p, r in roles.items() if p != pid]
        gaz = [p.role for p in load_gazetteer().by_type("person") if p.role and p.id != pid]
        gaz.sort(key=lambda r: -fuzz.token_set_ratio(r, role))
        pool += gaz
        wrong: list[str] = []
        for r in pool:
            if gender == "f":
                r = feminine(r)
            if _role_gender(r, "") != gender or any(clashes(r, x) for x in [role, *wrong]):
                continue
            wrong.append(r)
            if len(wrong) == 3:
                break
        if len(wrong) < 3:
            continue
        q = mcq(
            stem,
            role,
            wrong,
            kind="role",
            source=source_of(sent),
            explanation=explanation(sent, f"{name}, {role}"),
            tags=["role"],
        )
        out.append(Candidate(q, sent, [role], 0.84))
    return out
