"""A teacher's banks: making one, the review of its questions (one at a time or in
bulk), counts by status, and sharing it with another teacher. Nothing is committed:
the page commits what it asked for."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Bank, BankShare, Question, User

#: Accept the candidates at or above this confidence when the page gives none.
DEFAULT_THRESHOLD = 0.8


def create_bank(owner: User, name: str, tags: list[str]) -> Bank:
    bank = Bank(owner_id=owner.id, name=name, tags=tags)
    db.session.add(bank)
    return bank


def counts_by_status(banks) -> dict[int, dict[str, int]]:
    """{bank id: {status: how many questions}} for these banks, in one query."""
    counts: dict[int, dict[str, int]] = {}
    if banks:
        for bank_id, status, n in db.session.execute(
            db.select(Question.bank_id, Question.status, db.func.count(Question.id))
            .where(Question.bank_id.in_([b.id for b in banks]))
            .group_by(Question.bank_id, Question.status)
        ):
            counts.setdefault(bank_id, {})[status] = n
    return counts


def review(question: Question, accepted: bool, reason: str = "") -> None:
    """Accept a question, or reject it keeping the reason (to judge the generator by)."""
    question.status = "accepted" if accepted else "rejected"
    question.reject_reason = "" if accepted else reason


def review_many(bank: Bank, action: str, ids: list[int], threshold: float | None = None) -> int:
    """Accept or reject the questions ``ids`` of the bank (ids of other banks match
    nothing), or with ``accept_above`` every candidate at or above ``threshold``;
    how many changed."""
    query = db.select(Question).where(Question.bank_id == bank.id)
    if action == "accept_above":
        limit = threshold if threshold is not None else DEFAULT_THRESHOLD
        query = query.where(Question.status == "candidate", Question.confidence >= limit)
    else:
        query = query.where(Question.id.in_(ids))
    changed = 0
    for question in db.session.scalars(query):
        question.status = "rejected" if action == "reject" else "accepted"
        changed += 1
    return changed


def shares_of(bank: Bank) -> list[tuple[BankShare, User]]:
    return list(
        db.session.execute(
            db.select(BankShare, User)
            .join(User, User.id == BankShare.teacher_id)
            .where(BankShare.bank_id == bank.id)
        ).all()
    )


def share(bank: Bank, username: str, can_edit: bool) -> User | None:
    """Share the bank with the teacher ``username`` (to read, or to edit too); None
    when no other teacher has that username."""
    other = db.session.scalar(
        db.select(User).where(
            User.username == username.lower(), User.role.in_(("teacher", "admin"))
        )
    )
    if other is None or other.id == bank.owner_id:
        return None
    found = db.session.scalar(
        db.select(BankShare).where(BankShare.bank_id == bank.id, BankShare.teacher_id == other.id)
    )
    if found is None:
        found = BankShare(bank_id=bank.id, teacher_id=other.id)
        db.session.add(found)
    found.can_edit = bool(can_edit)
    return other
