# ruff: noqa: F811  (fixtures imported from browser_support)
"""Teacher pages in Chromium at phone (390×844) and laptop (1280×800) width: the
question form names its option columns once, the quiz builder counts the questions
chosen and shows a warning inside the question it concerns, the review queue keeps
the teacher's place, and a new teacher is shown the first steps."""

from __future__ import annotations

import re

import pytest
from browser_support import (  # noqa: F401
    SIZES,
    browser_app,
    browser_server,
    chromium,
    login,
    open_page,
)
from school_world import school  # noqa: F401

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="needs playwright").expect


def _visible(locator) -> list:
    return [item for item in locator.all() if item.is_visible()]


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_option_columns_are_named_once(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["question"]))
        options = page.locator("fieldset[data-types~=mcq]")
        assert len(_visible(options.get_by_text("Valeur (%)", exact=True))) == 1
        heads = {}
        for name in ("Option", "Valeur (%)", "Commentaire (facultatif)"):
            heads[name] = _visible(options.get_by_text(name, exact=True))
            assert len(heads[name]) == 1, name
        # Each field has its own name, and sits under its column's title.
        for n in (1, 2, 3):
            for label, head in (
                (f"Option {n}", "Option"),
                (f"Valeur (%) de l’option {n}", "Valeur (%)"),
                (f"Commentaire de l’option {n}", "Commentaire (facultatif)"),
            ):
                field = page.get_by_label(label, exact=True)
                box, title = field.bounding_box(), heads[head][0].bounding_box()
                assert abs(box["x"] - title["x"]) < 4, label
                assert box["y"] > title["y"] and box["x"] + box["width"] <= SIZES[size]["width"]
        assert page.get_by_label("Option 1", exact=True).input_value()
        assert page.problems == []


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_quiz_builder_counts_the_questions_chosen(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["builder"]))  # all 9 in the quiz
        count = page.locator(".selected-count")
        expect(count).to_have_text("9 questions choisies sur 9")
        boxes = page.locator("input[name=question_ids]")
        for n in range(8):
            boxes.nth(n).uncheck()
        expect(count).to_have_text("1 question choisie sur 9")
        boxes.nth(0).check()
        expect(count).to_have_text("2 questions choisies sur 9")
        assert count.get_attribute("aria-live") == "polite"

        boxes.nth(0).uncheck()
        boxes.nth(8).uncheck()
        expect(count).to_have_text("0 questions choisies sur 9")  # as the server says it

        page.goto(browser_server.url(school["teacher"]["new-quiz"]))  # nothing chosen yet
        expect(page.locator(".selected-count")).to_have_text("0 questions choisies sur 9")
        assert page.problems == []


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_giveaway_warning_sits_inside_its_question(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["builder"]))
        warnings = page.locator(".giveaway")
        assert warnings.count() == 2
        for warning in warnings.all():
            item = warning.locator("xpath=ancestor::li[1]")
            box, inside = item.bounding_box(), warning.bounding_box()
            stem = item.locator("label").bounding_box()
            # within its question's box, under its stem, clear of the box's edges
            assert box["y"] < stem["y"] < inside["y"]
            assert inside["y"] + inside["height"] <= box["y"] + box["height"] - 4
            edge = item.evaluate("li => getComputedStyle(li).borderBottomWidth")
            assert float(edge.rstrip("px")) >= 1, "no line between questions"
            # the box says which question it is: its checkbox is described by it
            number = re.search(r"question (\d+)", warning.inner_text()).group(1)
            described = item.locator("input[type=checkbox]").get_attribute("aria-describedby")
            assert described == warning.get_attribute("id") and number in ("1", "8")
        assert page.problems == []


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_new_teacher_lands_on_the_first_steps(browser_app, browser_server, chromium, size):
    from conftest import make_user

    with browser_app.app_context():
        make_user("teacher", "nouvelle")
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "nouvelle")
        panel = page.get_by_role("article", name="Premiers pas")
        expect(panel).to_be_visible()
        assert panel.bounding_box()["y"] < SIZES[size]["height"] / 2  # seen without scrolling
        steps = panel.get_by_role("listitem")
        assert [s.get_by_role("link").inner_text() for s in steps.all()] == [
            "Ajouter un article",
            "Relire les questions proposées",
            "Créer un quiz",
            "Créer une classe",
        ]
        panel.get_by_role("link", name="Ajouter un article").click()
        expect(page.get_by_label("Texte de l’article")).to_be_visible()
        page.go_back()
        page.get_by_role("link", name="Créer une classe").click()
        expect(page.get_by_label("Nom de la classe")).to_be_in_viewport()
        assert page.problems == []


