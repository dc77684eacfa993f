"""The audit log: an event goes with the transaction of its action, and says who
acted even after that account is gone."""

import pytest

from quizapp.extensions import db
from quizapp.models import AuditEvent
from quizapp.services import audit
from tests.conftest import make_user


def test_an_event_names_the_actor_and_the_target(app):
    with app.app_context():
        admin = make_user("admin", "directrice")
        audit.record(admin, "learner_export", "user", 42, "eleve.martin", format="json")
        db.session.commit()
        event = db.session.scalar(db.select(AuditEvent))
        assert (event.actor_name, event.action, event.target_id) == (
            "directrice",
            "learner_export",
            42,
        )
        assert event.details == {"format": "json"}


def test_an_event_is_lost_with_its_action_when_the_transaction_is_rolled_back(app):
    with app.app_context():
        admin = make_user("admin", "directrice")
        audit.record(admin, "learner_erase", "user", 7, "eleve.durand")
        db.session.rollback()
        assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0


def test_an_unknown_action_is_refused(app):
    with app.app_context():
        with pytest.raises(ValueError):
            audit.record(None, "peek")


def test_the_log_reads_newest_first_and_keeps_the_name_of_an_erased_actor(app):
    with app.app_context():
        teacher = make_user("teacher", "m.verneuil")
        audit.record(teacher, "archive", "quiz", 1, "Quiz 1")
        audit.record(teacher, "delete", "bank", 2, "Banque 2")
        db.session.commit()
        db.session.delete(teacher)
        db.session.commit()
        page = audit.events()
        assert [e.action for e in page.items] == ["delete", "archive"]
        assert {e.actor_name for e in page.items} == {"m.verneuil"}
        assert {e.actor_id for e in page.items} == {None}
