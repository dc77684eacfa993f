"""One implementation of every report download, called by the pages and the CLI.

``export_quiz``, ``export_class`` and ``export_student`` return an
:class:`Export` (bytes, a file name, a MIME type) in CSV, XLSX or PDF, with
headers and labels in French or English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from quizapp.models import Quiz, SchoolClass, User
from quizapp.reports import charts, tables
from quizapp.reports.analysis import QuizAnalysis, analyse
from quizapp.reports.data import Filters, quiz_report
from quizapp.reports.gradebook import class_gradebook
from quizapp.reports.pdf import ReportPDF
from quizapp.reports.student_data import student_report
from quizapp.reports.writers import write_csv, write_xlsx

FORMATS = ("csv", "xlsx", "pdf")
MIMETYPES = {
    "csv": "text/csv",  # the response adds "; charset=utf-8" to every text type
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ExportError(ValueError):
    """An unknown format, dialect or language; the message is one readable line."""


@dataclass
class Export:
    data: bytes
    filename: str
    mimetype: str


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60] or "rapport"


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if lang not in ("fr", "en"):
        raise ExportError(f"unknown language {lang!r} (fr or en)")


@dataclass
class _Document:
    """A report in the three shapes a download takes, each built only when asked for."""

    name: str  # the file name, without its extension
    rows: Callable[[], tables.Table]  # CSV: one table
    sheets: Callable[[], list[tables.Table]]  # XLSX: one sheet each
    pdf: Callable[[], bytes]


def _export(fmt: str, lang: str, dialect: str, document: Callable[[], _Document]) -> Export:
    """Check the request, then build the document in ``lang`` and write it as ``fmt``."""
    _check(fmt, lang)
    with force_locale(lang):
        doc = document()
        if fmt == "csv":
            data = write_csv(doc.rows(), dialect)
        elif fmt == "xlsx":
            data = write_xlsx(doc.sheets())
        else:
            data = doc.pdf()
        return Export(data, f"{doc.name}.{fmt}", MIMETYPES[fmt])


# --- a quiz ---------------------------------------------------------------------
def quiz_charts(qa: QuizAnalysis) -> list[charts.Chart]:
    return [
        charts.score_distribution(
            qa.report.counted_percents(), _("Répartition des notes"), _("Nombre d'élèves")
        ),
        charts.facility_by_question(qa, _("Facilité par question"), _("Facilité (%)")),
    ]


def _quiz_pdf(qa: QuizAnalysis) -> bytes:
    report = qa.report
    pdf = ReportPDF(_("Rapport du quiz « %(title)s »", title=report.title))
    pdf.heading(report.title, 16)
    pdf.key_values(tables.quiz_summary(report, qa))
    for chart in quiz_charts(qa):
        pdf.chart(chart)
    pdf.heading(_("Statistiques des questions"))
    questions = tables.quiz_questions(qa)
    if questions.rows:
        pdf.table(questions, [10, 62, 16, 16, 17, 17, 17, 31], keep=[0, 1, 2, 5, 6, 8, 9, 11])
        pdf.paragraph(
            _(
                "Facilité : part des points obtenus. Discrimination : corrélation entre la "
                "question et le reste du quiz (au-dessous de 20 %, la question sépare mal)."
            )
        )
    else:
        pdf.paragraph(_("Aucune question."))
    pdf.heading(_("Élèves"))
    students = tables.quiz_students(report)
    if students.rows:
        pdf.table(students, [26, 36, 12, 22, 28, 14, 12, 18, 16], keep=[0, 1, 2, 3, 5, 6, 7, 9, 10])
    else:
        pdf.paragraph(_("Aucun élève n'a encore passé ce quiz."))
    return pdf.output_bytes()


def _quiz_sheets(report, qa: QuizAnalysis) -> list[tables.Table]:
    return [
        tables.quiz_summary(report, qa),
        tables.quiz_students(report),
        tables.quiz_questions(qa),
    ]


def export_quiz(
    quiz: Quiz,
    fmt: str,
    *,
    filters: Filters | None = None,
    on: str = "counted",
    dialect: str = "rfc",
    lang: str = "fr",
) -> Export:
    """The quiz report: CSV (one row per attempt), XLSX (summary, students, questions) or PDF."""

    def document() -> _Document:
        report = quiz_report(quiz, filters)
        return _Document(
            f"quiz-{quiz.id}-{slug(quiz.title)}",
            rows=lambda: tables.quiz_students(report),
            sheets=lambda: _quiz_sheets(report, analyse(quiz, on, report=report)),
            pdf=lambda: _quiz_pdf(analyse(quiz, on, report=report)),
        )

    return _export(fmt, lang, dialect, document)


# --- a class --------------------------------------------------------------------
def export_class(
    school_class: SchoolClass,
    fmt: str,
    *,
    filters: Filters | None = None,
    dialect: str = "rfc",
    lang: str = "fr",
) -> Export:
    """The class gradebook: one row per student, one column per quiz."""

    def document() -> _Document:
        book = class_gradebook(school_class, filters)
        return _Document(
            f"classe-{school_class.id}-{slug(school_class.name)}",
            rows=lambda: tables.class_grades(book),
            sheets=lambda: [tables.class_summary(book), tables.class_grades(book)],
            pdf=lambda: _class_pdf(book),
        )

    return _export(fmt, lang, dialect, document)


def _class_pdf(book) -> bytes:
    summary, grades = tables.class_summary(book), tables.class_grades(book)
    pdf = ReportPDF(_("Carnet de notes · %(name)s", name=book.name))
    pdf.heading(_("Carnet de notes · %(name)s", name=book.name), 16)
    averages = [r.average for r in book.rows if r.average is not None]
    pdf.chart(
        charts.score_distribution(averages, _("Répartition des moyennes"), _("Nombre d'élèves"))
    )
    pdf.heading(_("Quiz"))
    if summary.rows:
        pdf.table(summary, [110, 25, 20, 31])
    else:
        pdf.paragraph(_("Aucun quiz n'est attribué à cette classe."))
    pdf.heading(_("Élèves"))
    if grades.rows:
        _gradebook_pages(pdf, grades)
    else:
        pdf.paragraph(_("Aucun élève dans cette classe."))
    return pdf.output_bytes()


def _gradebook_pages(pdf: ReportPDF, grades: tables.Table) -> None:
    """Many quizzes do not fit one page width: print them six at a time."""
    quiz_columns = list(range(2, len(grades.columns)))
    for start in range(0, len(quiz_columns), 6):
        chunk = quiz_columns[start : start + 6]
        pdf.table(grades, [30, 40] + [116 / len(chunk)] * len(chunk), keep=[0, 1, *chunk])


# --- a student ------------------------------------------------------------------
def export_student(
    student: User,
    fmt: str,
    *,
    owner_id: int | None = None,
    filters: Filters | None = None,
    dialect: str = "rfc",
    lang: str = "fr",
) -> Export:
    """A student's quizzes and progress (only ``owner_id``'s quizzes when given)."""

    def document() -> _Document:
        report = student_report(student, owner_id, filters)
        return _Document(
            f"eleve-{student.id}-{slug(student.username)}",
            rows=lambda: tables.student_quizzes(report),
            sheets=lambda: [tables.student_quizzes(report), tables.student_progress(report)],
            pdf=lambda: _student_pdf(report),
        )

    return _export(fmt, lang, dialect, document)


def _student_pdf(report) -> bytes:
    quizzes = tables.student_quizzes(report)
    pdf = ReportPDF(_("Suivi de %(name)s", name=report.name))
    pdf.heading(_("Suivi de %(name)s", name=report.name), 16)
    pdf.chart(student_chart(report))
    pdf.heading(_("Quiz"))
    if quizzes.rows:
        pdf.table(quizzes, [96, 20, 18, 20, 32])
    else:
        pdf.paragraph(_("Aucun quiz pour cet élève."))
    return pdf.output_bytes()


def student_chart(report) -> charts.Chart:
    return charts.scores_over_time(report, _("Notes au fil du temps"), _("Pourcentage"))
