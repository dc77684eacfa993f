"""A learner's data rights: the export of everything held about them, the erasure that
leaves anonymous rows with the same statistics, the retention purge, the audit log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import PASSWORD, csrf_token, make_bank, make_class, make_quiz, make_user, post
from test_reports import build_world

from quizapp.cli.learners import erase_learner_command, export_learner_command, purge_command
from quizapp.cli.reports import stats_command
from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.extensions import db
from quizapp.models import Attempt, AuditEvent, Membership, Response, ReviewCard, ReviewLog, User
from quizapp.models.base import utcnow
from quizapp.reports.analysis import analyse, to_json
from quizapp.reports.data import Filters, quiz_report
from quizapp.reports.gradebook import class_gradebook
from quizapp.services import attempts, learners


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)))


def figures(world, runner) -> dict:
    """Every statistic a teacher reads about the world's quiz and class."""
    quiz, school_class = world["quiz"], world["class"]
    report = quiz_report(quiz)
    by_class = quiz_report(quiz, Filters(class_id=school_class.id))
    book = class_gradebook(school_class)
    stats = runner.invoke(stats_command, [str(quiz.id), "--json"])
    assert stats.exit_code == 0, stats.output
    return {
        "summary": report.summary(),
        "class_summary": by_class.summary(),
        "marks": sorted(tuple(sorted(r.marks.items())) for r in report.attempts),
        "items": {on: to_json(analyse(quiz, on)) for on in ("counted", "first", "all")},
        "gradebook": sorted((tuple(sorted(r.grades.items())), r.average) for r in book.rows),
        "stats_cli": json.loads(stats.output),
    }


def test_an_erased_learner_leaves_anonymous_rows_with_the_same_statistics(app, runner):
    world = build_world()
    before = figures(world, runner)
    alice_id = world["alice"].id
    learners.erase_learner(world["alice"], None)
    db.session.commit()
    db.session.rollback()

    assert figures(world, runner) == before
    alice = db.session.get(User, alice_id)
    assert alice.username == f"~erased-{alice_id}" and alice.email is None
    assert alice.display_name == "" and not alice.active and alice.erased_at is not None
    assert (
        db.session.scalar(
            db.select(db.func.count(Attempt.id)).where(Attempt.student_id == alice_id)
        )
        == 2
    )
    names = {r.student_id: r.name for r in quiz_report(world["quiz"]).rows}
    assert names[alice_id] == "élève supprimé"
    assert "Alice Martin" not in json.dumps([r.name for r in quiz_report(world["quiz"]).rows])


def test_the_report_pages_show_an_erased_learner_as_anonymous(app, client, auth):
    world = build_world()
    learners.erase_learner(world["alice"], None)
    db.session.commit()
    auth.login("prof")
    for url in (f"/reports/quizzes/{world['quiz'].id}", f"/reports/classes/{world['class'].id}"):
        page = client.get(url).get_data(as_text=True)
        assert "élève supprimé" in page and "Alice Martin" not in page
        assert "alice</" not in page
    csv = client.get(f"/reports/quizzes/{world['quiz'].id}/export?format=csv")
    assert csv.status_code == 200
    assert "élève supprimé" in csv.get_data(as_text=True)
    assert "Alice Martin" not in csv.get_data(as_text=True)


def _practised_student():
    """Zoé took a quiz with an essay (a free text naming her) and has practice cards."""
    teacher = make_user("teacher", "prof")
    zoe = make_user("student", "zoe", display_name="Zoé Lefort", email="zoe@example.org")
    school_class = make_class(teacher, "4e A", students=[zoe])
    essay = QuestionData(type="essay", stem="Racontez votre week-end.")
    mcq = QuestionData(
        type="mcq", stem="Quelle ville ?", answers=[Answer("Lyon", 1.0), Answer("Nantes", 0.0)]
    )
    bank = make_bank(teacher, [mcq, essay], name="Rédaction")
    quiz = make_quiz(teacher, bank, [school_class], title="Écrire", shuffle_options=False)
    attempt = attempts.start_or_resume(quiz, zoe)
    attempts.save_answer(attempt, 0, 0)
    attempts.save_answer(attempt, 1, "Je suis Zoé Lefort, j'habite 3 rue des Tilleuls.")
    db.session.commit()
    attempts.submit(attempt)
    return zoe, quiz, attempt


