"""Users, the first-admin setup link, classes and memberships."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from quizapp.display.i18n import translated
from quizapp.domain.accounts import USERNAME_RE, password_problem
from quizapp.extensions import db
from quizapp.models import Membership, SchoolClass, SetupToken, User
from quizapp.models.accounts import JOIN_ALPHABET, ROLES, hash_password, new_join_code
from quizapp.models.base import utcnow
from quizapp.services import audit


class AccountError(Exception):
    """A user mistake, with a message meant for that user."""


def create_user(
    username: str,
    password: str,
    role: str,
    *,
    email: str | None = None,
    display_name: str = "",
    hashed: str | None = None,
) -> User:
    """A new account, not yet committed. ``hashed``: the password's hash, when the
    caller made it beforehand with no transaction open (``hash_password``)."""
    username = username.strip().lower()
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (expected one of {', '.join(ROLES)})")
    if not USERNAME_RE.match(username):
        raise AccountError(f"invalid username {username!r}: 3-64 lowercase letters, digits, . _ -")
    if db.session.scalar(db.select(User.id).where(User.username == username)):
        raise AccountError(f"the username {username!r} is already taken")
    if email and db.session.scalar(db.select(User.id).where(User.email == email)):
        raise AccountError(f"the e-mail {email!r} is already used")
    problem = password_problem(password, username)
    if problem:
        raise AccountError(translated(problem))
    user = User(username=username, role=role, email=email or None, display_name=display_name)
    user.password_hash = hashed or hash_password(password)
    db.session.add(user)
    return user


def user_by_login(name: str) -> User | None:
    """The account whose username, or e-mail, is ``name``."""
    return db.session.scalar(db.select(User).where((User.username == name) | (User.email == name)))


def end_sessions(user: User) -> None:
    """Every session of this user stops working at its next request."""
    user.session_version = (user.session_version or 1) + 1


def admin_exists() -> bool:
    return db.session.scalar(db.select(User.id).where(User.role == "admin").limit(1)) is not None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_setup_token(minutes: int = 30) -> str:
    """A random one-time token for creating the first admin; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        SetupToken(token_hash=_hash(token), expires_at=utcnow() + timedelta(minutes=minutes))
    )
    db.session.commit()
    return token


def valid_setup_token(token: str, *, for_update: bool = False) -> SetupToken | None:
    query = db.select(SetupToken).where(SetupToken.token_hash == _hash(token))
    if for_update:
        query = query.with_for_update().execution_options(populate_existing=True)
    row = db.session.scalar(query)
    if row is None or row.used_at is not None or row.expires_at < utcnow() or admin_exists():
        return None
    return row


def consume_setup_token(row: SetupToken) -> None:
    row.used_at = utcnow()
    # One admin is enough: every other pending link dies with this one.
    for other in db.session.scalars(db.select(SetupToken).where(SetupToken.used_at.is_(None))):
        other.used_at = row.used_at


def class_by_code(code: str) -> SchoolClass | None:
    code = (code or "").strip().upper().replace(" ", "")
    return db.session.scalar(
        db.select(SchoolClass).where(
            SchoolClass.join_code == code, SchoolClass.archived_at.is_(None)
        )
    )


def join_class(student: User, school_class: SchoolClass) -> bool:
    """Add the student to the class; False when already a member."""
    exists = db.session.scalar(
        db.select(Membership.id).where(
            Membership.class_id == school_class.id, Membership.student_id == student.id
        )
    )
    if exists:
        return False
    db.session.add(Membership(class_id=school_class.id, student_id=student.id))
    return True


def unique_join_code() -> str:
    while True:
        code = new_join_code()
        if not db.session.scalar(db.select(SchoolClass.id).where(SchoolClass.join_code == code)):
            return code


def temporary_password() -> str:
    """A password to read out or copy: 12 characters without look-alikes (0/O, 1/l)."""
    return "".join(secrets.choice(JOIN_ALPHABET.lower() + "23456789") for _ in range(12))


def may_reset_password(actor: User, user: User) -> bool:
    """An admin may reset anyone's password but their own (they change it); a
    teacher, only that of a student in one of their classes."""
    if user.erased_at is not None or actor.id == user.id:
        return False
    if actor.role == "admin":
        return True
    if actor.role != "teacher" or user.role != "student":
        return False
    return (
        db.session.scalar(
            db.select(Membership.id)
            .join(SchoolClass, SchoolClass.id == Membership.class_id)
            .where(Membership.student_id == user.id, SchoolClass.teacher_id == actor.id)
            .limit(1)
        )
        is not None
    )


def reset_password(actor: User | None, user: User, hashed: str) -> None:
    """Give ``user`` a temporary password (its hash, made with no transaction open): it
    works once, since every page then asks for a new one; their sessions end."""
    user.password_hash = hashed
    user.must_change_password = True
    end_sessions(user)
    audit.record(actor, "password_reset", "user", user.id, user.username)


def set_display_name(user: User, name: str) -> None:
    user.display_name = name.strip()[:120]


def student_of_class(school_class: SchoolClass, student_id: int) -> User | None:
    """The class's student with this id (not erased), or None."""
    return db.session.scalar(
        db.select(User)
        .join(Membership, Membership.student_id == User.id)
        .where(
            Membership.class_id == school_class.id,
            User.id == student_id,
            User.erased_at.is_(None),
        )
    )
