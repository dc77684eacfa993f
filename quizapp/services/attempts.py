"""Taking quizzes: who may start, the layout each student gets, saving answers,
submitting, and which attempt counts.

Scoring itself is :mod:`quizapp.grading`; this module applies it to stored
attempts and enforces the rules around it (time limits, closing times, attempt
limits, double submits).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from quizapp import grading
from quizapp.extensions import begin_write, db
from quizapp.models import (
    Attempt,
    Membership,
    Question,
    QuestionVersion,
    Quiz,
    QuizAssignment,
    Response,
    User,
)
from quizapp.models.base import utcnow
from quizapp.questiondata import QuestionData

#: A final submit that arrives this long after the deadline is still taken
#: (the network is slow at the end of an exam); answers are not.
SUBMIT_GRACE = timedelta(seconds=30)
MAX_ANSWER_CHARS = grading.MAX_TEXT_LENGTH


class AttemptError(Exception):
    """A rule refused the action; ``status`` is the HTTP status a view should use."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class QuizStatus:
    quiz: Quiz
    state: str  # not_started | in_progress | submitted | closed | upcoming
    attempts_used: int
    attempts_left: int | None  # None: unlimited
    best: float | None  # percent of the counted score
    in_progress: Attempt | None


# --- who may take what ------------------------------------------------------
def assigned_quizzes_query(student_id: int):
    return (
        db.select(Quiz)
        .join(QuizAssignment, QuizAssignment.quiz_id == Quiz.id)
        .join(Membership, Membership.class_id == QuizAssignment.class_id)
        .where(Membership.student_id == student_id)
        .distinct()
    )


def is_assigned(quiz: Quiz, student: User) -> bool:
    query = assigned_quizzes_query(student.id).where(Quiz.id == quiz.id)
    return db.session.scalar(query.with_only_columns(Quiz.id)) is not None


def is_open(quiz: Quiz, now: datetime) -> bool:
    return (quiz.opens_at is None or quiz.opens_at <= now) and (
        quiz.closes_at is None or now <= quiz.closes_at
    )


def counted_percent(quiz: Quiz, attempts: list[Attempt]) -> float | None:
    """The grade that counts, as a percentage, by the quiz's grading method."""
    done = sorted(
        (a for a in attempts if a.state == "submitted" and a.max_score), key=lambda a: a.number
    )
    if not done:
        return None
    percents = [100.0 * (a.score or 0.0) / a.max_score for a in done]
    method = quiz.grading_method
    if method == "last":
        return percents[-1]
    if method == "first":
        return percents[0]
    if method == "average":
        return sum(percents) / len(percents)
    return max(percents)


def status_for(quiz: Quiz, attempts: list[Attempt], now: datetime) -> QuizStatus:
    used = len(attempts)
    left = None if quiz.max_attempts == 0 else max(0, quiz.max_attempts - used)
    running = next((a for a in attempts if a.state == "in_progress"), None)
    if running is not None and _overdue(running, now):
        running = None  # will be closed on the next visit
    if running is not None:
        state = "in_progress"
    elif quiz.opens_at and now < quiz.opens_at:
        state = "upcoming"
    elif quiz.closes_at and now > quiz.closes_at:
        state = "closed"
    elif used and (left == 0):
        state = "submitted"
    elif any(a.state == "submitted" for a in attempts):
        state = "submitted" if left == 0 else "not_started"
    else:
        state = "not_started"
    return QuizStatus(quiz, state, used, left, counted_percent(quiz, attempts), running)


# --- starting ---------------------------------------------------------------
def _draw_questions(quiz: Quiz, rng: random.Random) -> list[tuple[Question, float]]:
    """The quiz's fixed questions, or N accepted questions drawn per tag."""
    if quiz.draw_per_tag:
        chosen: list[tuple[Question, float]] = []
        pool = db.session.scalars(
            db.select(Question)
            .where(Question.bank_id == quiz.bank_id, Question.status == "accepted")
            .order_by(Question.id)
        ).all()
        taken: set[int] = set()
        for tag, count in quiz.draw_per_tag.items():
            candidates = [q for q in pool if tag in (q.tags or []) and q.id not in taken]
            for q in rng.sample(candidates, min(int(count), len(candidates))):
                taken.add(q.id)
                chosen.append((q, 1.0))
        return chosen
    return [(slot.question, slot.mark) for slot in quiz.slots if slot.question.status == "accepted"]


