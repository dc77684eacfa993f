"""Acting on a flagged change of a story: retire the superseded question, or make a new
version of it with the later value (back to review). Attempts already taken keep the
version they saw. Nothing is committed: the page commits what it asked for."""

from __future__ import annotations

import datetime as dt
import re

from quizapp.domain.messages import N_
from quizapp.extensions import db
from quizapp.generation.figure_blanks import counted_blank, hedge_before
from quizapp.generation.figures import parse_number
from quizapp.models import Question, QuestionFact, StoryChange, User
from quizapp.models.base import utcnow
from quizapp.services import audit
from quizapp.services.banks import edit_question
from quizapp.services.stories import StoryError, article_date


def _open(change: StoryChange) -> Question:
    if change.status != "open":
        raise StoryError(N_("Ce changement a déjà été traité."))
    if change.question is None:
        raise StoryError(N_("Aucune question ne pose ce fait."))
    return change.question


def retire(change: StoryChange, actor: User | None) -> Question:
    """Take the superseded question out of use (rejected); attempts keep their version."""
    question = _open(change)
    question.status = "rejected"
    question.reject_reason = (
        f"Une information plus récente existe : {change.after} "
        f"(article du {change.later_date.isoformat() if change.later_date else '?'})"
    )[:500]
    _resolve(change, "retired")
    audit.record(
        actor,
        "story_retire",
        "question",
        question.id,
        change.subject,
        before=change.before,
        after=change.after,
    )
    return question


def new_version(change: StoryChange, actor: User | None) -> Question:
    """A new version of the question with the later value and sentence; it goes back to
    review (candidate) so the teacher reads it before it is used again."""
    question = _open(change)
    data = question.data
    replace = _replacer(change.before, change.after)
    data.stem = replace(data.stem)
    later = change.later_article
    data.explanation = (
        f"Selon l'article du {_long_date(article_date(later))} : « {change.after_sentence} »"
    )
    for answer in data.answers:
        answer.text = replace(answer.text)
    for blank in data.blanks:
        for answer in blank.answers:
            answer.text = replace(answer.text)
    _figure_options_around(data, change.after)
    data.extra = {**data.extra, "as_of": article_date(later).isoformat()}
    edit_question(question, data, author=actor)
    question.status = "candidate"
    fact = db.session.scalar(db.select(QuestionFact).where(QuestionFact.question_id == question.id))
    if fact is not None:
        fact.value = change.after
        fact.sentence = change.after_sentence
        fact.article_date = later.published_on
    _resolve(change, "new_version")
    audit.record(
        actor,
        "story_new_version",
        "question",
        question.id,
        change.subject,
        before=change.before,
        after=change.after,
    )
    return question


_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
)


def _long_date(day: dt.date) -> str:
    """« 1er novembre 2024 »: the date as the question's French text writes it."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"


def _replacer(before: str, after: str):
    """Replace ``before`` where it stands whole: « 12 » in « 12 morts », never in « 120 »."""
    pattern = re.compile(rf"(?<![\w,]){re.escape(before)}(?![\w,])")

    def replace(text: str) -> str:
        return pattern.sub(after, text) if text else text

    return replace


def _figure_options_around(data, after: str) -> None:
    """A figure's choice blank (« au moins {1} » among « 12 morts », « 18 morts »…) gets
    wrong options around the later value, on the side where they are false."""
    value = parse_number(after)
    stem_before = data.stem.split("{1}")[0]
    for blank in data.blanks:
        right = [a.text for a in blank.answers if a.fraction >= 1.0]
        if blank.type != "mcq" or value is None or len(right) != 1:
            continue
        if not right[0].startswith(after) or not right[0][len(after) :].startswith(" "):
            continue
        rebuilt = counted_blank(value, right[0][len(after) :], [], hedge_before(stem_before))
        if rebuilt is not None:
            blank.answers = rebuilt.answers


def _resolve(change: StoryChange, status: str) -> None:
    change.status = status
    change.resolved_at = utcnow()
    # the same question flagged again by another pair of articles is settled too
    for other in db.session.scalars(
        db.select(StoryChange).where(
            StoryChange.question_id == change.question_id,
            StoryChange.status == "open",
            StoryChange.id != change.id,
        )
    ):
        other.status = status
        other.resolved_at = change.resolved_at
