"""The student's side: home, taking a quiz, results, history, practice; and, for
teachers, how a class is doing with its reviews.

Views stay thin: the rules live in :mod:`quizapp.services.attempts` and
:mod:`quizapp.services.practice`, and pages only ever get questions through
:func:`quizapp.services.question_view.question_view`, which carries nothing that
tells a right answer from a wrong one.
"""

from __future__ import annotations

import time
from collections import Counter
from types import SimpleNamespace
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from quizapp.display.i18n import translated
from quizapp.display.timeutil import format_day, to_local
from quizapp.domain.grading import InvalidResponse
from quizapp.extensions import db
from quizapp.models import Attempt, Membership, Quiz, SchoolClass
from quizapp.models.base import utcnow
from quizapp.services import (
    accounts,
    attempt_layout,
    practice,
    progress,
    quiz_status,
    reading,
    workspace,
)
from quizapp.services import attempts as svc
from quizapp.services.question_view import feedback_for, question_view
from quizapp.web.forms.accounts import JoinClassForm
from quizapp.web.posted_answers import raw_from_form
from quizapp.web.security import role_required
from quizapp.web.views.classes import owned_class_or_404

bp = Blueprint("student", __name__)


# --- helpers -------------------------------------------------------------------------
def own_attempt_or_404(attempt_id: int, *, page: bool = False) -> Attempt:
    """The current student's attempt; anyone else's is a 404, whoever asks.

    ``page``: with its quiz, in one statement (what a page shows)."""
    if page:
        attempt = db.session.scalar(
            db.select(Attempt).where(Attempt.id == attempt_id).options(joinedload(Attempt.quiz))
        )
    else:
        attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
    return attempt


def locked_own_attempt_or_404(attempt_id: int) -> Attempt:
    """The current student's attempt, locked for a save (see ``svc.lock_attempt``)."""
    attempt = svc.lock_attempt(attempt_id)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
    return attempt


def assigned_quiz_or_404(quiz_id: int) -> Quiz:
    quiz = db.get_or_404(Quiz, quiz_id)
    if not quiz_status.is_assigned(quiz, current_user):
        abort(404)
    return quiz


def _visibility(quiz: Quiz, attempt: Attempt, response, now) -> dict[str, bool]:
    return {
        "show_outcome": quiz_status.review_visible(
            quiz.show_correctness, quiz, attempt, response, now
        ),
        "show_answers": quiz_status.review_visible(quiz.show_answers, quiz, attempt, response, now),
        "show_explanation": quiz_status.review_visible(
            quiz.show_explanations, quiz, attempt, response, now
        ),
    }


def _slots_view(attempt: Attempt, slots: list[int], now) -> list[dict[str, Any]]:
    """Each slot's question (as shown) and the feedback that may be read now."""
    versions = attempt_layout.versions_for(attempt, slots)
    responses = {r.slot: r for r in attempt.responses}
    items = []
    for slot in slots:
        entry = attempt.layout[slot]
        data = versions[entry["version_id"]]
        response = responses.get(slot)
        view = question_view(data, entry, slot, response.answer if response else None)
        feedback = feedback_for(
            data, entry, response, **_visibility(attempt.quiz, attempt, response, now)
        )
        items.append(
            {
                "view": view,
                "feedback": feedback if feedback.anything else None,
                "final": bool(response and response.final),
            }
        )
    return items


def _remaining_seconds(attempt: Attempt, now) -> int | None:
    if attempt.deadline_at is None:
        return None
    return max(0, int((attempt.deadline_at - now).total_seconds()))


