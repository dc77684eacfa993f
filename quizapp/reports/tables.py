"""Reports as typed tables: the one shape the CSV, XLSX and PDF writers share.

A :class:`Table` has columns with a type (text, int, number, percent,
datetime, minutes) and rows of plain values; percentages are 0..100. Titles
go through the translation layer, so call these inside ``force_locale``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from quizapp.display.labels import blanks, kind_label, type_label
from quizapp.display.timeutil import to_local, zone
from quizapp.reports.analysis import QuizAnalysis
from quizapp.reports.data import QuizReport
from quizapp.reports.gradebook import Gradebook
from quizapp.reports.student_data import StudentReport

TYPES = ("text", "int", "number", "percent", "datetime", "minutes")


@dataclass
class Column:
    title: str
    type: str = "text"
    width: float = 12  # characters, for XLSX


@dataclass
class Typed:
    """A cell whose type differs from its column's (summary sheets mix types)."""

    value: Any
    type: str


@dataclass
class Table:
    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    freeze: int = 1  # columns kept in view when scrolling right (besides the header row)


def state_label(state: str) -> str:
    return {
        "not_started": _("pas commencé"),
        "in_progress": _("en cours"),
        "submitted": _("rendu"),
    }.get(state, state)


def row_state_label(row) -> str:
    """An attempt's state, saying when answers still wait to be marked by hand."""
    if row.pending:
        return _("rendu, en attente de correction")
    return state_label(row.state)


def waiting_mark(row, question_id: int) -> Any:
    """A question's mark in an attempt's row; an answer waiting says so, never a silent 0."""
    mark = row.marks.get(question_id)
    if mark is None and row.pending and question_id in row.marks:
        return _("à corriger")
    return mark


def method_label(method: str) -> str:
    return {
        "highest": _("meilleure tentative"),
        "last": _("dernière tentative"),
        "first": _("première tentative"),
        "average": _("moyenne des tentatives"),
    }.get(method, method)


def attempts_label(on: str) -> str:
    return {
        "counted": _("tentative qui compte"),
        "first": _("premières tentatives"),
        "all": _("toutes les tentatives"),
    }.get(on, on)


FLAG_SHORT = {
    "negative_discrimination": "discrimination négative",
    "low_discrimination": "discrimination faible",
    "low_efficiency": "efficacité faible",
    "too_hard": "trop difficile",
    "too_easy": "trop facile",
    "unused_distractor": "distracteur jamais choisi",
    "unused_option": "option jamais choisie",
}


def flag_label(flag: str) -> str:
    return _(FLAG_SHORT[flag]) if flag in FLAG_SHORT else flag


def choice_labels(column) -> list[str]:
    """The options of a choice question as shown to people (true/false in words)."""
    if column.type == "truefalse":
        return [_("Vrai"), _("Faux")]
    return list(column.choices)


def _pct(x: float | None) -> float | None:
    return None if x is None else 100.0 * x


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60.0, 1)


# --- a quiz ---------------------------------------------------------------------
def quiz_summary(report: QuizReport, qa: QuizAnalysis | None) -> Table:
    s = report.summary()
    rows: list[list[Any]] = [
        [_("Quiz"), report.title],
        [_("Note retenue"), method_label(report.grading_method)],
        [_("Élèves"), Typed(s["students"], "int")],
        [_("Tentatives"), Typed(s["attempts"], "int")],
        [_("Tentatives rendues"), Typed(s["submitted"], "int")],
        [_("Réponses en attente de correction"), Typed(s["waiting"], "int")],
        [_("Élèves notés"), Typed(s["graded_students"], "int")],
        [_("Moyenne"), Typed(s["mean"], "percent")],
        [_("Médiane"), Typed(s["median"], "percent")],
        [_("Minimum"), Typed(s["minimum"], "percent")],
        [_("Maximum"), Typed(s["maximum"], "percent")],
        [_("Seuil de réussite"), Typed(report.pass_mark, "percent")],
        [_("Élèves au-dessus du seuil"), Typed(s["passed"], "int")],
    ]
    if qa is not None:
        q = qa.analysis.quiz
        rows += [
            [_("Statistiques calculées sur"), attempts_label(qa.on)],
            [_("Alpha de Cronbach"), Typed(q.alpha, "number")],
            [_("Erreur type (points)"), Typed(q.standard_error, "number")],
        ]
    f = report.filters
    if f.date_from or f.date_to:
        rows.append([_("Période"), f"{f.date_from or '…'} → {f.date_to or '…'}"])
    rows.append(
        [_("Établi le (%(zone)s)", zone=zone()), Typed(to_local(report.generated_at), "datetime")]
    )
    return Table(
        _("Résumé"), [Column(_("Indicateur"), width=30), Column(_("Valeur"), width=30)], rows
    )


