"""The app as a whole: configuration, headers, errors, health, languages."""

from __future__ import annotations

import os
import stat
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import make_user, post

from quizapp import ConfigError, create_app
from quizapp.config import ensure_data_dir, from_environment, load_secret_key
from quizapp.extensions import db


def test_secret_key_generated_once_and_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    first = from_environment()["SECRET_KEY"]
    second = from_environment()["SECRET_KEY"]
    key_file = tmp_path / "data" / "secret_key"
    assert first == second and len(first) >= 40
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert from_environment()["SQLALCHEMY_DATABASE_URI"].endswith("data/quizapp.sqlite3")


@pytest.mark.parametrize(
    "setting, url, words",
    [
        ("SQLALCHEMY_DATABASE_URI", "postgresql+psycopg://u@db/quiz", "quizapp[postgres]"),
        ("REDIS_URL", "redis://127.0.0.1:6379/0", "quizapp[redis]"),
    ],
)
def test_a_url_whose_driver_is_not_installed_is_one_line(
    tmp_path, monkeypatch, setting, url, words
):
    """PostgreSQL and Redis are extras: without them, their URL says what to install."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name in ("psycopg", "redis") else real(name, *args),
    )
    config = {
        "TESTING": True,
        "SECRET_KEY": "x" * 40,
        "DATA_DIR": str(tmp_path),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'q.sqlite3'}",
        setting: url,
    }
    with pytest.raises(ConfigError) as info:
        create_app(config)
    message = str(info.value)
    assert words in message and "\n" not in message and url.split(":")[0] in message
    config[setting] = None if setting == "REDIS_URL" else f"sqlite:///{tmp_path / 'q.sqlite3'}"
    assert create_app(config)  # SQLite and the file store need neither


def test_workers_starting_together_agree_on_the_data_folder_and_the_key(tmp_path, monkeypatch):
    """gunicorn boots its workers at the same moment: each checks the data folder and
    reads (or makes) the secret key; none may fail, and all must get the same key."""
    monkeypatch.delenv("QUIZAPP_SECRET_KEY", raising=False)
    barrier = threading.Barrier(8)

    def boot(n: int) -> str:
        folder = tmp_path / f"round{n // 8}"
        barrier.wait()
        ensure_data_dir(folder)
        return load_secret_key(folder)

    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(boot, range(8 * 25)))
    for n in range(25):
        assert len(set(keys[8 * n : 8 * n + 8])) == 1
        key_file = tmp_path / f"round{n}" / "secret_key"
        assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
        assert sorted(p.name for p in key_file.parent.iterdir()) == ["secret_key"]


def test_unwritable_data_folder_is_one_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUIZAPP_DATA_DIR", str(blocker / "data"))
    with pytest.raises(ConfigError, match="not writable"):
        create_app()


def test_security_headers_and_cookie_flags(client):
    make_user("teacher", "prof")
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_inline_script_in_pages(client, auth):
    make_user("teacher", "prof")
    auth.login("prof")
    for path in ("/login", "/classes", "/account/password"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and "javascript:" not in html


def test_stylesheet_is_served(client):
    html = client.get("/login").get_data(as_text=True)
    assert "/static/vendor/pico/pico.min.css" in html
    assert client.get("/static/vendor/pico/pico.min.css").status_code == 200
    assert client.get("/static/css/app.css").status_code == 200


def test_healthz_ok_and_unavailable(client, app):
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    broken = create_app(
        {**app.config, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    )
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503


def test_friendly_error_pages_never_show_a_traceback(tmp_path, app):
    fresh = create_app(dict(app.config))

    @fresh.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    client = fresh.test_client()
    assert "Cette page n&#39;existe pas" in client.get("/no/such/page").get_data(as_text=True)
    response = client.get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret internals" not in html and "Traceback" not in html


def test_request_size_limit(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"username": "x" * 5000, "password": "y"})
    assert response.status_code == 413
    assert "trop volumineux" in response.get_data(as_text=True)


def test_both_languages_render_and_choice_is_remembered(client, auth):
    assert "Connexion" in client.get("/login").get_data(as_text=True)
    post(client, "/language", {"lang": "en"})
    assert "Log in" in client.get("/login").get_data(as_text=True)
    user = make_user("teacher", "prof")
    auth.login("prof")
    post(client, "/language", {"lang": "en"})
    db.session.rollback()
    assert db.session.get(type(user), user.id).locale == "en"
    page = client.get("/classes").get_data(as_text=True)
    assert "My classes" in page and 'lang="en"' in page


def test_session_cookie_is_secure_over_https_and_behind_a_trusted_proxy(app):
    client = app.test_client()
    over_http = client.get("/login").headers["Set-Cookie"]
    assert "Secure" not in over_http
    over_https = app.test_client().get("/login", base_url="https://localhost").headers["Set-Cookie"]
    assert "Secure" in over_https
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    untrusted = app.test_client().get("/login", headers=forwarded).headers["Set-Cookie"]
    assert "Secure" not in untrusted  # no proxy configured: the header is not believed
    from quizapp import create_app

    proxied = create_app({**app.config, "PROXY_HOPS": 1})
    trusted = proxied.test_client().get("/login", headers=forwarded).headers["Set-Cookie"]
    assert "Secure" in trusted
