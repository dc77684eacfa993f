"""What a teacher owns, from start to end: rename, archive, restore, delete (with what
goes and what refuses to), copy, move; the lists' filters; a new school year; the
admin's counts and hand-over; ``quizapp archive``; and the student's side of it."""

from __future__ import annotations

import json

import pytest
from conftest import make_bank, make_class, make_quiz, make_user, post

from quizapp.extensions import db
from quizapp.models import (
    Article,
    Attempt,
    AuditEvent,
    Bank,
    BankShare,
    Membership,
    Question,
    Quiz,
    QuizAssignment,
    QuizQuestion,
    SchoolClass,
    User,
)
from quizapp.services import attempts


@pytest.fixture
def world(app):
    """Mme Fauvel teaches 2nde A (Ilona, Malo) a quiz both took, and owns a spare
    bank and quiz nobody took; M. Berthier is another teacher."""
    teacher = make_user("teacher", "fauvel")
    make_user("teacher", "berthier")
    ilona, malo = make_user("student", "ilona"), make_user("student", "malo")
    school_class = make_class(teacher, "2nde A", students=[ilona, malo])
    bank = make_bank(teacher, name="Banque du volcan")
    quiz = make_quiz(teacher, bank, [school_class], title="Le volcan")
    for student, answer in ((ilona, 0), (malo, 1)):
        attempt = attempts.start_or_resume(quiz, student)
        attempts.save_answer(attempt, 0, answer)
        attempts.submit(attempt)
    spare_bank = make_bank(teacher, name="Banque des marées")
    spare_quiz = make_quiz(teacher, spare_bank, [school_class], title="Les marées")
    return {
        "teacher": teacher,
        "class": school_class,
        "bank": bank,
        "quiz": quiz,
        "spare_bank": spare_bank,
        "spare_quiz": spare_quiz,
        "ilona": ilona,
    }


def _fresh(model, row_id):
    db.session.rollback()
    return db.session.get(model, row_id)


def _events(action):
    db.session.rollback()
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


# --- archiving changes no figure -----------------------------------------------------
def _figures(app, client, world):
    quiz_csv = client.get(f"/reports/quizzes/{world['quiz'].id}/export?format=csv")
    class_csv = client.get(f"/reports/classes/{world['class'].id}/export?format=csv")
    assert quiz_csv.status_code == class_csv.status_code == 200
    stats = app.test_cli_runner().invoke(args=["stats", str(world["quiz"].id), "--json"])
    assert stats.exit_code == 0, stats.output
    return quiz_csv.data, class_csv.data, json.loads(stats.output)


def test_archiving_the_quiz_and_the_class_changes_no_score_or_statistic(app, client, auth, world):
    auth.login("fauvel")
    before = _figures(app, client, world)
    assert before[2]["quiz"]["attempts"] == 2
    assert b"ilona" in before[1] and b"malo" in before[1]
    quiz_id, class_id = world["quiz"].id, world["class"].id
    assert post(client, f"/teacher/quizzes/{quiz_id}/archive").status_code == 302
    assert post(client, f"/classes/{class_id}/archive").status_code == 302
    assert _fresh(Quiz, quiz_id).archived_at is not None
    assert _fresh(SchoolClass, class_id).archived_at is not None
    assert _figures(app, client, world) == before
    page = client.get(f"/reports/quizzes/{quiz_id}").get_data(as_text=True)
    assert "ilona" in page and "malo" in page


