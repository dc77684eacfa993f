"""Practice that remembers: every scored question of a quiz, answered or not, enters
a spaced-repetition schedule (FSRS); "review now" serves the due ones. Practice
never changes a grade."""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.domain import grading, scheduling
from quizapp.domain.messages import N_
from quizapp.domain.questiondata import SCORED_TYPES, QuestionData
from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    Question,
    Response,
    ReviewCard,
    ReviewLog,
)
from quizapp.models.base import utcnow
from quizapp.services.attempt_layout import to_stored, versions_for
from quizapp.services.question_view import is_blank
from quizapp.services.quiz_status import review_visible

#: Seconds a student is expected to spend on one question, to tell Easy from Good.
EXPECTED_SECONDS = 30.0


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _review_card(card: ReviewCard, correct: bool, seconds: float | None, now: datetime) -> int:
    """Move one card along its schedule; returns the FSRS rating given."""
    rating = scheduling.rating_for(correct, seconds, EXPECTED_SECONDS)
    state, due = scheduling.review(card.state or None, rating, now)
    card.state = state
    card.due_at = _naive(due)
    card.reps = (card.reps or 0) + 1
    card.lapses = (card.lapses or 0) + (0 if correct else 1)
    card.last_reviewed_at = now
    return int(rating)


def _new_card(student_id: int, question_id: int) -> ReviewCard:
    card = ReviewCard(student_id=student_id, question_id=question_id, state=None, reps=0, lapses=0)
    db.session.add(card)
    return card


def record_review(
    student_id: int, question_id: int, correct: bool, seconds: float | None, now: datetime
) -> ReviewCard:
    card = db.session.scalar(
        db.select(ReviewCard).where(
            ReviewCard.student_id == student_id, ReviewCard.question_id == question_id
        )
    ) or _new_card(student_id, question_id)
    rating = _review_card(card, correct, seconds, now)
    db.session.flush()
    db.session.add(ReviewLog(card_id=card.id, rating=rating, correct=correct, reviewed_at=now))
    return card


def _reviews_of(attempt: Attempt, responses: dict[int, Response]) -> list[tuple]:
    """(question id, right, seconds spent) for each scored question of the attempt;
    an unanswered one counts as wrong."""
    previous = attempt.started_at
    reviews = []
    blank_slots = []
    for slot, layout in enumerate(attempt.layout):
        response = responses.get(slot)
        if response is None or is_blank(response.answer):
            blank_slots.append(slot)
            continue
        if response.fraction is None:  # an essay, waiting for the teacher
            continue
        seconds = (response.saved_at - previous).total_seconds() if response.saved_at else None
        previous = response.saved_at or previous
        reviews.append((layout["question_id"], response.fraction >= 0.999, seconds))
    if blank_slots:
        # Only unanswered slots need the question's type (a missing response says
        # nothing of it); the versions are usually cached from showing the quiz.
        versions = versions_for(attempt, blank_slots)
        for slot in blank_slots:
            data = versions.get(attempt.layout[slot]["version_id"])
            if data is not None and data.type in SCORED_TYPES:
                reviews.append((attempt.layout[slot]["question_id"], False, None))
    return reviews


def schedule_from_attempt(attempt: Attempt, responses: dict[int, Response]) -> None:
    """After a quiz, each scored question is scheduled from how it went.

    A question left unanswered is scheduled like a wrong answer (Again): what the
    student could not answer is what they most need to review. Descriptions and
    essays are not scored, so they never become cards.

    The student's cards are read in one query and written in one flush: a submit
    of a 16-question quiz costs a few statements, not two per question."""
    if attempt.quiz.show_correctness == "never":
        return  # practice would tell right from wrong, which this quiz never does
    now = attempt.submitted_at or utcnow()
    reviews = _reviews_of(attempt, responses)
    if not reviews:
        return
    cards = {
        card.question_id: card
        for card in db.session.scalars(
            db.select(ReviewCard).where(
                ReviewCard.student_id == attempt.student_id,
                ReviewCard.question_id.in_({question_id for question_id, _c, _s in reviews}),
            )
        )
    }
    ratings = []
    for question_id, correct, seconds in reviews:
        card = cards.get(question_id) or _new_card(attempt.student_id, question_id)
        cards[question_id] = card
        ratings.append((card, _review_card(card, correct, seconds, now), correct))
    db.session.flush()
    db.session.add_all(
        ReviewLog(
            card_id=card.id, rating=rating, correct=correct, reviewed_at=now, in_practice=False
        )
        for card, rating, correct in ratings
    )


@dataclass(frozen=True)
class ReviewRights:
    """What practice may show of one question: what its quiz's review settings show now."""

    correctness: bool = True
    answers: bool = True
    explanations: bool = True


