"""Stories: adding articles in date order, flagged changes, retiring and new versions,
the command line and the teacher's pages (made-up articles and names)."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from conftest import make_user, post

from quizapp.extensions import db
from quizapp.models import AuditEvent, Question, QuestionFact, StoryArticle, StoryChange
from quizapp.services import stories, story_changes, workspace

EARLIER = (
    "Crise en Valdorie : l'armée mobilise ses réservistes\n\n"
    "Le ministre de la Défense de Valdorie, Paul Verneuil, a annoncé lundi un plan de renfort. "
    "Environ 10 000 soldats ont été déployés près de la frontière de Brimonie. "
    "Les inondations ont fait au moins 12 morts dans la région de Castelbourg. "
    "Au classement général, Hélène Marchal est première suivie de Jean Castel et Anne Roux."
)
LATER = (
    "Crise en Valdorie : les renforts arrivent\n\n"
    "Le nouveau ministre de la Défense, Marc Dubreuil, a visité la frontière de Brimonie mercredi. "
    "Près de 10 000 soldats sont désormais déployés près de la frontière de Brimonie. "
    "Les inondations ont tué au moins 31 personnes dans la région de Castelbourg. "
    "Au classement général, Hélène Marchal est première suivie de Anne Roux et Jean Castel."
)
OTHER = (
    "Football : Ferlux bat Tarvel\n\n"
    "Le club de Ferlux a battu Tarvel samedi à Lisbonne devant 30 000 spectateurs enthousiastes. "
    "L'entraîneur Marco Delmonte a salué le travail de ses joueurs après la rencontre."
)


def add(owner, text: str, day: int):
    article, bank = workspace.add_article_with_bank(
        owner, text, title=None, source="", published_on=dt.date(2024, 11, day)
    )
    db.session.commit()
    return article, bank


@pytest.fixture
def story_world(app):
    teacher = make_user("teacher", "owner")
    earlier, earlier_bank = add(teacher, EARLIER, 1)
    later, _later_bank = add(teacher, LATER, 15)
    story = stories.create_story(teacher, "Crise en Valdorie")
    db.session.commit()
    return teacher, story, earlier, later, earlier_bank


def flagged_question(bank, after: str) -> StoryChange:
    return db.session.scalar(
        db.select(StoryChange).where(
            StoryChange.after == after, StoryChange.question_id.is_not(None)
        )
    )


def test_adding_a_later_article_flags_the_earlier_question(story_world):
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, earlier, teacher)
    added = stories.add_article(story, later, teacher)
    db.session.commit()
    db.session.rollback()
    pairs = {(c.before, c.after) for c in stories.changes_of(story)}
    assert ("12", "31") in pairs
    assert ("Paul Verneuil", "Marc Dubreuil") in pairs
    assert ("10 000", "10 000") not in pairs  # « environ » then « près de »: no change
    assert added.changes
    change = flagged_question(bank, "31")
    assert change.question.bank_id == bank.id
    assert change.later_date == dt.date(2024, 11, 15)
    fact = db.session.scalar(
        db.select(QuestionFact).where(QuestionFact.question_id == change.question_id)
    )
    assert fact.article_date == dt.date(2024, 11, 1)
    assert fact.value == "12" and "12 morts" in fact.sentence
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "story_add_article"))


def test_an_older_article_is_placed_in_date_order_and_compared_both_ways(story_world):
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, later, teacher)
    stories.add_article(story, earlier, teacher)
    db.session.commit()
    db.session.rollback()
    ids = [sa.article_id for sa in story.articles]
    assert ids == [earlier.id, later.id]
    change = flagged_question(bank, "31")
    assert change is not None
    assert change.earlier_article_id == earlier.id and change.later_article_id == later.id


def test_an_article_of_another_story_is_refused_with_a_message(story_world):
    teacher, story, earlier, _later, _bank = story_world
    other, _ = add(teacher, OTHER, 20)
    stories.add_article(story, earlier, teacher)
    db.session.commit()
    with pytest.raises(stories.StoryError, match="trop peu d'acteurs"):
        stories.add_article(story, other, teacher)
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(StoryArticle.id))) == 1


def test_an_article_in_another_language_is_refused(story_world):
    teacher, story, earlier, later, _bank = story_world
    stories.add_article(story, earlier, teacher)
    later.language = "en"
    with pytest.raises(stories.StoryError, match="autre langue"):
        stories.add_article(story, later, teacher)


def test_retire_rejects_the_question_and_keeps_its_versions(story_world):
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    db.session.commit()
    change = flagged_question(bank, "31")
    versions = len(change.question.versions)
    story_changes.retire(change, teacher)
    db.session.commit()
    db.session.rollback()
    question = db.session.get(Question, change.question_id)
    assert question.status == "rejected"
    assert "31" in question.reject_reason
    assert len(question.versions) == versions
    assert db.session.get(StoryChange, change.id).status == "retired"
    with pytest.raises(stories.StoryError):
        story_changes.retire(db.session.get(StoryChange, change.id), teacher)


def test_new_version_puts_the_later_value_and_sentence(story_world):
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    db.session.commit()
    change = flagged_question(bank, "31")
    old_version_id = change.question.current_version_id
    story_changes.new_version(change, teacher)
    db.session.commit()
    db.session.rollback()
    question = db.session.get(Question, change.question_id)
    assert question.current_version_id != old_version_id
    data = question.data
    assert data.correct_answers == ["31 morts"]
    # « au moins {1} »: every wrong option is larger than the later value
    wrong = [a.text for b in data.blanks for a in b.answers if a.fraction < 1]
    assert len(wrong) == 3 and all(int(w.split()[0]) > 31 for w in wrong)
    assert "Selon l'article du 15 novembre 2024" in data.explanation
    assert question.status == "candidate"
    assert db.session.get(StoryChange, change.id).status == "new_version"


def test_cli_story_add_and_diff(app, runner, story_world):
    teacher, story, earlier, later, _bank = story_world
    result = runner.invoke(
        args=["story", "add", "Crise en Valdorie", str(later.id), str(earlier.id)]
    )
    assert result.exit_code == 0, result.output
    assert "change(s) flagged" in result.output
    result = runner.invoke(args=["story", "diff", str(story.id)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [a["id"] for a in data["articles"]] == [earlier.id, later.id]
    changed = {(c["before"]["value"], c["after"]["value"]) for c in data["pairs"][0]["changed"]}
    assert ("12", "31") in changed
    assert any(u["after"]["qualifier"] == "près de" for u in data["pairs"][0]["unchanged"])
    assert data["pairs"][0]["new"] is not None


def test_cli_refuses_another_story_in_one_line(app, runner, story_world):
    teacher, story, earlier, _later, _bank = story_world
    other, _ = add(teacher, OTHER, 20)
    result = runner.invoke(args=["story", "add", str(story.id), str(earlier.id), str(other.id)])
    assert result.exit_code == 1
    assert "trop peu d'acteurs" in result.output
    assert "Traceback" not in result.output
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(StoryArticle.id))) == 0
    assert runner.invoke(args=["story", "diff", "Aucune"]).exit_code == 1
    assert runner.invoke(args=["story", "add", "99999", str(earlier.id)]).exit_code == 1


# --- the teacher's pages ------------------------------------------------------------------


def _accept_all(bank):
    for question in bank.questions:
        question.status = "accepted"
    db.session.commit()


def test_pages_add_two_articles_and_show_the_change(client, auth, story_world):
    teacher, story, earlier, later, bank = story_world
    _accept_all(bank)
    auth.login("owner")
    page = f"/teacher/stories/{story.id}"
    for article in (later, earlier):  # the older one second: placed before, compared back
        response = post(client, page + "/articles", {"article_id": article.id}, token_from=page)
        assert response.status_code == 302
    html = unescape(client.get(page).get_data(as_text=True))
    assert html.index(earlier.title) < html.index(later.title)
    assert "Retirer" in html and "Nouvelle version" in html
    assert "Marc Dubreuil" in html
    bank_html = unescape(client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True))
    assert "Une information plus récente existe : 31 selon l’article du 15 nov. 2024" in bank_html
    quiz_html = unescape(client.get(f"/teacher/quizzes/new?bank={bank.id}").get_data(as_text=True))
    assert "Une information plus récente existe : 31" in quiz_html


def test_saving_a_quiz_with_a_superseded_question_warns(client, auth, story_world):
    from conftest import make_class

    teacher, story, earlier, later, bank = story_world
    _accept_all(bank)
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    db.session.commit()
    change = flagged_question(bank, "31")
    school_class = make_class(teacher)
    auth.login("owner")
    response = post(
        client,
        "/teacher/quizzes/new",
        {
            "title": "Valdorie",
            "bank_id": bank.id,
            "question_ids": [change.question_id],
            "class_ids": [school_class.id],
            "max_attempts": "1",
            "grading_method": "highest",
            "show_correctness": "after_submit",
            "show_answers": "after_submit",
            "show_explanations": "after_submit",
            "pass_mark": "50",
        },
        token_from="/teacher/quizzes/new",
        follow_redirects=True,
    )
    html = unescape(response.get_data(as_text=True))
    assert "Quiz enregistré" in html
    assert "information plus récente" in html and "12 → 31" in html


def test_retire_from_the_page_needs_the_confirmation_and_the_owner(client, auth, story_world):
    teacher, story, earlier, later, bank = story_world
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    db.session.commit()
    change = flagged_question(bank, "31")
    make_user("teacher", "intruder")
    make_user("student", "pupil")
    url = f"/teacher/story-changes/{change.id}/retire"
    auth.login("intruder")
    assert client.get(url).status_code == 404
    assert post(client, url).status_code == 404
    auth.logout()
    auth.login("pupil")
    assert post(client, url).status_code == 403
    auth.logout()
    auth.login("owner")
    confirm = unescape(client.get(url).get_data(as_text=True))
    assert "Les tentatives déjà faites ne changent pas" in confirm
    assert post(client, url, token_from=url).status_code == 302
    db.session.rollback()
    assert db.session.get(Question, change.question_id).status == "rejected"
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "story_retire"))


def test_a_refused_article_keeps_the_choice_and_says_why(client, auth, story_world):
    teacher, story, earlier, _later, _bank = story_world
    other, _ = add(teacher, OTHER, 20)
    stories.add_article(story, earlier, teacher)
    db.session.commit()
    auth.login("owner")
    page = f"/teacher/stories/{story.id}"
    response = post(client, page + "/articles", {"article_id": other.id}, token_from=page)
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert "trop peu d'acteurs" in html
    assert re.search(f'<option selected value="{other.id}">', html)


def test_create_story_needs_a_title(client, auth, app):
    make_user("teacher", "owner")
    auth.login("owner")
    response = post(client, "/teacher/stories", {"title": ""}, token_from="/teacher/stories")
    assert response.status_code == 400
    response = post(
        client, "/teacher/stories", {"title": "Valdorie"}, token_from="/teacher/stories"
    )
    assert response.status_code == 302
    assert "Valdorie" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_one_company_in_another_country_is_refused_with_the_places(app):
    teacher = make_user("teacher", "trajo")
    first, _ = add(
        teacher,
        "Valdorie : les chauffeurs de Trajo en grève\n\n"
        "Les chauffeurs de Trajo ont cessé le travail lundi dans toute la Valdorie pour "
        "protester contre leurs tarifs. La société Trajo a refusé de négocier.",
        3,
    )
    elsewhere, _ = add(
        teacher,
        "Brimonie : les chauffeurs de Trajo manifestent\n\n"
        "Des chauffeurs de Trajo ont manifesté mardi en Brimonie contre une nouvelle taxe. "
        "La société Trajo a promis de les soutenir.",
        10,
    )
    story = stories.create_story(teacher, "Trajo en Valdorie")
    stories.add_article(story, first, teacher)
    db.session.commit()
    with pytest.raises(stories.StoryError, match="se passe à Brimonie, l'histoire à Valdorie"):
        stories.add_article(story, elsewhere, teacher)
    db.session.rollback()
    assert [sa.article_id for sa in story.articles] == [first.id]
