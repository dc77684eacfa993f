"""What a page of an attempt reads, in two statements without the ORM.

A question page is the request a class sends most, and loading models (the attempt,
its quiz, its responses, the bank's article) cost it more than rendering the page.
Here the attempt, its quiz and whether the quiz's bank has an article come in one
row, the responses in a second statement, as read-only records that the page's
services read as they read the models (``attempt.quiz``, ``attempt.responses``,
``response.final``, …). Nothing is written through them: closing an attempt whose
time ran out, and every save, load the models with the attempt locked.
"""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Attempt, Bank, Quiz, Response

_attempt, _quiz, _bank, _response = (
    Attempt.__table__,
    Quiz.__table__,
    Bank.__table__,
    Response.__table__,
)
_QUIZ = "quiz__"

_ATTEMPT_WITH_QUIZ = (
    sa.select(
        _attempt,
        *(column.label(_QUIZ + column.name) for column in _quiz.c),
        _bank.c.article_id.label(_QUIZ + "article_id"),
    )
    .select_from(
        _attempt.join(_quiz, _quiz.c.id == _attempt.c.quiz_id).outerjoin(
            _bank, _bank.c.id == _quiz.c.bank_id
        )
    )
    .where(_attempt.c.id == sa.bindparam("attempt_id"))
)
_RESPONSES = (
    sa.select(_response)
    .where(_response.c.attempt_id == sa.bindparam("attempt_id"))
    .order_by(_response.c.slot)
)


class Record(SimpleNamespace):
    """A row read for a page: its columns as attributes, like the model's."""


def load(attempt_id: int) -> Record | None:
    """The attempt (``quiz``, with ``article_id`` of its bank, and ``responses`` by
    slot), or None when there is no such attempt. Whose it is, the caller checks."""
    conn = db.session.connection()
    row = conn.execute(_ATTEMPT_WITH_QUIZ, {"attempt_id": attempt_id}).one_or_none()
    if row is None:
        return None
    attempt, quiz = Record(), Record()
    for key, value in row._mapping.items():
        if key.startswith(_QUIZ):
            setattr(quiz, key[len(_QUIZ) :], value)
        else:
            setattr(attempt, key, value)
    attempt.quiz = quiz
    attempt.responses = [
        Record(**r._mapping) for r in conn.execute(_RESPONSES, {"attempt_id": attempt_id})
    ]
    return attempt
