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
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from quizapp.domain import grading
from quizapp.domain.questiondata import QuestionData

_BLANK = re.compile(r"\{(\d+)\}")
_QUOTES_AROUND = re.compile(r'^[«»"“”\s]+|[«»"“”\s]+$')


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


def _shown(order: list[int], size: int) -> list[tuple[int, int]]:
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
        shown = {data.pairs[i][1]: p for p, i in reversed(_shown(order, len(data.pairs)))}
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
            Choice(str(p), data.answers[i].text) for p, i in _shown(order, len(data.answers))
        ]
    elif data.type == "truefalse":
        view.choices = [Choice("true", "true"), Choice("false", "false")]
    elif data.type == "matching":
        view.prompts = [p for p, _ in data.pairs if p]
        view.matches = [
            Choice(str(pos), data.pairs[i][1]) for pos, i in _shown(order, len(data.pairs))
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
                Choice(str(p), blank.answers[i].text) for p, i in _shown(bo, len(blank.answers))
            ]
        segments.append(Segment("", view))
        last = match.end()
    segments.append(Segment(data.stem[last:]))
    return segments


# --- feedback -------------------------------------------------------------------
@dataclass
class Feedback:
    """What the review settings let the student read about one answer.

    ``None`` fields are hidden. ``outcome`` is correct | partial | incorrect |
    unanswered; ``right_answers`` are readable texts (``true``/``false`` for
    true/false questions, which the template translates).
    """

    outcome: str | None = None
    fraction: float | None = None
    mark: float | None = None
    out_of: float = 1.0
    right_answers: list[str] | None = None
    right_positions: list[str] | None = None  # choice values that are right (mcq/multi)
    explanation: str | None = None
    sentence: Markup | None = None
    remark: str = ""  # the option's own feedback, when the teacher wrote one

    @property
    def anything(self) -> bool:
        return any(
            x is not None for x in (self.outcome, self.right_answers, self.explanation)
        ) or bool(self.sentence)


def outcome_of(fraction: float | None, answered: bool) -> str:
    if not answered:
        return "unanswered"
    if fraction is None:
        return "ungraded"
    if fraction >= 0.999:
        return "correct"
    return "partial" if fraction > 0 else "incorrect"


def right_answers(data: QuestionData) -> list[str]:
    """The right answers as a student should read them."""
    if data.type == "mcq":
        best = max((a.fraction for a in data.answers), default=0)
        return [a.text for a in data.answers if a.fraction >= best and best > 0]
    if data.type == "multi":
        return [a.text for a in data.answers if a.fraction > 0]
    if data.type == "truefalse":
        true = next((a for a in data.answers if a.text.strip().casefold() == "true"), None)
        if true is None and data.answers:
            true = data.answers[0]
        return ["true" if true and true.fraction >= 0.5 else "false"]
    if data.type == "numeric":
        unit = data.options.get("unit") or ""
        out = []
        for a in data.answers:
            if a.fraction >= 1.0:
                text = f"{a.text} ± {a.tolerance:g}" if a.tolerance else a.text
                out.append(f"{text} {unit}".strip())
        return out
    if data.type == "matching":
        return [f"{p} → {m}" for p, m in data.pairs if p]
    if data.type == "cloze":
        numbered = len(data.blanks) > 1  # « (1) 2015 » for a single blank says nothing
        return [
            (f"({n}) " if numbered else "")
            + next((a.text for a in b.answers if a.fraction >= 1.0), "")
            for n, b in enumerate(data.blanks, start=1)
        ]
    return [a.text for a in data.answers if a.fraction >= 1.0]


def _right_positions(data: QuestionData, order: list[int]) -> list[str]:
    if data.type not in ("mcq", "multi"):
        return []
    right = set(right_answers(data))
    return [str(p) for p, i in _shown(order, len(data.answers)) if data.answers[i].text in right]


def _highlight_words(data: QuestionData) -> list[str]:
    if data.type in ("mcq", "multi", "short"):
        return [a.text for a in data.answers if a.fraction > 0]
    if data.type == "numeric":
        return [a.text for a in data.answers if a.fraction >= 1.0]
    if data.type == "cloze":
        return [a.text for b in data.blanks for a in b.answers if a.fraction > 0]
    if data.type == "matching":
        return [p for p, _ in data.pairs if p] + [m for p, m in data.pairs if p]
    return []