MARK = "window.stillHere = true"


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_review_queue_keeps_the_teachers_place(
    browser_app, browser_server, chromium, school, size
):
    from quizapp.extensions import db
    from quizapp.models import Question

    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["review"]))
        cards = page.locator("article.question-card")
        assert cards.count() == 8
        ids = [int(c.get_attribute("id")[1:]) for c in cards.all()]
        cards.nth(3).scroll_into_view_if_needed()
        page.evaluate(MARK)
        scrolled, top = page.evaluate("window.scrollY"), cards.nth(3).bounding_box()["y"]

        cards.nth(3).get_by_role("button", name="Accepter").click()
        notice = page.locator(".decided")
        expect(notice).to_have_text(re.compile("^Question acceptée : « Question proposée n° 4"))
        assert page.evaluate("window.stillHere") and page.evaluate("window.scrollY") == scrolled
        assert abs(notice.bounding_box()["y"] - top) < 2  # in the card's place
        after = page.locator(f"#q{ids[4]}")
        expect(after).to_be_in_viewport()
        assert page.evaluate("document.activeElement.closest('article').id") == f"q{ids[4]}"

        after.get_by_label("Motif du rejet").fill("trop proche de la précédente")
        after.get_by_role("button", name="Rejeter").click()
        expect(page.locator(".decided").nth(1)).to_have_text(re.compile("^Question rejetée"))
        assert page.evaluate("window.stillHere") and page.evaluate("window.scrollY") == scrolled
        assert page.problems == []
    with browser_app.app_context():
        assert db.session.get(Question, ids[3]).status == "accepted"
        rejected = db.session.get(Question, ids[4])
        assert (rejected.status, rejected.reject_reason) == (
            "rejected",
            "trop proche de la précédente",
        )


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_without_script_the_review_queue_comes_back_at_the_next_card(
    browser_server, chromium, school, size
):
    context = chromium.new_context(viewport=SIZES[size], locale="fr-FR", java_script_enabled=False)
    try:
        page = context.new_page()
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["review"]))
        cards = page.locator("article.question-card")
        ids = [c.get_attribute("id") for c in cards.all()]
        cards.nth(5).get_by_role("button", name="Accepter").click()
        page.wait_for_load_state()
        assert page.url.endswith(f"status=candidate#{ids[6]}")
        expect(page.locator(f"#{ids[6]}")).to_be_in_viewport()
        expect(page.get_by_text("Question acceptée : « Question proposée n° 6")).to_be_attached()
    finally:
        context.close()


def test_the_quiz_list_fits_a_phone(browser_server, chromium, school):
    with open_page(chromium, SIZES["phone"]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["quizzes"]))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        row = page.get_by_role("row").filter(has_text="Moscou et Pyongyang")
        for name in ("Moscou et Pyongyang", "Aperçu", "Rapport"):
            link = row.get_by_role("link", name=name).bounding_box()
            assert 0 <= link["x"] and link["x"] + link["width"] <= 390, name  # in sight
        state = row.locator("td[data-label='État :']")  # « État : ouvert », the label drawn by CSS
        box = state.bounding_box()
        assert box["x"] + box["width"] <= 390 and state.inner_text().strip()
        label = state.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"État : "'
