"""The web app: blueprints (``views``), forms, sessions and headers (``security``),
login throttling, error pages and request monitoring.

Views parse a request, call the services and render; the rules live below them.
"""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

from quizapp.models.base import MAX_ID
from quizapp.web import errors, monitoring, security, throttle
from quizapp.web.views import (
    account,
    admin,
    auth,
    classes,
    lifecycle,
    main,
    reports,
    student,
    teacher,
)

BLUEPRINTS = (main, auth, account, admin, classes, teacher, student, reports, lifecycle)


class IdConverter(IntegerConverter):
    """``<int:…>`` up to the largest id a database holds: a larger one is a 404
    (SQLite cannot even compare it, and answered 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    security.init_app(app)
    errors.init_app(app)
    throttle.init_app(app)
    monitoring.init_app(app)
    app.url_map.converters["int"] = IdConverter
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
