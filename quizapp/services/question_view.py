"""What a student's page may show of a question, and the feedback they may read.

:func:`question_view` is the only way templates get a question to answer: it
keeps the stem, the option texts in the order shown and what the student gave,
and nothing that tells right from wrong (no fractions, no accepted answers, no
explanation, no original option index). :func:`feedback_for` adds those, each
only when the quiz's review settings allow it. Both are plain functions over
:class:`~quizapp.domain.questiondata.QuestionData`: no Flask, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain import grading
from quizapp.domain.questiondata import QuestionData

_BLANK = re.compile(r"\{(\d+)\}")


@dataclass
class Choice:
    """An option as shown: ``value`` is its display position (or ``true``/``false``)."""

    value: str
    text: str


@dataclass
class BlankView:
    number: int  # 1-based, as in the stem's {1}
    type: str  # short | numeric | mcq
    choices: list[Choice] = field(default_factory=list)


@dataclass
class Segment:
    text: str
    blank: BlankView | None = None


@dataclass
class QuestionView:
    slot: int
    type: str
    stem: str
    mark: float = 1.0
    title: str = ""
    choices: list[Choice] = field(default_factory=list)  # mcq, multi, truefalse
    prompts: list[str] = field(default_factory=list)  # matching, in order
    matches: list[Choice] = field(default_factory=list)  # matching, shuffled
    segments: list[Segment] = field(default_factory=list)  # cloze
    unit: str = ""
    #: What the student gave, in display terms: a position string, a list of
    #: them, {prompt number: position}, one value per blank, or the text typed.
    value: Any = None
    max_length: int = grading.MAX_TEXT_LENGTH

    def chosen(self, choice_value: str) -> bool:
        if isinstance(self.value, list):
            return choice_value in self.value
        return self.value == choice_value

    def given(self, key: int | str) -> str:
        """The value given for one prompt or one blank ('' when none)."""
        if isinstance(self.value, dict):
            return self.value.get(str(key), "") or ""
        if isinstance(self.value, list) and isinstance(key, int) and key < len(self.value):
            value = self.value[key]
            return "" if value is None else str(value)
        return ""


def _position(order: list[int], original: Any, size: int) -> str | None:
    """Where the option ``original`` is shown; ``None`` when the version has no such option."""
    try:
        index = int(original)
        return str(order.index(index)) if 0 <= index < size else None
    except (TypeError, ValueError):
        return None


def shown_order(order: list[int], size: int) -> list[tuple[int, int]]:
    """(display position, option index) of the options shown, in order.

    An attempt is rendered with the version it was laid out with, so every index is
    in range; one that is not (a layout written for another version) is left out
    rather than failing the page, and the others keep their positions, which are
    what the page posts back.
    """
    return [
        (p, i) for p, i in enumerate(order or range(size)) if isinstance(i, int) and 0 <= i < size
    ]


def _display_value(data: QuestionData, entry: dict[str, Any], stored: Any) -> Any:
    """The stored response (original indexes) turned back into display positions."""
    order = entry.get("order") or []
    if stored is None:
        return [] if data.type == "multi" else None
    size = len(data.answers)
    if data.type == "mcq":
        return _position(order or list(range(size)), stored, size)
    if data.type == "multi":
        positions = (_position(order or list(range(size)), i, size) for i in stored or [])
        return [p for p in positions if p is not None]
    if data.type == "truefalse":
        return "true" if str(stored).casefold() in ("true", "vrai") else "false"
    if data.type == "matching":
        shown = {data.pairs[i][1]: p for p, i in reversed(shown_order(order, len(data.pairs)))}
        prompts = [i for i, (p, _) in enumerate(data.pairs) if p]
        result = {}
        for number, original in enumerate(prompts):
            text = (stored or {}).get(str(original))
            if text in shown:
                result[str(number)] = str(shown[text])
        return result
    if data.type == "cloze":
        blank_orders = entry.get("blank_orders") or [[] for _ in data.blanks]
        values = []
        for blank, bo, said in zip(data.blanks, blank_orders, stored, strict=False):
            if blank.type == "mcq" and said is not None:
                size = len(blank.answers)
                values.append(_position(bo or list(range(size)), said, size))
            else:
                values.append(said)
        return values
    return stored


def question_view(
    data: QuestionData, entry: dict[str, Any], slot: int, stored: Any = None
) -> QuestionView:
    """A question as the student may see it: ``entry`` is its attempt layout slot
    (``order`` of the options as shown, ``mark``); ``stored`` the saved response."""
    view = QuestionView(
        slot=slot,
        type=data.type,
        stem=data.stem,
        mark=float(entry.get("mark", data.default_mark)),
        title=data.title,
        value=_display_value(data, entry, stored),
    )
    order = entry.get("order") or []
    if data.type in ("mcq", "multi"):
        view.choices = [
            Choice(str(p), data.answers[i].text) for p, i in shown_order(order, len(data.answers))
        ]
    elif data.type == "truefalse":
        view.choices = [Choice("true", "true"), Choice("false", "false")]
    elif data.type == "matching":
        view.prompts = [p for p, _ in data.pairs if p]
        view.matches = [
            Choice(str(pos), data.pairs[i][1]) for pos, i in shown_order(order, len(data.pairs))
        ]
    elif data.type == "cloze":
        view.segments = _cloze_segments(data, entry.get("blank_orders"))
    elif data.type == "numeric":
        view.unit = str(data.options.get("unit") or "")
    elif data.type == "essay":
        view.max_length = grading.MAX_ESSAY_LENGTH
    return view


def _cloze_segments(data: QuestionData, blank_orders: list[list[int]] | None) -> list[Segment]:
    segments: list[Segment] = []
    last = 0
    for match in _BLANK.finditer(data.stem):
        number = int(match.group(1))
        if not 1 <= number <= len(data.blanks):
            continue
        segments.append(Segment(data.stem[last : match.start()]))
        blank = data.blanks[number - 1]
        view = BlankView(number, blank.type)
        if blank.type == "mcq":
            orders = blank_orders or []
            bo = orders[number - 1] if number - 1 < len(orders) else []
            view.choices = [
                Choice(str(p), blank.answers[i].text)
                for p, i in shown_order(bo, len(blank.answers))
            ]
        segments.append(Segment("", view))
        last = match.end()
    segments.append(Segment(data.stem[last:]))
    return segments


def is_blank(answer: Any) -> bool:
    """True when nothing was given (empty text, no option, every blank empty)."""
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, dict):
        return all(is_blank(v) for v in answer.values())
    if isinstance(answer, list | tuple):
        return all(is_blank(v) for v in answer)
    return False
