"""Login throttling with Flask-Limiter: only failed logins count.

Three moving windows (``LOGIN_LIMIT_*`` in the config): per account, per address
and account, and a much higher ceiling per address, so that a school behind one
NAT address is not locked out by a few pupils (or one prankster) typing made-up
names. A correct password clears the account's counts, never the address's.

The counts live where every worker sees them: in Redis when ``QUIZAPP_REDIS_URL``
is set (needed when the app runs on several machines), otherwise in
``<data dir>/ratelimit.sqlite3``, which the workers of one server share.
"""

from __future__ import annotations

import ipaddress
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, request
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from limits.storage import MovingWindowSupport, Storage, storage_from_string

from quizapp.extensions import limiter
from quizapp.web.forms.accounts import normalise_username

EXTENSION = "quizapp_ratelimit"
FILE_NAME = "ratelimit.sqlite3"
_FAILED = "quizapp_login_failed"
# Scopes whose counts a correct password clears; the address's ceiling stays.
_FORGIVEN = ("account", "address-account")


def init_app(app: Flask) -> None:
    """Choose this app's store and wire Flask-Limiter."""
    url = app.config.get("REDIS_URL")
    if url and url.startswith("unix://"):
        url = "redis+" + url  # redis-py's socket URL, as `limits` names it
    app.extensions[EXTENSION] = (
        storage_from_string(url) if url else SQLiteStorage(Path(app.config["DATA_DIR"]) / FILE_NAME)
    )
    limiter.init_app(app)
    hooks = app.before_request_funcs[None]
    hooks[hooks.index(limiter._check_request_limit)] = _check_throttled_views
    after = app.after_request_funcs[None]
    index, finish = next(
        (i, f) for i, f in enumerate(after) if getattr(f, "func", None) is _LIMITER_AFTER
    )
    after[index] = lambda response: finish(response) if _throttled_view() else response


# Flask-Limiter's after-request hook: the deductions of failed logins and its headers.
_LIMITER_AFTER = Limiter._Limiter__inject_headers


def _throttled_view() -> bool:
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "throttled", False)


def _check_throttled_views() -> None:
    """Flask-Limiter's check, for the views decorated here only. There are no default
    limits, so the other views (a question page, a save) have nothing to count; its
    check would still resolve the view's limits and meta-limits on every request."""
    if _throttled_view():
        limiter._check_request_limit()


@limiter.request_filter
def _not_throttled() -> bool:
    """The same rule where Flask-Limiter applies its filters (a limit it checks of its
    own accord, such as one set on a blueprint)."""
    return not _throttled_view()


# --- what is counted, and under which key --------------------------------------------
def client_network() -> str:
    """The client's address; for IPv6 its /64, which one machine or one school holds whole
    (otherwise a single attacker would have 2^64 addresses)."""
    address = get_remote_address()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def _account() -> str:
    # The form's own normalisation: "Prof" and " prof" are one account, one count.
    return normalise_username(request.form.get("username", "")) or "-"


def _address_and_account() -> str:
    return f"{client_network()}|{_account()}"