# --- the student's side --------------------------------------------------------------
def test_an_archived_quiz_leaves_the_students_list_refuses_a_new_attempt_and_comes_back(
    client, auth, world
):
    quiz_id = world["quiz"].id
    auth.login("fauvel")
    post(client, f"/teacher/quizzes/{world['spare_quiz'].id}/archive")
    auth.logout()
    auth.login("ilona")
    home = client.get("/student").get_data(as_text=True)
    assert "Le volcan" in home and "Les marées" not in home
    started = post(client, f"/student/quizzes/{world['spare_quiz'].id}/start")
    assert started.status_code == 302 and "/start" not in started.headers["Location"]
    page = client.get(started.headers["Location"]).get_data(as_text=True)
    assert "Ce quiz est archivé : il n&#39;accepte plus de nouvelle tentative." in page
    assert _fresh(Quiz, world["spare_quiz"].id) is not None
    assert not db.session.scalars(
        db.select(Attempt).where(Attempt.quiz_id == world["spare_quiz"].id)
    ).all()
    # Past results stay readable.
    assert client.get(f"/student/quizzes/{quiz_id}").status_code == 200
    auth.logout()
    auth.login("fauvel")
    assert post(client, f"/teacher/quizzes/{world['spare_quiz'].id}/restore").status_code == 302
    auth.logout()
    auth.login("ilona")
    assert "Les marées" in client.get("/student").get_data(as_text=True)


def test_an_attempt_in_progress_may_be_finished_after_the_quiz_is_archived(client, auth, world):
    quiz = world["spare_quiz"]
    running = attempts.start_or_resume(quiz, world["ilona"])
    auth.login("fauvel")
    post(client, f"/teacher/quizzes/{quiz.id}/archive")
    auth.logout()
    auth.login("ilona")
    home = client.get("/student").get_data(as_text=True)
    assert "Les marées" in home  # listed while the attempt runs
    page = client.get(f"/student/quizzes/{quiz.id}").get_data(as_text=True)
    assert "Vous pouvez finir celle qui est en cours." in page
    resumed = post(client, f"/student/quizzes/{quiz.id}/start")
    assert resumed.headers["Location"].endswith(f"/attempts/{running.id}")
    assert post(client, f"/attempts/{running.id}/submit").status_code in (200, 302)
    assert _fresh(Attempt, running.id).state == "submitted"


def test_an_archived_class_leaves_the_students_lists_and_its_code_joins_nothing(
    client, auth, world
):
    code = world["class"].join_code
    make_user("student", "nolan")
    auth.login("fauvel")
    post(client, f"/classes/{world['class'].id}/archive")
    auth.logout()
    auth.login("ilona")
    home = client.get("/student").get_data(as_text=True)
    assert "2nde A" not in home and "Les marées" not in home
    refused = post(client, f"/student/quizzes/{world['spare_quiz'].id}/start")
    assert "/attempts/" not in refused.headers["Location"]
    auth.logout()
    auth.login("nolan")
    post(client, "/student/join", {"join_code": code})
    assert "Ce code ne correspond à aucune classe ouverte." in client.get("/student").get_data(
        as_text=True
    )
    assert _fresh(User, world["ilona"].id) is not None
    assert (
        db.session.scalar(
            db.select(db.func.count(Membership.id)).where(Membership.class_id == world["class"].id)
        )
        == 2
    )


# --- delete: what goes, and what refuses to ---------------------------------------------
def test_a_quiz_with_attempts_can_only_be_archived(client, auth, world):
    quiz_id = world["quiz"].id
    auth.login("fauvel")
    page = client.get(f"/teacher/quizzes/{quiz_id}/delete").get_data(as_text=True)
    assert "Ce quiz a 2 tentatives" in page and "Archiver à la place" in page
    assert "Supprimer définitivement" not in page
    refused = post(client, f"/teacher/quizzes/{quiz_id}/delete")
    assert refused.status_code == 409
    assert _fresh(Quiz, quiz_id) is not None
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 2
    assert _events("delete") == []


