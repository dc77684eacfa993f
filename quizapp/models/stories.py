"""Stories: articles followed over weeks, their dated facts and the changes between them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.base import utcnow
from quizapp.models.content import Article, Bank, Question

#: What a teacher did with a flagged change.
CHANGE_STATUSES = ("open", "retired", "new_version")


class Story(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]
    #: the bank of the story's own questions (timeline questions across its articles)
    bank_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bank.id", ondelete="SET NULL"))
    #: whether the owner's students may read the story's page (its articles, its timeline)
    students_can_view: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    bank: Mapped[Bank | None] = relationship()
    articles: Mapped[list[StoryArticle]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="StoryArticle.position"
    )


class StoryArticle(db.Model):
    """An article in a story, at its place in date order, with the facts read in it."""

    __table_args__ = (sa.UniqueConstraint("story_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(sa.ForeignKey("story.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    facts: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    #: {"weights": {actor: weight}, "places": [...]} (older rows: a list of actors)
    actors: Mapped[Any] = mapped_column(sa.JSON, default=dict)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    story: Mapped[Story] = relationship(back_populates="articles")
    article: Mapped[Article] = relationship()


class QuestionFact(db.Model):
    """The dated fact a generated question asks: true as of its article's date."""

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("question.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(sa.String(16))
    actor: Mapped[str] = mapped_column(sa.String(300))
    relation: Mapped[str] = mapped_column(sa.String(32), default="")
    value: Mapped[str] = mapped_column(sa.String(300))
    unit: Mapped[str] = mapped_column(sa.String(60), default="")
    qualifier: Mapped[str] = mapped_column(sa.String(30), default="")
    article_date: Mapped[date | None]
    sentence: Mapped[str] = mapped_column(sa.Text)

    question: Mapped[Question] = relationship()


class StoryChange(db.Model):
    """A later article of a story states another value for an earlier fact."""

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(sa.ForeignKey("story.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("question.id", ondelete="SET NULL"), index=True
    )
    earlier_article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    later_article_id: Mapped[int] = mapped_column(sa.ForeignKey("article.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    subject: Mapped[str] = mapped_column(sa.String(300))
    before: Mapped[str] = mapped_column(sa.String(300))
    after: Mapped[str] = mapped_column(sa.String(300))
    before_sentence: Mapped[str] = mapped_column(sa.Text)
    after_sentence: Mapped[str] = mapped_column(sa.Text)
    later_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(sa.String(16), default="open", server_default="open")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]

    story: Mapped[Story] = relationship()
    question: Mapped[Question | None] = relationship()
    earlier_article: Mapped[Article] = relationship(foreign_keys=[earlier_article_id])
    later_article: Mapped[Article] = relationship(foreign_keys=[later_article_id])
