"""Banks and versioned questions in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from quizapp.extensions import db
from quizapp.models import Article, Bank, Question, QuestionVersion, User
from quizapp.questiondata import QuestionData


def add_question(
    bank: Bank, data: QuestionData, *, author: User | None = None, generated: bool = False
) -> Question:
    """Store a question with its first version."""
    question = Question(
        bank=bank,
        status=data.status if data.status in ("candidate", "accepted", "rejected") else "candidate",
        type=data.type,
        kind=data.kind,
        confidence=data.confidence,
        tags=list(data.tags),
        generated=generated,
    )
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
    from quizapp.formats import ImportFailed, parse

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
    for data in result.questions:
        add_question(bank, data, author=owner, generated=bool(data.kind))
    return bank, len(result.questions)


def _article_text(path: Path) -> str:
    """The cleaned body the bank's source spans index into (as the generator made it)."""
    from quizapp.generation.article import load_article, prepare_article

    text, title, published = load_article(path)
    return prepare_article(text, title, published).text