def test_deleting_a_quiz_without_attempts_says_what_goes_and_removes_it(client, auth, world):
    quiz_id = world["spare_quiz"].id
    auth.login("fauvel")
    page = client.get(f"/teacher/quizzes/{quiz_id}/delete").get_data(as_text=True)
    assert "7 questions choisies" in page and "2nde A" in page
    assert post(client, f"/teacher/quizzes/{quiz_id}/delete").status_code == 302
    assert _fresh(Quiz, quiz_id) is None
    assert not db.session.scalars(
        db.select(QuizQuestion).where(QuizQuestion.quiz_id == quiz_id)
    ).all()
    assert not db.session.scalars(
        db.select(QuizAssignment).where(QuizAssignment.quiz_id == quiz_id)
    ).all()
    assert db.session.get(Bank, world["spare_bank"].id) is not None  # its bank stays
    [event] = _events("delete")
    assert (event.target_type, event.target_id, event.actor_name) == ("quiz", quiz_id, "fauvel")


def test_a_bank_answered_in_attempts_can_not_be_deleted(client, auth, world):
    auth.login("fauvel")
    bank_id = world["bank"].id
    page = client.get(f"/teacher/banks/{bank_id}/delete").get_data(as_text=True)
    assert "2 tentatives" in page and "Archiver à la place" in page
    assert post(client, f"/teacher/banks/{bank_id}/delete").status_code == 409
    assert _fresh(Bank, bank_id) is not None
    assert len(_fresh(Bank, bank_id).questions) == 7


def test_deleting_a_bank_takes_its_questions_out_of_quizzes_without_attempts(client, auth, world):
    auth.login("fauvel")
    bank_id, quiz_id = world["spare_bank"].id, world["spare_quiz"].id
    page = client.get(f"/teacher/banks/{bank_id}/delete").get_data(as_text=True)
    assert "7 questions, avec toutes leurs versions" in page and "Les marées" in page
    assert post(client, f"/teacher/banks/{bank_id}/delete").status_code == 302
    assert _fresh(Bank, bank_id) is None
    assert not db.session.scalars(db.select(Question).where(Question.bank_id == bank_id)).all()
    quiz = db.session.get(Quiz, quiz_id)
    assert quiz is not None and quiz.bank_id is None and quiz.slots == []


def test_a_class_whose_students_took_its_quizzes_can_not_be_deleted(client, auth, world):
    auth.login("fauvel")
    class_id = world["class"].id
    assert post(client, f"/classes/{class_id}/delete").status_code == 409
    assert _fresh(SchoolClass, class_id) is not None


def test_deleting_a_class_keeps_its_students_accounts(client, auth, world):
    teacher = world["teacher"]
    pupil = make_user("student", "soline")
    school_class = make_class(teacher, "1re C", students=[pupil])
    auth.login("fauvel")
    page = client.get(f"/classes/{school_class.id}/delete").get_data(as_text=True)
    assert "1 élève quitte la classe" in page
    assert post(client, f"/classes/{school_class.id}/delete").status_code == 302
    assert _fresh(SchoolClass, school_class.id) is None
    assert db.session.get(User, pupil.id) is not None


def test_deleting_an_article_keeps_the_banks_made_from_it(client, auth, world):
    article = Article(owner_id=world["teacher"].id, title="Éruption à Tanaval", text="Un texte.")
    db.session.add(article)
    world["bank"].article = article
    db.session.commit()
    auth.login("fauvel")
    page = client.get(f"/teacher/articles/{article.id}/delete").get_data(as_text=True)
    assert "Banque du volcan" in page
    assert post(client, f"/teacher/articles/{article.id}/delete").status_code == 302
    assert _fresh(Article, article.id) is None
    bank = db.session.get(Bank, world["bank"].id)
    assert bank.article_id is None and len(bank.questions) == 7


def test_another_teachers_row_is_a_404_and_a_students_a_403(client, auth, world):
    urls = [
        f"/teacher/quizzes/{world['spare_quiz'].id}/delete",
        f"/teacher/banks/{world['spare_bank'].id}/archive",
        f"/classes/{world['class'].id}/rename",
        "/classes/new-year",
    ]
    make_user("admin", "root")
    auth.login("berthier")
    assert [client.get(u).status_code for u in urls] == [404, 404, 404, 200]
    assert post(client, urls[0]).status_code == 404
    assert _fresh(Quiz, world["spare_quiz"].id) is not None
    auth.logout()
    auth.login("ilona")
    assert [client.get(u).status_code for u in urls] == [403, 403, 403, 403]
    auth.logout()
    auth.login("root")
    assert [client.get(u).status_code for u in urls] == [200, 200, 200, 200]


