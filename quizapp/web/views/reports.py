"""Reports for teachers: a quiz's scores and statistics, a class's gradebook,
a student's progress, how a bank's generated questions fare, and regrading.

Views only check ownership, read the filters and call ``quizapp.reports``;
downloads use the same functions as ``quizapp report``.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Bank, Question, Quiz, SchoolClass, User
from quizapp.models.base import db_id
from quizapp.reports import analysis, charts, exports, regrade
from quizapp.reports.bank_data import bank_questions
from quizapp.reports.data import ATTEMPT_SETS, Filters, quiz_report, submitted_counts
from quizapp.reports.gradebook import class_gradebook
from quizapp.reports.student_data import student_report
from quizapp.reports.tables import (
    attempts_label,
    choice_labels,
    flag_label,
    method_label,
    row_state_label,
    state_label,
)
from quizapp.services import workspace
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.report_cells import fmt_num, fmt_pct, mark_cells, question_edit_url
from quizapp.web.security import role_required

bp = Blueprint("reports", __name__, url_prefix="/reports")


# --- ownership -----------------------------------------------------------------------
def _is_admin() -> bool:
    return current_user.role == "admin"


def owned_quiz_or_404(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not _is_admin() and quiz.owner_id != current_user.id:
        abort(404)
    return quiz


def owned_class_or_404(class_id: int) -> SchoolClass:
    school_class = db.get_or_404(SchoolClass, class_id)
    if not _is_admin() and school_class.teacher_id != current_user.id:
        abort(404)
    return school_class


def visible_student_or_404(student_id: int) -> User:
    """A student in one of the teacher's classes, or who took one of their quizzes."""
    student = db.get_or_404(User, student_id)
    if student.role != "student":
        abort(404)
    if not workspace.teaches_student(current_user, student_id):
        abort(404)
    return student


def readable_bank_or_404(bank_id: int) -> Bank:
    bank = db.get_or_404(Bank, bank_id)
    if workspace.bank_access(bank, current_user) is None:
        abort(404)
    return bank


# --- request arguments -----------------------------------------------------------------
def _date_arg(name: str) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        flash(_("Date ignorée : %(value)s n'est pas au format AAAA-MM-JJ.", value=value), "error")
        return None


def filters_from_request(with_class: bool = True) -> Filters:
    class_id = request.args.get("class_id", type=db_id) if with_class else None
    if class_id:
        owned_class_or_404(class_id)
    return Filters(class_id or None, _date_arg("from"), _date_arg("to"))


def _download(export: exports.Export):
    return send_file(
        BytesIO(export.data),
        mimetype=export.mimetype,
        as_attachment=True,
        download_name=export.filename,
    )


def _export_args() -> dict:
    fmt = request.args.get("format", "csv")
    if fmt not in exports.FORMATS:
        abort(400)
    dialect = "excel-fr" if request.args.get("dialect") == "excel-fr" else "rfc"
    lang = request.args.get("lang") or (current_user.locale or "fr")
    return {"fmt": fmt, "dialect": dialect, "lang": lang if lang in ("fr", "en") else "fr"}


@bp.context_processor
def _helpers():
    # Plain functions, not Jinja macros: a 2,000-student table calls them 100,000 times.
    return {
        "fmt_num": fmt_num,
        "fmt_pct": fmt_pct,
        "mark_cells": mark_cells,
        "choice_labels": choice_labels,
        "state_label": state_label,
        "row_state_label": row_state_label,
        "flag_label": flag_label,
        "method_label": method_label,
        "attempts_label": attempts_label,
        "question_edit_url": question_edit_url,
    }


# --- pages ----------------------------------------------------------------------------
@bp.get("/")
@role_required("teacher")
def index():
    """The teacher's quizzes, classes and banks, each with a link to its report."""
    quizzes = db.select(Quiz).order_by(Quiz.created_at.desc())
    banks = db.select(Bank).order_by(Bank.name)
    if not _is_admin():
        quizzes = quizzes.where(Quiz.owner_id == current_user.id)
        banks = banks.where(Bank.owner_id == current_user.id)
    listed = db.session.scalars(quizzes).all()
    return render_template(
        "reports/index.html",
        quizzes=listed,
        counts=submitted_counts([q.id for q in listed]),
        classes=workspace.own_classes(current_user),
        banks=db.session.scalars(banks).all(),
    )


@bp.get("/quizzes/<int:quiz_id>")
@role_required("teacher")
def quiz(quiz_id: int):
    """Every student and attempt of a quiz, with the score distribution."""
    quiz = owned_quiz_or_404(quiz_id)
    report = quiz_report(quiz, filters_from_request())
    chart = charts.score_distribution(
        report.counted_percents(), _("Répartition des notes"), _("Nombre d'élèves")
    )
    return render_template(
        "reports/quiz.html",
        quiz=quiz,
        report=report,
        chart=chart.to_json(),
        classes=workspace.own_classes(current_user),
    )


