"""Questions left unanswered in a submitted quiz: they enter practice like wrong
answers (an unanswered question is what the student most needs to review), and
the history's "Maîtrise par thème" counts only what was answered, as it says."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import csrf_token, make_bank, make_class, make_quiz, make_user, post

from quizapp.domain.questiondata import SCORED_TYPES, Answer, Blank, QuestionData
from quizapp.domain.scheduling import Rating
from quizapp.extensions import db
from quizapp.models import Attempt, ReviewCard, ReviewLog
from quizapp.models.base import utcnow
from quizapp.services import attempt_layout, practice, progress
from quizapp.services import attempts as svc


def questions() -> list[QuestionData]:
    return [
        QuestionData(
            type="mcq",
            stem="Qui Choe Son Hui a-t-elle rencontré à Moscou ?",
            answers=[Answer("Sergueï Lavrov", 1.0), Answer("Antony Blinken", 0.0)],
            tags=["rencontres"],
        ),
        QuestionData(
            type="truefalse",
            stem="La Chine soutient ouvertement l'alliance.",
            answers=[Answer("true", 0.0), Answer("false", 1.0)],
            tags=["positions"],
        ),
        QuestionData(
            type="short",
            stem="Quelle ville a accueilli la rencontre ?",
            answers=[Answer("Moscou", 1.0)],
            tags=["rencontres"],
        ),
        QuestionData(
            type="numeric",
            stem="Combien de soldats nord-coréens environ sont entrés en Russie ?",
            answers=[Answer("10000", 1.0, tolerance=500)],
            tags=["chiffres"],
        ),
        QuestionData(
            type="cloze",
            stem="Jusqu'à {1} soldats seraient déployés dans la région de {2}.",
            blanks=[
                Blank("numeric", [Answer("8000", 1.0)]),
                Blank("short", [Answer("Koursk", 1.0)]),
            ],
            tags=["chiffres"],
        ),
        QuestionData(type="essay", stem="Expliquez l'enjeu de cette alliance.", tags=["essais"]),
        QuestionData(type="description", stem="Lisez l'article avant de répondre.", tags=["lire"]),
    ]


@pytest.fixture
def world(app):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    school_class = make_class(teacher, "Terminale 2", students=[student])
    quiz = make_quiz(teacher, make_bank(teacher, questions()), [school_class])
    return student, quiz


def question_ids(attempt, *types: str) -> set[int]:
    versions = attempt_layout.versions_for(attempt)
    return {
        entry["question_id"]
        for entry in attempt.layout
        if versions[entry["version_id"]].type in types
    }


def slot_of(attempt, kind: str) -> int:
    versions = attempt_layout.versions_for(attempt)
    return next(i for i, e in enumerate(attempt.layout) if versions[e["version_id"]].type == kind)


def take_quiz_on_the_web(client, auth, quiz):
    """Through the pages: the mcq right, the true/false wrong, the short answer
    typed then erased (a blank draft), the rest never touched; then submit."""
    auth.login("lea")
    started = post(
        client, f"/student/quizzes/{quiz.id}/start", token_from=f"/student/quizzes/{quiz.id}"
    )
    attempt_id = int(re.search(r"/attempts/(\d+)$", started.headers["Location"]).group(1))
    db.session.rollback()
    attempt = db.session.get(Attempt, attempt_id)
    versions = attempt_layout.versions_for(attempt)
    token = csrf_token(client, f"/attempts/{attempt_id}")

    def save(slot: int, answer) -> None:
        saved = client.post(
            f"/attempts/{attempt_id}/answer",
            json={"slot": slot, "answer": answer},
            headers={"X-CSRFToken": token, "Accept": "application/json"},
        )
        assert saved.status_code == 200, saved.get_data(as_text=True)

    mcq = slot_of(attempt, "mcq")
    right = versions[attempt.layout[mcq]["version_id"]].answers
    save(
        mcq, attempt.layout[mcq]["order"].index(next(i for i, a in enumerate(right) if a.fraction))
    )
    save(slot_of(attempt, "truefalse"), "true")
    short = slot_of(attempt, "short")
    save(short, "Mos")
    save(short, "")
    submitted = post(
        client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit"
    )
    assert submitted.status_code == 302
    db.session.rollback()  # see what the requests committed
    attempt = db.session.get(Attempt, attempt_id)
    assert attempt.state == "submitted"
    return attempt


#: Long enough for a card rated Again (first learning step: a minute) to fall due,
#: too short for one rated Good (ten minutes) or Easy (days).
SOON = timedelta(minutes=5)


def later() -> None:
    """Time passes for the schedule: every card falls due :data:`SOON` earlier."""
    for card in db.session.scalars(db.select(ReviewCard)):  # SQLite has no date arithmetic
        card.due_at -= SOON
    db.session.commit()


def test_unanswered_questions_are_scheduled_like_wrong_ones(client, auth, world):
    student, quiz = world
    attempt = take_quiz_on_the_web(client, auth, quiz)
    unanswered = question_ids(attempt, "short", "numeric", "cloze")
    wrong = question_ids(attempt, "truefalse")

    cards = {c.question_id: c for c in db.session.scalars(db.select(ReviewCard))}
    # Every scored question is a card; the essay and the description are not.
    assert set(cards) == question_ids(attempt, *SCORED_TYPES)
    assert not question_ids(attempt, "essay", "description") & set(cards)
    for question_id in unanswered:
        card = cards[question_id]
        assert card.reps == 1 and card.lapses == 1
        log = db.session.scalar(db.select(ReviewLog).where(ReviewLog.card_id == card.id))
        assert log.rating == Rating.Again and log.correct is False
    # What falls due first is what went wrong or was left blank.
    soon = practice.due_cards(student.id, utcnow() + SOON)
    assert {c.question_id for c in soon} == wrong | unanswered
    assert practice.due_count(student.id, utcnow() + SOON) == 4


def test_the_practice_page_serves_the_unanswered_questions(client, auth, world):
    student, quiz = world
    attempt = take_quiz_on_the_web(client, auth, quiz)
    expected = question_ids(attempt, "truefalse", "short", "numeric", "cloze")
    later()
    assert "4 questions à réviser aujourd’hui." in client.get("/student").get_data(as_text=True)
    served = set()
    for _ in range(len(expected) + 1):
        page = client.get("/student/practice").get_data(as_text=True)
        match = re.search(r'action="/student/practice/(\d+)"', page)
        if match is None:
            assert "Rien à réviser" in page
            break
        if not served:
            assert "4 questions à réviser." in page
        question_id = int(match.group(1))
        served.add(question_id)
        answered = post(client, f"/student/practice/{question_id}", token_from="/student/practice")
        assert answered.status_code == 200
    assert served == expected


def test_a_quiz_closed_by_its_time_limit_schedules_every_scored_question(app, world):
    student, quiz = world
    quiz.time_limit_minutes = 5
    db.session.commit()
    attempt = svc.start_or_resume(quiz, student)
    attempt.started_at -= timedelta(minutes=30)
    attempt.deadline_at -= timedelta(minutes=30)
    db.session.commit()
    svc.close_if_overdue(attempt, utcnow())
    db.session.commit()
    db.session.rollback()
    assert db.session.get(Attempt, attempt.id).state == "submitted"
    cards = set(db.session.scalars(db.select(ReviewCard.question_id)))
    assert cards == question_ids(attempt, "mcq", "truefalse", "short", "numeric", "cloze")


def test_an_answered_essay_is_still_not_a_card(app, world):
    student, quiz = world
    attempt = svc.start_or_resume(quiz, student)
    svc.save_answer(attempt, slot_of(attempt, "essay"), "Une alliance contre l'Ukraine.")
    svc.save_answer(attempt, slot_of(attempt, "short"), "Moscou")
    db.session.commit()
    svc.submit(attempt)
    db.session.rollback()
    cards = set(db.session.scalars(db.select(ReviewCard.question_id)))
    assert not cards & question_ids(attempt, "essay", "description")
    assert question_ids(attempt, "short") <= cards


# --- the history: "Maîtrise par thème" --------------------------------------------------
def test_mastery_counts_only_answered_questions(client, auth, world):
    student, quiz = world
    take_quiz_on_the_web(client, auth, quiz)
    mastery = {m.topic: m for m in progress.mastery_by_topic(student.id)}
    # rencontres: the mcq right, the short answer left blank → 1 answer, 100 %.
    assert mastery["rencontres"].answered == 1
    assert mastery["rencontres"].percent == pytest.approx(100.0)
    assert mastery["positions"].answered == 1
    assert mastery["positions"].percent == pytest.approx(0.0)
    # Nothing answered on these: no "0 % (2 réponses)".
    assert {"chiffres", "essais", "lire"}.isdisjoint(mastery)

    page = client.get("/student/history").get_data(as_text=True)
    section = page[page.index("Maîtrise par thème") :]
    topics = re.findall(r'<span class="topic">([^<]+)</span>', section)
    assert sorted(topics) == ["positions", "rencontres"]
    assert section.count("(1 réponse)") == 2
