"""The teacher's quizzes: the list, the form that builds one from a bank, and the preview."""

from __future__ import annotations

import random

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.display.timeutil import to_local, to_utc
from quizapp.extensions import db
from quizapp.models import Bank, Quiz
from quizapp.models.base import db_id, utcnow
from quizapp.services import bank_questions, marking, reading, stories, workspace
from quizapp.services import quizzes as quiz_service
from quizapp.services.preview import preview_items
from quizapp.services.quizzes import SETTINGS, QuizError, QuizPlan
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.base import select_choices
from quizapp.web.forms.quizzes import QuizForm
from quizapp.web.posted_answers import raw_from_form
from quizapp.web.security import role_required
from quizapp.web.views.lifecycle import list_page
from quizapp.web.views.teacher.common import bank_or_404, bp, quiz_or_404


@bp.get("/quizzes")
@role_required("teacher")
def quizzes():
    """The teacher's quizzes, newest first, active or archived, searched by title."""
    page, state, q = list_page("quiz")
    now = utcnow()
    return render_template(
        "teacher/quizzes.html",
        page=page,
        state=state,
        q=q,
        quizzes=page.items,
        states={quiz.id: _quiz_state(quiz, now) for quiz in page.items},
        form=ConfirmForm(),
        waiting=marking.waiting_counts([quiz.id for quiz in page.items]),
    )


def _quiz_state(quiz: Quiz, now) -> str:
    """Where a quiz stands for its students: not assigned, not open yet, open, closed."""
    if not quiz.assignments:
        return _("Non attribué")
    if quiz.opens_at is not None and now < quiz.opens_at:
        return _("Pas encore ouvert")
    if quiz.closes_at is not None and now > quiz.closes_at:
        return _("Fermé")
    return _("Ouvert")


def _quiz_form(quiz: Quiz | None) -> QuizForm:
    form = QuizForm(obj=quiz) if quiz and request.method == "GET" else QuizForm()
    banks = db.session.scalars(
        workspace.visible_banks_query(current_user).order_by(Bank.name)
    ).all()
    form.bank_id.choices = select_choices((b.id, b.name) for b in banks)
    form.class_ids.choices = select_choices(
        (c.id, c.name if c.archived_at is None else _("%(name)s (archivée)", name=c.name))
        for c in workspace.assignable_classes(current_user, quiz)
    )
    if request.method == "GET":
        if quiz is not None:
            form.opens_at.data, form.closes_at.data = (
                to_local(quiz.opens_at),
                to_local(quiz.closes_at),
            )
            form.question_ids.data = [s.question_id for s in quiz.slots]
            form.class_ids.data = [a.class_id for a in quiz.assignments]
            form.draw_spec.data = "\n".join(
                f"{t}: {n}" for t, n in (quiz.draw_per_tag or {}).items()
            )
        elif request.args.get("bank", type=db_id):
            form.bank_id.data = request.args.get("bank", type=db_id)
    return form


def _save_quiz(form: QuizForm, quiz: Quiz | None) -> Quiz | None:
    """Save what the form says, or put why not on the form (None)."""
    bank, _access = bank_or_404(form.bank_id.data)
    plan = QuizPlan(
        bank=bank,
        settings={name: getattr(form, name).data for name in SETTINGS},
        max_attempts=form.max_attempts.data,
        pass_mark=form.pass_mark.data,
        opens_at=to_utc(form.opens_at.data),
        closes_at=to_utc(form.closes_at.data),
        ticked=form.question_ids.data or [],
        draw=form.draw_per_tag(),
        class_ids=form.class_ids.data or [],
    )
    allowed = {c.id for c in workspace.assignable_classes(current_user, quiz)}
    try:
        quiz, giveaways = quiz_service.save_quiz(quiz, current_user, plan, allowed)
    except QuizError as exc:
        if exc.status == 403:
            abort(403)
        form.question_ids.errors.append(translated(exc))
        return None
    _warn_of_giveaways(giveaways)
    _warn_of_superseded(plan.ticked)
    return quiz


