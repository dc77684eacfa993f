"""Cleft sentences: « C'est finalement Anne Morel qui a remporté l'élection » puts its
actor first, before « qui » and the verb. ``kinds_clefts`` asks who it was, and
``clause_questions.antecedent`` takes the actor as the « il » or « elle » of the
sentence after (« Elle succède à … »)."""

from __future__ import annotations

import re

from .context import Context, SentenceInfo

#: Whom a cleft may put first: a person, a country or an organisation.
FOCUS_TYPES = ("person", "country", "org")

#: « C'est (finalement) [l'Italien] Anne Morel qui … »; the focus is one name with at
#: most a determiner and a word or two (a nationality, a title) before it.
_CLEFT = re.compile(
    r"^(?:(?:Et|Mais|Or|Finalement|Au final),?\s+)?C'est\s+"
    r"(?:(?:finalement|donc|alors|bien|ainsi|aussi|désormais|encore|surtout)\s+)*"
    r"(?P<focus>[^,;«»]{2,80}?)\s+qui\s+(?P<vp>[^«»]{8,170}?)\s*[.!]?\s*$"
)
_BEFORE_NAME = re.compile(r"(?:(?:l'|le |la |les )?[^\W\d_][\w-]*\s+){0,2}")


def cleft_focus(ctx: Context, sent: SentenceInfo):
    """(the mention in focus, what follows « qui ») of a cleft sentence, or None."""
    found = _CLEFT.match(sent.text)
    if found is None:
        return None
    focus_start = sent.start + found.start("focus")
    focus_end = sent.start + found.end("focus")
    inside = [
        m
        for m in sent.mentions
        if focus_start <= m.start and m.end <= focus_end and m.entity.type in FOCUS_TYPES
    ]
    if len(inside) != 1 or inside[0].end != focus_end:
        return None  # two names, or words after the name: « c'est X lui-même qui »
    before = ctx.article.text[focus_start : inside[0].start]
    if not _BEFORE_NAME.fullmatch(before):
        return None
    return inside[0], found.group("vp")
