"""A student's view of a story their teacher lets them read: the articles in date
order, the text of those no quiz of theirs still hides, and what changed between them."""

from __future__ import annotations

from flask import abort, render_template
from flask_login import current_user

from quizapp.models.base import utcnow
from quizapp.services import reading, story_pages
from quizapp.services.stories import timeline
from quizapp.web.security import role_required
from quizapp.web.views.student.common import bp


@bp.get("/student/stories")
@role_required("student")
def stories():
    """The stories the student's teachers let them read."""
    return render_template(
        "student/stories.html", stories=story_pages.stories_for_student(current_user)
    )


@bp.get("/student/stories/<int:story_id>")
@role_required("student")
def story(story_id: int):
    """The story's timeline; an article's text and facts only when it may be read now."""
    story = story_pages.student_story(story_id, current_user)
    if story is None:
        abort(404)
    readable = story_pages.readable_articles(story, current_user, utcnow())
    entries = timeline(story)
    previous: set[int] = set()
    for entry in entries:
        here = entry.story_article.article_id
        # a change shows both articles' values: only when both may be read
        if here not in readable or not previous <= readable:
            entry.changed = []
        entry.new, entry.unchanged = [], []
        previous = {here}
    return render_template(
        "student/story.html",
        story=story,
        timeline=entries,
        readable=readable,
        paragraphs=reading.paragraphs,
    )
