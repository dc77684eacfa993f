"""A new school year: a teacher puts last year's classes away in one step; an admin
sees what each teacher holds and hands a departed teacher's work to a colleague.
Nothing is committed here: the page or the command commits, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.domain.messages import N_
from quizapp.extensions import db
from quizapp.models import Article, Attempt, Bank, Quiz, SchoolClass, User
from quizapp.services import audit
from quizapp.services.lifecycle import KINDS, LifecycleError, archive, drop_shares_of


def active_classes(teacher: User) -> list[SchoolClass]:
    """The classes the teacher made themselves and has not archived, by name."""
    return list(
        db.session.scalars(
            db.select(SchoolClass)
            .where(SchoolClass.teacher_id == teacher.id, SchoolClass.archived_at.is_(None))
            .order_by(SchoolClass.name)
        )
    )


def archive_classes(teacher: User, actor: User | None) -> list[SchoolClass]:
    """Archive every active class of the teacher (the end of a school year); the
    classes archived. Their students, quizzes and reports stay as they are."""
    classes = active_classes(teacher)
    for school_class in classes:
        archive(KINDS["class"], school_class, actor, school_year=True)
    return classes


@dataclass(frozen=True)
class TeacherCounts:
    teacher: User
    classes: int
    banks: int
    quizzes: int
    attempts: int  # at the teacher's quizzes, by every student


def teacher_counts() -> list[TeacherCounts]:
    """Every teacher (and admin) with what they own, in five queries."""
    teachers = db.session.scalars(
        db.select(User).where(User.role.in_(("teacher", "admin"))).order_by(User.username)
    ).all()

    def per_owner(column, counted) -> dict[int, int]:
        rows = db.session.execute(db.select(column, db.func.count(counted)).group_by(column)).all()
        return dict(rows)

    classes = per_owner(SchoolClass.teacher_id, SchoolClass.id)
    banks = per_owner(Bank.owner_id, Bank.id)
    quizzes = per_owner(Quiz.owner_id, Quiz.id)
    attempts = dict(
        db.session.execute(
            db.select(Quiz.owner_id, db.func.count(Attempt.id))
            .join(Attempt, Attempt.quiz_id == Quiz.id)
            .group_by(Quiz.owner_id)
        ).all()
    )
    return [
        TeacherCounts(
            t, classes.get(t.id, 0), banks.get(t.id, 0), quizzes.get(t.id, 0), attempts.get(t.id, 0)
        )
        for t in teachers
    ]


@dataclass(frozen=True)
class HandOver:
    articles: int
    banks: int
    quizzes: int
    classes: int


def colleague(username: str) -> User | None:
    """The teacher (or admin) account named ``username``, else None."""
    return db.session.scalar(
        db.select(User).where(
            User.username == (username or "").strip().lower(),
            User.role.in_(("teacher", "admin")),
        )
    )


def hand_over(departing: User, successor: User | None, actor: User | None) -> HandOver:
    """Give every article, bank, quiz and class of ``departing`` to ``successor``, in
    one transaction, recorded as one ``transfer`` in the audit log. The quizzes keep
    their attempts and the classes their students: reports read the same after."""
    if successor is None or successor.role not in ("teacher", "admin"):
        raise LifecycleError(N_("Choisissez le compte d'un autre enseignant."))
    if successor.id == departing.id:
        raise LifecycleError(N_("Choisissez un autre enseignant que celui qui part."))
    moved = {}
    for model, column in (
        (Article, Article.owner_id),
        (Bank, Bank.owner_id),
        (Quiz, Quiz.owner_id),
        (SchoolClass, SchoolClass.teacher_id),
    ):
        ids = db.session.scalars(db.select(model.id).where(column == departing.id)).all()
        if ids:
            db.session.execute(
                db.update(model).where(model.id.in_(ids)).values({column.key: successor.id})
            )
        moved[model.__tablename__] = ids
    drop_shares_of(successor.id, moved["bank"])
    result = HandOver(
        articles=len(moved["article"]),
        banks=len(moved["bank"]),
        quizzes=len(moved["quiz"]),
        classes=len(moved["school_class"]),
    )
    audit.record(
        actor,
        "transfer",
        "user",
        departing.id,
        departing.username,
        to=successor.username,
        articles=result.articles,
        banks=result.banks,
        quizzes=result.quizzes,
        classes=result.classes,
    )
    return result