def feedback_for(
    data: QuestionData,
    entry: dict[str, Any],
    response: Any,
    *,
    show_outcome: bool,
    show_answers: bool,
    show_explanation: bool,
) -> Feedback:
    """Feedback for one saved response (a :class:`~quizapp.models.Response` or
    anything with ``answer``, ``fraction`` and ``mark``), limited to what may be shown."""
    feedback = Feedback(out_of=float(entry.get("mark", 1.0)))
    answer = getattr(response, "answer", None)
    if show_outcome:
        fraction = getattr(response, "fraction", None)
        feedback.outcome = outcome_of(fraction, not is_blank(answer))
        feedback.fraction = fraction
        feedback.mark = getattr(response, "mark", None)
        if answer is not None and data.type in ("mcq",):
            try:
                feedback.remark = data.answers[int(answer)].feedback
            except (ValueError, IndexError, TypeError):
                feedback.remark = ""
    if show_answers:
        feedback.right_answers = right_answers(data)
        feedback.right_positions = _right_positions(data, entry.get("order") or [])
    if show_explanation:
        feedback.explanation = data.explanation or ""
        if data.source and data.source.sentence:
            feedback.sentence = highlight(data.source.sentence, _highlight_words(data))
            feedback.explanation = _beyond(
                feedback.explanation, data.source.sentence, feedback.right_answers or []
            )
    return feedback


#: What a generated explanation says that the feedback already shows: « Réponse : X. »,
#: « L'article indique : « … » », a bare « Vrai. ».
_ANSWER_SAID = re.compile(r"^(?:Réponse|Answer)\s?: (?P<answer>[^.]*)\.\s*")
_ARTICLE_SAYS = re.compile(r"\s*(?:L'article indique|The article says)\s?:\s*$")


def _beyond(explanation: str, sentence: str, shown: list[str]) -> str:
    """The explanation less what the feedback already shows: the article's sentence
    (quoted below it, the answer marked) and the right answer (shown above it)."""
    if _unquoted(explanation) == _unquoted(sentence):
        return ""
    quoted = [f"« {sentence} »", f"«{sentence}»", f'"{sentence}"']
    for q in quoted:
        explanation = explanation.replace(q, "")
    explanation = _ARTICLE_SAYS.sub("", explanation).strip()
    said = _ANSWER_SAID.match(explanation)
    plain = {re.sub(r"^\(\d+\) ", "", t) for t in shown}
    if said and said.group("answer").strip() in plain:
        explanation = explanation[said.end() :].strip()
    explanation = re.sub(r"\s*(?:L'article indique|The article says)\s?:\s*", " ", explanation)
    explanation = explanation.strip(" .")
    if explanation in ("Vrai", "Faux", "True", "False", ""):
        return ""
    return explanation + "."


def _unquoted(text: str) -> str:
    return " ".join(_QUOTES_AROUND.sub("", text).split())


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


# --- highlighting the article sentence -------------------------------------------
def _fold(c: str) -> str:
    """One character, case and accents removed, still one character long."""
    base = unicodedata.normalize("NFD", c)[0].casefold()
    return base[0] if base else c


def _spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    needle = needle.strip()
    if not needle:
        return []
    if re.fullmatch(r"[\d\s.,\u00a0\u202f]+", needle):
        digits = re.sub(r"\D", "", needle)
        if not digits:
            return []
        # "10000" also finds "10 000" and "10.000" in the sentence
        pattern = r"(?<!\d)" + r"[\s.\u00a0\u202f]?".join(digits) + r"(?!\d)"
        return [m.span() for m in re.finditer(pattern, haystack)]
    folded = "".join(_fold(c) for c in haystack)
    target = "".join(_fold(c) for c in needle)
    pattern = r"(?<!\w)" + re.escape(target) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, folded)]


def highlight(sentence: str, words: list[str]) -> Markup:
    """The sentence, escaped, with each of ``words`` wrapped in ``<mark>``
    (case and accents ignored; numbers found however their digits are grouped)."""
    spans = sorted(s for w in words for s in _spans(sentence, w))
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out = Markup("")
    last = 0
    for start, end in merged:
        out += escape(sentence[last:start])
        out += Markup("<mark>") + escape(sentence[start:end]) + Markup("</mark>")
        last = end
    return out + escape(sentence[last:])
