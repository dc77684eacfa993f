"""Matching a typed answer against an expected one: normalising case, accents,
quotes and leading words, counting typos, and Moodle's ``*`` wildcard."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz.distance import OSA

from quizapp.domain.questiondata import Answer

CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2019\u2018\u201b\u02bc\u02b9\u0060\u00b4\u2032", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
    }
)


# A space or dot between digit groups of three is a thousands separator: 10 000 = 10.000 = 10000.
_THOUSANDS_SEP = re.compile(r"(?<=\d)[ .](?=\d{3}(?!\d))")


# One leading article, elided article or preposition of place, removed before comparing.
_LEADING_WORD = re.compile(
    r"^(?:de\s+la\s+|de\s+l'\s*|à\s+la\s+|à\s+l'\s*|l'\s*|d'\s*|"
    r"(?:le|la|les|un|une|des|du|de|au|aux|à|en)\s+)",
    re.IGNORECASE,
)


def strip_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def normalise_answer(
    text: str, *, case_sensitive: bool = False, accents_matter: bool = False
) -> str:
    """The comparable form of a short answer, so that trivial differences vanish.

    In order: Unicode compatibility forms (``ﬁ`` → ``fi``, non-breaking spaces
    → spaces); ligatures ``œ``/``æ`` → ``oe``/``ae``; typographic apostrophes
    → ``'`` and dashes → ``-``; thousands separators in numbers removed; one
    leading article, elided article or preposition dropped (``l'Ukraine``,
    ``d'Ukraine``, ``la Russie``, ``au Mali`` → ``Ukraine``, ``Russie``,
    ``Mali``) unless nothing would be left; case folded (unless
    ``case_sensitive``); accents removed (unless ``accents_matter``); dots
    deleted (``O.N.U.`` = ``ONU``) except between digits; every other
    punctuation mark, hyphen and apostrophe → a space; spaces collapsed.
    """
    s = unicodedata.normalize("NFKC", text).translate(CHAR_MAP)
    s = " ".join(s.split())
    s = _THOUSANDS_SEP.sub("", s)
    s = s.lstrip("«»\"“”'([ ")
    stripped = _LEADING_WORD.sub("", s, count=1)
    if stripped.strip(" '-.,"):
        s = stripped
    if not case_sensitive:
        s = s.casefold()
    if not accents_matter:
        s = strip_accents(s)
    out = []
    for i, c in enumerate(s):
        if c == ".":
            between_digits = 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()
            out.append(" " if between_digits else "")
        elif unicodedata.category(c).startswith("P"):
            out.append(" ")
        else:
            out.append(c)
    return " ".join("".join(out).split())


def allowed_typos(normalised_answer: str) -> int:
    """How many edits a response may be away from an accepted answer: none up
    to 4 letters or digits, 1 for 5 to 8, 2 beyond."""
    n = sum(c.isalnum() for c in normalised_answer)
    if n <= 4:
        return 0
    return 1 if n <= 8 else 2


def _short_options(options: Mapping[str, Any] | None) -> dict[str, bool]:
    options = options or {}
    return {
        "case_sensitive": bool(options.get("case_sensitive", False)),
        "accents_matter": bool(options.get("accents_matter", False)),
    }


def wildcard_match(pattern: str, said: str, norm: Mapping[str, bool]) -> bool:
    """Whether a normalised response matches an accepted answer where ``*`` is any text.

    No regular expression is built from the pattern: the first piece must begin
    the response, the last must end it, and the ones between are found in order,
    each at its leftmost place (which is always right for ``*`` alone). That takes
    time linear in the response for each piece, however many stars there are, so
    no accepted answer can make a save slow (a backtracking pattern could).
    """
    pieces = [normalise_answer(p, **norm) if p.strip() else "" for p in pattern.split("*")]
    if len(pieces) == 1:
        return said == pieces[0]
    first, *middle, last = pieces
    if not said.startswith(first):
        return False
    start, end = len(first), len(said) - len(last)
    if end < start or not said.endswith(last):
        return False
    for piece in middle:
        found = said.find(piece, start, end)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def match_short_with_typos(
    response: str, accepted: Sequence[Answer], options: Mapping[str, Any] | None
) -> tuple[Answer | None, int]:
    """The best accepted answer and the number of edits it took (0 when exact)."""
    norm = _short_options(options)
    said = normalise_answer(response, **norm)
    if not said:
        return None, 0
    exact: list[Answer] = []
    close: list[tuple[int, Answer]] = []
    typos = bool((options or {}).get("typos", False))
    said_numbers = re.findall(r"\d+", said)
    for answer in accepted:
        if "*" in answer.text:
            if wildcard_match(answer.text, said, norm):
                exact.append(answer)
            continue
        target = normalise_answer(answer.text, **norm)
        if not target:
            continue
        if said == target:
            exact.append(answer)
        elif typos and re.findall(r"\d+", target) == said_numbers:
            limit = allowed_typos(target)
            if limit:
                edits = OSA.distance(said, target, score_cutoff=limit)
                if edits <= limit:
                    close.append((edits, answer))
    if exact:
        return max(exact, key=lambda a: a.fraction), 0
    if close:
        edits, answer = min(close, key=lambda pair: (pair[0], -pair[1].fraction))
        return answer, edits
    return None, 0


def match_short(
    response: str, accepted: Sequence[Answer], options: Mapping[str, Any] | None = None
) -> Answer | None:
    """The accepted answer a short response matches, or ``None``.

    Both sides go through :func:`normalise_answer`. An exact match wins (the
    one with the highest fraction when several match); otherwise, when
    ``options["typos"]`` is true, the closest answer within
    :func:`allowed_typos` edits (a swap of two letters is one edit), provided
    the numbers in both are the same. ``*`` in an accepted answer stands for
    any text (``* Macron``), as in Moodle; wildcards are never fuzzy.
    """
    return match_short_with_typos(response, accepted, options)[0]
