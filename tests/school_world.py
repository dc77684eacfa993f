"""A small school for the browser walks: one teacher, one student, every page in use.

``build_school()`` (inside an app context) makes the teacher « prof » with a class,
an article and its bank (accepted questions of every type, a few candidates left to
review, two that give each other's answer away), a quiz built from it and a student
« lea » with one submitted attempt and one in progress on a second quiz. It returns
the addresses of the pages each of them reaches.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import make_bank, make_class, make_quiz, make_user, sample_questions

from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.extensions import db

ARTICLE_FILE = Path(__file__).parent.parent / "questions" / "moscou-pyongyang-2024-11-01.txt"


def world_questions() -> list[QuestionData]:
    """The sample questions, a cloze with a list to choose from, and a question whose
    answer the first one states (« … rencontré à Moscou ? »)."""
    questions = sample_questions()
    questions.append(
        QuestionData(
            type="short",
            kind="meeting",
            stem="Où Choe Son Hui et Sergueï Lavrov se sont-ils rencontrés ?",
            answers=[Answer("Moscou", 1.0)],
            source=questions[0].source,
            tags=["rencontres"],
        )
    )
    questions.append(
        QuestionData(
            type="cloze",
            stem="La Crimée a été annexée par la Russie en {1}.",
            blanks=[
                Blank(
                    "mcq",
                    [Answer("2014", 1.0), Answer("2004", 0.0), Answer("2024", 0.0)],
                )
            ],
            tags=["dates"],
        )
    )
    return questions


def candidates() -> list[QuestionData]:
    return [
        QuestionData(
            type="mcq",
            kind="role",
            stem=f"Question proposée n° {n} : qui est le ministre russe des Affaires étrangères ?",
            answers=[
                Answer("Sergueï Lavrov", 1.0, feedback="Il reçoit Choe Son Hui."),
                Answer("Antony Blinken", 0.0),
                Answer("Vladimir Poutine", 0.0),
            ],
        )
        for n in range(1, 9)
    ]


def build_school() -> dict:
    from quizapp.models import Article
    from quizapp.services import attempt_layout, attempts

    teacher = make_user("teacher", "prof", display_name="M. Prof")
    student = make_user("student", "lea", display_name="Léa")
    school_class = make_class(teacher, "Terminale 2", students=[student])
    title, _, text = ARTICLE_FILE.read_text(encoding="utf-8").partition("\n")
    article = Article(
        owner_id=teacher.id,
        title=title.strip(),
        source="Le Quotidien",
        published_on=date(2024, 11, 1),
        text=text.strip(),
    )
    db.session.add(article)
    db.session.flush()
    bank = make_bank(teacher, world_questions(), name="Moscou et Pyongyang")
    bank.article_id = article.id
    accepted = list(bank.questions)
    quiz = make_quiz(teacher, bank, [school_class], title="Moscou et Pyongyang", one_per_page=False)
    # Another bank: the questions of an attempt in progress are held back from practice.
    other = make_bank(teacher, world_questions(), name="Révisions du lundi")
    running = make_quiz(teacher, other, [school_class], title="Quiz en cours", one_per_page=True)
    from quizapp.services.banks import add_question

    for data in candidates():  # left to review, in no quiz
        data.status = "candidate"
        add_question(bank, data, author=teacher)
    db.session.commit()
    done = attempts.start_or_resume(quiz, student)
    for slot, entry in enumerate(done.layout):
        data = attempt_layout.version_data([entry["version_id"]])[entry["version_id"]]
        raw = _an_answer(data, entry)
        if raw is not None:
            attempts.save_answer(done, slot, raw, check=False)
    db.session.commit()
    attempts.submit(done)
    in_progress = attempts.start_or_resume(running, student)
    # Due cards, for the practice page.
    from quizapp.models import ReviewCard
    from quizapp.models.base import utcnow

    db.session.execute(
        db.update(ReviewCard)
        .where(ReviewCard.student_id == student.id)
        .values(due_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    return {
        "student": [
            ("dashboard", "/student"),
            ("quiz", f"/student/quizzes/{quiz.id}"),
            ("attempt", f"/attempts/{in_progress.id}"),
            ("confirm", f"/attempts/{in_progress.id}/submit"),
            ("result", f"/attempts/{done.id}/result"),
            ("practice", "/student/practice"),
            ("progress", "/student/history"),
            ("article", f"/quizzes/{quiz.id}/article"),
            ("account", "/account"),
        ],
        "teacher": [
            ("articles", "/teacher/articles"),
            ("article", f"/teacher/articles/{article.id}"),
            ("new-article", "/teacher/articles/new"),
            ("banks", "/teacher/banks"),
            ("review", f"/teacher/banks/{bank.id}?status=candidate"),
            ("question", f"/teacher/questions/{accepted[0].id}/edit"),
            ("import", f"/teacher/banks/{bank.id}/import"),
            ("builder", f"/teacher/quizzes/{quiz.id}/edit"),
            ("new-quiz", f"/teacher/quizzes/new?bank={bank.id}"),
            ("preview", f"/teacher/quizzes/{quiz.id}/preview"),
            ("quizzes", "/teacher/quizzes"),
            ("classes", "/classes"),
            ("class", f"/classes/{school_class.id}"),
            ("class-practice", f"/classes/{school_class.id}/practice"),
            ("reports", "/reports/"),
            ("quiz-report", f"/reports/quizzes/{quiz.id}"),
            ("statistics", f"/reports/quizzes/{quiz.id}/statistics"),
            ("class-report", f"/reports/classes/{school_class.id}"),
            ("student-report", f"/reports/students/{student.id}"),
            ("regrade", f"/reports/quizzes/{quiz.id}/regrade"),
            ("bank-report", f"/reports/banks/{bank.id}"),
            ("password", "/account/password"),
            ("reset-password", f"/classes/{school_class.id}/students/{student.id}/password"),
        ],
        "ids": {"quiz": quiz.id, "bank": bank.id, "attempt": done.id, "class": school_class.id},
    }


def _an_answer(data: QuestionData, entry: dict):
    """Something for each slot, right or wrong: positions as the page would post them."""
    if data.type == "truefalse":
        return "false"
    if data.type == "mcq":
        return 1
    if data.type == "multi":
        return [0, 1]
    if data.type in ("short", "numeric"):
        return "Moscou" if data.type == "short" else "10000"
    if data.type == "matching":
        return {"0": 0, "1": 1}
    if data.type == "cloze":
        return ["8000" if b.type != "mcq" else 0 for b in data.blanks]
    return None


@pytest.fixture
def school(browser_app):
    """The school world's pages, per role, for the browser tests that walk them."""
    with browser_app.app_context():
        world = build_school()
    return {role: dict(pages) for role, pages in world.items()}
