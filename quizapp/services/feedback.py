"""The feedback on an answer, as the quiz's review settings allow: right or wrong,
the right answers, the explanation, and the article's sentence with the answer's
words highlighted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from markupsafe import Markup, escape

from quizapp.display.i18n import format_number
from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import QuestionData
from quizapp.services.question_view import is_blank, shown_order

_QUOTES_AROUND = re.compile(r'^[«»"“”\s]+|[«»"“”\s]+$')


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
    comment: str = ""  # the teacher's comment when marking by hand (shown with the outcome)
    article_date: date | None = None  # of the article the quoted sentence comes from

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
                text = _number(a.text)
                text = f"{text} ± {_number(f'{a.tolerance:g}')}" if a.tolerance else text
                out.append(f"{text} {unit}".strip())
        return out
    if data.type == "matching":
        return [f"{p} → {m}" for p, m in data.pairs if p]
    if data.type == "cloze":
        numbered = len(data.blanks) > 1  # « (1) 2015 » for a single blank says nothing
        return [
            (f"({n}) " if numbered else "") + _blank_answer(b)
            for n, b in enumerate(data.blanks, start=1)
        ]
    return [a.text for a in data.answers if a.fraction >= 1.0]


def _blank_answer(blank) -> str:
    text = next((a.text for a in blank.answers if a.fraction >= 1.0), "")
    return _number(text) if blank.type == "numeric" else text


def _number(text: str) -> str:
    """« 3.5 » as the reader writes it (« 3,5 » in French, "3.5" in English); the
    text as stored when it is not a plain number."""
    value = parse_number(text)
    if value is None or not re.fullmatch(r"-?\d+(?:\.\d+)?", text.strip()):
        return text
    return format_number(value, digits=6)


def _right_positions(data: QuestionData, order: list[int]) -> list[str]:
    if data.type not in ("mcq", "multi"):
        return []
    right = set(right_answers(data))
    return [
        str(p) for p, i in shown_order(order, len(data.answers)) if data.answers[i].text in right
    ]


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
        feedback.comment = getattr(response, "comment", None) or ""
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
