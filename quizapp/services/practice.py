"""Practice that remembers: every answered question enters a spaced-repetition
schedule (FSRS); "review now" serves the due ones. Practice never changes a grade."""

from __future__ import annotations

from datetime import datetime

from quizapp import scheduling
from quizapp.extensions import db
from quizapp.models import Attempt, Question, Response, ReviewCard, ReviewLog
from quizapp.models.base import utcnow

#: Seconds a student is expected to spend on one question, to tell Easy from Good.
EXPECTED_SECONDS = 30.0


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def record_review(
    student_id: int, question_id: int, correct: bool, seconds: float | None, now: datetime
) -> ReviewCard:
    card = db.session.scalar(
        db.select(ReviewCard).where(
            ReviewCard.student_id == student_id, ReviewCard.question_id == question_id
        )
    )
    if card is None:
        card = ReviewCard(
            student_id=student_id, question_id=question_id, state=None, reps=0, lapses=0
        )
        db.session.add(card)
    rating = scheduling.rating_for(correct, seconds, EXPECTED_SECONDS)
    state, due = scheduling.review(card.state or None, rating, now)
    card.state = state
    card.due_at = _naive(due)
    card.reps = (card.reps or 0) + 1
    card.lapses = (card.lapses or 0) + (0 if correct else 1)
    card.last_reviewed_at = now
    db.session.flush()
    db.session.add(ReviewLog(card_id=card.id, rating=int(rating), correct=correct, reviewed_at=now))
    return card


def schedule_from_attempt(attempt: Attempt, responses: dict[int, Response]) -> None:
    """After a quiz, each answered question is scheduled from how it went."""
    now = attempt.submitted_at or utcnow()
    previous = attempt.started_at
    for slot, layout in enumerate(attempt.layout):
        response = responses.get(slot)
        if response is None or response.answer is None or response.fraction is None:
            continue
        seconds = (response.saved_at - previous).total_seconds() if response.saved_at else None
        previous = response.saved_at or previous
        record_review(
            attempt.student_id, layout["question_id"], response.fraction >= 0.999, seconds, now
        )


def due_cards(student_id: int, now: datetime | None = None, limit: int = 20) -> list[ReviewCard]:
    now = now or utcnow()
    return list(
        db.session.scalars(
            db.select(ReviewCard)
            .join(Question, Question.id == ReviewCard.question_id)
            .where(
                ReviewCard.student_id == student_id,
                ReviewCard.due_at <= now,
                Question.status == "accepted",
            )
            .order_by(ReviewCard.due_at)
            .limit(limit)
        )
    )


def due_count(student_id: int, now: datetime | None = None) -> int:
    now = now or utcnow()
    return (
        db.session.scalar(
            db.select(db.func.count(ReviewCard.id))
            .join(Question, Question.id == ReviewCard.question_id)
            .where(
                ReviewCard.student_id == student_id,
                ReviewCard.due_at <= now,
                Question.status == "accepted",
            )
        )
        or 0
    )