# --- rename, archive, restore ---------------------------------------------------------
def test_rename_keeps_what_was_typed_when_it_is_refused(client, auth, world):
    auth.login("fauvel")
    class_id = world["class"].id
    response = post(client, f"/classes/{class_id}/rename", {"name": "x" * 130})
    assert response.status_code == 400
    assert "120 caractères au plus." in response.get_data(as_text=True)
    assert "x" * 130 in response.get_data(as_text=True)
    response = post(client, f"/classes/{class_id}/rename", {"name": "  "})
    assert response.status_code == 400
    assert post(client, f"/classes/{class_id}/rename", {"name": "2nde A (2025)"}).status_code == 302
    assert _fresh(SchoolClass, class_id).name == "2nde A (2025)"


def test_archive_and_restore_are_in_the_log_and_the_lists(client, auth, world):
    auth.login("fauvel")
    bank_id = world["spare_bank"].id
    page = client.get(f"/teacher/banks/{bank_id}/archive").get_data(as_text=True)
    assert "Ses questions restent dans les quiz qui les utilisent" in page
    archived = post(client, f"/teacher/banks/{bank_id}/archive")
    assert "est archivé" in client.get(archived.headers["Location"]).get_data(as_text=True)
    active = client.get("/teacher/banks").get_data(as_text=True)
    archived = client.get("/teacher/banks?etat=archives").get_data(as_text=True)
    assert "Banque des marées" not in active and "Banque du volcan" in active
    assert "Banque des marées" in archived and "Banque du volcan" not in archived
    assert post(client, f"/teacher/banks/{bank_id}/restore").status_code == 302
    assert "Banque des marées" in client.get("/teacher/banks").get_data(as_text=True)
    assert [e.target_id for e in _events("archive")] == [bank_id]
    assert [e.target_id for e in _events("restore")] == [bank_id]


# --- copies and moves -----------------------------------------------------------------
def test_a_copied_quiz_has_the_settings_and_questions_but_no_class_date_or_attempt(
    client, auth, world
):
    quiz = world["quiz"]
    quiz.time_limit_minutes, quiz.pass_mark = 20, 60.0
    db.session.commit()
    auth.login("fauvel")
    response = post(client, f"/teacher/quizzes/{quiz.id}/copy")
    copy_id = int(response.headers["Location"].split("/")[-2])
    copy = _fresh(Quiz, copy_id)
    assert copy.title == "Copie de Le volcan" and copy.owner_id == world["teacher"].id
    assert (copy.time_limit_minutes, copy.pass_mark) == (20, 60.0)
    assert [s.question_id for s in copy.slots] == [s.question_id for s in quiz.slots]
    assert copy.assignments == []
    assert (
        db.session.scalar(db.select(db.func.count(Attempt.id)).where(Attempt.quiz_id == copy_id))
        == 0
    )


def test_a_teacher_copies_a_bank_shared_with_them_as_their_own(client, auth, world):
    bank = world["bank"]
    bank.questions[0].status = "rejected"
    berthier = db.session.scalar(db.select(User).where(User.username == "berthier"))
    db.session.add(BankShare(bank_id=bank.id, teacher_id=berthier.id, can_edit=False))
    db.session.commit()
    auth.login("berthier")
    response = post(client, f"/teacher/banks/{bank.id}/copy")
    copy_id = int(response.headers["Location"].rsplit("/", 1)[1])
    copy = _fresh(Bank, copy_id)
    assert copy.name == "Copie de Banque du volcan" and copy.owner_id == berthier.id
    statuses = sorted(q.status for q in copy.questions)
    assert statuses == sorted(q.status for q in db.session.get(Bank, bank.id).questions)
    assert len(copy.questions) == 7 and not {q.id for q in copy.questions} & {
        q.id for q in bank.questions
    }


