"""Classes: a teacher's list, roster and join code (a student's side is in web/views/student/)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.extensions import db
from quizapp.models import SchoolClass
from quizapp.services import classes, marking, workspace
from quizapp.web.forms.accounts import ClassForm, ConfirmForm
from quizapp.web.security import role_required
from quizapp.web.views.lifecycle import list_page

bp = Blueprint("classes", __name__)


def owned_class_or_404(class_id: int) -> SchoolClass:
    """The class, if the current teacher owns it (or is admin); another's is a 404."""
    school_class = db.get_or_404(SchoolClass, class_id)
    if current_user.role != "admin" and school_class.teacher_id != current_user.id:
        abort(404)
    return school_class


@bp.get("/classes")
@role_required("teacher")
def list_classes():
    """The teacher's classes, active or archived, with their size and join code."""
    page, state, q = list_page("class")
    steps = workspace.first_steps(current_user)  # a new teacher's « premiers pas »
    return render_template(
        "classes/list.html",
        classes=page.items,
        page=page,
        state=state,
        q=q,
        form=ClassForm(),
        steps=steps,
        to_mark=marking.waiting_for_teacher(current_user),
    )


@bp.post("/classes")
@role_required("teacher")
def create_class():
    """Create a class and give it a fresh join code."""
    form = ClassForm()
    if not form.validate_on_submit():
        page, state, q = list_page("class")
        return render_template(
            "classes/list.html", classes=page.items, page=page, state=state, q=q, form=form
        ), 400
    school_class = classes.create_class(current_user, form.name.data)
    db.session.commit()
    flash(
        _("Classe créée. Code pour la rejoindre : %(code)s", code=school_class.join_code), "success"
    )
    return redirect(url_for("classes.show_class", class_id=school_class.id))


@bp.get("/classes/<int:class_id>")
@role_required("teacher")
def show_class(class_id: int):
    """The roster and the join code."""
    school_class = owned_class_or_404(class_id)
    students = classes.roster(school_class)
    return render_template(
        "classes/show.html", school_class=school_class, students=students, form=ConfirmForm()
    )


@bp.post("/classes/<int:class_id>/code")
@role_required("teacher")
def regenerate_code(class_id: int):
    """A new join code; the old one stops working."""
    school_class = owned_class_or_404(class_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    code = classes.renew_join_code(school_class)
    db.session.commit()
    flash(_("Nouveau code : %(code)s", code=code), "success")
    return redirect(url_for("classes.show_class", class_id=class_id))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@role_required("teacher")
def remove_student(class_id: int, student_id: int):
    """Take a student out of the class (their account and past attempts stay)."""
    school_class = owned_class_or_404(class_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not classes.remove_student(school_class, student_id):
        abort(404)
    db.session.commit()
    flash(_("Élève retiré de la classe."), "success")
    return redirect(url_for("classes.show_class", class_id=class_id))
