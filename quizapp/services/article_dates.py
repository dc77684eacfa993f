"""The date of the article a question came from, for the feedback that quotes it:
« Extrait de l'article du 1 nov. 2024 ». A fact is true as of its article: the
student reads when the article said so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Article, Bank, Question, QuestionVersion
from quizapp.services.feedback import Feedback


def article_dates(version_ids: Iterable[int]) -> dict[int, dt.date]:
    """{question version: its bank's article's date}, for the versions whose bank
    has a dated article."""
    ids = sorted(set(version_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(QuestionVersion.id, Article.published_on)
        .join(Question, Question.id == QuestionVersion.question_id)
        .join(Bank, Bank.id == Question.bank_id)
        .join(Article, Article.id == Bank.article_id)
        .where(QuestionVersion.id.in_(ids), Article.published_on.is_not(None))
    )
    return {version_id: published for version_id, published in rows}


def date_quoted_sentences(pairs: list[tuple[int, Feedback | None]]) -> None:
    """Give each feedback that quotes its article's sentence the article's date; one
    query for the page, none when no feedback quotes a sentence."""
    quoting = [(version_id, f) for version_id, f in pairs if f is not None and f.sentence]
    if not quoting:
        return
    dates = article_dates(version_id for version_id, _ in quoting)
    for version_id, feedback in quoting:
        feedback.article_date = dates.get(version_id)
