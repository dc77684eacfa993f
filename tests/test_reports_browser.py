# ruff: noqa: F811  (fixtures imported from browser_support)
"""Report pages in Chromium: Chart.js draws from the JSON data blocks under the strict
CSP (no inline script), and clicking a header sorts the table."""

from __future__ import annotations

import pytest
from browser_support import (  # noqa: F401
    browser_app,
    browser_server,
    chromium,
    desktop_page,
    login,
    phone_page,
)
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


def test_report_pages_fit_a_phone_with_their_filters_in_reach(
    browser_app, browser_server, phone_page
):
    page = phone_page
    with browser_app.app_context():
        world = build_world()
        quiz_id, class_id, alice_id = world["quiz"].id, world["class"].id, world["alice"].id
    login(page, browser_server, "prof")
    for path in (
        f"/reports/quizzes/{quiz_id}",
        f"/reports/quizzes/{quiz_id}/statistics",
        f"/reports/classes/{class_id}",
        f"/reports/students/{alice_id}",
    ):
        page.goto(browser_server.url(path))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
            f"{path} is wider than the screen"
        )
        button = page.locator(".report-filters button[type=submit]").bounding_box()
        assert 0 <= button["x"] and button["x"] + button["width"] <= page.viewport_size["width"], (
            path
        )
        for field in page.locator(".report-filters select, .report-filters input[type=date]").all():
            assert field.bounding_box()["width"] >= 120, f"a squeezed filter on {path}"
    assert page.problems == []
