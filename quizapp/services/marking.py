"""Marking by hand: the answers a grader cannot mark (essays) wait for a teacher,
who gives a mark and a comment; a teacher may also mark again any answer.

An attempt with an answer still waiting is « en attente de correction »: its
``score`` holds the marks given so far (a waiting answer adds nothing) and
:func:`provisional` says how many points are still to mark. Once every answer is
marked the score is final. A mark given by hand sets ``Response.marked_at``, so
that a regrade keeps it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from quizapp.domain.messages import N_, CatalogueError
from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import begin_write, db
from quizapp.models import Attempt, QuestionVersion, Quiz, QuizQuestion, Response, User
from quizapp.models.base import utcnow
from quizapp.services import audit
from quizapp.services.attempt_layout import version_data
from quizapp.services.question_view import is_blank

#: The longest comment a teacher may leave on one answer.
MAX_COMMENT_LENGTH = 5_000


class MarkError(CatalogueError):
    """A mark or comment the teacher must fix; nothing was saved."""


# --- what waits ---------------------------------------------------------------------
def waiting_counts(quiz_ids: list[int]) -> dict[int, int]:
    """How many answers of submitted attempts wait for a mark, per quiz (none: absent)."""
    if not quiz_ids:
        return {}
    rows = db.session.execute(
        sa.select(Attempt.quiz_id, sa.func.count(Response.id))
        .join(Response, Response.attempt_id == Attempt.id)
        .where(
            Attempt.quiz_id.in_(quiz_ids),
            Attempt.state == "submitted",
            Response.mark.is_(None),
        )
        .group_by(Attempt.quiz_id)
    )
    return dict(rows.all())


def waiting_for_teacher(user: User) -> int:
    """Answers waiting in the quizzes a teacher owns (an admin: in every quiz)."""
    query = (
        sa.select(sa.func.count(Response.id))
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.state == "submitted", Response.mark.is_(None))
    )
    if user.role != "admin":
        query = query.join(Quiz, Quiz.id == Attempt.quiz_id).where(Quiz.owner_id == user.id)
    return db.session.scalar(query) or 0


@dataclass
class Provisional:
    """An attempt's score while answers wait: the points given out of the points marked."""

    score: float
    marked_out_of: float
    waiting: int
    waiting_points: float

    @property
    def percent(self) -> float | None:
        return 100.0 * self.score / self.marked_out_of if self.marked_out_of else None


def provisional(attempt: Attempt) -> Provisional | None:
    """The provisional score of a submitted attempt with answers waiting, else None."""
    if attempt.state != "submitted":
        return None
    waiting = [r for r in attempt.responses if r.mark is None]
    if not waiting:
        return None
    waiting_points = sum(float(attempt.layout[r.slot].get("mark", 1.0)) for r in waiting)
    return Provisional(
        score=attempt.score or 0.0,
        marked_out_of=(attempt.max_score or 0.0) - waiting_points,
        waiting=len(waiting),
        waiting_points=waiting_points,
    )


# --- the marking page ------------------------------------------------------------------
@dataclass
class Answer:
    """One answer of a submitted attempt, as the marking page shows it."""

    response: Response
    attempt: Attempt
    student: User
    data: QuestionData
    entry: dict[str, Any]

    @property
    def out_of(self) -> float:
        return float(self.entry.get("mark", 1.0))

    @property
    def waiting(self) -> bool:
        return self.response.mark is None

    @property
    def key(self) -> tuple[int, int]:
        return (self.attempt.id, self.response.slot)


@dataclass
class QuestionMarking:
    """One question of the quiz on the marking page: what waits, what the grader refused."""

    question_id: int
    label: str
    stem: str
    type: str
    answers: int = 0
    waiting: int = 0
    marked_by_hand: int = 0
    # short answers: each distinct refused answer and how many gave it
    refused: list[tuple[str, int]] = field(default_factory=list)


def _question_order(quiz: Quiz) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(QuizQuestion.question_id)
            .where(QuizQuestion.quiz_id == quiz.id)
            .order_by(QuizQuestion.position)
        )
    )


