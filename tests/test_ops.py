"""Operations: request ids, metrics, backups that restore every attempt.

Login throttling shared between workers (Redis, or a file) is in ``test_throttle.py``.
"""

from __future__ import annotations

import pytest
from conftest import make_bank, make_class, make_quiz, make_user

from quizapp.cli.database import backup_command, restore_command
from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.services import attempts


def test_every_response_carries_a_request_id(client):
    first = client.get("/login").headers["X-Request-Id"]
    second = client.get("/login").headers["X-Request-Id"]
    assert len(first) == 16 and first != second
    assert (
        client.get("/login", headers={"X-Request-Id": "abcdef123456"}).headers["X-Request-Id"]
        == "abcdef123456"
    )


def test_metrics_answer_localhost_only(client, app):
    client.get("/login")
    local = client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert local.status_code == 200
    assert b'quizapp_requests_total{endpoint="auth.login"' in local.data
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 404
    app.config["METRICS_TOKEN"] = "s3cret-token"
    remote = client.get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
        headers={"Authorization": "Bearer s3cret-token"},
    )
    assert remote.status_code == 200


def test_backup_then_restore_finds_every_attempt(app, runner, tmp_path):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("backup and restore copy SQLite files")
    teacher, student = make_user("teacher"), make_user("student")
    quiz = make_quiz(teacher, make_bank(teacher), [make_class(teacher, students=[student])])
    attempt = attempts.start_or_resume(quiz, student)
    attempts.save_answer(attempt, 0, 0)
    db.session.commit()
    attempts.submit(attempt)
    expected = [(attempt.id, "submitted", attempt.score)]
    slots = len(attempt.layout)
    target = tmp_path / "backup.sqlite3"
    result = runner.invoke(backup_command, [str(target)])
    assert result.exit_code == 0 and "integrity check: ok" in result.output
    db.session.execute(db.delete(Attempt))
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 0
    db.session.remove()
    result = runner.invoke(restore_command, [str(target), "--yes"])
    assert result.exit_code == 0, result.output
    restored = db.session.scalars(db.select(Attempt)).all()
    assert [(a.id, a.state, a.score) for a in restored] == expected
    assert len(restored[0].responses) == slots


def test_restore_refuses_a_file_that_is_not_a_database(runner, tmp_path, app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    junk = tmp_path / "junk"
    junk.write_bytes(b"not a database at all" * 100)
    result = runner.invoke(restore_command, [str(junk), "--yes"])
    assert result.exit_code == 1 and "Traceback" not in result.output
