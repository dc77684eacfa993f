"""Regrading after the teacher fixes a key: dry run, apply, record, and the page and CLI."""

from __future__ import annotations

import re

import pytest
from conftest import make_bank, make_class, make_quiz, make_user, post
from test_reports import build_world

from quizapp.domain.grading import InvalidResponse
from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.extensions import db
from quizapp.models import Attempt, Regrade, Response
from quizapp.reports.regrade import apply_regrade, plan_regrade
from quizapp.reports.remap import carry
from quizapp.services import attempts as svc
from quizapp.services.banks import edit_question
from quizapp.services.feedback import feedback_for
from quizapp.services.question_view import question_view


@pytest.fixture
def world(app):
    return build_world()


def fix_key(world):
    """The teacher decides option 1 (Blinken) was the right answer to Q1 all along."""
    question = world["quiz"].slots[0].question
    data = question.current_version.question_data
    data.answers = [Answer("Lavrov", 0.0), Answer("Blinken", 1.0), Answer("Zelensky", 0.0)]
    edit_question(question, data, author=world["teacher"])
    db.session.commit()
    return question


def scores():
    db.session.expire_all()
    rows = db.session.execute(db.select(Attempt.id, Attempt.score).order_by(Attempt.id)).all()
    return [score for _, score in rows]


def test_dry_run_lists_every_change_and_writes_nothing(world):
    question = fix_key(world)
    before = scores()
    plan = plan_regrade(world["quiz"])
    got = [(a.username, a.number, a.old_score, a.new_score, a.delta) for a in plan.attempts]
    assert got == [
        ("alice", 1, 2.0, 1.0, -1.0),
        ("alice", 2, 3.0, 2.0, -1.0),
        ("bob", 1, 1.0, 0.0, -1.0),
        ("chloe", 1, 0.0, 1.0, 1.0),
    ]
    assert plan.checked == 12 and plan.responses_changed == 4
    assert {m.question_id for a in plan.attempts for m in a.marks} == {question.id}
    assert scores() == before


def test_apply_updates_responses_attempts_and_records_who(world):
    question = fix_key(world)
    record = apply_regrade(world["quiz"], world["teacher"])
    db.session.rollback()
    assert scores() == [1.0, 2.0, 0.0, 1.0]
    stored = db.session.scalars(
        db.select(Response)
        .join(Attempt)
        .where(Attempt.student_id == world["chloe"].id, Response.slot == 0)
    ).one()
    assert (stored.fraction, stored.mark) == (1.0, 1.0)
    assert stored.question_version_id == question.current_version_id
    chloe = db.session.scalar(db.select(Attempt).where(Attempt.student_id == world["chloe"].id))
    assert chloe.layout[0]["version_id"] == question.current_version_id
    saved = db.session.get(Regrade, record.id)
    assert saved.user_id == world["teacher"].id and saved.created_at is not None
    assert (saved.attempts_changed, saved.responses_changed) == (4, 4)
    assert {c["delta"] for c in saved.changes} == {-1.0, 1.0}
    assert plan_regrade(world["quiz"]).attempts == []  # a second regrade finds nothing


def test_regrade_of_one_question_leaves_the_others(world):
    fix_key(world)
    q2 = world["quiz"].slots[1].question
    assert plan_regrade(world["quiz"], q2.id).attempts == []


def test_regrade_page_and_button(client, auth, world):
    fix_key(world)
    auth.login("prof")
    url = f"/reports/quizzes/{world['quiz'].id}/regrade"
    html = client.get(url).get_data(as_text=True)
    assert "chloe" in html and "+1,00" in html and "-1,00" in html  # French decimals
    response = post(client, url, token_from=url)
    assert response.status_code == 302
    db.session.rollback()
    assert scores() == [1.0, 2.0, 0.0, 1.0]
    html = client.get(url).get_data(as_text=True)
    assert "Aucune note ne changerait" in html and "4 tentatives modifiées" in html


def test_regrade_cli_dry_run_then_apply(app, world):
    fix_key(world)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["regrade", str(world["quiz"].id)])
    assert dry.exit_code == 0 and "chloe #1: 0 -> 1 (+1)" in dry.output and "dry run" in dry.output
    assert scores() == [2.0, 3.0, 1.0, 0.0]
    done = runner.invoke(args=["regrade", str(world["quiz"].id), "--apply", "--by", "prof"])
    assert done.exit_code == 0, done.output
    assert scores() == [1.0, 2.0, 0.0, 1.0]
    assert db.session.scalar(db.select(Regrade.user_id)) == world["teacher"].id


