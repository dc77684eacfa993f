"""``quizapp report``, ``quizapp stats`` and ``quizapp regrade``: the same functions
as the report pages, for scripts and cron jobs.

    quizapp report QUIZ --format xlsx -o quiz.xlsx        # one quiz
    quizapp report QUIZ --class 3 --format csv -o -       # one quiz, one class's students
    quizapp report --class 3 --format pdf -o 3e-B.pdf     # a class's gradebook
    quizapp report --student 12 --format pdf -o suivi.pdf # a student's quizzes
    quizapp stats QUIZ --json
    quizapp regrade QUIZ [--question ID] [--apply --by USERNAME]
"""

from __future__ import annotations

import json
import sys
from datetime import date

import click
from flask.cli import with_appcontext

from quizapp.cli.common import fail
from quizapp.extensions import db
from quizapp.models import Quiz, SchoolClass, User
from quizapp.reports import exports
from quizapp.reports.analysis import analyse, to_json
from quizapp.reports.data import Filters
from quizapp.reports.regrade import apply_regrade, plan_regrade


def _get(model, ident: int, what: str):
    obj = db.session.get(model, ident)
    if obj is None:
        fail(f"no {what} with id {ident}")
    return obj


def _filters(class_id: int | None, date_from: date | None, date_to: date | None):
    return Filters(class_id, date_from, date_to)


def _write(data: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("report")
@click.argument("quiz_id", required=False, type=int)
@click.option(
    "--class", "class_id", type=int, help="A class: its gradebook, or with QUIZ a filter."
)
@click.option("--student", "student_id", type=int, help="A student's quizzes and progress.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "pdf"]), default="csv", show_default=True
)
@click.option("-o", "--output", required=True, help="File to write, or - for standard output.")
@click.option("--from", "date_from", type=_DATE, help="Attempts started on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", type=_DATE, help="Attempts started on or before (YYYY-MM-DD).")
@click.option(
    "--dialect",
    type=click.Choice(["rfc", "excel-fr"]),
    default="rfc",
    show_default=True,
    help="CSV: RFC 4180 (comma, dot) or French Excel (semicolon, decimal comma).",
)
@click.option(
    "--stats-on",
    type=click.Choice(["counted", "first", "all"]),
    default="counted",
    show_default=True,
    help="Which attempts the question statistics use.",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@with_appcontext
def report_command(
    quiz_id, class_id, student_id, fmt, output, date_from, date_to, dialect, stats_on, lang
) -> None:
    """Export a quiz report (QUIZ), a class gradebook (--class) or a student report (--student)."""
    if (quiz_id is not None) + (student_id is not None) + (
        class_id is not None and quiz_id is None
    ) != 1:
        fail(
            "give exactly one of QUIZ, --class ID or --student ID (QUIZ --class ID filters a quiz)"
        )
    when = (date_from.date() if date_from else None, date_to.date() if date_to else None)
    if quiz_id is not None:
        quiz = _get(Quiz, quiz_id, "quiz")
        if class_id is not None:
            _get(SchoolClass, class_id, "class")
        export = exports.export_quiz(
            quiz, fmt, filters=_filters(class_id, *when), on=stats_on, dialect=dialect, lang=lang
        )
    elif student_id is not None:
        student = _get(User, student_id, "student")
        export = exports.export_student(
            student, fmt, filters=_filters(class_id, *when), dialect=dialect, lang=lang
        )
    else:
        school_class = _get(SchoolClass, class_id, "class")
        export = exports.export_class(
            school_class, fmt, filters=_filters(None, *when), dialect=dialect, lang=lang
        )
    _write(export.data, output)


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:5.1f}"


@click.command("stats")
@click.argument("quiz_id", type=int)
@click.option(
    "--on",
    type=click.Choice(["counted", "first", "all"]),
    default="counted",
    show_default=True,
    help="The attempt that counts for each student, first attempts, or all of them.",
)
@click.option("--class", "class_id", type=int, help="Only this class's students.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@with_appcontext
def stats_command(quiz_id: int, on: str, class_id: int | None, as_json: bool) -> None:
    """Item analysis of a quiz: facility, SD, discrimination, alpha, option counts, flags."""
    quiz = _get(Quiz, quiz_id, "quiz")
    data = to_json(analyse(quiz, on, _filters(class_id, None, None)))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    q = data["quiz"]
    mean = "-" if q["mean"] is None else f"{q['mean']:g}"
    click.echo(
        f"{data['title']}: {q['attempts']} attempts ({on}), mean {mean} / {q['max_total']:g}, "
        f"alpha {q['alpha']}"
    )
    if data["waiting"]:
        click.echo(
            f"{data['waiting']} answers waiting to be marked by hand (counted 0 until marked)"
        )
    click.echo("     facility    sd  discr  effic  flags")
    for row in data["questions"]:
        click.echo(
            f"{row['label']:>4} {_pct(row['facility'])}  {_pct(row['sd'])}  "
            f"{_pct(row['discrimination'])}  {_pct(row['discriminative_efficiency'])}  "
            f"{', '.join(row['flags'])}"
        )


@click.command("regrade")
@click.argument("quiz_id", type=int)
@click.option("--question", "question_id", type=int, help="Only this question.")
@click.option("--apply", "apply_", is_flag=True, help="Write the new marks (default: dry run).")
@click.option("--by", "username", help="The teacher or admin recorded as having regraded.")
@with_appcontext
def regrade_command(quiz_id: int, question_id: int | None, apply_: bool, username: str | None):
    """Grade stored answers again against the questions' current versions."""
    quiz = _get(Quiz, quiz_id, "quiz")
    user = None
    if username:
        user = db.session.scalar(db.select(User).where(User.username == username.lower()))
        if user is None or user.role not in ("teacher", "admin"):
            fail(f"no teacher or admin named {username}")
    plan = plan_regrade(quiz, question_id)
    for a in plan.attempts:
        old = "-" if a.old_score is None else f"{a.old_score:g}"
        new = "-" if a.new_score is None else f"{a.new_score:g}"
        click.echo(
            f"attempt {a.attempt_id} {a.username} #{a.number}: {old} -> {new} ({a.delta:+g})"
        )
    for e in plan.errors:
        click.echo(f"attempt {e['attempt_id']} slot {e['slot'] + 1}: kept, {e['error']}", err=True)
    click.echo(
        f"{plan.checked} answers checked, {plan.responses_changed} change, "
        f"{len(plan.attempts)} attempts affected"
    )
    if not apply_:
        click.echo("dry run: nothing written (use --apply)")
        return
    record = apply_regrade(quiz, user, question_id)
    click.echo(f"applied: regrade {record.id}, {record.attempts_changed} attempts changed")
