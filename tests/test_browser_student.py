"""A student on a phone: join a class, take the quiz, reload mid-way, submit,
read the feedback quoting the article, then review a forgotten question."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from browser_support import (  # noqa: F401  (fixtures)
    browser_app,
    browser_server,
    chromium,
    login,
    phone_page,
)
from conftest import make_bank, make_class, make_quiz, make_user

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="needs playwright").expect

BANK_FILE = Path(__file__).parent.parent / "questions" / "moscou-pyongyang-2024-11-01.bank.yaml"
ARTICLE_FILE = BANK_FILE.with_name("moscou-pyongyang-2024-11-01.txt")


def _seed(app):
    """A teacher's class with the seed quiz (sample questions about the seed article,
    which its bank was built from)."""
    from datetime import date

    from quizapp.extensions import db
    from quizapp.models import Article

    with app.app_context():
        teacher = make_user("teacher", "prof")
        make_user("student", "lea", display_name="Léa")
        school_class = make_class(teacher, "Terminale 2")
        bank = make_bank(teacher)
        title, _, text = ARTICLE_FILE.read_text(encoding="utf-8").partition("\n")
        bank.article = Article(
            owner_id=teacher.id,
            title=title.strip(),
            source="article d'exemple fourni avec quizapp (source non indiquée)",
            published_on=date(2024, 11, 1),
            text=text.strip(),
        )
        make_quiz(
            teacher,
            bank,
            [school_class],
            title="Moscou et Pyongyang",
            time_limit_minutes=30,
            max_attempts=2,
            one_per_page=True,
        )
        db.session.commit()
        return school_class.join_code


def _answer(page, right: bool = True) -> str:
    """Answer the question on screen (rightly, or wrongly for the short one); its type."""
    page.locator("#attempt-form[data-state]").wait_for()  # the page's script is listening
    question = page.locator("fieldset.question")
    kind = question.get_attribute("data-type")
    if kind == "mcq":
        question.get_by_label("Sergueï Lavrov").check()
    elif kind == "multi":
        question.get_by_label("Russie").check()
        question.get_by_label("Corée du Nord", exact=True).check()
    elif kind == "truefalse":
        question.get_by_label("Faux").check()
    elif kind == "short":
        question.get_by_label("Votre réponse").fill("Moscou" if right else "Paris")
    elif kind == "numeric":
        question.get_by_label("Votre réponse").fill("10 000")
    elif kind == "matching":
        for prompt, match in (
            ("Sergueï Lavrov", "ministre russe des Affaires étrangères"),
            ("Antony Blinken", "secrétaire d'État américain"),
            ("Volodymyr Zelensky", "président ukrainien"),
        ):
            question.get_by_label(prompt).select_option(label=match)
    elif kind == "cloze":
        question.get_by_label("Trou 1").fill("8000")
        question.get_by_label("Trou 2").fill("Koursk")
    # Saved on the server as it is given, before anyone clicks anything.
    page.locator("fieldset.question .answer-status", has_text="Réponse enregistrée").wait_for()
    page.locator("#attempt-form[data-state=saved]").wait_for()
    return kind


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_student_takes_the_seed_quiz_on_a_phone(browser_app, browser_server, phone_page):
    page = phone_page
    join_code = _seed(browser_app)

    # Join the class with its code.
    login(page, browser_server, "lea")
    assert page.url.endswith("/student")
    page.get_by_label("Code de la classe").fill(join_code)
    page.get_by_role("button", name="Rejoindre").click()
    expect(page.get_by_text("Vous avez rejoint la classe Terminale 2")).to_be_visible()
    assert _fits_the_screen(page)

    # Start the quiz: one question per page, a progress indicator and a countdown.
    page.get_by_role("link", name="Moscou et Pyongyang").click()
    page.get_by_role("button", name="Commencer le quiz").click()
    expect(page.get_by_text("Question 1 sur 7")).to_be_visible()
    assert re.fullmatch(r"(29|30):\d\d", page.locator(".countdown-value").inner_text())
    assert page.locator("progress.attempt-progress").get_attribute("max") == "7"
    reading = page.get_by_role("link", name=re.compile("^Lire l’article"))
    assert reading.get_attribute("target") == "_blank"  # the attempt stays open

    kinds = [_answer(page)]
    page.get_by_role("button", name="Suivante").click()
    expect(page.get_by_text("Question 2 sur 7")).to_be_visible()
    kinds.append(_answer(page))
    assert page.locator(".answered-count").inner_text() == "2 réponses sur 7"

    # Reload mid-attempt: the answers are still there.
    page.reload()
    expect(page.get_by_text("Question 2 sur 7")).to_be_visible()
    assert page.locator(".answered-count").inner_text() == "2 réponses sur 7"
    page.get_by_role("button", name=re.compile(r"^Question 1 : répondue")).click()
    expect(page.get_by_text("Question 1 sur 7")).to_be_visible()
    first = page.locator("fieldset.question")
    assert first.locator("input:checked, input[type=text]").count() >= 1
    if kinds[0] in ("short", "numeric"):
        assert first.get_by_label("Votre réponse").input_value()
    elif kinds[0] not in ("matching", "cloze"):
        assert first.locator("input:checked").count() >= 1
    assert _fits_the_screen(page)

    # The rest, moving with the question numbers; the short answer is wrong on purpose.
    for number in range(3, 8):
        page.get_by_role("button", name=re.compile(rf"^Question {number} : ")).click()
        expect(page.get_by_text(f"Question {number} sur 7")).to_be_visible()
        kinds.append(_answer(page, right=False))
    assert sorted(kinds) == sorted(
        ["mcq", "multi", "truefalse", "short", "numeric", "matching", "cloze"]
    )

    # Submit: asked to confirm, nothing left unanswered.
    page.get_by_role("button", name="Terminer et rendre").click()
    expect(page.get_by_text("Vous avez répondu à toutes les questions.")).to_be_visible()
    page.get_by_role("button", name="Rendre ma copie").click()

    # The result: score, pass mark, time taken, and feedback quoting the article.
    expect(page.get_by_text("Votre copie est rendue.")).to_be_visible()
    assert page.locator(".score").inner_text() == "86\u00a0%"  # Babel's French: no break before %
    expect(page.get_by_text("Note pour réussir")).to_be_visible()
    expect(page.get_by_text("Temps passé")).to_be_visible()
    assert page.locator(".outcome-incorrect").count() == 1
    expect(page.get_by_text("Incorrect", exact=True)).to_be_visible()
    quote = page.locator("figure.source blockquote").first
    assert "remporteront une grande victoire en Ukraine" in quote.inner_text()
    assert quote.locator("mark").first.inner_text() == "Sergueï Lavrov"
    assert _fits_the_screen(page)

    # The article the quiz came from, read on a larger phone: no sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Lire l’article").click()
    expect(page.get_by_role("heading", name=re.compile("^Moscou et Pyongyang"))).to_be_visible()
    expect(page.get_by_text("Publié le 1 nov. 2024")).to_be_visible()
    assert page.locator("article.reading p").count() > 5
    assert "Choe Son Hui" in page.locator("article.reading").inner_text()
    assert _fits_the_screen(page)
    page.go_back()
    page.set_viewport_size({"width": 360, "height": 740})

    # Time passes: the forgotten question is due. Practice serves it and rates the answer.
    from quizapp.extensions import db
    from quizapp.models import ReviewCard
    from quizapp.models.base import utcnow

    with browser_app.app_context():
        db.session.execute(
            db.update(ReviewCard)
            .where(ReviewCard.lapses > 0)
            .values(due_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
    page.get_by_role("link", name="Mon espace").first.click()
    expect(page.get_by_text("1 question à réviser aujourd’hui.")).to_be_visible()
    page.get_by_role("button", name="Réviser maintenant").click()
    expect(page.get_by_text("Quelle ville a accueilli la rencontre ?")).to_be_visible()
    page.get_by_label("Votre réponse").fill("moscou")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Correct", exact=True)).to_be_visible()
    expect(page.get_by_text("C’est fini pour aujourd’hui.")).to_be_visible()

    # History: the attempt, its score and the chart drawn from the JSON block.
    page.get_by_role("button", name="Menu").click()  # the phone's menu, folded
    page.get_by_role("link", name="Mes résultats").first.click()
    expect(page.get_by_role("cell", name="86 %")).to_be_visible()
    drawn = "() => Boolean(window.Chart && window.Chart.getChart('score-chart'))"
    for _ in range(50):  # wait_for_function would need eval, which the CSP forbids
        if page.evaluate(drawn):
            break
        page.wait_for_timeout(100)
    assert page.evaluate(drawn)
    assert page.problems == []


def test_answers_given_offline_are_sent_when_the_attempt_is_opened_again(
    browser_app, browser_server, phone_page
):
    page = phone_page
    join_code = _seed(browser_app)
    login(page, browser_server, "lea")
    page.get_by_label("Code de la classe").fill(join_code)
    page.get_by_role("button", name="Rejoindre").click()
    page.get_by_role("link", name="Moscou et Pyongyang").click()
    page.get_by_role("button", name="Commencer le quiz").click()
    expect(page.get_by_text("Question 1 sur 7")).to_be_visible()
    page.locator("#attempt-form[data-state]").wait_for()
    attempt_url = page.url

    # The network goes; the answer is kept in the browser and the student is told.
    page.context.set_offline(True)
    question = page.locator("fieldset.question")
    kind = question.get_attribute("data-type")
    if kind in ("short", "numeric"):
        question.get_by_label("Votre réponse").fill("Moscou")
    else:
        question.locator("input, select").first.focus()
        page.keyboard.press("Space" if kind in ("mcq", "multi", "truefalse") else "ArrowDown")
    expect(page.get_by_text("Pas de connexion")).to_be_visible()
    page.close()  # closed before the network came back

    page = page.context.new_page()
    page.context.set_offline(False)
    page.goto(attempt_url)
    expect(page.locator(".answered-count")).to_have_text("1 réponse sur 7")
    # It reached the server: the browser's copy is gone and a reload still counts it.
    expect(page.locator("#attempt-form")).to_have_attribute("data-state", "saved")
    assert page.evaluate("Object.keys(window.localStorage).length") == 0
    page.reload()
    expect(page.locator(".answered-count")).to_have_text("1 réponse sur 7")
