"""Articles, question banks and versioned questions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import db
from quizapp.models.base import utcnow


class Article(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    source: Mapped[str] = mapped_column(sa.String(500), default="")
    published_on: Mapped[date | None]
    language: Mapped[str] = mapped_column(sa.String(8), default="fr")
    text: Mapped[str] = mapped_column(sa.Text)  # the cleaned text: source spans index into it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set: hidden from the teacher's lists until restored; nothing else changes.
    archived_at: Mapped[datetime | None]


class Bank(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    article_id: Mapped[int | None] = mapped_column(sa.ForeignKey("article.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set: hidden from the lists of banks; its questions stay in the quizzes using them.
    archived_at: Mapped[datetime | None]

    article: Mapped[Article | None] = relationship()
    questions: Mapped[list[Question]] = relationship(
        back_populates="bank", cascade="all, delete-orphan"
    )
    shares: Mapped[list[BankShare]] = relationship(cascade="all, delete-orphan")


class BankShare(db.Model):
    __table_args__ = (sa.UniqueConstraint("bank_id", "teacher_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(sa.ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    teacher_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    can_edit: Mapped[bool] = mapped_column(default=False)


class Question(db.Model):
    """A question's identity and review state; its content lives in versions."""

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(sa.ForeignKey("bank.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(16), default="candidate", index=True)
    reject_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    type: Mapped[str] = mapped_column(sa.String(16))
    kind: Mapped[str] = mapped_column(sa.String(32), default="")
    confidence: Mapped[float | None]
    tags: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    generated: Mapped[bool] = mapped_column(default=False)
    current_version_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question_version.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    bank: Mapped[Bank] = relationship(back_populates="questions")
    current_version: Mapped[QuestionVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )
    versions: Mapped[list[QuestionVersion]] = relationship(
        foreign_keys="QuestionVersion.question_id",
        back_populates="question",
        cascade="all, delete-orphan",
        order_by="QuestionVersion.number",
    )

    @property
    def data(self) -> QuestionData:
        return self.current_version.question_data


class QuestionVersion(db.Model):
    """Immutable content of a question; attempts point at the version the student saw."""

    __table_args__ = (sa.UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id"))

    question: Mapped[Question] = relationship(foreign_keys=[question_id], back_populates="versions")

    @property
    def question_data(self) -> QuestionData:
        return QuestionData.from_dict(self.data)
