"""The teacher's banks: the list, one bank's questions with filters and the review queue, and sharing."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import Bank, Question
from quizapp.services import bank_questions, bank_review, lifecycle, question_facts, stories
from quizapp.services.bank_questions import QuestionFilters
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.banks import BankForm, BulkReviewForm, RejectForm, ShareForm
from quizapp.web.security import role_required
from quizapp.web.views.lifecycle import list_page
from quizapp.web.views.teacher.common import bank_or_404, bp, question_or_404


@bp.get("/banks")
@role_required("teacher")
def banks():
    """Own and shared banks, active or archived, with their question counts by status."""
    page, state, q = list_page("bank")
    counts = bank_review.counts_by_status(page.items)
    return render_template(
        "teacher/banks.html", page=page, state=state, q=q, counts=counts, form=BankForm()
    )


@bp.post("/banks")
@role_required("teacher")
def create_bank():
    form = BankForm()
    if not form.validate_on_submit():
        flash(_("Donnez un nom à la banque."), "error")
        return redirect(url_for("teacher.banks"))
    bank = bank_review.create_bank(current_user, form.name.data, _tags(form.tags.data))
    db.session.commit()
    return redirect(url_for("teacher.bank", bank_id=bank.id))


def _tags(text: str | None) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@bp.get("/banks/<int:bank_id>")
@role_required("teacher")
def bank(bank_id: int):
    """The bank's questions with filters; candidates form the review queue."""
    bank, access = bank_or_404(bank_id)
    filters = {
        k: (request.args.get(k) or "").strip() for k in ("status", "kind", "type", "tag", "q")
    }
    questions = bank_questions.filtered_questions(
        bank.id,
        QuestionFilters(
            status=filters["status"],
            kind=filters["kind"],
            type=filters["type"],
            tag=filters["tag"],
            text=filters["q"],
        ),
    )
    kinds = bank_questions.kinds_in(bank.id)
    shares = bank_review.shares_of(bank)
    return render_template(
        "teacher/bank.html",
        bank=bank,
        access=access,
        questions=questions,
        clashes=bank_questions.clashes(questions),
        superseded=stories.open_changes_for([q.id for q in questions]),
        dated=question_facts.facts_for([q.id for q in questions]),
        filters=filters,
        kinds=kinds,
        bulk=BulkReviewForm(),
        reject=RejectForm(),
        share=ShareForm(),
        shares=shares,
        confirm=ConfirmForm(),
        targets=lifecycle.move_targets(bank, current_user) if access != "read" else [],
    )


@bp.post("/banks/<int:bank_id>/review")
@role_required("teacher")
def bulk_review(bank_id: int):
    """Accept or reject the selected candidates, or accept all above a confidence."""
    bank, _access = bank_or_404(bank_id, "edit")
    form = BulkReviewForm()
    if not form.validate_on_submit():
        abort(400)
    ids = [int(i) for i in form.selected.data or []]
    changed = bank_review.review_many(bank, form.action.data, ids, form.threshold.data)
    db.session.commit()
    flash(_("%(n)d questions mises à jour.", n=changed), "success")
    return redirect(url_for("teacher.bank", bank_id=bank.id, status=request.args.get("status", "")))


@bp.post("/questions/<int:question_id>/accept")
@role_required("teacher")
def accept_question(question_id: int):
    question, bank = question_or_404(question_id, "edit")
    if not ConfirmForm().validate_on_submit():
        abort(400)
    bank_review.review(question, accepted=True)
    db.session.commit()
    # Said, since the question leaves the list of those to review.
    return _back_to_queue(
        bank, question, _("Question acceptée : « %(stem)s »", stem=_short(question.data.stem))
    )


def _back_to_queue(bank: Bank, question: Question, message: str):
    """The page's script (asking for JSON) is told what was done and stays where it is;
    a plain form post returns to the queue at the card it names as ``next``."""
    if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return {"message": message, "status": question.status}
    flash(message, "success")
    card = request.form.get("next", "")
    anchor = f"q{card}" if card.isdigit() and len(card) < 20 else None
    return redirect(url_for("teacher.bank", bank_id=bank.id, status="candidate", _anchor=anchor))


def _short(stem: str, length: int = 80) -> str:
    return stem if len(stem) <= length else stem[: length - 1].rstrip() + "…"


@bp.post("/questions/<int:question_id>/reject")
@role_required("teacher")
def reject_question(question_id: int):
    """Reject, keeping the question and the reason so the generator can be judged."""
    question, bank = question_or_404(question_id, "edit")
    form = RejectForm()
    if not form.validate_on_submit():
        abort(400)
    bank_review.review(question, accepted=False, reason=form.reason.data or "")
    db.session.commit()
    return _back_to_queue(
        bank, question, _("Question rejetée : « %(stem)s »", stem=_short(question.data.stem))
    )


@bp.post("/banks/<int:bank_id>/share")
@role_required("teacher")
def share_bank(bank_id: int):
    """Share with another teacher, to read or to edit."""
    bank, _access = bank_or_404(bank_id, "owner")
    form = ShareForm()
    if form.validate_on_submit():
        other = bank_review.share(bank, form.username.data, form.can_edit.data)
        if other is None:
            flash(_("Aucun autre enseignant ne porte cet identifiant."), "error")
        else:
            db.session.commit()
            flash(_("Banque partagée avec %(name)s.", name=other.username), "success")
    return redirect(url_for("teacher.bank", bank_id=bank.id))
