"""Saving one answer from the page's script, in plain statements.

The page's script sends each answer as the student gives it: in an exam, the request
most often made after the question page. It follows the rules of
:func:`~quizapp.services.attempts.record_answers` (which a form post without the
script goes through) with the same lock on the attempt, taken by
:func:`~quizapp.services.attempt_page.load`, and the same grading
(:func:`~quizapp.services.attempts.graded`), but writes the response and the page
reached with two statements instead of loading and flushing models.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.domain.messages import N_
from quizapp.extensions import db
from quizapp.models import Attempt, Response
from quizapp.models.base import utcnow
from quizapp.services.attempt_page import Record
from quizapp.services.attempts import AttemptError, graded, refuse_closed, unanswered_slots
from quizapp.services.question_view import is_blank

_attempt, _response = Attempt.__table__, Response.__table__
# Built once: the values come as parameters (the columns they name are set).
_INSERT = sa.insert(_response)
_UPDATE = sa.update(_response).where(
    _response.c.attempt_id == sa.bindparam("b_attempt"), _response.c.slot == sa.bindparam("b_slot")
)
_PAGE = sa.update(_attempt).where(_attempt.c.id == sa.bindparam("b_attempt"))


def save(
    attempt: Record, slot: int, raw: Any, seq: str | None, now: datetime | None = None
) -> list[int]:
    """Store ``raw`` as the answer to ``slot`` of the locked ``attempt`` (a draft: never
    final), with the script's save sequence ``seq``, and commit; the slots left
    unanswered. An empty answer where none was given, or to a final question, stores
    nothing. Raises :class:`~quizapp.services.attempts.AttemptError` or
    :class:`~quizapp.domain.grading.InvalidResponse`, with nothing stored."""
    now = now or utcnow()
    try:
        refuse_closed(attempt, now)
        if not 0 <= slot < len(attempt.layout):
            raise AttemptError(N_("Cette question ne fait pas partie de la tentative."), 400)
        existing = next((r for r in attempt.responses if r.slot == slot), None)
        if existing is not None and existing.final and not is_blank(raw):
            raise AttemptError(N_("Cette réponse est déjà validée."), 409)
        if not is_blank(raw) or (existing is not None and not existing.final):
            _write(attempt, slot, existing, raw, seq, now)
        if attempt.current_page != slot:
            db.session.connection().execute(_PAGE, {"b_attempt": attempt.id, "current_page": slot})
            attempt.current_page = slot
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return unanswered_slots(attempt)


def _write(
    attempt: Record, slot: int, existing: Record | None, raw: Any, seq: str | None, now: datetime
) -> None:
    values = graded(attempt.layout[slot], raw, False, attempt.quiz.show_correctness)
    row = {
        "answer": values["answer"],
        "saved_at": now,
        "fraction": values["fraction"],
        "mark": values["mark"],
        "final": values["final"],
        "save_seq": seq,
    }
    conn = db.session.connection()
    if existing is None:
        version_id = values["question_version_id"]
        conn.execute(
            _INSERT,
            {"attempt_id": attempt.id, "slot": slot, "question_version_id": version_id, **row},
        )
        attempt.responses.append(Record(slot=slot, **row))
    else:
        conn.execute(_UPDATE, {"b_attempt": attempt.id, "b_slot": slot, **row})
        existing.__dict__.update(row)
