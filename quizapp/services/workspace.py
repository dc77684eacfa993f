"""A teacher's workspace: who may see and change which bank, articles in,
generated candidates into a review queue."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask_babel import gettext as _

from quizapp.display.i18n import translated
from quizapp.extensions import db, end_transaction
from quizapp.models import (
    Article,
    Attempt,
    Bank,
    BankShare,
    Membership,
    Question,
    QuestionVersion,
    Quiz,
    SchoolClass,
    User,
)
from quizapp.services.banks import add_question
from quizapp.services.question_facts import record_question_facts


class WorkspaceError(Exception):
    """A teacher's input that can't be used; the message is for that teacher."""


@dataclass(frozen=True)
class FirstSteps:
    """What a new teacher has done of the four steps to a first quiz taken by a class."""

    article: bool
    reviewed: bool
    quiz: bool
    school_class: bool

    @property
    def done(self) -> bool:
        return self.article and self.reviewed and self.quiz and self.school_class


def first_steps(teacher: User) -> FirstSteps:
    def some(query) -> bool:
        return db.session.scalar(db.select(query.exists())) or False

    own_banks = db.select(Bank.id).where(Bank.owner_id == teacher.id)
    return FirstSteps(
        article=some(db.select(Article.id).where(Article.owner_id == teacher.id)),
        reviewed=some(
            db.select(Question.id).where(
                Question.bank_id.in_(own_banks), Question.status != "candidate"
            )
        ),
        quiz=some(db.select(Quiz.id).where(Quiz.owner_id == teacher.id)),
        school_class=some(db.select(SchoolClass.id).where(SchoolClass.teacher_id == teacher.id)),
    )


# --- permissions ---------------------------------------------------------------
def bank_access(bank: Bank, user: User) -> str | None:
    """'owner', 'edit', 'read' or None."""
    if user.role == "admin" or bank.owner_id == user.id:
        return "owner"
    share = db.session.scalar(
        db.select(BankShare).where(BankShare.bank_id == bank.id, BankShare.teacher_id == user.id)
    )
    if share is None:
        return None
    return "edit" if share.can_edit else "read"


def visible_banks_query(user: User):
    query = db.select(Bank)
    if user.role != "admin":
        shared = db.select(BankShare.bank_id).where(BankShare.teacher_id == user.id)
        query = query.where((Bank.owner_id == user.id) | Bank.id.in_(shared))
    return query


def can_see_article(article: Article, user: User) -> bool:
    if user.role == "admin" or article.owner_id == user.id:
        return True
    banks = db.select(Bank.id).where(Bank.article_id == article.id)
    return (
        db.session.scalar(
            db.select(BankShare.id).where(
                BankShare.bank_id.in_(banks), BankShare.teacher_id == user.id
            )
        )
        is not None
    )


def owns_quiz(quiz: Quiz, user: User) -> bool:
    return user.role == "admin" or quiz.owner_id == user.id


def own_classes(user: User) -> list[SchoolClass]:
    """The teacher's classes by name (an admin's: every class)."""
    query = db.select(SchoolClass).order_by(SchoolClass.name)
    if user.role != "admin":
        query = query.where(SchoolClass.teacher_id == user.id)
    return list(db.session.scalars(query))


def assignable_classes(user: User, quiz: Quiz | None = None) -> list[SchoolClass]:
    """The classes a quiz may be given to: the teacher's active ones, and the archived
    ones it is already given to (kept, so that saving it changes no class report)."""
    kept = {a.class_id for a in quiz.assignments} if quiz is not None else set()
    return [c for c in own_classes(user) if c.archived_at is None or c.id in kept]


def teaches_student(user: User, student_id: int) -> bool:
    """The student is in one of the teacher's classes, or took one of their quizzes
    (an admin teaches everyone)."""
    if user.role == "admin":
        return True
    in_class = (
        db.select(Membership.id)
        .join(SchoolClass)
        .where(Membership.student_id == student_id, SchoolClass.teacher_id == user.id)
    )
    took_quiz = (
        db.select(Attempt.id)
        .join(Quiz)
        .where(Attempt.student_id == student_id, Quiz.owner_id == user.id)
    )
    return (
        db.session.scalar(in_class.limit(1)) is not None
        or db.session.scalar(took_quiz.limit(1)) is not None
    )


# --- articles and generation ---------------------------------------------------
def articles_query(user: User, search: str = ""):
    """The user's articles (an admin's: all), newest first, whose title or text holds
    ``search``."""
    query = db.select(Article).order_by(Article.created_at.desc())
    if user.role != "admin":
        query = query.where(Article.owner_id == user.id)
    if search:
        like = f"%{search}%"
        query = query.where(Article.title.ilike(like) | Article.text.ilike(like))
    return query


def questions_by_sentence(article: Article) -> dict[tuple[int, int], list[tuple]]:
    """The questions not rejected of the article's banks, by the span of the sentence
    they came from: {(start, end): [(question, its data), ...]}."""
    rows = db.session.execute(
        db.select(Question, QuestionVersion)
        .join(Bank, Bank.id == Question.bank_id)
        .join(QuestionVersion, QuestionVersion.id == Question.current_version_id)
        .where(Bank.article_id == article.id, Question.status != "rejected")
    ).all()
    by_span: dict[tuple[int, int], list[tuple]] = {}
    for question, version in rows:
        data = version.question_data
        if data.source and data.source.end <= len(article.text):
            by_span.setdefault((data.source.start, data.source.end), []).append((question, data))
    return by_span


@dataclass
class ArticleInput:
    text: str
    title: str | None
    published_on: date | None


def read_upload(data: bytes, filename: str) -> ArticleInput:
    """A .txt, .md, .html, .pdf or .docx upload, read exactly as the CLI reads a file."""
    from quizapp.generation import GenerationError, load_article

    suffix = Path(filename or "article.txt").suffix.lower()
    if suffix not in (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"):
        raise WorkspaceError(
            _as_sentence(
                _(
                    "type de fichier non pris en charge (%(suffix)s) : "
                    "envoyez un fichier .txt, .md, .html, .pdf ou .docx",
                    suffix=suffix or _("aucune extension"),
                )
            )
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(filename).name
        path.write_bytes(data)
        try:
            text, title, published = load_article(path)
        except GenerationError as exc:
            raise WorkspaceError(_as_sentence(translated(exc), path.name)) from None
    return ArticleInput(text, title, published)


def add_article_with_bank(
    owner: User,
    text: str,
    *,
    title: str | None,
    source: str,
    published_on: date | None,
    max_questions: int | None = None,
) -> tuple[Article, Bank]:
    """Store the article and put its generated questions into a new bank's review queue.

    The generator is the same function the CLI uses; its errors (empty, not French,
    too long) become a WorkspaceError with its message. It runs outside any
    transaction: the request's is committed first, so nothing may be pending.
    """
    from quizapp.generation import GenerationError, generate
    from quizapp.generation.facts import article_facts

    end_transaction()  # no lock held while the generator works
    try:
        result = generate(text, title=title or None, date=published_on, max_questions=max_questions)
    except GenerationError as exc:
        raise WorkspaceError(_as_sentence(translated(exc))) from None
    meta = result.article
    facts = article_facts(meta).facts  # still outside the transaction: a second, short read
    article = Article(
        owner_id=owner.id,
        title=(title or meta.title or "Article sans titre")[:300],
        source=source or "",
        published_on=published_on or meta.date,
        language=meta.language,
        text=meta.text,
    )
    db.session.add(article)
    bank = Bank(owner_id=owner.id, name=article.title[:200], tags=[], article=article)
    db.session.add(bank)
    for data in result.questions:
        data.status = "candidate"
        add_question(bank, data, author=owner, generated=True)
    db.session.flush()
    record_question_facts(article, facts)  # each question's dated fact: « true as of »
    return article, bank


def _as_sentence(message: str, file_name: str = "") -> str:
    """The generator's messages follow a file name on the command line ("x.txt : le
    texte est vide"); on a page they stand alone, as a sentence (a message that
    begins with the file's name keeps it as it is)."""
    if not (file_name and message.startswith(file_name)):
        message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."