def _warn_of_superseded(question_ids: list[int]) -> None:
    """Saved, with a warning: a later article of a story changed what a question asks."""
    changes = stories.open_changes_for(list(question_ids))
    if changes:
        flash(
            _(
                "Attention : %(num)d question(s) de ce quiz ont une information plus récente "
                "(%(list)s). Retirez-les ou faites-en une nouvelle version depuis la page de "
                "l’histoire.",
                num=len(changes),
                list="; ".join(f"{c.before} → {c.after}" for c in changes.values()),
            ),
            "warning",
        )


def _warn_of_giveaways(pairs: list[tuple[int, int]]) -> None:
    """Saved, with a warning: a question of the quiz states another one's answer."""
    if pairs:
        said = "; ".join(
            _("la question %(shown)d donne la réponse de la %(asked)d", shown=shown, asked=asked)
            for shown, asked in pairs
        )
        flash(
            _(
                "Dans ce quiz, %(pairs)s. Retirez une question de chaque paire, "
                "sauf si c'est voulu.",
                pairs=said,
            ),
            "warning",
        )


@bp.route("/quizzes/new", methods=["GET", "POST"])
@role_required("teacher")
def new_quiz():
    """Build a quiz from a bank's accepted questions and assign it to classes."""
    form = _quiz_form(None)
    if "show_bank" in request.form:
        return _quiz_page(form, None, form.bank_id.data, 200)
    if form.validate_on_submit():
        quiz = _save_quiz(form, None)
        if quiz is not None:
            db.session.commit()
            flash(_("Quiz enregistré."), "success")
            return redirect(url_for("teacher.quizzes"))
    return _quiz_page(form, None, form.bank_id.data, 400 if request.method == "POST" else 200)


def _quiz_page(form: QuizForm, quiz: Quiz | None, bank_id: int | None, status: int):
    """The quiz form with the chosen bank's accepted questions (what was typed is kept:
    "Afficher ses questions" posts the form back without saving it)."""
    choices = [choice.value for choice in form.bank_id.choices]
    if bank_id not in choices:
        # Only the banks this teacher may use are listed; with none chosen yet, the
        # one the select shows first.
        bank_id = form.bank_id.data = choices[0] if choices and bank_id is None else None
    questions = bank_questions.accepted_questions(bank_id)
    return render_template(
        "teacher/quiz_form.html",
        form=form,
        quiz=quiz,
        questions=questions,
        giveaways=bank_questions.giveaways(questions),
        superseded=stories.open_changes_for([q.id for q in questions]),
    ), status


@bp.route("/quizzes/<int:quiz_id>/edit", methods=["GET", "POST"])
@role_required("teacher")
def edit_quiz(quiz_id: int):
    quiz = quiz_or_404(quiz_id)
    form = _quiz_form(quiz)
    if "show_bank" in request.form:
        return _quiz_page(form, quiz, form.bank_id.data or quiz.bank_id, 200)
    if form.validate_on_submit():
        if _save_quiz(form, quiz) is not None:
            db.session.commit()
            flash(_("Quiz enregistré."), "success")
            return redirect(url_for("teacher.quizzes"))
    status = 400 if request.method == "POST" else 200
    return _quiz_page(form, quiz, form.bank_id.data or quiz.bank_id, status)


@bp.route("/quizzes/<int:quiz_id>/preview", methods=["GET", "POST"])
@role_required("teacher")
def preview_quiz(quiz_id: int):
    """The quiz as a student sees it, with the student's own page parts; answers are
    graded on the page and nothing is stored."""
    quiz = quiz_or_404(quiz_id)
    seed = request.form.get("seed", type=int) or random.SystemRandom().getrandbits(31)
    graded = request.method == "POST" and ConfirmForm().validate_on_submit()
    reader = (lambda data, slot: raw_from_form(data, slot, request.form)) if graded else None
    items = preview_items(quiz, seed, reader)
    return render_template(
        "teacher/preview.html",
        quiz=quiz,
        items=items,
        seed=seed,
        form=ConfirmForm(),
        article_link=reading.has_article(quiz),
    )
