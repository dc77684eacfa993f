# ruff: noqa: F811  (fixtures imported from browser_support)
"""Report pages in Chromium: Chart.js draws from the JSON data blocks under the strict
CSP (no inline script), and clicking a header sorts the table."""

from __future__ import annotations

import pytest
from browser_support import browser_app, browser_server, chromium, desktop_page, login  # noqa: F401
from test_reports import build_world

pytestmark = pytest.mark.browser


def _chart_drawn(page, data_id: str) -> bool:
    return page.evaluate(
        "(id) => !!window.Chart && !!window.Chart.getChart("
        'document.querySelector(`canvas[data-chart="${id}"]`))',
        data_id,
    )


def test_charts_and_sorting_work_under_the_csp(browser_app, browser_server, desktop_page):
    page = desktop_page
    with browser_app.app_context():
        world = build_world()
        quiz_id, class_id, alice_id = world["quiz"].id, world["class"].id, world["alice"].id
    login(page, browser_server, "prof")

    page.goto(browser_server.url(f"/reports/quizzes/{quiz_id}"))
    page.wait_for_function("() => !!window.Chart")
    assert _chart_drawn(page, "distribution-data")
    percent = page.locator("table[data-sortable] thead th", has_text="Pourcentage")
    percent.click()
    first = page.locator("table[data-sortable] tbody tr").first.locator("td").first
    assert "dan" in first.inner_text()  # not started: no percentage, sorted first
    percent.click()
    assert "Alice" in page.locator("table[data-sortable] tbody tr").first.inner_text()

    page.goto(browser_server.url(f"/reports/quizzes/{quiz_id}/statistics"))
    page.wait_for_function("() => !!window.Chart")
    assert _chart_drawn(page, "facility-data")
    page.goto(browser_server.url(f"/reports/classes/{class_id}"))
    page.wait_for_function("() => !!window.Chart")
    assert _chart_drawn(page, "averages-data")
    page.goto(browser_server.url(f"/reports/students/{alice_id}"))
    page.wait_for_function("() => !!window.Chart")
    assert _chart_drawn(page, "progress-data")
    assert page.problems == []
