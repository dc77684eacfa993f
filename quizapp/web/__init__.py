"""The web app: blueprints (``views``), forms, sessions and headers (``security``),
login throttling, error pages and request monitoring.

Views parse a request, call the services and render; the rules live below them.
"""

from __future__ import annotations

from flask import Flask, has_request_context, request
from werkzeug.routing import IntegerConverter

from quizapp.models.base import MAX_ID
from quizapp.web import errors, layout, monitoring, security, templating, throttle
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

_REMEMBERED = 50_000  # links per process

BLUEPRINTS = (main, auth, account, admin, classes, teacher, student, reports, lifecycle)


class IdConverter(IntegerConverter):
    """``<int:…>`` up to the largest id a database holds: a larger one is a 404
    (SQLite cannot even compare it, and answered 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    security.init_app(app)
    templating.init_app(app)
    layout.init_app(app)
    errors.init_app(app)
    throttle.init_app(app)
    monitoring.init_app(app)
    app.url_map.converters["int"] = IdConverter
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    _remember_fixed_urls(app)


def _remember_fixed_urls(app: Flask) -> None:
    """Templates' ``url_for`` remembers the links it builds per mount point: those that
    are the same on every page (static files, the menu's pages: no argument but a file
    name), and those whose arguments are numbers only (an attempt's pages and forms,
    a quiz's), up to ``_REMEMBERED`` links, then it starts again.

    A student's page builds some twenty of them, each through Werkzeug's URL builder
    (about 10 µs); links with anchors or options (``_anchor``, ``_external``, …) or
    with text arguments are built as always, and so is every link built outside a
    request (those are absolute)."""
    build = app.url_for
    fixed: dict[tuple, str] = {}

    def url_for(endpoint: str, **values) -> str:
        if endpoint.startswith(".") or not has_request_context():
            return build(endpoint, **values)
        if not values or (endpoint == "static" and values.keys() == {"filename"}):
            key = (request.script_root, endpoint, values.get("filename"))
        elif all(type(v) is int and k[0] != "_" for k, v in values.items()):
            key = (request.script_root, endpoint, *sorted(values.items()))
        else:
            return build(endpoint, **values)
        url = fixed.get(key)
        if url is None:
            if len(fixed) >= _REMEMBERED:
                fixed.clear()
            url = fixed[key] = build(endpoint, **values)
        return url

    app.jinja_env.globals["url_for"] = url_for
