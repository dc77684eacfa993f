"""Every ``quizapp`` command, added to the app by ``create_app``."""

from __future__ import annotations

import click
from flask import Flask

from quizapp.cli import (
    accounts,
    database,
    learners,
    lifecycle,
    reports,
    server,
    stories,
    transfer,
)
from quizapp.generation.cli import generate_command

COMMANDS: list[click.Command] = [
    server.serve_command,
    accounts.create_user_command,
    accounts.demo_command,
    database.db_check_command,
    database.backup_command,
    database.restore_command,
    generate_command,
    transfer.import_command,
    transfer.export_command,
    reports.report_command,
    reports.stats_command,
    reports.regrade_command,
    learners.export_learner_command,
    learners.erase_learner_command,
    learners.purge_command,
    lifecycle.archive_group,
    stories.story_group,
]


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
