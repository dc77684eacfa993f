"""The site's header, rendered once per mount point, locale and role.

Every page opens with the same header: the menu of the user's role, the language
buttons and the logout form. Rendered on every page, its twenty links, labels and
tests were about a tenth of a question page. Only three values in it change from one
request to the next: the user's name, the CSRF token and the path the language form
returns to. The header is rendered once per (mount point, locale, role) with a
marker in each of those places, and each request puts its own values, escaped, in
place of the markers.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup, escape

from quizapp.extensions import csrf

# Markers no rendered text holds (a NUL character is refused in any request).
_MARKERS = re.compile("\x00(name|csrf|next)\x00")


def init_app(app: Flask) -> None:
    # (mount point, locale, role) -> the header split at its markers: text, field, …
    shells: dict[tuple[str, str, str | None], list[str]] = {}

    @pass_context
    def site_header(context) -> Markup:
        """The header of this request's page."""
        user = current_user._get_current_object()
        role = user.role if user.is_authenticated else None
        key = (request.script_root, context.get("current_locale") or "", role)
        parts = shells.get(key)
        if parts is None:
            parts = shells[key] = _MARKERS.split(_render_shell())
        return _fill(parts, user.name if role is not None else "")

    app.jinja_env.globals["site_header"] = site_header


def _render_shell() -> str:
    """The header with markers, in the page's context (its locale, its user), without
    ``template_rendered``: it is a piece of the page, not a page."""
    app = current_app._get_current_object()
    context = {"user_name": "\x00name\x00", "csrf": "\x00csrf\x00", "next_path": "\x00next\x00"}
    app.update_template_context(context)
    return app.jinja_env.get_template("_header.html").render(context).strip()


def _fill(parts: list[str], name: str) -> Markup:
    """The header with this request's values, escaped, where its markers were. Every
    odd place of ``parts`` names a field; a value is put in once and never read again."""
    values = {
        "name": escape(name),
        "csrf": escape(csrf.token()),
        "next": escape(request.full_path.rstrip("?")),
    }
    return Markup("".join([values[p] if i % 2 else p for i, p in enumerate(parts)]))
