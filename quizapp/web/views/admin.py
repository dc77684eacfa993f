"""The admin's pages: accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.extensions import db, end_transaction
from quizapp.models import User
from quizapp.models.accounts import hash_password
from quizapp.services import accounts
from quizapp.web.forms.accounts import ConfirmForm, CreateUserForm
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
