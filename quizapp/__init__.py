"""quizapp: quizzes and learning from current-affairs articles.

``create_app`` builds the web app; importing this package loads no language model.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import Any

from flask import Flask

from quizapp.config import DEFAULTS, ConfigError, check_extras, from_environment

__all__ = ["ConfigError", "create_app", "resource_dir"]


def resource_dir(name: str) -> Path:
    """``templates``, ``static`` or ``questions``: inside the installed package,
    or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    return here / name


class QuizFlask(Flask):
    """Flask, remembering which of the app's functions are plain (synchronous) ones.

    Flask asks of every request hook, context processor, teardown and view, on every
    request, whether it is a coroutine function (``inspect``'s test, some twenty
    times a page). The answer for a function never changes: it is kept as long as
    the function lives (a weak reference: a function made for one request goes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def ensure_sync(self, func):
        try:
            if self._plain[func]:
                return func
        except (KeyError, TypeError):  # not seen yet, or no weak reference to it
            pass
        sync = super().ensure_sync(func)
        try:
            self._plain[func] = sync is func
        except TypeError:
            pass
        return sync


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = QuizFlask(
        __name__,
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    app.config.update(DEFAULTS)
    if test_config is None:
        app.config.update(from_environment())
    else:
        app.config.update(test_config)
    app.config.setdefault("QUESTIONS_DIR", str(resource_dir("questions")))
    check_extras(app.config)

    from quizapp import display, web
    from quizapp.cli import commands
    from quizapp.extensions import csrf, db, login_manager, migrate, write_requests_take_the_lock

    db.init_app(app)
    write_requests_take_the_lock(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    display.init_app(app)
    web.init_app(app)
    commands.init_app(app)
    return app
