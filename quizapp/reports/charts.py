"""Chart data, computed once for the page (Chart.js) and the PDF (fpdf2 drawing).

Each function returns a :class:`Chart`: a kind, labels, one series of values
and the axis bounds, JSON-ready for ``static/js/charts.js``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from quizapp.display.timeutil import format_day, to_local
from quizapp.reports.analysis import QuizAnalysis
from quizapp.reports.student_data import StudentReport


@dataclass
class Chart:
    kind: str  # bar | line
    title: str
    labels: list[str]
    values: list[float | None]
    y_label: str = ""
    y_max: float | None = None
    x_label: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def empty(self) -> bool:
        return not any(v for v in self.values if v is not None)


def distribution_bins(percents: Sequence[float], width: int = 10) -> list[int]:
    """How many grades fall in [0, 10), [10, 20) ... [90, 100] (100 in the last bin)."""
    bins = [0] * (100 // width)
    for p in percents:
        i = min(int(max(p, 0.0) // width), len(bins) - 1)
        bins[i] += 1
    return bins


def score_distribution(percents: Sequence[float], title: str, y_label: str) -> Chart:
    labels = [f"{lo}–{lo + 10}" for lo in range(0, 100, 10)]
    return Chart("bar", title, labels, list(distribution_bins(percents)), y_label, x_label="%")


def facility_by_question(qa: QuizAnalysis, title: str, y_label: str) -> Chart:
    labels, values = [], []
    for column, s in qa.rows():
        labels.append(column.label)
        values.append(None if s.facility is None else round(100 * s.facility, 1))
    return Chart("bar", title, labels, values, y_label, y_max=100.0)


def scores_over_time(report: StudentReport, title: str, y_label: str) -> Chart:
    labels = [format_day(to_local(p.submitted_at)) for p in report.points]
    values = [round(p.percent, 1) for p in report.points]
    names = [p.title for p in report.points]
    return Chart("line", title, labels, values, y_label, y_max=100.0, meta={"names": names})
