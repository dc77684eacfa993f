"""Taking quizzes: who may start, the layout each student gets, saving answers,
submitting, and which attempt counts.

Scoring itself is :mod:`quizapp.grading`; this module applies it to stored
attempts and enforces the rules around it (time limits, closing times, attempt
limits, double submits).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError

from quizapp import grading
from quizapp.extensions import begin_write, db
from quizapp.giveaways import gives_away
from quizapp.messages import N_
from quizapp.models import (
    Attempt,
    Membership,
    Question,
    QuestionVersion,
    Quiz,
    QuizAssignment,
    QuizQuestion,
    Response,
    User,
)
from quizapp.models.base import utcnow
from quizapp.questiondata import QuestionData
from quizapp.services.question_view import is_blank

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
    # A subquery rather than DISTINCT over quiz rows: PostgreSQL can't compare JSON columns.
    assigned = (
        db.select(QuizAssignment.quiz_id)
        .join(Membership, Membership.class_id == QuizAssignment.class_id)
        .where(Membership.student_id == student_id)
    )
    return db.select(Quiz).where(Quiz.id.in_(assigned))


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
def _draw_questions(quiz: Quiz, rng: random.Random) -> list[tuple[int, int, float]]:
    """The quiz's fixed questions, or N accepted questions drawn per tag, as
    (question id, current version id, mark)."""
    if quiz.draw_per_tag:
        chosen: list[tuple[int, int, float]] = []
        pool = db.session.execute(
            db.select(Question.id, Question.current_version_id, Question.tags)
            .where(Question.bank_id == quiz.bank_id, Question.status == "accepted")
            .order_by(Question.id)
        ).all()
        versions = version_data({q.current_version_id for q in pool})
        drawn: list[QuestionData] = []

        def clashes(data: QuestionData) -> bool:
            return any(gives_away(data, other) or gives_away(other, data) for other in drawn)

        taken: set[int] = set()
        for tag, count in quiz.draw_per_tag.items():
            candidates = [
                q
                for q in pool
                if tag in (q.tags or []) and q.id not in taken and q.current_version_id in versions
            ]
            mixed = rng.sample(candidates, len(candidates))
            # A question that states the answer of one drawn (or whose answer one drawn
            # states) is drawn only when the tag has too few others.
            picked = []
            for q in mixed:
                if len(picked) < int(count) and not clashes(versions[q.current_version_id]):
                    picked.append(q)
                    drawn.append(versions[q.current_version_id])
            for q in [q for q in mixed if q not in picked][: int(count) - len(picked)]:
                picked.append(q)
                drawn.append(versions[q.current_version_id])
            for q in picked:
                taken.add(q.id)
                chosen.append((q.id, q.current_version_id, 1.0))
        return chosen
    # One query; the versions' content comes from the per-process cache.
    rows = db.session.execute(
        db.select(QuizQuestion.question_id, Question.current_version_id, QuizQuestion.mark)
        .join(Question, Question.id == QuizQuestion.question_id)
        .where(QuizQuestion.quiz_id == quiz.id, Question.status == "accepted")
        .order_by(QuizQuestion.position)
    ).all()
    return [(question_id, version_id, mark) for question_id, version_id, mark in rows]


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
    versions = version_data({version_id for _q, version_id, _m in questions})
    layout = []
    for question_id, version_id, slot_mark in questions:
        data = versions[version_id]
        entry = {
            "question_id": question_id,
            "version_id": version_id,
            "mark": slot_mark,
            "order": _option_order(data, quiz.shuffle_options, rng),
        }
        if data.type == "cloze" and any(b.type == "mcq" for b in data.blanks):
            # The options of a blank are always mixed: generated ones put the right one first.
            entry["blank_orders"] = [
                rng.sample(range(len(b.answers)), len(b.answers)) if b.type == "mcq" else []
                for b in data.blanks
            ]
        layout.append(entry)
    return layout


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
            if _overdue(attempt, now):
                _finish(attempt, now)
            else:
                db.session.commit()
                return attempt
    if not is_open(quiz, now):
        db.session.commit()
        raise AttemptError(N_("Ce quiz n'est pas ouvert en ce moment."), 403)
    if quiz.max_attempts and len(attempts) >= quiz.max_attempts:
        db.session.commit()
        raise AttemptError(N_("Vous avez utilisé toutes vos tentatives."), 403)
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


def _overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline_at is not None and now > attempt.deadline_at + SUBMIT_GRACE


def close_if_overdue(attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an attempt whose time ran out with what was saved in time."""
    now = now or utcnow()
    if attempt.state == "in_progress" and _overdue(attempt, now):
        lock_attempt(attempt.id)  # read again, locked: another request may have closed it
        if attempt.state == "in_progress":
            _finish(attempt, now)
        db.session.commit()
        return True
    return False


