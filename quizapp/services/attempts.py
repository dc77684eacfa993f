"""Taking quizzes: starting or resuming an attempt, saving answers, submitting.

Scoring itself is :mod:`quizapp.domain.grading`; this module applies it to stored
attempts and enforces the rules around it (time limits, closing times, attempt
limits, double submits).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError

from quizapp.domain import grading
from quizapp.domain.messages import N_
from quizapp.extensions import begin_write, db
from quizapp.models import Attempt, Quiz, Response, User
from quizapp.models.base import utcnow
from quizapp.services.attempt_layout import build_layout, to_stored, version_data
from quizapp.services.practice import schedule_from_attempt
from quizapp.services.question_view import is_blank
from quizapp.services.quiz_status import SUBMIT_GRACE, is_assigned, is_open, overdue


class AttemptError(Exception):
    """A rule refused the action; ``status`` is the HTTP status a view should use."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _new_attempt(quiz: Quiz, student: User, number: int, now: datetime) -> Attempt:
    """An attempt with its own layout, due at the time limit or the closing time,
    whichever comes first."""
    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    return Attempt(
        quiz_id=quiz.id,
        student_id=student.id,
        number=number,
        started_at=now,
        deadline_at=deadline,
        layout=build_layout(quiz, random.SystemRandom().getrandbits(32)),
    )


def start_or_resume(
    quiz: Quiz, student: User, now: datetime | None = None, *, _retried: bool = False
) -> Attempt:
    """The student's running attempt, or a new one if the rules allow it."""
    now = now or utcnow()
    if not is_assigned(quiz, student):
        raise AttemptError(N_("Ce quiz ne vous est pas attribué."), 403)
    begin_write()
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.student_id == student.id)
        .order_by(Attempt.number)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).all()
    for attempt in attempts:
        if attempt.state == "in_progress":
            if overdue(attempt, now):
                _finish(attempt, now)
            else:
                db.session.commit()
                return attempt
    if quiz.archived_at is not None or not is_assigned(quiz, student, active=True):
        db.session.commit()
        raise AttemptError(
            N_("Ce quiz est archivé : il n'accepte plus de nouvelle tentative."), 403
        )
    if not is_open(quiz, now):
        db.session.commit()
        raise AttemptError(N_("Ce quiz n'est pas ouvert en ce moment."), 403)
    if quiz.max_attempts and len(attempts) >= quiz.max_attempts:
        db.session.commit()
        raise AttemptError(N_("Vous avez utilisé toutes vos tentatives."), 403)
    attempt = _new_attempt(quiz, student, len(attempts) + 1, now)
    if not attempt.layout:
        db.session.rollback()
        raise AttemptError(N_("Ce quiz n'a encore aucune question."), 409)
    attempt.max_score = sum(slot["mark"] for slot in attempt.layout)
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:
        # Two starts at once (a double click, two devices): the other one made the
        # attempt (same number); resume it rather than fail.
        db.session.rollback()
        if _retried:
            raise
        return start_or_resume(quiz, student, now, _retried=True)
    return attempt


