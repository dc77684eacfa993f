"""Every route against six actors, built from the app's URL map.

A new route without an entry in ``EXPECTED`` fails ``test_every_route_has_an_expectation``:
whoever adds a route must say who may use it. Each area may keep its expectations in
``tests/access_<area>.py`` (dicts ``EXPECTED`` and ``FORM_DATA``); they are merged here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from conftest import csrf_token, make_bank, make_class, make_quiz, make_user, post

ACTORS = ("anonymous", "student", "other_student", "owner", "other_teacher", "admin")
LOGIN = "login"  # a redirect to the login page

# endpoint -> (method, {actor: expected status}); the owner is the teacher of the class.
EXPECTED: dict[str, tuple[str, dict[str, int | str]]] = {
    "main.index": (
        "GET",
        dict(
            anonymous=302, student=302, other_student=302, owner=302, other_teacher=302, admin=302
        ),
    ),
    "main.healthz": ("GET", dict.fromkeys(ACTORS, 200)),
    # The test client calls from 127.0.0.1; other addresses get a 404 (see test_ops).
    "ops.metrics": ("GET", dict.fromkeys(ACTORS, 200)),
    "main.set_language": ("POST", dict.fromkeys(ACTORS, 302)),
    "auth.login": ("GET", dict.fromkeys(ACTORS, 200)),
    "auth.logout": (
        "POST",
        dict(
            anonymous=LOGIN, student=302, other_student=302, owner=302, other_teacher=302, admin=302
        ),
    ),
    "auth.register": ("GET", dict.fromkeys(ACTORS, 200)),
    "auth.setup": ("GET", dict.fromkeys(ACTORS, 404)),  # a made-up token
    "auth.change_password": (
        "GET",
        dict(
            anonymous=LOGIN, student=200, other_student=200, owner=200, other_teacher=200, admin=200
        ),
    ),
    "admin.users": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=403, other_teacher=403, admin=200
        ),
    ),
    "admin.create_user": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=403, other_teacher=403, admin=200
        ),
    ),
    "admin.toggle_user": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=403, other_teacher=403, admin=302
        ),
    ),
    "classes.list_classes": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=200, admin=200
        ),
    ),
    "classes.create_class": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=302, admin=302
        ),
    ),
    "classes.show_class": (
        "GET",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=200, other_teacher=404, admin=200
        ),
    ),
    "classes.regenerate_code": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
    "classes.remove_student": (
        "POST",
        dict(
            anonymous=LOGIN, student=403, other_student=403, owner=302, other_teacher=404, admin=302
        ),
    ),
}

FORM_DATA = {
    "main.set_language": {"lang": "en"},
    "classes.create_class": {"name": "Nouvelle"},
}


for _path in sorted(Path(__file__).parent.glob("access_*.py")):
    _module = importlib.import_module(_path.stem)
    EXPECTED.update(_module.EXPECTED)
    FORM_DATA.update(getattr(_module, "FORM_DATA", {}))


def routes(app):
    return sorted(
        (rule.endpoint, rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
    )


def test_every_route_has_an_expectation(app):
    missing = [endpoint for endpoint, _ in routes(app) if endpoint not in EXPECTED]
    assert missing == [], f"routes without an access expectation: {missing}"


def _world():
    """The owner teaches a class with ``student`` in it, owns a bank and a quiz
    assigned to that class; ``student`` has a submitted attempt.
    ``other_student`` is in another teacher's class."""
    from quizapp.services import attempts

    owner = make_user("teacher", "owner")
    make_user("teacher", "other_teacher")
    make_user("admin", "admin")
    student = make_user("student", "student")
    other_student = make_user("student", "other_student")
    make_class(make_user("teacher", "third"), students=[other_student])
    school_class = make_class(owner, students=[student])
    victim = make_user("teacher", "victim")
    bank = make_bank(owner)
    from quizapp.extensions import db
    from quizapp.models import Article

    article = Article(owner_id=owner.id, title="Moscou et Pyongyang", text="Un texte.")
    db.session.add(article)
    bank.article = article
    db.session.commit()
    quiz = make_quiz(owner, bank, [school_class])
    change = _story_with_a_change(owner, article, bank.questions[0])
    attempt = attempts.start_or_resume(quiz, student)
    attempts.submit(attempt)
    return {
        "class_id": school_class.id,
        "student_id": student.id,
        "user_id": victim.id,
        "token": "made-up",
        "bank_id": bank.id,
        "question_id": bank.questions[0].id,
        "quiz_id": quiz.id,
        "attempt_id": attempt.id,
        "article_id": article.id,
        "story_id": change.story_id,
        "change_id": change.id,
        "slot": 0,
        "fmt": "csv",
    }


def _story_with_a_change(owner, article, question):
    """The owner's story holds the article, and a later value flagged on a question."""
    from quizapp.extensions import db
    from quizapp.models import Story, StoryArticle, StoryChange

    story = Story(owner_id=owner.id, title="Moscou et Pyongyang", students_can_view=True)
    db.session.add(story)
    db.session.add(StoryArticle(story=story, article=article, position=0))
    change = StoryChange(
        story=story,
        question_id=question.id,
        earlier_article_id=article.id,
        later_article_id=article.id,
        kind="figure",
        subject="soldats",
        before="10 000",
        after="12 000",
        before_sentence="Environ 10 000 soldats.",
        after_sentence="Environ 12 000 soldats.",
    )
    db.session.add(change)
    db.session.commit()
    return change


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_access(app, client, auth, endpoint, actor):
    method, expected = EXPECTED[endpoint]
    ids = _world()
    rule = next(rule for name, rule in routes(app) if name == endpoint)
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **{arg: ids[arg] for arg in rule.arguments})
    if actor != "anonymous":
        auth.login(actor)
    if method == "GET":
        response = client.get(url)
    else:
        response = post(client, url, FORM_DATA.get(endpoint, {}))
    want = expected[actor]
    if want == LOGIN:
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == want, response.get_data(as_text=True)[:300]


@pytest.mark.parametrize("endpoint", [e for e, (m, _) in EXPECTED.items() if m == "POST"])
def test_every_post_route_refuses_a_missing_csrf_token(app, client, auth, endpoint):
    ids = _world()
    auth.login("admin")
    rule = next(rule for name, rule in routes(app) if name == endpoint)
    with app.test_request_context():
        from flask import url_for

        url = url_for(endpoint, **{arg: ids[arg] for arg in rule.arguments})
    csrf_token(client)
    assert client.post(url, data=FORM_DATA.get(endpoint, {})).status_code == 400
