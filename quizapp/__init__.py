"""quizapp: quizzes and learning from current-affairs articles.

``create_app`` builds the web app; importing this package loads no language model.
"""

from __future__ import annotations

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


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
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
