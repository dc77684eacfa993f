"""``quizapp archive``: put away a school year's classes or one quiz (or bring them
back), through the same functions as the teacher's pages.

    quizapp archive classes --teacher USERNAME [--dry-run]
    quizapp archive quiz ID [--restore]
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from quizapp.cli.common import check_database, fail
from quizapp.extensions import db
from quizapp.models import Quiz, User
from quizapp.services import lifecycle, school_year


@click.group("archive")
def archive_group() -> None:
    """Archive a teacher's classes (a new school year) or a quiz."""


@archive_group.command("classes")
@click.option("--teacher", "username", required=True, help="The teacher's username.")
@click.option("--dry-run", is_flag=True, help="List the classes; archive nothing.")
@with_appcontext
def archive_classes_command(username: str, dry_run: bool) -> None:
    """Archive every active class of a teacher (their students, quizzes and reports stay)."""
    check_database()
    teacher = db.session.scalar(
        db.select(User).where(
            User.username == username.strip().lower(), User.role.in_(("teacher", "admin"))
        )
    )
    if teacher is None:
        fail(f"no teacher with username {username!r}", 1)
    classes = school_year.active_classes(teacher)
    if not dry_run:
        school_year.archive_classes(teacher, None)
        db.session.commit()
    verb = "would archive" if dry_run else "archived"
    noun = "class" if len(classes) == 1 else "classes"
    click.echo(f"{verb} {len(classes)} {noun}")
    for school_class in classes:
        click.echo(f"  {school_class.id}\t{school_class.name}")


@archive_group.command("quiz")
@click.argument("quiz_id", type=int)
@click.option("--restore", is_flag=True, help="Bring an archived quiz back.")
@with_appcontext
def archive_quiz_command(quiz_id: int, restore: bool) -> None:
    """Archive a quiz: no new attempt, gone from the lists, still in every report."""
    check_database()
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        fail(f"no quiz with id {quiz_id}", 1)
    kind = lifecycle.KINDS["quiz"]
    changed = (lifecycle.restore if restore else lifecycle.archive)(kind, quiz, None)
    db.session.commit()
    word = "restored" if restore else "archived"
    if changed:
        click.echo(f"{word} quiz {quiz.id} {quiz.title!r}")
    else:
        click.echo(f"quiz {quiz.id} {quiz.title!r} was already {word}")
