"""Shared fixtures for browser tests: a real server and Debian's Chromium.

Use them from a test module by importing the fixtures (pytest then finds them)::

    import pytest
    from browser_support import browser_app, browser_server, chromium, phone_page  # noqa: F401

    pytestmark = pytest.mark.browser

    def test_something(browser_app, browser_server, phone_page):
        with browser_app.app_context():
            ...  # create users, classes, banks with the builders in conftest
        phone_page.goto(browser_server.url("/login"))

Fixtures:

``browser_app``
    A fresh app on a file-backed SQLite database in ``tmp_path`` (the server
    runs in another thread, so ``:memory:`` would not do). Set data up inside
    ``with browser_app.app_context():`` with the conftest builders.
``browser_server``
    That app served by Werkzeug on a free port of 127.0.0.1 in a background
    thread; ``browser_server.url("/path")`` gives the absolute address.
``chromium``
    One Chromium per test session, launched from ``/usr/bin/chromium`` (or
    ``QUIZAPP_CHROMIUM``) with the flags this machine needs. The test is skipped,
    saying why, when the browser or the ``playwright`` package is missing, and
    fails instead when ``QUIZAPP_REQUIRE_BROWSER`` is set (as CI does).
    ``playwright install`` is never run: it downloads a browser.
``phone_page`` / ``desktop_page``
    A page in a fresh browser context (own cookies), 360×740 or 1280×800, French.
    ``page.problems`` collects console errors (Content-Security-Policy violations
    among them), script errors and answers of 400 or more (but the missing
    ``/favicon.ico``); assert it is empty at the end, or check what a test expects.
``open_page(chromium, viewport, locale="fr-FR")``
    A context manager for a page in a fresh context at any size (``PHONE_390``,
    ``DESKTOP``): for tests run at several widths.
``login(page, server, username)``
    Log in through the form (a plain function, not a fixture).

Browser tests are marked ``browser``; run them with ``pytest -m browser``.
"""

from __future__ import annotations

import atexit
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PASSWORD, _config

CHROMIUM = Path(os.environ.get("QUIZAPP_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PHONE_390 = {"width": 390, "height": 844}
SIZES = {"phone": PHONE_390, "laptop": DESKTOP}


@dataclass
class BrowserServer:
    base: str

    def url(self, path: str = "/") -> str:
        return self.base + path


@pytest.fixture
def browser_app(tmp_path):
    from flask_migrate import stamp

    from quizapp import create_app
    from quizapp.extensions import db

    app = create_app(_config(str(tmp_path), f"sqlite:///{tmp_path / 'browser.sqlite3'}"))
    with app.app_context():
        db.create_all()
        stamp()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def browser_server(browser_app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, browser_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-server", daemon=True)
    thread.start()
    try:
        yield BrowserServer(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)


_RUNNING: dict = {}


def _shared_browser():
    """One Playwright and one Chromium per process, whichever module asks first.

    Each test module imports the fixtures, so pytest sees one ``chromium`` fixture
    per module; a second ``sync_playwright().start()`` in the same process fails,
    hence this shared instance, closed when the process exits.
    """
    if "browser" in _RUNNING:
        return _RUNNING["browser"]
    if not CHROMIUM.exists():
        _unavailable(f"browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("browser tests need the playwright package (pip install -e '.[test]')")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
    except PlaywrightError as exc:  # a broken install: say so
        playwright.stop()
        _unavailable(f"Chromium at {CHROMIUM} does not start: {exc}")
    _RUNNING.update(browser=browser, playwright=playwright)
    atexit.register(_close_browser)
    return browser


def _unavailable(reason: str) -> None:
    """Skip on a machine without a browser; fail where one is required (CI)."""
    if os.environ.get("QUIZAPP_REQUIRE_BROWSER"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def _close_browser() -> None:
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    if browser is not None:
        browser.close()
    if playwright is not None:
        playwright.stop()


@pytest.fixture(scope="session")
def chromium():
    return _shared_browser()


def _page(browser, viewport, locale="fr-FR"):
    context = browser.new_context(viewport=viewport, locale=locale)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []

    def on_console(msg):
        # Failed loads are reported with their address by on_response instead.
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            page.problems.append(msg.text)

    def on_response(response):
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            page.problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    return context, page


@contextmanager
def open_page(browser, viewport, locale="fr-FR"):
    context, page = _page(browser, viewport, locale)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def phone_page(chromium):
    context, page = _page(chromium, PHONE)
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium):
    context, page = _page(chromium, DESKTOP)
    yield page
    context.close()


def login(page, server: BrowserServer, username: str, password: str = PASSWORD) -> None:
    page.goto(server.url("/login"))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
