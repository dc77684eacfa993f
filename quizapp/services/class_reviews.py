"""How a class is doing with its reviews, for its teacher: reviews due, and the
questions its students forget most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from quizapp.extensions import db
from quizapp.models import (
    Bank,
    Membership,
    Question,
    Quiz,
    QuizQuestion,
    ReviewCard,
    ReviewLog,
    User,
)
from quizapp.models.base import utcnow
from quizapp.services.workspace import visible_banks_query


# --- what the teacher sees --------------------------------------------------------
@dataclass
class ForgottenQuestion:
    question: Question
    forgotten: int  # reviews answered wrong
    reviews: int
    students: int


@dataclass
class ClassPractice:
    students: int
    due_now: int
    students_with_due: int
    reviews_last_week: int
    forgotten: list[ForgottenQuestion]


def questions_seen_by(teacher: User):
    """The ids of the questions a teacher may read: those of their own quizzes and
    of the banks they own or that were shared with them (an admin reads them all).

    A student can belong to the classes of several teachers; what one teacher's
    class practice shows of that student's cards stays within this set."""
    if teacher.role == "admin":
        return db.select(Question.id)
    own_quizzes = db.select(Quiz.id).where(Quiz.owner_id == teacher.id)
    in_quizzes = db.select(QuizQuestion.question_id).where(QuizQuestion.quiz_id.in_(own_quizzes))
    banks = visible_banks_query(teacher).with_only_columns(Bank.id)
    return db.select(Question.id).where(Question.bank_id.in_(banks) | Question.id.in_(in_quizzes))


def _most_forgotten(members, seen, top: int) -> list[ForgottenQuestion]:
    """The questions with the most wrong reviews among the class's students."""
    wrong = db.func.sum(db.case((ReviewLog.correct.is_(False), 1), else_=0))
    rows = db.session.execute(
        db.select(
            ReviewCard.question_id,
            wrong.label("forgotten"),
            db.func.count(ReviewLog.id).label("reviews"),
            db.func.count(db.distinct(ReviewCard.student_id)).label("students"),
        )
        .join(ReviewCard, ReviewCard.id == ReviewLog.card_id)
        .where(ReviewCard.student_id.in_(members), ReviewCard.question_id.in_(seen))
        .group_by(ReviewCard.question_id)
        .having(wrong > 0)
        .order_by(wrong.desc(), ReviewCard.question_id)
        .limit(top)
    ).all()
    questions = {
        q.id: q
        for q in db.session.scalars(
            db.select(Question).where(Question.id.in_([r.question_id for r in rows]))
        )
    }
    return [
        ForgottenQuestion(questions[r.question_id], r.forgotten, r.reviews, r.students)
        for r in rows
        if r.question_id in questions
    ]


def class_practice(
    class_id: int, teacher: User, now: datetime | None = None, top: int = 10
) -> ClassPractice:
    """Reviews due now and the questions the class forgets most (wrong reviews),
    among the questions ``teacher`` may read."""
    now = now or utcnow()
    members = db.select(Membership.student_id).where(Membership.class_id == class_id)
    n_students = db.session.scalar(db.select(db.func.count()).select_from(members.subquery()))
    seen = questions_seen_by(teacher)
    due_filter = (
        ReviewCard.student_id.in_(members),
        ReviewCard.question_id.in_(seen),
        ReviewCard.due_at <= now,
        Question.status == "accepted",
    )
    due_now = db.session.scalar(
        db.select(db.func.count(ReviewCard.id)).join(Question).where(*due_filter)
    )
    with_due = db.session.scalar(
        db.select(db.func.count(db.distinct(ReviewCard.student_id)))
        .join(Question)
        .where(*due_filter)
    )
    week = db.session.scalar(
        db.select(db.func.count(ReviewLog.id))
        .join(ReviewCard, ReviewCard.id == ReviewLog.card_id)
        .where(
            ReviewCard.student_id.in_(members),
            ReviewCard.question_id.in_(seen),
            ReviewLog.in_practice.is_(True),
            ReviewLog.reviewed_at >= now - timedelta(days=7),
        )
    )
    return ClassPractice(
        students=n_students or 0,
        due_now=due_now or 0,
        students_with_due=with_due or 0,
        reviews_last_week=week or 0,
        forgotten=_most_forgotten(members, seen, top),
    )
