"""Regrading: after a teacher fixes a question, mark the stored answers again.

Each stored ``Response.answer`` of a submitted attempt is graded against the
CURRENT version of its question; :func:`plan_regrade` lists every attempt whose
score would change (a dry run, nothing written), :func:`apply_regrade` writes the
same changes in one transaction and records a :class:`~quizapp.models.Regrade`
(and an audit event) with who did it. Answers marked by hand (essays, and any
answer a teacher marked on the marking page) keep the teacher's marks.

An answer holds option indexes of the version its attempt was laid out with, so
it is carried to the current version by option identity (:mod:`.remap`), never
by position. An answer that picked an option the current version no longer has
is listed in ``errors`` and keeps its mark. The attempt's slot moves to the
current version (order and answer rewritten in its indexes) only when every
option the student was shown is still there; otherwise it keeps the version
seen, so the review shows what the student answered.

Attempts in progress are left alone: the student is answering the version laid
out for them, and each answer is graded with it when saved. A regrade run after
they submit marks them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from quizapp.display.i18n import translated
from quizapp.domain import grading
from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import begin_write, db
from quizapp.models import Attempt, Question, QuestionVersion, Quiz, Regrade, Response, User
from quizapp.reports.remap import carry
from quizapp.services import audit

_EPS = 1e-9


@dataclass
class MarkChange:
    response_id: int
    slot: int
    question_id: int
    old_mark: float | None
    new_mark: float
    new_fraction: float
    version_id: int


@dataclass
class AttemptChange:
    attempt_id: int
    student_id: int
    username: str
    number: int
    state: str
    old_score: float | None
    new_score: float | None
    max_score: float | None
    marks: list[MarkChange] = field(default_factory=list)

    @property
    def delta(self) -> float:
        return sum((m.new_mark - (m.old_mark or 0.0)) for m in self.marks)


@dataclass
class VersionMove:
    """A response and its attempt's slot carried to the current version of the question."""

    response_id: int
    attempt_id: int
    slot: int
    version_id: int
    answer: Any  # in the new version's option indexes
    entry: dict[str, Any]  # the attempt's layout slot, pointing at the new version


@dataclass
class RegradePlan:
    quiz_id: int
    question_id: int | None
    checked: int = 0  # responses graded again
    attempts: list[AttemptChange] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)  # answers the new key cannot read
    # answers (and their attempts' slots) that move to the current version
    moved_versions: list[VersionMove] = field(default_factory=list)
    layouts: dict[int, list[dict[str, Any]]] = field(default_factory=dict, repr=False)

    @property
    def responses_changed(self) -> int:
        return sum(len(a.marks) for a in self.attempts)


def _attempts(quiz: Quiz, lock: bool):
    query = (
        sa.select(
            Attempt.id,
            Attempt.student_id,
            Attempt.number,
            Attempt.state,
            Attempt.score,
            Attempt.max_score,
            Attempt.layout,
            User.username,
        )
        .join(User, User.id == Attempt.student_id)
        .where(Attempt.quiz_id == quiz.id, Attempt.state == "submitted")
        .order_by(User.username, Attempt.number)
    )
    if lock:
        query = query.with_for_update(of=Attempt)
    return db.session.execute(query).all()


def _current_versions(question_ids: set[int]) -> dict[int, tuple[int, QuestionData]]:
    rows = db.session.execute(
        sa.select(Question.id, QuestionVersion.id, QuestionVersion.data)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.id.in_(question_ids))
    ).all()
    return {qid: (vid, QuestionData.from_dict(data)) for qid, vid, data in rows}


def _seen_versions(version_ids: set[int]) -> dict[int, QuestionData]:
    """The versions the attempts were laid out with."""
    rows = db.session.execute(
        sa.select(QuestionVersion.id, QuestionVersion.data).where(
            QuestionVersion.id.in_(version_ids)
        )
    ).all()
    return {vid: QuestionData.from_dict(data) for vid, data in rows}


def _responses_by_attempt(quiz: Quiz) -> dict[int, list]:
    responses = db.session.execute(
        sa.select(
            Response.id,
            Response.attempt_id,
            Response.slot,
            Response.answer,
            Response.mark,
            Response.question_version_id,
            Response.marked_at,
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.quiz_id == quiz.id, Attempt.state == "submitted")
    ).all()
    by_attempt: dict[int, list] = {}
    for r in responses:
        by_attempt.setdefault(r.attempt_id, []).append(r)
    return by_attempt


def _regrade_response(plan: RegradePlan, a, r, slot: dict, versions: dict, seen: dict):
    """The mark change of one stored answer against its question's current version
    (carried there by option identity when it was given to another version), or None;
    what can't be regraded goes to ``plan.errors``."""
    if r.marked_at is not None:  # marked by hand: the teacher's mark stands
        return None
    version_id, data = versions[slot["question_id"]]
    seen_id = slot.get("version_id")
    try:
        if seen_id == version_id:
            answer, entry = r.answer, None
        elif seen_id in seen:
            carried = carry(seen[seen_id], data, slot, r.answer)
            answer, entry = carried.answer, carried.entry
        else:  # a version that is not there any more: nothing to carry from
            return None
        result = grading.grade(data, answer)
    except (grading.InvalidResponse, ValueError) as exc:
        error = translated(exc) if isinstance(exc, grading.InvalidResponse) else str(exc)
        plan.errors.append(
            {"attempt_id": a.id, "username": a.username, "slot": r.slot, "error": error}
        )
        return None
    if result.fraction is None:  # marked by hand: keep the teacher's mark
        return None
    plan.checked += 1
    if entry is not None:
        plan.moved_versions.append(
            VersionMove(r.id, a.id, r.slot, version_id, answer, {**entry, "version_id": version_id})
        )
    new_mark = result.fraction * float(slot.get("mark", 1.0))
    if r.mark is not None and abs(new_mark - r.mark) <= _EPS:
        return None
    return MarkChange(
        r.id, r.slot, slot["question_id"], r.mark, new_mark, result.fraction, version_id
    )