def test_answers_the_new_version_cannot_read_keep_their_mark(world):
    """Q2 cut to two options: Chloé's answer (option 2) no longer exists, so it is
    listed as unreadable and its mark stays; nobody else's mark moves."""
    question = world["quiz"].slots[1].question  # Q2: chloe picked option 2
    data = question.current_version.question_data
    data.answers = data.answers[:2]
    edit_question(question, data, author=world["teacher"])
    db.session.commit()
    plan = plan_regrade(world["quiz"], question.id)
    assert [(e["username"], e["slot"]) for e in plan.errors] == [("chloe", 1)]
    apply_regrade(world["quiz"], None, question.id)
    db.session.rollback()
    assert scores() == [2.0, 3.0, 1.0, 0.0]


# --- an option removed, attempts laid out with the old version ----------------------------
FOUR = ["Lavrov", "Blinken", "Zelensky", "Poutine"]


@pytest.fixture
def four_options(app):
    """One MCQ, A-D with A right, taken for real: Sam answered C and Dora D (both
    submitted), Inès is still answering (she chose B). Options are shuffled per attempt."""
    teacher = make_user("teacher", "prof")
    students = [make_user("student", name) for name in ("sam", "dora", "ines")]
    school_class = make_class(teacher, students=students)
    question = QuestionData(
        type="mcq",
        stem="Qui Choe Son Hui a-t-elle rencontré ?",
        answers=[Answer(text, 1.0 if n == 0 else 0.0) for n, text in enumerate(FOUR)],
    )
    bank = make_bank(teacher, [question])
    quiz = make_quiz(teacher, bank, [school_class], shuffle_options=True)
    attempts = {}
    for student, picked in zip(students, ("Zelensky", "Poutine", "Blinken"), strict=True):
        attempt = svc.start_or_resume(quiz, student)
        svc.record_answers(attempt, {0: attempt.layout[0]["order"].index(FOUR.index(picked))})
        if student.username != "ines":
            svc.submit(attempt)
        attempts[student.username] = attempt.id
    return {"teacher": teacher, "quiz": quiz, "question": bank.questions[0], "attempts": attempts}


def drop_c_and_make_d_right(world):
    """The teacher removes C and decides D was the right answer."""
    data = world["question"].current_version.question_data
    data.answers = [Answer("Lavrov", 0.0), Answer("Blinken", 0.0), Answer("Poutine", 1.0)]
    edit_question(world["question"], data, author=world["teacher"])
    db.session.commit()


def shown(html: str) -> tuple[list[str], str | None]:
    """The option texts of the page's radio buttons in order, and the one checked."""
    options = re.findall(
        r'<input type="radio" name="a0" value="\d+" ?(checked)?>\s*([^<\n]+)', html
    )
    return [text.strip() for _c, text in options], next(
        (text.strip() for checked, text in options if checked), None
    )


def test_a_regrade_maps_answers_by_option_not_by_position(client, auth, four_options):
    world = four_options
    before = {name: db.session.get(Attempt, i).layout for name, i in world["attempts"].items()}
    drop_c_and_make_d_right(world)
    plan = plan_regrade(world["quiz"])
    # Sam's C is gone (not read as D): listed, and his mark stays.
    assert [(e["username"], e["slot"]) for e in plan.errors] == [("sam", 0)]
    assert "Zelensky" in plan.errors[0]["error"]
    # Dora's D is found by its text: right with the new key. Inès is still answering.
    assert [(a.username, a.old_score, a.new_score) for a in plan.attempts] == [("dora", 0.0, 1.0)]
    apply_regrade(world["quiz"], world["teacher"])
    db.session.rollback()
    after = {name: db.session.get(Attempt, i) for name, i in world["attempts"].items()}
    assert (after["sam"].score, after["dora"].score) == (0.0, 1.0)
    # Every attempt keeps the version and the option order its student saw.
    assert {name: a.layout for name, a in after.items()} == before
    assert after["sam"].responses[0].answer == FOUR.index("Zelensky")

    for name, path in (("sam", "/result"), ("dora", "/result"), ("ines", "")):
        auth.login(name)
        page = client.get(f"/attempts/{world['attempts'][name]}{path}")
        assert page.status_code == 200, (name, page.status_code)
        texts, checked = shown(page.get_data(as_text=True))
        order = before[name][0]["order"]
        assert texts == [FOUR[i] for i in order], name
        assert checked == {"sam": "Zelensky", "dora": "Poutine", "ines": "Blinken"}[name]
        auth.logout()


