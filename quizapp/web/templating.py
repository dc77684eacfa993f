"""Templates that import macros without comparing globals on every render.

``{% from "…" import … %}`` asks the imported template for its module on every
render, and Jinja first compares the importing page's globals with the imported
template's, key by key, through a ``ChainMap`` (some 15 µs an import, three on a
question page). The same comparison as one set operation gives the same answer.
"""

from __future__ import annotations

import jinja2
from flask import Flask


class Template(jinja2.Template):
    def _get_default_module(self, ctx=None):
        if ctx is not None and not ctx.globals_keys.difference(self.globals):
            # No global the imported template lacks: its module made once serves.
            ctx = None
        return super()._get_default_module(ctx)


def init_app(app: Flask) -> None:
    app.jinja_env.template_class = Template
