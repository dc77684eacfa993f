"""The student's blueprint, and what its pages load: the current student's attempt (else a 404), locked for a save, or as of now; an assigned quiz."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz
from quizapp.models.base import utcnow
from quizapp.services import attempts as svc
from quizapp.services import quiz_status

bp = Blueprint("student", __name__)


def own_attempt_or_404(attempt_id: int) -> Attempt:
    """The current student's attempt; anyone else's is a 404, whoever asks."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
    return attempt


def locked_own_attempt_or_404(attempt_id: int) -> Attempt:
    """The current student's attempt, locked for a save (see ``svc.lock_attempt``)."""
    attempt = svc.lock_attempt(attempt_id)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
    return attempt


def assigned_quiz_or_404(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not quiz_status.is_assigned(quiz, current_user):
        abort(404)
    return quiz


def remaining_seconds(attempt: Attempt, now) -> int | None:
    if attempt.deadline_at is None:
        return None
    return max(0, int((attempt.deadline_at - now).total_seconds()))


def own_attempt_as_of_now(attempt_id: int) -> tuple[Attempt, datetime, bool]:
    """The current student's attempt, submitted first if its time ran out (then the
    last value is True), and the time now."""
    attempt = own_attempt_or_404(attempt_id)
    now = utcnow()
    closed = svc.close_if_overdue(attempt, now)
    return attempt, now, closed
