"""Script injection stays inert: every text a user can enter, full of payloads,
shown on every page that displays it, in Chromium.

Each payload, if it ever ran, would open a dialog or set ``window.__xss``; the test
fails on either, and on any console error (a Content-Security-Policy report would
mean markup got through, even blocked) or script error in ``page.problems``.
"""

from __future__ import annotations

import re

import pytest
from browser_support import (  # noqa: F401  (fixtures)
    browser_app,
    browser_server,
    chromium,
    desktop_page,
    login,
)
from conftest import make_bank, make_class, make_quiz, make_user

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '"><img src=x onerror="window.__xss=2;alert(2)">',
    "'><svg onload=alert(3)>",
    '<a href="javascript:alert(4)">lien</a>',
    "{{7*7}}<iframe srcdoc='<script>parent.__xss=5</script>'></iframe>",
]
P = " ".join(PAYLOADS)


def _question_data():
    from quizapp.domain.questiondata import Answer, QuestionData, Source

    mcq = QuestionData(
        type="mcq",
        stem="Qui ? " + PAYLOADS[0],
        answers=[Answer(PAYLOADS[1], 1.0, feedback=PAYLOADS[2]), Answer(PAYLOADS[3], 0.0)],
        explanation=P,
        source=Source(sentence=P, start=0, end=len(P)),
        tags=["<b>tag</b>" + PAYLOADS[2]],
    )
    short = QuestionData(type="short", stem="Où ? " + PAYLOADS[4], answers=[Answer(P, 1.0)])
    for q in (mcq, short):
        q.status = "accepted"
    return [mcq, short]


def _seed(app) -> dict:
    from quizapp.extensions import db
    from quizapp.models import Article
    from quizapp.services import attempts

    with app.app_context():
        make_user("admin", "admin", display_name=P)
        teacher = make_user("teacher", "prof", display_name=P)
        student = make_user("student", "eleve", display_name=P, email="x@example.org")
        school_class = make_class(teacher, PAYLOADS[1][:120], [student])
        bank = make_bank(teacher, _question_data(), name=P[:200])
        article = Article(owner_id=teacher.id, title=P[:300], source=PAYLOADS[3], text=P)
        db.session.add(article)
        quiz = make_quiz(
            teacher,
            bank,
            [school_class],
            title=P[:200],
            instructions=P,
            show_answers="immediately",
            show_correctness="immediately",
            show_explanations="immediately",
        )
        attempt = attempts.start_or_resume(quiz, student)
        attempts.record_answers(attempt, {0: "0", 1: P})
        attempts.submit(attempt)
        running = make_quiz(teacher, bank, [school_class], title=PAYLOADS[0])
        db.session.commit()
        return {
            "class": school_class.id,
            "bank": bank.id,
            "article": article.id,
            "quiz": quiz.id,
            "running": running.id,
            "attempt": attempt.id,
            "student": student.id,
            "question": bank.questions[0].id,
        }


def _guard(page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def _visit(page, server, paths, dialogs):
    shown = 0
    for path in paths:
        response = page.goto(server.url(path))
        assert response.status < 400, path
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert dialogs == [], path
        # The payloads are shown as text, not as markup.
        assert page.locator("img[src=x], svg[onload], iframe[srcdoc]").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
        text = page.inner_text("body")
        shown += any(p in text for p in PAYLOADS)
    assert shown >= len(paths) // 2, "the payloads should be on the pages, as text"
    assert page.problems == []


def test_teacher_pages_keep_payloads_inert(browser_app, browser_server, desktop_page):
    ids = _seed(browser_app)
    dialogs = _guard(desktop_page)
    login(desktop_page, browser_server, "prof")
    paths = [
        "/classes",
        f"/classes/{ids['class']}",
        "/teacher/banks",
        f"/teacher/banks/{ids['bank']}",
        "/teacher/articles",
        f"/teacher/articles/{ids['article']}",
        "/teacher/quizzes",
        f"/teacher/questions/{ids['question']}/edit",
        f"/teacher/quizzes/{ids['quiz']}/edit",
        f"/teacher/quizzes/{ids['quiz']}/preview",
        "/reports/",
        f"/reports/quizzes/{ids['quiz']}",
        f"/reports/quizzes/{ids['quiz']}/statistics",
        f"/reports/classes/{ids['class']}",
        f"/reports/students/{ids['student']}",
        f"/reports/banks/{ids['bank']}",
    ]
    _visit(desktop_page, browser_server, paths, dialogs)


def test_student_pages_keep_payloads_inert(browser_app, browser_server, desktop_page):
    ids = _seed(browser_app)
    dialogs = _guard(desktop_page)
    login(desktop_page, browser_server, "eleve")
    paths = [
        "/student",
        f"/student/quizzes/{ids['quiz']}",
        f"/attempts/{ids['attempt']}/result",
        "/student/history",
        f"/student/quizzes/{ids['running']}",
    ]
    _visit(desktop_page, browser_server, paths, dialogs)
    # A running attempt: the question page, and typing a payload as the answer.
    desktop_page.goto(browser_server.url(f"/student/quizzes/{ids['running']}"))
    desktop_page.locator("form[action$='/start'] button[type=submit]").click()
    desktop_page.wait_for_url(re.compile(r"/attempts/\d+"))
    desktop_page.locator("fieldset.question input[type=radio]").first.check()
    desktop_page.locator("button[value=next]").click()
    desktop_page.wait_for_load_state("load")
    desktop_page.locator(
        "fieldset.question input[type=text], fieldset.question textarea"
    ).first.fill(P)
    desktop_page.locator("button[value=prev]").click()
    desktop_page.wait_for_load_state("load")
    desktop_page.locator("button[value=next]").click()
    desktop_page.wait_for_load_state("load")
    assert desktop_page.evaluate("window.__xss") is None and dialogs == []
    assert desktop_page.problems == []


def test_admin_and_import_preview_keep_payloads_inert(
    browser_app, browser_server, desktop_page, tmp_path
):
    ids = _seed(browser_app)
    dialogs = _guard(desktop_page)
    login(desktop_page, browser_server, "admin")
    _visit(desktop_page, browser_server, ["/admin/users"], dialogs)
    login(desktop_page, browser_server, "prof")
    gift = tmp_path / "evil.gift"
    gift.write_text(
        f"::{PAYLOADS[0]}:: {PAYLOADS[1]} {{ ={PAYLOADS[2]} ~{PAYLOADS[3]} }}\n\n"
        f"::t2:: {PAYLOADS[4]} {{=Paris}}\n",
        encoding="utf-8",
    )
    desktop_page.goto(browser_server.url(f"/teacher/banks/{ids['bank']}/import"))
    desktop_page.locator("input[type=file]").set_input_files(str(gift))
    desktop_page.locator("main form button[type=submit]").first.click()
    desktop_page.wait_for_load_state("load")
    assert desktop_page.evaluate("window.__xss") is None and dialogs == []
    assert "1 question lue" in desktop_page.content()
    assert PAYLOADS[1] in desktop_page.inner_text("main")  # shown, as text
    assert desktop_page.problems == []
