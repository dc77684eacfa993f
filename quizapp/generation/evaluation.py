"""Measuring a generated bank: key-fact coverage, agreement with human questions, reviewed share.

Used by the tests and the benchmark; nothing here runs in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..questiondata import QuestionData
from .text import fold


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def answers_of(q: QuestionData) -> list[str]:
    """What a question asks the student to find (nothing for true/false statements)."""
    if q.type == "truefalse":
        return []
    return [a for a in q.correct_answers if a]


def matches(answer: str, expected: str) -> bool:
    a, e = _key(answer), _key(expected)
    if not a or not e:
        return False
    return a == e or (len(e) >= 4 and e in a and len(a) <= 3 * len(e)) or (len(a) >= 4 and a in e)


def fact_covered(fact: dict, questions: list[QuestionData]) -> QuestionData | None:
    """The first question whose answer is one of the fact's answers, asked about the fact's sentence."""
    where = fold(fact.get("in", ""))
    for q in questions:
        text = fold((q.source.sentence if q.source else "") + " " + q.stem)
        if where and where not in text:
            continue
        if any(matches(a, e) for a in answers_of(q) for e in fact["answers"]):
            return q
    return None


def coverage(facts: list[dict], questions: list[QuestionData]) -> tuple[int, list[str]]:
    """(number covered, ids of the facts left uncovered)."""
    missed = [f["id"] for f in facts if fact_covered(f, questions) is None]
    return len(facts) - len(missed), missed


def human_answer_asked(human: str, questions: list[QuestionData]) -> bool:
    """True when a generated question's right answer is the human question's answer (fuzzy)."""
    h = fold(human)
    if not h:
        return False
    for q in questions:
        for a in answers_of(q):
            f = fold(a)
            if not f:
                continue
            if matches(a, human) or fuzz.token_set_ratio(f, h) >= 90 and min(len(f), len(h)) >= 3:
                return True
    return False


@dataclass
class ReviewStats:
    total: int
    usable: int
    edit: int
    reject: int
    missing: list[str]

    @property
    def share(self) -> float:
        return self.usable / self.total if self.total else 0.0


def review_stats(questions: list[QuestionData], verdicts: list[dict]) -> ReviewStats:
    """Count verdicts for the questions; ``missing`` lists stems nobody has reviewed yet."""
    by_key = {(v["type"], v["stem"]): v["verdict"] for v in verdicts}
    counts = {"usable": 0, "edit": 0, "reject": 0}
    missing = []
    for q in questions:
        v = by_key.get((q.type, q.stem))
        if v is None:
            missing.append(q.stem)
            continue
        counts[v] += 1
    return ReviewStats(len(questions), counts["usable"], counts["edit"], counts["reject"], missing)