def close_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an attempt whose time ran out with what was saved in time."""
    now = now or utcnow()
    if attempt.state == "in_progress" and overdue(attempt, now):
        lock_attempt(attempt.id)  # read again, locked: another request may have closed it
        if attempt.state == "in_progress":
            _finish(attempt, now)
        db.session.commit()
        return True
    return False


def refuse_closed(attempt, now: datetime) -> None:
    """No answer is stored once the attempt is submitted or its time is up."""
    if attempt.state != "in_progress":
        raise AttemptError(N_("Cette tentative est déjà rendue."), 409)
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        raise AttemptError(N_("Le temps est écoulé : cette réponse n'a pas été enregistrée."), 409)


def graded(entry: dict[str, Any], raw: Any, check: bool, show_correctness: str) -> dict[str, Any]:
    """What is stored for an answer (``raw``, as the page posted it) to the layout slot
    ``entry``: the response in original terms, its fraction and mark, and whether it
    is final. Raises :class:`~quizapp.domain.grading.InvalidResponse` on a malformed answer.

    "Right after each answer": an answer the student checks is shown right or wrong
    now, so it is final; an unchecked one (a draft as they type) can still change."""
    version_id = entry["version_id"]
    data = version_data([version_id])[version_id]
    stored = to_stored(data, entry.get("order") or [], raw, entry.get("blank_orders"))
    result = grading.grade(data, stored)
    return {
        "question_version_id": version_id,
        "answer": stored,
        "fraction": result.fraction,
        "mark": None if result.fraction is None else result.fraction * entry["mark"],
        "final": check and show_correctness == "immediately" and not is_blank(stored),
    }


def save_answer(
    attempt: Attempt, slot: int, raw: Any, now: datetime | None = None, *, check: bool = True
) -> Response:
    """Store (or replace) the answer to one slot; graded now, shown per the review settings.

    With immediate feedback, an answer is final once checked; ``check=False``
    saves a draft (what the page sends as the student types) that can still change.
    """
    now = now or utcnow()
    refuse_closed(attempt, now)
    if not 0 <= slot < len(attempt.layout):
        raise AttemptError(N_("Cette question ne fait pas partie de la tentative."), 400)
    values = graded(attempt.layout[slot], raw, check, attempt.quiz.show_correctness)
    # The attempt's responses are loaded once per request (saving a page reads them all);
    # a new one joins the collection, so that the next save and the count of
    # unanswered questions see it without another query.
    response = next((r for r in attempt.responses if r.slot == slot), None)
    if response is not None and response.final:
        raise AttemptError(N_("Cette réponse est déjà validée."), 409)
    if response is None:
        response = Response(
            attempt_id=attempt.id, slot=slot, question_version_id=values["question_version_id"]
        )
        attempt.responses.append(response)
    response.answer = values["answer"]
    response.saved_at = now
    response.fraction = values["fraction"]
    response.mark = values["mark"]
    response.final = values["final"]
    attempt.current_page = slot
    return response


def submit(attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Submit once: a second submit (double click, two devices) changes nothing."""
    now = now or utcnow()
    begin_write()
    attempt = db.session.scalar(
        db.select(Attempt)
        .where(Attempt.id == attempt.id)
        .with_for_update()
        .execution_options(populate_existing=True)
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
        elif response.mark is None and is_blank(response.answer):
            # An essay left empty: nothing to mark by hand, it scores 0.
            response.fraction, response.mark = 0.0, 0.0
        response.final = True
        score += response.mark or 0.0
    attempt.state = "submitted"
    attempt.score = score
    attempt.submitted_at = (
        min(now, attempt.deadline_at + SUBMIT_GRACE) if attempt.deadline_at else now
    )
    schedule_from_attempt(attempt, responses)


def unanswered_slots(attempt: Attempt) -> list[int]:
    answered = {r.slot for r in attempt.responses if not is_blank(r.answer)}
    return [i for i in range(len(attempt.layout)) if i not in answered]


# --- saving from the web ----------------------------------------------------------
def lock_attempt(attempt_id: int) -> Attempt | None:
    """Start a write transaction holding the attempt, so a save and a submit never interleave."""
    begin_write()
    return db.session.scalar(
        db.select(Attempt)
        .where(Attempt.id == attempt_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def record_answers(
    attempt: Attempt,
    answers: dict[int, Any],
    *,
    check: set[int] | frozenset[int] = frozenset(),
    page: int | None = None,
    now: datetime | None = None,
    locked: bool = False,
    seqs: dict[int, str] | None = None,
) -> Attempt:
    """Save several answers at once, all or none, and remember the page the student is on.

    ``answers`` maps slots to what the page posted; an empty answer to a final slot
    is skipped (locked fields post nothing), and so is an empty answer never given before. Raises
    :class:`AttemptError` or :class:`~quizapp.domain.grading.InvalidResponse` (nothing saved).
    ``locked``: the caller took the attempt with :func:`lock_attempt` in this transaction.
    ``seqs``: each slot's save sequence from the page's script (see :func:`stale_save`),
    stored with the answer; a form post stores none.
    """
    now = now or utcnow()
    if not locked:
        attempt = lock_attempt(attempt.id)
    try:
        refuse_closed(attempt, now)
        existing = {r.slot: r for r in attempt.responses}
        for slot in answers:
            if not isinstance(slot, int) or not 0 <= slot < len(attempt.layout):
                raise AttemptError(N_("Cette question ne fait pas partie de la tentative."), 400)
        for slot, raw in sorted(answers.items()):
            response = existing.get(slot)
            if response is not None and response.final:
                if is_blank(raw):
                    continue  # a locked question posts nothing back
                raise AttemptError(N_("Cette réponse est déjà validée."), 409)
            if response is None and is_blank(raw):
                continue
            saved = save_answer(attempt, slot, raw, now, check=slot in check)
            saved.save_seq = (seqs or {}).get(slot)
        if page is not None and 0 <= page < len(attempt.layout):
            attempt.current_page = page
        _commit_keeping(attempt)
    except Exception:
        db.session.rollback()
        raise
    return attempt


SAVE_SEQ = re.compile(r"[0-9a-f]{8,32}:[0-9]{1,12}")


def stale_save(attempt: Attempt, slot: int, seq: str | None) -> bool:
    """Whether a save from the page's script is older than the answer stored.

    The script numbers its saves ``<page id>:<n>`` (a random id per page load, n
    counting up). A save that the network held back, or that a client sent again
    after giving up on it, can arrive after a newer one from the same page: it
    carries a lower n and must not overwrite the newer answer. Saves from another
    page load (another tab, a device, a reload) are not comparable: the last one
    to arrive wins, as with a form post.
    """
    if seq is None:
        return False
    stored = next((r.save_seq for r in attempt.responses if r.slot == slot), None)
    if not stored:
        return False
    page, _sep, n = seq.partition(":")
    stored_page, _sep, stored_n = stored.partition(":")
    return page == stored_page and int(n) < int(stored_n)


def _commit_keeping(attempt: Attempt) -> None:
    """Commit without expiring what was just written: the page that follows reads the
    attempt and its responses as they are now, without loading them again."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
