"""Hostile input and the edges of sessions: throttling per address, idle and
absolute expiry, cookies and client addresses behind a proxy, odd Unicode and
overlong text in forms and in the generator, and XML bombs sent through the web.

Script injection is checked in a real browser in ``test_browser_hostile.py``;
spreadsheet formulas in exports in ``test_reports_exports.py``.
"""

from __future__ import annotations

import re
import time
from io import BytesIO

import pytest
from conftest import PASSWORD, _config, csrf_token, make_bank, make_class, make_user, post
from limits import parse

from quizapp import create_app
from quizapp.extensions import db
from quizapp.models import SchoolClass, User
from quizapp.web import security

RLO = "\u202e"  # right-to-left override
ZW = "\u200b\u200d\ufeff"  # zero-width space, joiner, byte order mark
ODD = f"Classe {RLO}gpj.exe{ZW} 🇫🇷👩‍🏫 Σ̸ 漢字"


def login_from(client, username, password=PASSWORD, address="127.0.0.1", **headers):
    environ = {"REMOTE_ADDR": address}
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        environ_base=environ,
        headers=headers,
    )


# --- login throttling per address -------------------------------------------------------
def without_csrf(page: str) -> str:
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+"', r'\1…"', page)


def test_login_is_throttled_per_address_without_revealing_accounts(app, client):
    make_user("teacher", "prof")
    # The ceiling is high (a school behind one NAT address), but a flood meets it.
    limit = parse(app.config["LOGIN_LIMIT_ADDRESS"]).amount
    token = csrf_token(client)
    for n in range(limit):  # many accounts, each under its own limits, from one address
        flood = client.post(
            "/login",
            data={"username": f"guess{n}", "password": "wrong-password-1", "csrf_token": token},
            environ_base={"REMOTE_ADDR": "198.51.100.7"},
        )
        assert flood.status_code == 200, n
    real = login_from(client, "prof", address="198.51.100.7")
    made_up = login_from(client, "nobody-here", address="198.51.100.7")
    assert real.status_code == made_up.status_code == 429
    # The same page, but for the name typed and the CSRF token (signed with the
    # time, so two requests a second apart differ there).
    assert without_csrf(real.get_data(as_text=True)) == without_csrf(
        made_up.get_data(as_text=True)
    ).replace('value="nobody-here"', 'value="prof"')
    # Another address is not blocked, and the account itself is not locked.
    assert login_from(client, "prof", address="198.51.100.8").status_code == 302


# --- session expiry ------------------------------------------------------------------------
@pytest.fixture
def clock(monkeypatch):
    """Move the server's clock: ``clock.now += 3600``."""

    class Clock:
        now = time.time()

    monkeypatch.setattr(security.time, "time", lambda: Clock.now)
    return Clock


def test_idle_session_expires(app, client, auth, clock):
    make_user("teacher", "prof")
    auth.login("prof")
    clock.now += app.config["IDLE_TIMEOUT"] - 60
    assert client.get("/classes").status_code == 200  # still within the idle limit
    clock.now += app.config["IDLE_TIMEOUT"] + 1
    response = client.get("/classes")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_absolute_session_expiry_even_when_active(app, client, auth, clock):
    make_user("teacher", "prof")
    auth.login("prof")
    assert client.get("/classes").status_code == 200  # the page the login redirects to
    lifetime = app.config["PERMANENT_SESSION_LIFETIME"]
    lifetime = lifetime.total_seconds() if hasattr(lifetime, "total_seconds") else lifetime
    step = app.config["IDLE_TIMEOUT"] / 2
    elapsed = 0.0
    while elapsed + step < lifetime:  # active all day, never idle for long
        clock.now += step
        elapsed += step
        assert client.get("/classes").status_code == 200
    clock.now += lifetime - elapsed + 1
    response = client.get("/classes")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- behind a reverse proxy ---------------------------------------------------------------
def proxy_app(tmp_path, hops: int):
    config = _config(str(tmp_path), f"sqlite:///{tmp_path / 'proxy.sqlite3'}")
    app = create_app({**config, "PROXY_HOPS": hops})
    seen = {}

    @app.get("/_address")
    def address():
        from flask import request

        seen["addr"], seen["secure"] = request.remote_addr, request.is_secure
        return "ok"

    with app.app_context():
        db.create_all()
    return app, seen


FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}


def test_behind_a_proxy_cookie_is_secure_and_address_is_the_clients(tmp_path):
    app, seen = proxy_app(tmp_path, 1)
    client = app.test_client()
    response = client.get("/login", headers=FORWARDED)
    assert "Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers
    client.get("/_address", headers=FORWARDED)
    assert seen == {"addr": "203.0.113.9", "secure": True}
    # The same proxy forwarding plain HTTP: no Secure flag, or the browser drops the cookie.
    plain = app.test_client().get("/login", headers={"X-Forwarded-Proto": "http"})
    assert "Secure" not in plain.headers["Set-Cookie"]


def test_without_proxy_hops_forwarded_headers_are_ignored(tmp_path):
    app, seen = proxy_app(tmp_path, 0)
    client = app.test_client()
    response = client.get("/login", headers=FORWARDED)
    assert "Secure" not in response.headers["Set-Cookie"]
    client.get("/_address", headers=FORWARDED)
    assert seen == {"addr": "127.0.0.1", "secure": False}


