"""The admin's pages: accounts, and the teachers' work from one year to the next."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.extensions import db, end_transaction
from quizapp.models import User
from quizapp.models.accounts import hash_password
from quizapp.services import accounts, audit, learners, school_year
from quizapp.services.lifecycle import LifecycleError
from quizapp.web.forms.accounts import ConfirmForm, CreateUserForm
from quizapp.web.forms.lifecycle import HandOverForm
from quizapp.web.security import role_required
from quizapp.web.views import account

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


# --- a learner's data rights and password resets ---------------------------------------
def _live_user_or_404(user_id: int) -> User:
    user = db.get_or_404(User, user_id)
    if user.erased_at is not None:
        abort(404)
    return user


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@role_required("admin")
def reset_password(user_id: int):
    """A temporary password for anyone but oneself, shown once."""
    user = _live_user_or_404(user_id)
    if not accounts.may_reset_password(current_user, user):
        abort(404)
    return account.confirm_then_reset(user, url_for("admin.users"))


@bp.get("/users/<int:user_id>/export")
@role_required("admin")
def export_learner(user_id: int):
    """Everything quizapp holds about one person (``?format=json`` or ``html``)."""
    user = _live_user_or_404(user_id)
    return account.learner_download(user, request.args.get("format", "json"))


@bp.route("/users/<int:user_id>/erase", methods=["GET", "POST"])
@role_required("admin")
def erase_user(user_id: int):
    """Erase an account: GET says what goes and what stays anonymous; POST erases."""
    user = _live_user_or_404(user_id)
    form = ConfirmForm()
    if request.method == "POST" and not form.validate_on_submit():
        abort(400)
    try:
        plan = learners.erasure_plan(user, current_user)
    except learners.ErasureRefused as exc:
        flash(translated(exc), "error")
        return redirect(url_for("admin.users"))
    if request.method == "GET":
        return render_template("admin/erase.html", plan=plan, form=form)
    name = user.username
    learners.erase_learner(user, current_user)
    db.session.commit()
    flash(
        _("Le compte %(name)s est supprimé ; ses résultats restent, anonymes.", name=name),
        "success",
    )
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@role_required("admin")
def audit_log():
    """Who exported, erased, reset or regraded what, newest first."""
    action = request.args.get("action", "")
    if action and action not in audit.ACTIONS:
        abort(404)
    page = audit.events(request.args.get("page", 1, type=int), action or None)
    return render_template("admin/audit.html", page=page, action=action, actions=audit.ACTIONS)


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
