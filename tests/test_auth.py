"""Accounts: login, logout, sign-up with a join code, first admin, passwords."""

from __future__ import annotations

import pytest
from conftest import PASSWORD, csrf_token, make_class, make_user, post, save_during
from limits import parse

from quizapp.extensions import db
from quizapp.models import Membership, User
from quizapp.services import accounts


def test_login_and_logout(client, auth):
    make_user("teacher", "prof")
    response = auth.login("prof")
    assert response.status_code == 302
    assert client.get("/classes").status_code == 200
    auth.logout()
    assert client.get("/classes").status_code == 302


def test_login_error_does_not_reveal_whether_account_exists(client, auth):
    make_user("teacher", "prof")
    wrong_password = auth.login("prof", "not-the-password-1").get_data(as_text=True)
    no_account = auth.login("nobody", "not-the-password-1").get_data(as_text=True)
    message = "Identifiant ou mot de passe incorrect."
    assert message in wrong_password.replace("&#39;", "'")
    assert message in no_account.replace("&#39;", "'")


def test_session_identifier_changes_at_login(client, auth):
    make_user("teacher", "prof")
    client.get("/login")
    before = client.get_cookie("quizapp_session").value
    auth.login("prof")
    assert client.get_cookie("quizapp_session").value != before


def test_logout_ends_other_sessions(app, auth):
    make_user("teacher", "prof")
    other = app.test_client()
    post(other, "/login", {"username": "prof", "password": PASSWORD})
    assert other.get("/classes").status_code == 200
    auth.login("prof")
    auth.logout()
    assert other.get("/classes").status_code == 302


