"""The ``quizapp`` command (also ``flask --app quizapp``).

User mistakes end with one readable line and a non-zero status, never a traceback.
"""

from __future__ import annotations

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from quizapp.config import ConfigError


def _make_app() -> Flask:
    from quizapp import create_app

    return create_app()


def fail(message: str, status: int = 2):
    click.echo(f"quizapp: error: {message}", err=True)
    sys.exit(status)


def check_database() -> None:
    """Exit with one line when the database does not answer."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from quizapp.extensions import db

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


def default_workers() -> int:
    """Two per core plus one, as gunicorn suggests, capped for small machines' memory."""
    return min(2 * (os.cpu_count() or 1) + 1, 9)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers", type=int, default=None, help="gunicorn workers [default: 2 per core + 1]"
)
@click.option(
    "--threads",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    envvar="QUIZAPP_THREADS",
    help="threads per worker (QUIZAPP_THREADS)",
)
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader.")
@click.option("--demo", is_flag=True, help="Load the demo banks and accounts first.")
@with_appcontext
def serve_command(
    host: str, port: int, workers: int | None, threads: int, dev: bool, demo: bool
) -> None:
    """Upgrade the database, then serve the app."""
    from quizapp.services import accounts

    upgrade_schema()
    if demo:
        from quizapp.services.demo import load_demo

        print_demo(load_demo())
    if not accounts.admin_exists():
        token = accounts.issue_setup_token(current_app.config["SETUP_TOKEN_MINUTES"])
        shown = "localhost" if host in ("0.0.0.0", "::") else host
        click.echo(
            f"No admin yet: create one within {current_app.config['SETUP_TOKEN_MINUTES']} minutes at\n"
            f"  http://{shown}:{port}/setup/{token}"
        )
    if dev:
        current_app.run(host=host, port=port, debug=True, use_reloader=True)
        return
    workers = workers or default_workers()
    _prepare_metrics_dir(workers)
    run_gunicorn(host, port, workers, threads)


def _prepare_metrics_dir(workers: int) -> None:
    """Several workers share their Prometheus counts through files in the data folder."""
    import shutil
    from pathlib import Path

    if workers > 1 and "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        folder = Path(current_app.config["DATA_DIR"]) / "metrics"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def run_gunicorn(
    host: str, port: int, workers: int, threads: int = 4, *, preload_model: bool = True
) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 60)
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", None)
            self.cfg.set("child_exit", _child_exit)
            if preload_model:
                self.cfg.set("when_ready", load_language_model)

        def load(self):
            return _make_app()

    Server().run()


def load_language_model(server) -> None:
    """Load the generator's language model in gunicorn's master, before it forks the
    workers: they share it, and a worker's first generation no longer spends about
    6 s of CPU loading it (350 MB each) in the middle of the students' requests."""
    try:
        from quizapp.generation.nlp import get_nlp

        get_nlp()
    except Exception as exc:  # the generator reports it again when a teacher uses it
        server.log.warning("the language model is not loaded (%s): generation will try again", exc)


def _child_exit(_server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


@click.command("create-user")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(["admin", "teacher", "student"]),
    default="teacher",
    show_default=True,
)
@click.option("--email", default=None)
@click.option("--name", "display_name", default="", help="Name shown in the app.")
@click.option(
    "--password",
    envvar="QUIZAPP_NEW_PASSWORD",
    default=None,
    help="Read from QUIZAPP_NEW_PASSWORD, else asked for.",
)
@with_appcontext
def create_user_command(username, role, email, display_name, password) -> None:
    """Create an account (a teacher by default)."""
    from quizapp.extensions import db
    from quizapp.services.accounts import AccountError, create_user

    upgrade_schema()
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_user(username, password, role, email=email, display_name=display_name)
    except AccountError as exc:
        db.session.rollback()
        fail(str(exc), 1)
    db.session.commit()
    click.echo(f"created {role} {username.strip().lower()}")


def print_demo(info: dict) -> None:
    click.echo("Demo data loaded. Accounts (passwords generated now, shown once):")
    for role, (username, password) in info["accounts"].items():
        click.echo(f"  {role:8} {username}  {password}")
    click.echo(f"  class    {info['class_name']}  join code {info['join_code']}")
    for name, count in info["banks"]:
        click.echo(f"  bank     {name} ({count} questions)")


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

    from quizapp.ops import BackupError, backup_sqlite

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

    from quizapp.ops import BackupError, restore_sqlite

    if not yes:
        click.confirm("This replaces the whole database. Continue?", abort=True)
    try:
        restore_sqlite(current_app.config["SQLALCHEMY_DATABASE_URI"], Path(path))
    except BackupError as exc:
        fail(str(exc), 1)
    click.echo(f"restored {path}")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the banks in questions/, a demo class and demo accounts."""
    from quizapp.services.demo import load_demo

    upgrade_schema()
    print_demo(load_demo())


def init_app(app: Flask) -> None:
    for command in (
        serve_command,
        create_user_command,
        demo_command,
        db_check_command,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)
    for command in optional_commands():
        app.cli.add_command(command)


def optional_commands() -> list[click.Command]:
    """Commands from the other modules (generation, formats, reports)."""
    from quizapp.generation.cli import generate_command
    from quizapp.transfer_cli import export_command, import_command

    commands = [generate_command, import_command, export_command]
    from quizapp.reports.cli import COMMANDS as report_commands

    commands += report_commands
    return commands


def main() -> None:
    group = FlaskGroup(create_app=_make_app, help="quizapp: quizzes from current-affairs articles.")
    try:
        group.main(prog_name="quizapp")
    except ConfigError as exc:
        fail(str(exc))
