"""Score tables read from the database in a handful of grouped queries.

Every loader returns plain dataclasses. The pages, the CSV/XLSX/PDF writers
and the CLI all start from them, so each figure is computed in one place and
the number of SQL statements does not grow with the number of students.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from quizapp.display.labels import person_name
from quizapp.extensions import db
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
from quizapp.services.quiz_status import counted_percent

#: Which attempts the statistics look at (Moodle offers the same choice).
ATTEMPT_SETS = ("counted", "first", "all")


@dataclass(frozen=True)
class Filters:
    """Restrict a report to one class and to attempts started between two days."""

    class_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        return bool(self.class_id or self.date_from or self.date_to)

    def apply(self, query: sa.Select, attempt=Attempt) -> sa.Select:
        if self.class_id:
            members = sa.select(Membership.student_id).where(Membership.class_id == self.class_id)
            query = query.where(attempt.student_id.in_(members))
        if self.date_from:
            query = query.where(attempt.started_at >= datetime.combine(self.date_from, time()))
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time())
            query = query.where(attempt.started_at < end)
        return query


@dataclass
class QuestionColumn:
    """One question of a quiz, as a report column (``Q1``, ``Q2``...)."""

    question_id: int
    label: str
    max_mark: float
    type: str
    kind: str
    stem: str
    generated: bool = False
    confidence: float | None = None
    source: str = ""
    bank_id: int | None = None
    choices: list[str] = field(default_factory=list)
    keys: list[int] = field(default_factory=list)


@dataclass
class AttemptRow:
    """One attempt of one student; a student who never started has one row without attempt."""

    student_id: int
    username: str
    name: str
    attempt_id: int | None = None
    number: int | None = None
    state: str = "not_started"  # not_started | in_progress | submitted
    started_at: datetime | None = None
    submitted_at: datetime | None = None
    score: float | None = None
    max_score: float | None = None
    marks: dict[int, float | None] = field(default_factory=dict)
    counts: bool = False
    waiting: int = 0  # answers of a submitted attempt waiting to be marked by hand

    @property
    def pending(self) -> bool:
        """Submitted, with answers still to mark: the score is not final yet."""
        return self.state == "submitted" and self.waiting > 0

    @property
    def percent(self) -> float | None:
        if self.state != "submitted" or not self.max_score:
            return None
        return 100.0 * (self.score or 0.0) / self.max_score

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.submitted_at is None:
            return None
        return max(0.0, (self.submitted_at - self.started_at).total_seconds())


@dataclass
class QuizReport:
    quiz_id: int
    title: str
    grading_method: str
    pass_mark: float
    questions: list[QuestionColumn]
    rows: list[AttemptRow]
    filters: Filters = field(default_factory=Filters)
    generated_at: datetime = field(default_factory=utcnow)

    @property
    def attempts(self) -> list[AttemptRow]:
        return [r for r in self.rows if r.attempt_id is not None]

    @property
    def submitted(self) -> list[AttemptRow]:
        return [r for r in self.rows if r.state == "submitted"]

    @property
    def students(self) -> int:
        return len({r.student_id for r in self.rows})

    def counted_percents(self) -> list[float]:
        """The grade of each student who submitted, by the quiz's grading method."""
        by_student: dict[int, list[float]] = defaultdict(list)
        for row in self.rows:
            if row.counts and row.percent is not None:
                by_student[row.student_id].append(row.percent)
        return [sum(v) / len(v) for v in by_student.values()]

    @property
    def waiting(self) -> int:
        """Answers of submitted attempts still waiting to be marked by hand."""
        return sum(r.waiting for r in self.rows)

    def summary(self) -> dict[str, float | int | None]:
        grades = self.counted_percents()
        return {
            "waiting": self.waiting,
            "students": self.students,
            "attempts": len(self.attempts),
            "submitted": len(self.submitted),
            "graded_students": len(grades),
            "mean": statistics.fmean(grades) if grades else None,
            "median": statistics.median(grades) if grades else None,
            "minimum": min(grades) if grades else None,
            "maximum": max(grades) if grades else None,
            "passed": sum(g >= self.pass_mark for g in grades),
        }


def plain_rows(query: sa.Select):
    """Plain rows through the session's connection: the ORM's row processing is skipped,
    which matters for the 80,000 marks of a large quiz."""
    return db.session.connection().execute(query)


