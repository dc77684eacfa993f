"""The admin's pages: accounts, and the teachers' work from one year to the next."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.extensions import db, end_transaction
from quizapp.models import User
from quizapp.models.accounts import hash_password
from quizapp.services import accounts, school_year
from quizapp.services.lifecycle import LifecycleError
from quizapp.web.forms.accounts import ConfirmForm, CreateUserForm
from quizapp.web.forms.lifecycle import HandOverForm
from quizapp.web.security import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
@role_required("admin")
def users():
    """Every account, teachers and admins first."""
    rows = db.session.scalars(db.select(User).order_by(User.role, User.username)).all()
    return render_template("admin/users.html", users=rows, form=ConfirmForm())


@bp.route("/users/new", methods=["GET", "POST"])
@role_required("admin")
def create_user():
    """Create a teacher (or another admin)."""
    form = CreateUserForm()
    if form.validate_on_submit():
        end_transaction()  # the hash takes about 0.1 s: hold no write lock meanwhile
        user = accounts.create_user(
            form.username.data,
            form.password.data,
            form.role.data,
            email=form.email.data,
            display_name=form.display_name.data or "",
            hashed=hash_password(form.password.data),
        )
        db.session.commit()
        flash(_("Compte %(name)s créé.", name=user.username), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form)


@bp.post("/users/<int:user_id>/toggle")
@role_required("admin")
def toggle_user(user_id: int):
    """Disable or re-enable an account; disabling ends its sessions."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("Vous ne pouvez pas désactiver votre propre compte."), "error")
        return redirect(url_for("admin.users"))
    user.active = not user.active
    if not user.active:
        accounts.end_sessions(user)
    db.session.commit()
    flash(_("Compte activé.") if user.active else _("Compte désactivé."), "success")
    return redirect(url_for("admin.users"))


# --- teachers: what each holds, and a departed teacher's work handed over -----------
@bp.get("/teachers")
@role_required("admin")
def teachers():
    """Every teacher with their classes, banks, quizzes and the attempts at them."""
    return render_template("admin/teachers.html", rows=school_year.teacher_counts())


@bp.route("/teachers/<int:user_id>/hand-over", methods=["GET", "POST"])
@role_required("admin")
def hand_over(user_id: int):
    """Give all of a teacher's articles, banks, quizzes and classes to a colleague."""
    departing = db.get_or_404(User, user_id)
    if departing.role not in ("teacher", "admin"):
        abort(404)
    form = HandOverForm()
    if form.validate_on_submit():
        successor = school_year.colleague(form.username.data)
        try:
            done = school_year.hand_over(departing, successor, current_user)
        except LifecycleError as exc:
            form.username.errors.append(translated(exc))
        else:
            db.session.commit()
            flash(
                _(
                    "%(name)s reprend %(banks)d banques, %(quizzes)d quiz, %(classes)d classes "
                    "et %(articles)d articles.",
                    name=successor.username,
                    banks=done.banks,
                    quizzes=done.quizzes,
                    classes=done.classes,
                    articles=done.articles,
                ),
                "success",
            )
            return redirect(url_for("admin.teachers"))
    status = 400 if request.method == "POST" else 200
    return render_template("admin/hand_over.html", form=form, departing=departing), status
