"""The teacher's blueprint, and what every teacher page loads: a bank, question or
quiz the current user may see (else a 404, or a 403 to change what they may only
read)."""

from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Bank, Question, Quiz
from quizapp.services import workspace

bp = Blueprint("teacher", __name__, url_prefix="/teacher")
PAGE_SIZE = 50


def bank_or_404(bank_id: int, need: str = "read") -> tuple[Bank, str]:
    """The bank and the current user's access; a bank they can't see is a 404,
    one they can read but not change is a 403."""
    bank = db.get_or_404(Bank, bank_id)
    access = workspace.bank_access(bank, current_user)
    if access is None:
        abort(404)
    if need == "edit" and access == "read":
        abort(403)
    if need == "owner" and access != "owner":
        abort(403)
    return bank, access


def question_or_404(question_id: int, need: str = "read") -> tuple[Question, Bank]:
    question = db.get_or_404(Question, question_id)
    bank, _access = bank_or_404(question.bank_id, need)
    return question, bank


def quiz_or_404(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not workspace.owns_quiz(quiz, current_user):
        abort(404)
    return quiz
