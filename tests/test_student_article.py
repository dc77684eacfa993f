"""The article a quiz's bank was built from, for the quiz's students to read: linked
from the quiz, the attempt and the result when the quiz's setting allows it, refused
on the server otherwise, and nothing of the questions on its page."""

from __future__ import annotations

import re
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from conftest import make_bank, make_class, make_quiz, make_user, post
from test_student import move_back, start

from quizapp.extensions import db
from quizapp.models import Article, Quiz
from quizapp.models.base import utcnow
from quizapp.services.reading import article_readable, paragraphs

TEXT = (
    "Ce vendredi 1er novembre 2024, la ministre nord-coréenne des Affaires étrangères, "
    "Choe Son Hui, a exprimé à Moscou le soutien de la Corée du Nord à la Russie.\n\n"
    "Entrevue 1\nLors d'une rencontre avec son homologue russe, Sergueï Lavrov, Choe Son Hui "
    "a déclaré : « Il n'y a pas de doute que l'armée et le peuple russes remporteront une "
    "grande victoire en Ukraine. »"
)
SOURCE = "Le Quotidien du matin, CC BY 4.0"


@pytest.fixture
def world(app):
    """A teacher's class with ``lea`` in it, and a bank built from an article."""
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    school_class = make_class(teacher, "Terminale 2", students=[student])
    bank = make_bank(teacher)
    bank.article = Article(
        owner_id=teacher.id,
        title="Moscou et Pyongyang affichent leur unité",
        source=SOURCE,
        published_on=date(2024, 11, 1),
        text=TEXT,
    )
    db.session.commit()
    return SimpleNamespace(teacher=teacher, student=student, school_class=school_class, bank=bank)


def quiz_for(world, **settings) -> Quiz:
    return make_quiz(world.teacher, world.bank, [world.school_class], **settings)


def article_url(quiz: Quiz) -> str:
    return f"/quizzes/{quiz.id}/article"


def links_to_article(html: str, quiz: Quiz) -> bool:
    return f'href="{article_url(quiz)}"' in html


def submit(client, attempt_id: int):
    response = post(
        client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit"
    )
    assert response.status_code == 302


# --- the rule, without the app ----------------------------------------------------------
def _quiz(setting, opens=None, closes=None):
    return SimpleNamespace(show_article=setting, opens_at=opens, closes_at=closes)


NOW = utcnow()
DONE, RUNNING = SimpleNamespace(state="submitted"), SimpleNamespace(state="in_progress")


@pytest.mark.parametrize(
    ("quiz", "attempts", "readable"),
    [
        (_quiz("always"), [], True),
        (_quiz("always"), [RUNNING], True),
        (_quiz("always", opens=NOW + timedelta(days=1)), [], False),  # not open yet
        (_quiz("always", closes=NOW - timedelta(days=1)), [], False),  # closed, never tried
        (_quiz("always", closes=NOW - timedelta(days=1)), [DONE], True),
        (_quiz("after_submit"), [], False),
        (_quiz("after_submit"), [RUNNING], False),
        (_quiz("after_submit"), [DONE], True),
        (_quiz("after_submit"), [DONE, RUNNING], False),  # not during another attempt
        (_quiz("never"), [DONE], False),
        (_quiz("made-up"), [DONE], False),
    ],
)
def test_when_a_student_may_read_the_article(quiz, attempts, readable):
    assert article_readable(quiz, attempts, NOW) is readable


def test_paragraphs_are_split_on_blank_lines_and_keep_their_lines():
    text = "Un.\n\n\nDeux\ntrois.\n  \nQuatre. "
    assert paragraphs(text) == [["Un."], ["Deux", "trois."], ["Quatre."]]


# --- through the web ------------------------------------------------------------------------
def test_a_student_of_the_class_reads_the_article_from_the_quiz_page(client, auth, world):
    quiz = quiz_for(world, title="Vendredi")
    auth.login("lea")
    page = client.get(f"/student/quizzes/{quiz.id}").get_data(as_text=True)
    assert links_to_article(page, quiz)
    response = client.get(article_url(quiz))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Moscou et Pyongyang affichent leur unité</h1>" in html
    assert "1 nov. 2024" in html and 'datetime="2024-11-01"' in html
    assert SOURCE in html
    # The text in paragraphs, its lines kept.
    assert "<p>Ce vendredi 1er novembre 2024," in html
    assert "<p>Entrevue 1<br>Lors d&#39;une rencontre" in html
    # Nothing of the quiz but its way back: no question, no answer.
    assert "Qui Choe Son Hui" not in html and "Quelle ville" not in html
    assert "Antony Blinken" not in html and "10000" not in html
    assert f'href="/student/quizzes/{quiz.id}"' in html