# --- answering --------------------------------------------------------------
VERSION_CACHE_SIZE = 4096


def version_data(ids: set[int] | list[int]) -> dict[int, QuestionData]:
    """Question versions by id, read once per process: a version never changes once
    written (an edit makes a new one), so every page of every attempt shares them.
    Callers only read them."""
    cache: dict[int, QuestionData] = current_app.extensions.setdefault("quizapp.versions", {})
    missing = [i for i in ids if i not in cache]
    if missing:
        rows = db.session.execute(
            db.select(QuestionVersion.id, QuestionVersion.data).where(
                QuestionVersion.id.in_(missing)
            )
        )
        if len(cache) + len(missing) > VERSION_CACHE_SIZE:
            cache.clear()
        for version_id, data in rows:
            cache[version_id] = QuestionData.from_dict(data)
    return {i: cache[i] for i in ids if i in cache}


def versions_for(attempt: Attempt, slots: list[int] | None = None) -> dict[int, QuestionData]:
    """The question versions the student sees (on ``slots``, else all)."""
    layout = attempt.layout
    ids = {layout[s]["version_id"] for s in (range(len(layout)) if slots is None else slots)}
    return version_data(ids)


def to_stored(
    data: QuestionData, order: list[int], raw: Any, blank_orders: list[list[int]] | None = None
) -> Any:
    """Turn what the page posted (positions as shown) into a response for grading.

    The page only ever knows display positions: the original index of an option
    (often 0 for the right one in generated questions) never reaches the browser.
    """
    if raw is None:
        return None
    if data.type in ("mcq", "truefalse") and raw == "":
        return None
    if data.type == "mcq":
        return order[grading.parse_index(raw, len(order))]
    if data.type == "multi":
        if not isinstance(raw, list | tuple):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        return sorted({order[grading.parse_index(r, len(order))] for r in raw})
    if data.type == "matching":
        if not isinstance(raw, dict):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        prompts = [i for i, (p, _) in enumerate(data.pairs) if p]
        matches = [data.pairs[i][1] for i in order]
        result = {}
        for key, choice in raw.items():
            p = grading.parse_index(key, len(prompts), "élément")
            if choice in (None, ""):
                continue
            result[str(prompts[p])] = matches[grading.parse_index(choice, len(matches))]
        return result
    if data.type == "cloze":
        if not isinstance(raw, list) or len(raw) != len(data.blanks):
            raise grading.InvalidResponse(N_("Réponse mal formée."))
        return [
            _blank_stored(blank, (blank_orders or [])[n] if n < len(blank_orders or []) else [], r)
            for n, (blank, r) in enumerate(zip(data.blanks, raw, strict=True))
        ]
    if isinstance(raw, str) and len(raw) > MAX_ANSWER_CHARS:
        raise grading.InvalidResponse(
            N_("Réponse trop longue (plus de %(limit)d caractères)."), limit=MAX_ANSWER_CHARS
        )
    return raw


def _blank_stored(blank, order: list[int], raw: Any) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None if blank.type == "mcq" else (raw or "")
    if blank.type == "mcq":
        order = order or list(range(len(blank.answers)))
        return order[grading.parse_index(raw, len(order))]
    if not isinstance(raw, str):
        raise grading.InvalidResponse(N_("Réponse mal formée."))
    return raw