def _configured(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def _login_failed_in_this_request(_response) -> bool:
    return g.get(_FAILED, False)


def failed_logins(*, on_breach: Callable[[RequestLimit], Any]) -> Callable:
    """Decorate the login view: a POST is refused (``on_breach`` makes the answer)
    while any of the three counts is full, and adds to them only when the view
    called ``login_failed``."""
    limits = (
        ("LOGIN_LIMIT_ADDRESS", client_network, "address"),
        ("LOGIN_LIMIT_ADDRESS_ACCOUNT", _address_and_account, "address-account"),
        ("LOGIN_LIMIT_ACCOUNT", _account, "account"),
    )

    def decorate(view):
        for setting, key, scope in limits:
            view = limiter.limit(
                _configured(setting),
                key_func=key,
                scope=scope,
                methods=["POST"],
                deduct_when=_login_failed_in_this_request,
                on_breach=on_breach,
            )(view)
        view.throttled = True
        return view

    return decorate


_REFUSED = "quizapp_signup_refused"


def refused_signups(*, on_breach: Callable[[RequestLimit], Any]) -> Callable:
    """Decorate the sign-up view: refused sign-ups (a wrong class code, a username
    taken) count per address (``REGISTER_LIMIT_ADDRESS``), so that nobody can try
    codes or probe for usernames by the thousand; a class signing up is not slowed."""
    limit = limiter.limit(
        _configured("REGISTER_LIMIT_ADDRESS"),
        key_func=client_network,
        scope="signup",
        methods=["POST"],
        deduct_when=lambda _response: g.get(_REFUSED, False),
        on_breach=on_breach,
    )

    def decorate(view):
        view = limit(view)
        view.throttled = True
        return view

    return decorate


def signup_refused() -> None:
    """Count this sign-up against the address."""
    setattr(g, _REFUSED, True)


def login_failed() -> None:
    """Count this request against the account, the address and both together."""
    setattr(g, _FAILED, True)


def login_succeeded() -> None:
    """A correct password forgives the account's earlier mistakes."""
    for current in limiter.current_limits:
        if current.request_args[-1].rsplit(":", 1)[-1] in _FORGIVEN:
            current.limiter.clear(current.limit, *current.request_args)


# --- storage ------------------------------------------------------------------------
class AppStorage(Storage, MovingWindowSupport):
    """The current app's store (``app.extensions[EXTENSION]``).

    Flask-Limiter keeps one storage per ``Limiter``, and ours is created once per
    process (``extensions.limiter``): each ``init_app`` would replace the storage of
    every app created before. Handing each call to the current app's store keeps two
    apps of one process (tests, two simulated workers) as separate as two processes.
    """

    STORAGE_SCHEME = ["quizapp"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @staticmethod
    def _store():
        return current_app.extensions[EXTENSION]

    @property
    def base_exceptions(self):
        return Exception  # only read to wrap errors, which stays off: they pass unchanged

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self._store().incr(key, expiry, amount)

    def get(self, key: str) -> int:
        return self._store().get(key)

    def get_expiry(self, key: str) -> float:
        return self._store().get_expiry(key)

    def check(self) -> bool:
        return self._store().check()

    def reset(self) -> int | None:
        return self._store().reset()

    def clear(self, key: str) -> None:
        self._store().clear(key)

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        return self._store().acquire_entry(key, limit, expiry, amount)

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        return self._store().get_moving_window(key, limit, expiry)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS hits (key TEXT NOT NULL, at REAL NOT NULL, expires_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS hits_key_at ON hits (key, at);
CREATE INDEX IF NOT EXISTS hits_expires_at ON hits (expires_at);
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires_at REAL NOT NULL
);
"""


class SQLiteStorage(Storage, MovingWindowSupport):
    """Counts in a SQLite file of their own, shared by every process that opens it.

    Not in the app's database: a login POST on SQLite holds that database's write
    lock from its first statement, so a count written there through another
    connection would wait for the request itself; and this way PostgreSQL needs no
    table and no migration for it. Each call is one short transaction (``BEGIN
    IMMEDIATE`` when it writes, so two workers cannot both take the last place) on
    a connection of the calling thread, opened again in a forked child.

    The connection stays open: closing the last one to a WAL database checkpoints
    and syncs the file, about 20 ms a call, 60 ms a failed login.
    """

    def __init__(self, path: str | Path, wrap_exceptions: bool = False) -> None:
        self.path = str(path)
        self._local = threading.local()
        super().__init__(self.path, wrap_exceptions=wrap_exceptions)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # a count lost in a power cut is fine
            conn.executescript(_SCHEMA)
            local.conn, local.pid = conn, os.getpid()
        return local.conn

    @contextmanager
    def _transaction(self, *, write: bool):
        conn = self._connection()
        if conn.in_transaction:  # a COMMIT that failed (busy) left it open
            conn.execute("ROLLBACK")
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # Moving window (the strategy we use): one row per hit.
    @staticmethod
    def _window(conn, key: str, limit: int, expiry: int, now: float) -> tuple[float, int]:
        oldest, count = conn.execute(
            "SELECT MIN(at), COUNT(*) FROM"
            " (SELECT at FROM hits WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?)",
            (key, now - expiry, limit),
        ).fetchone()
        return (oldest if oldest is not None else now), count

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        with self._transaction(write=False) as conn:
            return self._window(conn, key, limit, expiry, time.time())

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        if amount > limit:
            return False
        now = time.time()
        with self._transaction(write=True) as conn:
            if self._window(conn, key, limit, expiry, now)[1] + amount > limit:
                return False
            conn.executemany(
                "INSERT INTO hits (key, at, expires_at) VALUES (?, ?, ?)",
                [(key, now, now + expiry)] * amount,
            )
            conn.execute("DELETE FROM hits WHERE expires_at <= ?", (now,))
            return True

    # Fixed window too, so that the store still works if the strategy is changed to it.
    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._transaction(write=True) as conn:
            conn.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
            conn.execute(
                "INSERT INTO counters (key, value, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
                (key, amount, now + expiry),
            )
            return conn.execute("SELECT value FROM counters WHERE key = ?", (key,)).fetchone()[0]

    def get(self, key: str) -> int:
        with self._transaction(write=False) as conn:
            row = conn.execute(
                "SELECT value FROM counters WHERE key = ? AND expires_at > ?", (key, time.time())
            ).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        with self._transaction(write=False) as conn:
            row = conn.execute(
                "SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?", (key, now)
            ).fetchone()
        return row[0] if row else now

    def clear(self, key: str) -> None:
        with self._transaction(write=True) as conn:
            conn.execute("DELETE FROM hits WHERE key = ?", (key,))
            conn.execute("DELETE FROM counters WHERE key = ?", (key,))

    def reset(self) -> int | None:
        with self._transaction(write=True) as conn:
            removed = conn.execute("DELETE FROM hits").rowcount
            return removed + conn.execute("DELETE FROM counters").rowcount

    def check(self) -> bool:
        try:
            with self._transaction(write=False) as conn:
                conn.execute("SELECT 1 FROM hits LIMIT 1")
        except sqlite3.Error:
            return False
        return True