def _answers(quiz: Quiz, question_id: int | None = None):
    query = (
        sa.select(Response, Attempt, User, QuestionVersion.question_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.student_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(Attempt.quiz_id == quiz.id, Attempt.state == "submitted")
    )
    if question_id is not None:
        query = query.where(QuestionVersion.question_id == question_id)
    rows = db.session.execute(query).all()
    versions = version_data({a.layout[r.slot]["version_id"] for r, a, _u, _q in rows})
    order = {qid: n for n, qid in enumerate(_question_order(quiz))}
    answers = [
        (
            qid,
            Answer(r, a, u, versions[a.layout[r.slot]["version_id"]], a.layout[r.slot]),
        )
        for r, a, u, qid in rows
    ]
    answers.sort(key=lambda x: (order.get(x[0], len(order)), x[0], x[1].student.username, x[1].key))
    return answers


def question_answers(quiz: Quiz, question_id: int) -> list[Answer]:
    """Every submitted answer to one question of the quiz, waiting ones first."""
    answers = [a for _qid, a in _answers(quiz, question_id)]
    return sorted(answers, key=lambda a: not a.waiting)


def overview(quiz: Quiz) -> list[QuestionMarking]:
    """Each question of the quiz that was answered: how many answers wait, how many were
    marked by hand, and (short answers) the distinct answers the grader refused."""
    labels = {qid: f"Q{n}" for n, qid in enumerate(_question_order(quiz), start=1)}
    questions: dict[int, QuestionMarking] = {}
    refused: dict[int, Counter[str]] = {}
    for qid, a in _answers(quiz):
        q = questions.get(qid)
        if q is None:
            q = questions[qid] = QuestionMarking(
                qid, labels.get(qid, "Q?"), a.data.stem, a.data.type
            )
        q.answers += 1
        q.waiting += a.waiting
        q.marked_by_hand += a.response.marked_at is not None
        if _refused_short(a):
            refused.setdefault(qid, Counter())[a.response.answer.strip()] += 1
    for qid, counts in refused.items():
        questions[qid].refused = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    return list(questions.values())


def _refused_short(a: Answer) -> bool:
    r = a.response
    return (
        a.data.type == "short"
        and isinstance(r.answer, str)
        and not is_blank(r.answer)
        and r.fraction is not None
        and r.fraction <= 0.0
        and r.marked_at is None
    )


def refused_answer_count(quiz: Quiz, question_id: int, text: str) -> int:
    """How many submitted answers to the question the grader refused that read ``text``."""
    text = text.strip()
    return sum(
        1
        for _qid, a in _answers(quiz, question_id)
        if _refused_short(a) and a.response.answer.strip() == text
    )


def _keys(quiz: Quiz) -> list[tuple[tuple[int, int], bool]]:
    """Every submitted answer's key and whether it waits, in the marking order
    (question by question, then by student), read as plain columns."""
    rows = db.session.execute(
        sa.select(
            QuestionVersion.question_id,
            User.username,
            Attempt.id,
            Response.slot,
            Response.mark.is_(None),
        )
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.student_id)
        .join(QuestionVersion, QuestionVersion.id == Response.question_version_id)
        .where(Attempt.quiz_id == quiz.id, Attempt.state == "submitted")
    ).all()
    order = {qid: n for n, qid in enumerate(_question_order(quiz))}
    rows.sort(key=lambda r: (order.get(r[0], len(order)), r[0], r[1], r[2], r[3]))
    return [((r[2], r[3]), bool(r[4])) for r in rows]


def queue(quiz: Quiz) -> list[tuple[int, int]]:
    """The answers waiting, as ``(attempt id, slot)``, in the order the page goes through them."""
    return [key for key, waiting in _keys(quiz) if waiting]


