"""Timeline questions across the articles of a story.

- *order*: put the story's articles (their headlines) in the order they appeared (a
  matching question: each headline with its rank), or, with two articles, which came
  first (a choice);
- *what changed*: a figure, a status or a place given by an earlier article, and what
  a later one says (« Selon l'article du 1er novembre 2024, au moins 12 morts. Combien
  selon celui du 15 novembre ? »);
- *who held a role at a date*: « Qui était ministre de la Défense selon l'article du
  1er novembre 2024 ? », the later holder among the wrong options.

Each question's explanation cites both sentences with their articles' dates; the stem
never gives the answer. Plain functions over facts: no Flask, no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quizapp.domain.questiondata import Answer, QuestionData

from .fact_base import ArticleFacts, Fact, fold_name
from .fact_changes import Change, compare, distinct_changes
from .fact_statuses import stages_of
from .figures import format_number, number_distractors

#: At most this many articles in an ordering question (the latest ones).
MAX_ORDERED = 6
_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)
_RANKS = ("1er", "2e", "3e", "4e", "5e", "6e")


@dataclass
class StoryArticleFacts:
    """One article of the story as the questions need it."""

    title: str
    date: dt.date
    facts: list[Fact]


def long_date(day: dt.date) -> str:
    """« 1er novembre 2024 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"


def timeline_questions(articles: list[StoryArticleFacts]) -> list[QuestionData]:
    """Every timeline question of a story whose articles are in date order."""
    out: list[QuestionData] = []
    order = order_question(articles)
    if order is not None:
        out.append(order)
    names = _people(articles)
    for earlier, later in zip(articles, articles[1:], strict=False):
        for change in distinct_changes(compare(_facts(earlier), _facts(later)).changed):
            question = change_question(change, earlier.date, later.date, names)
            if question is not None:
                out.append(question)
    return out


def _facts(a: StoryArticleFacts) -> ArticleFacts:
    return ArticleFacts(a.facts, frozenset(), date=a.date)


def _people(articles: list[StoryArticleFacts]) -> list[str]:
    seen: dict[str, str] = {}
    for a in articles:
        for f in a.facts:
            if f.kind == "role":
                seen.setdefault(fold_name(f.value), f.value)
    return list(seen.values())


def order_question(articles: list[StoryArticleFacts]) -> QuestionData | None:
    """Put the articles in order (three or more), or which came first (two)."""
    dated = [a for a in articles if a.title][-MAX_ORDERED:]
    if len({a.title for a in dated}) < len(dated) or len(dated) < 2:
        return None
    cited = " ".join(f"{long_date(a.date)} : « {a.title} »." for a in dated)
    explanation = f"Dans l'ordre des articles : {cited}"
    if len(dated) == 2:
        first, second = dated
        return _question(
            "mcq",
            "Lequel de ces deux événements de l'histoire a été rapporté en premier ?",
            [Answer(first.title, 1.0), Answer(second.title, 0.0)],
            explanation,
            "story_order",
            dated,
        )
    return QuestionData(
        type="matching",
        stem="Remettez ces événements de l'histoire dans l'ordre où les articles les ont "
        "rapportés (1er : le plus ancien).",
        # headlines shown in alphabetical order, never in the order asked
        pairs=sorted(
            ((a.title, _RANKS[i]) for i, a in enumerate(dated)), key=lambda p: fold_name(p[0])
        ),
        kind="story_order",
        explanation=explanation,
        status="candidate",
        extra={"sources": [_cite(a.date, a.title) for a in dated]},
    )


def change_question(
    change: Change, before: dt.date, after: dt.date, people: list[str]
) -> QuestionData | None:
    """What a later article says of an earlier fact, or who held a role at the earlier date."""
    b, a = change.before, change.after
    explanation = (
        f"Selon l'article du {long_date(before)} : « {b.sentence} » "
        f"Selon l'article du {long_date(after)} : « {a.sentence} »"
    )
    sources = [_cite(before, b.sentence), _cite(after, a.sentence)]
    if b.kind == "role":
        wrong = [p for p in people if not _same(p, b.value)]
        options = [Answer(b.value, 1.0)] + [Answer(p, 0.0) for p in wrong[:3]]
        stem = f"Qui était {b.subject} selon l'article du {long_date(before)} ?"
        return _question("mcq", stem, options, explanation, "story_role", sources=sources)
    # the earlier sentence says what was known then; the later one is the answer
    earlier_said = f"Selon l'article du {long_date(before)} : « {b.sentence} »"
    if b.kind == "figure" and b.number is not None and a.number is not None:
        wrong = [b.number] + number_distractors(a.number, [b.number], n=3)
        options = [Answer(format_number(a.number), 1.0)] + [
            Answer(format_number(v), 0.0) for v in dict.fromkeys(wrong) if v != a.number
        ][:3]
        stem = f"{earlier_said} Quel chiffre donne l'article du {long_date(after)} ?"
    elif b.kind in ("status", "place"):
        others = stages_of(b.relation) if b.kind == "status" else []
        wrong = [b.value] + [s for s in others if s not in (a.value, b.value)]
        options = [Answer(a.value, 1.0)] + [Answer(w, 0.0) for w in wrong[:3]]
        what = f"Où ({b.subject})" if b.kind == "place" else f"Qu'en est-il ({b.subject})"
        stem = f"{earlier_said} {what} selon l'article du {long_date(after)} ?"
    else:
        return None
    return _question("mcq", stem, options, explanation, "story_change", sources=sources)


def _same(a: str, b: str) -> bool:
    return fold_name(a).split()[-1:] == fold_name(b).split()[-1:]


def _sort_key(option: Answer) -> tuple:
    number = option.text.replace(" ", "").replace(",", ".")
    try:
        return (0, float(number), "")
    except ValueError:
        return (1, 0.0, fold_name(option.text))


def _cite(day: dt.date, sentence: str) -> dict:
    return {"date": day.isoformat(), "sentence": sentence}


def _question(
    qtype: str,
    stem: str,
    options: list[Answer],
    explanation: str,
    kind: str,
    articles: list[StoryArticleFacts] | None = None,
    sources: list[dict] | None = None,
) -> QuestionData | None:
    if len(options) < 2:
        return None
    if sources is None:
        sources = [_cite(a.date, a.title) for a in articles or []]
    # the right option is not always first: options in alphabetical (or numeric) order
    options = sorted(options, key=_sort_key)
    return QuestionData(
        type=qtype,
        stem=stem,
        answers=options,
        kind=kind,
        explanation=explanation,
        status="candidate",
        extra={"sources": sources},
    )
