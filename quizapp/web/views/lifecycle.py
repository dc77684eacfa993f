"""What a teacher owns, from start to end: rename, archive, restore and delete an
article, a bank, a quiz or a class (each destructive step a confirmation page, then a
POST); copy a quiz or a bank; move questions; archive a school year's classes."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.extensions import db
from quizapp.models import Bank
from quizapp.services import lifecycle, school_year, workspace
from quizapp.services.lifecycle import KINDS, LifecycleError
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.lifecycle import MoveQuestionsForm, RenameForm
from quizapp.web.security import role_required

bp = Blueprint("lifecycle", __name__)

#: kind -> (the row's address, its id's argument, the list it belongs to)
ROUTES = {
    "article": ("/teacher/articles/<int:article_id>", "article_id", "teacher.articles"),
    "bank": ("/teacher/banks/<int:bank_id>", "bank_id", "teacher.banks"),
    "quiz": ("/teacher/quizzes/<int:quiz_id>", "quiz_id", "teacher.quizzes"),
    "class": ("/classes/<int:class_id>", "class_id", "classes.list_classes"),
}


def list_args() -> tuple[str, str, int]:
    """What a list asks for: ``etat`` (actifs, the default, or archives), the search
    ``q`` and the ``page``."""
    state = request.args.get("etat", "actifs")
    state = state if state in lifecycle.STATES else "actifs"
    search = (request.args.get("q") or "").strip()[:200]
    return state, search, request.args.get("page", 1, type=int) or 1


def list_page(name: str):
    """The page of the current user's rows of this kind, with what the list asked."""
    state, search, number = list_args()
    query = lifecycle.list_query(KINDS[name], current_user, state, search)
    return lifecycle.paginate(query, number), state, search


def _nouns() -> dict[str, str]:
    return {
        "article": _("l’article"),
        "bank": _("la banque"),
        "quiz": _("le quiz"),
        "class": _("la classe"),
    }


def _owned_or_404(name: str, row_id: int):
    """The row of the current teacher (an admin: any); another's is a 404."""
    kind = KINDS[name]
    row = lifecycle.owned(kind, row_id, current_user)
    if row is None:
        abort(404)
    return kind, row


def _page(template: str, name: str, row, status: int = 200, **context):
    kind = KINDS[name]
    return render_template(
        f"lifecycle/{template}",
        kind=name,
        row=row,
        label=lifecycle.label_of(kind, row),
        noun=_nouns()[name],
        arg={ROUTES[name][1]: row.id},
        back=url_for(ROUTES[name][2]),
        **context,
    ), status


def rename(name: str, row_id: int):
    """A new name (a new title for an article or a quiz)."""
    kind, row = _owned_or_404(name, row_id)
    form = RenameForm()
    if request.method == "GET":
        form.name.data = lifecycle.label_of(kind, row)
    elif form.validate_on_submit():
        try:
            lifecycle.rename(kind, row, form.name.data, current_user)
        except LifecycleError as exc:
            form.name.errors.append(translated(exc))
        else:
            db.session.commit()
            flash(_("Nom enregistré."), "success")
            return redirect(url_for(ROUTES[name][2]))
    return _page("rename.html", name, row, 400 if request.method == "POST" else 200, form=form)


def archive(name: str, row_id: int):
    """GET: what archiving does; POST: archive (hidden, restorable, still in reports)."""
    kind, row = _owned_or_404(name, row_id)
    form = ConfirmForm()
    if request.method == "GET":
        return _page("archive.html", name, row, form=form)
    if not form.validate_on_submit():
        abort(400)
    if lifecycle.archive(kind, row, current_user):
        db.session.commit()
        flash(_("« %(label)s » est archivé.", label=lifecycle.label_of(kind, row)), "success")
    return redirect(url_for(ROUTES[name][2]))


