"""Friendly error pages that never show a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: _l("La demande n'a pas pu être comprise."),
    401: _l("Connectez-vous pour continuer."),
    403: _l("Vous n'avez pas accès à cette page."),
    404: _l("Cette page n'existe pas."),
    405: _l("Cette action n'est pas permise ici."),
    409: _l("Cette action entre en conflit avec l'état actuel."),
    413: _l("Le fichier ou le texte envoyé est trop volumineux."),
    429: _l("Trop de tentatives : patientez un peu avant de réessayer."),
    500: _l("Une erreur inattendue s'est produite. Elle a été enregistrée."),
    503: _l("Le service est momentanément indisponible."),
}


def _render(code: int, detail: str | None = None):
    message = str(MESSAGES.get(code, MESSAGES[500]))
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(error=detail or message), code
    return render_template("error.html", code=code, message=message, detail=detail), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return _render(400, _("Le formulaire a expiré ou n'est pas valide : rechargez la page."))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.response is not None:  # made by the code that raised it (a refused login)
            return exc.response
        code = exc.code or 500
        detail = (
            exc.description
            if code in (400, 409) and exc.description and not exc.description.startswith("The ")
            else None
        )
        return _render(code, detail)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        return _render(500)
