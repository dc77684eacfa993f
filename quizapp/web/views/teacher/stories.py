"""The teacher's stories: the list, a story's articles on a line with what each one
changes, adding an article, and retiring or versioning a superseded question."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from quizapp.display.i18n import translated
from quizapp.extensions import db
from quizapp.models import Story, StoryChange
from quizapp.services import stories, story_changes, story_pages, story_questions
from quizapp.web.forms.accounts import ConfirmForm
from quizapp.web.forms.stories import StoryArticleForm, StoryForm
from quizapp.web.security import role_required
from quizapp.web.views.teacher.common import bp


def story_or_404(story_id: int) -> Story:
    story = db.get_or_404(Story, story_id)
    if not stories.can_change(story, current_user):
        abort(404)
    return story


def change_or_404(change_id: int) -> StoryChange:
    change = db.get_or_404(StoryChange, change_id)
    story_or_404(change.story_id)
    return change


@bp.get("/stories")
@role_required("teacher")
def stories_page():
    """The teacher's stories, newest first, and a form to start one."""
    return render_template(
        "teacher/stories.html", stories=stories.stories_of(current_user), form=StoryForm()
    )


@bp.post("/stories")
@role_required("teacher")
def create_story():
    """Start a story; its page then adds the articles."""
    form = StoryForm()
    if not form.validate_on_submit():
        return render_template(
            "teacher/stories.html", stories=stories.stories_of(current_user), form=form
        ), 400
    story = stories.create_story(current_user, form.title.data)
    db.session.commit()
    return redirect(url_for("teacher.story", story_id=story.id))


def _article_form(story: Story) -> StoryArticleForm:
    form = StoryArticleForm()
    form.article_id.choices = [
        (a.id, f"{a.title} ({stories.article_date(a).isoformat()})")
        for a in stories.articles_to_add(story, current_user)
    ]
    return form


def _render_story(story: Story, form: StoryArticleForm, status: int = 200):
    filters = story_pages.StoryFilters.from_args(request.args, story)
    return render_template(
        "teacher/story.html",
        story=story,
        filters=filters,
        timeline=story_pages.filtered_timeline(story, filters),
        changes=story_pages.filtered_changes(story, filters),
        questions=story_pages.story_questions(story, filters),
        form=form,
        confirm=ConfirmForm(),
    ), status


@bp.get("/stories/<int:story_id>")
@role_required("teacher")
def story(story_id: int):
    """The story's articles in date order, their new and changed facts, the flagged questions."""
    story = story_or_404(story_id)
    return _render_story(story, _article_form(story))


@bp.post("/stories/<int:story_id>/student-view")
@role_required("teacher")
def toggle_student_view(story_id: int):
    """Let the owner's students read the story (its articles, its timeline), or stop it."""
    story = story_or_404(story_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    story_pages.set_student_view(story, not story.students_can_view)
    db.session.commit()
    flash(
        _("Les élèves de vos classes peuvent lire cette histoire.")
        if story.students_can_view
        else _("Les élèves ne voient plus cette histoire."),
        "success",
    )
    return redirect(url_for("teacher.story", story_id=story.id))


@bp.post("/stories/<int:story_id>/articles")
@role_required("teacher")
def add_story_article(story_id: int):
    """Add one of the teacher's articles; a refusal says why and keeps the choice."""
    story = story_or_404(story_id)
    form = _article_form(story)
    if not form.validate_on_submit():
        return _render_story(story, form, 400)
    article = next(
        a for a in stories.articles_to_add(story, current_user) if a.id == form.article_id.data
    )
    try:
        added = stories.add_article(story, article, current_user)
    except stories.StoryError as exc:
        db.session.rollback()
        form.article_id.errors.append(translated(exc))
        return _render_story(story_or_404(story_id), form, 400)
    timeline = story_questions.make_timeline_questions(story, current_user)
    db.session.commit()
    n = len(added.changes)
    flash(
        ngettext(
            "Article ajouté : %(num)d changement signalé.",
            "Article ajouté : %(num)d changements signalés.",
            n,
        )
        + " "
        + ngettext(
            "%(num)d question de chronologie à revoir.",
            "%(num)d questions de chronologie à revoir.",
            timeline,
        ),
        "success",
    )
    return redirect(url_for("teacher.story", story_id=story.id))


@bp.get("/story-changes/<int:change_id>/retire")
@role_required("teacher")
def confirm_retire_change(change_id: int):
    """What retiring the superseded question does, before it is done."""
    change = change_or_404(change_id)
    return render_template("teacher/story_retire.html", change=change, form=ConfirmForm())


@bp.post("/story-changes/<int:change_id>/retire")
@role_required("teacher")
def retire_change(change_id: int):
    """Retire the question: it leaves the bank's accepted questions; attempts keep it."""
    change = change_or_404(change_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        story_changes.retire(change, current_user)
    except stories.StoryError as exc:
        db.session.rollback()
        flash(translated(exc), "error")
    else:
        db.session.commit()
        flash(_("Question retirée."), "success")
    return redirect(url_for("teacher.story", story_id=change.story_id))


@bp.post("/story-changes/<int:change_id>/new-version")
@role_required("teacher")
def new_version_change(change_id: int):
    """A new version with the later value, back in the review queue."""
    change = change_or_404(change_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        question = story_changes.new_version(change, current_user)
    except stories.StoryError as exc:
        db.session.rollback()
        flash(translated(exc), "error")
        return redirect(url_for("teacher.story", story_id=change.story_id))
    db.session.commit()
    flash(_("Nouvelle version créée : relisez-la."), "success")
    return redirect(url_for("teacher.edit_question_view", question_id=question.id))
