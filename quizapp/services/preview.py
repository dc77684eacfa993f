"""A quiz as a student would see it, for its teacher: one layout drawn with a seed,
and the answers given on the page graded there and then, stored nowhere."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from quizapp.domain import grading
from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import db
from quizapp.models import QuestionVersion, Quiz
from quizapp.services.article_dates import date_quoted_sentences
from quizapp.services.attempt_layout import build_layout, to_stored
from quizapp.services.feedback import feedback_for
from quizapp.services.question_view import question_view

#: What the page posted for a question (its data, its slot), as the page's script sends it.
AnswerReader = Callable[[QuestionData, int], Any]


def _graded(data: QuestionData, entry: dict[str, Any], raw: Any) -> tuple[Any, dict[str, Any]]:
    """The answer as stored and its feedback, everything shown; a malformed one is wrong."""
    try:
        stored = to_stored(data, entry.get("order") or [], raw, entry.get("blank_orders"))
        result = grading.grade(data, stored)
    except grading.InvalidResponse:
        stored, result = None, grading.Grade(0.0, False, {})
    response = SimpleNamespace(
        answer=stored,
        fraction=result.fraction,
        mark=None if result.fraction is None else result.fraction * entry["mark"],
    )
    feedback = feedback_for(
        data, entry, response, show_outcome=True, show_answers=True, show_explanation=True
    )
    return stored, feedback


def preview_items(quiz: Quiz, seed: int, answers: AnswerReader | None) -> list[dict[str, Any]]:
    """Each question of the layout drawn with ``seed``, as shown, with its feedback
    when ``answers`` reads what the page posted (None: nothing posted yet)."""
    layout = build_layout(quiz, seed)
    versions = {
        v.id: v.question_data
        for v in db.session.scalars(
            db.select(QuestionVersion).where(
                QuestionVersion.id.in_([s["version_id"] for s in layout])
            )
        )
    }
    items = []
    for slot, entry in enumerate(layout):
        data = versions[entry["version_id"]]
        stored, feedback = None, None
        if answers is not None:
            stored, feedback = _graded(data, entry, answers(data, slot))
        items.append({"view": question_view(data, entry, slot, stored), "feedback": feedback})
    date_quoted_sentences(
        [(e["version_id"], i["feedback"]) for e, i in zip(layout, items, strict=True)]
    )
    return items
