"""CSRF tokens are signed once per session token and process (``SignOnceCSRF``): the
same token on every page of a session, valid for that session only, and any token
this process did not sign is still checked by Flask-WTF."""

from __future__ import annotations

from conftest import csrf_token, make_user, post
from test_attempt_sessions import save, stored, taking  # noqa: F401 (fixture)

from quizapp.extensions import db


def test_a_session_shows_one_token_and_its_saves_pass(client, taking):  # noqa: F811
    _user_id, attempt_id, token = taking
    assert csrf_token(client, f"/attempts/{attempt_id}") == token
    assert save(client, attempt_id, token).get_json()["saved"] is True
    assert stored() == 1


def test_another_sessions_token_is_refused(app, client, taking):  # noqa: F811
    _user_id, attempt_id, _token = taking
    db.session.rollback()
    make_user("student", "bob")
    other = app.test_client()
    post(other, "/login", {"username": "bob", "password": "correct-horse-battery-9"})
    foreign = csrf_token(other, "/student")
    assert save(client, attempt_id, foreign).status_code == 400
    assert stored() == 0


def test_a_forged_or_missing_token_is_refused(client, taking):  # noqa: F811
    _user_id, attempt_id, token = taking
    head, _dot, tail = token.rpartition(".")
    forged = f"{head}.{'A' if tail[0] != 'A' else 'B'}{tail[1:]}"
    assert save(client, attempt_id, forged).status_code == 400
    assert save(client, attempt_id, "").status_code == 400
    assert stored() == 0


def test_a_token_signed_by_another_process_is_checked_and_accepted(app, client, taking):  # noqa: F811
    _user_id, attempt_id, token = taking
    tokens = app.extensions["csrf"]._tokens
    saved = dict(tokens)
    tokens.clear()  # as in another worker of the server, which never signed it
    try:
        assert save(client, attempt_id, token).get_json()["saved"] is True
    finally:
        tokens.update(saved)
    assert stored() == 1
