"""What every format module shares: errors with a position, results, limits,
and the small number helpers that keep fractions and tolerances stable
through a round trip.

Messages are written in French, the project's source language, and marked
with ``N_`` so that the translation catalogue picks them up; a
:class:`FormatError` keeps its ``template`` and ``params`` so a view can show
it in the reader's language (``gettext(err.template) % err.params``) while the
CLI prints ``message``.
"""

from __future__ import annotations

import gc
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from quizapp.domain.messages import N_
from quizapp.domain.questiondata import Answer, QuestionData

#: Uploads larger than this are refused before any parsing.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Past this many, errors are not listed one by one (the file is refused anyway).
MAX_ERRORS = 500


@dataclass(frozen=True)
class FormatError:
    """One problem in an imported file, with where it is and what was expected."""

    file: str
    line: int | None
    column: int | None
    message: str
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class FormatInputError(ValueError):
    """Raised when input can't even be handed to a parser (size, encoding, format)."""

    def __init__(self, error: FormatError):
        super().__init__(str(error))
        self.error = error


class ImportFailed(Exception):
    """An import refused as a whole; ``errors`` lists every problem with its line."""

    def __init__(self, errors: list[FormatError]):
        self.errors = list(errors)
        shown = "; ".join(str(e) for e in self.errors[:5])
        more = f" (et {len(self.errors) - 5} autres)" if len(self.errors) > 5 else ""
        super().__init__(f"{len(self.errors)} erreur(s) : {shown}{more}")


#: The most of one value an error message repeats: a file's whole value could be
#: megabytes (a pasted article, an expanded YAML alias), the message a line.
MAX_SHOWN = 200


def brief(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters with « … », for an error message."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _capped(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        return value[: MAX_SHOWN - 1] + "…"
    if isinstance(value, list | dict | tuple | set):
        return brief(value, MAX_SHOWN)
    return value


#: What a spreadsheet program runs as a formula when a cell starts with it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?\s?%?")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula (OWASP's advice:
    a leading apostrophe); a plain number such as ``-50`` is left as it is."""
    if text and text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """The text :func:`neutralise` was given (a file read back keeps no apostrophe).

    Apostrophes, then a formula character: one apostrophe goes, so that text which
    itself starts like that (``'-``) can be written with one more (``''-``).
    """
    rest = text.lstrip("'")
    if rest != text and rest[:1] in FORMULA_START:
        return text[1:]
    return text


def make_error(
    file: str, line: int | None, column: int | None, template: str, **params: Any
) -> FormatError:
    params = {k: _capped(v) for k, v in params.items()}
    return FormatError(
        file, line, column, template % params if params else template, template, params
    )


@dataclass
class ParseResult:
    """Everything a parser found: the questions and every problem, not just the first."""

    questions: list[QuestionData] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    errors: list[FormatError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    bank_meta: dict[str, Any] = field(default_factory=dict)
    #: 1-based line where each question starts, parallel to ``questions``.
    lines: list[int | None] = field(default_factory=list)
    file: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def importable(self) -> list[QuestionData]:
        """The questions to store: all of them, or none when anything is wrong."""
        return list(self.questions) if self.ok else []

    def error(self, line: int | None, column: int | None, template: str, **params: Any) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(make_error(self.file, line, column, template, **params))
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append(
                make_error(
                    self.file,
                    line,
                    column,
                    N_("trop d'erreurs ; celles qui suivent cette ligne ne sont pas listées"),
                )
            )

    def add(self, q: QuestionData, line: int | None) -> None:
        self.questions.append(q)
        self.lines.append(line)
        if q.category and q.category not in self.categories:
            self.categories.append(q.category)


@dataclass
class DumpResult:
    """The written text, and what could not be written, by question index."""

    text: str
    #: questions left out entirely: (index in the input list, reason)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    #: questions written without some of their content: (index, what was lost)
    lossy: list[tuple[int, str]] = field(default_factory=list)


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while a parser builds many small objects.

    PyYAML and ElementTree allocate one object per node; with the collector on,
    it runs again and again over them and takes most of the time (a 5,000-question
    bank: 4 s instead of 1.4 s). Nothing they build holds a cycle that needs
    collecting now, and the collector is switched back on at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- numbers ----------------------------------------------------------------
def fmt_num(x: float) -> str:
    """Shortest text for a number: ``3`` rather than ``3.0``, ``0.5``, ``1e-07``."""
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def parse_num(text: str) -> float | None:
    """A finite number from text, accepting a decimal comma; None if it isn't one."""
    t = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text.strip()
    if not t or len(t) > 64 or "_" in t:
        return None
    try:
        x = float(t)
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def percent(fraction: float) -> str:
    """A fraction as Moodle writes a weight: 0.5 -> ``50``, 1/3 -> ``33.33333``."""
    return fmt_num(round(fraction * 100, 5))


def from_percent(value: float) -> float:
    """Moodle keeps fractions to 7 decimals; so do we, to round-trip cleanly."""
    return round(value / 100, 7)


#: The grades Moodle accepts for an answer (``question_bank::fraction_options_full``):
#: p/q for q <= 6, tenths, 1/q for q <= 10, 1/20, and their negatives. Importing a
#: file with any other grade fails in Moodle ("invalidgrade").
# fmt: off
_MOODLE_POSITIVE = (
    1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
    0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05,
)
# fmt: on
MOODLE_FRACTIONS = (*_MOODLE_POSITIVE, 0.0, *(-f for f in _MOODLE_POSITIVE))


_MOODLE_SET = frozenset(MOODLE_FRACTIONS)


def moodle_fraction(fraction: float) -> float:
    """The grade Moodle accepts nearest to ``fraction`` (halfway between two, the one
    nearer to 0): what Moodle's own "nearest grade" import option would pick."""
    if fraction in _MOODLE_SET:  # nearly always: an export must stay fast
        return fraction
    return min(MOODLE_FRACTIONS, key=lambda f: (round(abs(f - fraction), 9), abs(f)))


def moodle_answers(answers: list[Answer]) -> tuple[list[Answer], str]:
    """``answers`` with each grade rounded by :func:`moodle_fraction` (a rounded one
    is a copy: the question is left alone), and what changed (``"33 % → 33.33333 %"``),
    or ``""``."""
    out, changes = [], []
    for a in answers:
        nearest = moodle_fraction(a.fraction)
        if nearest == a.fraction:
            out.append(a)
            continue
        if percent(nearest) != percent(a.fraction):
            changes.append(f"{percent(a.fraction)} % → {percent(nearest)} %")
        out.append(replace(a, fraction=nearest))
    return out, ", ".join(changes)


#: Why an export to Moodle wrote another grade than the question has (``DumpResult.lossy``).
ROUNDED_FOR_MOODLE = N_("notes arrondies à la plus proche que Moodle accepte : %(changes)s")


def line_starts(text: str) -> list[int]:
    """Offsets where each line begins, for turning an offset into (line, column)."""
    starts = [0]
    i = text.find("\n")
    while i != -1:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of an offset, given :func:`line_starts`."""
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1