def restore(name: str, row_id: int):
    """Bring an archived row back into the lists (and to the students)."""
    kind, row = _owned_or_404(name, row_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if lifecycle.restore(kind, row, current_user):
        db.session.commit()
        flash(_("« %(label)s » est restauré.", label=lifecycle.label_of(kind, row)), "success")
    return redirect(url_for(ROUTES[name][2]))


def delete(name: str, row_id: int):
    """GET: what goes with it, or why it can't go; POST: delete, all or nothing."""
    kind, row = _owned_or_404(name, row_id)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        label = lifecycle.label_of(kind, row)
        try:
            lifecycle.delete(kind, row, current_user)
        except LifecycleError as exc:
            db.session.rollback()
            return _delete_page(name, row, form, 409, translated(exc))
        db.session.commit()
        flash(_("« %(label)s » est supprimé.", label=label), "success")
        return redirect(url_for(ROUTES[name][2]))
    return _delete_page(name, row, form)


def _delete_page(name: str, row, form: ConfirmForm, status: int = 200, error: str = ""):
    found = lifecycle.impact(KINDS[name], row)
    refusal = error or (translated(found.refusal) if found.refusal else "")
    return _page("delete.html", name, row, status, form=form, impact=found, refusal=refusal)


def _register(name: str, prefix: str, arg: str) -> None:
    """The four routes of one kind: ``lifecycle.<action>_<kind>``."""
    for action, view, methods in (
        ("rename", rename, ["GET", "POST"]),
        ("archive", archive, ["GET", "POST"]),
        ("restore", restore, ["POST"]),
        ("delete", delete, ["GET", "POST"]),
    ):

        def endpoint(_view=view, **kwargs):
            return _view(name, kwargs[arg])

        endpoint.__doc__ = view.__doc__
        endpoint.__name__ = f"{action}_{name}"
        bp.add_url_rule(
            f"{prefix}/{action}",
            endpoint.__name__,
            role_required("teacher")(endpoint),
            methods=methods,
        )


for _name, (_prefix, _arg, _list) in ROUTES.items():
    _register(_name, _prefix, _arg)


@bp.post("/teacher/quizzes/<int:quiz_id>/copy")
@role_required("teacher")
def copy_quiz(quiz_id: int):
    """« Copie de … »: settings and questions, no class, no dates, no attempt."""
    _kind, quiz = _owned_or_404("quiz", quiz_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    copy = lifecycle.copy_quiz(quiz, current_user)
    db.session.commit()
    flash(_("Quiz copié : choisissez ses classes et ses dates."), "success")
    return redirect(url_for("teacher.edit_quiz", quiz_id=copy.id))


@bp.post("/teacher/banks/<int:bank_id>/copy")
@role_required("teacher")
def copy_bank(bank_id: int):
    """A bank the teacher may read, copied as their own."""
    bank = db.get_or_404(Bank, bank_id)
    if workspace.bank_access(bank, current_user) is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    copy = lifecycle.copy_bank(bank, current_user)
    db.session.commit()
    flash(_("Banque copiée : « %(name)s ».", name=copy.name), "success")
    return redirect(url_for("teacher.bank", bank_id=copy.id))


@bp.post("/teacher/banks/<int:bank_id>/move")
@role_required("teacher")
def move_questions(bank_id: int):
    """Move the ticked questions into another bank the teacher may change."""
    bank = db.get_or_404(Bank, bank_id)
    access = workspace.bank_access(bank, current_user)
    if access is None:
        abort(404)
    form = MoveQuestionsForm()
    if access == "read" or not form.validate_on_submit():
        abort(403 if access == "read" else 400)
    target = db.session.get(Bank, form.target_id.data) if form.target_id.data else None
    try:
        moved = lifecycle.move_questions(bank, target, form.selected.data or [], current_user)
    except LifecycleError as exc:
        flash(translated(exc), "error")
        return redirect(url_for("teacher.bank", bank_id=bank.id))
    db.session.commit()
    flash(_("%(n)d questions déplacées vers « %(name)s ».", n=moved, name=target.name), "success")
    return redirect(url_for("teacher.bank", bank_id=bank.id))


@bp.route("/classes/new-year", methods=["GET", "POST"])
@role_required("teacher")
def new_school_year():
    """GET: the classes a new school year archives; POST: archive them all at once."""
    form = ConfirmForm()
    if request.method == "GET":
        classes = school_year.active_classes(current_user)
        return render_template("lifecycle/new_year.html", classes=classes, form=form)
    if not form.validate_on_submit():
        abort(400)
    archived = school_year.archive_classes(current_user, current_user)
    db.session.commit()
    flash(
        _("%(n)d classes archivées. Créez celles de la nouvelle année.", n=len(archived)),
        "success",
    )
    return redirect(url_for("classes.list_classes", _anchor="new-class"))