def test_proxy_hops_trust_only_the_last_hop(tmp_path):
    app, seen = proxy_app(tmp_path, 1)
    spoofed = {"X-Forwarded-For": "10.0.0.1, 203.0.113.9", "X-Forwarded-Proto": "https"}
    app.test_client().get("/_address", headers=spoofed)
    assert seen["addr"] == "203.0.113.9"  # what the client wrote itself is not trusted


# --- odd Unicode and overlong text ---------------------------------------------------------
@pytest.mark.parametrize(
    "name", [ODD, RLO * 50, ZW * 40, "👩‍👩‍👧‍👦" * 30, "x" * 121, "é" * 120, "\x00nul"]
)
def test_class_names_odd_or_overlong_never_fail(client, auth, name):
    make_user("teacher", "prof")
    auth.login("prof")
    response = post(client, "/classes", {"name": name}, token_from="/classes")
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        page = client.get(response.headers["Location"])
        assert page.status_code == 200
        db.session.rollback()
        stored = db.session.scalar(db.select(SchoolClass.name))
        assert len(stored) <= 120
        assert client.get("/classes").status_code == 200


@pytest.mark.parametrize("display", [ODD, "x" * 500, RLO + "nimda" + ZW, "🙂" * 120])
def test_registration_with_odd_names_never_fails(client, display):
    teacher = make_user("teacher", "prof")
    school_class = make_class(teacher)
    response = post(
        client,
        "/register",
        {
            "username": "eleve-unicode",
            "display_name": display,
            "password": "une-phrase-de-passe-sure-7",
            "confirm": "une-phrase-de-passe-sure-7",
            "join_code": school_class.join_code,
        },
        token_from="/register",
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get("/student").status_code == 200
        db.session.rollback()
        stored = db.session.scalar(db.select(User).where(User.username == "eleve-unicode"))
        assert stored.display_name == display and len(display) <= 120
    else:
        assert "120" in response.get_data(as_text=True)  # the form says how long it may be


@pytest.mark.parametrize("username", ["é" * 10, RLO + "admin", "ad\u200bmin", "x" * 65, "🙂🙂🙂"])
def test_odd_usernames_are_refused_with_a_message(client, username):
    teacher = make_user("teacher", "prof")
    school_class = make_class(teacher)
    response = post(
        client,
        "/register",
        {
            "username": username,
            "password": "une-phrase-de-passe-sure-7",
            "confirm": "une-phrase-de-passe-sure-7",
            "join_code": school_class.join_code,
        },
        token_from="/register",
    )
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1


def test_question_form_takes_odd_unicode_and_refuses_overlong(client, auth):
    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, [])
    auth.login("prof")
    path = f"/teacher/banks/{bank.id}/questions/new"
    options = {f"options-{n}-text": t for n, t in enumerate([ODD, "B" + RLO, "🙂", ZW + "d"])}
    options.update({"options-0-fraction": "100", "options-1-fraction": "0"})
    options.update({"options-2-fraction": "0", "options-3-fraction": "0"})
    ok = post(client, path, {"type": "mcq", "stem": ODD * 3, **options}, token_from=path)
    assert ok.status_code in (200, 302)
    assert ok.status_code == 302, ok.get_data(as_text=True)[:2000]
    bank_page = client.get(f"/teacher/banks/{bank.id}")
    assert bank_page.status_code == 200 and "👩‍🏫" in bank_page.get_data(as_text=True)
    long = post(client, path, {"type": "mcq", "stem": "x" * 200_000, **options}, token_from=path)
    assert long.status_code in (200, 400, 413)


def test_generator_handles_odd_unicode_and_long_text():
    from quizapp.generation.errors import GenerationError
    from quizapp.generation.pipeline import generate

    text = (
        f"Paris, le 3 mars 2025 {ZW}. Le ministre {RLO}Jean Dupont{ZW} a rencontré à Moscou "
        "son homologue Sergueï Lavrov 🇷🇺🤝🇫🇷. « Nous avons parlé de paix », a-t-il déclaré. "
        "Selon le ministère, 10 000 soldats ont été déployés depuis janvier 2024. "
    ) * 5
    result = generate(text, title=f"Titre {RLO}étrange{ZW} 🙂")
    for question in result.questions:
        assert question.stem
    with pytest.raises(GenerationError):
        generate(ZW * 1000 + RLO * 1000)


# --- XML bombs and external entities through the upload form ----------------------------------
BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<quiz><question type="description"><name><text>&lol4;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="description"><name><text>&xxe;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""


@pytest.mark.parametrize("document", [BOMB, XXE])
def test_xml_bombs_and_external_entities_are_refused_on_upload(client, auth, document):
    from quizapp.models import Question

    teacher = make_user("teacher", "prof")
    bank = make_bank(teacher, [])
    auth.login("prof")
    started = time.perf_counter()
    response = post(
        client,
        f"/teacher/banks/{bank.id}/import",
        {"upload": (BytesIO(document.encode()), "evil.xml"), "format": "moodle_xml"},
        token_from="/teacher/banks",
        content_type="multipart/form-data",
    )
    assert time.perf_counter() - started < 5
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    assert "sécurité" in html
    assert "root:" not in html and "lollol" not in html
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0
