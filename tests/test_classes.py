"""Classes: creation with a join code, roster, removal, new code, several classes."""

from __future__ import annotations

import re

from conftest import csrf_token, make_bank, make_class, make_quiz, make_user, post

from quizapp.extensions import db
from quizapp.models import Membership, SchoolClass


def test_teacher_creates_class_and_sees_join_code(client, auth):
    make_user("teacher", "prof")
    auth.login("prof")
    response = post(client, "/classes", {"name": "Terminale ES"}, token_from="/classes")
    assert response.status_code == 302
    db.session.rollback()
    school_class = db.session.scalar(
        db.select(SchoolClass).where(SchoolClass.name == "Terminale ES")
    )
    assert len(school_class.join_code) >= 6
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert school_class.join_code in page


def test_empty_class_name_is_refused_with_a_message(client, auth):
    make_user("teacher", "prof")
    auth.login("prof")
    response = post(client, "/classes", {"name": "   "}, token_from="/classes")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_roster_remove_student_and_regenerate_code(client, auth):
    teacher = make_user("teacher", "prof")
    lea, tom = make_user("student", "lea"), make_user("student", "tom")
    school_class = make_class(teacher, students=[lea, tom])
    old_code = school_class.join_code
    auth.login("prof")
    page = client.get(f"/classes/{school_class.id}").get_data(as_text=True)
    assert "lea" in page and "tom" in page
    post(client, f"/classes/{school_class.id}/students/{tom.id}/remove", token_from="/classes")
    post(client, f"/classes/{school_class.id}/code", token_from="/classes")
    db.session.rollback()
    members = db.session.scalars(
        db.select(Membership.student_id).where(Membership.class_id == school_class.id)
    ).all()
    assert members == [lea.id]
    assert db.session.get(SchoolClass, school_class.id).join_code != old_code


def test_old_code_stops_working_after_regeneration(client, auth, app):
    teacher = make_user("teacher", "prof")
    school_class = make_class(teacher)
    old_code = school_class.join_code
    auth.login("prof")
    post(client, f"/classes/{school_class.id}/code", token_from="/classes")
    newcomer = app.test_client()
    html = post(
        newcomer,
        "/register",
        {
            "join_code": old_code,
            "username": "zoe",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
    ).get_data(as_text=True)
    assert "aucune classe ouverte" in html


def test_another_teachers_class_is_not_found(client, auth):
    owner = make_user("teacher", "owner")
    make_user("teacher", "other")
    student = make_user("student")
    school_class = make_class(owner, students=[student])
    auth.login("other")
    assert client.get(f"/classes/{school_class.id}").status_code == 404
    token = csrf_token(client, "/classes")
    assert (
        client.post(f"/classes/{school_class.id}/code", data={"csrf_token": token}).status_code
        == 404
    )
    assert (
        client.post(
            f"/classes/{school_class.id}/students/{student.id}/remove", data={"csrf_token": token}
        ).status_code
        == 404
    )
    assert "owner" not in client.get("/classes").get_data(as_text=True)


def test_student_joins_several_classes(client, auth):
    t1, t2 = make_user("teacher"), make_user("teacher")
    c1 = make_class(t1, "Histoire", students=[make_user("student", "lea")])
    c2 = make_class(t2, "Géographie")
    auth.login("lea")
    post(client, "/student/join", {"join_code": c2.join_code}, token_from="/student")
    page = client.get("/student").get_data(as_text=True)
    assert "Histoire" in page and "Géographie" in page
    post(client, "/student/join", {"join_code": c1.join_code}, token_from="/student")
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == 2


def test_wrong_join_code_reveals_nothing(client, auth):
    make_class(make_user("teacher"), "Secret class name")
    make_user("student", "lea")
    auth.login("lea")
    response = post(
        client,
        "/student/join",
        {"join_code": "ZZZZ999"},
        token_from="/student",
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "aucune classe ouverte" in html and "Secret class name" not in html


def _first_steps(client) -> list[tuple[str, str, str]]:
    html = client.get("/classes").get_data(as_text=True)
    return re.findall(r'<li class="step-(todo|done)">\s*<a href="([^"]+)">([^<]+)</a>', html)


def test_a_new_teacher_is_shown_the_first_steps_until_all_are_done(client, auth):
    from quizapp.models import Article

    teacher = make_user("teacher", "prof")
    auth.login("prof")
    assert _first_steps(client) == [
        ("todo", "/teacher/articles/new", "Ajouter un article"),
        ("todo", "/teacher/banks", "Relire les questions proposées"),
        ("todo", "/teacher/quizzes/new", "Créer un quiz"),
        ("todo", "#new-class", "Créer une classe"),
    ]
    assert 'id="new-class"' in client.get("/classes").get_data(as_text=True)

    db.session.add(Article(owner_id=teacher.id, title="Un article", text="Texte."))
    bank = make_bank(teacher, status="candidate")
    db.session.commit()
    assert [s[0] for s in _first_steps(client)] == ["done", "todo", "todo", "todo"]
    bank.questions[0].status = "accepted"
    db.session.commit()
    make_quiz(teacher, bank)
    assert [s[0] for s in _first_steps(client)] == ["done", "done", "done", "todo"]
    make_class(teacher, "2nde A")
    assert _first_steps(client) == []
    assert "Premiers pas" not in client.get("/classes").get_data(as_text=True)
