"""Stories: a teacher's articles followed over weeks, in date order.

Adding an article reads its dated facts (``generation.facts``), records on each of its
generated questions the fact it asks, and compares the article with every other
article of the story, in both directions: an earlier fact that a later article states
with another value becomes a ``StoryChange`` on the question that asks it. The teacher
then retires the question or makes a new version with the later value; attempts already
taken keep the version they saw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from quizapp.domain.messages import N_, CatalogueError
from quizapp.extensions import db
from quizapp.generation.article import Article as ParsedArticle
from quizapp.generation.fact_changes import Change, compare, distinct_changes, same_story
from quizapp.generation.facts import ArticleFacts, Fact, article_facts, fold_name
from quizapp.generation.story_actors import read_stored, stored_actors
from quizapp.models import (
    Article,
    Bank,
    Question,
    QuestionFact,
    Story,
    StoryArticle,
    StoryChange,
    User,
)
from quizapp.services import audit
from quizapp.services.question_facts import record_question_facts, squeeze


class StoryError(CatalogueError):
    """A story refuses a title or an article; the message says why."""


# --- finding ---------------------------------------------------------------------------


def stories_of(user: User) -> list[Story]:
    query = db.select(Story).where(Story.archived_at.is_(None)).order_by(Story.created_at.desc())
    if user.role != "admin":
        query = query.where(Story.owner_id == user.id)
    return list(db.session.scalars(query))


def can_change(story: Story, user: User) -> bool:
    return user.role == "admin" or story.owner_id == user.id


def find_story(ref: str) -> Story:
    """A story by id or by its exact title (the command line's STORY)."""
    story = db.session.get(Story, int(ref)) if ref.isdigit() else None
    if story is None:
        story = db.session.scalar(db.select(Story).where(Story.title == ref).order_by(Story.id))
    if story is None:
        raise StoryError(N_("aucune histoire « %(ref)s »"), ref=ref)
    return story


def articles_to_add(story: Story, user: User) -> list[Article]:
    """The story owner's articles not yet in the story, newest first."""
    present = {sa.article_id for sa in story.articles}
    query = db.select(Article).where(Article.owner_id == story.owner_id)
    articles = db.session.scalars(query.order_by(Article.created_at.desc())).all()
    return [a for a in articles if a.id not in present]


# --- creating and adding ----------------------------------------------------------------


def create_story(owner: User, title: str) -> Story:
    title = (title or "").strip()
    if not title:
        raise StoryError(N_("Donnez un titre à l'histoire."))
    if len(title) > 200:
        raise StoryError(N_("Le titre est trop long (200 caractères au plus)."))
    story = Story(owner_id=owner.id, title=title)
    db.session.add(story)
    db.session.flush()
    return story


@dataclass
class Added:
    story_article: StoryArticle
    changes: list[StoryChange]
    new_facts: int


def article_date(article: Article) -> dt.date:
    return article.published_on or article.created_at.date()


def read_facts(article: Article) -> ArticleFacts:
    """The article's dated facts, read from its stored (cleaned) text."""
    parsed = ParsedArticle(
        title=article.title, date=article.published_on, language=article.language, text=article.text
    )
    return article_facts(parsed)


def add_article(story: Story, article: Article, actor: User | None) -> Added:
    """Put ``article`` in the story at its date and flag what it changes (or what changes it).

    Refused with a message when the article is already there, is in another language,
    or shares too few actors with the story's articles to be about the same story.
    """
    if any(sa.article_id == article.id for sa in story.articles):
        raise StoryError(N_("Cet article fait déjà partie de l'histoire."))
    others = [(sa, stored_facts(sa)) for sa in story.articles]
    _check_language(story, article)
    facts = read_facts(article)
    _check_same_story(article, facts, [f for _sa, f in others])
    entry = StoryArticle(
        story=story,
        article=article,
        facts=[f.to_dict() for f in facts.facts],
        actors=stored_actors(facts.weights, facts.places),
    )
    db.session.add(entry)
    _place_in_date_order(story)
    record_question_facts(article, facts.facts)
    db.session.flush()
    flagged, new_facts = _compare_both_ways(story, article, facts, others)
    audit.record(
        actor,
        "story_add_article",
        "story",
        story.id,
        story.title,
        article_id=article.id,
        changes=len(flagged),
    )
    return Added(entry, flagged, new_facts)


def _check_language(story: Story, article: Article) -> None:
    for sa in story.articles:
        if sa.article.language != article.language:
            raise StoryError(
                N_(
                    "« %(title)s » est dans une autre langue (%(language)s) que l'histoire "
                    "(%(story_language)s) : il n'y est pas ajouté."
                ),
                title=article.title,
                language=article.language,
                story_language=sa.article.language,
            )


def _check_same_story(article: Article, facts: ArticleFacts, others: list[ArticleFacts]) -> None:
    """Refuse an article that shares too few actors with every article of the story."""
    if not others:
        return
    verdicts = [same_story(other, facts) for other in others]
    if any(v.same for v in verdicts):
        return
    best = max(verdicts, key=lambda m: m.share)
    if best.other_places[0]:
        raise StoryError(
            N_(
                "« %(title)s » ne semble pas parler de la même histoire : il se passe à "
                "%(place)s, l'histoire à %(story_place)s. Il n'y est pas ajouté."
            ),
            title=article.title,
            place=best.other_places[1].title(),
            story_place=best.other_places[0].title(),
        )
    raise StoryError(
        N_(
            "« %(title)s » ne semble pas parler de la même histoire : il partage trop "
            "peu d'acteurs avec ses articles (%(share)d %%). Il n'y est pas ajouté."
        ),
        title=article.title,
        share=round(best.share * 100),
    )


def _compare_both_ways(
    story: Story, article: Article, facts: ArticleFacts, others: list
) -> tuple[list[StoryChange], int]:
    """Flag what the new article changes in earlier ones and what later ones change in it;
    with the number of its facts that no earlier article stated."""
    flagged: list[StoryChange] = []
    new_facts = len(facts.facts)
    for sa, other in others:
        if _before(sa.article, article):
            result = compare(other, facts)
            new_facts = min(new_facts, len(result.new))
            flagged += _flag(story, sa.article, article, distinct_changes(result.changed))
        else:
            result = compare(facts, other)
            flagged += _flag(story, article, sa.article, distinct_changes(result.changed))
    return flagged, new_facts


def _before(a: Article, b: Article) -> bool:
    return (article_date(a), a.id or 0) <= (article_date(b), b.id or 0)


def _place_in_date_order(story: Story) -> None:
    ordered = sorted(story.articles, key=lambda sa: (article_date(sa.article), sa.article.id or 0))
    for i, sa in enumerate(ordered):
        sa.position = i
    story.articles.sort(key=lambda sa: sa.position)


def stored_facts(sa: StoryArticle) -> ArticleFacts:
    weights, places = read_stored(sa.actors)
    return ArticleFacts(
        [Fact.from_dict(d) for d in sa.facts or []],
        frozenset(weights),
        sa.article.language,
        sa.article.published_on,
        weights,
        places,
    )


def _flag(
    story: Story, earlier: Article, later: Article, changes: list[Change]
) -> list[StoryChange]:
    """One StoryChange per question asking the earlier fact (one without a question
    when none asks it), unless the same change is already flagged."""
    out = []
    asked = db.session.scalars(
        db.select(QuestionFact)
        .join(Question, QuestionFact.question_id == Question.id)
        .join(Bank, Question.bank_id == Bank.id)
        .where(Bank.article_id == earlier.id)
    ).all()
    for change in changes:
        before = change.before
        questions = [
            qf.question_id
            for qf in asked
            if squeeze(qf.sentence) == squeeze(before.sentence)
            and fold_name(qf.value) == fold_name(before.value)
        ] or [None]
        for question_id in questions:
            row = _change_row(story, earlier, later, change, question_id)
            if not _already_flagged(row):
                db.session.add(row)
                out.append(row)
    db.session.flush()
    return out


def _change_row(
    story: Story, earlier: Article, later: Article, change: Change, question_id: int | None
) -> StoryChange:
    before = change.before
    return StoryChange(
        story_id=story.id,
        question_id=question_id,
        earlier_article_id=earlier.id,
        later_article_id=later.id,
        kind=before.kind,
        subject=before.subject[:300],
        before=before.value[:300],
        after=change.after.value[:300],
        before_sentence=before.sentence,
        after_sentence=change.after.sentence,
        later_date=later.published_on,
    )


def _already_flagged(row: StoryChange) -> bool:
    same_question = (
        StoryChange.question_id.is_(None)
        if row.question_id is None
        else StoryChange.question_id == row.question_id
    )
    return (
        db.session.scalar(
            db.select(StoryChange.id).where(
                StoryChange.story_id == row.story_id,
                StoryChange.earlier_article_id == row.earlier_article_id,
                StoryChange.later_article_id == row.later_article_id,
                StoryChange.before == row.before,
                StoryChange.after == row.after,
                same_question,
            )
        )
        is not None
    )


# --- reading ----------------------------------------------------------------------------


def changes_of(story: Story, status: str | None = None) -> list[StoryChange]:
    query = db.select(StoryChange).where(StoryChange.story_id == story.id)
    if status:
        query = query.where(StoryChange.status == status)
    return list(db.session.scalars(query.order_by(StoryChange.id)))


def open_changes_for(question_ids: list[int]) -> dict[int, StoryChange]:
    """The newest open change of each question that has one (bank page, quiz form)."""
    if not question_ids:
        return {}
    rows = db.session.scalars(
        db.select(StoryChange)
        .where(StoryChange.question_id.in_(question_ids), StoryChange.status == "open")
        .order_by(StoryChange.later_date, StoryChange.id)
    )
    return {row.question_id: row for row in rows}


@dataclass
class TimelineEntry:
    story_article: StoryArticle
    new: list[Fact]
    changed: list[Change]
    unchanged: list[tuple[Fact, Fact]] = field(default_factory=list)


def timeline(story: Story) -> list[TimelineEntry]:
    """Each article in date order with its facts new and changed against the one before."""
    out: list[TimelineEntry] = []
    previous: ArticleFacts | None = None
    for sa in story.articles:
        facts = stored_facts(sa)
        if previous is None:
            out.append(TimelineEntry(sa, facts.facts, []))
        else:
            result = compare(previous, facts)
            changed = distinct_changes(result.changed)
            out.append(TimelineEntry(sa, result.new, changed, result.unchanged))
        previous = facts
    return out


def story_diff(story: Story) -> dict:
    """New, changed and unchanged facts between consecutive articles, as JSON-ready data."""
    pairs = []
    entries = list(story.articles)
    for earlier, later in zip(entries, entries[1:], strict=False):
        result = compare(stored_facts(earlier), stored_facts(later))
        data = result.to_dict()
        data["changed"] = [c.to_dict() for c in distinct_changes(result.changed)]
        pairs.append(
            {
                "earlier": _article_ref(earlier.article),
                "later": _article_ref(later.article),
                **data,
            }
        )
    first = entries[0] if entries else None
    return {
        "story": {"id": story.id, "title": story.title},
        "articles": [_article_ref(sa.article) for sa in entries],
        "first": [Fact.from_dict(d).to_dict() for d in (first.facts if first else [])],
        "pairs": pairs,
    }


def _article_ref(article: Article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "date": article_date(article).isoformat(),
    }
