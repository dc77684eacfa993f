"""Writing a quiz: its settings, its questions (fixed, or drawn per tag) and the
classes it is assigned to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from quizapp.domain.messages import N_, CatalogueError
from quizapp.extensions import db
from quizapp.models import Bank, Question, Quiz, QuizAssignment, QuizQuestion, User
from quizapp.services.bank_questions import accepted_questions, giveaways

#: The settings a teacher chooses, copied as they are.
SETTINGS = (
    "title",
    "instructions",
    "time_limit_minutes",
    "grading_method",
    "shuffle_questions",
    "shuffle_options",
    "one_per_page",
    "show_correctness",
    "show_answers",
    "show_explanations",
    "show_article",
)


class QuizError(CatalogueError):
    """The quiz can't be saved as asked; ``status`` is the HTTP status a page should use."""

    def __init__(self, msgid: str, status: int = 400, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.status = status


@dataclass
class QuizPlan:
    """What the teacher asked for, read from the page."""

    bank: Bank
    settings: dict[str, Any]
    max_attempts: int | None
    pass_mark: float | None
    opens_at: datetime | None  # UTC
    closes_at: datetime | None
    ticked: list[int] = field(default_factory=list)  # question ids, in order
    draw: dict[str, int] = field(default_factory=dict)  # tag -> how many to draw
    class_ids: list[int] = field(default_factory=list)


def _no_questions(plan: QuizPlan) -> QuizError:
    ticked = plan.ticked
    in_bank = ticked and db.session.scalar(
        db.select(db.func.count(Question.id)).where(
            Question.id.in_(ticked), Question.bank_id == plan.bank.id
        )
    )
    if ticked and not in_bank:
        # Ticked in the list of the bank chosen before: the page now lists this one's.
        return QuizError(
            N_(
                "Les questions cochées ne sont pas dans la banque « %(bank)s » : cochez "
                "les siennes ci-dessous."
            ),
            bank=plan.bank.name,
        )
    return QuizError(N_("Cochez au moins une question acceptée, ou décrivez un tirage."))


def _set_slots(quiz: Quiz, chosen: list[int], draw: dict[str, int]) -> None:
    existing = {s.question_id: s for s in quiz.slots}
    for question_id, slot in existing.items():
        if draw or question_id not in chosen:
            db.session.delete(slot)
    if not draw:
        for position, question_id in enumerate(chosen):
            slot = existing.get(question_id) or QuizQuestion(
                quiz_id=quiz.id, question_id=question_id
            )
            slot.position = position
            db.session.add(slot)


def _set_classes(quiz: Quiz, wanted: set[int]) -> None:
    for assignment in list(quiz.assignments):
        if assignment.class_id not in wanted:
            db.session.delete(assignment)
    have = {a.class_id for a in quiz.assignments}
    for class_id in wanted - have:
        db.session.add(QuizAssignment(quiz_id=quiz.id, class_id=class_id))


def save_quiz(
    quiz: Quiz | None, owner: User, plan: QuizPlan, allowed_classes: set[int]
) -> tuple[Quiz, list[tuple[int, int]]]:
    """Write the quiz (not committed), and the pairs (shown, asked) of its questions'
    numbers where question ``shown`` states the answer of question ``asked``.

    Raises :class:`QuizError` when no accepted question of the bank is chosen and
    nothing is drawn (400), or for a class that is not the teacher's (403)."""
    listed = accepted_questions(plan.bank.id)
    accepted = {q.id for q in listed}
    chosen = [i for i in plan.ticked if i in accepted]
    if not chosen and not plan.draw:
        raise _no_questions(plan)
    if any(c not in allowed_classes for c in plan.class_ids):
        raise QuizError(N_("Vous n'avez pas accès à cette page."), 403)
    if quiz is None:
        quiz = Quiz(owner_id=owner.id)
        db.session.add(quiz)
    for name in SETTINGS:
        setattr(quiz, name, plan.settings[name])
    quiz.bank_id = plan.bank.id
    quiz.max_attempts = plan.max_attempts if plan.max_attempts is not None else 1
    quiz.pass_mark = plan.pass_mark if plan.pass_mark is not None else 50.0
    quiz.opens_at, quiz.closes_at = plan.opens_at, plan.closes_at
    quiz.draw_per_tag = plan.draw
    db.session.flush()
    _set_slots(quiz, chosen, plan.draw)
    _set_classes(quiz, set(plan.class_ids))
    if plan.draw:
        return quiz, []
    by_id = {q.id: q for q in listed}
    slots = [by_id[i] for i in chosen]
    found = giveaways(slots)
    pairs = sorted((n, asked) for n, q in enumerate(slots, 1) for asked in found.get(q.id, []))
    return quiz, pairs
