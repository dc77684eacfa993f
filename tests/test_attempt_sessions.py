"""What ends a student's session ends it on the pages of an attempt too: the question
page and the page's script's save read the logged-in user as a plain row."""

from __future__ import annotations

import pytest
from conftest import Auth, csrf_token, make_bank, make_class, make_quiz, make_user
from test_student import attempt_row, right_answers, start

from quizapp.extensions import db
from quizapp.models import Response, User


@pytest.fixture
def taking(app, client):
    """A student logged in, an attempt started, and a CSRF token for its saves."""
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea", display_name="Léa M.")
    school_class = make_class(teacher, "Terminale 2", students=[student])
    quiz = make_quiz(teacher, make_bank(teacher), [school_class])
    Auth(client).login("lea")
    attempt_id = start(client, quiz)
    return student.id, attempt_id, csrf_token(client, f"/attempts/{attempt_id}")


def change(user_id: int, **values) -> None:
    db.session.rollback()
    user = db.session.get(User, user_id)
    for key, value in values.items():
        setattr(user, key, value)
    db.session.commit()


def save(client, attempt_id: int, token: str):
    answer = right_answers(attempt_row(attempt_id))[0]
    return client.post(
        f"/attempts/{attempt_id}/answer",
        json={"slot": 0, "answer": answer},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )


def stored() -> int:
    db.session.rollback()
    return db.session.scalar(db.select(db.func.count(Response.id)))


def test_the_question_page_shows_the_students_name_and_saves_work(client, taking):
    _user_id, attempt_id, token = taking
    page = client.get(f"/attempts/{attempt_id}")
    assert page.status_code == 200
    assert "Léa M." in page.get_data(as_text=True)
    assert save(client, attempt_id, token).get_json()["saved"] is True
    assert stored() == 1


@pytest.mark.parametrize(
    "values",
    [{"session_version": 2}, {"active": False}],
    ids=["password changed elsewhere", "account deactivated"],
)
def test_an_ended_session_can_neither_read_nor_save_the_attempt(client, taking, values):
    user_id, attempt_id, token = taking
    change(user_id, **values)
    page = client.get(f"/attempts/{attempt_id}")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert save(client, attempt_id, token).status_code == 401
    assert stored() == 0


def test_a_temporary_password_leads_to_choosing_one_first(client, taking):
    user_id, attempt_id, token = taking
    change(user_id, must_change_password=True)
    page = client.get(f"/attempts/{attempt_id}")
    assert page.status_code == 302 and "/password" in page.headers["Location"]
    assert save(client, attempt_id, token).status_code == 302
    assert stored() == 0


def test_another_students_attempt_is_not_found(client, taking):
    _user_id, attempt_id, _token = taking
    Auth(client).logout()
    db.session.rollback()
    make_user("student", "noe")
    Auth(client).login("noe")
    assert client.get(f"/attempts/{attempt_id}").status_code == 404
    token = csrf_token(client, "/student")
    assert save(client, attempt_id, token).status_code == 404


def test_an_attempt_that_does_not_exist_is_not_found_for_a_signed_in_student(client, taking):
    """The user is read with the attempt; without an attempt, on their own."""
    _user_id, attempt_id, token = taking
    assert client.get(f"/attempts/{attempt_id + 1000}").status_code == 404
    missing = client.post(
        f"/attempts/{attempt_id + 1000}/answer",
        json={"slot": 0, "answer": "x"},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    assert missing.status_code == 404
    assert client.get(f"/attempts/{attempt_id}").status_code == 200


def test_a_teacher_cannot_read_or_save_a_students_attempt(client, taking):
    _user_id, attempt_id, _token = taking
    Auth(client).logout()
    db.session.rollback()
    make_user("teacher", "prof2")
    Auth(client).login("prof2")
    assert client.get(f"/attempts/{attempt_id}").status_code == 403
    token = csrf_token(client, "/account")
    assert save(client, attempt_id, token).status_code == 403
    assert stored() == 0
