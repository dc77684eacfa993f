"""French by default, English available; the choice is remembered per user.

Numbers on the pages follow the locale too: « 50,0 % » and « 0,80 » in French,
"50.0%" and "0.80" in English (``format_number``, ``format_percent`` and the
``number`` and ``percent`` template filters).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import gettext
from flask_login import current_user

from quizapp.display import labels
from quizapp.domain.messages import CatalogueError
from quizapp.extensions import babel


def select_locale() -> Locale:
    """The user's language, else the session's, the address's (``?lang=``), the default."""
    config = current_app.config
    languages = config["LANGUAGES"]
    user = current_user._get_current_object() if current_user else None
    if user is not None and user.is_authenticated and user.locale in languages:
        return _locale(user.locale)
    lang = session.get("lang")
    if lang not in languages and request:
        lang = request.args.get("lang")
    return _locale(lang if lang in languages else config["BABEL_DEFAULT_LOCALE"])


@lru_cache(maxsize=16)
def _locale(code: str) -> Locale:
    """Flask-Babel parses the code the selector returns on every request; a ``Locale``
    it is given is used as it is."""
    return Locale.parse(code)


def init_app(app: Flask) -> None:
    from pathlib import Path

    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent.parent / "translations")
    )
    babel.init_app(app, locale_selector=select_locale)
    _install_cached_gettext(app)
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_percent, "percent")

    labels.register(app)

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale

        return {"current_locale": str(get_locale() or "fr"), "languages": app.config["LANGUAGES"]}


# (locale, message) -> its translation: the catalogues don't change while the app runs.
_translations: dict[tuple[str, str], str] = {}


def _translate(locale: str, message: str) -> str:
    text = _translations.get((locale, message))
    if text is None:
        from flask_babel import get_translations

        text = _translations[(locale, message)] = get_translations().ugettext(message)
    return text


def interface_text(message: str) -> str:
    """``gettext`` for a string asked for many times per page (mark it with ``N_``):
    its translation in the current locale, remembered for the process. Flask-Babel's
    own looks the catalogue up again on every call (some 10 µs)."""
    from flask_babel import get_locale

    return _translate(str(get_locale()), message)


def _install_cached_gettext(app: Flask) -> None:
    """Templates' ``_()`` remembers each translation per locale for the process.

    A question page holds some forty interface strings; Flask-Babel looks each one up
    again on every render, and Jinja's ``_()`` then escapes and formats it (about
    13 µs a string). A string without variables is kept as the page shows it, per
    locale and escaping mode; the locale is the one the page is rendered in
    (``current_locale``, set by the context processor under any ``force_locale``).
    """
    from flask_babel import get_locale, get_translations
    from jinja2 import pass_context
    from markupsafe import Markup

    shown: dict[tuple[str, bool, str], str] = {}

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: get_translations().ugettext(s),
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )

    @pass_context
    def gettext(context, message: str, **variables) -> str:
        # What Jinja's own (newstyle) gettext does: always a format string.
        autoescape = context.eval_ctx.autoescape
        locale = context.get("current_locale") or str(get_locale())
        if variables:
            text = _translate(locale, message)
            return (Markup(text) if autoescape else text) % variables
        key = (locale, autoescape, message)
        text = shown.get(key)
        if text is None:
            raw = _translate(locale, message)
            text = shown[key] = (Markup(raw) if autoescape else raw) % {}
        return text

    app.jinja_env.globals["gettext"] = gettext
    # ``_()`` straight to it: Jinja's alias would look ``gettext`` up and call it again.
    app.jinja_env.globals["_"] = gettext
    app.jinja_env.globals["ngettext"] = _cached_ngettext()


