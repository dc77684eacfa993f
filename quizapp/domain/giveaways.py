"""Questions that give each other's answers away when they are in one quiz.

The generator asks several questions of one sentence: "Qui Choe Son Hui a-t-elle
rencontré à Moscou ?" (Sergueï Lavrov) and "Où Choe Son Hui et Sergueï Lavrov
se sont-ils rencontrés ?" (Moscou). Each is a good question; side by side, each
answers the other. A bank keeps both, for the teacher to choose from; a quiz
should hold one. Plain functions over :class:`QuestionData`: no Flask, no database.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence

from quizapp.domain.questiondata import QuestionData
from quizapp.generation.text import fold

__all__ = ["gives_away", "giveaway_pairs", "without_giveaways"]

# Answers that are not words of a sentence: true/false keys, matching pairs.
_NOT_STATED = ("truefalse", "matching", "essay", "description")


def _answers(question: QuestionData) -> list[str]:
    if question.type in _NOT_STATED:
        return []
    return [a for a in question.correct_answers if len(fold(a)) >= 3]


def _shown(question: QuestionData) -> str:
    """What a student reads of a question before answering it: its stem, and for a
    choice question its options are left out (a distractor states nothing)."""
    return fold(re.sub(r"\{\d+\}", " ", question.stem))


_DIGIT_GROUPS = re.compile(r"(?<=\d)[ .](?=\d{3}(?!\d))")


def _key(answer: str) -> str:
    """An answer to compare: folded, "10 000" (a choice) and "10000" (a number) alike."""
    return _DIGIT_GROUPS.sub("", fold(answer))


def gives_away(shown: QuestionData, asked: QuestionData) -> bool:
    """True when ``shown``, a question on the same sentence of the same article,
    states the answer of ``asked`` in its stem, or asks for the same answer in
    another form (the generator offers "environ combien…" both as a number to type
    and as a choice among four: its options show the number)."""
    if shown.source is None or asked.source is None:
        return False
    if (shown.source.start, shown.source.end) != (asked.source.start, asked.source.end):
        return False
    answers = _answers(asked)
    if answers and sorted(map(_key, answers)) == sorted(map(_key, _answers(shown))):
        return True
    text = _shown(shown)
    return any(re.search(rf"(?<!\w){re.escape(fold(answer))}(?!\w)", text) for answer in answers)


def giveaway_pairs(
    questions: Sequence[tuple[Hashable, QuestionData]],
) -> list[tuple[Hashable, Hashable]]:
    """Every ``(asked, shown)`` pair of keys where question ``shown`` states the
    answer of question ``asked``, in the order given."""
    by_sentence: dict[tuple[int, int], list[int]] = {}
    for index, (_key, question) in enumerate(questions):
        if question.source is not None:
            span = (question.source.start, question.source.end)
            by_sentence.setdefault(span, []).append(index)
    pairs = []
    for i, (key_a, a) in enumerate(questions):  # only questions on one sentence can clash
        span = (a.source.start, a.source.end) if a.source is not None else None
        for j in by_sentence.get(span, []) if span else []:
            key_b, b = questions[j]
            if i != j and gives_away(b, a):
                pairs.append((key_a, key_b))
    return pairs


def without_giveaways(
    questions: Sequence[tuple[Hashable, QuestionData]],
) -> list[Hashable]:
    """The keys of the questions kept in order, leaving out each one that states
    the answer of one kept before it, or whose answer one kept before it states."""
    kept: list[tuple[Hashable, QuestionData]] = []
    for key, question in questions:
        if not any(gives_away(question, k) or gives_away(k, question) for _key, k in kept):
            kept.append((key, question))
    return [key for key, _question in kept]
