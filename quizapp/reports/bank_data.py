"""How a bank's questions fared: each question's answers across the quizzes that used it."""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import Attempt, Question, QuestionVersion, Response


# --- how a bank's questions fared ------------------------------------------------
def _answered(bank_id: int) -> dict[int, tuple[int, float | None]]:
    """(responses, mean fraction) per question: final responses of submitted attempts,
    over every version of the question, in one grouped query."""
    rows = db.session.execute(
        sa.select(
            QuestionVersion.question_id,
            sa.func.count(Response.id),
            sa.func.avg(Response.fraction),
        )
        .join(Response, Response.question_version_id == QuestionVersion.id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(
            Question.bank_id == bank_id,
            Attempt.state == "submitted",
            Response.fraction.is_not(None),
        )
        .group_by(QuestionVersion.question_id)
    )
    return {qid: (n, avg) for qid, n, avg in rows}


def bank_questions(bank_id: int) -> list[dict]:
    """Each question of a bank with its kind, generator confidence and facility so far."""
    answered = _answered(bank_id)
    rows = db.session.execute(
        sa.select(
            Question.id,
            Question.kind,
            Question.type,
            Question.status,
            Question.generated,
            Question.confidence,
            QuestionVersion.data,
        )
        .outerjoin(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Question.bank_id == bank_id)
        .order_by(Question.id)
    ).all()
    out = []
    for r in rows:
        n, avg = answered.get(r.id, (0, None))
        out.append(
            {
                "question_id": r.id,
                "kind": r.kind or "",
                "type": r.type,
                "status": r.status,
                "generated": bool(r.generated),
                "confidence": r.confidence,
                "stem": (r.data or {}).get("stem", ""),
                "responses": int(n),
                "facility": None if avg is None else float(avg),
            }
        )
    return out
