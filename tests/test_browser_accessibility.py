# ruff: noqa: F811  (fixtures imported from browser_support)
"""Accessibility in Chromium: axe-core finds nothing serious or critical (WCAG 2.2 AA) on
the pages a student and a teacher reach, on a phone and a laptop; a quiz can be done
with the keyboard alone, and the focused control is always visibly marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (  # noqa: F401
    SIZES,
    browser_app,
    browser_server,
    chromium,
    login,
    open_page,
)
from school_world import build_school

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="needs playwright").expect

AXE = Path(__file__).parent / "data" / "axe" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await window.axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' : '
                  + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""


@pytest.fixture
def school(browser_app):
    with browser_app.app_context():
        return build_school()


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    # The page's CSP refuses inline scripts; a script added from a file is inline.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG)


def _audit(page, server, pages) -> dict:
    found = {}
    for name, path in pages:
        page.goto(server.url(path))
        violations = serious_violations(page)
        if name == "practice":  # and the feedback on an answer
            page.locator("main input[type=radio]").first.check()
            page.get_by_role("button", name="Vérifier").click()
            page.get_by_text("Question suivante").or_(
                page.get_by_text("C’est fini")
            ).first.wait_for()
            violations += serious_violations(page)
        if name == "builder":  # the menu open too, on a phone
            toggle = page.locator(".menu-toggle")
            if toggle.is_visible():
                toggle.click()
                violations += serious_violations(page)
        if violations:
            found[name] = violations
    return found


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize("user", ["lea", "prof"])
def test_no_serious_accessibility_violation(browser_server, chromium, school, size, user):
    role = "student" if user == "lea" else "teacher"
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, user)
        found = _audit(page, browser_server, school[role])
        assert found == {}
        assert page.problems == []


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_no_serious_violation_before_logging_in(browser_server, chromium, school, size):
    with open_page(chromium, SIZES[size]) as page:
        found = _audit(page, browser_server, [("login", "/login"), ("register", "/register")])
        assert found == {}


FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rgb = style.outlineColor.match(/[\\d.]+/g).map(Number);
  const lum = rgb.slice(0, 3).map(c => c / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const l = 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2];
  return {
    what: el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40),
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
    alpha: rgb.length > 3 ? rgb[3] : 1,
    contrast: 1.05 / (l + 0.05),  // against the page's white
  };
}"""
FOCUSED = """(names) => {
  const el = document.activeElement;
  const text = (el.getAttribute('aria-label') || el.textContent || '').trim();
  return names.some(n => n === '*' + el.type || text.startsWith(n));
}"""


def tab_to(page, *names: str, limit: int = 60) -> None:
    """Press Tab until the focused control's name starts with one of ``names`` (or, for
    ``*radio``, ``*text``, a control of that type); every control passed on the way
    shows a focus ring that stands out from the page (WCAG 2.4.7, 3:1)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        assert ring["style"] != "none" and ring["width"] >= 2, f"no focus ring: {ring}"
        assert ring["alpha"] == 1 and ring["contrast"] >= 3, f"a faint focus ring: {ring}"
        if page.evaluate(FOCUSED, list(names)):
            return
    raise AssertionError(f"Tab never reached {names}")


def press_enter_and_load(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("size", ["phone", "laptop"])
def test_a_quiz_done_with_the_keyboard_alone(browser_app, browser_server, chromium, size):
    from conftest import make_bank, make_class, make_quiz, make_user, sample_questions

    with browser_app.app_context():
        teacher = make_user("teacher", "prof")
        student = make_user("student", "lea")
        questions = [q for q in sample_questions() if q.type in ("mcq", "truefalse", "short")]
        bank = make_bank(teacher, questions)
        make_quiz(
            teacher,
            bank,
            [make_class(teacher, students=[student])],
            title="Au clavier",
            one_per_page=True,
        )
    with open_page(chromium, SIZES[size]) as page:
        login(page, browser_server, "lea")
        tab_to(page, "Au clavier")
        press_enter_and_load(page)
        tab_to(page, "Commencer le quiz")
        press_enter_and_load(page)
        for number in (1, 2, 3):
            expect(page.get_by_text(f"Question {number} sur 3")).to_be_visible()
            page.locator("#attempt-form[data-state]").wait_for()
            tab_to(page, "*radio", "*text")
            if page.evaluate("document.activeElement.type") == "radio":
                page.keyboard.press("Space")
                assert page.evaluate("document.activeElement.checked")
            else:
                page.keyboard.type("Moscou")
            page.locator("#attempt-form[data-state=saved]").wait_for()
            tab_to(page, "Suivante" if number < 3 else "Terminer et rendre")
            press_enter_and_load(page)
        expect(page.get_by_text("Vous avez répondu à toutes les questions.")).to_be_visible()
        tab_to(page, "Rendre ma copie")
        press_enter_and_load(page)
        expect(page.get_by_text("Votre copie est rendue.")).to_be_visible()
        assert page.problems == []
