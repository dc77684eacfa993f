"""Item analysis of a stored quiz: :func:`stats.item_analysis` fed from a report.

The statistics themselves are pure (``stats.py``); this module only picks the
attempts to analyse (the counted ones, first ones or all), counts which option
each student picked in choice questions, and turns the result into plain
data for the pages, the exports and ``quizapp stats --json``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from quizapp.models import Quiz
from quizapp.reports.data import (
    AttemptRow,
    Filters,
    QuestionColumn,
    QuizReport,
    answer_counts,
    quiz_report,
    select_attempts,
)
from quizapp.reports.stats import FLAG_MESSAGES, ItemAnalysis, QuestionStats, item_analysis

CHOICE_TYPES = ("mcq", "multi", "truefalse")


@dataclass
class QuizAnalysis:
    """The statistics of one quiz, with the question each row is about."""

    report: QuizReport
    on: str
    attempts: list[AttemptRow]
    analysis: ItemAnalysis
    columns: list[QuestionColumn]
    choice_counts: dict[int, list[int]]

    def rows(self) -> list[tuple[QuestionColumn, QuestionStats]]:
        return list(zip(self.columns, self.analysis.questions, strict=True))

    @property
    def flagged(self) -> list[tuple[QuestionColumn, QuestionStats]]:
        return [(c, s) for c, s in self.rows() if s.flags]


def _option_index(question_type: str, answer: Any) -> list[int]:
    """The option indices a stored answer picks (see ``grading`` for the shapes)."""
    if answer is None:
        return []
    if question_type == "mcq":
        return [answer] if isinstance(answer, int) else []
    if question_type == "multi":
        return [a for a in answer if isinstance(a, int)] if isinstance(answer, list) else []
    if question_type == "truefalse":
        if isinstance(answer, str):
            answer = {"true": True, "vrai": True, "false": False, "faux": False}.get(
                answer.strip().casefold()
            )
        return [] if answer is None else [0 if answer else 1]
    return []


def count_choices(columns: list[QuestionColumn], attempt_ids: list[int]) -> dict[int, list[int]]:
    """How many of the analysed attempts picked each option of each choice question."""
    choice = {c.question_id: c for c in columns if c.type in CHOICE_TYPES and c.choices}
    counts = {qid: [0] * len(c.choices) for qid, c in choice.items()}
    for (qid, answer), n in answer_counts(attempt_ids, set(choice)).items():
        picked = list(answer) if isinstance(answer, tuple) else answer
        for index in _option_index(choice[qid].type, picked):
            if 0 <= index < len(counts[qid]):
                counts[qid][index] += n
    return counts


def analyse(
    quiz: Quiz,
    on: str = "counted",
    filters: Filters | None = None,
    report: QuizReport | None = None,
) -> QuizAnalysis:
    """Moodle's quiz statistics on the counted attempt of each student (or first, or all)."""
    report = report or quiz_report(quiz, filters)
    attempts = select_attempts(report, on)
    columns = report.questions
    max_marks = {c.question_id: c.max_mark for c in columns}
    marks = [
        {
            qid: min(max(m or 0.0, 0.0), max_marks[qid])
            for qid, m in row.marks.items()
            if qid in max_marks
        }
        for row in attempts
    ]
    counts = count_choices(columns, [a.attempt_id for a in attempts])
    keys = {c.question_id: set(c.keys) for c in columns if c.question_id in counts}
    result = item_analysis(marks, max_marks, choice_counts=counts, keys=keys)
    return QuizAnalysis(report, on, attempts, result, columns, counts)


def _round(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(x, digits)


def to_json(qa: QuizAnalysis) -> dict[str, Any]:
    """The figures as JSON-ready data (``quizapp stats --json``)."""
    q = qa.analysis.quiz
    out: dict[str, Any] = {
        "quiz_id": qa.report.quiz_id,
        "title": qa.report.title,
        "attempts_analysed": qa.on,
        # answers of the analysed attempts still waiting to be marked by hand (counted 0 here)
        "waiting": sum(a.waiting for a in qa.attempts),
        "quiz": {
            "attempts": q.attempts,
            "questions": q.questions,
            "max_total": q.max_total,
            "mean": _round(q.mean),
            "median": _round(q.median),
            "sd": _round(q.sd),
            "skewness": _round(q.skewness),
            "kurtosis": _round(q.kurtosis),
            "alpha": _round(q.alpha),
            "error_ratio": _round(q.error_ratio),
            "standard_error": _round(q.standard_error),
        },
        "questions": [],
    }
    for column, s in qa.rows():
        entry = {
            "label": column.label,
            "question_id": column.question_id,
            "type": column.type,
            "kind": column.kind,
            "max_mark": column.max_mark,
            "attempts": s.attempts,
            "facility": _round(s.facility),
            "sd": _round(s.sd),
            "discrimination": _round(s.discrimination),
            "discriminative_efficiency": _round(s.discriminative_efficiency),
            "flags": list(s.flags),
        }
        if column.question_id in qa.choice_counts:
            entry["options"] = [
                {"text": text, "right": i in column.keys, "picked": n}
                for i, (text, n) in enumerate(
                    zip(column.choices, qa.choice_counts[column.question_id], strict=True)
                )
            ]
        out["questions"].append(entry)
    return out


def flag_message(flag: str) -> str:
    """The translated sentence for a flag code."""
    from flask_babel import gettext

    message = FLAG_MESSAGES.get(flag, flag)
    return gettext(message)


def kinds_summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group per-question figures (from ``bank_questions``) by generator kind."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row["kind"] or ""].append(row)
    out = []
    for kind, items in sorted(groups.items()):
        answered = [r for r in items if r["responses"]]
        facilities = [r["facility"] for r in answered if r["facility"] is not None]
        confidences = [r["confidence"] for r in items if r["confidence"] is not None]
        responses = sum(r["responses"] for r in items)
        out.append(
            {
                "kind": kind,
                "questions": len(items),
                "accepted": sum(r["status"] == "accepted" for r in items),
                "rejected": sum(r["status"] == "rejected" for r in items),
                "generated": sum(bool(r["generated"]) for r in items),
                "confidence": sum(confidences) / len(confidences) if confidences else None,
                "responses": responses,
                "facility": (
                    sum(r["facility"] * r["responses"] for r in answered) / responses
                    if responses
                    else None
                ),
                "too_hard": sum(f < 0.2 for f in facilities),
                "too_easy": sum(f > 0.95 for f in facilities),
            }
        )
    return out