def neighbours(
    quiz: Quiz, key: tuple[int, int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The waiting answers before and after ``key`` in the marking order; after the last
    one, "next" goes back to the first still waiting."""
    keys = _keys(quiz)
    pos = next((i for i, (k, _w) in enumerate(keys) if k == key), len(keys))
    before = [k for k, waiting in keys[:pos] if waiting]
    after = [k for k, waiting in keys[pos + 1 :] if waiting]
    return (before[-1] if before else None, after[0] if after else (before[0] if before else None))


def answer_to_mark(quiz: Quiz, attempt_id: int, slot: int) -> Answer | None:
    """One answer of a submitted attempt of the quiz, or None."""
    row = db.session.execute(
        sa.select(Response, Attempt, User)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(User, User.id == Attempt.student_id)
        .where(
            Attempt.id == attempt_id,
            Attempt.quiz_id == quiz.id,
            Attempt.state == "submitted",
            Response.slot == slot,
        )
    ).first()
    if row is None:
        return None
    response, attempt, student = row
    entry = attempt.layout[slot]
    return Answer(
        response, attempt, student, version_data([entry["version_id"]])[entry["version_id"]], entry
    )


# --- giving a mark -------------------------------------------------------------------
def parse_mark(text: str | None, out_of: float) -> float:
    """A mark typed by a teacher (« 1,5 » or "1.5"), between 0 and the question's mark."""
    value = parse_number((text or "").strip()) if (text or "").strip() else None
    if value is None:
        raise MarkError(N_("Note attendue : un nombre entre 0 et %(max)s."), max=f"{out_of:g}")
    if not 0.0 <= value <= out_of + 1e-9:
        raise MarkError(N_("La note doit être comprise entre 0 et %(max)s."), max=f"{out_of:g}")
    return min(value, out_of)


def _check_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise MarkError(
            N_("Commentaire trop long (%(max)d caractères au plus)."), max=MAX_COMMENT_LENGTH
        )
    return comment


def _apply(answer: Answer, mark: float, comment: str, by: User, now: datetime) -> bool:
    response, attempt = answer.response, answer.attempt
    if (
        response.marked_at is not None
        and response.mark is not None
        and abs(response.mark - mark) < 1e-9
        and response.comment == comment
    ):
        return False
    old = response.mark
    response.mark = mark
    response.fraction = mark / answer.out_of if answer.out_of else 0.0
    response.comment = comment
    response.marked_by_id = by.id
    response.marked_at = now
    attempt.score = sum(r.mark or 0.0 for r in attempt.responses)
    audit.record(
        by,
        "mark",
        "response",
        response.id,
        f"{answer.student.username} · {attempt.quiz.title} · Q{response.slot + 1}",
        attempt_id=attempt.id,
        slot=response.slot,
        old_mark=old,
        new_mark=mark,
    )
    return True


def mark_answer(
    answer: Answer, mark_text: str | None, comment: str, by: User, now: datetime | None = None
) -> bool:
    """Give (or change) one answer's mark and comment, and the attempt's score with it.

    Raises :class:`MarkError` (nothing changed); returns whether anything changed.
    The caller commits.
    """
    mark = parse_mark(mark_text, answer.out_of)
    comment = _check_comment(comment)
    begin_write()
    return _apply(answer, mark, comment, by, now or utcnow())


def mark_answers(
    answers: list[Answer],
    posted: dict[tuple[int, int], tuple[str, str]],
    by: User,
    now: datetime | None = None,
) -> int:
    """Mark several answers at once, all or none: ``posted`` maps each answer's key to
    the mark and comment typed (an answer not posted is left as it is); an answer still
    waiting whose mark was left empty stays waiting. Raises :class:`MarkErrors` with every answer's problem; returns how many changed.
    """
    errors: dict[tuple[int, int], MarkError] = {}
    plan = []
    for answer in answers:
        if answer.key not in posted:
            continue
        mark_text, comment = posted[answer.key]
        if not (mark_text or "").strip() and answer.waiting and not (comment or "").strip():
            continue
        try:
            plan.append((answer, parse_mark(mark_text, answer.out_of), _check_comment(comment)))
        except MarkError as exc:
            errors[answer.key] = exc
    if errors:
        raise MarkErrors(errors)
    begin_write()
    now = now or utcnow()
    return sum(_apply(answer, mark, comment, by, now) for answer, mark, comment in plan)


class MarkErrors(Exception):
    """The marks of a whole form that could not be saved, by answer key."""

    def __init__(self, errors: dict[tuple[int, int], MarkError]) -> None:
        super().__init__(f"{len(errors)} marks refused")
        self.errors = errors