def plan_regrade(quiz: Quiz, question_id: int | None = None, *, lock: bool = False) -> RegradePlan:
    """What a regrade would change, attempt by attempt; writes nothing."""
    plan = RegradePlan(quiz.id, question_id)
    attempts = _attempts(quiz, lock)
    layouts = plan.layouts = {a.id: a.layout or [] for a in attempts}
    qids = {slot["question_id"] for layout in layouts.values() for slot in layout}
    if question_id is not None:
        qids &= {question_id}
    versions = _current_versions(qids)
    seen = _seen_versions(
        {
            slot["version_id"]
            for layout in layouts.values()
            for slot in layout
            if slot["question_id"] in versions
        }
    )
    by_attempt = _responses_by_attempt(quiz)
    for a in attempts:
        change = AttemptChange(
            a.id, a.student_id, a.username, a.number, a.state, a.score, a.score, a.max_score
        )
        total = 0.0
        layout = layouts[a.id]
        for r in by_attempt.get(a.id, []):
            slot = layout[r.slot] if 0 <= r.slot < len(layout) else None
            total += r.mark or 0.0
            if slot is None or slot["question_id"] not in versions:
                continue
            mark = _regrade_response(plan, a, r, slot, versions, seen)
            if mark is not None:
                change.marks.append(mark)
                total += mark.new_mark - (r.mark or 0.0)
        if change.marks:
            change.new_score = total
            plan.attempts.append(change)
    return plan


def apply_regrade(quiz: Quiz, user: User | None, question_id: int | None = None) -> Regrade:
    """Regrade for real, in one transaction, and record who did it and what moved."""
    begin_write()
    plan = plan_regrade(quiz, question_id, lock=True)
    changed = {m.response_id: m for a in plan.attempts for m in a.marks}
    versions = {move.response_id: move for move in plan.moved_versions}
    updates = [
        {
            "id": rid,
            "question_version_id": move.version_id,
            "answer": move.answer,
            **(
                {"fraction": changed[rid].new_fraction, "mark": changed[rid].new_mark}
                if rid in changed
                else {}
            ),
        }
        for rid, move in versions.items()
    ] + [
        {"id": rid, "fraction": m.new_fraction, "mark": m.new_mark}
        for rid, m in changed.items()
        if rid not in versions
    ]
    if updates:
        # Group by keys: an executemany needs the same columns in every row.
        for keys in {tuple(sorted(u)) for u in updates}:
            batch = [u for u in updates if tuple(sorted(u)) == keys]
            db.session.execute(sa.update(Response), batch)
    _move_layout_versions(plan)
    scores = [{"id": a.attempt_id, "score": a.new_score} for a in plan.attempts]
    if scores:
        db.session.execute(sa.update(Attempt), scores)
    record = _record(plan, quiz, user, question_id)
    db.session.add(record)
    audit.record(
        user,
        "regrade",
        "quiz",
        quiz.id,
        quiz.title,
        question_id=question_id,
        responses_changed=record.responses_changed,
        attempts_changed=record.attempts_changed,
    )
    db.session.commit()
    return record


def _record(plan: RegradePlan, quiz: Quiz, user: User | None, question_id: int | None) -> Regrade:
    """Who regraded what, and each attempt's score before and after."""
    return Regrade(
        quiz_id=quiz.id,
        question_id=question_id,
        user_id=user.id if user else None,
        responses_changed=plan.responses_changed,
        attempts_changed=len(plan.attempts),
        changes=[
            {
                "attempt_id": a.attempt_id,
                "student_id": a.student_id,
                "old_score": a.old_score,
                "new_score": a.new_score,
                "delta": a.delta,
            }
            for a in plan.attempts
        ],
    )


def _move_layout_versions(plan: RegradePlan) -> None:
    """Point each slot carried to the current version at it, with its option order in
    that version's indexes, so that reviews match."""
    moved: dict[int, dict[int, dict[str, Any]]] = {}
    for move in plan.moved_versions:
        moved.setdefault(move.attempt_id, {})[move.slot] = move.entry
    updates = []
    for attempt_id, slots in moved.items():
        layout = [dict(s) for s in plan.layouts[attempt_id]]
        for slot, entry in slots.items():
            layout[slot] = entry
        updates.append({"id": attempt_id, "layout": layout})
    if updates:
        db.session.execute(sa.update(Attempt), updates)


def history(quiz: Quiz) -> list[Regrade]:
    """Regrades already applied to a quiz, newest first."""
    return list(
        db.session.scalars(
            db.select(Regrade).where(Regrade.quiz_id == quiz.id).order_by(Regrade.created_at.desc())
        )
    )
