"""``quizapp create-user`` and ``quizapp demo``: accounts from the command line."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from quizapp.cli.common import fail, upgrade_schema
from quizapp.extensions import db
from quizapp.services.accounts import AccountError, create_user
from quizapp.services.demo import load_demo


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


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the banks in questions/, a demo class and demo accounts."""
    upgrade_schema()
    print_demo(load_demo())
