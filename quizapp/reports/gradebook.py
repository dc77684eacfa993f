"""A class's gradebook: each student's counted grade on each quiz assigned to the class."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from quizapp.display.labels import person_name
from quizapp.extensions import db
from quizapp.models import Attempt, Membership, Quiz, QuizAssignment, SchoolClass, User
from quizapp.models.base import utcnow
from quizapp.reports.data import Filters, counted_grade, plain_rows


# --- class gradebook -----------------------------------------------------------
@dataclass
class GradebookQuiz:
    quiz_id: int
    title: str
    pass_mark: float


@dataclass
class GradebookRow:
    student_id: int
    username: str
    name: str
    grades: dict[int, float | None] = field(default_factory=dict)  # quiz_id -> percent
    attempts: dict[int, int] = field(default_factory=dict)  # quiz_id -> attempts started

    @property
    def average(self) -> float | None:
        done = [g for g in self.grades.values() if g is not None]
        return sum(done) / len(done) if done else None


@dataclass
class Gradebook:
    class_id: int
    name: str
    quizzes: list[GradebookQuiz]
    rows: list[GradebookRow]
    filters: Filters = field(default_factory=Filters)
    generated_at: datetime = field(default_factory=utcnow)

    def quiz_average(self, quiz_id: int) -> float | None:
        done = [r.grades.get(quiz_id) for r in self.rows if r.grades.get(quiz_id) is not None]
        return sum(done) / len(done) if done else None

    def completion(self, quiz_id: int) -> int:
        return sum(r.grades.get(quiz_id) is not None for r in self.rows)


def class_gradebook(school_class: SchoolClass, filters: Filters | None = None) -> Gradebook:
    """Every student of a class against every quiz assigned to it: the grade that counts."""
    given = filters or Filters()
    filters = Filters(school_class.id, given.date_from, given.date_to)
    quizzes = db.session.execute(
        sa.select(Quiz.id, Quiz.title, Quiz.pass_mark, Quiz.grading_method)
        .join(QuizAssignment, QuizAssignment.quiz_id == Quiz.id)
        .where(QuizAssignment.class_id == school_class.id)
        .order_by(Quiz.created_at, Quiz.id)
    ).all()
    students = db.session.execute(
        sa.select(User.id, User.username, User.display_name, User.erased_at)
        .join(Membership, Membership.student_id == User.id)
        .where(Membership.class_id == school_class.id)
        .order_by(User.username)
    ).all()
    rows = {
        s.id: GradebookRow(
            student_id=s.id,
            username=s.username,
            name=person_name(s.username, s.display_name, s.erased_at),
        )
        for s in students
    }
    methods = {q.id: q.grading_method for q in quizzes}
    attempts: dict[tuple[int, int], list] = defaultdict(list)
    if quizzes and students:
        query = filters.apply(
            sa.select(
                Attempt.quiz_id,
                Attempt.student_id,
                Attempt.number,
                Attempt.state,
                Attempt.score,
                Attempt.max_score,
            ).where(Attempt.quiz_id.in_(list(methods)))
        )
        for a in plain_rows(query):
            attempts[(a.student_id, a.quiz_id)].append(a)
    for (student_id, quiz_id), found in attempts.items():
        row = rows[student_id]
        row.attempts[quiz_id] = len(found)
        row.grades[quiz_id] = counted_grade(methods[quiz_id], found)
    return Gradebook(
        class_id=school_class.id,
        name=school_class.name,
        quizzes=[GradebookQuiz(q.id, q.title, q.pass_mark) for q in quizzes],
        rows=list(rows.values()),
        filters=filters,
    )
