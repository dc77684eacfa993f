"""The one in-memory shape of a question, shared by the generator, the formats,
grading and the database layer.

Nothing here knows about Flask or the database: it is plain data with
conversions to and from JSON-ready dicts, so that every module speaks of a
question the same way.

Types (``QuestionData.type``):

``mcq``        one answer to pick among ``answers`` (the options, in order);
               an option worth 1 is right. Several may be, as in Moodle
               (GIFT's ``{=Paris =Lyon ~Lille}``): picking any of them scores
               full marks. A missing-word question is an ``mcq`` whose stem
               holds the blank.
``multi``      several right answers: each option has a fraction, positive
               ones add up to 1, wrong ones may be negative (a penalty).
``truefalse``  ``answers`` is ``[Answer("true", f, fb), Answer("false", 1-f, fb)]``.
``short``      ``answers`` are the accepted texts, each with its fraction;
               ``options`` may hold ``case_sensitive``, ``accents_matter``,
               ``typos`` (bool).
``numeric``    ``answers`` hold numbers as text with a ``tolerance``;
               ``options["unit"]`` names the unit when there is one.
``matching``   ``pairs`` of (prompt, match); extra wrong matches are pairs
               with an empty prompt.
``cloze``      the stem holds ``{1}``, ``{2}``… where each blank goes, and
               ``blanks[i]`` is a sub-question (``short``, ``mcq`` or
               ``numeric``) for blank ``i + 1``.
``essay``      free text, marked by hand: no answers.
``description`` text only, not a question: no answers, no mark.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

TYPES = (
    "mcq",
    "multi",
    "truefalse",
    "short",
    "numeric",
    "matching",
    "cloze",
    "essay",
    "description",
)
#: Types quizapp scores automatically; the others are kept and shown as such.
SCORED_TYPES = ("mcq", "multi", "truefalse", "short", "numeric", "matching", "cloze")

STATUSES = ("candidate", "accepted", "rejected")


@dataclass
class Answer:
    """One option of a choice question, or one accepted answer of an open one."""

    text: str
    fraction: float = 1.0
    feedback: str = ""
    tolerance: float = 0.0  # numeric answers only


@dataclass
class Source:
    """Where a question comes from: the exact span of the cleaned article."""

    sentence: str
    start: int
    end: int


@dataclass
class Blank:
    """One gap of a cloze question."""

    type: str  # short | mcq | numeric
    answers: list[Answer] = field(default_factory=list)
    weight: float = 1.0


@dataclass
class QuestionData:
    type: str
    stem: str
    answers: list[Answer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)
    title: str = ""
    kind: str = ""  # meeting, quote, figure, date, role, position, ... ('' when written by hand)
    explanation: str = ""  # general feedback: why the answer is right
    tags: list[str] = field(default_factory=list)
    category: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None
    confidence: float | None = None
    status: str = "accepted"
    text_format: str = "plain"  # plain | html | markdown | moodle
    default_mark: float = 1.0
    penalty: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)  # what a format carries that we keep as is

    # --- views used by the generator's JSON and by grading -------------
    @property
    def choices(self) -> list[str]:
        """The options shown to the student, in order (empty for open types)."""
        if self.type in ("mcq", "multi"):
            return [a.text for a in self.answers]
        if self.type == "truefalse":
            return ["true", "false"]
        return []

    @property
    def correct_answers(self) -> list[str]:
        """Every accepted fully-correct answer, as text."""
        if self.type == "matching":
            return [f"{p} -> {m}" for p, m in self.pairs if p]
        if self.type == "cloze":
            return [next((a.text for a in b.answers if a.fraction >= 1.0), "") for b in self.blanks]
        return [a.text for a in self.answers if a.fraction >= 1.0]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["pairs"] = [list(p) for p in self.pairs]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> QuestionData:
        d = dict(d)
        d["answers"] = [Answer(**a) for a in d.get("answers") or []]
        d["pairs"] = [tuple(p) for p in d.get("pairs") or []]
        d["blanks"] = [
            Blank(
                type=b["type"],
                answers=[Answer(**a) for a in b.get("answers") or []],
                weight=b.get("weight", 1.0),
            )
            for b in d.get("blanks") or []
        ]
        src = d.get("source")
        d["source"] = Source(**src) if src else None
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})
