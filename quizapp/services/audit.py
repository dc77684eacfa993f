"""Writing and reading the audit log. Nothing is committed here: an event is added to
the transaction of the action it records, so it is kept exactly when the action is."""

from __future__ import annotations

from typing import Any

from quizapp.extensions import db
from quizapp.models import AuditEvent, User

#: The actions the log records, and the only ones :func:`record` accepts.
ACTIONS = (
    "archive",
    "restore",
    "delete",
    "transfer",
    "password_reset",
    "account_delete",
    "learner_export",
    "learner_erase",
    "purge",
    "mark",
    "accept_answer",
    "regrade",
    "story_add_article",
    "story_timeline_questions",
    "story_retire",
    "story_new_version",
)

#: Events per page of the admin's log.
PAGE_SIZE = 50


def record(
    actor: User | None,
    action: str,
    target_type: str = "",
    target_id: int | None = None,
    target_label: str = "",
    **details: Any,
) -> AuditEvent:
    """Add one event to the current transaction. ``actor`` is None for a command run
    from the shell (its ``details`` may say which); ``details`` must be JSON."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        actor_name=actor.username if actor is not None else "",
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:200],
        details=details,
    )
    db.session.add(event)
    return event


def events(page: int = 1, action: str | None = None):
    """A page of the log, newest first (a Flask-SQLAlchemy pagination)."""
    query = db.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