def review_rights_by_question(student_id: int, now: datetime) -> dict[int, ReviewRights]:
    """For each question the student met in a quiz, what practice may show of it now.

    The latest submitted attempt with the question decides, by its quiz's review
    settings at this moment: practice grades an answer, so a question whose quiz
    does not show right from wrong yet (« après la fermeture ») waits until it
    does. A question in an attempt still in progress shows nothing: practice
    would let the student try answers to the quiz they are taking.
    """
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.student_id == student_id, Attempt.state.in_(("submitted", "in_progress")))
        .order_by(Attempt.submitted_at.desc())
    ).all()
    rights: dict[int, ReviewRights] = {}
    closed = ReviewRights(False, False, False)
    for attempt in attempts:
        if attempt.state == "in_progress":
            rights.update((slot["question_id"], closed) for slot in attempt.layout)
    for attempt in attempts:
        if attempt.state != "submitted":
            continue
        quiz = attempt.quiz
        shown = ReviewRights(
            review_visible(quiz.show_correctness, quiz, attempt, None, now),
            review_visible(quiz.show_answers, quiz, attempt, None, now),
            review_visible(quiz.show_explanations, quiz, attempt, None, now),
        )
        for slot in attempt.layout:
            rights.setdefault(slot["question_id"], shown)
    return rights


def _withheld(student_id: int, now: datetime) -> list[int]:
    return [q for q, r in review_rights_by_question(student_id, now).items() if not r.correctness]


def _due_filter(student_id: int, now: datetime) -> tuple[Any, ...]:
    return (
        ReviewCard.student_id == student_id,
        ReviewCard.due_at <= now,
        Question.status == "accepted",
        ReviewCard.question_id.not_in(_withheld(student_id, now)),
    )


def due_cards(student_id: int, now: datetime | None = None, limit: int = 20) -> list[ReviewCard]:
    """The student's cards due now, but those whose quiz does not show corrections yet."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            db.select(ReviewCard)
            .join(Question, Question.id == ReviewCard.question_id)
            .where(*_due_filter(student_id, now))
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
            .where(*_due_filter(student_id, now))
        )
        or 0
    )


# --- reviewing one question -----------------------------------------------------
class PracticeError(Exception):
    """The review cannot be taken (not the student's card, not due); ``status`` for the view."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class PracticeItem:
    card: ReviewCard
    question: Question
    data: QuestionData
    entry: dict[str, Any]  # like an attempt's layout slot: how the options are shown


def _practice_entry(card: ReviewCard, data: QuestionData, secret: str) -> dict[str, Any]:
    """Option order for this card and this repetition, the same on GET and POST.

    Derived from a keyed hash so the page needs no hidden field the student could
    edit, and the shown order says nothing about which option is right.
    """
    digest = hmac.new(secret.encode(), f"{card.id}:{card.reps}".encode(), hashlib.sha256)
    rng = random.Random(digest.hexdigest())
    entry: dict[str, Any] = {"question_id": card.question_id, "mark": 1.0, "order": []}
    if data.type in ("mcq", "multi"):
        entry["order"] = rng.sample(range(len(data.answers)), len(data.answers))
    elif data.type == "matching":
        entry["order"] = rng.sample(range(len(data.pairs)), len(data.pairs))
    elif data.type == "cloze":
        entry["blank_orders"] = [
            rng.sample(range(len(b.answers)), len(b.answers)) if b.type == "mcq" else []
            for b in data.blanks
        ]
    return entry


def practice_item(
    student_id: int, question_id: int, secret: str, now: datetime | None = None
) -> PracticeItem:
    """The student's due card for ``question_id``, with the question as last seen."""
    now = now or utcnow()
    card = db.session.scalar(
        db.select(ReviewCard).where(
            ReviewCard.student_id == student_id, ReviewCard.question_id == question_id
        )
    )
    question = db.session.get(Question, question_id)
    if card is None or question is None or question.status != "accepted":
        raise PracticeError(N_("Cette question ne fait pas partie de vos révisions."), 404)
    if card.due_at > now:
        raise PracticeError(N_("Cette question est déjà révisée : elle reviendra plus tard."), 409)
    if not review_rights(student_id, question_id, now).correctness:
        raise PracticeError(
            N_("Cette question reviendra en révision quand son quiz montrera les corrections."),
            409,
        )
    data = question.current_version.question_data
    return PracticeItem(card, question, data, _practice_entry(card, data, secret))


def next_item(student_id: int, secret: str, now: datetime | None = None) -> PracticeItem | None:
    cards = due_cards(student_id, now, limit=1)
    if not cards:
        return None
    return practice_item(student_id, cards[0].question_id, secret, now)


def answer(
    item: PracticeItem, raw: Any, seconds: float | None, now: datetime | None = None
) -> tuple[Any, grading.Grade]:
    """Grade a practice answer and reschedule the card; quiz grades are untouched.

    Raises :class:`~quizapp.domain.grading.InvalidResponse` for a malformed answer.
    Returns the stored response (original indexes) and its grade.
    """
    now = now or utcnow()
    stored = to_stored(item.data, item.entry["order"], raw, item.entry.get("blank_orders"))
    result = grading.grade(item.data, stored)
    correct = bool(result.fraction is not None and result.fraction >= 0.999)
    record_review(item.card.student_id, item.card.question_id, correct, seconds, now)
    return stored, result


def review_rights(student_id: int, question_id: int, now: datetime) -> ReviewRights:
    """What practice may show of one question (see :func:`review_rights_by_question`);
    a question never met in a quiz shows everything."""
    return review_rights_by_question(student_id, now).get(question_id, ReviewRights())
