"""In Chromium: a teacher gives a student a temporary password from the class page;
the student logs in with it and must choose their own before anything else."""

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
from conftest import PASSWORD, make_class, make_user

from quizapp.extensions import db
from quizapp.models import User

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="needs playwright").expect
NEW = "une-phrase-bien-a-moi-7"


def test_a_teacher_resets_a_student_s_password(browser_app, browser_server, chromium, desktop_page):
    page = desktop_page
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        zoe = make_user("student", "zoe", display_name="Zoé Marchal")
        school_class = make_class(teacher, "4e A", students=[zoe])
        class_id = school_class.id
    login(page, browser_server, "prof")
    page.goto(browser_server.url(f"/classes/{class_id}"))
    page.locator("tr", has_text="zoe").get_by_role("link", name="Nouveau mot de passe").click()
    expect(page.locator("h1")).to_contain_text("Réinitialiser le mot de passe de Zoé Marchal")
    page.get_by_role("button", name="Créer un mot de passe provisoire").click()
    expect(page.locator("code.temporary-password")).to_be_visible()
    password = page.locator("code.temporary-password").inner_text().strip()
    assert len(password) == 12 and page.problems == []

    with open_page(chromium, DESKTOP) as pupil:
        login(pupil, browser_server, "zoe")  # the old password no longer works
        assert "Identifiant ou mot de passe incorrect" in pupil.content()
        login(pupil, browser_server, "zoe", password)
        assert pupil.url.endswith("/account/password")
        assert "Votre mot de passe est provisoire" in pupil.content()
        pupil.goto(browser_server.url("/student"))  # any page leads back to the change
        assert pupil.url.endswith("/account/password")
        pupil.get_by_label("Mot de passe actuel").fill(password)
        pupil.locator("input[name=password]").fill(NEW)
        pupil.locator("input[name=confirm]").fill(NEW)
        pupil.locator("main form button[type=submit]").click()
        expect(pupil.get_by_text("Mot de passe changé")).to_be_visible()
        pupil.goto(browser_server.url("/student"))
        assert pupil.url.endswith("/student") and "4e A" in pupil.content()

    with browser_app.app_context():
        user = db.session.scalar(db.select(User).where(User.username == "zoe"))
        assert user.check_password(NEW) and not user.check_password(PASSWORD)
        assert not user.must_change_password
