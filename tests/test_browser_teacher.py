"""A teacher's day in Chromium: log in, add the seed article, review the generated
candidates (accept, edit), build a quiz and assign it to a class."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import browser_app, browser_server, chromium, desktop_page, login  # noqa: F401
from conftest import make_class, make_user

from quizapp.extensions import db
from quizapp.models import Question, Quiz

pytestmark = pytest.mark.browser
SEED = Path(__file__).resolve().parents[1] / "questions" / "moscou-pyongyang-2024-11-01.txt"


def test_teachers_day(browser_app, browser_server, desktop_page):
    page = desktop_page
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        make_class(teacher, "Terminale B")
    login(page, browser_server, "prof")

    # Paste this morning's article: the generator fills a review queue.
    page.goto(browser_server.url("/teacher/articles/new"))
    page.get_by_label("Texte de l’article").fill(SEED.read_text(encoding="utf-8"))
    page.get_by_label("Date de publication").fill("2024-11-01")
    page.get_by_role("button", name="Générer les questions").click(no_wait_after=True)
    page.wait_for_url("**/teacher/banks/*status=candidate*", timeout=90_000)  # loads the model
    assert "questions proposées" in page.content()
    cards = page.locator("article.question-card")
    assert cards.count() >= 10
    assert page.get_by_text("Sergueï Lavrov").first.is_visible()

    # Accept the first two candidates one by one.
    for _ in range(2):
        page.locator("article.question-card").first.get_by_role("button", name="Accepter").click()
        page.wait_for_load_state()

    # Edit a candidate: change its stem; « Enregistrer et accepter » saves version 2, accepted.
    page.locator("article.question-card").first.locator("a", has_text="Modifier").click()
    stem = page.get_by_label("Énoncé")
    new_stem = stem.input_value().rstrip(" ?") + " (d’après l’article) ?"
    stem.fill(new_stem)
    page.get_by_role("button", name="Enregistrer et accepter").click()
    page.wait_for_load_state()
    assert "version 2" in page.content() and "acceptée" in page.content()

    # Accept every remaining candidate above 0.5 in one go.
    page.locator("#bulk-form select[name=action]").select_option("accept_above")
    page.locator("#bulk-form input[name=threshold]").fill("0.5")
    page.locator("#bulk-form button[type=submit]").click()
    page.wait_for_load_state()

    # Build a 5-question quiz for the class.
    page.locator(".actions a", has_text="Créer un quiz").click()
    page.get_by_label("Titre").fill("Quiz du vendredi")
    boxes = page.locator("input[name=question_ids]")
    for i in range(5):
        boxes.nth(i).check()
    page.get_by_label("Terminale B").check()
    page.get_by_label("Fermeture").fill("2030-06-14T17:00")
    page.get_by_role("button", name="Enregistrer le quiz").click()
    page.wait_for_url("**/teacher/quizzes")
    assert "Quiz du vendredi" in page.content() and "Terminale B" in page.content()
    assert page.problems == []

    with browser_app.app_context():
        quiz = db.session.scalar(db.select(Quiz))
        assert len(quiz.slots) == 5 and quiz.assignments[0].school_class.name == "Terminale B"
        edited = db.session.scalar(
            db.select(Question)
            .where(Question.current_version_id.isnot(None))
            .order_by(Question.id.desc())
            .limit(1)
        )
        versions = {q.current_version.number for q in db.session.scalars(db.select(Question))}
        assert 2 in versions and edited is not None


def test_choosing_another_bank_in_the_quiz_form_lists_its_questions(
    browser_app, browser_server, desktop_page
):
    from conftest import make_bank

    from quizapp.domain.questiondata import Answer, QuestionData

    page = desktop_page
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        make_bank(teacher, [QuestionData(type="short", stem="Première ?", answers=[Answer("a")])])
        make_bank(
            teacher,
            [QuestionData(type="short", stem="Seconde ?", answers=[Answer("b")])],
            name="Autre",
        )
    login(page, browser_server, "prof")
    page.goto(browser_server.url("/teacher/quizzes/new"))
    page.get_by_label("Titre").fill("Quiz du vendredi")
    assert page.get_by_text("Seconde ?").is_visible()  # "Autre", first in the list
    page.get_by_label("Banque").select_option(label="Banque")
    page.get_by_text("Première ?").wait_for()
    assert not page.get_by_text("Seconde ?").count()
    assert page.get_by_label("Titre").input_value() == "Quiz du vendredi"
    with browser_app.app_context():
        assert db.session.scalar(db.select(db.func.count(Quiz.id))) == 0
    assert page.problems == []
