"""What reports change: regrades, recorded with who ran them and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.base import utcnow


class Regrade(db.Model):
    """One applied regrade of a quiz (or of one question in it).

    ``changes`` keeps, per attempt whose score moved, the old and new scores,
    so that a teacher can see afterwards what the regrade did.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question.id", ondelete="SET NULL")
    )
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    responses_changed: Mapped[int] = mapped_column(default=0)
    attempts_changed: Mapped[int] = mapped_column(default=0)
    # [{"attempt_id", "student_id", "old_score", "new_score"}...]
    changes: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)

    user = relationship("User")
