"""A teacher's classes: making one, its roster, its join code, taking a student out.
Nothing is committed: the page commits what it asked for. (Joining a class with its
code is in :mod:`quizapp.services.accounts`.)"""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.models import Membership, SchoolClass, User
from quizapp.services.accounts import unique_join_code


def create_class(teacher: User, name: str) -> SchoolClass:
    school_class = SchoolClass(name=name, teacher_id=teacher.id, join_code=unique_join_code())
    db.session.add(school_class)
    return school_class


def roster(school_class: SchoolClass) -> list[User]:
    """The class's students by username."""
    return list(
        db.session.scalars(
            db.select(User)
            .join(Membership)
            .where(Membership.class_id == school_class.id)
            .order_by(User.username)
        )
    )


def renew_join_code(school_class: SchoolClass) -> str:
    """A new join code; the old one stops working."""
    school_class.join_code = unique_join_code()
    return school_class.join_code


def remove_student(school_class: SchoolClass, student_id: int) -> bool:
    """Take the student out of the class (their account and attempts stay); False
    when they were not in it."""
    membership = db.session.scalar(
        db.select(Membership).where(
            Membership.class_id == school_class.id, Membership.student_id == student_id
        )
    )
    if membership is None:
        return False
    db.session.delete(membership)
    return True
