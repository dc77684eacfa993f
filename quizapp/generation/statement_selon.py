"""Points of view: « selon X, … » and « pour X, « … » » asked as « Selon qui, … ? »."""

from __future__ import annotations

import re

from .context import Context, SentenceInfo
from .entities import Mention
from .statement_grammar import (
    PERSON_LIKE,
    Statement,
    apposition_ok,
    clause_end,
    has_finite,
    in_quote,
    proper_start,
)
from .statement_wording import RELATIVE_TIME, drop_relative_time, first_quote, fit, quotes_in
from .text import fold


def selon_statements(ctx: Context, sent: SentenceInfo) -> list[Statement]:
    """ "Selon X, …" / "Pour X, « … »" -> "Selon qui, … ?"."""
    out = []
    text = sent.text
    for m in sent.mentions:
        if m.entity.type not in PERSON_LIKE:
            continue
        rel = m.start - sent.start
        lead = re.search(
            r"(?:^|,\s*|\bque\s+)(?P<w>[Ss]elon|[Pp]our|[Dd]'après)\s+"
            r"(?:(?:le|la|l')\s?[^,;:«»]{1,60}?(?:,\s*|\s))?$",
            text[:rel],
        )
        if not lead or in_quote(text, rel):
            continue
        word = lead.group("w").lower()
        if word == "pour" and m.entity.type != "person":
            continue
        close = re.match(r"\s*,\s*", text[m.end - sent.start :])
        if not close:
            continue  # "…, selon X." at the end: the question would start mid-sentence
        if not _opens_sentence(text[: lead.start()].strip(" ,")):
            continue  # "Les chiffres, selon X, …": keep to sentences it opens
        rest_start = _past_apposition(ctx, sent, m, m.end - sent.start + close.end())
        statement = _selon_statement(ctx, sent, m, word, rest_start)
        if statement is not None:
            out.append(statement)
    return out


def _opens_sentence(lead_text: str) -> bool:
    """Nothing but a time or a conjunction stands before "selon X"."""
    return (
        not lead_text
        or bool(RELATIVE_TIME.fullmatch(lead_text))
        or bool(re.search(r"\b(?:tandis que|alors que|et|mais)$", lead_text))
    )


def _past_apposition(ctx: Context, sent: SentenceInfo, m: Mention, rest_start: int) -> int:
    """Where the words after "selon X," start, past an apposition to X
    ("Pour X, gilet jaune du Val-d'Oise, le moratoire est …")."""
    text = sent.text
    segs = re.match(r"((?:[^,;:«»]|«[^«»]*»){1,80}?),\s*", text[rest_start:])
    if not segs or "«" in segs.group(1) or re.match(r"\s*«", text[rest_start + segs.end() :]):
        return rest_start
    head = segs.group(1)
    if (m.entity.id in ctx.ents.roles and fold(ctx.ents.roles[m.entity.id]) in fold(head)) or (
        apposition_ok(ctx, sent, rest_start, head)
        and has_finite(ctx, sent, rest_start + segs.end())
    ):
        return rest_start + segs.end()
    return rest_start


def _selon_statement(
    ctx: Context, sent: SentenceInfo, m: Mention, word: str, rest_start: int
) -> Statement | None:
    """X's point of view, from ``rest_start`` to the end of the clause, as "Selon qui, … ?"."""
    end, _ = clause_end(ctx, sent, rest_start)
    rest = sent.text[rest_start:end]
    quotes = quotes_in(rest)
    if word == "pour" and not quotes:
        return None  # "pour X" is a point of view only when it introduces X's words
    if len(rest.split()) < 4 or re.match(r"\s*(?:il|elle|ils|elles|c'|ce)\b", rest):
        return None
    rest = fit(drop_relative_time(rest))
    if rest is None:
        return None
    if not proper_start(ctx, sent, rest_start):
        rest = rest[:1].lower() + rest[1:]
    return Statement(sent, m, "estimer", f"Selon qui, {rest} ?", first_quote(quotes))