def quiz_students(report: QuizReport) -> Table:
    columns = [
        Column(_("Identifiant"), width=16),
        Column(_("Nom"), width=22),
        Column(_("Tentative"), "int", 9),
        Column(_("État"), width=12),
        Column(_("Début (%(zone)s)", zone=zone()), "datetime", 17),
        Column(_("Fin (%(zone)s)", zone=zone()), "datetime", 17),
        Column(_("Durée (min)"), "minutes", 10),
        Column(_("Note"), "number", 8),
        Column(_("Sur"), "number", 6),
        Column(_("Pourcentage"), "percent", 11),
        Column(_("Compte"), width=8),
    ] + [Column(q.label, "number", 6) for q in report.questions]
    rows = []
    for r in report.rows:
        rows.append(
            [
                r.username,
                r.name,
                r.number,
                row_state_label(r),
                to_local(r.started_at),
                to_local(r.submitted_at),
                _minutes(r.duration_seconds),
                r.score if r.state == "submitted" else None,
                r.max_score,
                r.percent,
                (_("oui") if r.counts else _("non")) if r.attempt_id else "",
            ]
            + [waiting_mark(r, q.question_id) for q in report.questions]
        )
    return Table(_("Élèves"), columns, rows, freeze=2)


def quiz_questions(qa: QuizAnalysis) -> Table:
    columns = [
        Column(_("N°"), width=5),
        Column(_("Question"), width=50),
        Column(_("Type"), width=10),
        Column(_("Genre"), width=10),
        Column(_("Sur"), "number", 6),
        Column(_("Réponses"), "int", 9),
        Column(_("Facilité"), "percent", 9),
        Column(_("Écart type"), "percent", 10),
        Column(_("Discrimination"), "percent", 14),
        Column(_("Efficacité discriminante"), "percent", 14),
        Column(_("Options choisies"), width=30),
        Column(_("Alertes"), width=40),
    ]
    rows = []
    for c, s in qa.rows():
        counts = qa.choice_counts.get(c.question_id)
        picks = " | ".join(
            f"{'*' if i in c.keys else ''}{text}: {n}"
            for i, (text, n) in enumerate(zip(choice_labels(c), counts or [], strict=False))
        )
        rows.append(
            [
                c.label,
                blanks(c.stem),
                type_label(c.type),
                kind_label(c.kind),
                c.max_mark,
                s.attempts,
                _pct(s.facility),
                _pct(s.sd),
                _pct(s.discrimination),
                _pct(s.discriminative_efficiency),
                picks,
                ", ".join(flag_label(f) for f in s.flags),
            ]
        )
    return Table(_("Questions"), columns, rows)


# --- a class --------------------------------------------------------------------
def class_summary(book: Gradebook) -> Table:
    columns = [
        Column(_("Quiz"), width=40),
        Column(_("Élèves notés"), "int", 12),
        Column(_("Élèves"), "int", 8),
        Column(_("Moyenne"), "percent", 10),
    ]
    rows = [
        [q.title, book.completion(q.quiz_id), len(book.rows), book.quiz_average(q.quiz_id)]
        for q in book.quizzes
    ]
    return Table(_("Quiz"), columns, rows)


def class_grades(book: Gradebook) -> Table:
    columns = (
        [Column(_("Identifiant"), width=16), Column(_("Nom"), width=22)]
        + [Column(q.title, "percent", 14) for q in book.quizzes]
        + [Column(_("Moyenne"), "percent", 10)]
    )
    rows = [
        [r.username, r.name] + [r.grades.get(q.quiz_id) for q in book.quizzes] + [r.average]
        for r in book.rows
    ]
    return Table(_("Carnet de notes"), columns, rows, freeze=2)


# --- a student ------------------------------------------------------------------
def student_quizzes(report: StudentReport) -> Table:
    columns = [
        Column(_("Quiz"), width=40),
        Column(_("Tentatives"), "int", 10),
        Column(_("Rendues"), "int", 9),
        Column(_("Note"), "percent", 9),
        Column(_("Dernière remise (%(zone)s)", zone=zone()), "datetime", 19),
    ]
    rows = [
        [q.title, q.attempts, q.submitted, q.grade, to_local(q.last_submitted_at)]
        for q in report.quizzes
    ]
    return Table(_("Quiz"), columns, rows)


def student_progress(report: StudentReport) -> Table:
    columns = [
        Column(_("Rendu le (%(zone)s)", zone=zone()), "datetime", 17),
        Column(_("Quiz"), width=40),
        Column(_("Tentative"), "int", 9),
        Column(_("Pourcentage"), "percent", 11),
    ]
    rows = [[to_local(p.submitted_at), p.title, p.number, p.percent] for p in report.points]
    return Table(_("Progression"), columns, rows)