def _option_order(data: QuestionData, shuffle: bool, rng: random.Random) -> list[int]:
    if data.type in ("mcq", "multi"):
        order = list(range(len(data.answers)))
    elif data.type == "matching":
        order = list(range(len(data.pairs)))
    else:
        return []
    if shuffle or data.type == "matching":  # matching choices are always mixed
        rng.shuffle(order)
    return order


def build_layout(quiz: Quiz, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    questions = _draw_questions(quiz, rng)
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    layout = []
    for question, slot_mark in questions:
        data = question.current_version.question_data
        layout.append(
            {
                "question_id": question.id,
                "version_id": question.current_version_id,
                "mark": slot_mark,
                "order": _option_order(data, quiz.shuffle_options, rng),
            }
        )
    return layout


def start_or_resume(quiz: Quiz, student: User, now: datetime | None = None) -> Attempt:
    """The student's running attempt, or a new one if the rules allow it."""
    now = now or utcnow()
    if not is_assigned(quiz, student):
        raise AttemptError("Ce quiz ne vous est pas attribué.", 403)
    begin_write()
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.student_id == student.id)
        .order_by(Attempt.number)
        .with_for_update()
    ).all()
    for attempt in attempts:
        if attempt.state == "in_progress":
            if _overdue(attempt, now):
                _finish(attempt, now)
            else:
                db.session.commit()
                return attempt
    if not is_open(quiz, now):
        db.session.commit()
        raise AttemptError("Ce quiz n'est pas ouvert en ce moment.", 403)
    if quiz.max_attempts and len(attempts) >= quiz.max_attempts:
        db.session.commit()
        raise AttemptError("Vous avez utilisé toutes vos tentatives.", 403)
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    attempt = Attempt(
        quiz_id=quiz.id,
        student_id=student.id,
        number=len(attempts) + 1,
        started_at=now,
        deadline_at=deadline,
        layout=build_layout(quiz, random.SystemRandom().getrandbits(32)),
    )
    if not attempt.layout:
        db.session.rollback()
        raise AttemptError("Ce quiz n'a encore aucune question.", 409)
    attempt.max_score = sum(slot["mark"] for slot in attempt.layout)
    db.session.add(attempt)
    db.session.commit()
    return attempt


def _overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline_at is not None and now > attempt.deadline_at + SUBMIT_GRACE


