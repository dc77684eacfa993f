"""What a page of an attempt shows: each question as the student sees it, and the
feedback the quiz's review settings let them read now."""

from __future__ import annotations

from typing import Any

from quizapp.models import Attempt, Quiz
from quizapp.services import attempt_layout, quiz_status
from quizapp.services.article_dates import date_quoted_sentences
from quizapp.services.feedback import feedback_for
from quizapp.services.question_view import question_view


def visibility(quiz: Quiz, attempt: Attempt, response, now) -> dict[str, bool]:
    return {
        "show_outcome": quiz_status.review_visible(
            quiz.show_correctness, quiz, attempt, response, now
        ),
        "show_answers": quiz_status.review_visible(quiz.show_answers, quiz, attempt, response, now),
        "show_explanation": quiz_status.review_visible(
            quiz.show_explanations, quiz, attempt, response, now
        ),
    }


def slots_view(attempt: Attempt, slots: list[int], now) -> list[dict[str, Any]]:
    """Each slot's question (as shown) and the feedback that may be read now."""
    versions = attempt_layout.versions_for(attempt, slots)
    responses = {r.slot: r for r in attempt.responses}
    items = []
    for slot in slots:
        entry = attempt.layout[slot]
        data = versions[entry["version_id"]]
        response = responses.get(slot)
        view = question_view(data, entry, slot, response.answer if response else None)
        feedback = feedback_for(
            data, entry, response, **visibility(attempt.quiz, attempt, response, now)
        )
        items.append(
            {
                "view": view,
                "feedback": feedback if feedback.anything else None,
                "final": bool(response and response.final),
            }
        )
    date_quoted_sentences(
        [
            (attempt.layout[slot]["version_id"], item["feedback"])
            for slot, item in zip(slots, items, strict=True)
        ]
    )
    return items
