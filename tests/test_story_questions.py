"""Timeline questions across a story's articles: order, what changed, who held a role at
a date; each cites both articles' sentences and dates (made-up articles and names)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import make_user
from test_stories import EARLIER, LATER, add
from test_story_facts import facts_of

from quizapp.domain import grading
from quizapp.extensions import db
from quizapp.generation.story_questions import StoryArticleFacts, timeline_questions
from quizapp.models import Question
from quizapp.services import stories, story_questions
from quizapp.services.question_view import question_view

THIRD = (
    "Crise en Valdorie : le calme revient\n\n"
    "Le ministre de la Défense, Marc Dubreuil, a annoncé le retour des réservistes. "
    "Les inondations ont tué au moins 35 personnes dans la région de Castelbourg."
)


@pytest.fixture(scope="module")
def articles():
    return [
        StoryArticleFacts(
            "Crise en Valdorie : l'armée mobilise", dt.date(2024, 11, 1), facts_of(EARLIER, 1).facts
        ),
        StoryArticleFacts(
            "Crise en Valdorie : les renforts arrivent",
            dt.date(2024, 11, 15),
            facts_of(LATER, 15).facts,
        ),
        StoryArticleFacts(
            "Crise en Valdorie : le calme revient", dt.date(2024, 11, 22), facts_of(THIRD, 22).facts
        ),
    ]


def right(q) -> list[str]:
    return [a.text for a in q.answers if a.fraction == 1.0]


def test_who_held_a_role_at_a_date_cites_both_articles(articles):
    questions = timeline_questions(articles)
    role = next(q for q in questions if q.kind == "story_role")
    assert "1er novembre 2024" in role.stem
    assert right(role) == ["Paul Verneuil"]
    assert "Marc Dubreuil" in [a.text for a in role.answers]
    assert "Paul Verneuil" not in role.stem and "Marc Dubreuil" not in role.stem
    assert (
        "Selon l'article du 1er novembre 2024 : « Le ministre de la Défense de Valdorie, Paul Verneuil"
        in role.explanation
    )
    assert (
        "Selon l'article du 15 novembre 2024 : « Le nouveau ministre de la Défense, Marc Dubreuil"
        in role.explanation
    )
    assert [s["date"] for s in role.extra["sources"]] == ["2024-11-01", "2024-11-15"]
    assert role.status == "candidate"


def test_what_changed_between_two_dates_asks_the_later_figure(articles):
    questions = timeline_questions(articles)
    figures = [q for q in questions if q.kind == "story_change" and "inondations" in q.stem]
    first = next(q for q in figures if q.stem.startswith("Selon l'article du 1er novembre 2024"))
    assert "au moins 12" in first.stem and "15 novembre 2024" in first.stem
    assert right(first) == ["31"]
    assert "12" in [a.text for a in first.answers]  # the earlier figure is a wrong option
    assert "31" not in first.stem
    assert "« Les inondations ont fait au moins 12 morts" in first.explanation
    assert "« Les inondations ont tué au moins 31 personnes" in first.explanation
    second = next(q for q in figures if q.stem.startswith("Selon l'article du 15 novembre 2024"))
    assert right(second) == ["35"]


def test_ordering_question_matches_each_headline_with_its_rank(articles):
    order = next(q for q in timeline_questions(articles) if q.kind == "story_order")
    assert order.type == "matching"
    ranks = dict(order.pairs)
    assert ranks == {
        "Crise en Valdorie : l'armée mobilise": "1er",
        "Crise en Valdorie : les renforts arrivent": "2e",
        "Crise en Valdorie : le calme revient": "3e",
    }
    # shown in alphabetical order, not in the order asked
    assert [p for p, _ in order.pairs] != [a.title for a in articles]
    response = {str(i): ranks[p] for i, (p, _) in enumerate(order.pairs)}
    assert grading.grade(order, response).fraction == 1.0
    for a in articles:
        assert a.date.year == 2024 and str(a.date.day) in order.explanation


def test_two_articles_ask_which_came_first(articles):
    order = next(q for q in timeline_questions(articles[:2]) if q.kind == "story_order")
    assert order.type == "mcq"
    assert right(order) == ["Crise en Valdorie : l'armée mobilise"]


def test_the_student_sees_no_later_sentence_before_answering(articles):
    for q in timeline_questions(articles):
        order = list(range(len(q.pairs or q.answers)))
        shown = repr(question_view(q, {"order": order}, 1))
        later = q.extra["sources"][-1]["sentence"]
        if q.kind != "story_order":  # an ordering question shows its headlines
            assert later not in shown
        assert "fraction" not in shown
        assert q.explanation not in shown


def test_adding_articles_fills_the_story_bank_once(app):
    teacher = make_user("teacher", "chrono")
    earlier, _ = add(teacher, EARLIER, 1)
    later, _ = add(teacher, LATER, 15)
    story = stories.create_story(teacher, "Crise en Valdorie")
    stories.add_article(story, earlier, teacher)
    stories.add_article(story, later, teacher)
    made = story_questions.make_timeline_questions(story, teacher)
    db.session.commit()
    assert made >= 3
    db.session.rollback()
    questions = db.session.scalars(
        db.select(Question).where(Question.bank_id == story.bank_id)
    ).all()
    assert len(questions) == made
    assert all(q.status == "candidate" and q.generated for q in questions)
    assert {q.kind for q in questions} >= {"story_order", "story_role", "story_change"}
    assert story.bank.owner_id == teacher.id
    assert story_questions.make_timeline_questions(story, teacher) == 0


def test_cli_story_add_makes_the_timeline_questions(app, runner):
    teacher = make_user("teacher", "ligne")
    earlier, _ = add(teacher, EARLIER, 1)
    later, _ = add(teacher, LATER, 15)
    result = runner.invoke(args=["story", "add", "Valdorie", str(earlier.id), str(later.id)])
    assert result.exit_code == 0, result.output
    db.session.rollback()
    story = stories.find_story("Valdorie")
    count = db.session.scalar(
        db.select(db.func.count(Question.id)).where(Question.bank_id == story.bank_id)
    )
    assert count >= 3
    assert f"{count} timeline question(s) added to bank {story.bank_id} for review" in result.output