def save_answer(
    attempt: Attempt, slot: int, raw: Any, now: datetime | None = None, *, check: bool = True
) -> Response:
    """Store (or replace) the answer to one slot; graded now, shown per the review settings.

    With immediate feedback, an answer is final once checked; ``check=False``
    saves a draft (what the page sends as the student types) that can still change.
    """
    now = now or utcnow()
    if attempt.state != "in_progress":
        raise AttemptError(N_("Cette tentative est déjà rendue."), 409)
    if attempt.deadline_at is not None and now > attempt.deadline_at:
        raise AttemptError(N_("Le temps est écoulé : cette réponse n'a pas été enregistrée."), 409)
    if not 0 <= slot < len(attempt.layout):
        raise AttemptError(N_("Cette question ne fait pas partie de la tentative."), 400)
    layout = attempt.layout[slot]
    version_id = layout["version_id"]
    data = version_data([version_id])[version_id]
    stored = to_stored(data, layout.get("order") or [], raw, layout.get("blank_orders"))
    result = grading.grade(data, stored)  # raises InvalidResponse on a malformed answer
    # The attempt's responses are loaded once per request (saving a page reads them all);
    # a new one joins the collection, so that the next save and the count of
    # unanswered questions see it without another query.
    response = next((r for r in attempt.responses if r.slot == slot), None)
    if response is not None and response.final:
        raise AttemptError(N_("Cette réponse est déjà validée."), 409)
    if response is None:
        response = Response(attempt_id=attempt.id, slot=slot, question_version_id=version_id)
        attempt.responses.append(response)
    response.answer = stored
    response.saved_at = now
    response.fraction = result.fraction
    response.mark = None if result.fraction is None else result.fraction * layout["mark"]
    # "Right after each answer": the answer is checked now, so it is final.
    response.final = (
        check and attempt.quiz.show_correctness == "immediately" and not is_blank(stored)
    )
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
    answered = {r.slot for r in attempt.responses if not is_blank(r.answer)}
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


def score_visible(quiz: Quiz, attempt: Attempt, now: datetime) -> bool:
    """The score follows the "right or wrong" review setting."""
    return review_visible(quiz.show_correctness, quiz, attempt, None, now)


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
    :class:`AttemptError` or :class:`~quizapp.grading.InvalidResponse` (nothing saved).
    ``locked``: the caller took the attempt with :func:`lock_attempt` in this transaction.
    ``seqs``: each slot's save sequence from the page's script (see :func:`stale_save`),
    stored with the answer; a form post stores none.
    """
    now = now or utcnow()
    if not locked:
        attempt = lock_attempt(attempt.id)
    try:
        if attempt.state != "in_progress":
            raise AttemptError(N_("Cette tentative est déjà rendue."), 409)
        if attempt.deadline_at is not None and now > attempt.deadline_at:
            raise AttemptError(
                N_("Le temps est écoulé : cette réponse n'a pas été enregistrée."), 409
            )
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


# --- a student's overview -------------------------------------------------------------
def attempts_by_quiz(student_id: int) -> dict[int, list[Attempt]]:
    rows = db.session.scalars(
        db.select(Attempt).where(Attempt.student_id == student_id).order_by(Attempt.number)
    ).all()
    grouped: dict[int, list[Attempt]] = {}
    for attempt in rows:
        grouped.setdefault(attempt.quiz_id, []).append(attempt)
    return grouped


def statuses_for_student(student: User, now: datetime | None = None) -> list[QuizStatus]:
    """Every quiz assigned to the student's classes, soonest closing first."""
    now = now or utcnow()
    quizzes = db.session.scalars(assigned_quizzes_query(student.id)).all()
    grouped = attempts_by_quiz(student.id)
    statuses = [status_for(q, grouped.get(q.id, []), now) for q in quizzes]
    far = datetime.max
    order = {"in_progress": 0, "not_started": 1, "upcoming": 2, "submitted": 3, "closed": 4}
    statuses.sort(key=lambda s: (order.get(s.state, 5), s.quiz.closes_at or far, s.quiz.title))
    for status in statuses:
        attempts = grouped.get(status.quiz.id, [])
        if status.best is not None and not any(
            score_visible(status.quiz, a, now) for a in attempts
        ):
            status.best = None  # results are not shown yet for this quiz
    return statuses


@dataclass
class HistoryRow:
    attempt: Attempt
    percent: float | None  # None while the score is not shown
    seconds: float | None


def history(student_id: int, now: datetime | None = None) -> list[HistoryRow]:
    """Submitted attempts, oldest first, with the score when it may be shown."""
    now = now or utcnow()
    attempts = db.session.scalars(
        db.select(Attempt)
        .where(Attempt.student_id == student_id, Attempt.state == "submitted")
        .order_by(Attempt.submitted_at, Attempt.id)
    ).all()
    rows = []
    for attempt in attempts:
        percent = None
        if attempt.max_score and score_visible(attempt.quiz, attempt, now):
            percent = 100.0 * (attempt.score or 0.0) / attempt.max_score
        rows.append(HistoryRow(attempt, percent, time_taken(attempt)))
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
