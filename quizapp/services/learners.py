"""A learner's data rights: everything held about them (access, export), erasing
them (the account goes, anonymous rows stay so that statistics stay right), and the
retention rule that erases accounts left unused.

Nothing is committed here: the page or the command commits, so an erasure is all
or nothing in the transaction of whoever asked for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from quizapp.domain.messages import N_, CatalogueError
from quizapp.extensions import db
from quizapp.models import (
    Article,
    Attempt,
    Bank,
    BankShare,
    Membership,
    Question,
    QuestionVersion,
    Quiz,
    Response,
    ReviewCard,
    ReviewLog,
    SchoolClass,
    User,
)
from quizapp.models.base import utcnow
from quizapp.services import audit
from quizapp.services.accounts import end_sessions
from quizapp.services.quiz_status import review_visible, score_visible

#: Bumped when the shape of the export changes.
EXPORT_VERSION = 1
#: A stored password hash no password matches (Werkzeug's check fails on it).
UNUSABLE_PASSWORD = "!erased"
#: Answers written freely (an essay may tell anything about its writer) are wiped;
#: the mark a teacher gave stays.
FREE_TEXT_TYPES = ("essay",)


class ErasureRefused(CatalogueError):
    """An account that cannot be erased as it is, and why."""


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- access and export ---------------------------------------------------------------
def _classes(user: User) -> list[dict[str, Any]]:
    rows = db.session.execute(
        sa.select(SchoolClass.name, Membership.joined_at, User.username, User.display_name)
        .join(Membership, Membership.class_id == SchoolClass.id)
        .join(User, User.id == SchoolClass.teacher_id)
        .where(Membership.student_id == user.id)
        .order_by(Membership.joined_at)
    )
    return [
        {"name": r.name, "teacher": r.display_name or r.username, "joined_at": _iso(r.joined_at)}
        for r in rows
    ]


def _attempts(user: User) -> list[dict[str, Any]]:
    """The attempts with their answers. Marks, scores and comments follow the quiz's
    review settings as the result page does: while an attempt runs, or before the quiz
    lets its students see right and wrong, they are withheld (``"withheld": true``), so
    that a download never tells a student which answers are right before the page may."""
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.student_id == user.id)
        .order_by(Attempt.started_at, Attempt.id)
    ).all()
    stems = _stems({r.question_version_id for a in attempts for r in a.responses})
    now = utcnow()
    return [_attempt(a, stems, now) for a in attempts]


def _attempt(a: Attempt, stems: dict[int, str], now: datetime) -> dict[str, Any]:
    shown = score_visible(a.quiz, a, now)
    percent = 100.0 * (a.score or 0.0) / a.max_score if a.max_score and shown else None
    return {
        "quiz": a.quiz.title,
        "number": a.number,
        "state": a.state,
        "started_at": _iso(a.started_at),
        "submitted_at": _iso(a.submitted_at),
        "withheld": not shown,
        "score": a.score if shown else None,
        "max_score": a.max_score if shown else None,
        "percent": round(percent, 1) if percent is not None else None,
        "answers": [_answer(a, r, stems, now) for r in a.responses],
    }


def _answer(a: Attempt, r: Response, stems: dict[int, str], now: datetime) -> dict[str, Any]:
    shown = review_visible(a.quiz.show_correctness, a.quiz, a, r, now)
    return {
        "question": stems.get(r.question_version_id, ""),
        "answer": r.answer,
        "mark": r.mark if shown else None,
        "fraction": r.fraction if shown else None,
        "comment": (r.comment or None) if shown else None,
        "saved_at": _iso(r.saved_at),
    }


def _stems(version_ids: set[int]) -> dict[int, str]:
    if not version_ids:
        return {}
    rows = db.session.execute(
        sa.select(QuestionVersion.id, QuestionVersion.data).where(
            QuestionVersion.id.in_(version_ids)
        )
    )
    return {r.id: (r.data or {}).get("stem", "") for r in rows}


def _practice(user: User) -> list[dict[str, Any]]:
    cards = db.session.execute(
        sa.select(ReviewCard, QuestionVersion.data)
        .join(Question, Question.id == ReviewCard.question_id)
        .outerjoin(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(ReviewCard.student_id == user.id)
        .order_by(ReviewCard.id)
    ).all()
    logs: dict[int, list[dict[str, Any]]] = {}
    card_ids = [card.id for card, _ in cards]
    if card_ids:
        for log in db.session.scalars(
            db.select(ReviewLog)
            .where(ReviewLog.card_id.in_(card_ids))
            .order_by(ReviewLog.reviewed_at, ReviewLog.id)
        ):
            logs.setdefault(log.card_id, []).append(
                {
                    "reviewed_at": _iso(log.reviewed_at),
                    "correct": log.correct,
                    "rating": log.rating,
                    "in_practice": log.in_practice,
                }
            )
    return [
        {
            "question": (data or {}).get("stem", ""),
            "reps": card.reps,
            "lapses": card.lapses,
            "due_at": _iso(card.due_at),
            "last_reviewed_at": _iso(card.last_reviewed_at),
            "reviews": logs.get(card.id, []),
        }
        for card, data in cards
    ]


def learner_data(user: User) -> dict[str, Any]:
    """Everything quizapp holds about this person, as plain JSON-ready data."""
    return {
        "format": "quizapp-learner-data",
        "version": EXPORT_VERSION,
        "exported_at": _iso(utcnow()),
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "role": user.role,
            "active": user.active,
            "locale": user.locale,
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
        },
        "classes": _classes(user),
        "attempts": _attempts(user),
        "practice": _practice(user),
    }


def export_learner(user: User, actor: User | None, fmt: str) -> dict[str, Any]:
    """The learner's data, with the export recorded in the audit log."""
    audit.record(actor, "learner_export", "user", user.id, user.username, format=fmt)
    return learner_data(user)