def test_questions_move_to_another_own_bank_and_stay_in_their_quizzes(client, auth, world):
    source, target = world["spare_bank"], world["bank"]
    moved = [q.id for q in source.questions[:2]]
    auth.login("fauvel")
    page = client.get(f"/teacher/banks/{source.id}").get_data(as_text=True)
    assert "Déplacer les questions cochées" in page
    post(client, f"/teacher/banks/{source.id}/move", {"selected": moved, "target_id": target.id})
    db.session.rollback()
    assert {db.session.get(Question, i).bank_id for i in moved} == {target.id}
    assert len(db.session.get(Bank, source.id).questions) == 5
    slots = db.session.get(Quiz, world["spare_quiz"].id).slots
    assert set(moved) <= {s.question_id for s in slots}


def test_questions_do_not_move_into_a_bank_the_teacher_may_not_change(client, auth, world):
    others = make_bank(make_user("teacher", "vasseur"), name="Banque d’un autre")
    source = world["spare_bank"]
    ids = [source.questions[0].id]
    auth.login("fauvel")
    response = post(
        client, f"/teacher/banks/{source.id}/move", {"selected": ids, "target_id": others.id}
    )
    assert response.status_code == 302
    assert "Choisissez une autre banque" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert _fresh(Question, ids[0]).bank_id == source.id


# --- lists -----------------------------------------------------------------------------
def test_the_quiz_list_searches_in_the_database_and_pages(client, auth, world):
    teacher = world["teacher"]
    db.session.add_all(
        Quiz(owner_id=teacher.id, bank_id=world["bank"].id, title=f"Séisme n°{i:02d}")
        for i in range(30)
    )
    db.session.commit()
    auth.login("fauvel")
    first = client.get("/teacher/quizzes?q=SÉISME").get_data(as_text=True)
    assert first.count("Séisme n°") == 25 and "Le volcan" not in first
    assert "page=2" in first
    second = client.get("/teacher/quizzes?q=séisme&page=2").get_data(as_text=True)
    assert second.count("Séisme n°") == 5
    assert "Le volcan" in client.get("/teacher/quizzes?q=volcan").get_data(as_text=True)
    assert "Aucun quiz archivé." in client.get("/teacher/quizzes?etat=archives").get_data(
        as_text=True
    )


def test_the_class_and_article_lists_filter_archived_rows(client, auth, world):
    teacher = world["teacher"]
    db.session.add(Article(owner_id=teacher.id, title="Marée noire à Port-Sable", text="Texte"))
    db.session.commit()
    auth.login("fauvel")
    assert "Marée noire" in client.get("/teacher/articles?q=noire").get_data(as_text=True)
    client.get(post(client, f"/classes/{world['class'].id}/archive").headers["Location"])
    assert "2nde A" not in client.get("/classes").get_data(as_text=True)
    assert "2nde A" in client.get("/classes?etat=archives").get_data(as_text=True)


# --- a new school year -------------------------------------------------------------------
def test_a_new_school_year_archives_every_active_class_of_the_teacher_only(client, auth, world):
    teacher = world["teacher"]
    second = make_class(teacher, "1re C")
    theirs = make_class(db.session.scalar(db.select(User).where(User.username == "berthier")))
    auth.login("fauvel")
    page = client.get("/classes/new-year").get_data(as_text=True)
    assert "2nde A" in page and "1re C" in page and "Archiver les 2 classes" in page
    response = post(client, "/classes/new-year")
    assert response.status_code == 302 and response.headers["Location"].endswith("#new-class")
    db.session.rollback()
    assert db.session.get(SchoolClass, world["class"].id).archived_at is not None
    assert db.session.get(SchoolClass, second.id).archived_at is not None
    assert db.session.get(SchoolClass, theirs.id).archived_at is None
    assert len(_events("archive")) == 2
    assert "Aucune classe active à archiver." in client.get("/classes/new-year").get_data(
        as_text=True
    )


