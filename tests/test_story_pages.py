"""The story page's filters, and the student's view of a story their teacher lets them
read (made-up articles and names)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from conftest import make_class, make_quiz, make_user, post
from test_stories import story_world  # noqa: F401  (fixture)

from quizapp.extensions import db
from quizapp.models import Question, StoryChange
from quizapp.services import attempts, stories, story_changes


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else None]


@pytest.fixture
def two_articles(story_world):  # noqa: F811
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    db.session.commit()
    return story_world


def page(client, story, **args) -> str:
    query = "&".join(f"{k}={v}" for k, v in args.items())
    response = client.get(f"/teacher/stories/{story.id}?{query}")
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


def test_filters_by_kind_of_fact(client, auth, two_articles):
    _teacher, story, *_ = two_articles
    auth.login("owner")
    timeline = _section(page(client, story), "timeline-title")
    assert "Faits changés" in timeline and "faits nouveaux" in timeline
    assert "fait inchangé" in timeline or "faits inchangés" in timeline
    changed = _section(page(client, story, facts="changed"), "timeline-title")
    assert "Marc Dubreuil" in changed and "faits nouveaux" not in changed
    assert "inchangé" not in changed
    unchanged = _section(page(client, story, facts="unchanged"), "timeline-title")
    assert "Faits changés" not in unchanged and "10 000" in unchanged
    # an unknown value is « all »
    assert "Faits changés" in _section(page(client, story, facts="tout"), "timeline-title")


def test_filters_by_article(client, auth, two_articles):
    _teacher, story, earlier, later, bank = two_articles
    auth.login("owner")
    timeline = _section(page(client, story, article=later.id), "timeline-title")
    assert later.title in timeline and earlier.title not in timeline
    questions = _section(page(client, story, article=earlier.id), "questions-title")
    query = db.select(Question).where(Question.bank_id == bank.id)
    stems = {q.data.stem for q in db.session.scalars(query)}
    assert any(stem in questions for stem in stems)
    later_only = _section(page(client, story, article=later.id), "questions-title")
    assert not any(stem in later_only for stem in stems)


def test_filters_the_story_questions_by_status(client, auth, two_articles):
    teacher, story, _earlier, _later, bank = two_articles
    change = db.session.scalar(
        db.select(StoryChange).where(
            StoryChange.after == "31", StoryChange.question_id.is_not(None)
        )
    )
    story_changes.retire(change, teacher)
    db.session.commit()
    retired = change.question.data.stem
    auth.login("owner")
    flagged = _section(page(client, story), "questions-title")
    assert retired in flagged and retired + "<br>" not in flagged  # retired: no longer flagged
    rejected = _section(page(client, story, status="rejected"), "questions-title")
    assert retired in rejected
    assert rejected.count("<tr>") == 1 + 1  # the header and the retired question
    candidates = _section(page(client, story, status="candidate"), "questions-title")
    assert retired not in candidates


# --- the student's view --------------------------------------------------------------------


@pytest.fixture
def readers(two_articles):
    teacher = two_articles[0]
    ours = make_user("student", "lecteur")
    theirs = make_user("student", "ailleurs")
    school_class = make_class(teacher, students=[ours])
    make_class(make_user("teacher", "collegue"), students=[theirs])
    return ours, theirs, school_class


def test_a_story_is_hidden_from_students_until_the_teacher_shows_it(
    client, auth, two_articles, readers
):
    _teacher, story, *_ = two_articles
    auth.login("lecteur")
    assert client.get(f"/student/stories/{story.id}").status_code == 404
    assert story.title not in client.get("/student/stories").get_data(as_text=True)
    auth.logout()
    auth.login("owner")
    here = f"/teacher/stories/{story.id}"
    assert post(client, here + "/student-view", token_from=here).status_code == 302
    auth.logout()
    auth.login("lecteur")
    home = unescape(client.get("/student").get_data(as_text=True))
    assert "1 histoire d’actualité à suivre" in home
    html = unescape(client.get(f"/student/stories/{story.id}").get_data(as_text=True))
    assert "Crise en Valdorie" in html and "Lire l’article" in html
    assert "Paul Verneuil → Marc Dubreuil" in re.sub(r"</?strong>", "", html)
    auth.logout()
    auth.login("ailleurs")  # another teacher's student
    assert client.get(f"/student/stories/{story.id}").status_code == 404
    assert story.title not in client.get("/student/stories").get_data(as_text=True)


def test_a_student_reads_no_article_a_quiz_of_theirs_still_hides(
    client, auth, two_articles, readers
):
    teacher, story, earlier, _later, bank = two_articles
    ours, _theirs, school_class = readers
    story.students_can_view = True
    for q in bank.questions:
        q.status = "accepted"
    quiz = make_quiz(teacher, bank, [school_class], show_article="after_submit")
    db.session.commit()
    auth.login("lecteur")
    html = unescape(client.get(f"/student/stories/{story.id}").get_data(as_text=True))
    assert "sera lisible quand votre quiz le permettra" in html
    assert "Environ 10 000 soldats" not in html  # the hidden article's text
    assert "Paul Verneuil" not in html  # nor its facts, through the change
    attempt = attempts.start_or_resume(quiz, ours)
    attempts.submit(attempt)
    db.session.commit()
    html = unescape(client.get(f"/student/stories/{story.id}").get_data(as_text=True))
    assert "sera lisible" not in html and "Environ 10 000 soldats" in html


def test_every_generated_question_records_its_dated_fact(client, auth, app):
    from test_stories import EARLIER, add

    from quizapp.models import QuestionFact

    teacher = make_user("teacher", "seul")
    _article, bank = add(teacher, EARLIER, 1)  # in no story
    facts = db.session.scalars(
        db.select(QuestionFact).join(Question).where(Question.bank_id == bank.id)
    ).all()
    values = {f.value for f in facts}
    assert {"10 000", "12"} <= values
    assert all(f.article_date.isoformat() == "2024-11-01" for f in facts)
    auth.login("seul")
    html = unescape(client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True))
    assert html.count("vrai selon l’article du 1 nov. 2024") == len(facts)


def test_a_quiz_of_timeline_questions_hides_every_article_of_the_story(
    client, auth, two_articles, readers
):
    from quizapp.services import story_questions

    teacher, story, *_ = two_articles
    ours, _theirs, school_class = readers
    story.students_can_view = True
    story_questions.make_timeline_questions(story, teacher)
    for q in story.bank.questions:
        q.status = "accepted"
    quiz = make_quiz(teacher, story.bank, [school_class], show_article="after_submit")
    db.session.commit()
    auth.login("lecteur")
    html = unescape(client.get(f"/student/stories/{story.id}").get_data(as_text=True))
    assert html.count("sera lisible quand votre quiz le permettra") == 2
    assert "Marc Dubreuil" not in html
    attempts.submit(attempts.start_or_resume(quiz, ours))
    db.session.commit()
    html = unescape(client.get(f"/student/stories/{story.id}").get_data(as_text=True))
    assert "sera lisible" not in html and "Marc Dubreuil" in html
