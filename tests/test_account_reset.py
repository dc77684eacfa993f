"""A teacher (their own classes' students) or an admin (anyone) gives a temporary
password, shown once; it must be changed at the next login."""

from __future__ import annotations

import re

import pytest
from conftest import PASSWORD, Auth, make_class, make_user, post

from quizapp.extensions import db
from quizapp.models import AuditEvent, User

NEW = "une-phrase-bien-a-moi-7"


@pytest.fixture
def school(app):
    prof = make_user("teacher", "prof")
    other_prof = make_user("teacher", "autreprof")
    zoe = make_user("student", "zoe", display_name="Zoé")
    outsider = make_user("student", "malo")
    mine = make_class(prof, "4e A", students=[zoe])
    theirs = make_class(other_prof, "4e B", students=[outsider])
    make_user("admin", "admin")
    return {"prof": prof, "zoe": zoe, "malo": outsider, "mine": mine, "theirs": theirs}


def reset_url(school_class, student) -> str:
    return f"/classes/{school_class.id}/students/{student.id}/password"


def temporary_password(response) -> str:
    match = re.search(
        r'<code class="temporary-password">([^<]+)</code>', response.get_data(as_text=True)
    )
    assert match, response.get_data(as_text=True)[:500]
    return match.group(1)


@pytest.mark.parametrize(
    "actor, status",
    [("prof", 200), ("autreprof", 404), ("zoe", 403), ("malo", 403), ("admin", 200)],
)
def test_the_confirmation_page_per_role(school, client, auth, actor, status):
    auth.login(actor)
    response = client.get(reset_url(school["mine"], school["zoe"]))
    assert response.status_code == status
    if status == 200:
        assert "Créer un mot de passe provisoire" in response.get_data(as_text=True)
        db.session.rollback()
        assert db.session.get(User, school["zoe"].id).check_password(PASSWORD)  # GET: unchanged


def test_a_teacher_cannot_reach_another_class_s_student(school, client, auth):
    auth.login("prof")
    # the student through the teacher's own class, though not in it
    assert client.get(reset_url(school["mine"], school["malo"])).status_code == 404
    assert post(client, reset_url(school["mine"], school["malo"])).status_code == 404
    assert post(client, reset_url(school["theirs"], school["malo"])).status_code == 404
    db.session.rollback()
    assert db.session.get(User, school["malo"].id).check_password(PASSWORD)


def test_the_reset_needs_a_csrf_token(school, client, auth):
    auth.login("prof")
    client.get(reset_url(school["mine"], school["zoe"]))
    assert client.post(reset_url(school["mine"], school["zoe"]), data={}).status_code == 400


def test_a_temporary_password_works_once_then_must_be_changed(app, school, client, auth):
    pupil = app.test_client()

    Auth(pupil).login("zoe")
    assert pupil.get("/student").status_code == 200  # a session open before the reset
    auth.login("prof")
    shown = post(client, reset_url(school["mine"], school["zoe"]))
    assert shown.status_code == 200
    password = temporary_password(shown)
    assert len(password) == 12
    assert pupil.get("/student").status_code == 302  # that session has ended

    db.session.rollback()
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "password_reset"))
    assert (event.actor_name, event.target_id) == ("prof", school["zoe"].id)
    assert password not in str(event.details) and password not in event.target_label

    assert Auth(pupil).login("zoe").status_code == 200  # the old password: refused
    assert Auth(pupil).login("zoe", password).status_code == 302
    for page in ("/student", "/account", "/account/export"):
        response = pupil.get(page)
        assert response.status_code == 302 and response.headers["Location"].endswith(
            "/account/password"
        )
    form = pupil.get("/account/password").get_data(as_text=True)
    assert "provisoire" in form
    changed = post(
        pupil,
        "/account/password",
        {"current": password, "password": NEW, "confirm": NEW},
        token_from="/account/password",
    )
    assert changed.status_code == 302
    assert pupil.get("/student").status_code == 200
    db.session.rollback()
    zoe = db.session.get(User, school["zoe"].id)
    assert zoe.check_password(NEW) and not zoe.must_change_password


def test_an_admin_resets_anyone_but_themself(school, client, auth):
    auth.login("admin")
    prof = school["prof"]
    assert client.get(f"/admin/users/{prof.id}/password").status_code == 200
    shown = post(client, f"/admin/users/{prof.id}/password", token_from="/admin/users")
    password = temporary_password(shown)
    db.session.rollback()
    user = db.session.get(User, prof.id)
    assert user.check_password(password) and user.must_change_password
    admin = db.session.scalar(db.select(User).where(User.username == "admin"))
    assert client.get(f"/admin/users/{admin.id}/password").status_code == 404


@pytest.mark.parametrize("actor", ["prof", "zoe"])
def test_only_an_admin_resets_from_the_accounts_page(school, client, auth, actor):
    auth.login(actor)
    assert client.get(f"/admin/users/{school['malo'].id}/password").status_code == 403


def test_the_class_roster_links_to_the_reset(school, client, auth):
    auth.login("prof")
    page = client.get(f"/classes/{school['mine'].id}").get_data(as_text=True)
    assert reset_url(school["mine"], school["zoe"]) in page
