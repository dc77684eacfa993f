"""A quiz put away and brought back, in Chromium: the teacher archives it from the
list (confirmation page, then the button), the student no longer sees it, and it is
back in the student's list once restored from « Archivés »."""

from __future__ import annotations

import pytest
from browser_support import (  # noqa: F401
    DESKTOP,
    browser_app,
    browser_server,
    chromium,
    desktop_page,
    login,
    open_page,
)
from conftest import make_bank, make_class, make_quiz, make_user

from quizapp.extensions import db
from quizapp.models import AuditEvent

pytestmark = pytest.mark.browser


def test_an_archived_quiz_leaves_the_students_list_until_it_is_restored(
    browser_app, browser_server, chromium, desktop_page
):
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        pupil = make_user("student", "elise")
        school_class = make_class(teacher, "Seconde 4", students=[pupil])
        make_quiz(teacher, make_bank(teacher), [school_class], title="Quiz des glaciers")
    teacher_page = desktop_page
    login(teacher_page, browser_server, "prof")
    with open_page(chromium, DESKTOP) as student_page:
        login(student_page, browser_server, "elise")
        student_page.goto(browser_server.url("/student"))
        assert student_page.get_by_text("Quiz des glaciers").is_visible()

        teacher_page.goto(browser_server.url("/teacher/quizzes"))
        row = teacher_page.locator("tr", has_text="Quiz des glaciers")
        row.get_by_role("link", name="Archiver").click()
        teacher_page.wait_for_url("**/archive")
        assert "Ses tentatives et ses notes restent dans les rapports" in teacher_page.content()
        teacher_page.locator("main form").get_by_role("button", name="Archiver").click()
        teacher_page.wait_for_url("**/teacher/quizzes")
        assert "« Quiz des glaciers » est archivé." in teacher_page.content()
        assert teacher_page.locator("tr", has_text="Quiz des glaciers").count() == 0

        student_page.reload()
        assert student_page.get_by_text("Quiz des glaciers").count() == 0

        teacher_page.get_by_role("link", name="Archivés").click()
        teacher_page.wait_for_url("**etat=archives*")
        row = teacher_page.locator("tr", has_text="Quiz des glaciers")
        row.get_by_role("button", name="Restaurer").click()
        teacher_page.wait_for_url("**/teacher/quizzes")
        assert "« Quiz des glaciers » est restauré." in teacher_page.content()

        student_page.reload()
        assert student_page.get_by_text("Quiz des glaciers").is_visible()
        assert student_page.problems == [] and teacher_page.problems == []
    with browser_app.app_context():
        actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["archive", "restore"]