# --- the admin: counts and hand-over ---------------------------------------------------------
def test_the_admin_sees_counts_and_hands_a_teachers_work_to_a_colleague(client, auth, world):
    make_user("admin", "root")
    teacher = world["teacher"]
    berthier = db.session.scalar(db.select(User).where(User.username == "berthier"))
    db.session.add(BankShare(bank_id=world["bank"].id, teacher_id=berthier.id))
    db.session.commit()
    auth.login("root")
    page = client.get("/admin/teachers").get_data(as_text=True)
    assert "<td>fauvel</td>" in page.replace("\n", "")
    assert "<td>1</td>\n      <td>2</td>\n      <td>2</td>\n      <td>2</td>" in page
    refused = post(client, f"/admin/teachers/{teacher.id}/hand-over", {"username": "fauvel"})
    assert refused.status_code == 400 and "celui qui part" in refused.get_data(as_text=True)
    unknown = post(client, f"/admin/teachers/{teacher.id}/hand-over", {"username": "ilona"})
    assert unknown.status_code == 400
    done = post(client, f"/admin/teachers/{teacher.id}/hand-over", {"username": "berthier"})
    assert done.status_code == 302
    db.session.rollback()
    for model, column in ((Bank, Bank.owner_id), (Quiz, Quiz.owner_id)):
        assert db.session.scalars(db.select(model).where(column == teacher.id)).all() == []
    assert db.session.get(SchoolClass, world["class"].id).teacher_id == berthier.id
    assert db.session.scalars(db.select(BankShare)).all() == []  # now their own bank
    [event] = _events("transfer")
    assert event.target_id == teacher.id and event.details["to"] == "berthier"
    assert event.details["quizzes"] == 2 and event.details["classes"] == 1
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 2


# --- the command line ------------------------------------------------------------------------
def test_cli_archives_a_teachers_classes_after_a_dry_run(app, world):
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["archive", "classes", "--teacher", "fauvel", "--dry-run"])
    assert dry.exit_code == 0 and "would archive 1 class" in dry.output and "2nde A" in dry.output
    assert _fresh(SchoolClass, world["class"].id).archived_at is None
    done = runner.invoke(args=["archive", "classes", "--teacher", "FAUVEL"])
    assert done.exit_code == 0 and "archived 1 class" in done.output
    assert _fresh(SchoolClass, world["class"].id).archived_at is not None
    [event] = _events("archive")
    assert event.actor_id is None and event.details == {"school_year": True}
    missing = runner.invoke(args=["archive", "classes", "--teacher", "personne"])
    assert missing.exit_code == 1
    assert missing.output.strip() == "quizapp: error: no teacher with username 'personne'"