def test_password_change_ends_other_sessions_but_keeps_this_one(app, client, auth):
    make_user("teacher", "prof")
    other = app.test_client()
    post(other, "/login", {"username": "prof", "password": PASSWORD})
    auth.login("prof")
    response = post(
        client,
        "/account/password",
        {
            "current": PASSWORD,
            "password": "a-new-passphrase-42",
            "confirm": "a-new-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert client.get("/classes").status_code == 200
    assert other.get("/classes").status_code == 302
    db.session.rollback()
    assert db.session.scalar(db.select(User).where(User.username == "prof")).check_password(
        "a-new-passphrase-42"
    )


def test_disabled_account_loses_its_session(app, client, auth):
    admin = make_user("admin", "root")
    teacher = make_user("teacher", "prof")
    other = app.test_client()
    post(other, "/login", {"username": "prof", "password": PASSWORD})
    auth.login("root")
    post(client, f"/admin/users/{teacher.id}/toggle", token_from="/admin/users")
    assert other.get("/classes").status_code == 302
    assert admin.active


def test_student_registers_with_join_code(client):
    teacher = make_user("teacher")
    school_class = make_class(teacher, "4e A")
    response = post(
        client,
        "/register",
        {
            "join_code": school_class.join_code.lower(),
            "username": "Lea",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
    )
    assert response.status_code == 302
    db.session.rollback()
    lea = db.session.scalar(db.select(User).where(User.username == "lea"))
    assert lea.role == "student"
    assert db.session.scalar(db.select(Membership).where(Membership.student_id == lea.id))


def test_wrong_join_code_keeps_what_was_typed(client):
    response = post(
        client,
        "/register",
        {
            "join_code": "NOPE123",
            "username": "lea",
            "display_name": "Léa Martin",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "aucune classe ouverte" in html
    assert 'value="Léa Martin"' in html and 'value="lea"' in html
    assert db.session.scalar(db.select(User).where(User.username == "lea")) is None


def test_the_password_rule_knows_french_habits_and_the_username():
    from quizapp.domain.accounts import password_problem

    for common in ("motdepasse123", "AZERTYUIOP", "marseille13", "1234567890"):
        assert password_problem(common) is not None, common
    assert "courant" in password_problem("lea.martin-2026", "lea.martin").message
    assert "au moins 10" in password_problem("Lune-7").message
    assert password_problem("correct-horse-battery-9", "lea") is None


def test_short_common_and_duplicate_passwords_are_refused(client):
    make_user("student", "taken")
    code = make_class(make_user("teacher")).join_code
    cases = [
        ({"username": "lea", "password": "court", "confirm": "court"}, "au moins 10 caractères"),
        ({"username": "lea", "password": "azertyuiop", "confirm": "azertyuiop"}, "trop courant"),
        (
            {
                "username": "taken",
                "password": "un-mot-de-passe-long",
                "confirm": "un-mot-de-passe-long",
            },
            "déjà pris",
        ),
    ]
    for data, message in cases:
        html = post(client, "/register", {"join_code": code, **data}).get_data(as_text=True)
        assert message in html.replace("&#39;", "'")


def test_first_admin_setup_link_works_once(client, app):
    token = accounts.issue_setup_token(30)
    assert client.get(f"/setup/{token}").status_code == 200
    data = {"username": "admin", "password": "une-phrase-secrete", "confirm": "une-phrase-secrete"}
    response = post(client, f"/setup/{token}", data, token_from=f"/setup/{token}")
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.scalar(db.select(User).where(User.username == "admin")).role == "admin"
    fresh = app.test_client()
    assert fresh.get(f"/setup/{token}").status_code == 404
    assert accounts.valid_setup_token(accounts.issue_setup_token(30)) is None  # an admin exists


def test_expired_or_made_up_setup_link_is_refused(client):
    assert client.get("/setup/made-up-token").status_code == 404


def test_post_without_csrf_token_is_refused(client):
    make_user("teacher", "prof")
    response = client.post("/login", data={"username": "prof", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/classes").status_code == 302


def test_login_is_throttled_per_account(client, auth, app):
    make_user("teacher", "prof")
    for _ in range(parse(app.config["LOGIN_LIMIT_ADDRESS_ACCOUNT"]).amount):
        auth.login("prof", "wrong-password-123")
    blocked = auth.login("prof")
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.get_data(as_text=True)


def test_open_redirect_after_login_is_ignored(client):
    make_user("teacher", "prof")
    token = csrf_token(client)
    response = client.post(
        "/login",
        data={
            "username": "prof",
            "password": PASSWORD,
            "next": "//evil.example/",
            "csrf_token": token,
        },
    )
    assert response.headers["Location"] == "/"


def test_passwords_are_hashed_with_argon2id_at_owasp_cost():
    user = User(username="x", role="student")
    user.set_password("un-mot-de-passe-long")
    assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert "un-mot-de-passe-long" not in user.password_hash
    assert user.check_password("un-mot-de-passe-long")
    assert not user.check_password("un-autre-mot-de-passe")


def test_an_older_scrypt_hash_still_logs_in_and_is_upgraded_to_argon2id(app, client, auth):
    from werkzeug.security import generate_password_hash

    user = make_user("student", "ancienne")
    user.password_hash = generate_password_hash(PASSWORD, method="scrypt:2048:8:1")
    db.session.commit()
    response = post(client, "/login", {"username": "ancienne", "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    db.session.refresh(user)
    assert user.password_hash.startswith("$argon2id$")
    auth.logout()
    again = auth.login("ancienne")
    assert again.status_code == 302 and again.headers["Location"] == "/"


def test_a_wrong_password_leaves_an_old_hash_as_it_was(app, client):
    from werkzeug.security import generate_password_hash

    user = make_user("student", "ancienne")
    old = generate_password_hash(PASSWORD, method="scrypt:2048:8:1")
    user.password_hash = old
    db.session.commit()
    response = post(client, "/login", {"username": "ancienne", "password": "pas-le-bon-9"})
    assert response.status_code == 200
    db.session.refresh(user)
    assert user.password_hash == old


def test_a_hash_at_a_lower_argon2_cost_is_made_again_at_the_configured_one(app, client):
    from quizapp.models import passwords

    user = make_user("student", "ancienne")
    user.password_hash = passwords.make_hash(PASSWORD, "argon2id:1:32:1")
    db.session.commit()
    post(client, "/login", {"username": "ancienne", "password": PASSWORD})
    db.session.refresh(user)
    assert user.password_hash.startswith("$argon2id$v=19$m=64,t=1,p=1$")


# --- password hashing beside the rest of the school --------------------------------
@pytest.mark.parametrize("step", ["login", "sign-up"])
def test_students_can_save_answers_while_another_account_logs_in_or_signs_up(
    app, client, monkeypatch, step
):
    """A password check or hash takes about 0.1 s at scrypt's default cost, and a class
    logs in at once: meanwhile the other students' saves go through (on SQLite, no
    login holds the write lock while it hashes)."""
    from quizapp.web.views import auth as auth_views

    teacher = make_user("teacher", "prof")
    if step == "login":
        make_user("student", "autre")
        slow, form, path = (
            "check_password_hash",
            {"username": "autre", "password": PASSWORD},
            "/login",
        )
    else:
        code = make_class(teacher, "4e A").join_code
        password = "un-mot-de-passe-long"
        slow, path = "hash_password", "/register"
        form = {"join_code": code, "username": "autre", "password": password, "confirm": password}
    save, waited, answered = save_during(
        app, teacher, monkeypatch, auth_views, slow, lambda: post(client, path, form)
    )
    assert save.status_code == 200 and save.get_json()["saved"] is True
    assert waited and answered.status_code == 302  # logged in, or signed up and logged in
    db.session.rollback()
    assert db.session.scalar(db.select(User).where(User.username == "autre")).last_login_at


def test_a_password_changed_during_a_login_check_does_not_let_the_old_one_in(
    app, client, monkeypatch
):
    from quizapp.web.views import auth as auth_views

    user_id = make_user("student", "lea").id
    real_check = auth_views.check_password_hash

    def check_while_the_password_changes(stored, given):
        with app.app_context():  # another request, from the account's owner
            db.session.get(User, user_id).set_password("un-tout-nouveau-mot-de-passe")
            db.session.commit()
        return real_check(stored, given)

    monkeypatch.setattr(auth_views, "check_password_hash", check_while_the_password_changes)
    response = post(client, "/login", {"username": "lea", "password": PASSWORD})
    assert response.status_code == 200
    assert "Identifiant ou mot de passe incorrect" in response.get_data(as_text=True)
    assert client.get("/student").status_code == 302  # not logged in


def test_a_password_changed_elsewhere_during_a_change_is_kept(app, client, auth, monkeypatch):
    """Two sessions change the password at once: the one whose check started from a
    hash that is no longer stored is refused, and the other's password stands."""
    from quizapp.web.views import auth as auth_views

    user_id = make_user("teacher", "prof").id
    auth.login("prof")
    real_hash = auth_views.hash_password

    def hash_while_another_session_changes_it(password):
        with app.app_context():
            db.session.get(User, user_id).set_password("changed-from-the-phone-7")
            db.session.commit()
        return real_hash(password)

    monkeypatch.setattr(auth_views, "hash_password", hash_while_another_session_changes_it)
    form = {
        "current": PASSWORD,
        "password": "a-new-passphrase-42",
        "confirm": "a-new-passphrase-42",
    }
    response = post(client, "/account/password", form)
    assert response.status_code == 409
    assert "changé dans une autre session" in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(User, user_id).check_password("changed-from-the-phone-7")
