"""``quizapp export-learner``, ``erase-learner`` and ``purge``: a learner's data rights
from the command line, through the same services as the admin's pages."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from quizapp.cli.common import check_database, count, fail
from quizapp.extensions import db
from quizapp.reports.learner_export import learner_html, learner_json
from quizapp.services import learners


def _learner(username: str):
    user = learners.learner_by_username(username)
    if user is None:
        fail(f"no account named {username!r}", 1)
    return user


@click.command("export-learner")
@click.argument("username")
@click.option("--format", "fmt", type=click.Choice(["json", "html"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@with_appcontext
def export_learner_command(username: str, fmt: str, output: Path | None) -> None:
    """Everything quizapp holds about one learner, as JSON or a readable HTML page."""
    check_database()
    user = _learner(username)
    data = learners.export_learner(user, None, fmt)
    text = learner_json(data) if fmt == "json" else learner_html(data)
    if output is None:
        click.echo(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            db.session.rollback()
            fail(f"cannot write {output}: {exc.strerror or exc}", 1)
    db.session.commit()
    if output is not None:
        click.echo(f"wrote {output}")


def _describe(username: str, plan: learners.ErasurePlan) -> str:
    return (
        f"{username}: account, name, e-mail, "
        f"{count(plan.practice_cards, 'practice card')} ({count(plan.practice_reviews, 'review')}) "
        f"and {count(plan.free_texts, 'written answer')} go; "
        f"{count(plan.attempts, 'attempt')} and {count(plan.classes, 'class')} stay anonymous"
    )


@click.command("erase-learner")
@click.argument("username")
@click.option("--dry-run", is_flag=True, help="Say what would go; change nothing.")
@with_appcontext
def erase_learner_command(username: str, dry_run: bool) -> None:
    """Erase a learner: the account goes, anonymous rows stay for the statistics."""
    check_database()
    user = _learner(username)
    user_name = user.username
    try:
        plan = learners.erasure_plan(user) if dry_run else learners.erase_learner(user, None)
    except learners.ErasureRefused as exc:
        db.session.rollback()
        fail(str(exc), 1)
    line = _describe(user_name, plan)
    if dry_run:
        db.session.rollback()
        click.echo(f"would erase {line}")
    else:
        db.session.commit()
        click.echo(f"erased {line}")


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="List the accounts; change nothing.")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    default=None,
    help="Instead of QUIZAPP_RETENTION_MONTHS.",
)
@with_appcontext
def purge_command(dry_run: bool, months: int | None) -> None:
    """Erase the student accounts unused for QUIZAPP_RETENTION_MONTHS months."""
    check_database()
    months = months or current_app.config.get("RETENTION_MONTHS")
    if not months:
        fail("no retention period: set QUIZAPP_RETENTION_MONTHS (or pass --months)", 1)
    if dry_run:
        names = [u.username for u in learners.purge_candidates(months)]
        db.session.rollback()
    else:
        names = learners.purge(months)
        db.session.commit()
    verb = "would erase" if dry_run else "erased"
    click.echo(f"{verb} {count(len(names), 'account')} unused for {months} months")
    for name in names:
        click.echo(f"  {name}")
