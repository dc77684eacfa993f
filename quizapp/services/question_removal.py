"""Deleting one question of a bank: refused once a student has answered it, since
attempts point at the version they saw; otherwise it leaves the quizzes that chose
it. Nothing is committed: the page commits what it asked for."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.domain.messages import N_, CatalogueError
from quizapp.extensions import db
from quizapp.models import Question, QuestionVersion, Quiz, QuizQuestion, Response, User
from quizapp.services import audit


class QuestionInUse(CatalogueError):
    """Students answered the question: it is rejected rather than deleted."""


@dataclass
class QuestionImpact:
    """What deleting a question takes with it, or why it can't go (``refusal``)."""

    answers: int = 0
    versions: int = 0
    quizzes: list[str] = field(default_factory=list)  # titles of the quizzes it leaves
    refusal: CatalogueError | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def impact(question: Question) -> QuestionImpact:
    versions = db.select(QuestionVersion.id).where(QuestionVersion.question_id == question.id)
    answers = db.session.scalar(
        db.select(db.func.count(Response.id)).where(Response.question_version_id.in_(versions))
    )
    quizzes = db.session.scalars(
        db.select(Quiz.title)
        .join(QuizQuestion, QuizQuestion.quiz_id == Quiz.id)
        .where(QuizQuestion.question_id == question.id)
        .order_by(Quiz.title)
    ).all()
    found = QuestionImpact(answers=answers or 0, versions=len(question.versions), quizzes=quizzes)
    if found.answers:
        found.refusal = QuestionInUse(
            N_(
                "Des élèves ont répondu à cette question (%(n)d réponses) : la supprimer "
                "effacerait ce qu'ils ont vu. Rejetez-la plutôt : elle reste dans les "
                "rapports et n'est plus proposée pour de nouveaux quiz."
            ),
            n=found.answers,
        )
    return found


def delete_question(question: Question, actor: User | None) -> QuestionImpact:
    """Delete the question, its versions and its places in quizzes; raise
    :class:`QuestionInUse` when a student answered it. One flush: all or nothing."""
    found = impact(question)
    if found.refusal is not None:
        raise found.refusal
    stem = question.current_version.question_data.stem if question.current_version else ""
    audit.record(
        actor,
        "delete",
        "question",
        question.id,
        stem,
        bank_id=question.bank_id,
        quizzes=len(found.quizzes),
    )
    question.current_version_id = None
    db.session.flush()
    db.session.delete(question)
    db.session.flush()
    return found
