"""Fixtures: app, client, runner, builders and a CSRF-aware login helper.

Database tests run on SQLite by default and on PostgreSQL when
``QUIZAPP_TEST_DATABASE_URL`` is set (CI sets it); tests that use the ``app``
fixture are marked ``db`` automatically.
"""

from __future__ import annotations

import contextvars
import itertools
import os
import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from quizapp import create_app
from quizapp.extensions import db

PG_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
PASSWORD = "correct-horse-battery-9"
_counter = itertools.count(1)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


def _reset_postgres() -> None:
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def _pg_schema():
    """Create the PostgreSQL schema once per run, from the migrations."""
    if not PG_URL:
        return None
    app = create_app(_config("/tmp", PG_URL))
    with app.app_context():
        from flask_migrate import upgrade

        wipe_database()
        upgrade()
    return PG_URL


def wipe_database() -> None:
    """Remove every table, whatever state an earlier run left the database in."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    else:
        db.drop_all()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def _config(data_dir: str, url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": url,
        "DATA_DIR": data_dir,
        "PASSWORD_HASH_METHOD": "argon2id:1:64:1",  # still Argon2id, cheaper for tests
    }


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production.

    pytest-flask keeps an app context pushed for the test; without this, requests
    would share its ``g`` and its database session, so a view that forgets to
    commit, or a value cached in ``g`` (the CSRF token, the logged-in user),
    would look right in tests and fail in production.
    """

    def open(self, *args, **kwargs):
        def run():
            try:
                return FlaskClient.open(self, *args, **kwargs)
            finally:
                self._context_stack.close()  # pop the request's contexts in their own Context

        return contextvars.Context().run(run)


@pytest.fixture
def app(tmp_path, _pg_schema):
    url = _pg_schema or f"sqlite:///{tmp_path / 'test.sqlite3'}"
    app = create_app(_config(str(tmp_path), url))
    app.test_client_class = IsolatedClient
    with app.app_context():
        if _pg_schema:
            _reset_postgres()
        else:
            from flask_migrate import stamp

            db.create_all()  # faster than replaying migrations; test_migrations checks they agree
            stamp()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(client, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client, path: str, data: dict | None = None, *, token_from: str = "/login", **kw):
    """POST with a valid CSRF token, as a browser would."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client, token_from))
    return client.post(path, data=data, **kw)


def make_user(role: str = "student", username: str | None = None, password: str = PASSWORD, **kw):
    from quizapp.services.accounts import create_user

    user = create_user(username or f"{role}{next(_counter)}", password, role, **kw)
    db.session.commit()
    return user


def make_class(teacher, name: str = "3e B", students=()):
    from quizapp.models import SchoolClass
    from quizapp.services.accounts import join_class, unique_join_code

    school_class = SchoolClass(name=name, teacher_id=teacher.id, join_code=unique_join_code())
    db.session.add(school_class)
    db.session.flush()
    for student in students:
        join_class(student, school_class)
    db.session.commit()
    return school_class


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, username: str, password: str = PASSWORD):
        return post(self.client, "/login", {"username": username, "password": password})

    def logout(self):
        return post(self.client, "/logout")


@pytest.fixture
def auth(client):
    return Auth(client)


# --- long work beside a student's save ----------------------------------------------
def save_during(app, teacher, monkeypatch, module, name, other_request):
    """Run ``other_request`` in a thread, hold it inside ``module.name`` (its long
    work) and have a student of ``teacher`` save an answer meanwhile. Returns (the
    save's response, whether the other request was still running, its response)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    student = make_user("student", "eleve")
    bank = make_bank(teacher, name="Banque du jour")
    quiz = make_quiz(teacher, bank, [make_class(teacher, students=[student])])
    pupil = app.test_client()
    Auth(pupil).login("eleve")
    token = csrf_token(pupil, f"/student/quizzes/{quiz.id}")
    started = pupil.post(f"/student/quizzes/{quiz.id}/start", data={"csrf_token": token})
    attempt_id = int(started.headers["Location"].rsplit("/", 1)[1])
    token = csrf_token(pupil, f"/attempts/{attempt_id}")

    working, saved = threading.Event(), threading.Event()
    real = getattr(module, name)

    def slow(*args, **kwargs):
        working.set()
        saved.wait(20)  # still at work while the student saves
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, slow)
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(other_request)
        while not working.wait(0.05):
            assert not running.done(), running.result()  # it ended before the long work
        try:
            response = pupil.post(
                f"/attempts/{attempt_id}/answer",
                json={"slot": 0, "answer": 0},
                headers={"X-CSRFToken": token, "Accept": "application/json"},
            )
        finally:
            saved.set()
        return response, not running.done(), running.result(timeout=60)