def learner_by_username(username: str) -> User | None:
    return db.session.scalar(
        db.select(User).where(User.username == username.strip().lower(), User.erased_at.is_(None))
    )


# --- erasure ---------------------------------------------------------------------------
@dataclass
class ErasurePlan:
    """What erasing an account takes away, and what stays anonymous."""

    user: User
    classes: int
    attempts: int
    free_texts: int
    practice_cards: int
    practice_reviews: int


def _owned_content(user: User) -> int:
    total = 0
    for model in (Bank, Quiz, SchoolClass, Article):
        column = model.teacher_id if model is SchoolClass else model.owner_id
        total += db.session.scalar(sa.select(sa.func.count()).where(column == user.id)) or 0
    return total


def _free_text_responses(user: User) -> sa.Select:
    return (
        sa.select(Response.id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(
            Attempt.student_id == user.id,
            Question.type.in_(FREE_TEXT_TYPES),
            Response.answer.is_not(None),
        )
    )


def _count(query: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def erasure_plan(user: User, actor: User | None = None) -> ErasurePlan:
    """What erasing ``user`` does; refused (ErasureRefused) for an account already
    erased, one's own, an admin's, or a teacher who still owns content."""
    if user.erased_at is not None:
        raise ErasureRefused(N_("Ce compte est déjà supprimé."))
    if actor is not None and actor.id == user.id:
        raise ErasureRefused(N_("Vous ne pouvez pas supprimer votre propre compte."))
    if user.role == "admin":
        raise ErasureRefused(
            N_("Un compte administrateur ne se supprime pas : passez-le d’abord enseignant.")
        )
    if user.role == "teacher" and _owned_content(user):
        raise ErasureRefused(
            N_(
                "Ce compte possède encore des classes, des banques, des articles ou des "
                "quiz : transférez-les d’abord à un autre enseignant."
            )
        )
    cards = sa.select(ReviewCard.id).where(ReviewCard.student_id == user.id)
    return ErasurePlan(
        user=user,
        classes=_count(sa.select(Membership.id).where(Membership.student_id == user.id)),
        attempts=_count(sa.select(Attempt.id).where(Attempt.student_id == user.id)),
        free_texts=_count(_free_text_responses(user)),
        practice_cards=_count(cards),
        practice_reviews=_count(sa.select(ReviewLog.id).where(ReviewLog.card_id.in_(cards))),
    )


def erase_learner(user: User, actor: User | None, *, action: str = "learner_erase") -> ErasurePlan:
    """Erase the account: name, e-mail, password, practice history and free-written
    answers go; the row stays as an anonymous tombstone (« élève supprimé ») with its
    attempts, marks and class memberships, so that every statistic stays the same
    and the id is never given to anyone else."""
    plan = erasure_plan(user, actor)
    label = user.username
    free = list(db.session.scalars(_free_text_responses(user)))
    if free:
        db.session.execute(
            sa.update(Response).where(Response.id.in_(free)).values(answer=None, save_seq=None)
        )
    cards = sa.select(ReviewCard.id).where(ReviewCard.student_id == user.id)
    db.session.execute(sa.delete(ReviewLog).where(ReviewLog.card_id.in_(cards)))
    db.session.execute(sa.delete(ReviewCard).where(ReviewCard.student_id == user.id))
    db.session.execute(sa.delete(BankShare).where(BankShare.teacher_id == user.id))
    user.username = f"~erased-{user.id}"
    user.email = None
    user.display_name = ""
    user.locale = None
    user.password_hash = UNUSABLE_PASSWORD
    user.must_change_password = False
    user.active = False
    user.last_login_at = None
    user.erased_at = utcnow()
    end_sessions(user)
    audit.record(
        actor,
        action,
        "user",
        user.id,
        label,
        role=user.role,
        attempts=plan.attempts,
        practice_cards=plan.practice_cards,
    )
    return plan


# --- retention -------------------------------------------------------------------------
def unused_since(months: int, now: datetime | None = None) -> datetime:
    """The moment before which an account counts as unused (a month is 30 days)."""
    return (now or utcnow()) - timedelta(days=30 * months)


def purge_candidates(months: int, now: datetime | None = None) -> list[User]:
    """Student accounts not used for ``months``: last login (or creation, when the
    student never logged in) before the limit. Erased accounts are not counted again."""
    limit = unused_since(months, now)
    last_used = sa.func.coalesce(User.last_login_at, User.created_at)
    return list(
        db.session.scalars(
            db.select(User)
            .where(User.role == "student", User.erased_at.is_(None), last_used < limit)
            .order_by(User.username)
        )
    )


def purge(months: int, actor: User | None = None, now: datetime | None = None) -> list[str]:
    """Erase every account :func:`purge_candidates` finds; the usernames erased."""
    names = []
    for user in purge_candidates(months, now):
        names.append(user.username)
        erase_learner(user, actor, action="purge")
    return names