# --- home and classes -------------------------------------------------------------------
@bp.get("/student")
@role_required("student")
def home():
    """Classes, assigned quizzes with their status, and the reviews due."""
    classes = db.session.scalars(
        db.select(SchoolClass)
        .join(Membership)
        .where(Membership.student_id == current_user.id)
        .options(selectinload(SchoolClass.teacher))
        .order_by(SchoolClass.name)
    ).all()
    return render_template(
        "student/home.html",
        classes=classes,
        statuses=quiz_status.statuses_for_student(current_user),
        due=practice.due_count(current_user.id),
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


# --- one quiz -----------------------------------------------------------------------------
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


# --- taking it ------------------------------------------------------------------------------
@bp.get("/attempts/<int:attempt_id>")
@role_required("student")
def take(attempt_id: int):
    """One page of the attempt (``?page=``), where the student left it by default."""
    attempt = own_attempt_or_404(attempt_id, page=True)
    now = utcnow()
    if svc.close_if_overdue(attempt, now):
        flash(
            _("Temps écoulé : votre copie est rendue avec les réponses enregistrées à temps."),
            "info",
        )
    if attempt.state != "in_progress":
        return redirect(url_for("student.result", attempt_id=attempt.id))
    total = len(attempt.layout)
    page = request.args.get("page", type=int)
    if page is None or not 0 <= page < total:
        page = min(attempt.current_page, total - 1)
    quiz = attempt.quiz
    slots = [page] if quiz.one_per_page else list(range(total))
    unanswered = set(svc.unanswered_slots(attempt))
    return render_template(
        "student/take.html",
        attempt=attempt,
        quiz=quiz,
        page=page,
        total=total,
        items=_slots_view(attempt, slots, now),
        answered=total - len(unanswered),
        remaining=_remaining_seconds(attempt, now),
        jumps=_jump_buttons(total, unanswered) if quiz.one_per_page else [],
        article_link=reading.link_shown(quiz, [attempt], now),
    )


def _jump_buttons(total: int, unanswered: set[int]) -> list[tuple[int, str, bool]]:
    """(slot, spoken label, answered) per question button: three translations in all,
    not two per button."""
    number = _("Question %(n)d")  # formatted below, once per button
    states = {True: _("répondue"), False: _("sans réponse")}
    return [
        (s, f"{number % {'n': s + 1}} : {states[s not in unanswered]}", s not in unanswered)
        for s in range(total)
    ]


@bp.post("/attempts/<int:attempt_id>")
@role_required("student")
def save_page(attempt_id: int):
    """Without the page's script: save what the form holds, then move as asked."""
    attempt = locked_own_attempt_or_404(attempt_id)
    go = request.form.get("go", "")
    total = len(attempt.layout)
    try:
        shown = [int(s) for s in request.form.getlist("slot")]
    except ValueError:
        abort(400)
    if any(not 0 <= s < total for s in shown):
        abort(400, _("Cette question ne fait pas partie de la tentative."))
    versions = attempt_layout.versions_for(attempt, shown)
    answers = {
        s: raw_from_form(versions[attempt.layout[s]["version_id"]], s, request.form) for s in shown
    }
    check = {int(go[5:])} if go.startswith("check") and go[5:].isdigit() else set()
    target = _target_page(go, request.form.get("page", type=int) or 0, total)
    try:
        svc.record_answers(attempt, answers, check=check, page=target, locked=True)
    except InvalidResponse as exc:
        abort(400, translated(exc))
    except svc.AttemptError as exc:
        if attempt.state != "in_progress":
            flash(_("Cette tentative est déjà rendue."), "info")
            return redirect(url_for("student.result", attempt_id=attempt.id))
        if exc.status == 400:
            abort(400, _(exc.message))
        flash(_(exc.message), "error")
        return redirect(url_for("student.confirm_submit", attempt_id=attempt.id))
    if go == "finish":
        return redirect(url_for("student.confirm_submit", attempt_id=attempt.id))
    anchor = f"q{min(check)}" if check else None
    return redirect(url_for("student.take", attempt_id=attempt.id, page=target, _anchor=anchor))


def _target_page(go: str, page: int, total: int) -> int:
    if go == "next":
        page += 1
    elif go == "prev":
        page -= 1
    elif go.startswith("p") and go[1:].isdigit():
        page = int(go[1:])
    return max(0, min(total - 1, page))


@bp.post("/attempts/<int:attempt_id>/answer")
@role_required("student")
def save_json(attempt_id: int):
    """What the page's script sends on every change: ``{"slot": n, "answer": ..., "seq":
    "<page id>:<n>"}``; a save older than the stored one (``seq``) is answered
    ``{"saved": false, "stale": true}`` and changes nothing."""
    attempt = locked_own_attempt_or_404(attempt_id)
    if attempt.state != "in_progress":
        return jsonify(error=_("Cette tentative est déjà rendue.")), 409
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("slot"), int):
        return jsonify(error=_("La demande n'a pas pu être comprise.")), 400
    slot = body["slot"]
    seq = body.get("seq")
    if seq is not None and not (isinstance(seq, str) and svc.SAVE_SEQ.fullmatch(seq)):
        return jsonify(error=_("La demande n'a pas pu être comprise.")), 400
    if svc.stale_save(attempt, slot, seq):
        # A newer answer from this page is already stored: keep it, say so.
        return jsonify(saved=False, stale=True, slot=slot)
    try:
        svc.record_answers(
            attempt, {slot: body.get("answer")}, page=slot, locked=True, seqs={slot: seq}
        )
    except InvalidResponse as exc:
        return jsonify(error=translated(exc)), 400
    except svc.AttemptError as exc:
        return jsonify(error=_(exc.message)), exc.status
    return jsonify(saved=True, slot=slot, unanswered=svc.unanswered_slots(attempt))