def test_a_regrade_leaves_an_attempt_in_progress_on_its_version(four_options):
    world = four_options
    drop_c_and_make_d_right(world)
    apply_regrade(world["quiz"], world["teacher"])
    db.session.rollback()
    ines = db.session.get(Attempt, world["attempts"]["ines"])
    first = world["question"].versions[0].id
    assert ines.layout[0]["version_id"] == ines.responses[0].question_version_id == first
    # She can still choose C, as shown to her, and it is graded with her version.
    svc.record_answers(ines, {0: ines.layout[0]["order"].index(FOUR.index("Zelensky"))})
    svc.submit(ines)
    db.session.rollback()
    ines = db.session.get(Attempt, world["attempts"]["ines"])
    assert ines.responses[0].answer == FOUR.index("Zelensky") and ines.score == 0.0


def test_options_reordered_by_an_edit_move_with_their_text(client, auth, four_options):
    """No option removed: the submitted attempts move to the new version, their order
    and answers carried by text, so the page shows what it showed."""
    world = four_options
    data = world["question"].current_version.question_data
    data.answers = [Answer("Poutine", 1.0), Answer("Zelensky", 0.0), Answer("Blinken", 0.0)]
    data.answers.append(Answer("Lavrov", 0.0))
    edit_question(world["question"], data, author=world["teacher"])
    db.session.commit()
    sam = world["attempts"]["sam"]
    auth.login("sam")
    before = shown(client.get(f"/attempts/{sam}/result").get_data(as_text=True))
    auth.logout()
    assert before[1] == "Zelensky"
    apply_regrade(world["quiz"], world["teacher"])
    db.session.rollback()
    moved = db.session.get(Attempt, world["attempts"]["dora"])
    assert moved.layout[0]["version_id"] == world["question"].current_version_id
    assert moved.responses[0].answer == 0 and moved.score == 1.0  # Poutine, now first
    auth.login("sam")
    assert shown(client.get(f"/attempts/{sam}/result").get_data(as_text=True)) == before


def test_carry_by_identity_for_every_choice_type():
    def mcq(*texts, type="mcq"):
        return QuestionData(type=type, stem="?", answers=[Answer(t, 0.0) for t in texts])

    # Multi: B and D picked, C removed, order shown kept in the new indexes.
    out = carry(
        mcq("A", "B", "C", "D", type="multi"),
        mcq("a", "B", "D", type="multi"),
        {"order": [3, 1, 0, 2]},
        [1, 3],
    )
    assert (out.answer, out.entry) == ([1, 2], None)  # C was shown: the slot stays
    out = carry(mcq("A", "B", "C"), mcq("C", "B", "A", "D"), {"order": [2, 0, 1]}, 2)
    assert (out.answer, out.entry["order"]) == (0, [0, 2, 1])
    with pytest.raises(InvalidResponse, match="« C »"):
        carry(mcq("A", "B", "C", "D"), mcq("A", "B", "D"), {"order": []}, 2)
    # Matching: prompts by their text, matches stored as text.
    old = QuestionData(type="matching", stem="?", pairs=[("p", "1"), ("q", "2"), ("", "3")])
    new = QuestionData(type="matching", stem="?", pairs=[("q", "2"), ("p", "1"), ("", "3")])
    out = carry(old, new, {"order": [2, 0, 1]}, {"0": "1", "1": "1"})
    assert out.answer == {"1": "1", "0": "1"} and out.entry["order"] == [2, 1, 0]
    # Cloze: a choice blank's options by their text.
    blank = QuestionData(
        type="cloze", stem="{1}", blanks=[Blank("mcq", [Answer("x"), Answer("y")])]
    )
    moved = QuestionData(
        type="cloze", stem="{1}", blanks=[Blank("mcq", [Answer("y"), Answer("x")])]
    )
    out = carry(blank, moved, {"blank_orders": [[1, 0]]}, [0])
    assert out.answer == [1] and out.entry["blank_orders"] == [[0, 1]]


def test_a_layout_naming_a_missing_option_still_renders():
    """A slot that an earlier regrade pointed at a version with fewer options: the
    option that is not there is not shown, nor chosen, and the others keep their places."""
    data = QuestionData(
        type="mcq", stem="?", answers=[Answer("A", 1.0), Answer("B", 0.0), Answer("D", 0.0)]
    )
    entry = {"order": [3, 0, 2, 1], "mark": 1.0}
    view = question_view(data, entry, 0, 3)
    assert [(c.value, c.text) for c in view.choices] == [("1", "A"), ("2", "D"), ("3", "B")]
    assert view.value is None
    feedback = feedback_for(
        data, entry, None, show_outcome=True, show_answers=True, show_explanation=False
    )
    assert feedback.right_positions == ["1"]
