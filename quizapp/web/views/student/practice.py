"""Practice: the next question due and its feedback; for the teacher, how a class is doing with its reviews."""

from __future__ import annotations

import time
from types import SimpleNamespace

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.domain.grading import InvalidResponse
from quizapp.extensions import db
from quizapp.models.base import utcnow
from quizapp.services import class_reviews, practice
from quizapp.services.feedback import feedback_for
from quizapp.services.question_view import question_view
from quizapp.web.posted_answers import raw_from_form
from quizapp.web.security import role_required
from quizapp.web.views.classes import owned_class_or_404
from quizapp.web.views.student.common import bp


def _secret() -> str:
    return str(current_app.config["SECRET_KEY"])


@bp.get("/student/practice")
@role_required("student")
def practice_next():
    """The next due question, or when the next one is due."""
    item = practice.next_item(current_user.id, _secret())
    if item is None:
        return render_template("student/practice.html", item=None, view=None)
    shown = session.get("practice_shown") or {}
    shown = {str(item.question.id): int(time.time())}
    session["practice_shown"] = shown
    return render_template(
        "student/practice.html",
        item=item,
        view=question_view(item.data, item.entry, 0),
        due=practice.due_count(current_user.id),
    )


@bp.post("/student/practice/<int:question_id>")
@role_required("student")
def practice_answer(question_id: int):
    """Grade the review, show the feedback and reschedule; quiz grades never change."""
    now = utcnow()
    try:
        item = practice.practice_item(current_user.id, question_id, _secret(), now)
    except practice.PracticeError as exc:
        if exc.status == 404:
            abort(404)
        flash(_(exc.message), "info")
        return redirect(url_for("student.practice_next"))
    raw = raw_from_form(item.data, 0, request.form)
    started = (session.get("practice_shown") or {}).get(str(question_id))
    seconds = time.time() - started if started else None
    try:
        stored, grade = practice.answer(item, raw, seconds, now)
    except InvalidResponse as exc:
        abort(400, translated(exc))
    db.session.commit()
    session.pop("practice_shown", None)
    rights = practice.review_rights(current_user.id, question_id, now)
    response = SimpleNamespace(answer=stored, fraction=grade.fraction, mark=grade.fraction)
    feedback = feedback_for(
        item.data,
        item.entry,
        response,
        show_outcome=True,
        show_answers=rights.answers,
        show_explanation=rights.explanations,
    )
    article = item.question.bank.article
    if feedback.sentence and article is not None:
        feedback.article_date = article.published_on  # « Extrait de l'article du … »
    return render_template(
        "student/practice_feedback.html",
        item=item,
        view=question_view(item.data, item.entry, 0, stored),
        feedback=feedback,
        due=practice.due_count(current_user.id),
    )


@bp.get("/classes/<int:class_id>/practice")
@role_required("teacher")
def class_practice(class_id: int):
    """How many reviews the class has due, and the questions it forgets most."""
    school_class = owned_class_or_404(class_id)
    return render_template(
        "student/class_practice.html",
        school_class=school_class,
        summary=class_reviews.class_practice(class_id, current_user),
    )
