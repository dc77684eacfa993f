"""A bank's questions as the teacher's pages list them: filtered by the database,
the accepted ones a quiz can use, and which of them give another's answer away."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import selectinload

from quizapp.domain.giveaways import giveaway_pairs
from quizapp.extensions import db, unicode_lower
from quizapp.models import Attempt, Question, QuestionVersion, Quiz, QuizQuestion


@dataclass(frozen=True)
class QuestionFilters:
    """What the bank page asks for; an empty value filters nothing."""

    status: str = ""
    kind: str = ""
    type: str = ""
    tag: str = ""
    text: str = ""  # in the stem, whatever the case


def _has_tag(tag: str):
    """The question's tags (a JSON list) hold ``tag``: tested by the database, on SQLite
    and PostgreSQL alike, instead of loading every question to look."""
    if db.session.get_bind().dialect.name == "sqlite":
        elements = db.func.json_each(Question.tags).table_valued("value")
    else:
        elements = db.func.json_array_elements_text(Question.tags).table_valued("value")
    return db.select(elements.c.value).where(elements.c.value == tag).exists()


def filtered_questions(bank_id: int, filters: QuestionFilters) -> list[Question]:
    """The bank's questions that match, most confident first."""
    query = (
        db.select(Question)
        .where(Question.bank_id == bank_id)
        .options(selectinload(Question.current_version))
    )
    for name in ("status", "kind", "type"):
        if getattr(filters, name):
            query = query.where(getattr(Question, name) == getattr(filters, name))
    if filters.tag:
        query = query.where(_has_tag(filters.tag))
    if filters.text:
        stem = QuestionVersion.data["stem"].as_string()
        query = query.join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        query = query.where(unicode_lower(stem).contains(filters.text.lower(), autoescape=True))
    query = query.order_by(Question.confidence.desc().nulls_last(), Question.id)
    return list(db.session.scalars(query))


def kinds_in(bank_id: int) -> list[str]:
    """The generator's kinds of question the bank holds, for the page's filter."""
    found = db.session.scalars(
        db.select(Question.kind).where(Question.bank_id == bank_id).distinct()
    )
    return sorted(k for k in found if k)


def accepted_questions(bank_id: int | None) -> list[Question]:
    """The questions a quiz may use, in the bank's order."""
    if not bank_id:
        return []
    return list(
        db.session.scalars(
            db.select(Question)
            .where(Question.bank_id == bank_id, Question.status == "accepted")
            .options(selectinload(Question.current_version))
            .order_by(Question.id)
        )
    )


def clashes(questions: list[Question]) -> dict[int, list[str]]:
    """For each question not rejected, the stems of the others it answers or that
    answer it, should both go into one quiz (see quizapp.domain.giveaways)."""
    kept = [(q.id, q.current_version.question_data) for q in questions if q.status != "rejected"]
    stems = {key: re.sub(r"\{\d+\}", "___", data.stem) for key, data in kept}  # a cloze's blanks
    found: dict[int, list[str]] = {}
    for asked, shown in giveaway_pairs(kept):
        for one, other in ((asked, shown), (shown, asked)):
            if stems[other] not in found.setdefault(one, []):
                found[one].append(stems[other])
    return found


def giveaways(questions: list[Question]) -> dict[int, list[int]]:
    """For each listed question, the numbers (1-based, in the list) of the listed
    questions whose answer its stem states (see quizapp.domain.giveaways)."""
    number = {q.id: n for n, q in enumerate(questions, 1)}
    found: dict[int, list[int]] = {}
    for asked, shown in giveaway_pairs([(q.id, q.data) for q in questions]):
        found.setdefault(shown, []).append(number[asked])
    return found


def running_quizzes(question: Question) -> list[Quiz]:
    """Quizzes with attempts in progress that include this question."""
    in_progress = db.select(Attempt.quiz_id).where(Attempt.state == "in_progress")
    return list(
        db.session.scalars(
            db.select(Quiz)
            .join(QuizQuestion, QuizQuestion.quiz_id == Quiz.id)
            .where(QuizQuestion.question_id == question.id, Quiz.id.in_(in_progress))
        )
    )
