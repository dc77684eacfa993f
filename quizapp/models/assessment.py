"""Quizzes, their assignment to classes, attempts and responses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.base import utcnow

GRADING_METHODS = ("highest", "last", "average", "first")
REVIEW_TIMES = ("immediately", "after_submit", "after_close", "never")
#: When the quiz's students may read the article its bank was built from: before,
#: during and after their attempts; only once one is submitted; not at all.
ARTICLE_TIMES = ("always", "after_submit", "never")


class Quiz(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    bank_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bank.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(200))
    instructions: Mapped[str] = mapped_column(sa.Text, default="")
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    time_limit_minutes: Mapped[int | None]
    max_attempts: Mapped[int] = mapped_column(default=1)  # 0: unlimited
    grading_method: Mapped[str] = mapped_column(sa.String(16), default="highest")
    shuffle_questions: Mapped[bool] = mapped_column(default=False)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    one_per_page: Mapped[bool] = mapped_column(default=True)
    show_correctness: Mapped[str] = mapped_column(sa.String(16), default="after_submit")
    show_answers: Mapped[str] = mapped_column(sa.String(16), default="after_submit")
    show_explanations: Mapped[str] = mapped_column(sa.String(16), default="after_submit")
    show_article: Mapped[str] = mapped_column(
        sa.String(16), default="always", server_default="always"
    )
    pass_mark: Mapped[float] = mapped_column(default=50.0)  # percent
    # {tag: n}: draw n accepted questions per tag for each student instead of a fixed list
    draw_per_tag: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set: hidden from the lists, no new attempt; its attempts still count in reports.
    archived_at: Mapped[datetime | None]

    slots: Mapped[list[QuizQuestion]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="QuizQuestion.position"
    )
    assignments: Mapped[list[QuizAssignment]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan"
    )


class QuizQuestion(db.Model):
    __table_args__ = (sa.UniqueConstraint("quiz_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("question.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    mark: Mapped[float] = mapped_column(default=1.0)

    quiz: Mapped[Quiz] = relationship(back_populates="slots")
    question = relationship("Question")


class QuizAssignment(db.Model):
    __table_args__ = (sa.UniqueConstraint("quiz_id", "class_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    class_id: Mapped[int] = mapped_column(
        sa.ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    quiz: Mapped[Quiz] = relationship(back_populates="assignments")
    school_class = relationship("SchoolClass")


class Attempt(db.Model):
    __table_args__ = (sa.UniqueConstraint("quiz_id", "student_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(sa.ForeignKey("quiz.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    state: Mapped[str] = mapped_column(sa.String(16), default="in_progress", index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    deadline_at: Mapped[datetime | None]
    submitted_at: Mapped[datetime | None]
    # [{"question_id", "version_id", "mark", "order": [option indexes as shown]}...]
    layout: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    current_page: Mapped[int] = mapped_column(default=0)
    score: Mapped[float | None]
    max_score: Mapped[float | None]

    responses: Mapped[list[Response]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="Response.slot"
    )
    quiz: Mapped[Quiz] = relationship()
    student = relationship("User")


class Response(db.Model):
    __table_args__ = (sa.UniqueConstraint("attempt_id", "slot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        sa.ForeignKey("attempt.id", ondelete="CASCADE"), index=True
    )
    slot: Mapped[int]
    question_version_id: Mapped[int] = mapped_column(sa.ForeignKey("question_version.id"))
    answer: Mapped[Any] = mapped_column(sa.JSON)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    fraction: Mapped[float | None]
    mark: Mapped[float | None]
    final: Mapped[bool] = mapped_column(default=False)
    # "<page id>:<n>" from the page's script: a save older than the one stored (same
    # page, lower n, delayed on the network and sent again) is dropped, not stored.
    save_seq: Mapped[str | None] = mapped_column(sa.String(48))
    # Marked by hand (essays, or a teacher's override): the teacher's comment, who
    # marked and when. ``marked_at`` set means a regrade keeps the teacher's mark.
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    marked_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    marked_at: Mapped[datetime | None]

    attempt: Mapped[Attempt] = relationship(back_populates="responses")
    marked_by = relationship("User", foreign_keys=[marked_by_id])
