"""Input an attacker sends on purpose: ids no database can hold, sign-ups that
probe for usernames with a made-up class code."""

from __future__ import annotations

import re

import pytest
from conftest import csrf_token, make_bank, make_class, make_user, post

from quizapp.extensions import db
from quizapp.models import User

pytestmark = pytest.mark.db

HUGE = str(2**63)  # one more than the largest id SQLite and PostgreSQL store


def _get_routes_with_ids(app) -> list[str]:
    """Every GET address that takes an id, each id set to ``HUGE``."""
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and "<int:" in rule.rule:
            path = re.sub(r"<int:\w+>", HUGE, rule.rule)
            paths.append(re.sub(r"<\w+>", "csv", path))
    return paths


@pytest.mark.parametrize("role", ["student", "teacher", "admin"])
def test_an_id_too_large_for_the_database_is_not_found(app, client, auth, role):
    make_user(role, "who")
    auth.login("who")
    paths = _get_routes_with_ids(app)
    assert len(paths) > 20
    for path in paths:
        status = client.get(path).status_code
        assert status in (403, 404), (path, status)
    own = {"student": f"/attempts/{HUGE}", "teacher": f"/teacher/banks/{HUGE}"}
    if role in own:
        assert client.get(own[role]).status_code == 404


def test_ids_too_large_in_a_form_or_a_query_are_refused_without_an_error(client, auth):
    teacher = make_user("teacher", "prof")
    school_class = make_class(teacher)
    bank = make_bank(teacher)
    auth.login("prof")
    assert client.get(f"/teacher/quizzes/new?bank={HUGE}").status_code == 200
    assert client.get(f"/reports/banks/{bank.id}?class_id={HUGE}").status_code < 500
    response = post(
        client,
        "/teacher/quizzes/new",
        {
            "title": "Quiz",
            "bank_id": str(bank.id),
            "question_ids": [HUGE],
            "class_ids": [str(school_class.id), HUGE],
        },
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 400
    response = post(
        client,
        "/teacher/quizzes/new",
        {"title": "Quiz", "bank_id": HUGE},
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 400


def test_a_wrong_class_code_says_nothing_of_the_username_and_hashes_nothing(client, monkeypatch):
    make_user("student", "taken")

    def no_hash(_password):
        raise AssertionError("hashed a password for a sign-up that joins no class")

    monkeypatch.setattr("quizapp.web.views.auth.hash_password", no_hash)
    response = post(
        client,
        "/register",
        {
            "join_code": "NOPE123",
            "username": "taken",
            "password": "un-mot-de-passe-long",
            "confirm": "un-mot-de-passe-long",
        },
        token_from="/register",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "aucune classe ouverte" in html
    assert "déjà pris" not in html
    assert 'value="taken"' in html  # what was typed stays


def test_a_sign_up_with_a_forged_csrf_token_creates_nothing_even_with_a_good_code(client):
    school_class = make_class(make_user("teacher", "prof"))
    csrf_token(client, "/register")
    fields = {
        "join_code": school_class.join_code,
        "username": "new",
        "password": "un-mot-de-passe-long",
        "confirm": "un-mot-de-passe-long",
    }
    response = client.post("/register", data={**fields, "csrf_token": "forged"})
    assert response.status_code in (200, 400)
    db.session.rollback()
    assert db.session.scalar(db.select(User).where(User.username == "new")) is None
    # the same fields with the page's token do create the account
    assert post(client, "/register", fields, token_from="/register").status_code == 302


def test_refused_sign_ups_are_limited_per_address_but_a_class_can_sign_up(app, client):
    app.config["REGISTER_LIMIT_ADDRESS"] = "5 per 10 minutes"
    school_class = make_class(make_user("teacher", "prof"))

    def sign_up(code: str, username: str):
        return post(
            client,
            "/register",
            {
                "join_code": code,
                "username": username,
                "password": "un-mot-de-passe-long",
                "confirm": "un-mot-de-passe-long",
            },
            token_from="/register",
        )

    for i in range(6):  # six pupils of one class behind one address: none refused
        assert sign_up(school_class.join_code, f"eleve{i}").status_code == 302
        post(client, "/logout")
    for i in range(5):
        assert sign_up(f"FAUX{i}", "curieux").status_code == 200
    refused = sign_up(school_class.join_code, "tard")
    assert refused.status_code == 429 and "Trop de tentatives" in refused.get_data(as_text=True)
