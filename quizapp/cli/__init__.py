"""The ``quizapp`` command (also ``flask --app quizapp``).

One module per group of commands; ``commands.init_app`` adds them all to the app.
User mistakes end with one readable line and a non-zero status, never a traceback.
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from quizapp import create_app
from quizapp.cli.common import fail
from quizapp.config import ConfigError


def main() -> None:
    group = FlaskGroup(
        create_app=create_app, help="quizapp: quizzes from current-affairs articles."
    )
    try:
        group.main(prog_name="quizapp")
    except ConfigError as exc:
        fail(str(exc))
