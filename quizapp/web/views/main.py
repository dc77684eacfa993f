"""Home, language choice and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from quizapp.extensions import db
from quizapp.web.forms.accounts import LanguageForm
from quizapp.web.views import safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Send each user to their own home."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    if current_user.role == "student":
        return redirect(url_for("student.home"))
    if current_user.role == "admin":
        return redirect(url_for("admin.users"))
    return redirect(url_for("classes.list_classes"))


@bp.post("/language")
def set_language():
    """Remember the chosen language: on the account when logged in, else in the session."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(
        safe_next(form.next.data)
        or safe_next(request.referrer and "/" + request.referrer.split("/", 3)[-1])
        or url_for("main.index")
    )


@bp.get("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
    except Exception as exc:  # any driver error means "not healthy"
        current_app.logger.warning("health check failed: %s", exc)
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
