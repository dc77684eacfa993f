"""What the report pages write in their cells: marks and percentages in the reader's
locale, a quiz table's row of marks at once, a link to a question's edit page. Plain
functions, not Jinja macros: a 2,000-student table calls them 100,000 times."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from quizapp.display.i18n import format_number, format_percent, numbers


def question_edit_url(question_id: int) -> str:
    """The teacher's edit page for a question (a plain path until that page exists)."""
    for endpoint in ("teacher.edit_question", "teacher.edit_question_view"):
        try:
            return url_for(endpoint, question_id=question_id)
        except BuildError:
            continue
    return f"/teacher/questions/{question_id}/edit"


def fmt_num(value: float | None) -> str:
    """A mark as the pages show it: up to two decimals, no trailing zeros, in the
    reader's locale (« 2,5 », "2.5")."""
    return format_number(value, 2)


def fmt_pct(value: float | None) -> str:
    return format_percent(value, 1)


def mark_cells(row, questions) -> Markup:
    """The per-question cells of one row of the quiz table, built at once (numbers only)."""
    number = numbers().number  # the locale once per row, not once per cell
    cells = []
    for q in questions:
        mark = row.marks.get(q.question_id)
        if mark is None and row.pending and q.question_id in row.marks:
            cells.append(f'<td data-value="" class="waiting">{escape(gettext("à corriger"))}</td>')
            continue
        value = "" if mark is None else repr(float(mark))
        cells.append(f'<td data-value="{value}">{number(mark, 2)}</td>')
    return Markup("".join(cells))
