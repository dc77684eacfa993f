"""A story's own questions: timeline questions across its articles, in the story's bank.

They are generated questions like the generator's others: candidates the teacher
reviews before a quiz uses them. Making them again adds only the ones not yet there.
"""

from __future__ import annotations

from quizapp.domain.questiondata import QuestionData
from quizapp.extensions import db
from quizapp.generation.story_questions import StoryArticleFacts, timeline_questions
from quizapp.models import Bank, Question, Story, User
from quizapp.services import audit
from quizapp.services.banks import add_questions
from quizapp.services.stories import article_date, stored_facts


def story_bank(story: Story) -> Bank:
    """The bank of the story's questions, made the first time it is needed."""
    if story.bank is None:
        story.bank = Bank(owner_id=story.owner_id, name=f"{story.title} — chronologie"[:200])
        db.session.add(story.bank)
        db.session.flush()
    return story.bank


def make_timeline_questions(story: Story, actor: User | None) -> int:
    """Add to the story's bank the timeline questions it does not hold yet; how many."""
    articles = [
        StoryArticleFacts(sa.article.title, article_date(sa.article), stored_facts(sa).facts)
        for sa in story.articles
    ]
    questions = timeline_questions(articles)
    if not questions:
        return 0
    bank = story_bank(story)
    have = {
        _key(q.data)
        for q in db.session.scalars(db.select(Question).where(Question.bank_id == bank.id))
    }
    fresh = [q for q in questions if _key(q) not in have]
    added = add_questions(bank, fresh, author=actor)
    audit.record(actor, "story_timeline_questions", "story", story.id, story.title, added=added)
    return added


def _key(data: QuestionData) -> tuple:
    """A question already made: the same stem, options and pairs."""
    return (data.stem, tuple(sorted(a.text for a in data.answers)), tuple(map(tuple, data.pairs)))
