"""Marking two essays in Chromium, one at a time, with the keyboard: the first with
its mark typed and Enter, the second with the digit shortcut and Ctrl+Enter."""

from __future__ import annotations

import pytest
from browser_support import browser_app, browser_server, chromium, desktop_page, login  # noqa: F401
from conftest import make_bank, make_class, make_quiz, make_user
from test_marking import questions, take

from quizapp.extensions import db
from quizapp.models import Attempt, QuizQuestion

pytestmark = pytest.mark.browser


def test_a_teacher_marks_two_essays(browser_app, browser_server, desktop_page):
    page = desktop_page
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        leane = make_user("student", "leane", display_name="Léane Fournel")
        tomas = make_user("student", "tomas", display_name="Tomas Brival")
        school_class = make_class(teacher, students=[leane, tomas])
        quiz = make_quiz(
            teacher, make_bank(teacher, questions()), [school_class], shuffle_options=False
        )
        db.session.execute(
            db.update(QuizQuestion).where(QuizQuestion.position == 2).values(mark=2.0)
        )
        db.session.commit()
        take(quiz, leane, [0, "Valcourt", "Parce que les deux pays y ont signé un accord."])
        take(quiz, tomas, [1, "Valcourt", "Elle ouvre la frontière."])
        quiz_id = quiz.id
    login(page, browser_server, "prof")

    page.goto(browser_server.url(f"/teacher/quizzes/{quiz_id}/marking"))
    assert "2 réponses à corriger" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Corriger une par une").click()

    # Léane's essay: the mark field has the focus; type it, a comment, Enter in the mark.
    assert "signé un accord" in page.content()
    page.keyboard.type("1,5")
    page.get_by_label("Commentaire pour l’élève").fill("Bonne idée, à développer.")
    with page.expect_navigation():
        page.get_by_label("Note", exact=True).press("Enter")

    # Tomas's essay: Escape leaves the field, « 2 » gives the mark, « c » the comment.
    assert "Elle ouvre la frontière." in page.content()
    page.keyboard.press("Escape")
    page.keyboard.press("2")
    assert page.get_by_label("Note", exact=True).input_value() == "2"
    page.keyboard.press("c")
    page.keyboard.type("Clair et juste.")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"**/teacher/quizzes/{quiz_id}/marking")
    assert "Aucune réponse à corriger." in page.content()
    assert page.problems == []

    with browser_app.app_context():
        marked = {
            a.student.username: (a.score, next(r for r in a.responses if r.slot == 2))
            for a in db.session.scalars(db.select(Attempt))
        }
        assert (
            marked["leane"][0] == 3.5 and marked["leane"][1].comment == "Bonne idée, à développer."
        )
        assert marked["tomas"][0] == 3.0 and marked["tomas"][1].comment == "Clair et juste."
