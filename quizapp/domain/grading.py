"""Answer matching and scoring: pure functions over :class:`QuestionData`.

No database and no Flask: a refused answer's message is translated by the page
(``quizapp.display.i18n.translated``). A view collects the student's response, calls
:func:`grade` (or :func:`mark`) and turns :class:`InvalidResponse` into a 400.

What ``response`` is, per question type (``None`` always means "not answered"
and scores 0; ``docs/scoring.md`` gives every rule with examples):

``mcq``        the index of the chosen option in ``q.answers`` (``int``; a
               string of digits, as a form posts it, is accepted too).
``multi``      a list (or tuple/set) of chosen indices, without repeats. The
               fractions of the chosen options are added; wrong options carry
               a negative fraction as a penalty; the sum is clamped to [0, 1].
``truefalse``  ``True``/``False`` or the text ``"true"``/``"false"`` (also
               ``"vrai"``/``"faux"``), any case.
``short``      the text typed, matched by :func:`match_short`.
``numeric``    the text typed, read by :func:`parse_number` (an ``int`` or
               ``float`` is taken as is); right when ``|x - value| <= tolerance``.
``matching``   ``{prompt_index: chosen match text}`` where ``prompt_index``
               is the index in ``q.pairs`` of a pair with a prompt (``int`` or
               digit string, since JSON keys are strings). Each prompt is worth
               the same; a prompt left out or mapped to ``None``/``""`` scores 0.
``cloze``      a list with one response per blank, in order, each shaped as
               for the blank's type (``short``/``numeric`` text, ``mcq`` index,
               ``None`` when left empty); blanks count by ``Blank.weight``.
``essay``      the text; not graded automatically (``fraction`` and
               ``correct`` are ``None``: it needs manual grading).
``description`` anything; not a question, never graded.

Texts longer than :data:`MAX_TEXT_LENGTH` characters (essays:
:data:`MAX_ESSAY_LENGTH`), unknown option indices and wrong shapes raise
:class:`InvalidResponse`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import OSA
from text_to_num import text2num

from quizapp.domain.messages import N_, CatalogueError
from quizapp.domain.questiondata import Answer, QuestionData

MAX_TEXT_LENGTH = 2_000
MAX_ESSAY_LENGTH = 20_000
#: A fraction this close to 1 counts as fully right (fractions like 1/3 add up to 0.999…).
_EPS = 1e-9


class InvalidResponse(CatalogueError):
    """A response that does not fit its question (wrong shape, unknown option,
    text too long); a blank's reason may be a param of a cloze question's."""


#: What an index names, per kind: not a number, an unknown text, an unknown number.
_INDEX_MESSAGES = {
    "option": (
        N_("Réponse invalide : option attendue sous forme de numéro."),
        N_("Réponse invalide : option « %(value)s » inconnue."),
        N_("Réponse invalide : option n° %(n)d inconnue."),
    ),
    "proposition": (
        N_("Réponse invalide : proposition attendue sous forme de numéro."),
        N_("Réponse invalide : proposition « %(value)s » inconnue."),
        N_("Réponse invalide : proposition n° %(n)d inconnue."),
    ),
    "élément": (
        N_("Réponse invalide : élément attendu sous forme de numéro."),
        N_("Réponse invalide : élément « %(value)s » inconnu."),
        N_("Réponse invalide : élément n° %(n)d inconnu."),
    ),
}


@dataclass
class Grade:
    """The outcome of grading one response.

    ``fraction`` is in [0, 1], or ``None`` when the question is not graded
    automatically; ``correct`` is ``fraction == 1`` (``None`` likewise);
    ``detail`` is JSON-ready and says what matched and why.
    """

    fraction: float | None
    correct: bool | None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_manual_grading(self) -> bool:
        return bool(self.detail.get("needs_manual_grading"))


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def _scored(fraction: float, **detail: Any) -> Grade:
    fraction = _clamp(fraction)
    return Grade(fraction, fraction >= 1.0 - _EPS, {"answered": True, **detail})


_UNANSWERED = {"answered": False}

# --------------------------------------------------------------------------
# Normalising texts
# --------------------------------------------------------------------------
_CHAR_MAP = str.maketrans(
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


def _strip_accents(s: str) -> str:
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
    s = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    s = " ".join(s.split())
    s = _THOUSANDS_SEP.sub("", s)
    s = s.lstrip("«»\"“”'([ ")
    stripped = _LEADING_WORD.sub("", s, count=1)
    if stripped.strip(" '-.,"):
        s = stripped
    if not case_sensitive:
        s = s.casefold()
    if not accents_matter:
        s = _strip_accents(s)
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


def _match_short(
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
    return _match_short(response, accepted, options)[0]


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------
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
    key = _strip_accents(unicodedata.normalize("NFKC", unit).casefold()).replace(".", "")
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
    s = " ".join(unicodedata.normalize("NFKC", text).translate(_CHAR_MAP).casefold().split())
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


# --------------------------------------------------------------------------
# Grading, type by type
# --------------------------------------------------------------------------
def parse_index(value: Any, size: int, what: str = "option") -> int:
    """A position below ``size`` as posted: an ``int`` or a string of ASCII digits
    ("²" is a digit to Python, not here). ``what`` (a key of :data:`_INDEX_MESSAGES`)
    names it in the message of the :class:`InvalidResponse` raised otherwise."""
    not_number, unknown_text, unknown_number = _INDEX_MESSAGES[what]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidResponse(not_number)
    if isinstance(value, str):
        # isdigit() also accepts "²" or "٣", which int() then refuses: ASCII digits only.
        if not (value.strip().isascii() and value.strip().isdigit()):
            raise InvalidResponse(unknown_text, value=value[:40])
        value = int(value.strip())
    if not 0 <= value < size:
        raise InvalidResponse(unknown_number, n=value)
    return value


def _text(value: Any, limit: int = MAX_TEXT_LENGTH) -> str:
    if not isinstance(value, str):
        raise InvalidResponse(N_("Réponse invalide : un texte est attendu."))
    if len(value) > limit:
        raise InvalidResponse(
            N_("Réponse trop longue : %(limit)d caractères au plus."), limit=limit
        )
    return value


def _grade_mcq(q: QuestionData, response: Any) -> Grade:
    i = parse_index(response, len(q.answers))
    chosen = q.answers[i]
    return _scored(chosen.fraction, chosen=i, feedback=chosen.feedback)


def _grade_multi(q: QuestionData, response: Any) -> Grade:
    if isinstance(response, str | bytes | Mapping) or not isinstance(
        response, Sequence | set | frozenset
    ):
        raise InvalidResponse(N_("Réponse invalide : une liste d'options est attendue."))
    chosen = [parse_index(r, len(q.answers)) for r in response]
    if len(set(chosen)) != len(chosen):
        raise InvalidResponse(N_("Réponse invalide : une option est choisie deux fois."))
    chosen.sort()
    total = sum(q.answers[i].fraction for i in chosen)
    return _scored(total, chosen=chosen, feedback=[q.answers[i].feedback for i in chosen])


_TRUE = {"true": True, "vrai": True, "false": False, "faux": False}


def _grade_truefalse(q: QuestionData, response: Any) -> Grade:
    if isinstance(response, str):
        said = _TRUE.get(response.strip().casefold())
        if said is None:
            raise InvalidResponse(N_("Réponse invalide : vrai ou faux attendu."))
    elif isinstance(response, bool):
        said = response
    else:
        raise InvalidResponse(N_("Réponse invalide : vrai ou faux attendu."))
    text = "true" if said else "false"
    answer = next((a for a in q.answers if a.text.strip().casefold() == text), None)
    if answer is None and len(q.answers) == 2:
        answer = q.answers[0 if said else 1]
    if answer is None:
        return _scored(0.0, chosen=said, feedback="")
    return _scored(answer.fraction, chosen=said, feedback=answer.feedback)


def _grade_short(q: QuestionData, response: Any) -> Grade:
    said = _text(response)
    answer, edits = _match_short(said, q.answers, q.options)
    if answer is None:
        return _scored(0.0, matched=None, typos=0, feedback="")
    return _scored(answer.fraction, matched=answer.text, typos=edits, feedback=answer.feedback)


def _grade_numeric(q: QuestionData, response: Any) -> Grade:
    if isinstance(response, int | float) and not isinstance(response, bool):
        value: float | None = float(response) if math.isfinite(response) else None
    else:
        said = _text(response)
        if not said.strip():
            return Grade(0.0, False, dict(_UNANSWERED))
        value = parse_number(said, q.options.get("unit"))
    if value is None:
        return _scored(0.0, value=None, matched=None, feedback="", reason="unreadable")
    best: Answer | None = None
    for answer in q.answers:
        if answer.text.strip() == "*":
            hit = True
        else:
            target = parse_number(answer.text, q.options.get("unit"))
            hit = target is not None and abs(value - target) <= abs(answer.tolerance) + _EPS * max(
                1.0, abs(target)
            )
        if hit and (best is None or answer.fraction > best.fraction):
            best = answer
    if best is None:
        return _scored(0.0, value=value, matched=None, feedback="")
    return _scored(best.fraction, value=value, matched=best.text, feedback=best.feedback)


def _grade_matching(q: QuestionData, response: Any) -> Grade:
    if not isinstance(response, Mapping):
        raise InvalidResponse(
            N_("Réponse invalide : une correspondance par proposition est attendue.")
        )
    prompts = [i for i, (prompt, _) in enumerate(q.pairs) if prompt]
    if not prompts:
        raise ValueError("matching question without prompts")
    matches = {m for _, m in q.pairs}
    chosen: dict[int, str | None] = {}
    for key, value in response.items():
        i = parse_index(key, len(q.pairs), "proposition")
        if i not in prompts:
            raise InvalidResponse(_INDEX_MESSAGES["proposition"][2], n=i)
        if value is None or value == "":
            continue
        if _text(value) not in matches:
            raise InvalidResponse(
                N_("Réponse invalide : « %(value)s » n'est pas un choix proposé."),
                value=value[:40],
            )
        chosen[i] = value
    right = [i for i in prompts if chosen.get(i) == q.pairs[i][1]]
    return _scored(
        len(right) / len(prompts),
        chosen={str(i): chosen.get(i) for i in prompts},
        right=[str(i) for i in right],
    )


def _grade_cloze(q: QuestionData, response: Any) -> Grade:
    if isinstance(response, str | bytes | Mapping) or not isinstance(response, Sequence):
        raise InvalidResponse(N_("Réponse invalide : une réponse par trou est attendue."))
    if len(response) != len(q.blanks):
        raise InvalidResponse(
            N_("Réponse invalide : %(expected)d trous attendus, %(got)d reçus."),
            expected=len(q.blanks),
            got=len(response),
        )
    options = {k: v for k, v in q.options.items() if k != "unit"}
    grades: list[Grade] = []
    for n, (blank, said) in enumerate(zip(q.blanks, response, strict=True), start=1):
        sub = QuestionData(type=blank.type, stem="", answers=blank.answers, options=options)
        try:
            grades.append(grade(sub, said))
        except InvalidResponse as exc:
            raise InvalidResponse(N_("Trou %(n)d : %(reason)s"), n=n, reason=exc) from exc
    weights = [max(0.0, b.weight) for b in q.blanks]
    if sum(weights) <= 0:
        weights = [1.0] * len(q.blanks)
    total = sum(w * (g.fraction or 0.0) for w, g in zip(weights, grades, strict=True))
    return _scored(
        total / sum(weights) if weights else 0.0,
        blanks=[{"fraction": g.fraction, **g.detail} for g in grades],
    )


def _grade_essay(q: QuestionData, response: Any) -> Grade:
    if response is not None:
        _text(response, MAX_ESSAY_LENGTH)
    return Grade(
        None, None, {"answered": bool(response and response.strip()), "needs_manual_grading": True}
    )


_GRADERS = {
    "mcq": _grade_mcq,
    "multi": _grade_multi,
    "truefalse": _grade_truefalse,
    "short": _grade_short,
    "numeric": _grade_numeric,
    "matching": _grade_matching,
    "cloze": _grade_cloze,
    "essay": _grade_essay,
}


def grade(q: QuestionData, response: Any) -> Grade:
    """Grade one response to one question (see the module docstring for shapes).

    Raises :class:`InvalidResponse` for a malformed response and ``ValueError``
    for an unknown question type.
    """
    if q.type == "description":
        return Grade(None, None, {"answered": False, "needs_manual_grading": False})
    grader = _GRADERS.get(q.type)
    if grader is None:
        raise ValueError(f"unknown question type {q.type!r}")
    if q.type == "essay":
        return grader(q, response)
    if response is None or (isinstance(response, str) and not _text(response).strip()):
        return Grade(0.0, False, dict(_UNANSWERED))
    return grader(q, response)


def apply_penalty(fraction: float, tries: int, penalty: float) -> float:
    """The fraction earned on try number ``tries`` (1 = first) when each earlier
    wrong try costs ``penalty`` (``QuestionData.penalty``, e.g. 0.3333333);
    never below 0. Single-attempt quizzes do not use it."""
    if tries < 1:
        raise ValueError("tries starts at 1")
    return _clamp(fraction - (tries - 1) * max(0.0, penalty))


def mark(q: QuestionData, response: Any, default_mark: float | None = None) -> float | None:
    """Marks earned: the fraction times ``default_mark`` (``q.default_mark``
    when not given); ``None`` for questions graded by hand."""
    fraction = grade(q, response).fraction
    if fraction is None:
        return None
    return fraction * (q.default_mark if default_mark is None else default_mark)


__all__ = [
    "MAX_ESSAY_LENGTH",
    "MAX_TEXT_LENGTH",
    "Grade",
    "InvalidResponse",
    "allowed_typos",
    "apply_penalty",
    "grade",
    "mark",
    "match_short",
    "normalise_answer",
    "parse_index",
    "parse_number",
]