def counted_grade(method: str, attempts: list) -> float | None:
    """The counted percentage from rows with ``number``, ``state``, ``score``, ``max_score``."""
    return counted_percent(SimpleNamespace(grading_method=method), attempts)  # type: ignore[arg-type]


# --- which attempt counts ----------------------------------------------------
def counted_attempt_ids(method: str, attempts: Iterable[AttemptRow]) -> set[int]:
    """The attempts that make a student's grade, matching ``quiz_status.counted_percent``.

    ``highest``: the best (the earliest of equal ones); ``first``/``last``: by
    number; ``average``: every submitted attempt.
    """
    done = sorted(
        (a for a in attempts if a.state == "submitted" and a.max_score), key=lambda a: a.number
    )
    if not done:
        return set()
    if method == "average":
        return {a.attempt_id for a in done}
    if method == "last":
        return {done[-1].attempt_id}
    if method == "first":
        return {done[0].attempt_id}
    best = max(done, key=lambda a: (a.percent, -a.number))
    return {best.attempt_id}


def select_attempts(report: QuizReport, on: str) -> list[AttemptRow]:
    """The submitted attempts to analyse: the counted ones, first ones, or all."""
    if on not in ATTEMPT_SETS:
        raise ValueError(f"unknown attempt set {on!r}")
    if on == "counted":
        return [r for r in report.submitted if r.counts]
    if on == "first":
        first: dict[int, AttemptRow] = {}
        for row in report.submitted:
            if row.student_id not in first or row.number < first[row.student_id].number:
                first[row.student_id] = row
        return sorted(first.values(), key=lambda r: (r.username, r.number or 0))
    return report.submitted


# --- quiz report ---------------------------------------------------------------
def _choices_and_keys(data: dict) -> tuple[list[str], list[int]]:
    kind = data.get("type")
    answers = data.get("answers") or []
    if kind in ("mcq", "multi"):
        keys = [i for i, a in enumerate(answers) if (a.get("fraction") or 0) > 0]
        return [a.get("text", "") for a in answers], keys
    if kind == "truefalse":
        right = [i for i, a in enumerate(answers[:2]) if (a.get("fraction") or 0) >= 1]
        return ["true", "false"], right
    return [], []


def _columns(question_ids: Sequence[int], marks: dict[int, float]) -> list[QuestionColumn]:
    rows = db.session.execute(
        sa.select(
            Question.id,
            Question.type,
            Question.kind,
            Question.generated,
            Question.confidence,
            Question.bank_id,
            QuestionVersion.data,
        )
        .outerjoin(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.id.in_(list(question_ids)))
    ).all()
    by_id = {row.id: row for row in rows}
    columns = []
    for n, qid in enumerate((q for q in question_ids if q in by_id), start=1):
        row = by_id[qid]
        data = row.data or {}
        source = (data.get("source") or {}).get("sentence", "")
        choices, keys = _choices_and_keys(data)
        columns.append(
            QuestionColumn(
                question_id=qid,
                label=f"Q{n}",
                max_mark=float(marks.get(qid, 1.0)),
                type=row.type,
                kind=row.kind or "",
                stem=data.get("stem", ""),
                generated=bool(row.generated),
                confidence=row.confidence,
                source=source,
                bank_id=row.bank_id,
                choices=choices,
                keys=keys,
            )
        )
    return columns


def _attempt_rows(quiz: Quiz, filters: Filters) -> list[AttemptRow]:
    """Every attempt with its student (one query)."""
    query = filters.apply(
        sa.select(
            Attempt.id,
            Attempt.student_id,
            Attempt.number,
            Attempt.state,
            Attempt.started_at,
            Attempt.submitted_at,
            Attempt.score,
            Attempt.max_score,
            User.username,
            User.display_name,
            User.erased_at,
        )
        .join(User, User.id == Attempt.student_id)
        .where(Attempt.quiz_id == quiz.id)
    )
    return [
        AttemptRow(
            student_id=r.student_id,
            username=r.username,
            name=person_name(r.username, r.display_name, r.erased_at),
            attempt_id=r.id,
            number=r.number,
            state=r.state,
            started_at=r.started_at,
            submitted_at=r.submitted_at,
            score=r.score,
            max_score=r.max_score,
        )
        for r in plain_rows(query.order_by(User.username, Attempt.number))
    ]


