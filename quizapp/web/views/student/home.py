"""The student's home and classes, a quiz before it is taken, its article, and the history of attempts."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from quizapp.display.timeutil import format_day, to_local
from quizapp.extensions import db
from quizapp.models import Membership, Quiz, SchoolClass
from quizapp.models.base import utcnow
from quizapp.services import (
    accounts,
    marking,
    practice,
    progress,
    quiz_status,
    reading,
    story_pages,
    workspace,
)
from quizapp.services import attempts as svc
from quizapp.web.forms.accounts import JoinClassForm
from quizapp.web.security import role_required
from quizapp.web.views.student.common import assigned_quiz_or_404, bp


@bp.get("/student")
@role_required("student")
def home():
    """Classes, assigned quizzes with their status, and the reviews due."""
    classes = db.session.scalars(
        db.select(SchoolClass)
        .join(Membership)
        .where(Membership.student_id == current_user.id, SchoolClass.archived_at.is_(None))
        .options(selectinload(SchoolClass.teacher))
        .order_by(SchoolClass.name)
    ).all()
    return render_template(
        "student/home.html",
        classes=classes,
        statuses=quiz_status.statuses_for_student(current_user),
        due=practice.due_count(current_user.id),
        stories=story_pages.stories_for_student(current_user),
        # A code that joined nothing is shown again, to correct rather than retype.
        form=JoinClassForm(join_code=session.pop("join_code_typed", None)),
        now=utcnow(),
    )


@bp.post("/student/join")
@role_required("student")
def join():
    """Join a class with its code; a wrong code reveals nothing."""
    form = JoinClassForm()
    if form.validate_on_submit():
        school_class = accounts.class_by_code(form.join_code.data)
        if school_class is None:
            flash(_("Ce code ne correspond à aucune classe ouverte."), "error")
            session["join_code_typed"] = (form.join_code.data or "")[:32]
        elif accounts.join_class(current_user, school_class):
            db.session.commit()
            flash(_("Vous avez rejoint la classe %(name)s.", name=school_class.name), "success")
        else:
            flash(_("Vous êtes déjà dans cette classe."), "info")
    else:
        flash(_("Saisissez le code donné par votre enseignant."), "error")
    return redirect(url_for("student.home"))


@bp.get("/student/quizzes/<int:quiz_id>")
@role_required("student")
def quiz(quiz_id: int):
    """The quiz's rules, the student's attempts so far and the button to start."""
    quiz = assigned_quiz_or_404(quiz_id)
    attempts = quiz_status.attempts_by_quiz(current_user.id).get(quiz.id, [])
    now = utcnow()
    for attempt in attempts:
        svc.close_if_overdue(attempt, now)
    status = quiz_status.status_for(quiz, attempts, now)
    return render_template(
        "student/quiz.html",
        quiz=quiz,
        status=status,
        attempts=attempts,
        visible={a.id: quiz_status.score_visible(quiz, a, now) for a in attempts},
        waiting={a.id: marking.provisional(a) is not None for a in attempts},
        article_link=reading.link_shown(quiz, attempts, now),
        now=now,
    )


@bp.get("/quizzes/<int:quiz_id>/article")
@role_required("student", "teacher")
def article(quiz_id: int):
    """The article the quiz's bank was built from, to read on a phone: for the quiz's
    students when its setting allows it now, and for its owner; nothing of the questions."""
    if current_user.role == "student":
        quiz = assigned_quiz_or_404(quiz_id)
        article = reading.article_for_student(quiz, current_user, utcnow())
    else:
        quiz = db.get_or_404(Quiz, quiz_id)
        owner = workspace.owns_quiz(quiz, current_user)
        article = reading.quiz_article(quiz) if owner else None
    if article is None:
        abort(404)
    return render_template(
        "student/article.html",
        quiz=quiz,
        article=article,
        paragraphs=reading.paragraphs(article.text),
    )


@bp.post("/student/quizzes/<int:quiz_id>/start")
@role_required("student")
def start(quiz_id: int):
    """Resume the running attempt, or start one if the rules allow it."""
    quiz = assigned_quiz_or_404(quiz_id)
    try:
        attempt = svc.start_or_resume(quiz, current_user)
    except svc.AttemptError as exc:
        flash(_(exc.message), "error")
        return redirect(url_for("student.quiz", quiz_id=quiz.id))
    return redirect(url_for("student.take", attempt_id=attempt.id))


@bp.get("/student/history")
@role_required("student")
def history():
    """Every attempt with its score, a chart over time and mastery by topic."""
    rows = progress.history(current_user.id)
    chart = [
        {
            "label": row.attempt.quiz.title,
            # the reader's way, in the school's time zone (« 4 déc. 2026 »), not ISO
            "date": format_day(to_local(row.attempt.submitted_at)),
            "percent": round(row.percent, 1),
        }
        for row in rows
        if row.percent is not None
    ]
    return render_template(
        "student/history.html",
        rows=list(reversed(rows)),
        chart=chart,
        mastery=progress.mastery_by_topic(current_user.id),
    )
