"""A student's report: each quiz with its attempts and counted grade, and the points of their progress over time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Attempt, Membership, Quiz, QuizAssignment, User
from quizapp.models.base import utcnow
from quizapp.reports.data import Filters, counted_grade


# --- one student -----------------------------------------------------------------
@dataclass
class StudentQuizRow:
    quiz_id: int
    title: str
    attempts: int
    submitted: int
    grade: float | None  # counted percent
    last_submitted_at: datetime | None
    pass_mark: float


@dataclass
class StudentPoint:
    """One submitted attempt, for the progress chart."""

    submitted_at: datetime
    quiz_id: int
    title: str
    number: int
    percent: float


@dataclass
class StudentReport:
    student_id: int
    username: str
    name: str
    quizzes: list[StudentQuizRow]
    points: list[StudentPoint]
    filters: Filters = field(default_factory=Filters)
    generated_at: datetime = field(default_factory=utcnow)

    @property
    def average(self) -> float | None:
        done = [q.grade for q in self.quizzes if q.grade is not None]
        return sum(done) / len(done) if done else None


def _student_quizzes(student: User, owner_id: int | None, filters: Filters) -> list:
    """The quizzes assigned to the student (in the filtered class, or any class, plus
    those attempted), only ``owner_id``'s when given, oldest first."""
    assigned = (
        sa.select(QuizAssignment.quiz_id)
        .join(Membership, Membership.class_id == QuizAssignment.class_id)
        .where(Membership.student_id == student.id)
    )
    if filters.class_id:
        assigned = assigned.where(Membership.class_id == filters.class_id)
    attempted = sa.select(Attempt.quiz_id).where(Attempt.student_id == student.id)
    query = sa.select(Quiz.id, Quiz.title, Quiz.pass_mark, Quiz.grading_method).where(
        Quiz.id.in_(assigned) if filters.class_id else Quiz.id.in_(assigned.union(attempted))
    )
    if owner_id is not None:
        query = query.where(Quiz.owner_id == owner_id)
    return db.session.execute(query.order_by(Quiz.created_at, Quiz.id)).all()


def _attempts_by_quiz(student: User, quiz_ids: list[int], filters: Filters) -> dict[int, list]:
    found: dict[int, list] = defaultdict(list)
    if not quiz_ids:
        return found
    query = filters.apply(
        sa.select(
            Attempt.quiz_id,
            Attempt.number,
            Attempt.state,
            Attempt.score,
            Attempt.max_score,
            Attempt.submitted_at,
        ).where(Attempt.student_id == student.id, Attempt.quiz_id.in_(quiz_ids))
    )
    for a in db.session.execute(query.order_by(Attempt.number)):
        found[a.quiz_id].append(a)
    return found


def _quiz_row(q, attempts: list) -> StudentQuizRow:
    done = [a for a in attempts if a.state == "submitted"]
    return StudentQuizRow(
        quiz_id=q.id,
        title=q.title,
        attempts=len(attempts),
        submitted=len(done),
        grade=counted_grade(q.grading_method, attempts),
        last_submitted_at=max((a.submitted_at for a in done if a.submitted_at), default=None),
        pass_mark=q.pass_mark,
    )


def student_report(
    student: User, owner_id: int | None = None, filters: Filters | None = None
) -> StudentReport:
    """All the quizzes of one student (those of ``owner_id`` only, when given) and progress."""
    filters = filters or Filters()
    quizzes = _student_quizzes(student, owner_id, filters)
    found = _attempts_by_quiz(student, [q.id for q in quizzes], filters)
    rows, points = [], []
    for q in quizzes:
        attempts = found.get(q.id, [])
        rows.append(_quiz_row(q, attempts))
        for a in attempts:
            if a.state == "submitted" and a.submitted_at and a.max_score:
                percent = 100.0 * (a.score or 0.0) / a.max_score
                points.append(StudentPoint(a.submitted_at, q.id, q.title, a.number, percent))
    points.sort(key=lambda p: p.submitted_at)
    return StudentReport(
        student_id=student.id,
        username=student.username,
        name=student.name,
        quizzes=rows,
        points=points,
        filters=filters,
    )
