"""How things read: the language (``i18n``), the words for stored identifiers
(``labels``) and times in the school's zone (``timeutil``), for the pages and the
report files alike."""

from __future__ import annotations

from flask import Flask

from quizapp.display import i18n, timeutil


def init_app(app: Flask) -> None:
    i18n.init_app(app)
    timeutil.init_app(app)
