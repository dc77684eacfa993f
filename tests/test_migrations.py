"""The migrations build exactly the schema the models describe, on every database."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import wipe_database
from flask_migrate import downgrade, upgrade

from quizapp.extensions import begin_write, db


def test_migrations_match_models(app):
    with app.app_context():
        wipe_database()
        upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == []
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()


def test_quizzes_made_before_the_article_setting_keep_their_article(app):
    """8f3a61c2d7e5 adds quiz.show_article: a quiz already there gets "always"."""
    from datetime import datetime

    with app.app_context():
        wipe_database()
        upgrade(revision="5b7e2c1d9a31")
        now = datetime(2026, 12, 1, 9, 0)
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO user_account (id, username, display_name, password_hash, role,"
                    " active, session_version, created_at)"
                    " VALUES (1, 'prof', 'Prof', 'x', 'teacher', true, 1, :now)"
                ),
                {"now": now},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO quiz (id, owner_id, title, instructions, max_attempts,"
                    " grading_method, shuffle_questions, shuffle_options, one_per_page,"
                    " show_correctness, show_answers, show_explanations, pass_mark, created_at)"
                    " VALUES (1, 1, 'Vendredi', '', 1, 'highest', false, true, true,"
                    " 'after_submit', 'after_submit', 'after_submit', 50, :now)"
                ),
                {"now": now},
            )
        upgrade(revision="8f3a61c2d7e5")
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT show_article FROM quiz")).scalar() == "always"
        downgrade(revision="5b7e2c1d9a31")
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("quiz")}
        assert "show_article" not in columns
        with db.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT title FROM quiz")).scalar() == "Vendredi"
        wipe_database()
        upgrade()


def _sqlite_only():
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite connection settings")


def test_sqlite_connections_have_foreign_keys_wal_and_timeout(app):
    _sqlite_only()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_begin_write_takes_the_write_lock_up_front(app):
    _sqlite_only()
    begin_write()
    other = sqlite3.connect(db.engine.url.database, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
        db.session.rollback()


def test_a_post_waits_for_another_writer_instead_of_failing(app, client):
    """A login reads the account then writes last_login_at; if another worker commits
    in between, a deferred SQLite transaction fails ("database is locked"). POSTs
    take the write lock when they begin, so they wait their turn instead."""
    import threading
    import time

    from conftest import PASSWORD, csrf_token, make_user

    _sqlite_only()
    make_user("teacher", "prof")
    token = csrf_token(client)
    other = sqlite3.connect(db.engine.url.database, timeout=5, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE user_account SET display_name = 'autre worker'")
    result = {}

    def log_in():
        result["status"] = client.post(
            "/login", data={"username": "prof", "password": PASSWORD, "csrf_token": token}
        ).status_code

    thread = threading.Thread(target=log_in)
    thread.start()
    time.sleep(0.5)
    other.execute("COMMIT")
    other.close()
    thread.join(timeout=30)
    assert result.get("status") == 302