# --- content and quiz builders ------------------------------------------------
def sample_questions():
    """One question of each scored type, about the seed article."""
    from quizapp.domain.questiondata import Answer, Blank, QuestionData, Source

    sentence = (
        "Lors d'une rencontre avec son homologue russe, Sergueï Lavrov, Choe Son Hui a "
        "déclaré : « Il n'y a pas de doute que l'armée et le peuple russes remporteront "
        "une grande victoire en Ukraine. »"
    )
    src = Source(sentence=sentence, start=0, end=len(sentence))
    return [
        QuestionData(
            type="mcq",
            kind="meeting",
            stem="Qui Choe Son Hui a-t-elle rencontré à Moscou ?",
            answers=[
                Answer("Sergueï Lavrov", 1.0),
                Answer("Antony Blinken", 0.0),
                Answer("Volodymyr Zelensky", 0.0),
                Answer("Vladimir Poutine", 0.0),
            ],
            explanation="« " + sentence + " »",
            source=src,
            tags=["rencontres"],
        ),
        QuestionData(
            type="multi",
            stem="Quels pays sont alliés dans l'article ?",
            answers=[
                Answer("Russie", 0.5),
                Answer("Corée du Nord", 0.5),
                Answer("Chine", -0.5),
                Answer("Corée du Sud", -0.5),
            ],
            tags=["alliances"],
        ),
        QuestionData(
            type="truefalse",
            stem="La Chine soutient ouvertement l'alliance.",
            answers=[Answer("true", 0.0), Answer("false", 1.0)],
            tags=["positions"],
        ),
        QuestionData(
            type="short",
            stem="Quelle ville a accueilli la rencontre ?",
            answers=[Answer("Moscou", 1.0)],
            options={"typos": True},
            tags=["rencontres"],
        ),
        QuestionData(
            type="numeric",
            kind="figure",
            stem="Combien de soldats nord-coréens environ sont entrés en Russie ?",
            answers=[Answer("10000", 1.0, tolerance=500)],
            options={"unit": "soldats"},
            tags=["chiffres"],
        ),
        QuestionData(
            type="matching",
            stem="Associez chaque personne à sa fonction.",
            pairs=[
                ("Sergueï Lavrov", "ministre russe des Affaires étrangères"),
                ("Antony Blinken", "secrétaire d'État américain"),
                ("Volodymyr Zelensky", "président ukrainien"),
            ],
            tags=["rôles"],
        ),
        QuestionData(
            type="cloze",
            stem="Jusqu'à {1} soldats seraient déployés dans la région de {2}.",
            blanks=[
                Blank("numeric", [Answer("8000", 1.0)]),
                Blank("short", [Answer("Koursk", 1.0)]),
            ],
            tags=["chiffres"],
        ),
    ]


def make_bank(owner, questions=None, name: str = "Banque", status: str = "accepted"):
    from quizapp.models import Bank
    from quizapp.services.banks import add_question

    bank = Bank(owner_id=owner.id, name=name, tags=[])
    db.session.add(bank)
    for data in questions if questions is not None else sample_questions():
        data.status = status
        add_question(bank, data, author=owner)
    db.session.commit()
    return bank


def make_quiz(owner, bank, classes=(), **settings):
    from quizapp.models import Quiz, QuizAssignment, QuizQuestion

    settings.setdefault("max_attempts", 0)
    quiz = Quiz(owner_id=owner.id, bank_id=bank.id, title=settings.pop("title", "Quiz"), **settings)
    db.session.add(quiz)
    db.session.flush()
    if not quiz.draw_per_tag:
        for position, question in enumerate(bank.questions):
            db.session.add(
                QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position)
            )
    for school_class in classes:
        db.session.add(QuizAssignment(quiz_id=quiz.id, class_id=school_class.id))
    db.session.commit()
    return quiz
