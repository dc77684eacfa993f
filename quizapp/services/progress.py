"""A student's progress: submitted attempts with the scores that may be shown, time
taken, and mastery per topic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import selectinload

from quizapp.extensions import db
from quizapp.models import Attempt, Question, QuestionVersion, Response
from quizapp.models.base import utcnow
from quizapp.services.marking import provisional
from quizapp.services.question_view import is_blank
from quizapp.services.quiz_status import score_visible


@dataclass
class HistoryRow:
    attempt: Attempt
    percent: float | None  # None while the score is not shown, or answers wait for a mark
    seconds: float | None
    waiting: bool = False  # answers wait for the teacher's mark: the score is not final


def history(student_id: int, now: datetime | None = None) -> list[HistoryRow]:
    """Submitted attempts, oldest first, with the score when it may be shown."""
    now = now or utcnow()
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.student_id == student_id, Attempt.state == "submitted")
        .options(selectinload(Attempt.responses), selectinload(Attempt.quiz))
        .order_by(Attempt.submitted_at, Attempt.id)
    ).all()
    rows = []
    for attempt in attempts:
        percent = None
        waiting = provisional(attempt) is not None
        if attempt.max_score and score_visible(attempt.quiz, attempt, now) and not waiting:
            percent = 100.0 * (attempt.score or 0.0) / attempt.max_score
        rows.append(HistoryRow(attempt, percent, time_taken(attempt), waiting))
    return rows


def time_taken(attempt: Attempt) -> float | None:
    if attempt.submitted_at is None:
        return None
    return max(0.0, (attempt.submitted_at - attempt.started_at).total_seconds())


@dataclass
class Mastery:
    topic: str
    percent: float
    answered: int


#: Tags and kinds that name a question's format, not what it is about: never a topic.
_FORMATS = frozenset(
    ("", "mcq", "multi", "truefalse", "short", "numeric", "matching", "cloze", "essay")
) | {"description"}


def topics_of(question: Question) -> list[str]:
    """What a question is about, for « Maîtrise par thème »: its tags, or untagged, the
    kind of fact it asks (« Date », « Fonction »); never its format (« Texte à trous »,
    « Vrai ou faux ») nor « written by hand », which say nothing of what was learnt."""
    tags = [t for t in dict.fromkeys(question.tags or []) if t not in _FORMATS]
    if tags:
        return tags
    return [question.kind] if question.kind not in _FORMATS else []


def mastery_by_topic(student_id: int, now: datetime | None = None) -> list[Mastery]:
    """Average fraction per topic (:func:`topics_of`), over the
    answers given in submitted attempts whose results may be shown.

    Only answered questions count, in the percentage and in ``answered``: the page
    says "n réponses", and a question left blank is not an answer."""
    now = now or utcnow()
    rows = db.session.execute(
        db.select(Response, Attempt, Question)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Attempt.student_id == student_id, Attempt.state == "submitted")
    ).all()
    sums: dict[str, list[float]] = {}
    visible: dict[int, bool] = {}
    for response, attempt, question in rows:
        if response.fraction is None or is_blank(response.answer):
            continue
        if attempt.id not in visible:
            visible[attempt.id] = score_visible(attempt.quiz, attempt, now)
        if not visible[attempt.id]:
            continue
        for topic in topics_of(question):
            sums.setdefault(topic, []).append(response.fraction)
    return sorted(
        (Mastery(t, 100.0 * sum(v) / len(v), len(v)) for t, v in sums.items()),
        key=lambda m: (m.percent, m.topic),
    )
