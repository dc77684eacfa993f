"""French by default, English available; the choice is remembered per user."""

from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_login import current_user

from quizapp.extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("lang") in languages:
        return session["lang"]
    if request and request.args.get("lang") in languages:
        return request.args["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app: Flask) -> None:
    from pathlib import Path

    app.config.setdefault(
        "BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).parent / "translations")
    )
    babel.init_app(app, locale_selector=select_locale)
    _install_cached_gettext(app)

    @app.context_processor
    def inject_locale():
        from flask_babel import get_locale

        return {"current_locale": str(get_locale() or "fr"), "languages": app.config["LANGUAGES"]}


def _install_cached_gettext(app: Flask) -> None:
    """Templates' ``_()`` remembers each translation per locale for the process.

    A question page holds some forty interface strings; Flask-Babel looks each one up
    again on every render. The catalogues don't change while the app runs, and the
    key is the locale in force (``force_locale`` included), so this only skips work.
    """
    from flask_babel import get_locale, get_translations

    cache: dict[tuple[object, str], str] = {}

    def gettext(message: str) -> str:
        key = (get_locale(), message)
        text = cache.get(key)
        if text is None:
            text = cache[key] = get_translations().ugettext(message)
        return text

    app.jinja_env.install_gettext_callables(
        gettext=gettext,
        ngettext=lambda s, p, n: get_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: get_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: get_translations().unpgettext(c, s, p, n),
    )
