"""Extensions, created unbound; ``create_app`` wires them."""

from __future__ import annotations

import contextvars
import hmac
import logging
import sqlite3
from typing import Any

from flask import current_app, g, request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect, generate_csrf, same_origin, validate_csrf
from sqlalchemy import MetaData, String, event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.functions import FunctionElement
from wtforms import ValidationError

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SignOnceCSRF(CSRFProtect):
    """Flask-WTF's CSRF protection, each session's token signed once per process.

    Flask-WTF signs the session's token again on every page that shows a form (a
    serializer built anew and an HMAC), and checks a posted token's signature on every
    post. With ``WTF_CSRF_TIME_LIMIT`` unset (a token lives as long as its session)
    the signed token never expires: the one made for a session's token is kept, and a
    posted token this process signed for the session's token is valid without its
    signature being checked again. Any other token goes through Flask-WTF's check.
    """

    _MAX = 100_000  # sessions remembered; then it starts again

    def __init__(self) -> None:
        super().__init__()
        self._signed: dict[tuple[Any, str], str] = {}  # (secret, session's) -> signed
        self._tokens: dict[tuple[Any, str], str] = {}  # (secret, signed) -> session's

    def init_app(self, app) -> None:
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = self.token
        app.context_processor(lambda: {"csrf_token": self.token})

    def token(self) -> str:
        """``generate_csrf()``: the signed token of this session, for a form."""
        field = current_app.config["WTF_CSRF_FIELD_NAME"]
        signed = g.get(field)
        if signed is not None:
            return signed
        lasting = current_app.config.get("WTF_CSRF_TIME_LIMIT") is None
        key = (_csrf_secret(), session.get(field))
        signed = self._signed.get(key) if lasting else None
        if signed is None:
            signed = generate_csrf()
            if lasting:
                self._remember(session[field], signed)
        setattr(g, field, signed)
        return signed

    def _remember(self, raw: str, signed: str) -> None:
        if len(self._signed) >= self._MAX:
            self._signed.clear()
            self._tokens.clear()
        secret = _csrf_secret()
        self._signed[(secret, raw)] = signed
        self._tokens[(secret, signed)] = raw

    def protect(self, apply_exemptions: bool = False) -> None:
        """Flask-WTF 1.3's ``protect``; a token signed here for this session's token
        skips the signature check, nothing else."""
        if apply_exemptions and (not request.endpoint or self._is_exempt()):
            return
        cfg = current_app.config
        if request.method not in cfg["WTF_CSRF_METHODS"]:
            return
        given = self._get_csrf_token()
        raw = session.get(cfg["WTF_CSRF_FIELD_NAME"])
        known = self._tokens.get((_csrf_secret(), given)) if given else None
        if known is None or not isinstance(raw, str) or not hmac.compare_digest(known, raw):
            try:
                validate_csrf(given)
            except ValidationError as e:
                logging.getLogger("flask_wtf.csrf").info(e.args[0])
                self._error_response(e.args[0])
        if request.is_secure and cfg["WTF_CSRF_SSL_STRICT"]:
            if not request.referrer:
                self._error_response("The referrer header is missing.")
            if not same_origin(request.referrer, f"https://{request.host}/"):
                self._error_response("The referrer does not match the host.")
        g.csrf_valid = True

    def _get_csrf_token(self):
        # A request that is not a form (the page's JSON save) has no form to parse.
        if request.mimetype in _FORM_TYPES:
            return super()._get_csrf_token()
        for header in current_app.config["WTF_CSRF_HEADERS"]:
            if token := request.headers.get(header):
                return token
        return None


def _csrf_secret():
    return current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = SignOnceCSRF()
login_manager = LoginManager()
babel = Babel()
# "quizapp://" hands every count to the current app's own store, Redis or a file
# shared by the server's workers (quizapp.web.throttle, which registers the scheme).
limiter = Limiter(
    get_remote_address, storage_uri="quizapp://", strategy="moving-window", key_prefix="quizapp"
)

# --- SQLite: WAL, foreign keys, busy timeout, BEGIN IMMEDIATE on demand -------
_immediate = contextvars.ContextVar("quizapp_begin_immediate", default=False)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_conn, _record):
    if not isinstance(dbapi_conn, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own is deferred only).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    dbapi_conn.create_function("quizapp_lower", 1, _lower, deterministic=True)


def _lower(value):
    return value.lower() if isinstance(value, str) else value


class unicode_lower(FunctionElement):
    """``lower()`` that folds every letter, « É » as well as « E »: PostgreSQL's does;
    SQLite's folds ASCII only, so there it is Python's ``str.lower``, registered on
    each connection."""

    type = String()
    name = "unicode_lower"
    inherit_cache = True


@compiles(unicode_lower)
def _unicode_lower(element, compiler, **kw):
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(unicode_lower, "sqlite")
def _unicode_lower_sqlite(element, compiler, **kw):
    return f"quizapp_lower({compiler.process(element.clauses, **kw)})"


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn):
    if conn.dialect.name == "sqlite":
        immediate = _immediate.get()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
        conn.info["write_lock"] = immediate


def begin_write() -> None:
    """Start a read-then-write transaction.

    On SQLite a deferred transaction that reads and then writes can fail with
    "database is locked" whatever the timeout, so write paths take the write lock
    up front (BEGIN IMMEDIATE). On PostgreSQL, row locks (``with_for_update``, with
    ``populate_existing`` so that an object read earlier in the request is read
    again) do that job in the transaction already open: at READ COMMITTED each
    statement sees what was committed before it, so there is nothing to commit first.
    """
    session = db.session()
    if session.in_transaction():
        conn = session.connection()
        if conn.dialect.name != "sqlite" or conn.info.get("write_lock"):
            # PostgreSQL, or SQLite begun IMMEDIATE (a POST): what was read is current.
            return
    db.session.commit()  # end the read-only transaction opened by loading the user
    token = _immediate.set(True)
    try:
        db.session.connection()  # begins now, with the write lock on SQLite
    finally:
        _immediate.reset(token)


def end_transaction(*, writes_follow: bool = True) -> None:
    """End the request's transaction before long work that reads and writes nothing
    (the article generator: seconds for a long article, more in a worker that loads
    the language model first; parsing a large import file).

    On SQLite a POST's transaction holds the write lock from its first statement
    (the logged-in user): left open, every other write of the school would wait
    for that work, then fail after the busy timeout. Nothing may be pending; the
    next statement begins a new transaction, IMMEDIATE again in a POST unless
    ``writes_follow`` is false (the request only reads from here on).
    """
    session = db.session()
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("end_transaction() would commit unsaved changes")
    session.commit()
    if not writes_follow:
        _immediate.set(False)  # reset with the rest at the request's teardown


def write_requests_take_the_lock(app) -> None:
    """On SQLite, a POST's transaction begins IMMEDIATE.

    A request that reads (the logged-in user, a form check) and then writes in one
    deferred transaction fails with "database is locked" when another worker
    committed in between, whatever the busy timeout. SQLite has one writer at a
    time anyway: taking the lock when the transaction begins makes writers wait
    their turn (the busy timeout) instead of failing. Reads (GET) stay deferred
    and concurrent. PostgreSQL is left alone.
    """
    from flask import g, request

    @app.before_request
    def _immediate_for_writes():
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            g._immediate_token = _immediate.set(True)

    @app.teardown_request
    def _reset_immediate(_exc):
        token = g.pop("_immediate_token", None)
        if token is not None:
            _immediate.reset(token)
