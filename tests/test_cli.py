"""The quizapp command: create-user, demo, serve's start-up checks."""

from __future__ import annotations

import os
import subprocess
import sys

from quizapp.cli.accounts import create_user_command, demo_command
from quizapp.domain.giveaways import giveaway_pairs
from quizapp.extensions import db
from quizapp.models import Bank, Quiz, SchoolClass, User


def test_create_user(runner):
    result = runner.invoke(
        create_user_command, ["Prof", "--role", "teacher", "--password", "une-phrase-secrete"]
    )
    assert result.exit_code == 0, result.output
    db.session.rollback()
    user = db.session.scalar(db.select(User).where(User.username == "prof"))
    assert user.role == "teacher" and user.check_password("une-phrase-secrete")


def test_create_user_refuses_weak_password_in_one_line(runner):
    result = runner.invoke(create_user_command, ["prof", "--password", "court"])
    assert result.exit_code == 1
    assert "10" in result.output and "Traceback" not in result.output
    result = runner.invoke(create_user_command, ["prof", "--password", "azertyuiop"])
    assert result.exit_code == 1


def test_create_user_refuses_duplicate(runner):
    runner.invoke(create_user_command, ["prof", "--password", "une-phrase-secrete"])
    result = runner.invoke(create_user_command, ["prof", "--password", "une-phrase-secrete"])
    assert result.exit_code == 1 and "already taken" in result.output


def test_demo_prints_fresh_credentials_that_work(runner, app):
    result = runner.invoke(demo_command)
    assert result.exit_code == 0, result.output
    lines = {
        line.split()[0]: line.split() for line in result.output.splitlines()[1:] if line.strip()
    }
    teacher_name, teacher_password = lines["teacher"][1], lines["teacher"][2]
    db.session.rollback()
    teacher = db.session.scalar(db.select(User).where(User.username == teacher_name))
    assert teacher.check_password(teacher_password)
    school_class = db.session.scalar(
        db.select(SchoolClass).where(SchoolClass.teacher_id == teacher.id)
    )
    assert school_class is not None
    # The seed article's reviewed bank is loaded, with its article, and a quiz is assigned.
    bank = db.session.scalar(db.select(Bank).where(Bank.owner_id == teacher.id))
    assert "Moscou et Pyongyang" in bank.name and len(bank.questions) >= 20
    assert bank.article is not None and "Choe Son Hui" in bank.article.text
    for question in bank.questions:
        source = question.current_version.question_data.source
        if source:
            assert bank.article.text[source.start : source.end] == source.sentence
    quiz = db.session.scalar(db.select(Quiz).where(Quiz.owner_id == teacher.id))
    assert [a.class_id for a in quiz.assignments] == [school_class.id] and len(quiz.slots) == 10
    # No question of the demo quiz states the answer of another one.
    shown = [(slot.question_id, slot.question.current_version.question_data) for slot in quiz.slots]
    assert giveaway_pairs(shown) == []
    again = runner.invoke(demo_command)
    assert again.exit_code == 0
    assert again.output.split("teacher")[1].split()[1] != teacher_password  # new each time


def _run_cli(args, env_extra, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZAPP_")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_unreachable_database_is_one_line_and_status_2(tmp_path):
    result = _run_cli(
        ["db-check"],
        {
            "QUIZAPP_DATA_DIR": str(tmp_path),
            "QUIZAPP_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none",
        },
        tmp_path,
    )
    assert result.returncode == 2, result.stderr
    assert "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_unwritable_data_folder_is_one_line_and_status_2(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run_cli(["db-check"], {"QUIZAPP_DATA_DIR": str(blocker / "sub")}, tmp_path)
    assert result.returncode == 2
    assert "not writable" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_passes_workers_and_threads_to_gunicorn(runner, monkeypatch):
    from quizapp.cli import server as cli

    started = {}

    def run_gunicorn(host, port, workers, threads, make_app):
        started.update(host=host, port=port, workers=workers, threads=threads)

    monkeypatch.setattr(cli, "run_gunicorn", run_gunicorn)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", "unused")  # no metrics folder to make
    result = runner.invoke(cli.serve_command, ["--workers", "3", "--threads", "1"])
    assert result.exit_code == 0, result.output
    assert started == {"host": "127.0.0.1", "port": 8000, "workers": 3, "threads": 1}
    monkeypatch.setenv("QUIZAPP_THREADS", "8")
    runner.invoke(cli.serve_command, ["--workers", "2"])
    assert started["threads"] == 8
    refused = runner.invoke(cli.serve_command, ["--threads", "0"])
    assert refused.exit_code == 2 and "threads" in refused.output.lower()


def test_serve_loads_the_language_model_once_before_forking_its_workers(monkeypatch, caplog):
    """gunicorn's master loads the model when it is ready, before it forks the workers:
    a worker's first generation then takes well under a second instead of about 6 s
    of CPU. A model that can't load is a warning, not a server that won't start."""
    import logging

    from gunicorn.app.base import BaseApplication

    from quizapp.cli import server as cli
    from quizapp.generation import nlp

    hooks = {}

    def run(self):
        hooks["when_ready"] = self.cfg.when_ready

    monkeypatch.setattr(BaseApplication, "run", run)
    cli.run_gunicorn("127.0.0.1", 8000, 2, make_app=lambda: None)
    assert hooks["when_ready"] is cli.load_language_model
    cli.run_gunicorn(
        "127.0.0.1", 8000, 2, make_app=lambda: None, preload_model=False
    )  # the bare benchmark route
    assert hooks["when_ready"] is not cli.load_language_model

    loaded = []
    monkeypatch.setattr(nlp, "get_nlp", lambda: loaded.append(True))
    server = type("Arbiter", (), {"log": logging.getLogger("gunicorn.test")})()
    cli.load_language_model(server)
    assert loaded == [True]

    def missing():
        raise OSError("[E050] Can't find model 'fr_core_news_md'")

    monkeypatch.setattr(nlp, "get_nlp", missing)
    with caplog.at_level("WARNING", logger="gunicorn.test"):
        cli.load_language_model(server)  # no exception
    assert "language model is not loaded" in caplog.text and "E050" in caplog.text
