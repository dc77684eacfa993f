"""Banks and versioned questions in the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import insert, update

from quizapp.domain.questiondata import STATUSES, QuestionData
from quizapp.extensions import db
from quizapp.formats import ImportFailed, parse
from quizapp.models import Article, Bank, Question, QuestionVersion, User
from quizapp.models.base import utcnow


def add_question(
    bank: Bank, data: QuestionData, *, author: User | None = None, generated: bool = False
) -> Question:
    """Store a question with its first version."""
    question = Question(bank=bank, **_question_columns(data, generated))
    db.session.add(question)
    version = QuestionVersion(
        question=question,
        number=1,
        data=data.to_dict(),
        created_by_id=author.id if author else None,
    )
    db.session.add(version)
    question.current_version = version
    return question


def _question_columns(data: QuestionData, generated: bool) -> dict:
    """A question's own columns, as one question or many are stored."""
    return {
        "status": data.status if data.status in STATUSES else "candidate",
        "type": data.type,
        "kind": data.kind,
        "confidence": data.confidence,
        "tags": list(data.tags),
        "generated": generated,
    }


def add_questions(
    bank: Bank, questions: Sequence[QuestionData], *, author: User | None = None
) -> int:
    """Store many questions with their first versions, as :func:`add_question` does
    one at a time (``generated`` when a question has a ``kind``), in three bulk
    statements instead of three per question.

    An import of thousands of questions holds SQLite's write lock while it writes,
    and every student's save in the school waits for it: 5,000 questions took
    seconds through the unit of work, one object and one statement at a time.
    """
    if not questions:
        return 0
    # The rows first: after the view's end_transaction() no statement has taken
    # SQLite's write lock yet, and this part is most of the work.
    now = utcnow()
    question_rows = [
        {**_question_columns(data, bool(data.kind)), "reject_reason": "", "created_at": now}
        for data in questions
    ]
    version_rows = [{"number": 1, "data": data.to_dict(), "created_at": now} for data in questions]
    db.session.flush()  # the bank (and anything else pending) gets its id
    for row in question_rows:
        row["bank_id"] = bank.id
    question_ids = db.session.scalars(
        insert(Question).returning(Question.id, sort_by_parameter_order=True), question_rows
    ).all()
    author_id = author.id if author else None
    for row, question_id in zip(version_rows, question_ids, strict=True):
        row["question_id"] = question_id
        row["created_by_id"] = author_id
    version_ids = db.session.scalars(
        insert(QuestionVersion).returning(QuestionVersion.id, sort_by_parameter_order=True),
        version_rows,
    ).all()
    db.session.execute(
        update(Question),
        [
            {"id": question_id, "current_version_id": version_id}
            for question_id, version_id in zip(question_ids, version_ids, strict=True)
        ],
    )
    db.session.expire(bank, ["questions"])
    return len(questions)


def edit_question(
    question: Question, data: QuestionData, *, author: User | None = None
) -> QuestionVersion:
    """A new version; earlier attempts keep pointing at the version the student saw."""
    number = max((v.number for v in question.versions), default=0) + 1
    version = QuestionVersion(
        question=question,
        number=number,
        data=data.to_dict(),
        created_by_id=author.id if author else None,
    )
    db.session.add(version)
    question.current_version = version
    question.type = data.type
    question.kind = data.kind
    question.tags = list(data.tags)
    return version


def import_bank_file(path: Path, owner: User) -> tuple[Bank, int]:
    """Load a ``questions/`` bank file (and its article) for ``owner``; all or nothing.

    Raises ``quizapp.formats.ImportFailed`` with every error when the file is invalid.
    """
    text = path.read_text(encoding="utf-8")
    result = parse(text, "bank", filename=path.name)
    if result.errors:
        raise ImportFailed(result.errors)
    meta = result.bank_meta or {}
    article = None
    art = meta.get("article") or {}
    if art.get("file") and (path.parent / art["file"]).is_file():
        published = art.get("date")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        article = Article(
            owner_id=owner.id,
            title=art.get("title") or meta.get("name") or path.stem,
            source=art.get("source") or "",
            published_on=published,
            language=art.get("language") or "fr",
            text=_article_text(path.parent / art["file"]),
        )
        db.session.add(article)
    bank = Bank(
        owner_id=owner.id,
        name=meta.get("name") or path.stem,
        tags=list(meta.get("tags") or []),
        article=article,
    )
    db.session.add(bank)
    return bank, add_questions(bank, result.questions, author=owner)


def _article_text(path: Path) -> str:
    """The cleaned body the bank's source spans index into (as the generator made it)."""
    from quizapp.generation.article import load_article, prepare_article

    text, title, published = load_article(path)
    return prepare_article(text, title, published).text
