"""Writing a question by hand, and editing one as a new version."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.extensions import db
from quizapp.services import bank_questions, question_removal
from quizapp.services.banks import add_question, edit_question
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.questions import QuestionForm
from quizapp.web.security import role_required
from quizapp.web.views.teacher.common import bank_or_404, bp, question_or_404


@bp.route("/banks/<int:bank_id>/questions/new", methods=["GET", "POST"])
@role_required("teacher")
def new_question(bank_id: int):
    """Write a question by hand, of any type; it is accepted at once."""
    bank, _access = bank_or_404(bank_id, "edit")
    form = QuestionForm()
    if request.method == "GET":
        form.type.data = request.args.get("type", "mcq")
    if form.validate_on_submit():
        data = form.to_data()
        if form.check_question(data):
            data.status = "accepted"
            add_question(bank, data, author=current_user).status = "accepted"
            db.session.commit()
            flash(_("Question ajoutée."), "success")
            return redirect(url_for("teacher.bank", bank_id=bank.id))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "teacher/question_form.html", form=form, bank=bank, question=None, running=[]
    ), status


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@role_required("teacher")
def edit_question_view(question_id: int):
    """Edit as a new version: attempts already taken keep the version they saw."""
    question, bank = question_or_404(question_id, "edit")
    current = question.current_version.question_data
    running = bank_questions.running_quizzes(question)
    form = QuestionForm()
    if request.method == "GET":
        form.fill_from(current)
    if form.validate_on_submit():
        data = form.to_data(base=current)
        if running and not form.confirm_running.data:
            form.confirm_running.errors.append(_("Cochez cette case pour confirmer."))
        elif form.check_question(data):
            data.status = question.status
            edit_question(question, data, author=current_user)
            # An edit is not a review: the question keeps its state unless the teacher
            # chose « Enregistrer et accepter ».
            if question.status == "candidate" and "accept" in request.form:
                question.status, question.reject_reason = "accepted", ""
            db.session.commit()
            number = question.current_version.number
            if question.status == "candidate":
                message = _("Question modifiée (version %(n)d) ; elle reste à relire.", n=number)
            elif question.status == "accepted":
                message = _("Question modifiée (version %(n)d) et acceptée.", n=number)
            else:
                message = _("Question modifiée (version %(n)d).", n=number)
            flash(message, "success")
            return redirect(url_for("teacher.bank", bank_id=bank.id) + f"#q{question.id}")
    status = 400 if request.method == "POST" else 200
    return render_template(
        "teacher/question_form.html", form=form, bank=bank, question=question, running=running
    ), status


@bp.route("/questions/<int:question_id>/delete", methods=["GET", "POST"])
@role_required("teacher")
def delete_question(question_id: int):
    """GET: what goes with the question, or why it can't go; POST: delete it."""
    question, bank = question_or_404(question_id, "edit")
    form = ConfirmForm()
    if request.method == "POST" and not form.validate_on_submit():
        abort(400)
    if request.method == "POST":
        try:
            question_removal.delete_question(question, current_user)
        except question_removal.QuestionInUse:
            db.session.rollback()  # the page below says why
        else:
            db.session.commit()
            flash(_("Question supprimée."), "success")
            return redirect(url_for("teacher.bank", bank_id=bank.id))
    found = question_removal.impact(question)
    status = 409 if request.method == "POST" else 200
    return render_template(
        "teacher/question_delete.html",
        question=question,
        bank=bank,
        impact=found,
        refusal=translated(found.refusal) if found.refusal else "",
        form=form,
    ), status
