"""Log in and out, student sign-up, first-admin setup, password change."""

from __future__ import annotations

import functools

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from quizapp.extensions import begin_write, db, end_transaction
from quizapp.models import User
from quizapp.models.accounts import check_password_hash, hash_password, needs_rehash
from quizapp.models.base import utcnow
from quizapp.services import accounts
from quizapp.web import throttle
from quizapp.web.forms.accounts import (
    ChangePasswordForm,
    ConfirmForm,
    LoginForm,
    RegisterForm,
    SetupAdminForm,
)
from quizapp.web.views import safe_next

bp = Blueprint("auth", __name__)


# Checking a password against a made-up hash costs as much as a real check,
# so the response time does not tell whether an account exists.
@functools.cache
def _dummy_hash() -> str:
    """Made on first use, not at import: hashing costs as much as a login."""
    return hash_password("not-a-real-password-0")


def _start_session(user: User) -> None:
    session.clear()  # a new session identifier at login (no fixation)
    session.permanent = True
    login_user(user)
    user.last_login_at = utcnow()


def _too_many(template: str, form) -> Response:
    """The page again with a 429, whether the account exists or not (Flask-Limiter's
    on_breach)."""
    flash(_("Trop de tentatives : patientez quelques minutes avant de réessayer."), "error")
    return make_response(render_template(template, form=form), 429)


def _too_many_failures(_limit) -> Response:
    return _too_many("auth/login.html", LoginForm(next=request.args.get("next", "")))


@bp.route("/login", methods=["GET", "POST"])
@throttle.failed_logins(on_breach=_too_many_failures)
def login():
    """Log in; a failure never says whether the account exists."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = accounts.user_by_login(form.username.data)
        stored = user.password_hash if user is not None else None
        # A check costs about 50 ms: done with no transaction open (on SQLite a
        # POST's holds the write lock, and every login and save would queue behind it).
        end_transaction()
        ok = check_password_hash(stored or _dummy_hash(), form.password.data) and user is not None
        # An older hash (scrypt, or a lower cost) is made again now that the password is known.
        upgraded = hash_password(form.password.data) if ok and needs_rehash(stored) else None
        # Read again: the password must not have changed while it was being checked.
        if ok and user.active and user.password_hash == stored:
            throttle.login_succeeded()
            if upgraded:
                user.password_hash = upgraded
            _start_session(user)
            db.session.commit()
            return redirect(safe_next(form.next.data) or url_for("main.index"))
        throttle.login_failed()
        flash(_("Identifiant ou mot de passe incorrect."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Log out here and end this account's other sessions too."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.end_sessions(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("Vous êtes déconnecté."), "info")
    return redirect(url_for("auth.login"))


def _too_many_signups(_limit) -> Response:
    return _too_many("auth/register.html", RegisterForm(join_code=request.args.get("code", "")))


@bp.route("/register", methods=["GET", "POST"])
@throttle.refused_signups(on_breach=_too_many_signups)
def register():
    """A student creates an account with their class's join code."""
    form = RegisterForm(join_code=request.args.get("code", ""))
    if not form.is_submitted():
        return render_template("auth/register.html", form=form)
    # The class code first: without a class to join, nothing is said of the
    # other fields (whether a username is taken) and no password is hashed.
    school_class = accounts.class_by_code(form.join_code.data) if form.join_code.data else None
    if school_class is None:
        form.refuse_join_code(_("Ce code ne correspond à aucune classe ouverte."))
    elif form.validate():
        end_transaction()  # the hash takes about 0.1 s: hold no write lock meanwhile
        hashed = hash_password(form.password.data)
        school_class = accounts.class_by_code(form.join_code.data)
        if school_class is None:  # closed while the password was hashed
            form.join_code.errors.append(_("Ce code ne correspond à aucune classe ouverte."))
        else:
            user = accounts.create_user(
                form.username.data,
                form.password.data,
                "student",
                email=form.email.data,
                display_name=form.display_name.data or "",
                hashed=hashed,
            )
            db.session.flush()
            accounts.join_class(user, school_class)
            _start_session(user)
            db.session.commit()
            flash(
                _("Bienvenue ! Vous avez rejoint la classe %(name)s.", name=school_class.name),
                "success",
            )
            return redirect(url_for("main.index"))
    throttle.signup_refused()
    return render_template("auth/register.html", form=form)


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str):
    """Create the first admin with the one-time link printed by ``quizapp serve``."""
    row = accounts.valid_setup_token(token)
    if row is None:
        abort(404)
    form = SetupAdminForm()
    if form.validate_on_submit():
        begin_write()  # two clicks on the link must not make two admins
        row = accounts.valid_setup_token(token, for_update=True)
        if row is None:
            abort(404)
        user = accounts.create_user(
            form.username.data,
            form.password.data,
            "admin",
            email=form.email.data,
            display_name=form.display_name.data or "",
        )
        accounts.consume_setup_token(row)
        db.session.flush()
        _start_session(user)
        db.session.commit()
        flash(_("Compte administrateur créé."), "success")
        return redirect(url_for("admin.users"))
    return render_template("auth/setup.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password; every other session of the account ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        stored = current_user.password_hash
        end_transaction()  # two hashes, about 0.2 s: hold no write lock meanwhile
        if not check_password_hash(stored, form.current.data):
            form.current.errors.append(_("Mot de passe actuel incorrect."))
        else:
            hashed = hash_password(form.password.data)
            user = current_user._get_current_object()
            if user.password_hash != stored:  # changed meanwhile, from another session
                form.current.errors.append(
                    _("Le mot de passe vient d’être changé dans une autre session : recommencez.")
                )
                return render_template("auth/password.html", form=form), 409
            user.password_hash = hashed
            user.must_change_password = False
            accounts.end_sessions(user)
            _start_session(user)  # this browser stays logged in, with the new version
            db.session.commit()
            flash(_("Mot de passe changé. Vos autres sessions sont fermées."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/password.html", form=form)
