"""What a page of an attempt reads, in two statements without the ORM.

A question page is the request a class sends most, and loading models (the attempt,
its quiz, its responses, the bank's article) cost it more than rendering the page.
Here the attempt, its quiz and whether the quiz's bank has an article come in one
row, the responses in a second statement, as read-only records that the page's
services read as they read the models (``attempt.quiz``, ``attempt.responses``,
``response.final``, …). Nothing is written through them: closing an attempt whose
time ran out, and a save from a form, load the models with the attempt locked;
a save from the page's script writes with plain statements too
(:mod:`~quizapp.services.answer_save`).
"""

from __future__ import annotations

from types import SimpleNamespace

import sqlalchemy as sa

from quizapp.extensions import begin_write, db
from quizapp.models import Attempt, Bank, Quiz, Response

_attempt, _quiz, _bank, _response = (
    Attempt.__table__,
    Quiz.__table__,
    Bank.__table__,
    Response.__table__,
)
_QUIZ = "quiz__"
# What the pages and the save read (the rest would only cost parsing, dates above all).
_ATTEMPT_COLUMNS = ("id", "quiz_id", "student_id", "state", "deadline_at", "layout", "current_page")
_QUIZ_COLUMNS = (
    *("id", "title", "bank_id", "opens_at", "closes_at", "one_per_page"),
    *("show_correctness", "show_answers", "show_explanations", "show_article"),
)
_QUIZ_KEYS = (*_QUIZ_COLUMNS, "article_id")
_RESPONSE_COLUMNS = ("slot", "answer", "final", "fraction", "mark", "comment", "save_seq")

_ATTEMPT_WITH_QUIZ = (
    sa.select(
        *(_attempt.c[name] for name in _ATTEMPT_COLUMNS),
        *(_quiz.c[name].label(_QUIZ + name) for name in _QUIZ_COLUMNS),
        _bank.c.article_id.label(_QUIZ + "article_id"),
    )
    .select_from(
        _attempt.join(_quiz, _quiz.c.id == _attempt.c.quiz_id).outerjoin(
            _bank, _bank.c.id == _quiz.c.bank_id
        )
    )
    .where(_attempt.c.id == sa.bindparam("attempt_id"))
)
_LOCKED = _ATTEMPT_WITH_QUIZ.with_for_update(of=_attempt)
_RESPONSES = (
    sa.select(*(_response.c[name] for name in _RESPONSE_COLUMNS))
    .where(_response.c.attempt_id == sa.bindparam("attempt_id"))
    .order_by(_response.c.slot)
)


class Record(SimpleNamespace):
    """A row read for a page: the columns it needs as attributes, named as the model's."""


def joined(*columns: sa.ColumnElement, table: sa.Table, onclause, lock: bool) -> sa.Select:
    """The attempt's statement with ``columns`` of ``table`` joined to its row (the
    logged-in user's, read in the same statement): no row when there is no such
    attempt. ``lock`` as for :func:`load`, whose ``row`` it makes."""
    statement = _ATTEMPT_WITH_QUIZ.add_columns(*columns).join(table, onclause)
    return statement.with_for_update(of=_attempt) if lock else statement


def load(attempt_id: int, *, lock: bool = False, row: sa.Row | None = None) -> Record | None:
    """The attempt (``quiz``, with ``article_id`` of its bank, and ``responses`` by
    slot), or None when there is no such attempt. Whose it is, the caller checks.

    ``lock``: in a write transaction holding the attempt's row, as
    :func:`~quizapp.services.attempts.lock_attempt` does, for a save. ``row``: the
    attempt's row, read already in this transaction (with ``lock`` as asked) by a
    statement of :func:`joined`."""
    if row is None:
        if lock:
            begin_write()
        statement = _LOCKED if lock else _ATTEMPT_WITH_QUIZ
        row = db.session.connection().execute(statement, {"attempt_id": attempt_id})
        row = row.one_or_none()
        if row is None:
            return None
    values = row._mapping
    attempt = Record(**{name: values[name] for name in _ATTEMPT_COLUMNS})
    attempt.quiz = Record(**{name: values[_QUIZ + name] for name in _QUIZ_KEYS})
    responses = db.session.connection().execute(_RESPONSES, {"attempt_id": attempt_id})
    # Named from the statement's columns: a row's own mapping costs three times as much.
    attempt.responses = [Record(**dict(zip(_RESPONSE_COLUMNS, r, strict=True))) for r in responses]
    return attempt
