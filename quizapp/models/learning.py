"""Spaced-repetition practice: one card per student and question."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.extensions import db
from quizapp.models.base import utcnow


class ReviewCard(db.Model):
    __table_args__ = (sa.UniqueConstraint("student_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"))
    state: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    due_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    last_reviewed_at: Mapped[datetime | None]


class ReviewLog(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(
        sa.ForeignKey("review_card.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[int]
    correct: Mapped[bool]
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: False when a quiz's submission scheduled the card: a review is one done in practice.
    in_practice: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
