"""Reading a number as a student types it: digits with French or English separators,
words (« deux mille »), a unit, a power of ten."""

from __future__ import annotations

import math
import re
import unicodedata

from text_to_num import text2num

from quizapp.domain.text_answers import CHAR_MAP, strip_accents

#: Longer runs of words are not a number anyone types (and would make reading slow).
_MAX_NUMBER_WORDS = 20


_MULTIPLIERS = {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


_UNIT_SYNONYMS = {
    "%": "%",
    "pour cent": "%",
    "pourcent": "%",
    "€": "€",
    "euro": "€",
    "eur": "€",
    "km": "km",
    "kilometre": "km",
    "kg": "kg",
    "kilogramme": "kg",
    "kilo": "kg",
}


_DIGITS = re.compile(r"[+-]?\d[\d .,]*(?:e[+-]?\d+)?")


_NUMBER_TOKEN = re.compile(r"(?P<mantissa>[+-]?[\d .,]*\d)(?:e(?P<exponent>[+-]?\d+))?")


# Digits in groups of three after the first, one separator throughout: 1 234 567, 1.234.567.
_GROUPED = re.compile(r"\d{1,3}(?P<sep>[ .])\d{3}(?:(?P=sep)\d{3})*")


def _unit_key(unit: str) -> str:
    """Units compare without case, accents, dots, spaces or a plural ``s``."""
    key = strip_accents(unicodedata.normalize("NFKC", unit).casefold()).replace(".", "")
    key = " ".join(key.replace("-", " ").split())
    if len(key) > 2 and key[-1] in "sx" and key not in _UNIT_SYNONYMS:
        key = key[:-1]
    return _UNIT_SYNONYMS.get(key, key)


def _parse_digits(token: str) -> float | None:
    """A number written with digits, French or English style (see :func:`parse_number`)."""
    parts = _NUMBER_TOKEN.fullmatch(token.strip())
    if not parts:
        return None
    mantissa, exponent = parts.group("mantissa").strip(), parts.group("exponent") or "0"
    sign = -1.0 if mantissa.startswith("-") else 1.0
    mantissa = mantissa.lstrip("+-").strip()
    if mantissa.count(",") > 1:
        return None
    if "," in mantissa:
        integer, decimals = mantissa.split(",")
    elif mantissa.count(".") == 1:
        head, tail = mantissa.split(".")
        french_thousands = len(tail) == 3 and head.strip("0") != "" and head.isdigit()
        integer, decimals = (mantissa, "") if french_thousands else (head, tail)
    else:
        integer, decimals = mantissa, ""
    if decimals and not decimals.isdigit():
        return None
    if not integer.isdigit():
        if not _GROUPED.fullmatch(integer):
            return None
        integer = re.sub(r"[ .]", "", integer)
    value = float(f"{integer}.{decimals or 0}e{exponent}")
    return sign * value if math.isfinite(value) else None


def _longest_number_words(words: list[str]) -> tuple[int | None, int]:
    """The value of the longest run of number words at the start, and its length."""
    for k in range(min(len(words), _MAX_NUMBER_WORDS), 0, -1):
        try:
            return text2num(" ".join(words[:k]), "fr"), k
        except ValueError:
            continue
    return None, 0


def _split_number(s: str) -> tuple[float | None, str]:
    """The number at the start of ``s`` (digits or French words) and what follows."""
    negative = False
    if s.startswith("moins "):
        negative, s = True, s[len("moins ") :]
    match = _DIGITS.match(s)
    if match:
        value, rest = _parse_digits(match.group()), s[match.end() :].strip()
    else:
        words = s.replace("-", " ").split()
        whole, k = _longest_number_words(words)
        if whole is None:
            return None, s
        value, rest_words = float(whole), words[k:]
        if rest_words[:1] == ["virgule"]:
            decimals, j = _longest_number_words(rest_words[1:])
            if decimals is None:
                return None, s
            value = float(f"{whole}.{decimals}")
            rest_words = rest_words[1 + j :]
        rest = " ".join(rest_words)
    if value is None:
        return None, s
    first, _, after = rest.partition(" ")
    if first in _MULTIPLIERS:
        value, rest = value * _MULTIPLIERS[first], after.strip()
    return (-value if negative else value), rest


def parse_number(text: str, unit: str | None = None) -> float | None:
    """Read the number a student typed, the French way first; ``None`` when unreadable.

    Accepted: ``10000``, ``10 000`` (ordinary, non-breaking or narrow
    non-breaking space), ``10.000`` (a dot followed by exactly three digits
    is a thousands separator, so ``3.500`` is 3500 but ``3.5`` is 3.5),
    ``10,5`` (decimal comma), ``1.234,5``, ``-3`` / ``−3`` / ``moins 3``,
    ``1e3`` (scientific notation), ``2,5 millions``, and numbers in words
    (``dix mille``, ``quatre-vingt-dix-sept``, ``trois virgule cinq``). A
    comma is always decimal: ``10,000`` is 10, never ten thousand. A final
    full stop is ignored.

    ``unit``: when given, the number may be followed by that unit
    (``10 000 soldats``, ``5 %``, ``5 pour cent``, ``12 km``), compared
    without case, accents or a plural ``s``; leaving the unit out is
    accepted; any other text after the number (a wrong unit) gives ``None``.
    Without ``unit``, the number must stand alone.
    """
    if not isinstance(text, str):
        return None
    s = " ".join(unicodedata.normalize("NFKC", text).translate(CHAR_MAP).casefold().split())
    s = s.rstrip(".").strip()
    s = re.sub(r"(?<=\d)(?=[%€$])", " ", s)
    if not s:
        return None
    value, rest = _split_number(s)
    if value is None:
        return None
    if rest and (unit is None or _unit_key(rest) != _unit_key(unit)):
        return None
    return value
