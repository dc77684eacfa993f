"""The base of every form: Flask-WTF's, with WTForms' own messages translated once.

Flask-WTF reads WTForms' message catalogue from disk on every request that builds a
form (``flask_wtf.i18n``); here each locale's catalogue is read once per process.
"""

from __future__ import annotations

from babel import support
from flask import current_app
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import FloatField, SelectChoice, SelectMultipleField
from wtforms.i18n import messages_path
from wtforms.widgets import CheckboxInput, ListWidget

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


#: WTForms' own message, which its catalogue translates (not one of ours to extract).
_WTFORMS_NOT_A_NUMBER = "Not a valid float value."


class LocalFloatField(FloatField):
    """A number typed and shown as the reader's language writes it: « 0,8 » and « 100 »
    on a French page, "0.8" in English; either decimal mark is read back."""

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        from babel.numbers import get_decimal_symbol

        text = f"{self.data:.4f}".rstrip("0").rstrip(".")  # no thousands separator to retype
        return text.replace(".", get_decimal_symbol(str(get_locale() or "fr")))

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip()
        for space in (" ", "\u00a0", "\u202f"):
            text = text.replace(space, "")
        try:
            self.data = float(text.replace(",", "."))
        except ValueError:
            self.data = None
            raise ValueError(self.gettext(_WTFORMS_NOT_A_NUMBER)) from None


def strip(value):
    """A filter: the text without spaces around it."""
    return value.strip() if isinstance(value, str) else value


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
