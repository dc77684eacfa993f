"""A teacher follows a story in Chromium: two articles of one story, the later one
revises a toll; the earlier question is flagged on the story page and in its bank."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_support import browser_app, browser_server, chromium, desktop_page, login  # noqa: F401
from conftest import make_user
from playwright.sync_api import expect
from test_stories import EARLIER, LATER

from quizapp.extensions import db
from quizapp.models import Story, StoryChange
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


def test_filters_and_the_students_view_of_a_story(browser_app, browser_server, chromium):
    from browser_support import DESKTOP, open_page
    from conftest import make_class

    from quizapp.services import stories

    with browser_app.app_context():
        teacher = make_user("teacher", "prof2")
        student = make_user("student", "eleve2")
        make_class(teacher, students=[student])
        story = stories.create_story(teacher, "Crise en Valdorie")
        db.session.commit()
        story_id = story.id
        for text, day in ((EARLIER, 1), (LATER, 15)):
            article, _bank = workspace.add_article_with_bank(
                teacher, text, title=None, source="", published_on=dt.date(2024, 11, day)
            )
            db.session.commit()
            stories.add_article(db.session.get(Story, story_id), article, teacher)
            db.session.commit()

    with open_page(chromium, DESKTOP) as page:
        _teacher_filters_and_shows(page, browser_server, story_id)
    with open_page(chromium, DESKTOP) as page:
        _student_reads(page, browser_server)


def _teacher_filters_and_shows(page, browser_server, story_id: int) -> None:
    login(page, browser_server, "prof2")
    page.goto(browser_server.url(f"/teacher/stories/{story_id}"))
    page.locator("form.filters select[name=facts]").select_option("changed")
    with page.expect_navigation():
        page.get_by_role("button", name="Filtrer").click()
    timeline = page.locator("ol.story-timeline")
    assert "Marc Dubreuil" in timeline.inner_text()
    assert "faits nouveaux" not in timeline.inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="La montrer aux élèves").click()
    assert "Les élèves de vos classes peuvent lire cette histoire" in page.content()
    assert page.problems == []


def _student_reads(page, browser_server) -> None:
    login(page, browser_server, "eleve2")
    page.goto(browser_server.url("/student"))
    with page.expect_navigation():
        page.get_by_role("link", name="1 histoire d’actualité à suivre").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Crise en Valdorie").click()
    entries = page.locator("ol.story-timeline > li")
    assert "Paul Verneuil" in entries.nth(1).inner_text()  # what changed, then the later value
    entries.nth(0).get_by_text("Lire l’article").click()
    expect(entries.nth(0).get_by_text("Environ 10 000 soldats", exact=False)).to_be_visible()
    assert page.problems == []
