"""Where each of a student's quizzes stands: assigned, open, the grade that counts,
and what the student may see of an attempt's results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    Membership,
    Quiz,
    QuizAssignment,
    Response,
    SchoolClass,
    User,
)
from quizapp.models.base import utcnow

#: A final submit that arrives this long after the deadline is still taken
#: (the network is slow at the end of an exam); answers are not.
SUBMIT_GRACE = timedelta(seconds=30)


@dataclass
class QuizStatus:
    quiz: Quiz
    state: str  # not_started | in_progress | submitted | closed | upcoming | archived
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    best: float | None  # percent of the counted score
    in_progress: Attempt | None


# --- who may take what ------------------------------------------------------
def assigned_quizzes_query(student_id: int, *, active: bool = False):
    """The quizzes assigned to the student's classes; ``active``: only those not
    archived, through a class not archived (what the student is offered)."""
    # A subquery rather than DISTINCT over quiz rows: PostgreSQL can't compare JSON columns.
    assigned = (
        db.select(QuizAssignment.quiz_id)
        .join(Membership, Membership.class_id == QuizAssignment.class_id)
        .where(Membership.student_id == student_id)
    )
    if active:
        assigned = assigned.join(SchoolClass, SchoolClass.id == Membership.class_id).where(
            SchoolClass.archived_at.is_(None)
        )
        return db.select(Quiz).where(Quiz.id.in_(assigned), Quiz.archived_at.is_(None))
    return db.select(Quiz).where(Quiz.id.in_(assigned))


def is_assigned(quiz: Quiz, student: User, *, active: bool = False) -> bool:
    """The quiz is assigned to one of the student's classes (``active``: and neither it
    nor that class is archived: a new attempt may start)."""
    query = assigned_quizzes_query(student.id, active=active).where(Quiz.id == quiz.id)
    return db.session.scalar(query.with_only_columns(Quiz.id)) is not None


def is_open(quiz: Quiz, now: datetime) -> bool:
    return (quiz.opens_at is None or quiz.opens_at <= now) and (
        quiz.closes_at is None or now <= quiz.closes_at
    )


def counted_percent(quiz: Quiz, attempts: list[Attempt]) -> float | None:
    """The grade that counts, as a percentage, by the quiz's grading method."""
    done = sorted(
        (a for a in attempts if a.state == "submitted" and a.max_score), key=lambda a: a.number
    )
    if not done:
        return None
    percents = [100.0 * (a.score or 0.0) / a.max_score for a in done]
    method = quiz.grading_method
    if method == "last":
        return percents[-1]
    if method == "first":
        return percents[0]
    if method == "average":
        return sum(percents) / len(percents)
    return max(percents)


def status_for(quiz: Quiz, attempts: list[Attempt], now: datetime) -> QuizStatus:
    used = len(attempts)
    left = None if quiz.max_attempts == 0 else max(0, quiz.max_attempts - used)
    running = next((a for a in attempts if a.state == "in_progress"), None)
    if running is not None and overdue(running, now):
        running = None  # will be closed on the next visit
    if running is not None:
        state = "in_progress"
    elif quiz.archived_at is not None:
        state = "archived"
    elif quiz.opens_at and now < quiz.opens_at:
        state = "upcoming"
    elif quiz.closes_at and now > quiz.closes_at:
        state = "closed"
    elif used and (left == 0):
        state = "submitted"
    elif any(a.state == "submitted" for a in attempts):
        state = "submitted" if left == 0 else "not_started"
    else:
        state = "not_started"
    return QuizStatus(quiz, state, used, left, counted_percent(quiz, attempts), running)


def overdue(attempt: Attempt, now: datetime) -> bool:
    """Past the deadline and the grace a final submit still gets."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + SUBMIT_GRACE


# --- what a student may see ---------------------------------------------------
def review_visible(
    setting: str, quiz: Quiz, attempt: Attempt, response: Response | None, now: datetime
) -> bool:
    """Whether feedback governed by ``setting`` may be shown for this response."""
    if setting == "never":
        return False
    if setting == "immediately":
        return attempt.state == "submitted" or bool(response and response.final)
    if setting == "after_submit":
        return attempt.state == "submitted"
    if setting == "after_close":
        return attempt.state == "submitted" and quiz.closes_at is not None and now > quiz.closes_at
    return False


def score_visible(quiz: Quiz, attempt: Attempt, now: datetime) -> bool:
    """The score follows the "right or wrong" review setting."""
    return review_visible(quiz.show_correctness, quiz, attempt, None, now)


# --- a student's overview -------------------------------------------------------------
def attempts_by_quiz(student_id: int) -> dict[int, list[Attempt]]:
    rows = db.session.scalars(
        db.select(Attempt).where(Attempt.student_id == student_id).order_by(Attempt.number)
    ).all()
    grouped: dict[int, list[Attempt]] = {}
    for attempt in rows:
        grouped.setdefault(attempt.quiz_id, []).append(attempt)
    return grouped


def statuses_for_student(student: User, now: datetime | None = None) -> list[QuizStatus]:
    """Every quiz assigned to the student's classes, soonest closing first; an
    archived quiz (or one of an archived class) only while an attempt at it runs."""
    now = now or utcnow()
    grouped = attempts_by_quiz(student.id)
    running = [
        quiz_id
        for quiz_id, attempts in grouped.items()
        if any(a.state == "in_progress" for a in attempts)
    ]
    offered = assigned_quizzes_query(student.id, active=True).with_only_columns(Quiz.id)
    quizzes = db.session.scalars(
        assigned_quizzes_query(student.id).where(Quiz.id.in_(offered) | Quiz.id.in_(running))
    ).all()
    statuses = [status_for(q, grouped.get(q.id, []), now) for q in quizzes]
    far = datetime.max
    order = {"in_progress": 0, "not_started": 1, "upcoming": 2, "submitted": 3, "closed": 4}
    statuses.sort(key=lambda s: (order.get(s.state, 5), s.quiz.closes_at or far, s.quiz.title))
    for status in statuses:
        attempts = grouped.get(status.quiz.id, [])
        if status.best is not None and not any(
            score_visible(status.quiz, a, now) for a in attempts
        ):
            status.best = None  # results are not shown yet for this quiz
    return statuses
