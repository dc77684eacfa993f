"""A teacher follows a story in Chromium: two articles of one story, the later one
revises a toll; the earlier question is flagged on the story page and in its bank."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_support import browser_app, browser_server, chromium, desktop_page, login  # noqa: F401
from conftest import make_user
from test_stories import EARLIER, LATER

from quizapp.extensions import db
from quizapp.models import StoryChange
from quizapp.services import workspace

pytestmark = pytest.mark.browser


def test_two_articles_of_one_story_flag_the_change(browser_app, browser_server, desktop_page):
    page = desktop_page
    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        for text, day in ((EARLIER, 1), (LATER, 15)):
            workspace.add_article_with_bank(
                teacher, text, title=None, source="", published_on=dt.date(2024, 11, day)
            )
            db.session.commit()
    login(page, browser_server, "prof")

    page.goto(browser_server.url("/teacher/stories"))
    page.get_by_label("Titre de l’histoire").fill("Crise en Valdorie")
    page.get_by_role("button", name="Créer l’histoire").click()
    page.wait_for_url("**/teacher/stories/*")

    for title in ("les renforts arrivent", "l'armée mobilise"):  # the later one first
        select = page.get_by_label("Article à ajouter")
        option = select.locator("option", has_text=title)
        select.select_option(value=option.get_attribute("value"))
        with page.expect_navigation():
            page.get_by_role("button", name="Ajouter à l’histoire").click()
        assert "Article ajouté" in page.content()

    changes = page.locator("table.story-changes")
    assert changes.get_by_text("31", exact=True).first.is_visible()
    assert changes.get_by_role("button", name="Retirer", exact=True).first.is_visible()
    timeline = page.locator("ol.story-timeline > li")
    assert "mobilise" in timeline.nth(0).inner_text()  # date order, not the order added
    assert "Marc Dubreuil" in timeline.nth(1).inner_text()

    with browser_app.app_context():
        change = db.session.scalar(db.select(StoryChange).where(StoryChange.after == "31"))
        bank_id = change.question.bank_id
    page.goto(browser_server.url(f"/teacher/banks/{bank_id}"))
    assert "Une information plus récente existe : 31 selon l’article du 15 nov. 2024" in (
        page.content()
    )

    page.goto(browser_server.url(f"/teacher/stories/{change.story_id}"))
    page.locator("table.story-changes").get_by_role(
        "button", name="Retirer", exact=True
    ).first.click()
    page.get_by_role("button", name="Retirer la question").click()
    page.wait_for_url("**/teacher/stories/*")
    assert "Question retirée" in page.content()
    assert page.problems == []
