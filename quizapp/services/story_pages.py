"""What a story's pages show: the teacher's, with filters, and the student's.

A student sees a story when its owner lets students see it (``students_can_view``),
it is not archived, and its owner teaches one of the student's classes (not
archived). On the story, a student reads an article's text and its facts only when no
quiz of theirs still hides that article: an article that one of their quizzes uses
(or every article, for a quiz drawn from the story's own bank) is readable when that
quiz's own rule (``reading.article_readable``) allows it now, so the story never shows
the answers of a quiz before its article may be read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    Bank,
    Membership,
    Question,
    QuestionFact,
    SchoolClass,
    Story,
    StoryChange,
    User,
)
from quizapp.services import quiz_status
from quizapp.services.question_facts import facts_for
from quizapp.services.reading import article_readable, quiz_article
from quizapp.services.stories import TimelineEntry, open_changes_for, timeline

FACT_FILTERS = ("new", "changed", "unchanged")
QUESTION_FILTERS = ("candidate", "accepted", "rejected")


@dataclass(frozen=True)
class StoryFilters:
    """The story page's filters; an unknown value means « all »."""

    article_id: int | None = None
    facts: str = ""
    status: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, str], story: Story) -> StoryFilters:
        raw = args.get("article", "")
        ids = {sa.article_id for sa in story.articles}
        article_id = int(raw) if raw.isdigit() and int(raw) in ids else None
        facts = args.get("facts", "")
        status = args.get("status", "")
        return cls(
            article_id,
            facts if facts in FACT_FILTERS else "",
            status if status in QUESTION_FILTERS else "",
        )


def filtered_timeline(story: Story, filters: StoryFilters) -> list[TimelineEntry]:
    """The timeline, kept to one article and to one kind of fact when asked."""
    entries = timeline(story)
    if filters.article_id is not None:
        entries = [e for e in entries if e.story_article.article_id == filters.article_id]
    if filters.facts:
        for e in entries:
            e.new = e.new if filters.facts == "new" else []
            e.changed = e.changed if filters.facts == "changed" else []
            e.unchanged = e.unchanged if filters.facts == "unchanged" else []
    return entries


def filtered_changes(story: Story, filters: StoryFilters) -> list[StoryChange]:
    query = db.select(StoryChange).where(StoryChange.story_id == story.id)
    if filters.article_id is not None:
        query = query.where(
            (StoryChange.earlier_article_id == filters.article_id)
            | (StoryChange.later_article_id == filters.article_id)
        )
    return list(db.session.scalars(query.order_by(StoryChange.id)))


@dataclass
class StoryQuestion:
    question: Question
    fact: QuestionFact | None
    change: StoryChange | None  # the newest open change, when a later article contradicts it
    article_id: int | None  # None: a timeline question of the story's own bank


def story_questions(story: Story, filters: StoryFilters) -> list[StoryQuestion]:
    """The questions of the story's articles' banks and of its own bank, with the dated
    fact each asks and its open change, filtered by article and review status."""
    article_ids = [sa.article_id for sa in story.articles]
    if filters.article_id is not None:
        article_ids = [filters.article_id]
    bank_ids = list(db.session.scalars(db.select(Bank.id).where(Bank.article_id.in_(article_ids))))
    bank_article = dict(
        db.session.execute(db.select(Bank.id, Bank.article_id).where(Bank.id.in_(bank_ids))).all()
    )
    if story.bank_id is not None and filters.article_id is None:
        bank_ids.append(story.bank_id)
    query = db.select(Question).where(Question.bank_id.in_(bank_ids))
    if filters.status:
        query = query.where(Question.status == filters.status)
    questions = list(db.session.scalars(query.order_by(Question.bank_id, Question.id)))
    ids = [q.id for q in questions]
    facts = facts_for(ids)
    changes = open_changes_for(ids)
    return [
        StoryQuestion(q, facts.get(q.id), changes.get(q.id), bank_article.get(q.bank_id))
        for q in questions
    ]


# --- the student's view ------------------------------------------------------------------


def _teachers_of(student: User):
    return (
        db.select(SchoolClass.teacher_id)
        .join(Membership, Membership.class_id == SchoolClass.id)
        .where(Membership.student_id == student.id, SchoolClass.archived_at.is_(None))
    )


def stories_for_student(student: User) -> list[Story]:
    """The stories a student may open, newest first."""
    return list(
        db.session.scalars(
            db.select(Story)
            .where(
                Story.students_can_view.is_(True),
                Story.archived_at.is_(None),
                Story.owner_id.in_(_teachers_of(student)),
            )
            .order_by(Story.created_at.desc())
        )
    )


def student_story(story_id: int, student: User) -> Story | None:
    """The story if the student may open it (else None: the page answers 404)."""
    story = db.session.get(Story, story_id)
    if story is None or story not in stories_for_student(student):
        return None
    return story


def readable_articles(story: Story, student: User, now: datetime) -> set[int]:
    """The story's articles the student may read now: none of their quizzes hides it.
    A quiz drawn from the story's own bank (timeline questions, whose answers are in
    every article) hides them all until its rule lets its article be read."""
    ids = {sa.article_id for sa in story.articles}
    hidden: set[int] = set()
    for quiz in db.session.scalars(quiz_status.assigned_quizzes_query(student.id)):
        if story.bank_id is not None and quiz.bank_id == story.bank_id:
            covers = ids
        else:
            article = quiz_article(quiz)
            covers = {article.id} & ids if article is not None else set()
        if not covers - hidden or article_readable(quiz, _attempts(quiz.id, student), now):
            continue
        hidden |= covers
    return ids - hidden


def _attempts(quiz_id: int, student: User) -> list[Attempt]:
    query = db.select(Attempt).where(Attempt.quiz_id == quiz_id, Attempt.student_id == student.id)
    return list(db.session.scalars(query))


def set_student_view(story: Story, allowed: bool) -> None:
    story.students_can_view = allowed