def test_erasure_takes_the_personal_data_and_keeps_marks(app):
    zoe, quiz, attempt = _practised_student()
    zoe_id = zoe.id
    assert db.session.scalar(db.select(db.func.count(ReviewCard.id))) > 0
    marks = [(r.slot, r.mark, r.fraction) for r in attempt.responses]
    plan = learners.erasure_plan(zoe)
    assert (plan.attempts, plan.free_texts, plan.classes) == (1, 1, 1)

    learners.erase_learner(zoe, None)
    db.session.commit()
    db.session.rollback()

    assert db.session.scalar(db.select(db.func.count(ReviewCard.id))) == 0
    assert db.session.scalar(db.select(db.func.count(ReviewLog.id))) == 0
    responses = db.session.scalars(db.select(Response).order_by(Response.slot)).all()
    assert [(r.slot, r.mark, r.fraction) for r in responses] == marks
    assert responses[0].answer == 0  # a choice says nothing about its author
    assert responses[1].answer is None  # the essay's text is gone
    assert db.session.scalar(db.select(Membership.id).where(Membership.student_id == zoe_id))
    user = db.session.get(User, zoe_id)
    assert not user.check_password(PASSWORD) and user.email is None
    event = events("learner_erase")[0]
    assert (event.target_id, event.target_label) == (zoe_id, "zoe")


def test_an_erased_account_cannot_log_in_and_its_id_is_never_given_again(app, client, auth):
    zoe, *_ = _practised_student()
    zoe_id = zoe.id
    learners.erase_learner(zoe, None)
    db.session.commit()
    assert auth.login("zoe").status_code == 200  # the login form again, refused
    assert auth.login(f"~erased-{zoe_id}").status_code == 200  # the form again, refused
    newcomer = make_user("student", "zoe")  # the username is free again, the id is not
    assert newcomer.id > zoe_id
    assert db.session.get(User, zoe_id).erased_at is not None


def test_erasure_is_all_or_nothing(app, monkeypatch):
    zoe, *_ = _practised_student()
    zoe_id = zoe.id

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(learners.audit, "record", broken)
    with pytest.raises(RuntimeError):
        learners.erase_learner(zoe, None)
    db.session.rollback()
    user = db.session.get(User, zoe_id)
    assert user.username == "zoe" and user.erased_at is None
    assert db.session.scalar(db.select(db.func.count(ReviewCard.id))) > 0


# --- the admin's erase page -----------------------------------------------------------
def test_the_erase_page_says_what_goes_then_erases_on_post(app, client, auth):
    zoe, *_ = _practised_student()
    make_user("admin", "admin")
    auth.login("admin")
    page = client.get(f"/admin/users/{zoe.id}/erase")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "zoe" in text and "1 tentatives" in text and "Supprimer définitivement" in text
    assert db.session.get(User, zoe.id).erased_at is None  # the GET changed nothing
    assert client.post(f"/admin/users/{zoe.id}/erase").status_code == 400  # no CSRF token
    done = post(client, f"/admin/users/{zoe.id}/erase", token_from="/admin/users")
    assert done.status_code == 302
    db.session.rollback()
    assert db.session.get(User, zoe.id).erased_at is not None
    assert "élève supprimé" in client.get("/admin/users").get_data(as_text=True)
    assert client.get(f"/admin/users/{zoe.id}/erase").status_code == 404  # already gone


@pytest.mark.parametrize("actor, status", [("prof", 403), ("zoe", 403), ("admin", 200)])
def test_only_an_admin_opens_the_erase_page(app, client, auth, actor, status):
    zoe, *_ = _practised_student()
    make_user("admin", "admin")
    auth.login(actor)
    assert client.get(f"/admin/users/{zoe.id}/erase").status_code == status


def test_a_teacher_who_owns_classes_is_not_erased(app, client, auth):
    _practised_student()
    prof = db.session.scalar(db.select(User).where(User.username == "prof"))
    admin = make_user("admin", "admin")
    auth.login("admin")
    response = post(client, f"/admin/users/{prof.id}/erase", token_from="/admin/users")
    assert response.status_code == 302
    page = client.get("/admin/users").get_data(as_text=True)
    assert "transférez-les d’abord" in page
    db.session.rollback()
    assert db.session.get(User, prof.id).erased_at is None
    own = post(client, f"/admin/users/{admin.id}/erase", token_from="/admin/users")
    assert own.status_code == 302
    assert "votre propre compte" in client.get("/admin/users").get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(User, admin.id).erased_at is None