def test_the_date_is_written_the_readers_way(client, auth, world):
    quiz = quiz_for(world)
    world.student.locale = "en"
    db.session.commit()
    auth.login("lea")
    html = client.get(article_url(quiz)).get_data(as_text=True)
    assert "Nov 1, 2024" in html and "nov. 2024" not in html


def test_a_student_not_assigned_the_quiz_is_refused(client, auth, world):
    quiz = quiz_for(world)
    outsider = make_user("student", "outsider")
    make_class(make_user("teacher", "other"), students=[outsider])
    auth.login("lea")
    assert client.get(article_url(quiz)).status_code == 200  # the same address, assigned
    auth.logout()
    auth.login("outsider")
    assert client.get(article_url(quiz)).status_code == 404
    assert client.get("/quizzes/999999/article").status_code == 404


def test_a_quiz_whose_bank_has_no_article_links_to_none(client, auth, world):
    quiz = make_quiz(world.teacher, make_bank(world.teacher), [world.school_class])
    with_article = quiz_for(world)
    auth.login("lea")
    assert client.get(article_url(with_article)).status_code == 200
    assert not links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404


def test_a_quiz_not_open_yet_keeps_its_article_until_it_opens(client, auth, world):
    quiz = quiz_for(world, opens_at=utcnow() + timedelta(days=1))
    auth.login("lea")
    assert not links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404
    quiz.opens_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 200


def test_always_links_the_article_during_the_attempt_in_a_new_tab(client, auth, world):
    quiz = quiz_for(world)
    auth.login("lea")
    attempt_id = start(client, quiz)
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    link = re.search(rf'<a href="{article_url(quiz)}"[^>]*>', page)
    assert link and 'target="_blank"' in link.group() and 'rel="noopener"' in link.group()
    assert client.get(article_url(quiz)).status_code == 200
    submit(client, attempt_id)
    assert links_to_article(client.get(f"/attempts/{attempt_id}/result").get_data(True), quiz)


def test_never_hides_the_article_and_refuses_its_address(client, auth, world):
    quiz = quiz_for(world, show_article="never")
    auth.login("lea")
    assert not links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404
    attempt_id = start(client, quiz)
    assert not links_to_article(client.get(f"/attempts/{attempt_id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404
    submit(client, attempt_id)
    assert not links_to_article(client.get(f"/attempts/{attempt_id}/result").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404


def test_after_submit_refuses_the_article_until_the_attempt_is_submitted(client, auth, world):
    quiz = quiz_for(world, show_article="after_submit")
    auth.login("lea")
    assert not links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404
    attempt_id = start(client, quiz)
    assert not links_to_article(client.get(f"/attempts/{attempt_id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 404
    submit(client, attempt_id)
    assert links_to_article(client.get(f"/attempts/{attempt_id}/result").get_data(True), quiz)
    assert links_to_article(client.get(f"/student/quizzes/{quiz.id}").get_data(True), quiz)
    assert client.get(article_url(quiz)).status_code == 200


def test_after_submit_counts_an_attempt_whose_time_ran_out(client, auth, world):
    quiz = quiz_for(world, show_article="after_submit", time_limit_minutes=5)
    auth.login("lea")
    attempt_id = start(client, quiz)
    move_back(attempt_id, timedelta(minutes=10))
    assert client.get(article_url(quiz)).status_code == 200


def test_the_teacher_who_owns_the_quiz_reads_it_from_the_preview(client, auth, world):
    quiz = quiz_for(world, show_article="never")  # the setting is for students
    make_user("teacher", "stranger")
    auth.login("prof")
    preview = client.get(f"/teacher/quizzes/{quiz.id}/preview").get_data(as_text=True)
    assert links_to_article(preview, quiz)
    html = client.get(article_url(quiz)).get_data(as_text=True)
    assert "Moscou et Pyongyang affichent leur unité" in html
    assert f'href="/teacher/quizzes/{quiz.id}/preview"' in html
    auth.logout()
    auth.login("stranger")
    assert client.get(article_url(quiz)).status_code == 404