def close_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an attempt whose time ran out with what was saved in time."""
    now = now or utcnow()
    if attempt.state == "in_progress" and _overdue(attempt, now):
        begin_write()
        db.session.refresh(attempt)
        if attempt.state == "in_progress":
            _finish(attempt, now)
        db.session.commit()
        return True
    return False


# --- answering --------------------------------------------------------------
def versions_for(attempt: Attempt) -> dict[int, QuestionData]:
    """The question versions the student sees, loaded in one query."""
    ids = [slot["version_id"] for slot in attempt.layout]
    rows = db.session.scalars(db.select(QuestionVersion).where(QuestionVersion.id.in_(ids))).all()
    return {row.id: row.question_data for row in rows}


def to_stored(data: QuestionData, order: list[int], raw: Any) -> Any:
    """Turn what the page posted (positions as shown) into a response for grading.

    The page only ever knows display positions: the original index of an option
    (often 0 for the right one in generated questions) never reaches the browser.
    """
    if raw is None:
        return None
    if data.type == "mcq":
        return order[grading._index(raw, len(order))]
    if data.type == "multi":
        if not isinstance(raw, list | tuple):
            raise grading.InvalidResponse("Réponse mal formée.")
        return sorted({order[grading._index(r, len(order))] for r in raw})
    if data.type == "matching":
        if not isinstance(raw, dict):
            raise grading.InvalidResponse("Réponse mal formée.")
        prompts = [i for i, (p, _) in enumerate(data.pairs) if p]
        matches = [data.pairs[i][1] for i in order]
        result = {}
        for key, choice in raw.items():
            p = grading._index(key, len(prompts), "élément")
            if choice in (None, ""):
                continue
            result[str(prompts[p])] = matches[grading._index(choice, len(matches))]
        return result
    if data.type == "cloze":
        if not isinstance(raw, list) or len(raw) != len(data.blanks):
            raise grading.InvalidResponse("Réponse mal formée.")
        return raw
    if isinstance(raw, str) and len(raw) > MAX_ANSWER_CHARS:
        raise grading.InvalidResponse(
            f"Réponse trop longue (plus de {MAX_ANSWER_CHARS} caractères)."
        )
    return raw


def save_answer(attempt: Attempt, slot: int, raw: Any, now: datetime | None = None) -> Response:
    """Store (or replace) the answer to one slot; graded now, shown per the review settings."""
    now = now or utcnow()
    if attempt.state != "in_progress":
        raise AttemptError("Cette tentative est déjà rendue.", 409)
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        raise AttemptError("Le temps est écoulé : cette réponse n'a pas été enregistrée.", 409)
    if not 0 <= slot < len(attempt.layout):
        raise AttemptError("Cette question ne fait pas partie de la tentative.", 400)
    layout = attempt.layout[slot]
    version = db.session.get(QuestionVersion, layout["version_id"])
    data = version.question_data
    stored = to_stored(data, layout.get("order") or [], raw)
    result = grading.grade(data, stored)  # raises InvalidResponse on a malformed answer
    response = db.session.scalar(
        db.select(Response).where(Response.attempt_id == attempt.id, Response.slot == slot)
    )
    if response is not None and response.final:
        raise AttemptError("Cette réponse est déjà validée.", 409)
    if response is None:
        response = Response(attempt_id=attempt.id, slot=slot, question_version_id=version.id)
        db.session.add(response)
    response.answer = stored
    response.saved_at = now
    response.fraction = result.fraction
    response.mark = None if result.fraction is None else result.fraction * layout["mark"]
    # "Right after each answer": the answer is checked now, so it is final.
    response.final = attempt.quiz.show_correctness == "immediately" and stored is not None
    attempt.current_page = slot
    return response


def submit(attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Submit once: a second submit (double click, two devices) changes nothing."""
    now = now or utcnow()
    begin_write()
    attempt = db.session.scalar(
        db.select(Attempt).where(Attempt.id == attempt.id).with_for_update()
    )
    if attempt.state == "submitted":
        db.session.commit()
        return attempt
    _finish(attempt, now)
    db.session.commit()
    return attempt


def _finish(attempt: Attempt, now: datetime) -> None:
    responses = {r.slot: r for r in attempt.responses}
    score = 0.0
    for slot, layout in enumerate(attempt.layout):
        response = responses.get(slot)
        if response is None:
            response = Response(
                attempt_id=attempt.id,
                slot=slot,
                question_version_id=layout["version_id"],
                answer=None,
                fraction=0.0,
                mark=0.0,
                saved_at=now,
            )
            db.session.add(response)
        response.final = True
        score += response.mark or 0.0
    attempt.state = "submitted"
    attempt.score = score
    attempt.submitted_at = (
        min(now, attempt.deadline_at + SUBMIT_GRACE) if attempt.deadline_at else now
    )
    from quizapp.services.practice import schedule_from_attempt

    schedule_from_attempt(attempt, responses)


def unanswered_slots(attempt: Attempt) -> list[int]:
    answered = {r.slot for r in attempt.responses if r.answer not in (None, "", [], {})}
    return [i for i in range(len(attempt.layout)) if i not in answered]


# --- what a student may see ---------------------------------------------------
def review_visible(
    setting: str, quiz: Quiz, attempt: Attempt, response: Response | None, now: datetime
) -> bool:
    """Whether feedback governed by ``setting`` may be shown for this response."""
    if setting == "never":
        return False
    if setting == "immediately":
        return attempt.state == "submitted" or bool(response and response.final)
    if setting == "after_submit":
        return attempt.state == "submitted"
    if setting == "after_close":
        return attempt.state == "submitted" and quiz.closes_at is not None and now > quiz.closes_at
    return False
