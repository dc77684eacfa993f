"""Accepting a short answer the grader refused, for every student who gave it.

The answer joins the question's accepted answers in a new version (as an edit
does: earlier attempts keep the version they saw), then the quiz is regraded for
that question with :func:`~quizapp.reports.regrade.apply_regrade`, so the change
is in the regrade history and the audit log like any other. All in one transaction.
"""

from __future__ import annotations

from dataclasses import replace

from quizapp.domain.messages import N_, CatalogueError
from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.extensions import begin_write, db
from quizapp.models import Question, Quiz, Regrade, User
from quizapp.reports.regrade import apply_regrade
from quizapp.services import audit, marking
from quizapp.services.banks import edit_question


class AcceptError(CatalogueError):
    """The answer cannot be accepted this way."""


def check_acceptable(quiz: Quiz, question: Question, text: str) -> int:
    """How many refused answers read ``text``; raises :class:`AcceptError` when none does
    or the question is not a short answer."""
    if question.type != "short" or question.current_version is None:
        raise AcceptError(N_("Seules les réponses courtes peuvent être acceptées pour tous."))
    text = text.strip()
    count = marking.refused_answer_count(quiz, question.id, text) if text else 0
    if not count:
        raise AcceptError(
            N_("Aucune réponse refusée « %(answer)s » à cette question."), answer=text
        )
    return count


def accept_for_all(quiz: Quiz, question: Question, text: str, user: User) -> Regrade:
    """Add ``text`` to the question's accepted answers and regrade the quiz for it."""
    begin_write()
    count = check_acceptable(quiz, question, text)
    text = text.strip()
    data = QuestionData.from_dict(question.current_version.data)
    edit_question(question, replace(data, answers=[*data.answers, Answer(text, 1.0)]), author=user)
    db.session.flush()
    audit.record(
        user,
        "accept_answer",
        "question",
        question.id,
        data.stem[:200],
        quiz_id=quiz.id,
        answer=text,
        refused_answers=count,
    )
    return apply_regrade(quiz, user, question.id)
