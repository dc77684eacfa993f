"""A person's own account (display name, their data to download) and a teacher's
reset of a student's password."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp.extensions import db, end_transaction
from quizapp.models import User
from quizapp.models.accounts import hash_password
from quizapp.reports.learner_export import download_name, learner_html, learner_json
from quizapp.services import accounts, learners
from quizapp.web.forms.accounts import ConfirmForm, DisplayNameForm
from quizapp.web.security import role_required
from quizapp.web.views.classes import owned_class_or_404

bp = Blueprint("account", __name__)

#: Pages a person with a temporary password may still open.
OPEN_WITH_TEMPORARY_PASSWORD = {
    "auth.change_password",
    "auth.logout",
    "main.set_language",
    "main.healthz",
    "ops.metrics",
    "static",
}


@bp.before_app_request
def _temporary_password_first():
    """A temporary password works once: every page leads to choosing a new one."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_WITH_TEMPORARY_PASSWORD
    ):
        flash(_("Choisissez votre propre mot de passe pour continuer."), "info")
        return redirect(url_for("auth.change_password"))
    return None


@bp.route("/account", methods=["GET", "POST"])
@login_required
def show():
    """The account page: the name others see, and links to the password and the data."""
    form = DisplayNameForm(obj=current_user)
    if form.validate_on_submit():
        accounts.set_display_name(current_user, form.display_name.data or "")
        db.session.commit()
        flash(_("Nom affiché enregistré."), "success")
        return redirect(url_for("account.show"))
    return render_template("account/show.html", form=form)


def learner_download(user: User, fmt: str) -> Response:
    """The learner's data as a file, the export recorded in the audit log."""
    if fmt not in ("json", "html"):
        abort(404)
    data = learners.export_learner(user, current_user, fmt)
    db.session.commit()
    body = learner_json(data) if fmt == "json" else learner_html(data)
    mimetype = "application/json" if fmt == "json" else "text/html"
    response = Response(body, mimetype=f"{mimetype}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{download_name(data, fmt)}"'
    return response


@bp.get("/account/export")
@login_required
def export():
    """Everything quizapp holds about me, as JSON or a readable HTML page."""
    return learner_download(current_user, request.args.get("format", "json"))


@bp.route("/classes/<int:class_id>/students/<int:student_id>/password", methods=["GET", "POST"])
@role_required("teacher")
def reset_student_password(class_id: int, student_id: int):
    """A temporary password for a student of the teacher's class, shown once."""
    school_class = owned_class_or_404(class_id)
    student = accounts.student_of_class(school_class, student_id)
    if student is None or not accounts.may_reset_password(current_user, student):
        abort(404)
    return confirm_then_reset(student, url_for("classes.show_class", class_id=class_id))


def confirm_then_reset(user: User, back: str):
    """GET: the confirmation page; POST: a new temporary password, shown this once."""
    form = ConfirmForm()
    if request.method == "GET":
        return render_template("account/reset.html", user=user, form=form, back=back)
    if not form.validate_on_submit():
        abort(400)
    password = accounts.temporary_password()
    end_transaction()  # the hash takes about 0.1 s: hold no write lock meanwhile
    hashed = hash_password(password)
    accounts.reset_password(current_user, user, hashed)
    db.session.commit()
    return render_template("account/reset_done.html", user=user, password=password, back=back)
