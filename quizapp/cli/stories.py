"""``quizapp story add`` and ``quizapp story diff``: stories from the command line,
through the same service as the teacher's pages."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from quizapp.cli.common import check_database, fail
from quizapp.extensions import db
from quizapp.models import Article, User
from quizapp.services import stories, story_questions


@click.group("story")
def story_group() -> None:
    """Follow a story across articles: add articles, print what changed."""


@story_group.command("add")
@click.argument("story")
@click.argument("article_ids", metavar="ARTICLE...", nargs=-1, required=True, type=int)
@with_appcontext
def story_add_command(story: str, article_ids: tuple[int, ...]) -> None:
    """Add articles (ids) to STORY (an id or a title; a new title makes a new story
    owned by the first article's owner). All are added, or none."""
    check_database()
    articles = []
    for article_id in article_ids:
        article = db.session.get(Article, article_id)
        if article is None:
            fail(f"no article {article_id}", 1)
        articles.append(article)
    try:
        found = stories.find_story(story)
    except stories.StoryError:
        if story.isdigit():
            fail(f"no story {story}", 1)
        found = stories.create_story(db.session.get(User, articles[0].owner_id), story)
    lines = []
    try:
        for article in articles:
            if article.owner_id != found.owner_id:
                fail(f"article {article.id} belongs to another teacher than the story", 1)
            added = stories.add_article(found, article, None)
            lines.append(
                f"{article.id} « {article.title} »: place {added.story_article.position + 1}, "
                f"{len(added.changes)} change(s) flagged"
            )
    except stories.StoryError as exc:
        db.session.rollback()
        fail(f"article {article.id}: {exc.message}", 1)
    timeline = story_questions.make_timeline_questions(found, None)
    db.session.commit()
    click.echo(f"story {found.id} « {found.title} »")
    for line in lines:
        click.echo(line)
    click.echo(f"{timeline} timeline question(s) added to bank {found.bank_id} for review")


@story_group.command("diff")
@click.argument("story")
@with_appcontext
def story_diff_command(story: str) -> None:
    """Print STORY's new, changed and unchanged facts, article after article, as JSON."""
    check_database()
    try:
        found = stories.find_story(story)
    except stories.StoryError as exc:
        fail(exc.message, 1)
    click.echo(json.dumps(stories.story_diff(found), ensure_ascii=False, indent=2))
