"""Questions on what the article's actors said: who declared, denounced, demanded what.

The statements come from ``statements.find_statements``, which reads them off the
sentence's grammar; nothing here depends on who the actors are.
"""

from __future__ import annotations

import re

from .context import Candidate, Context, explanation, mcq, source_of
from .distractors import clashes, entity_options
from .entities import Mention
from .statement_wording import short_quote
from .statements import Statement, find_statements
from .text import fold


def _answer_of(ctx: Context, m: Mention) -> str:
    if m.entity.type == "person":
        return ctx.display(m.entity)
    text = m.text
    if m.entity.type in ("country", "org") and not re.match(r"(?i)(la |le |les |l')", text):
        art = m.entity.with_article()
        text = art if fold(art) == fold(m.text) else m.text
    return text[:1].upper() + text[1:]


def speech_questions(ctx: Context) -> list[Candidate]:
    """ "Qui a déclaré : « … » ?", "Qui a dénoncé … ?", "Selon qui, … ?" and "Qu'a déclaré X ?"."""
    statements = find_statements(ctx)
    out: list[Candidate] = []
    seen: set[str] = set()
    for st in statements:
        if st.stem in seen:
            continue
        seen.add(st.stem)
        answer = _answer_of(ctx, st.speaker)
        forms = [answer, st.speaker.text, *st.speaker.entity.aliases]
        if st.speaker.entity.type == "person":
            forms.append(answer.split()[-1])
        if any(
            re.search(rf"(?<!\w){re.escape(fold(f))}(?!\w)", fold(st.stem))
            for f in forms
            if len(fold(f)) >= 3
        ):
            continue  # the stem names the speaker
        opts, gaz = entity_options(ctx, st.speaker.entity, answer, st.stem)
        if len(opts) < 3:
            continue
        kind = "quote" if st.quote else "position"
        via = st.via
        q = mcq(
            st.stem,
            answer,
            opts,
            kind=kind,
            source=source_of(st.sent),
            explanation=explanation(st.sent, answer, via),
            tags=["quote" if st.quote else "speech"],
        )
        score = (0.88 if st.quote else 0.83) - 0.02 * gaz
        score -= 0.05 if len(st.stem) > 170 else 0.0
        score -= 0.02 if via is not None else 0.0
        score -= 0.03 if st.stem.startswith("Selon qui") else 0.0
        out.append(Candidate(q, st.sent, forms, score))
    out += _what_said(ctx, statements)
    return out


_SAID = {"déclarer", "affirmer", "dire", "lancer", "expliquer", "estimer", "prévenir", "avertir"}


def _what_said(ctx: Context, statements: list[Statement]) -> list[Candidate]:
    """ "Qu'a déclaré X ?" with the other speakers' quotations as the wrong options."""
    quoted = [s for s in statements if s.quote and len(s.quote.split()) >= 4]
    out = []
    done: set[tuple[str, str]] = set()
    for st in quoted:
        if st.verb not in _SAID or not re.match(r"Qui (?:a \w+|\w+) : «", st.stem):
            continue
        key = (st.speaker.entity.id, st.quote)
        if key in done:
            continue
        done.add(key)
        others: list[str] = []
        for o in quoted:
            if o.speaker.entity.id == st.speaker.entity.id:
                continue
            text = short_quote(o.quote, 16)
            if not any(clashes(text, p) for p in [*others, st.quote]):
                others.append(text)
        if len(others) < 3:
            continue
        name = ctx.display(st.speaker.entity)
        vg = st.stem[len("Qui ") : st.stem.index(" :")]
        if vg.startswith("a "):
            stem = f"Qu'a {vg[2:]} {name} ?"
        else:
            stem = f"Qu'{vg} {name} ?" if re.match(r"[aeiouyéè]", vg) else f"Que {vg} {name} ?"
        answer = short_quote(st.quote, 16)
        q = mcq(
            stem,
            f"« {answer} »",
            [f"« {o} »" for o in others[:3]],
            kind="quote",
            source=source_of(st.sent),
            explanation=explanation(st.sent, name, st.via),
            tags=["quote"],
        )
        out.append(Candidate(q, st.sent, [answer], 0.78))
    return out
