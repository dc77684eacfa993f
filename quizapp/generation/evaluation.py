"""Measuring a generated bank: key-fact coverage, agreement with human questions, reviewed share.

Used by the tests and the benchmark; nothing here runs in production.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ..domain.questiondata import QuestionData
from .text import fold


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def answers_of(q: QuestionData) -> list[str]:
    """What a question asks the student to find (nothing for true/false statements)."""
    if q.type == "truefalse":
        return []
    return [a for a in q.correct_answers if a]


def matches(answer: str, expected: str) -> bool:
    """Whether a question's answer is the expected one: the same words, one inside the
    other, or the expected number with what it counts (« 27 pays » for 27, never 270)."""
    a, e = _key(answer), _key(expected)
    if not a or not e:
        return False
    counted = e.replace(",", "").isdigit() and a.startswith(e) and not a[len(e) :][:1].isdigit()
    return (
        a == e
        or counted
        or (len(e) >= 4 and e in a and len(a) <= 3 * len(e))
        or (len(a) >= 4 and a in e)
    )


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


def verdict_key(q: QuestionData | dict) -> tuple:
    """What a verdict was given for: the whole question, not only its stem.

    The type, the stem, the options (in any order) and the right answers: a new
    key, a changed option or a stem with another answer is a new question to read.
    """
    if isinstance(q, dict):
        qtype, stem = q["type"], q["stem"]
        options, answers = q.get("options") or [], q.get("answers") or []
    else:
        qtype, stem = q.type, q.stem
        options = [a.text for a in q.answers] if q.type in ("mcq", "multi") else []
        if q.type == "cloze":
            options = [a.text for b in q.blanks if b.type == "mcq" for a in b.answers]
        answers = q.correct_answers
    return qtype, stem, tuple(sorted(options)), tuple(sorted(answers))


def review_stats(questions: list[QuestionData], verdicts: list[dict]) -> ReviewStats:
    """Count verdicts for the questions; ``missing`` lists those nobody has reviewed yet
    (as "stem → answers")."""
    by_key = {verdict_key(v): v["verdict"] for v in verdicts}
    counts = {"usable": 0, "edit": 0, "reject": 0}
    missing = []
    for q in questions:
        v = by_key.get(verdict_key(q))
        if v is None:
            missing.append(f"{q.stem} → {', '.join(q.correct_answers)}")
            continue
        counts[v] += 1
    return ReviewStats(len(questions), counts["usable"], counts["edit"], counts["reject"], missing)


# --- the development set's rule (tests/data/eval/dev/keyfacts-dev.json) ---------------
def _dev_fold(text: str) -> str:
    """The development set's folding: accents removed, lower case, typographic
    apostrophes turned into ``'``; nothing else (punctuation and spaces stay)."""
    import unicodedata

    text = text.replace("\u2019", "'").replace("\u02bc", "'").lower()
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _asked_text(q: QuestionData) -> str:
    """The stem and the options a student reads (a cloze's choice blanks included)."""
    options = list(q.choices) if q.type != "truefalse" else []
    if q.type == "cloze":
        options += [a.text for b in q.blanks if b.type == "mcq" for a in b.answers]
    return " ".join([q.stem, *options])


def keyfact_covered(fact: dict, q: QuestionData) -> bool:
    """The development set's matching rule: every ``ask`` group has a string in the
    stem plus options, and an ``answer`` string is in one of the accepted answers."""
    asked = _dev_fold(_asked_text(q))
    if not all(any(_dev_fold(s) in asked for s in group) for group in fact["ask"]):
        return False
    accepted = [_dev_fold(a) for a in answers_of(q)]
    return any(_dev_fold(s) in a for group in fact["answer"] for s in group for a in accepted)


def keyfact_coverage(facts: list[dict], questions: list[QuestionData]) -> list[str]:
    """The ids of the facts no question covers."""
    return [f["id"] for f in facts if not any(keyfact_covered(f, q) for q in questions)]


def structural_faults(q: QuestionData, article_text: str) -> list[str]:
    """What makes a question wrong whatever a reader thinks of it."""
    faults = []
    if q.source is not None and q.source.sentence not in article_text:
        faults.append("source sentence not in the article")
    if q.type == "mcq":
        keys = [a for a in q.answers if a.fraction >= 1.0]
        if len(keys) != 1:
            faults.append("not exactly one right option")
        if len({fold(a.text) for a in q.answers}) != len(q.answers):
            faults.append("duplicate options")
    stem = fold(q.stem)
    for answer in answers_of(q):
        key = fold(answer)
        if q.type in ("mcq", "short", "numeric") and len(key) >= 3 and f" {key} " in f" {stem} ":
            faults.append(f"answer in the stem: {answer}")
    return faults
