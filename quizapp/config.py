"""Settings from the environment, with safe defaults.

| variable                | default                                   |
|-------------------------|-------------------------------------------|
| QUIZAPP_DATA_DIR        | ./quizapp-data (created when missing)     |
| QUIZAPP_DATABASE_URL    | sqlite:///<data dir>/quizapp.sqlite3      |
|                         | (postgresql: the `postgres` extra)        |
| QUIZAPP_SECRET_KEY      | generated once into <data dir>/secret_key |
| QUIZAPP_REDIS_URL       | unset: login throttling in <data dir>     |
|                         | (redis: the `redis` extra)                |
| QUIZAPP_MAX_UPLOAD_MB   | 2                                         |
| QUIZAPP_PROXY_HOPS      | 0 (number of trusted reverse proxies)     |
| QUIZAPP_TIMEZONE        | Europe/Paris (how teachers read times)    |
| QUIZAPP_METRICS_TOKEN   | unset: /metrics answers localhost only    |
| QUIZAPP_RETENTION_MONTHS| unset: `quizapp purge` erases nobody      |
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """A setting that makes the app unable to start; the message is one readable line."""


def data_dir() -> Path:
    return Path(os.environ.get("QUIZAPP_DATA_DIR") or Path.cwd() / "quizapp-data").resolve()


def ensure_data_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
        # A file of its own: gunicorn's workers all check at the same moment.
        fd, probe = tempfile.mkstemp(dir=path, prefix=".write-test-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ConfigError(
            f"the data folder {path} is not writable ({exc.strerror or exc})"
        ) from None
    return path


def load_secret_key(folder: Path) -> str:
    """The secret key from the environment, or one generated once and kept owner-only."""
    key = os.environ.get("QUIZAPP_SECRET_KEY")
    if key:
        return key
    path = folder / "secret_key"
    if path.exists():
        return path.read_text().strip()
    # Written whole under a name of its own (owner-only), then linked into place: of
    # several processes starting at once, the first link wins and the others read it.
    key = secrets.token_urlsafe(48)
    fd, written = tempfile.mkstemp(dir=folder, prefix=".secret_key-")
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        os.link(written, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        os.unlink(written)
    return key


def database_url(folder: Path) -> str:
    url = os.environ.get("QUIZAPP_DATABASE_URL")
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            # psycopg 3 is the driver we ship
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    return f"sqlite:///{folder / 'quizapp.sqlite3'}"


#: Python modules that some URLs need, and the extra of quizapp that installs them.
_EXTRAS = (
    ("SQLALCHEMY_DATABASE_URI", ("postgresql+psycopg:",), "psycopg", "postgres", "PostgreSQL"),
    ("REDIS_URL", ("redis:", "rediss:", "unix:"), "redis", "redis", "Redis"),
)


def check_extras(config: Mapping[str, Any]) -> None:
    """One readable line, instead of an ImportError deep in a library, when a URL
    needs a driver that was not installed."""
    for key, schemes, module, extra, name in _EXTRAS:
        url = str(config.get(key) or "")
        if url.startswith(schemes) and importlib.util.find_spec(module) is None:
            raise ConfigError(
                f"{url.split(':', 1)[0]}:// needs {name} support, which is not installed: "
                f"pip install 'quizapp[{extra}]'"
            )


def retention_months() -> int | None:
    """Months after which ``quizapp purge`` erases an unused student account (None: never)."""
    value = (os.environ.get("QUIZAPP_RETENTION_MONTHS") or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(
            f"QUIZAPP_RETENTION_MONTHS must be a whole number of months (1 or more), not {value!r}"
        )
    return int(value)


def from_environment() -> dict:
    folder = ensure_data_dir(data_dir())
    max_mb = float(os.environ.get("QUIZAPP_MAX_UPLOAD_MB", "2"))
    return {
        "DATA_DIR": str(folder),
        "SECRET_KEY": load_secret_key(folder),
        "SQLALCHEMY_DATABASE_URI": database_url(folder),
        "REDIS_URL": os.environ.get("QUIZAPP_REDIS_URL") or None,
        "MAX_CONTENT_LENGTH": int(max_mb * 1024 * 1024),
        "PROXY_HOPS": int(os.environ.get("QUIZAPP_PROXY_HOPS", "0")),
        "TIMEZONE": os.environ.get("QUIZAPP_TIMEZONE") or "Europe/Paris",
        "METRICS_TOKEN": os.environ.get("QUIZAPP_METRICS_TOKEN") or None,
        "RETENTION_MONTHS": retention_months(),
    }


DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "quizapp_session",
    # A quiz can last hours: the CSRF token lives as long as the session.
    "WTF_CSRF_TIME_LIMIT": None,
    "WTF_CSRF_SSL_STRICT": True,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "BABEL_DEFAULT_LOCALE": "fr",
    "LANGUAGES": ("fr", "en"),
    "PERMANENT_SESSION_LIFETIME": 12 * 3600,  # absolute expiry, seconds
    # The cookie is signed again only when the session changes (at most once a
    # minute, for the idle clock): expiry is checked on the server, not by the cookie.
    "SESSION_REFRESH_EACH_REQUEST": False,
    "IDLE_TIMEOUT": 2 * 3600,  # seconds without a request before a session ends
    "SETUP_TOKEN_MINUTES": 30,
    # Failed logins allowed in a moving window (Flask-Limiter's notation). The address
    # ceiling is high: a whole school can reach the server from one NAT address.
    "LOGIN_LIMIT_ACCOUNT": "10 per 15 minutes",
    "LOGIN_LIMIT_ADDRESS_ACCOUNT": "5 per 5 minutes",
    "LOGIN_LIMIT_ADDRESS": "300 per 5 minutes",
    "REGISTER_LIMIT_ADDRESS": "40 per 10 minutes",
}
