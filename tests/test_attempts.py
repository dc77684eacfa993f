"""Attempts: layouts, saving, time limits, closing times, attempt limits, double submit,
which attempt counts, and practice scheduling after a quiz."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import make_bank, make_class, make_quiz, make_user

from quizapp.domain.grading import InvalidResponse
from quizapp.extensions import db
from quizapp.models import Attempt, ReviewCard
from quizapp.models.base import utcnow
from quizapp.services import attempt_layout, quiz_status
from quizapp.services import attempts as svc


@pytest.fixture
def setup(app):
    teacher = make_user("teacher")
    student = make_user("student")
    school_class = make_class(teacher, students=[student])
    bank = make_bank(teacher)
    return teacher, student, school_class, bank


def _position_of(attempt, slot, original_index):
    return attempt.layout[slot]["order"].index(original_index)


def test_full_marks_when_everything_is_right(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    answers = {
        "mcq": lambda s: _position_of(attempt, s, 0),
        "multi": lambda s: [_position_of(attempt, s, 0), _position_of(attempt, s, 1)],
        "truefalse": lambda s: "false",
        "short": lambda s: "moscou",
        "numeric": lambda s: "10 000 soldats",
        "cloze": lambda s: ["huit mille", "Koursk"],
    }
    versions = attempt_layout.versions_for(attempt)
    for slot, layout in enumerate(attempt.layout):
        data = versions[layout["version_id"]]
        if data.type == "matching":
            order = layout["order"]
            shown = [data.pairs[i][1] for i in order]
            raw = {str(p): shown.index(data.pairs[p][1]) for p in range(len(data.pairs))}
        else:
            raw = answers[data.type](slot)
        svc.save_answer(attempt, slot, raw)
    db.session.commit()
    svc.submit(attempt)
    db.session.rollback()
    attempt = db.session.get(Attempt, attempt.id)
    assert attempt.state == "submitted"
    assert attempt.score == pytest.approx(attempt.max_score) == pytest.approx(7.0)


def test_resume_returns_the_same_attempt_and_layout(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class], shuffle_questions=True)
    first = svc.start_or_resume(quiz, student)
    svc.save_answer(first, 0, None)
    db.session.commit()
    again = svc.start_or_resume(quiz, student)
    assert again.id == first.id and again.layout == first.layout


def test_random_draw_per_tag_is_valid_and_stable_on_resume(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class], draw_per_tag={"chiffres": 1, "rencontres": 2})
    attempt = svc.start_or_resume(quiz, student)
    ids = [slot["question_id"] for slot in attempt.layout]
    assert len(ids) == 3 and len(set(ids)) == 3
    tags = {q.id: q.tags for q in bank.questions}
    assert sum("chiffres" in tags[i] for i in ids) == 1
    assert sum("rencontres" in tags[i] for i in ids) == 2
    assert svc.start_or_resume(quiz, student).layout == attempt.layout


def test_time_limit_refuses_late_answers_and_grace_closes_the_attempt(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class], time_limit_minutes=10)
    start = utcnow()
    attempt = svc.start_or_resume(quiz, student, now=start)
    svc.save_answer(attempt, 0, 0, now=start + timedelta(minutes=5))
    db.session.commit()
    with pytest.raises(svc.AttemptError, match="temps est écoulé"):
        svc.save_answer(attempt, 1, [0], now=start + timedelta(minutes=10, seconds=5))
    assert svc.close_if_overdue(attempt, now=start + timedelta(minutes=11))
    assert attempt.state == "submitted"


def test_closing_time_caps_the_deadline(setup):
    teacher, student, school_class, bank = setup
    now = utcnow()
    quiz = make_quiz(
        teacher, bank, [school_class], time_limit_minutes=60, closes_at=now + timedelta(minutes=5)
    )
    attempt = svc.start_or_resume(quiz, student, now=now)
    assert attempt.deadline_at == quiz.closes_at


def test_closed_or_unassigned_quiz_cannot_be_started(setup):
    teacher, student, school_class, bank = setup
    closed = make_quiz(teacher, bank, [school_class], closes_at=utcnow() - timedelta(days=1))
    with pytest.raises(svc.AttemptError, match="pas ouvert"):
        svc.start_or_resume(closed, student)
    unassigned = make_quiz(teacher, bank, [])
    with pytest.raises(svc.AttemptError) as info:
        svc.start_or_resume(unassigned, student)
    assert info.value.status == 403


def test_attempt_limit(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class], max_attempts=1)
    svc.submit(svc.start_or_resume(quiz, student))
    with pytest.raises(svc.AttemptError, match="toutes vos tentatives"):
        svc.start_or_resume(quiz, student)


def test_double_submit_counts_once(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    svc.save_answer(attempt, 0, 0)
    db.session.commit()
    first = svc.submit(attempt)
    submitted_at, score = first.submitted_at, first.score
    second = svc.submit(attempt)
    assert second.submitted_at == submitted_at and second.score == score
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 1
    with pytest.raises(svc.AttemptError, match="déjà rendue"):
        svc.save_answer(second, 1, [0])


def test_a_submit_from_another_device_is_seen_by_a_request_that_read_the_attempt_before(app, setup):
    """Two devices press "submit" at once: the request that loaded the attempt first
    must read it again under the lock, not finish it a second time."""
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    svc.save_answer(attempt, 0, 0)
    db.session.commit()
    attempt = db.session.get(Attempt, attempt.id)
    assert attempt.state == "in_progress"  # this request's copy, read before the other submit
    with app.app_context():  # the other device's request, with its own session
        other = svc.submit(db.session.get(Attempt, attempt.id), utcnow() - timedelta(minutes=1))
        submitted_at = other.submitted_at
    result = svc.submit(attempt)
    assert result.state == "submitted"
    assert result.submitted_at == submitted_at  # the first submit stands


def test_malformed_answers_are_refused(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    mcq_slot = next(
        i
        for i, s in enumerate(attempt.layout)
        if len(s["order"]) == 4
        and attempt_layout.versions_for(attempt)[s["version_id"]].type == "mcq"
    )
    with pytest.raises(InvalidResponse):
        svc.save_answer(attempt, mcq_slot, 17)
    with pytest.raises(svc.AttemptError):
        svc.save_answer(attempt, 99, 0)
    short_slot = next(
        i
        for i, s in enumerate(attempt.layout)
        if attempt_layout.versions_for(attempt)[s["version_id"]].type == "short"
    )
    with pytest.raises(InvalidResponse, match="trop longue"):
        svc.save_answer(attempt, short_slot, "x" * 5000)


@pytest.mark.parametrize(
    "method,expected", [("highest", 100.0), ("last", 0.0), ("first", 0.0), ("average", 100.0 / 3)]
)
def test_grading_method_chooses_the_counted_attempt(setup, method, expected):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class], grading_method=method)
    marks = [(0.0, 7.0), (7.0, 7.0), (0.0, 7.0)]
    attempts = [
        Attempt(
            quiz_id=quiz.id,
            student_id=student.id,
            number=i + 1,
            state="submitted",
            score=s,
            max_score=m,
        )
        for i, (s, m) in enumerate(marks)
    ]
    assert quiz_status.counted_percent(quiz, attempts) == pytest.approx(expected)


def test_submitting_schedules_practice_without_changing_the_grade(setup):
    teacher, student, school_class, bank = setup
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    svc.save_answer(attempt, 0, 0)
    db.session.commit()
    svc.submit(attempt)
    cards = db.session.scalars(
        db.select(ReviewCard).where(ReviewCard.student_id == student.id)
    ).all()
    # The answered question and, like wrong answers, every one left unanswered.
    assert {c.question_id for c in cards} == {entry["question_id"] for entry in attempt.layout}
    assert attempt.layout[0]["question_id"] in {c.question_id for c in cards}
