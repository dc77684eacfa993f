# ruff: noqa: F811  (fixtures imported from browser_support)
"""What the page looks like, measured in Chromium on a phone (390×844) and a laptop
(1280×800): a header of one row, question text inside its card, a chosen blank clear
of its list's arrow."""

from __future__ import annotations

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


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, f"{selector} is not on screen"
    return box


@pytest.mark.parametrize(
    ("user", "page_name", "link"),
    [("lea", "attempt", "Mes résultats"), ("prof", "classes", "Rapports")],
)
def test_on_a_phone_the_header_is_one_row_and_the_menu_unfolds(
    browser_server, chromium, school, user, page_name, link
):
    role = "student" if user == "lea" else "teacher"
    with open_page(chromium, SIZES["phone"]) as page:
        login(page, browser_server, user)
        page.goto(browser_server.url(school[role][page_name]))
        header = _box(page, "body > header")
        assert header["height"] <= 72, f"the header takes {header['height']} px"
        assert _box(page, "main h1")["y"] < header["y"] + header["height"] + 40
        menu = page.get_by_role("button", name="Menu")
        assert menu.get_attribute("aria-expanded") == "false"
        entry = page.get_by_role("link", name=link)
        assert not entry.is_visible()

        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        expect(entry).to_be_visible()
        logout = page.get_by_role("button", name="Se déconnecter")
        for item in (entry, logout, page.get_by_role("button", name="EN", exact=True)):
            box = item.bounding_box()
            assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390
        page.keyboard.press("Escape")
        assert not entry.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
        assert page.problems == []


def test_on_a_laptop_the_menu_is_the_header_row(browser_server, chromium, school):
    with open_page(chromium, SIZES["laptop"]) as page:
        login(page, browser_server, "prof")
        page.goto(browser_server.url(school["teacher"]["classes"]))
        assert not page.get_by_role("button", name="Menu").is_visible()
        header = _box(page, "body > header")
        assert header["height"] <= 80
        middles = []
        for role, name in (
            ("link", "Articles"),
            ("link", "Rapports"),
            ("button", "Se déconnecter"),
            ("button", "EN"),
        ):
            box = page.get_by_role(role, name=name, exact=True).bounding_box()
            middles.append(box["y"] + box["height"] / 2)
        assert max(middles) - min(middles) < 10, f"the menu wraps: {middles}"


QUESTION_INSIDE_CARD = """() => [...document.querySelectorAll('fieldset.question')].map(card => {
  const c = card.getBoundingClientRect();
  const l = card.querySelector('legend').getBoundingClientRect();
  const border = parseFloat(getComputedStyle(card).borderTopWidth);
  return {top: l.top - (c.top + border), bottom: c.bottom - l.bottom,
          left: l.left - c.left, right: c.right - l.right};
})"""


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize("page_name", ["attempt", "result"])
def test_question_text_sits_inside_its_card(browser_server, chromium, school, size, page_name):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"][page_name]))
        cards = page.evaluate(QUESTION_INSIDE_CARD)
        assert cards
        for gaps in cards:
            # below the top border with room to breathe, and within the card's sides
            assert gaps["top"] >= 4 and min(gaps.values()) >= 0, gaps


BLANK_CLEAR_OF_ARROW = """(select) => {
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const text = select.options[select.selectedIndex].text;
  const box = select.getBoundingClientRect();
  const textEnd = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
    + context.measureText(text).width;
  const arrowSize = parseFloat(style.backgroundSize);
  const fromRight = parseFloat(style.backgroundPositionX.match(/([\\d.]+)px/)[1]);
  const arrowStart = box.right - parseFloat(style.borderRightWidth) - fromRight - arrowSize;
  return {text, gap: arrowStart - textEnd};
}"""


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_chosen_blank_is_clear_of_its_list_arrow(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"]["result"]))
        select = page.locator("fieldset.question .cloze select.blank").first
        measured = select.evaluate(BLANK_CLEAR_OF_ARROW)
        assert measured["text"] in ("2004", "2014", "2024")
        assert measured["gap"] >= 2, measured


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_result_filter_reads_as_one_line_above_the_answers(
    browser_server, chromium, school, size
):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"]["result"]))
        choices = page.locator("nav.result-filter")
        everything = choices.get_by_text("Toutes les questions").bounding_box()
        mistakes = choices.get_by_role("link", name="Seulement mes erreurs").bounding_box()
        assert abs(everything["y"] - mistakes["y"]) < 4, "the two choices are on two lines"
        assert mistakes["x"] - (everything["x"] + everything["width"]) < 40, "far apart"
        first = page.locator("fieldset.question").first.bounding_box()
        box = choices.bounding_box()
        assert first["y"] - (box["y"] + box["height"]) >= 8


def test_the_question_numbers_of_a_quiz_sit_close_together_on_a_phone(
    browser_server, chromium, school
):
    with open_page(chromium, SIZES["phone"]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"]["attempt"]))
        boxes = [b.bounding_box() for b in page.locator(".question-jump button").all()]
        rows = sorted({round(b["y"]) for b in boxes})
        assert len(rows) >= 2, "all on one row: nothing to measure"
        height = boxes[0]["height"]
        assert height >= 24  # a finger's target (WCAG 2.5.8)
        assert rows[1] - rows[0] - height <= 12, f"rows {rows}, buttons {height} px high"


def test_a_title_keeps_to_one_line_on_a_phone(browser_server, chromium, school):
    with open_page(chromium, SIZES["phone"]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"]["result"]))
        title = page.get_by_role("heading", name="Moscou et Pyongyang", level=1)
        lines = title.evaluate(
            "h => h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)"
        )
        assert lines < 1.5, f"« Moscou et Pyongyang » takes {lines:.1f} lines"


ANSWER_SHOWN = """(field) => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let opacity = 1;
  for (let el = field; el; el = el.parentElement) opacity *= parseFloat(getComputedStyle(el).opacity);
  let back = field;
  while (getComputedStyle(back).backgroundColor.match(/[\\d.]+/g).length > 3
         && getComputedStyle(back).backgroundColor.match(/[\\d.]+/g)[3] === '0') back = back.parentElement;
  const [a, b] = [lum(getComputedStyle(field).color), lum(getComputedStyle(back).backgroundColor)];
  return {opacity, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
}"""


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_the_answers_given_read_clearly_on_the_result(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "lea")
        page.goto(browser_server.url(school["student"]["result"]))
        fields = page.locator("fieldset.question :is(select, input[type=text])")
        assert fields.count() >= 4
        for field in fields.all():
            shown = field.evaluate(ANSWER_SHOWN)
            assert shown["opacity"] == 1 and shown["contrast"] >= 4.5, shown
