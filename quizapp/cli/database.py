"""``quizapp db-check``, ``quizapp backup`` and ``quizapp restore``."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from quizapp.cli.common import check_database, fail
from quizapp.services.backup import BackupError, backup_sqlite, restore_sqlite


@click.command("db-check")
@with_appcontext
def db_check_command() -> None:
    """Check that the database answers (exit status 2 when it does not)."""
    check_database()
    click.echo("database ok")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Copy the live SQLite database to PATH (consistent, while the app runs)."""
    from pathlib import Path

    try:
        pages = backup_sqlite(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(path))
    except BackupError as exc:
        fail(str(exc), 1)
    click.echo(f"backed up {pages} pages to {path} (integrity check: ok)")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: str, yes: bool) -> None:
    """Replace the SQLite database with the backup at PATH (stop the server first)."""
    from pathlib import Path

    if not yes:
        click.confirm("This replaces the whole database. Continue?", abort=True)
    try:
        restore_sqlite(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(path))
    except BackupError as exc:
        fail(str(exc), 1)
    click.echo(f"restored {path}")
