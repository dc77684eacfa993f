"""Users, classes and memberships."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.display.labels import person_name
from quizapp.extensions import db
from quizapp.models import passwords
from quizapp.models.base import utcnow

ROLES = ("admin", "teacher", "student")
# Join codes avoid letters and digits that are easy to confuse (0/O, 1/I/L).
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_join_code(length: int = 7) -> str:
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(length))


def hash_method() -> str:
    """The configured hash method (``PASSWORD_HASH_METHOD``), Argon2id by default."""
    if has_app_context():
        return current_app.config.get("PASSWORD_HASH_METHOD", passwords.DEFAULT_METHOD)
    return passwords.DEFAULT_METHOD


def hash_password(password: str) -> str:
    """The stored form of a password: Argon2id at OWASP's cost, about 50 ms of CPU and
    19 MiB (tests lower it through PASSWORD_HASH_METHOD). A request hashes and checks
    with no transaction open: see :func:`quizapp.extensions.end_transaction`."""
    return passwords.make_hash(password, hash_method())


def check_password_hash(stored: str, password: str) -> bool:
    """Whether the password matches the stored hash, Argon2id or an older scrypt one."""
    return passwords.verify(stored, password)


def needs_rehash(stored: str) -> bool:
    """Whether a hash that just checked should be made again at the configured cost."""
    return passwords.needs_rehash(stored, hash_method())


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(16), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on logout, password change and disabling: every other session ends.
    session_version: Mapped[int] = mapped_column(default=1)
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # A temporary password given by a teacher or an admin: every page leads to the
    # password change until the account's owner picks their own.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Set when the learner was erased: the row stays, anonymous, so that their
    # attempts still count in the statistics and the id is never given again.
    erased_at: Mapped[datetime | None]

    classes_taught: Mapped[list[SchoolClass]] = relationship(back_populates="teacher")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="student", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return passwords.verify(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def name(self) -> str:
        return person_name(self.username, self.display_name, self.erased_at)

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"


class SetupToken(db.Model):
    """A one-time link that creates the first admin; only its hash is stored."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SchoolClass(db.Model):
    __tablename__ = "school_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    teacher_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id"), index=True)
    join_code: Mapped[str] = mapped_column(sa.String(16), unique=True, default=new_join_code)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set (a past school year): hidden from lists, its code joins nothing, its
    # quizzes take no new attempt through it; reports still count it.
    archived_at: Mapped[datetime | None]

    teacher: Mapped[User] = relationship(back_populates="classes_taught")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="school_class", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    __table_args__ = (sa.UniqueConstraint("class_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(
        sa.ForeignKey("school_class.id", ondelete="CASCADE"), index=True
    )
    student_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    school_class: Mapped[SchoolClass] = relationship(back_populates="memberships")
    student: Mapped[User] = relationship(back_populates="memberships")