def _cached_ngettext():
    """Templates' ``ngettext()`` remembers the translated form per locale and count (a
    question page counts its answers three times; Flask-Babel looks the catalogue up
    again each time), and the text as shown when every variable is a small number or
    a short string (« 3 réponses sur 16 »): formatting an escaped string costs more
    than the look-up. Counts past a thousand are looked up as before."""
    from flask_babel import get_locale, get_translations
    from jinja2 import pass_context
    from markupsafe import Markup

    forms: dict[tuple[str, str, str, int], str] = {}
    shown: dict[tuple, str] = {}

    @pass_context
    def ngettext(context, singular: str, plural: str, num, /, **variables) -> str:
        locale = context.get("current_locale") or str(get_locale())
        key = (locale, singular, plural, num)
        cacheable = isinstance(num, int) and -1000 < num < 1000
        autoescape = context.eval_ctx.autoescape
        variables.setdefault("num", num)
        whole = None
        if cacheable and all(_small(v) for v in variables.values()):
            whole = (key, autoescape, *sorted(variables.items()))
            text = shown.get(whole)
            if text is not None:
                return text
        text = forms.get(key) if cacheable else None
        if text is None:
            text = get_translations().ungettext(singular, plural, num)
            if cacheable:
                forms[key] = text
        text = (Markup(text) if autoescape else text) % variables
        if whole is not None and len(shown) < _SHOWN_MAX:
            shown[whole] = text
        return text

    return ngettext


_SHOWN_MAX = 20_000  # texts kept as shown, per process


def _small(value) -> bool:
    """A count or a short plain string (not ``Markup``, which is not escaped)."""
    if type(value) is str:
        return len(value) <= 16
    return type(value) is int and -1000 < value < 1000


# --- numbers -------------------------------------------------------------------------
class Numbers:
    """Numbers written the way one locale writes them (« 1 234,5 », « 50,0 % »).

    The symbols are read from Babel once per locale: report tables format 100,000
    numbers on one page, and Babel's ``format_decimal`` costs some 20 µs a call,
    Python's own formatting with these symbols well under 1. Tests check that
    both agree.
    """

    def __init__(self, locale: str) -> None:
        from babel.numbers import format_percent as babel_percent
        from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

        self.minus = get_minus_sign_symbol(locale)
        self.symbols = {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}
        self.percent_prefix, self.percent_suffix = babel_percent(0.5, locale=locale).split("50", 1)

    def number(self, value: float | None, digits: int = 2, fixed: bool = False) -> str:
        """``value`` rounded to ``digits`` decimals, trailing zeros dropped unless
        ``fixed``; ``None`` is shown as a dash."""
        if value is None:
            return "–"
        text = f"{abs(value):,.{digits}f}"
        if not fixed and "." in text:
            text = text.rstrip("0").rstrip(".")
        negative = value < 0 and text.strip("0.,") != ""
        text = text.translate(self.symbols)
        return self.minus + text if negative else text

    def percent(self, value: float | None, digits: int = 0) -> str:
        """A percentage (``value`` out of 100) with ``digits`` decimals."""
        if value is None:
            return "–"
        return self.percent_prefix + self.number(value, digits, fixed=True) + self.percent_suffix


@lru_cache(maxsize=8)
def _numbers_for(locale: object) -> Numbers:
    return Numbers(str(locale or "fr"))


def numbers() -> Numbers:
    """The current locale's ``Numbers`` (French outside a request)."""
    from flask_babel import get_locale

    return _numbers_for(get_locale())


def format_number(value: float | None, digits: int = 2, fixed: bool = False) -> str:
    """``{{ 0.8|number(2, fixed=true) }}`` -> « 0,80 » / "0.80"; « – » for ``None``."""
    return numbers().number(value, digits, fixed)


def format_percent(value: float | None, digits: int = 0) -> str:
    """``{{ 50|percent(1) }}`` -> « 50,0 % » / "50.0%"; « – » for ``None``."""
    return numbers().percent(value, digits)


def translated(error: CatalogueError) -> str:
    """A catalogue error's message in the request's language (French outside a request)."""
    if not has_request_context():
        return error.message
    params = {
        k: translated(v) if isinstance(v, CatalogueError) else v for k, v in error.params.items()
    }
    return gettext(error.msgid, **params)