@bp.get("/attempts/<int:attempt_id>/submit")
@role_required("student")
def confirm_submit(attempt_id: int):
    """Ask before submitting, listing the questions left unanswered."""
    attempt = own_attempt_or_404(attempt_id)
    now = utcnow()
    svc.close_if_overdue(attempt, now)
    if attempt.state != "in_progress":
        return redirect(url_for("student.result", attempt_id=attempt.id))
    return render_template(
        "student/confirm.html",
        attempt=attempt,
        quiz=attempt.quiz,
        unanswered=svc.unanswered_slots(attempt),
        remaining=_remaining_seconds(attempt, now),
    )


@bp.post("/attempts/<int:attempt_id>/submit")
@role_required("student")
def submit(attempt_id: int):
    """Submit once; a second submit (double click, another device) changes nothing."""
    attempt = own_attempt_or_404(attempt_id)
    already = attempt.state == "submitted"
    # The page's script posts this form itself when the countdown reaches zero.
    timed_out = attempt.deadline_at is not None and utcnow() >= attempt.deadline_at
    svc.submit(attempt)
    if not already:
        if timed_out:
            flash(
                _("Temps écoulé : votre copie est rendue avec les réponses enregistrées à temps."),
                "info",
            )
        else:
            flash(_("Votre copie est rendue."), "success")
    return redirect(url_for("student.result", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/result")
@role_required("student")
def result(attempt_id: int):
    """Score, pass mark, time taken and the feedback the quiz's settings allow."""
    attempt = own_attempt_or_404(attempt_id)
    now = utcnow()
    svc.close_if_overdue(attempt, now)
    if attempt.state != "submitted":
        return redirect(url_for("student.take", attempt_id=attempt.id))
    quiz = attempt.quiz
    score = None
    if quiz_status.score_visible(quiz, attempt, now) and attempt.max_score:
        score = 100.0 * (attempt.score or 0.0) / attempt.max_score
    items = _slots_view(attempt, list(range(len(attempt.layout))), now)
    outcomes = Counter(
        i["feedback"].outcome for i in items if i["feedback"] and i["feedback"].outcome
    )
    mistakes_only = request.args.get("only") == "mistakes" and bool(outcomes)
    if mistakes_only:
        items = [i for i in items if not i["feedback"] or i["feedback"].outcome != "correct"]
    return render_template(
        "student/result.html",
        attempt=attempt,
        quiz=quiz,
        score=score,
        seconds=progress.time_taken(attempt),
        items=items,
        outcomes=outcomes,
        mistakes_only=mistakes_only,
        article_link=reading.link_shown(
            quiz, quiz_status.attempts_by_quiz(current_user.id).get(quiz.id, []), now
        ),
    )


# --- history and progress ---------------------------------------------------------------------
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


# --- practice ---------------------------------------------------------------------------------
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
    return render_template(
        "student/practice_feedback.html",
        item=item,
        view=question_view(item.data, item.entry, 0, stored),
        feedback=feedback_for(
            item.data,
            item.entry,
            response,
            show_outcome=True,
            show_answers=rights.answers,
            show_explanation=rights.explanations,
        ),
        due=practice.due_count(current_user.id),
    )


# --- for the teacher ----------------------------------------------------------------------------
@bp.get("/classes/<int:class_id>/practice")
@role_required("teacher")
def class_practice(class_id: int):
    """How many reviews the class has due, and the questions it forgets most."""
    school_class = owned_class_or_404(class_id)
    return render_template(
        "student/class_practice.html",
        school_class=school_class,
        summary=practice.class_practice(class_id, current_user),
    )
