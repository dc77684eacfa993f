"""Report data: who took what, which attempt counts, the statistics fed from the database.

The builders here (``world``, ``add_attempt``) are shared by the other
``test_reports_*`` files.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from conftest import make_bank, make_class, make_quiz, make_user

from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.extensions import db
from quizapp.models import Attempt, Response
from quizapp.reports import analysis
from quizapp.reports.bank_data import bank_questions
from quizapp.reports.data import Filters, quiz_report, select_attempts
from quizapp.reports.gradebook import class_gradebook
from quizapp.reports.student_data import student_report

T0 = datetime(2026, 11, 2, 9, 0)


def three_questions():
    """Two multiple-choice questions (right answer: option 0) and a true/false (false)."""
    return [
        QuestionData(
            type="mcq",
            kind="meeting",
            stem="Qui Choe Son Hui a-t-elle rencontré ?",
            answers=[Answer("Lavrov", 1.0), Answer("Blinken", 0.0), Answer("Zelensky", 0.0)],
        ),
        QuestionData(
            type="mcq",
            kind="quote",
            stem="Qui a dit « une grande victoire » ?",
            answers=[Answer("Choe Son Hui", 1.0), Answer("Lavrov", 0.0), Answer("Poutine", 0.0)],
        ),
        QuestionData(
            type="truefalse",
            kind="figure",
            stem="10 000 soldats sont arrivés.",
            answers=[Answer("true", 1.0), Answer("false", 0.0)],
        ),
    ]


def add_attempt(quiz, student, answers, *, number=1, started=T0, minutes=10, state="submitted"):
    """An attempt graded as the attempt service would: ``answers`` per slot (stored form)."""
    from quizapp.domain import grading

    slots = sorted(quiz.slots, key=lambda s: s.position)
    layout = [
        {
            "question_id": s.question_id,
            "version_id": s.question.current_version_id,
            "mark": s.mark,
            "order": [],
        }
        for s in slots
    ]
    attempt = Attempt(
        quiz_id=quiz.id,
        student_id=student.id,
        number=number,
        state=state,
        started_at=started,
        submitted_at=started + timedelta(minutes=minutes) if state == "submitted" else None,
        layout=layout,
        max_score=sum(s["mark"] for s in layout),
    )
    db.session.add(attempt)
    db.session.flush()
    score = 0.0
    for i, (s, answer) in enumerate(zip(slots, answers, strict=True)):
        fraction = grading.grade(s.question.current_version.question_data, answer).fraction
        mark = fraction * s.mark
        score += mark
        db.session.add(
            Response(
                attempt_id=attempt.id,
                slot=i,
                question_version_id=s.question.current_version_id,
                answer=answer,
                fraction=fraction,
                mark=mark,
                final=state == "submitted",
            )
        )
    attempt.score = score if state == "submitted" else None
    db.session.commit()
    return attempt


@pytest.fixture
def world(app):
    return build_world()


def build_world():
    """A teacher's class of four: Alice twice, Bob, Chloé, and Dan who never started.

    Marks per question (Q1 Q2 Q3), 1 point each, grading method "highest":
      alice #1  1 1 0  (2/3, Nov 2)      alice #2  1 1 1  (3/3, Nov 3) ← counts
      bob   #1  1 0 0  (1/3)             chloe #1  0 0 0  (0/3)
    """
    teacher = make_user("teacher", "prof")
    alice = make_user("student", "alice", display_name="Alice Martin")
    bob = make_user("student", "bob")
    chloe = make_user("student", "chloe", display_name='=HYPERLINK("http://x")')
    dan = make_user("student", "dan")
    school_class = make_class(teacher, "3e B", students=[alice, bob, chloe, dan])
    bank = make_bank(teacher, three_questions(), name="Corée du Nord")
    quiz = make_quiz(teacher, bank, [school_class], title="Moscou et Pyongyang")
    add_attempt(quiz, alice, [0, 0, "false"], started=T0)
    add_attempt(quiz, alice, [0, 0, "true"], number=2, started=T0 + timedelta(days=1))
    add_attempt(quiz, bob, [0, 1, "false"], started=T0, minutes=5)
    add_attempt(quiz, chloe, [1, 2, "false"], started=T0, minutes=20)
    return {
        "teacher": teacher,
        "alice": alice,
        "bob": bob,
        "chloe": chloe,
        "dan": dan,
        "class": school_class,
        "bank": bank,
        "quiz": quiz,
    }


def test_quiz_report_lists_every_attempt_and_the_one_that_counts(world):
    report = quiz_report(world["quiz"])
    got = [(r.username, r.number, r.state, r.score, r.counts) for r in report.rows]
    assert got == [
        ("alice", 1, "submitted", 2.0, False),
        ("alice", 2, "submitted", 3.0, True),
        ("bob", 1, "submitted", 1.0, True),
        ("chloe", 1, "submitted", 0.0, True),
        ("dan", None, "not_started", None, False),
    ]
    assert [q.label for q in report.questions] == ["Q1", "Q2", "Q3"]
    q1, q2, q3 = (q.question_id for q in report.questions)
    assert report.rows[2].marks == {q1: 1.0, q2: 0.0, q3: 0.0}
    assert report.rows[3].duration_seconds == 20 * 60
    summary = report.summary()
    assert summary["students"] == 4 and summary["attempts"] == 4 and summary["graded_students"] == 3
    assert summary["mean"] == pytest.approx((100 + 100 / 3 + 0) / 3)
    assert summary["passed"] == 1


@pytest.mark.parametrize(
    ("method", "counted"), [("highest", 2), ("last", 2), ("first", 1), ("average", None)]
)
def test_the_counted_attempt_follows_the_grading_method(world, method, counted):
    world["quiz"].grading_method = method
    db.session.commit()
    alice = [r for r in quiz_report(world["quiz"]).rows if r.username == "alice"]
    if counted is None:
        assert all(r.counts for r in alice)
    else:
        assert [r.number for r in alice if r.counts] == [counted]


def test_filters_by_class_and_date(world, app):
    other = make_class(world["teacher"], "4e A", students=[world["bob"]])
    by_class = quiz_report(world["quiz"], Filters(class_id=other.id))
    assert [r.username for r in by_class.rows] == ["bob"]
    day_two = T0.date() + timedelta(days=1)
    by_date = quiz_report(world["quiz"], Filters(date_from=day_two, date_to=day_two))
    assert [(r.username, r.number) for r in by_date.rows] == [("alice", 2)]


def test_statistics_on_counted_and_first_attempts(world):
    qa = analysis.analyse(world["quiz"], "counted")
    # counted: alice #2 (1 1 1), bob (1 0 0), chloe (0 0 0)
    assert [s.facility for s in qa.analysis.questions] == pytest.approx([2 / 3, 1 / 3, 1 / 3])
    assert qa.analysis.quiz.attempts == 3
    q1, q2, q3 = (c.question_id for c in qa.columns)
    # options picked: Q1 Lavrov by alice and bob, Blinken by chloe, Zelensky by nobody
    assert qa.choice_counts[q1] == [2, 1, 0]
    assert qa.choice_counts[q2] == [1, 1, 1]
    assert qa.choice_counts[q3] == [1, 2]
    first = analysis.analyse(world["quiz"], "first")
    assert [r.number for r in first.attempts] == [1, 1, 1]
    assert [s.facility for s in first.analysis.questions] == pytest.approx([2 / 3, 1 / 3, 0.0])
    # Totals 3 1 0 (mean 4/3, sample variance 7/3); item variances 1/3 1/3 1/3:
    # alpha = 3/2 (1 - 1 / (7/3)) = 6/7.
    assert qa.analysis.quiz.alpha == pytest.approx(6 / 7)
    # Q1 on the counted attempts: x = 1 1 0, rest of the test = 2 0 0 (means 2/3 and 2/3).
    # C = (1/3 · 4/3 + 1/3 · -2/3 + -2/3 · -2/3) / 2 = 1/3; V(x) = 1/3; V(rest) = 4/3;
    # D = (1/3) / sqrt(1/3 · 4/3) = 0.5.
    assert qa.analysis.questions[0].discrimination == pytest.approx(0.5)
    assert qa.analysis.questions[0].sd == pytest.approx(math.sqrt(1 / 3))
    assert len(select_attempts(qa.report, "all")) == 4


def test_flags_an_unused_distractor_from_five_attempts(world):
    for n in range(3):
        student = make_user("student", f"extra{n}")
        add_attempt(world["quiz"], student, [0, 0, "true"])
    qa = analysis.analyse(world["quiz"])
    flags = {c.label: s.flags for c, s in qa.rows()}
    assert "unused_distractor" in flags["Q1"]  # nobody picked Zelensky
    data = analysis.to_json(qa)
    assert data["questions"][0]["options"][2] == {"text": "Zelensky", "right": False, "picked": 0}


def test_statistics_of_a_quiz_nobody_took(app):
    teacher = make_user("teacher")
    quiz = make_quiz(teacher, make_bank(teacher, three_questions()))
    qa = analysis.analyse(quiz)
    assert qa.analysis.quiz.attempts == 0 and qa.report.rows == []
    assert all(s.facility is None for s in qa.analysis.questions)


def test_class_gradebook(world):
    book = class_gradebook(world["class"])
    grades = {r.username: r.grades.get(world["quiz"].id) for r in book.rows}
    assert grades == pytest.approx({"alice": 100.0, "bob": 100 / 3, "chloe": 0.0, "dan": None})
    assert book.completion(world["quiz"].id) == 3


def test_class_without_students(app):
    teacher = make_user("teacher")
    book = class_gradebook(make_class(teacher, "Vide"))
    assert book.rows == [] and book.quizzes == []


def test_student_report_and_progress(world):
    report = student_report(world["alice"], owner_id=world["teacher"].id)
    assert [(q.title, q.attempts, q.grade) for q in report.quizzes] == [
        ("Moscou et Pyongyang", 2, pytest.approx(100.0))
    ]
    assert [round(p.percent, 1) for p in report.points] == [66.7, 100.0]
    nobody = student_report(world["dan"])
    assert nobody.points == [] and nobody.quizzes[0].grade is None
    other_teacher = make_user("teacher")
    assert student_report(world["alice"], owner_id=other_teacher.id).quizzes == []


def test_bank_questions_by_kind(world):
    rows = bank_questions(world["bank"].id)
    assert [(r["kind"], r["responses"]) for r in rows] == [
        ("meeting", 4),
        ("quote", 4),
        ("figure", 4),
    ]
    kinds = {k["kind"]: k for k in analysis.kinds_summary(rows)}
    assert kinds["meeting"]["facility"] == pytest.approx(3 / 4)
    assert kinds["figure"]["facility"] == pytest.approx(1 / 4)