@bp.get("/quizzes/<int:quiz_id>/export")
@role_required("teacher")
def quiz_export(quiz_id: int):
    """The quiz report as CSV, XLSX or PDF (``?format=``), with the page's filters."""
    quiz = owned_quiz_or_404(quiz_id)
    on = request.args.get("on", "counted")
    args = _export_args()
    export = exports.export_quiz(
        quiz,
        args["fmt"],
        filters=filters_from_request(),
        on=on if on in ATTEMPT_SETS else "counted",
        dialect=args["dialect"],
        lang=args["lang"],
    )
    return _download(export)


@bp.get("/quizzes/<int:quiz_id>/statistics")
@role_required("teacher")
def statistics(quiz_id: int):
    """Item analysis (Moodle's definitions), flagged questions first."""
    quiz = owned_quiz_or_404(quiz_id)
    on = request.args.get("on", "counted")
    if on not in ATTEMPT_SETS:
        on = "counted"
    qa = analysis.analyse(quiz, on, filters_from_request())
    chart = charts.facility_by_question(qa, _("Facilité par question"), _("Facilité (%)"))
    return render_template(
        "reports/statistics.html",
        quiz=quiz,
        qa=qa,
        on=on,
        attempt_sets=ATTEMPT_SETS,
        chart=chart.to_json(),
        classes=workspace.own_classes(current_user),
        flag_message=analysis.flag_message,
    )


@bp.get("/quizzes/<int:quiz_id>/regrade")
@role_required("teacher")
def regrade_preview(quiz_id: int):
    """Dry run: the attempts whose score would change, and by how much."""
    quiz = owned_quiz_or_404(quiz_id)
    question_id = request.args.get("question_id", type=db_id)
    plan = regrade.plan_regrade(quiz, question_id)
    return render_template(
        "reports/regrade.html",
        quiz=quiz,
        plan=plan,
        question_id=question_id,
        history=regrade.history(quiz),
        form=ConfirmForm(),
    )


@bp.post("/quizzes/<int:quiz_id>/regrade")
@role_required("teacher")
def apply_regrade(quiz_id: int):
    """Apply the regrade shown by the dry run, and record who did it."""
    quiz = owned_quiz_or_404(quiz_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    question_id = request.form.get("question_id", type=db_id)
    if question_id is not None and db.session.get(Question, question_id) is None:
        abort(404)
    record = regrade.apply_regrade(quiz, current_user, question_id)
    flash(
        ngettext(
            "Notes recalculées : %(num)d tentative modifiée.",
            "Notes recalculées : %(num)d tentatives modifiées.",
            record.attempts_changed,
        ),
        "success",
    )
    return redirect(url_for("reports.regrade_preview", quiz_id=quiz.id, question_id=question_id))


@bp.get("/classes/<int:class_id>")
@role_required("teacher")
def class_report(class_id: int):
    """The class gradebook: every student against every quiz assigned to the class."""
    school_class = owned_class_or_404(class_id)
    book = class_gradebook(school_class, filters_from_request(with_class=False))
    averages = [r.average for r in book.rows if r.average is not None]
    chart = charts.score_distribution(averages, _("Répartition des moyennes"), _("Nombre d'élèves"))
    return render_template(
        "reports/class.html", school_class=school_class, book=book, chart=chart.to_json()
    )


@bp.get("/classes/<int:class_id>/export")
@role_required("teacher")
def class_export(class_id: int):
    """The gradebook as CSV, XLSX or PDF."""
    school_class = owned_class_or_404(class_id)
    args = _export_args()
    export = exports.export_class(
        school_class,
        args["fmt"],
        filters=filters_from_request(with_class=False),
        dialect=args["dialect"],
        lang=args["lang"],
    )
    return _download(export)


def _owner_scope() -> int | None:
    return None if _is_admin() else current_user.id


@bp.get("/students/<int:student_id>")
@role_required("teacher")
def student(student_id: int):
    """One student's quizzes and scores over time."""
    student = visible_student_or_404(student_id)
    report = student_report(student, _owner_scope(), filters_from_request())
    chart = exports.student_chart(report)
    return render_template(
        "reports/student.html",
        student=student,
        report=report,
        chart=chart.to_json(),
        classes=workspace.own_classes(current_user),
    )


@bp.get("/students/<int:student_id>/export")
@role_required("teacher")
def student_export(student_id: int):
    """The student's report as CSV, XLSX or PDF."""
    student = visible_student_or_404(student_id)
    args = _export_args()
    export = exports.export_student(
        student,
        args["fmt"],
        owner_id=_owner_scope(),
        filters=filters_from_request(),
        dialect=args["dialect"],
        lang=args["lang"],
    )
    return _download(export)


@bp.get("/banks/<int:bank_id>")
@role_required("teacher")
def bank(bank_id: int):
    """How the bank's questions fared, grouped by the generator's kind of question."""
    bank = readable_bank_or_404(bank_id)
    rows = bank_questions(bank.id)
    return render_template(
        "reports/bank.html", bank=bank, rows=rows, kinds=analysis.kinds_summary(rows)
    )