def test_cli_archives_and_restores_a_quiz(app, world):
    runner = app.test_cli_runner()
    quiz_id = world["quiz"].id
    result = runner.invoke(args=["archive", "quiz", str(quiz_id)])
    assert result.exit_code == 0 and "archived quiz" in result.output
    assert _fresh(Quiz, quiz_id).archived_at is not None
    again = runner.invoke(args=["archive", "quiz", str(quiz_id)])
    assert "was already archived" in again.output
    back = runner.invoke(args=["archive", "quiz", str(quiz_id), "--restore"])
    assert back.exit_code == 0 and _fresh(Quiz, quiz_id).archived_at is None
    missing = runner.invoke(args=["archive", "quiz", "999999"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
    assert missing.output.strip() == "quizapp: error: no quiz with id 999999"


# --- one question --------------------------------------------------------------------
def test_a_question_nobody_answered_is_deleted_and_leaves_its_quizzes(world, client, auth):
    spare_question = world["spare_bank"].questions[0]
    question_id, stem = spare_question.id, spare_question.data.stem
    auth.login("fauvel")
    page = client.get(f"/teacher/questions/{question_id}/delete").get_data(as_text=True)
    assert "Supprimer définitivement" in page and "Les marées" in page
    response = post(client, f"/teacher/questions/{question_id}/delete", token_from="/teacher/banks")
    assert response.status_code == 302
    assert _fresh(Question, question_id) is None
    assert (
        db.session.scalar(
            db.select(db.func.count(QuizQuestion.id)).where(QuizQuestion.question_id == question_id)
        )
        == 0
    )
    (event,) = db.session.scalars(db.select(AuditEvent).where(AuditEvent.target_type == "question"))
    assert (event.action, event.target_id, event.target_label) == ("delete", question_id, stem)


def test_a_question_students_answered_is_not_deleted(world, client, auth):
    answered = world["quiz"].slots[0].question_id
    auth.login("fauvel")
    page = client.get(f"/teacher/questions/{answered}/delete").get_data(as_text=True)
    assert "Rejetez-la plutôt" in page and "Supprimer définitivement" not in page
    response = post(client, f"/teacher/questions/{answered}/delete", token_from="/teacher/banks")
    assert response.status_code == 409 and "Rejetez-la plutôt" in response.get_data(as_text=True)
    assert _fresh(Question, answered) is not None
    attempt = db.session.scalars(db.select(Attempt)).first()
    assert attempt.responses[0].question_version_id is not None


def test_only_the_banks_editors_delete_its_questions(world, client, auth):
    question_id = world["spare_bank"].questions[0].id
    auth.login("berthier")
    assert client.get(f"/teacher/questions/{question_id}/delete").status_code == 404
    response = post(client, f"/teacher/questions/{question_id}/delete", token_from="/teacher/banks")
    assert response.status_code == 404
    auth.logout()
    auth.login("fauvel")
    no_token = client.post(f"/teacher/questions/{question_id}/delete")
    assert no_token.status_code == 400
    assert _fresh(Question, question_id) is not None


def _quiz_form_data(bank, class_ids):
    return {
        "title": "Nouveau quiz",
        "bank_id": bank.id,
        "question_ids": [q.id for q in bank.questions[:2]],
        "class_ids": class_ids,
        "max_attempts": "1",
        "grading_method": "highest",
        "show_correctness": "after_submit",
        "show_answers": "after_submit",
        "show_explanations": "after_submit",
        "pass_mark": "50",
    }


def test_the_quiz_form_gives_no_new_quiz_to_an_archived_class_but_keeps_an_old_one(
    client, auth, world
):
    current = make_class(world["teacher"], "1re C")
    old = world["class"]
    auth.login("fauvel")
    post(client, f"/classes/{old.id}/archive", token_from="/classes")
    client.get("/classes")  # the page that shows « 2nde A est archivé »
    form = client.get("/teacher/quizzes/new").get_data(as_text=True)
    assert "1re C" in form and "2nde A" not in form
    refused = post(
        client,
        "/teacher/quizzes/new",
        _quiz_form_data(world["spare_bank"], [old.id]),
        token_from="/teacher/quizzes/new",
    )
    assert refused.status_code in (400, 403)
    assert _fresh(Quiz, world["spare_quiz"].id) is not None
    assert (
        db.session.scalar(db.select(db.func.count(Quiz.id)).where(Quiz.title == "Nouveau quiz"))
        == 0
    )

    quiz_id = world["spare_quiz"].id  # given to 2nde A before the class was archived
    edit = client.get(f"/teacher/quizzes/{quiz_id}/edit").get_data(as_text=True)
    assert "2nde A (archivée)" in edit
    data = _quiz_form_data(world["spare_bank"], [old.id, current.id])
    data["title"] = "Les marées"
    saved = post(client, f"/teacher/quizzes/{quiz_id}/edit", data, token_from="/teacher/quizzes")
    assert saved.status_code == 302, saved.get_data(as_text=True)[-800:]
    quiz = _fresh(Quiz, quiz_id)
    assert {a.class_id for a in quiz.assignments} == {old.id, current.id}
