"""The base of every form: Flask-WTF's, with WTForms' own messages translated once.

Flask-WTF reads WTForms' message catalogue from disk on every request that builds a
form (``flask_wtf.i18n``); here each locale's catalogue is read once per process.
"""

from __future__ import annotations

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.i18n import messages_path

_catalogues: dict[str, support.Translations] = {}


def select_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices of a select or radio field (WTForms 3.3
    deprecates plain tuples there)."""
    return [SelectChoice(value, label) for value, label in pairs]


def wtforms_translations() -> support.Translations:
    locale = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    catalogue = _catalogues.get(locale)
    if catalogue is None:
        catalogue = _catalogues[locale] = support.Translations.load(
            messages_path(), [locale], domain="wtforms"
        )
    return catalogue


class AppForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return wtforms_translations()
