"""Classes: a teacher's list, roster and join code (a student's side is in views/student.py)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from quizapp.extensions import db
from quizapp.forms.accounts import ClassForm, ConfirmForm
from quizapp.models import Membership, SchoolClass, User
from quizapp.security import role_required
from quizapp.services import accounts, workspace

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
    """The teacher's classes with their size and join code."""
    query = db.select(SchoolClass).options(selectinload(SchoolClass.memberships))
    if current_user.role != "admin":
        query = query.where(SchoolClass.teacher_id == current_user.id)
    rows = db.session.scalars(query.order_by(SchoolClass.name)).all()
    steps = workspace.first_steps(current_user)  # a new teacher's « premiers pas »
    return render_template("classes/list.html", classes=rows, form=ClassForm(), steps=steps)


@bp.post("/classes")
@role_required("teacher")
def create_class():
    """Create a class and give it a fresh join code."""
    form = ClassForm()
    if not form.validate_on_submit():
        query = db.select(SchoolClass).where(SchoolClass.teacher_id == current_user.id)
        rows = db.session.scalars(query.order_by(SchoolClass.name)).all()
        return render_template("classes/list.html", classes=rows, form=form), 400
    school_class = SchoolClass(
        name=form.name.data, teacher_id=current_user.id, join_code=accounts.unique_join_code()
    )
    db.session.add(school_class)
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
    students = db.session.scalars(
        db.select(User)
        .join(Membership)
        .where(Membership.class_id == class_id)
        .order_by(User.username)
    ).all()
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
    school_class.join_code = accounts.unique_join_code()
    db.session.commit()
    flash(_("Nouveau code : %(code)s", code=school_class.join_code), "success")
    return redirect(url_for("classes.show_class", class_id=class_id))


@bp.post("/classes/<int:class_id>/students/<int:student_id>/remove")
@role_required("teacher")
def remove_student(class_id: int, student_id: int):
    """Take a student out of the class (their account and past attempts stay)."""
    owned_class_or_404(class_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    membership = db.session.scalar(
        db.select(Membership).where(
            Membership.class_id == class_id, Membership.student_id == student_id
        )
    )
    if membership is None:
        abort(404)
    db.session.delete(membership)
    db.session.commit()
    flash(_("Élève retiré de la classe."), "success")
    return redirect(url_for("classes.show_class", class_id=class_id))
