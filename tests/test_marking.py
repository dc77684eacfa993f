"""Marking by hand: essays wait for a teacher, whose marks reach the attempt's score,
the report page, the CSV/XLSX/PDF exports and ``quizapp stats``; the student reads
the mark and comment as the review settings allow; a short answer the grader refused
can be accepted for everyone who gave it."""

from __future__ import annotations

import io
import json

import pytest
from conftest import make_bank, make_class, make_quiz, make_user, post
from test_reports_exports import pdf_text, read_csv

from quizapp.display.i18n import format_percent
from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.extensions import db
from quizapp.models import Attempt, AuditEvent, Question, QuizQuestion, Regrade, Response
from quizapp.reports.exports import export_quiz
from quizapp.reports.regrade import apply_regrade
from quizapp.services import attempts, marking
from quizapp.services.accounts import join_class

ESSAY = "Pourquoi la rencontre de Valcourt compte-t-elle pour la région ?"
SHORT = "Dans quelle ville les ministres se sont-ils retrouvés ?"


def questions():
    return [
        QuestionData(
            type="mcq",
            stem="Quel pays accueillait le sommet de Valcourt ?",
            answers=[Answer("Norlande", 1.0), Answer("Sudavie", 0.0)],
        ),
        QuestionData(type="short", stem=SHORT, answers=[Answer("Valcourt", 1.0)]),
        QuestionData(type="essay", stem=ESSAY),
    ]


def take(quiz, student, answers):
    attempt = attempts.start_or_resume(quiz, student)
    for slot, raw in enumerate(answers):
        if raw is not None:
            attempts.save_answer(attempt, slot, raw)
    db.session.commit()
    return attempts.submit(attempt)


@pytest.fixture
def world(app):
    """Quiz of three questions (mcq 1 pt, short 1 pt, essay 2 pts): Léane and Tomas
    answered the mcq right, the short answer « Val-Court » (refused) and an essay."""
    teacher = make_user("teacher", "prof")
    leane = make_user("student", "leane", display_name="Léane Fournel")
    tomas = make_user("student", "tomas", display_name="Tomas Brival")
    school_class = make_class(teacher, students=[leane, tomas])
    bank = make_bank(teacher, questions())
    quiz = make_quiz(
        teacher, bank, [school_class], title="Sommet de Valcourt", shuffle_options=False
    )
    essay_slot = db.session.scalar(
        db.select(QuizQuestion).where(QuizQuestion.quiz_id == quiz.id, QuizQuestion.position == 2)
    )
    essay_slot.mark = 2.0
    db.session.commit()
    a1 = take(quiz, leane, [0, "Val-Court", "Parce que les deux pays y ont signé un accord."])
    a2 = take(quiz, tomas, [0, "Val-Court", "Elle ouvre la frontière."])
    return {
        "teacher": teacher,
        "leane": leane,
        "tomas": tomas,
        "quiz": quiz,
        "bank": bank,
        "attempts": (a1.id, a2.id),
        "essay_question": bank.questions[2].id,
        "short_question": bank.questions[1].id,
    }


def essay_url(world, n=0):
    return f"/teacher/quizzes/{world['quiz'].id}/marking/{world['attempts'][n]}/2"


def stored(attempt_id: int) -> Attempt:
    db.session.rollback()
    return db.session.get(Attempt, attempt_id)


def test_an_essay_waits_and_the_result_page_says_so(world, client, auth):
    attempt = stored(world["attempts"][0])
    essay = next(r for r in attempt.responses if r.slot == 2)
    assert essay.mark is None and attempt.score == 1.0 and attempt.max_score == 4.0
    assert marking.waiting_counts([world["quiz"].id]) == {world["quiz"].id: 2}
    auth.login("leane")
    html = client.get(f"/attempts/{attempt.id}/result").get_data(as_text=True)
    assert "en attente de correction" in html
    assert "1 / 2 sur les points déjà corrigés" in html  # the 2 essay points are not counted
    assert "Réussi" not in html and "Pas encore réussi" not in html
    # The quiz page and the history say so too, instead of 25 % as if it were final.
    quiz_page = client.get(f"/student/quizzes/{world['quiz'].id}").get_data(as_text=True)
    shown_as_final = format_percent(25.0)
    assert "en attente de correction" in quiz_page and shown_as_final not in quiz_page
    history = client.get("/student/history").get_data(as_text=True)
    assert "en attente de correction" in history and shown_as_final not in history


def test_a_blank_essay_scores_zero_and_does_not_wait(world):
    student = make_user("student", "ines")
    join_class(student, world["quiz"].assignments[0].school_class)
    db.session.commit()
    attempt = take(world["quiz"], student, [0, "Valcourt", "   "])
    essay = next(r for r in stored(attempt.id).responses if r.slot == 2)
    assert essay.mark == 0.0 and marking.provisional(stored(attempt.id)) is None


