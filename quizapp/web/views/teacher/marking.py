"""Marking by hand: a quiz's answers waiting for a teacher (essays), one at a time or
question by question, and short answers the grader refused, to accept for everyone."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from quizapp.display.i18n import format_number, translated
from quizapp.extensions import db
from quizapp.reports.accept import AcceptError, accept_for_all, check_acceptable
from quizapp.services import marking
from quizapp.services.question_view import question_view
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.marking import AcceptAnswerForm, MarkForm
from quizapp.web.security import role_required
from quizapp.web.views.teacher.common import bp, question_or_404, quiz_or_404


def _answer_url(quiz_id: int, key: tuple[int, int] | None) -> str | None:
    if key is None:
        return None
    return url_for("teacher.mark_answer", quiz_id=quiz_id, attempt_id=key[0], slot=key[1])


@bp.get("/quizzes/<int:quiz_id>/marking")
@role_required("teacher")
def marking_page(quiz_id: int):
    """The quiz's questions with the answers waiting, and the short answers refused."""
    quiz = quiz_or_404(quiz_id)
    waiting = marking.queue(quiz)
    return render_template(
        "teacher/marking.html",
        quiz=quiz,
        questions=marking.overview(quiz),
        waiting=len(waiting),
        first_url=_answer_url(quiz.id, waiting[0] if waiting else None),
    )


@bp.route("/quizzes/<int:quiz_id>/marking/<int:attempt_id>/<int:slot>", methods=["GET", "POST"])
@role_required("teacher")
def mark_answer(quiz_id: int, attempt_id: int, slot: int):
    """One answer: its mark and comment; saving goes on to the next answer waiting."""
    quiz = quiz_or_404(quiz_id)
    answer = marking.answer_to_mark(quiz, attempt_id, slot) or abort(404)
    form = MarkForm()
    if request.method == "GET":
        form.mark.data = (
            "" if answer.response.mark is None else format_number(answer.response.mark, 2)
        )
        form.comment.data = answer.response.comment
    elif form.validate_on_submit():
        try:
            marking.mark_answer(answer, form.mark.data, form.comment.data, current_user)
        except marking.MarkError as exc:
            form.mark.errors = [translated(exc)]
        else:
            following = marking.neighbours(quiz, answer.key)[1]  # read before the commit
            db.session.commit()
            flash(_("Note enregistrée."), "success")
            return redirect(
                _answer_url(quiz.id, following) or url_for("teacher.marking_page", quiz_id=quiz.id)
            )
    previous, following = marking.neighbours(quiz, answer.key)
    return render_template(
        "teacher/mark_answer.html",
        quiz=quiz,
        answer=answer,
        view=question_view(answer.data, answer.entry, slot, answer.response.answer),
        form=form,
        previous_url=_answer_url(quiz.id, previous),
        next_url=_answer_url(quiz.id, following),
    ), 400 if form.errors else 200


def _posted_marks(answers: list[marking.Answer]) -> dict[tuple[int, int], tuple[str, str]]:
    """The mark and comment typed for each answer of the question's form."""
    return {
        a.key: (
            request.form.get(f"mark-{a.key[0]}-{a.key[1]}", "").strip(),
            request.form.get(f"comment-{a.key[0]}-{a.key[1]}", "").strip(),
        )
        for a in answers
        if f"mark-{a.key[0]}-{a.key[1]}" in request.form
    }


@bp.route("/quizzes/<int:quiz_id>/marking/questions/<int:question_id>", methods=["GET", "POST"])
@role_required("teacher")
def mark_question(quiz_id: int, question_id: int):
    """Every answer to one question in one form, a mark and a comment each."""
    quiz = quiz_or_404(quiz_id)
    answers = marking.question_answers(quiz, question_id)
    if not answers:
        abort(404)
    form, errors, typed = ConfirmForm(), {}, {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        typed = _posted_marks(answers)
        try:
            changed = marking.mark_answers(answers, typed, current_user)
        except marking.MarkErrors as exc:
            errors = {key: translated(error) for key, error in exc.errors.items()}
            flash(_("Rien n’a été enregistré : corrigez les notes signalées."), "error")
        else:
            db.session.commit()
            flash(
                ngettext("%(num)d note enregistrée.", "%(num)d notes enregistrées.", changed),
                "success",
            )
            return redirect(
                url_for("teacher.mark_question", quiz_id=quiz.id, question_id=question_id)
            )
    return render_template(
        "teacher/mark_question.html",
        quiz=quiz,
        question_id=question_id,
        answers=answers,
        form=form,
        errors=errors,
        typed=typed,
        format_number=format_number,
    ), 400 if errors else 200


@bp.get("/quizzes/<int:quiz_id>/marking/questions/<int:question_id>/accept")
@role_required("teacher")
def confirm_accept_answer(quiz_id: int, question_id: int):
    """What accepting a refused short answer for everyone does, before it is done."""
    quiz = quiz_or_404(quiz_id)
    question, _bank = question_or_404(question_id, "edit")
    text = request.args.get("answer", "").strip()
    try:
        count = check_acceptable(quiz, question, text)
    except AcceptError as exc:
        flash(translated(exc), "error")
        return redirect(url_for("teacher.marking_page", quiz_id=quiz.id))
    form = AcceptAnswerForm(answer=text)
    return render_template(
        "teacher/accept_answer.html",
        quiz=quiz,
        question=question,
        text=text,
        count=count,
        form=form,
    )


@bp.post("/quizzes/<int:quiz_id>/marking/questions/<int:question_id>/accept")
@role_required("teacher")
def accept_answer(quiz_id: int, question_id: int):
    """Accept the answer for everyone who gave it: a new version, then a regrade."""
    quiz = quiz_or_404(quiz_id)
    question, _bank = question_or_404(question_id, "edit")
    form = AcceptAnswerForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        record = accept_for_all(quiz, question, form.answer.data or "", current_user)
    except AcceptError as exc:
        db.session.rollback()
        flash(translated(exc), "error")
    else:
        flash(
            ngettext(
                "Réponse acceptée : %(num)d tentative recalculée.",
                "Réponse acceptée : %(num)d tentatives recalculées.",
                record.attempts_changed,
            ),
            "success",
        )
    return redirect(url_for("teacher.marking_page", quiz_id=quiz.id))
