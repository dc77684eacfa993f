"""What every command needs: one-line failures and a database that answers."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from quizapp.extensions import db


def fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"quizapp: error: {message}", err=True)
    sys.exit(status)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def check_database() -> None:
    """Exit with one line when the database does not answer."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = str(exc.orig if getattr(exc, "orig", None) else exc).strip().splitlines()[0]
        url = db.engine.url.render_as_string(hide_password=True)
        fail(f"cannot reach the database {url}: {reason}")


def upgrade_schema() -> None:
    from flask_migrate import upgrade

    check_database()
    upgrade()
