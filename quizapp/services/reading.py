"""The article a quiz's bank was built from, for the quiz's students to read.

The quiz's ``show_article`` setting says when: ``always`` (before, during and
after an attempt, while the quiz is open or once the student has an attempt),
``after_submit`` (once an attempt is submitted, and not while another one is in
progress) or ``never``. The rule itself (:func:`article_readable`) is a plain
function over the quiz and the student's attempts; the page shows the article and
nothing of the questions.
"""

from __future__ import annotations

import re
from datetime import datetime

from quizapp.extensions import db
from quizapp.models import Article, Attempt, Bank, Quiz, User
from quizapp.services.attempts import close_if_overdue
from quizapp.services.quiz_status import is_open


def article_readable(quiz: Quiz, attempts: list[Attempt], now: datetime) -> bool:
    """Whether a student assigned ``quiz``, who has made ``attempts`` at it, may read
    its article at ``now`` (whether the quiz has an article is not asked here)."""
    setting = quiz.show_article
    if setting == "always":
        return bool(attempts) or is_open(quiz, now)
    if setting == "after_submit":
        states = {attempt.state for attempt in attempts}
        return "submitted" in states and "in_progress" not in states
    return False


def quiz_article(quiz: Quiz) -> Article | None:
    """The article the quiz's bank was built from, if it has one."""
    if quiz.bank_id is None:
        return None
    return db.session.scalar(
        db.select(Article).join(Bank, Bank.article_id == Article.id).where(Bank.id == quiz.bank_id)
    )


def has_article(quiz: Quiz) -> bool:
    if quiz.bank_id is None:
        return False
    query = db.select(Bank.article_id).where(Bank.id == quiz.bank_id)
    return db.session.scalar(query) is not None


def link_shown(quiz: Quiz, attempts: list[Attempt], now: datetime) -> bool:
    """Whether a page of the quiz links to its article (the rule first: no query
    when it says no)."""
    return article_readable(quiz, attempts, now) and has_article(quiz)


def article_for_student(quiz: Quiz, student: User, now: datetime) -> Article | None:
    """The quiz's article if ``student`` (assigned the quiz: the caller checks) may
    read it now. An attempt whose time ran out is closed first, as the quiz page does,
    so that « after submitting » counts it as submitted."""
    attempts = list(
        db.session.scalars(
            db.select(Attempt).where(Attempt.quiz_id == quiz.id, Attempt.student_id == student.id)
        )
    )
    for attempt in attempts:
        close_if_overdue(attempt, now)
    if not article_readable(quiz, attempts, now):
        return None
    return quiz_article(quiz)


def paragraphs(text: str) -> list[list[str]]:
    """The article's paragraphs (separated by a blank line), each as its lines."""
    return [
        [line.strip() for line in block.splitlines() if line.strip()]
        for block in re.split(r"\n\s*\n", text or "")
        if block.strip()
    ]