# --- export --------------------------------------------------------------------------
def test_a_student_downloads_everything_held_about_them(app, client, auth):
    zoe, quiz, _ = _practised_student()
    auth.login("zoe")
    response = client.get("/account/export?format=json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["username"] == "zoe"
    assert data["account"]["email"] == "zoe@example.org"
    assert data["classes"][0]["name"] == "4e A"
    (attempt,) = data["attempts"]
    assert attempt["quiz"] == "Écrire" and attempt["state"] == "submitted"
    assert attempt["score"] == 1.0 and attempt["percent"] == 50.0
    assert [a["question"] for a in attempt["answers"]] == [
        "Quelle ville ?",
        "Racontez votre week-end.",
    ]
    assert "3 rue des Tilleuls" in attempt["answers"][1]["answer"]
    assert data["practice"] and data["practice"][0]["reviews"]
    html = client.get("/account/export?format=html")
    assert html.status_code == 200 and "text/html" in html.headers["Content-Type"]
    text = html.get_data(as_text=True)
    assert "Écrire" in text and "Zoé Lefort" in text and "4e A" in text
    assert client.get("/account/export?format=xml").status_code == 404
    db.session.rollback()
    assert [(e.actor_name, e.target_id) for e in events("learner_export")] == [("zoe", zoe.id)] * 2


@pytest.mark.parametrize("actor, status", [("prof", 403), ("other", 403), ("admin", 200)])
def test_only_an_admin_exports_another_learner(app, client, auth, actor, status):
    zoe, *_ = _practised_student()
    make_user("admin", "admin")
    make_user("student", "other")
    auth.login(actor)
    response = client.get(f"/admin/users/{zoe.id}/export?format=json")
    assert response.status_code == status
    if status == 200:
        assert json.loads(response.get_data(as_text=True))["account"]["username"] == "zoe"


def test_the_account_page_changes_the_display_name(app, client, auth):
    make_user("student", "zoe", display_name="Zoé")
    auth.login("zoe")
    page = client.get("/account").get_data(as_text=True)
    assert "/account/export?format=json" in page and "/account/password" in page
    response = post(client, "/account", {"display_name": "  Zoé L.  "}, token_from="/account")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalar(db.select(User.display_name).where(User.username == "zoe")) == "Zoé L."
    too_long = post(client, "/account", {"display_name": "x" * 121}, token_from="/account")
    assert too_long.status_code == 200 and "x" * 121 in too_long.get_data(as_text=True)
    db.session.rollback()
    assert db.session.scalar(db.select(User.display_name).where(User.username == "zoe")) == "Zoé L."


# --- the command line ------------------------------------------------------------------
def test_export_learner_command(app, runner, tmp_path):
    _practised_student()
    out = tmp_path / "zoe.json"
    result = runner.invoke(export_learner_command, ["zoe", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["account"]["username"] == "zoe"
    html = runner.invoke(export_learner_command, ["zoe", "--format", "html"])
    assert html.exit_code == 0 and "Écrire" in html.output
    missing = runner.invoke(export_learner_command, ["nobody"])
    assert missing.exit_code == 1 and "no account named 'nobody'" in missing.output
    assert "Traceback" not in missing.output
    assert len(events("learner_export")) == 2


def test_erase_learner_command_dry_run_then_erase(app, runner):
    zoe, *_ = _practised_student()
    dry = runner.invoke(erase_learner_command, ["zoe", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would erase zoe" in dry.output and "1 attempt" in dry.output
    db.session.rollback()
    assert db.session.get(User, zoe.id).erased_at is None and not events("learner_erase")
    done = runner.invoke(erase_learner_command, ["zoe"])
    assert done.exit_code == 0 and "erased zoe" in done.output
    db.session.rollback()
    assert db.session.get(User, zoe.id).erased_at is not None
    again = runner.invoke(erase_learner_command, ["zoe"])
    assert again.exit_code == 1 and "Traceback" not in again.output
    teacher = runner.invoke(erase_learner_command, ["prof"])
    assert teacher.exit_code == 1 and "transférez" in teacher.output


def _age(username: str, *, days: int, logged_in: bool = True) -> None:
    user = db.session.scalar(db.select(User).where(User.username == username))
    then = utcnow() - timedelta(days=days)
    user.created_at = then
    user.last_login_at = then if logged_in else None
    db.session.commit()


def test_purge_erases_students_unused_for_the_retention_period(app, runner):
    world = build_world()  # alice bob chloe dan, all with a quiz
    _age("alice", days=400)
    _age("bob", days=400, logged_in=False)
    _age("chloe", days=100)
    _age("prof", days=900)  # teachers are not purged
    before = quiz_report(world["quiz"]).summary()
    dry = runner.invoke(purge_command, ["--dry-run", "--months", "12"])
    assert dry.exit_code == 0, dry.output
    assert "would erase 2 accounts" in dry.output
    assert "alice" in dry.output and "bob" in dry.output and "chloe" not in dry.output
    db.session.rollback()
    assert (
        db.session.scalar(db.select(db.func.count(User.id)).where(User.erased_at.is_not(None))) == 0
    )

    app.config["RETENTION_MONTHS"] = 12
    done = runner.invoke(purge_command, [])
    assert done.exit_code == 0 and "erased 2 accounts" in done.output
    db.session.rollback()
    erased = db.session.scalars(db.select(User.id).where(User.erased_at.is_not(None))).all()
    assert sorted(erased) == sorted([world["alice"].id, world["bob"].id])
    assert quiz_report(world["quiz"]).summary() == before
    assert len(events("purge")) == 2
    assert "erased 0 accounts" in runner.invoke(purge_command, []).output


def test_purge_without_a_retention_period_says_so(app, runner):
    result = runner.invoke(purge_command, ["--dry-run"])
    assert result.exit_code == 1
    assert "QUIZAPP_RETENTION_MONTHS" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("value, months", [("", None), ("18", 18)])
def test_the_retention_setting(monkeypatch, value, months):
    from quizapp.config import retention_months

    monkeypatch.setenv("QUIZAPP_RETENTION_MONTHS", value)
    assert retention_months() == months


@pytest.mark.parametrize("value", ["0", "-3", "douze"])
def test_a_wrong_retention_setting_is_one_readable_line(monkeypatch, value):
    from quizapp.config import ConfigError, retention_months

    monkeypatch.setenv("QUIZAPP_RETENTION_MONTHS", value)
    with pytest.raises(ConfigError, match="QUIZAPP_RETENTION_MONTHS must be a whole number"):
        retention_months()


# --- the audit log ---------------------------------------------------------------------
def test_the_admin_reads_the_audit_log_by_action_and_page(app, client, auth):
    from quizapp.services import audit

    admin = make_user("admin", "admin")
    for n in range(audit.PAGE_SIZE + 2):
        audit.record(admin, "learner_export", "user", n, f"eleve{n}")
    audit.record(None, "learner_erase", "user", 999, "effacee")
    db.session.commit()
    auth.login("admin")
    first = client.get("/admin/audit").get_data(as_text=True)
    assert "effacee" in first and "ligne de commande" in first
    assert "Effacement d’un élève" in first and "learner_erase<" not in first
    assert "page=2" in first
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "eleve0<" in second or "eleve0 " in second
    only = client.get("/admin/audit?action=learner_erase").get_data(as_text=True)
    assert "effacee" in only and "eleve1" not in only
    assert client.get("/admin/audit?action=nothing").status_code == 404


@pytest.mark.parametrize("actor", ["prof", "zoe"])
def test_the_audit_log_is_the_admins_only(app, client, auth, actor):
    _practised_student()
    auth.login(actor)
    assert client.get("/admin/audit").status_code == 403


def test_the_erase_button_needs_a_csrf_token(app, client, auth):
    zoe, *_ = _practised_student()
    make_user("admin", "admin")
    auth.login("admin")
    csrf_token(client, "/admin/users")
    assert client.post(f"/admin/users/{zoe.id}/erase", data={}).status_code == 400


def test_the_download_withholds_marks_until_the_quiz_shows_them(app, client, auth):
    """A running attempt, or one whose quiz shows right and wrong only after it closes:
    the download holds the answers given but says nothing of which are right."""
    teacher = make_user("teacher", "prof")
    lea = make_user("student", "lea")
    school_class = make_class(teacher, "4e A", students=[lea])
    mcq = QuestionData(
        type="mcq", stem="Quelle ville ?", answers=[Answer("Lyon", 1.0), Answer("Nantes", 0.0)]
    )
    bank = make_bank(teacher, [mcq], name="Villes")
    quiz = make_quiz(
        teacher,
        bank,
        [school_class],
        title="Villes",
        shuffle_options=False,
        show_correctness="after_close",
        closes_at=utcnow() + timedelta(days=1),
    )
    attempt = attempts.start_or_resume(quiz, lea)
    attempts.save_answer(attempt, 0, 0)
    db.session.commit()
    auth.login("lea")

    def downloaded():
        (taken,) = json.loads(client.get("/account/export?format=json").get_data(as_text=True))[
            "attempts"
        ]
        return taken

    running = downloaded()
    assert running["withheld"] is True and running["score"] is None
    assert running["answers"][0]["answer"] == 0
    assert running["answers"][0]["fraction"] is None and running["answers"][0]["mark"] is None
    attempts.submit(db.session.get(Attempt, attempt.id))
    db.session.commit()
    submitted = downloaded()
    assert submitted["withheld"] is True and submitted["answers"][0]["fraction"] is None
    page = client.get("/account/export?format=html").get_data(as_text=True)
    assert "quand le quiz permettra de les voir" in page

    quiz.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    closed = downloaded()
    assert closed["withheld"] is False and closed["score"] == 1.0
    assert closed["answers"][0]["fraction"] == 1.0
