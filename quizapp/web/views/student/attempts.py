"""Taking a quiz: a page of the attempt, saving answers (a form post or the page's script), submitting, and the result."""

from __future__ import annotations

from collections import Counter

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.attempt_nav import jump_buttons
from quizapp.display.i18n import translated
from quizapp.domain.grading import InvalidResponse
from quizapp.models.base import utcnow
from quizapp.services import (
    answer_save,
    attempt_layout,
    attempt_page,
    attempt_view,
    marking,
    progress,
    quiz_status,
    reading,
)
from quizapp.services import attempts as svc
from quizapp.web.posted_answers import raw_from_form
from quizapp.web.security import attempt_read_with_user, role_required, user_as_row
from quizapp.web.views.student.common import (
    bp,
    locked_own_attempt_or_404,
    own_attempt_as_of_now,
    own_attempt_or_404,
    remaining_seconds,
)


@bp.get("/attempts/<int:attempt_id>")
@role_required("student")
@user_as_row(attempt="read")
def take(attempt_id: int):
    """One page of the attempt (``?page=``), where the student left it by default.

    Read without the ORM (:mod:`~quizapp.services.attempt_page`), with the user; an
    attempt whose time ran out is closed as every other page of it does, then its
    result shown."""
    row = attempt_read_with_user(attempt_id, lock=False)
    attempt = attempt_page.load(attempt_id, row=row)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
    now = utcnow()
    if attempt.state == "in_progress" and quiz_status.overdue(attempt, now):
        if own_attempt_as_of_now(attempt_id)[2]:  # closed now, by this request
            flash(
                _("Temps écoulé : votre copie est rendue avec les réponses enregistrées à temps."),
                "info",
            )
        return redirect(url_for("student.result", attempt_id=attempt.id))
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
        items=attempt_view.slots_view(attempt, slots, now),
        answered=total - len(unanswered),
        remaining=remaining_seconds(attempt, now),
        jumps=jump_buttons(total, page, unanswered) if quiz.one_per_page else "",
        article_link=quiz.article_id is not None and reading.article_readable(quiz, [attempt], now),
    )


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
@user_as_row(attempt="lock")
def save_json(attempt_id: int):
    """What the page's script sends on every change: ``{"slot": n, "answer": ..., "seq":
    "<page id>:<n>"}``; a save older than the stored one (``seq``) is answered
    ``{"saved": false, "stale": true}`` and changes nothing."""
    row = attempt_read_with_user(attempt_id, lock=True)
    attempt = attempt_page.load(attempt_id, lock=True, row=row)
    if attempt is None or attempt.student_id != current_user.id:
        abort(404)
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
        unanswered = answer_save.save(attempt, slot, body.get("answer"), seq)
    except InvalidResponse as exc:
        return jsonify(error=translated(exc)), 400
    except svc.AttemptError as exc:
        return jsonify(error=_(exc.message)), exc.status
    return jsonify(saved=True, slot=slot, unanswered=unanswered)


@bp.get("/attempts/<int:attempt_id>/submit")
@role_required("student")
def confirm_submit(attempt_id: int):
    """Ask before submitting, listing the questions left unanswered."""
    attempt, now, _closed = own_attempt_as_of_now(attempt_id)
    if attempt.state != "in_progress":
        return redirect(url_for("student.result", attempt_id=attempt.id))
    return render_template(
        "student/confirm.html",
        attempt=attempt,
        quiz=attempt.quiz,
        unanswered=svc.unanswered_slots(attempt),
        remaining=remaining_seconds(attempt, now),
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
    attempt, now, _closed = own_attempt_as_of_now(attempt_id)
    if attempt.state != "submitted":
        return redirect(url_for("student.take", attempt_id=attempt.id))
    quiz = attempt.quiz
    score = None
    if quiz_status.score_visible(quiz, attempt, now) and attempt.max_score:
        score = 100.0 * (attempt.score or 0.0) / attempt.max_score
    pending = marking.provisional(attempt)
    items = attempt_view.slots_view(attempt, list(range(len(attempt.layout))), now)
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
        pending=pending,
        seconds=progress.time_taken(attempt),
        items=items,
        outcomes=outcomes,
        mistakes_only=mistakes_only,
        article_link=reading.link_shown(
            quiz, quiz_status.attempts_by_quiz(current_user.id).get(quiz.id, []), now
        ),
    )
