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
``short``      the text typed, matched by :func:`quizapp.domain.text_answers.match_short`.
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizapp.domain.messages import N_, CatalogueError
from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.domain.text_answers import match_short_with_typos

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
    answer, edits = match_short_with_typos(said, q.answers, q.options)
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
    "apply_penalty",
    "grade",
    "mark",
    "parse_index",
]
