"""Regrading after the teacher fixes a key: dry run, apply, record, and the page and CLI."""

from __future__ import annotations

import pytest
from conftest import post
from test_reports import build_world

from quizapp.extensions import db
from quizapp.models import Attempt, Regrade, Response
from quizapp.questiondata import Answer
from quizapp.reports.regrade import apply_regrade, plan_regrade
from quizapp.services.banks import edit_question


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
    assert "Aucune note ne changerait" in html and "4 tentative(s) modifiée(s)" in html


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
