"""Sessions, roles and security headers."""

from __future__ import annotations

import time
from functools import wraps

import sqlalchemy as sa
from flask import Flask, abort, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import UserMixin, current_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

from quizapp.display.labels import person_name
from quizapp.extensions import db, login_manager
from quizapp.models import User
from quizapp.services import attempt_page

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is marked Secure whenever the request came over HTTPS
    (directly, or through a trusted proxy: see QUIZAPP_PROXY_HOPS)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or (
            has_request_context() and request.is_secure
        )


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    hops = app.config.get("PROXY_HOPS", 0)
    if hops:
        # Behind a reverse proxy: trust exactly that many X-Forwarded-* hops.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.before_request(_refuse_nul_characters)
    app.before_request(_expire_idle_session)
    app.after_request(_security_headers)


# Built once: every request runs it, and ``Session.get`` builds its statement anew each
# time (a third of the user's load).
_USER_BY_ID = db.select(User).where(User.id == sa.bindparam("uid"))
_users = User.__table__
# What the pages marked ``user_as_row`` read of the logged-in user, and what ends a session.
_ROW_COLUMNS = ("id", "role", "username", "display_name", "erased_at", "locale")
_ROW_CHECKS = ("session_version", "active", "must_change_password")
_ROW_NAMES = _ROW_COLUMNS + _ROW_CHECKS
_USER_ROW = sa.select(*(_users.c[name] for name in _ROW_COLUMNS + _ROW_CHECKS)).where(
    _users.c.id == sa.bindparam("uid")
)
_USER = "user__"
# The pages of an attempt read the user and the attempt in one statement (read, locked).
_WITH_ATTEMPT = {
    lock: attempt_page.joined(
        *(_users.c[name].label(_USER + name) for name in _ROW_COLUMNS + _ROW_CHECKS),
        table=_users,
        onclause=_users.c.id == sa.bindparam("uid"),
        lock=lock,
    )
    for lock in (False, True)
}


class SignedInRow(UserMixin):
    """The logged-in user as a plain row, for the pages a class sends most (a question
    page, an answer saved by its script): what the layout, the role check and the
    views read, without loading a model. Nothing is written through it."""

    def __init__(self, row, prefix: str = "") -> None:
        if prefix:
            values = row._mapping
            self.__dict__.update((name, values[prefix + name]) for name in _ROW_NAMES)
        else:
            self.__dict__.update(row._mapping)

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def name(self) -> str:
        return person_name(self.username, self.display_name, self.erased_at)


def user_as_row(view=None, *, attempt: str | None = None):
    """Mark a view that reads only :class:`SignedInRow`'s columns of ``current_user``.

    ``attempt="read"`` or ``"lock"``: a page of the attempt ``attempt_id`` of its URL,
    read (or locked, for a save) in the statement that loads the user; the view takes
    it with :func:`attempt_read_with_user`."""

    def mark(view):
        view.user_as_row = True
        view.attempt_with_user = attempt
        return view

    return mark(view) if view is not None else mark


def attempt_read_with_user(attempt_id: int, *, lock: bool):
    """The row of attempt ``attempt_id`` read with the user in this transaction (locked
    if ``lock``), for :func:`~quizapp.services.attempt_page.load`; else None."""
    read = g.pop("_attempt_with_user", None)
    if read is None or read[:2] != (attempt_id, lock):
        return None
    return read[2] if db.session().get_transaction() is read[3] else None


@login_manager.user_loader
def load_user(user_id: str):
    """Sessions carry ``id:session_version``; a bumped version ends them."""
    from flask import current_app

    try:
        uid, version = (int(part) for part in user_id.split(":"))
    except ValueError:
        return None
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    if getattr(view, "user_as_row", False):
        user = _signed_in_row(uid, view.attempt_with_user)
    else:
        user = db.session.execute(_USER_BY_ID, {"uid": uid}).scalar_one_or_none()
    if user is None or user.session_version != version or not user.active:
        return None
    return user


def _signed_in_row(uid: int, attempt: str | None) -> SignedInRow | None:
    conn = db.session.connection()
    attempt_id = (request.view_args or {}).get("attempt_id") if attempt else None
    lock = attempt == "lock"
    # A lock is taken here only where the save would take it: on PostgreSQL in the
    # request's transaction, on SQLite in a transaction begun IMMEDIATE (a POST).
    if attempt_id is not None and (not lock or _holds_write_lock(conn)):
        row = conn.execute(_WITH_ATTEMPT[lock], {"uid": uid, "attempt_id": attempt_id})
        row = row.one_or_none()
        if row is not None:
            read = (attempt_id, lock, row, db.session().get_transaction())
            g._attempt_with_user = read
            return SignedInRow(row, _USER)
    row = conn.execute(_USER_ROW, {"uid": uid}).one_or_none()
    return SignedInRow(row) if row is not None else None


def _holds_write_lock(conn) -> bool:
    return conn.dialect.name != "sqlite" or bool(conn.info.get("write_lock"))


@login_manager.unauthorized_handler
def _unauthorized():
    from flask import flash, redirect, url_for
    from flask_babel import gettext as _

    if request.accept_mimetypes.best == "application/json" or request.is_json:
        abort(401)
    flash(_("Connectez-vous pour continuer."), "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _refuse_nul_characters():
    """No text a person types holds a NUL character; PostgreSQL can't even store one."""
    values = [v for vs in request.args.listvalues() for v in vs]
    if request.method in ("POST", "PUT", "PATCH"):
        if request.is_json:  # a JSON body is no form: its escaped NUL is looked for
            if b"\\u0000" in request.get_data(cache=True):
                values.append("\x00")
        else:
            values += [v for vs in request.form.listvalues() for v in vs]
    if any("\x00" in value for value in values):
        from flask_babel import gettext as _

        abort(400, _("Le texte envoyé contient un caractère nul (U+0000) : retirez-le."))


def _expire_idle_session():
    """Idle and absolute expiry, checked on the server for every request."""
    from flask import current_app

    if request.endpoint in ("static", "main.healthz"):
        return
    now = int(time.time())
    cfg = current_app.config
    started, seen = session.get("_started"), session.get("_seen")
    too_old = started is not None and now - started > _seconds(cfg["PERMANENT_SESSION_LIFETIME"])
    idle = seen is not None and now - seen > cfg["IDLE_TIMEOUT"]
    if too_old or idle:
        if current_user.is_authenticated:
            logout_user()
        session.clear()
    session.setdefault("_started", now)
    if seen is None or now - seen > 60:  # don't rewrite the cookie on every request
        session["_seen"] = now


def _seconds(value) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


_SECURITY_HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


def _security_headers(response):
    # One pass over the headers already set (a view may set its own), not one per header.
    present = {key.lower() for key in response.headers.keys()}
    for key, value in _SECURITY_HEADERS:
        if key.lower() not in present:
            response.headers.add(key, value)
    if request.is_secure and "strict-transport-security" not in present:
        response.headers.add("Strict-Transport-Security", "max-age=31536000")
    # The session's user id, not current_user: after a commit that would load the user again.
    no_store = getattr(g, "no_store", False) or session.get("_user_id")
    if no_store and "cache-control" not in present:
        response.headers.add("Cache-Control", "no-store")
    return response


def role_required(*roles: str):
    """Logged in with one of ``roles`` (an admin passes every role check), else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role != "admin" and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