def test_a_mark_reaches_the_score_the_report_the_exports_and_stats(world, client, auth, app):
    quiz, first = world["quiz"], world["attempts"][0]
    auth.login("prof")
    before = client.get(f"/reports/quizzes/{quiz.id}").get_data(as_text=True)
    assert "rendu, en attente de correction" in before and "à corriger" in before
    rows = read_csv(export_quiz(quiz, "csv").data)
    assert rows[1][3] == "rendu, en attente de correction" and rows[1][-1] == "à corriger"
    stats = json.loads(app.test_cli_runner().invoke(args=["stats", str(quiz.id), "--json"]).output)
    assert stats["waiting"] == 2 and stats["quiz"]["mean"] == 1.0

    response = post(client, essay_url(world), {"mark": "1,5", "comment": "Bonne idée."})
    # saved, then on to the other essay waiting
    assert response.status_code == 302 and response.headers["Location"].endswith(
        essay_url(world, 1)
    )
    attempt = stored(first)
    essay = next(r for r in attempt.responses if r.slot == 2)
    assert (essay.mark, essay.fraction, essay.comment) == (1.5, 0.75, "Bonne idée.")
    assert essay.marked_by_id == world["teacher"].id and essay.marked_at is not None
    assert attempt.score == 2.5

    page = client.get(f"/reports/quizzes/{quiz.id}").get_data(as_text=True)
    assert "2,5 / 4" in page
    rows = read_csv(export_quiz(quiz, "csv").data)
    leane = next(r for r in rows if r[0] == "leane")
    assert leane[3] == "rendu" and leane[7] == "2.5" and leane[9] == "62.5" and leane[-1] == "1.5"
    tomas = next(r for r in rows if r[0] == "tomas")
    assert tomas[3] == "rendu, en attente de correction"
    book = pytest.importorskip("openpyxl").load_workbook(io.BytesIO(export_quiz(quiz, "xlsx").data))
    sheet = book["Élèves"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    leane_row = next(r for r in values if r[0] == "leane")
    assert leane_row[7] == 2.5 and leane_row[-1] == 1.5
    assert "62,5" in pdf_text(export_quiz(quiz, "pdf").data)
    result = app.test_cli_runner().invoke(args=["stats", str(quiz.id), "--json"])
    stats = json.loads(result.output)
    assert stats["waiting"] == 1 and stats["quiz"]["mean"] == pytest.approx((2.5 + 1.0) / 2)
    table = app.test_cli_runner().invoke(args=["stats", str(quiz.id)])
    assert "mean 1.75 / 4" in table.output and "1 answers waiting" in table.output


@pytest.mark.parametrize(
    ("setting", "shown"), [("after_submit", True), ("immediately", True), ("never", False)]
)
def test_the_student_sees_the_mark_and_comment_as_the_review_settings_allow(
    world, client, auth, setting, shown
):
    auth.login("prof")
    post(client, essay_url(world), {"mark": "2", "comment": "Très bien argumenté."})
    auth.logout()
    db.session.rollback()  # a fresh transaction, after the requests' writes
    world["quiz"].show_correctness = setting
    db.session.commit()
    auth.login("leane")
    html = client.get(f"/attempts/{world['attempts'][0]}/result").get_data(as_text=True)
    assert ("Très bien argumenté." in html) is shown
    assert ("2 / 2 points" in html) is shown
    assert "en attente de correction" not in html


def test_a_bad_mark_keeps_what_was_typed_and_says_why(world, client, auth):
    auth.login("prof")
    response = post(client, essay_url(world), {"mark": "5", "comment": "Trop généreux"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "La note doit être comprise entre 0 et 2." in html
    assert 'value="5"' in html and "Trop généreux" in html
    response = post(client, essay_url(world), {"mark": "beaucoup"})
    assert "Note attendue : un nombre entre 0 et 2." in response.get_data(as_text=True)
    assert next(r for r in stored(world["attempts"][0]).responses if r.slot == 2).mark is None


def test_all_answers_to_one_question_at_once(world, client, auth):
    a1, a2 = world["attempts"]
    url = f"/teacher/quizzes/{world['quiz'].id}/marking/questions/{world['essay_question']}"
    auth.login("prof")
    page = client.get(url).get_data(as_text=True)
    assert "Elle ouvre la frontière." in page and "signé un accord" in page
    bad = post(client, url, {f"mark-{a1}-2": "1", f"mark-{a2}-2": "-1", f"comment-{a2}-2": "Hum"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "La note doit être comprise entre 0 et 2." in html
    assert 'value="-1"' in html and "Hum" in html
    assert [r.mark for r in stored(a1).responses if r.slot == 2] == [None]  # all or nothing
    good = post(client, url, {f"mark-{a1}-2": "1", f"mark-{a2}-2": "", f"comment-{a2}-2": ""})
    assert good.status_code == 302
    assert [r.mark for r in stored(a1).responses if r.slot == 2] == [1.0]
    assert [r.mark for r in stored(a2).responses if r.slot == 2] == [None]  # left empty: waits
    # marked again
    post(client, url, {f"mark-{a1}-2": "2", f"mark-{a2}-2": "0,5"})
    assert stored(a1).score == 3.0 and stored(a2).score == 1.5
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "mark")).all()
    assert sorted(e.details["new_mark"] for e in events) == [0.5, 1.0, 2.0]


def test_the_marking_page_lists_what_waits_with_links_from_the_teacher_pages(world, client, auth):
    quiz = world["quiz"]
    auth.login("prof")
    page = client.get(f"/teacher/quizzes/{quiz.id}/marking").get_data(as_text=True)
    assert "2 réponses à corriger" in page and essay_url(world) in page
    assert "Val-Court" in page and "accepter cette réponse pour tous" in page
    assert "2 réponses à corriger" in client.get("/classes").get_data(as_text=True)
    assert f"/teacher/quizzes/{quiz.id}/marking" in client.get("/teacher/quizzes").get_data(
        as_text=True
    )
    report = client.get(f"/reports/quizzes/{quiz.id}").get_data(as_text=True)
    assert "Correction : 2 réponses à corriger" in report


def test_accepting_a_refused_answer_for_everyone_regrades(world, client, auth):
    quiz, qid = world["quiz"], world["short_question"]
    url = f"/teacher/quizzes/{quiz.id}/marking/questions/{qid}/accept"
    auth.login("prof")
    confirm = client.get(url, query_string={"answer": "Val-Court"}).get_data(as_text=True)
    assert "2 réponses refusées de ce quiz sont corrigées à nouveau" in confirm
    assert post(client, url, {"answer": "Val-Court"}).status_code == 302
    db.session.rollback()
    question = db.session.get(Question, qid)
    texts = [a["text"] for a in question.current_version.data["answers"]]
    assert texts == ["Valcourt", "Val-Court"]
    assert len(question.versions) == 2
    assert [stored(a).score for a in world["attempts"]] == [2.0, 2.0]
    regrade = db.session.scalar(db.select(Regrade).where(Regrade.quiz_id == quiz.id))
    assert regrade.question_id == qid and regrade.attempts_changed == 2
    actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["accept_answer", "regrade"]
    history = client.get(f"/reports/quizzes/{quiz.id}/regrade").get_data(as_text=True)
    assert "2 tentatives modifiées" in history
    # nothing refused any more
    assert "Val-Court" not in client.get(f"/teacher/quizzes/{quiz.id}/marking").get_data(
        as_text=True
    )


def test_an_answer_nobody_gave_or_a_non_short_question_is_not_accepted(world, client, auth):
    quiz = world["quiz"]
    auth.login("prof")
    url = f"/teacher/quizzes/{quiz.id}/marking/questions/{world['short_question']}/accept"
    response = post(client, url, {"answer": "Paris"}, follow_redirects=True)
    assert "Aucune réponse refusée « Paris » à cette question." in response.get_data(as_text=True)
    essay = f"/teacher/quizzes/{quiz.id}/marking/questions/{world['essay_question']}/accept"
    response = client.get(essay, query_string={"answer": "x"}, follow_redirects=True)
    assert "Seules les réponses courtes" in response.get_data(as_text=True)
    db.session.rollback()
    assert len(db.session.get(Question, world["short_question"]).versions) == 1


def test_a_regrade_keeps_the_marks_given_by_hand(world, client, auth):
    a1 = world["attempts"][0]
    auth.login("prof")
    # the teacher overrides the grader on the short answer: half a point
    post(client, f"/teacher/quizzes/{world['quiz'].id}/marking/{a1}/1", {"mark": "0.5"})
    apply_regrade(world["quiz"], world["teacher"])
    short = next(r for r in stored(a1).responses if r.slot == 1)
    assert short.mark == 0.5


ACTIONS = {
    "owner": 302,
    "admin": 302,
    "other_teacher": 404,
    "student": 403,
}


@pytest.mark.parametrize("actor", sorted(ACTIONS))
def test_each_action_for_every_role(world, client, auth, actor):
    make_user("teacher", "other_teacher")
    make_user("admin", "admin")
    quiz, a2 = world["quiz"], world["attempts"][1]
    name = {"owner": "prof", "student": "leane"}.get(actor, actor)
    auth.login(name)
    base = f"/teacher/quizzes/{quiz.id}/marking"
    want = ACTIONS[actor]
    assert post(client, essay_url(world), {"mark": "1"}).status_code == want
    q = f"{base}/questions/{world['essay_question']}"
    assert post(client, q, {f"mark-{a2}-2": "2"}).status_code == want
    accept = f"{base}/questions/{world['short_question']}/accept"
    assert post(client, accept, {"answer": "Val-Court"}).status_code == want
    db.session.rollback()
    essays = db.session.scalars(
        db.select(Response.mark).where(Response.slot == 2).order_by(Response.attempt_id)
    ).all()
    shorts = db.session.scalars(
        db.select(Response.mark).where(Response.slot == 1).order_by(Response.attempt_id)
    ).all()
    if want == 302:
        assert essays == [1.0, 2.0] and shorts == [1.0, 1.0]
    else:
        assert essays == [None, None] and shorts == [0.0, 0.0]


def test_marking_posts_need_a_csrf_token(world, client, auth):
    auth.login("prof")
    assert client.post(essay_url(world), data={"mark": "1"}).status_code == 400
    url = f"/teacher/quizzes/{world['quiz'].id}/marking/questions/{world['essay_question']}"
    assert client.post(url, data={}).status_code == 400
