"""Compare what the server acknowledged with what the database holds.

* every acknowledged answer is stored, exactly once, with the last value acknowledged
  for its slot (the stored form is recomputed from the attempt's layout with the
  app's own :func:`quizapp.services.attempt_layout.to_stored`);
* no (attempt, slot) has two rows;
* every acknowledged submit left a submitted attempt whose score equals the sum of
  :func:`quizapp.domain.grading.grade` over its stored answers, times each slot's mark.

Runs inside an app context on the database under test.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from quizapp.domain import grading
from quizapp.extensions import db
from quizapp.models import Attempt, QuestionVersion, Response
from quizapp.services.attempt_layout import to_stored


@dataclass
class Reconciliation:
    acknowledged: int = 0  # acknowledgements received
    slots: int = 0  # distinct (attempt, slot) acknowledged
    stored_rows: int = 0
    duplicates: int = 0
    missing: list[str] = field(default_factory=list)
    different: list[str] = field(default_factory=list)
    submitted: int = 0
    not_submitted: list[int] = field(default_factory=list)
    wrong_scores: list[str] = field(default_factory=list)
    integrity: str = "n/a"

    @property
    def ok(self) -> bool:
        return not (
            self.duplicates
            or self.missing
            or self.different
            or self.not_submitted
            or self.wrong_scores
        ) and self.integrity in ("ok", "n/a")

    def lines(self) -> list[str]:
        out = [
            f"answers acknowledged: {self.acknowledged} ({self.slots} distinct attempt+slot); "
            f"rows stored for them: {self.stored_rows}",
            f"lost: {len(self.missing)}  stored with another value: {len(self.different)}  "
            f"duplicated (attempt, slot): {self.duplicates}",
            f"submits acknowledged: {self.submitted}; not submitted in the database: "
            f"{len(self.not_submitted)}; score different from a regrade: {len(self.wrong_scores)}",
            f"SQLite integrity check: {self.integrity}",
        ]
        for label, items in (
            ("lost", self.missing),
            ("different", self.different),
            ("wrong score", self.wrong_scores),
        ):
            out += [f"  {label}: {item}" for item in items[:5]]
        return out


def reconcile(acks: list, submitted: list[int]) -> Reconciliation:
    rec = Reconciliation(acknowledged=len(acks), submitted=len(set(submitted)))
    last: dict[tuple[int, int], object] = {}
    for attempt_id, slot, value in acks:  # in the order each student received them
        last[(attempt_id, slot)] = value
    rec.slots = len(last)
    rec.duplicates = len(
        db.session.execute(
            db.select(Response.attempt_id, Response.slot)
            .group_by(Response.attempt_id, Response.slot)
            .having(db.func.count() > 1)
        ).all()
    )
    versions = {v.id: v.question_data for v in db.session.scalars(db.select(QuestionVersion)).all()}
    wanted = {a for a, _ in last} | set(submitted)
    attempts: dict[int, Attempt] = {}
    stored: dict[tuple[int, int], Response] = {}
    ids = sorted(wanted)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for attempt in db.session.scalars(db.select(Attempt).where(Attempt.id.in_(chunk))):
            attempts[attempt.id] = attempt
        for response in db.session.scalars(
            db.select(Response).where(Response.attempt_id.in_(chunk))
        ):
            stored[(response.attempt_id, response.slot)] = response
    for (attempt_id, slot), value in sorted(last.items()):
        response = stored.get((attempt_id, slot))
        if response is None:
            rec.missing.append(f"attempt {attempt_id} slot {slot} value {value!r}")
            continue
        rec.stored_rows += 1
        entry = attempts[attempt_id].layout[slot]
        expected = to_stored(
            versions[entry["version_id"]],
            entry.get("order") or [],
            value,
            entry.get("blank_orders"),
        )
        if response.answer != expected:
            rec.different.append(
                f"attempt {attempt_id} slot {slot}: acknowledged {value!r} "
                f"(stored form {expected!r}), database {response.answer!r}"
            )
    for attempt_id in sorted(set(submitted)):
        attempt = attempts.get(attempt_id)
        if attempt is None or attempt.state != "submitted":
            rec.not_submitted.append(attempt_id)
            continue
        score = 0.0
        for slot, entry in enumerate(attempt.layout):
            response = stored.get((attempt_id, slot))
            if response is None or response.answer is None:
                continue
            fraction = grading.grade(versions[entry["version_id"]], response.answer).fraction
            score += (fraction or 0.0) * entry["mark"]
        if abs(score - (attempt.score or 0.0)) > 1e-9:
            rec.wrong_scores.append(
                f"attempt {attempt_id}: stored {attempt.score}, regrade {score}"
            )
    db.session.rollback()
    return rec


def sqlite_integrity(url: str) -> str:
    """``PRAGMA integrity_check`` on a SQLite database (after the server is gone)."""
    if not url.startswith("sqlite:///"):
        return "n/a"
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return "; ".join(r[0] for r in rows[:5])