def _fill_marks(quiz: Quiz, filters: Filters, rows: list[AttemptRow]) -> list[int]:
    """Every response's mark, by question (one query); the questions seen, in order."""
    by_attempt = {r.attempt_id: r.marks for r in rows}
    submitted = {r.attempt_id: r for r in rows if r.state == "submitted"}
    query = filters.apply(
        sa.select(Response.attempt_id, QuestionVersion.question_id, Response.mark)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(Attempt.quiz_id == quiz.id)
    )
    seen: dict[int, None] = {}
    for attempt_id, question_id, mark in plain_rows(query):
        by_attempt[attempt_id][question_id] = mark
        seen[question_id] = None
        if mark is None and attempt_id in submitted:
            submitted[attempt_id].waiting += 1
    return list(seen)


def _not_started(quiz: Quiz, filters: Filters, seen: set[int]) -> list[AttemptRow]:
    """Students the quiz is assigned to who have not started it."""
    if filters.date_from or filters.date_to:
        return []
    query = (
        sa.select(User.id, User.username, User.display_name, User.erased_at)
        .join(Membership, Membership.student_id == User.id)
        .join(QuizAssignment, QuizAssignment.class_id == Membership.class_id)
        .where(QuizAssignment.quiz_id == quiz.id)
        .distinct()
    )
    if filters.class_id:
        query = query.where(Membership.class_id == filters.class_id)
    return [
        AttemptRow(
            student_id=r.id,
            username=r.username,
            name=person_name(r.username, r.display_name, r.erased_at),
        )
        for r in db.session.execute(query)
        if r.id not in seen
    ]


def quiz_report(quiz: Quiz, filters: Filters | None = None) -> QuizReport:
    """Every student and attempt of a quiz, with per-question marks and the counted attempt."""
    filters = filters or Filters()
    rows = _attempt_rows(quiz, filters)
    seen = _fill_marks(quiz, filters, rows)
    per_student: dict[int, list[AttemptRow]] = defaultdict(list)
    for row in rows:
        per_student[row.student_id].append(row)
    for attempts in per_student.values():
        counted = counted_attempt_ids(quiz.grading_method, attempts)
        for row in attempts:
            row.counts = row.attempt_id in counted
    rows += _not_started(quiz, filters, set(per_student))
    rows.sort(key=lambda r: (r.username, r.number or 0))

    slot_marks = dict(
        db.session.execute(
            sa.select(QuizQuestion.question_id, QuizQuestion.mark)
            .where(QuizQuestion.quiz_id == quiz.id)
            .order_by(QuizQuestion.position)
        ).all()
    )
    # Questions drawn per tag are not slots of the quiz: the attempt service gives them 1 mark.
    order = list(slot_marks) + sorted(q for q in seen if q not in slot_marks)
    return QuizReport(
        quiz_id=quiz.id,
        title=quiz.title,
        grading_method=quiz.grading_method,
        pass_mark=quiz.pass_mark,
        questions=_columns(order, slot_marks),
        rows=rows,
        filters=filters,
    )


def answer_counts(
    attempt_ids: Collection[int], question_ids: Collection[int]
) -> dict[tuple[int, Any], int]:
    """``{(question_id, answer): how many}`` over the given attempts, grouped in SQL.

    Choice answers are small integers or lists of them: grouping on their JSON
    text sends back a few rows per question instead of one per response.
    """
    counts: dict[tuple[int, Any], int] = defaultdict(int)
    ids = sorted(attempt_ids)
    if not ids or not question_ids:
        return counts
    text = sa.cast(Response.answer, sa.Text)
    query = (
        sa.select(QuestionVersion.question_id, text, sa.func.count())
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(QuestionVersion.question_id.in_(list(question_ids)))
        .group_by(QuestionVersion.question_id, text)
    )
    for start in range(0, len(ids), 5000):  # stay under SQLite's bound-parameter limit
        chunk = query.where(Response.attempt_id.in_(ids[start : start + 5000]))
        for question_id, answer, n in plain_rows(chunk):
            if answer is not None:
                value = int(answer) if answer.isdigit() else json.loads(answer)
                key = tuple(value) if isinstance(value, list) else value
                counts[(question_id, key)] += n
    return counts


def submitted_counts(quiz_ids: Sequence[int]) -> dict[int, int]:
    """How many attempts were submitted, for each of these quizzes (none: absent)."""
    if not quiz_ids:
        return {}
    rows = db.session.execute(
        db.select(Attempt.quiz_id, db.func.count(Attempt.id))
        .where(Attempt.state == "submitted", Attempt.quiz_id.in_(quiz_ids))
        .group_by(Attempt.quiz_id)
    )
    return dict(rows.all())
