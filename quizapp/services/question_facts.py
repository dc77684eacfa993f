"""The dated fact each generated question asks (``QuestionFact``): recorded when its
bank is generated, and when a story takes its article, so that « true as of » its
article's date can be shown."""

from __future__ import annotations

from quizapp.extensions import db
from quizapp.generation.facts import Fact, fold_name
from quizapp.models import Article, Bank, Question, QuestionFact


def record_question_facts(article: Article, facts: list[Fact]) -> int:
    """Record on each generated question of ``article`` the fact it asks: the fact of its
    source sentence whose value is one of the question's right answers."""
    questions = db.session.scalars(
        db.select(Question)
        .join(Bank, Question.bank_id == Bank.id)
        .where(Bank.article_id == article.id, Question.generated.is_(True))
    ).all()
    have = set(
        db.session.scalars(
            db.select(QuestionFact.question_id).where(
                QuestionFact.question_id.in_([q.id for q in questions])
            )
        )
    )
    count = 0
    for question in questions:
        if question.id in have:
            continue
        fact = fact_asked(question, facts)
        if fact is None:
            continue
        db.session.add(
            QuestionFact(
                question_id=question.id,
                kind=fact.kind,
                actor=fact.subject[:300],
                relation=fact.relation,
                value=fact.value[:300],
                unit=fact.unit[:60],
                qualifier=fact.qualifier[:30],
                article_date=article.published_on,
                sentence=fact.sentence,
            )
        )
        count += 1
    return count


def fact_asked(question: Question, facts: list[Fact]) -> Fact | None:
    data = question.data
    if data.source is None:
        return None
    answers = [squeeze(fold_name(a)) for a in data.correct_answers if a]
    for fact in facts:
        if squeeze(fact.sentence) != squeeze(data.source.sentence):
            continue
        value = squeeze(fold_name(fact.value))
        if any(value and (value in a or a in value) for a in answers):
            return fact
    return None


def squeeze(text: str) -> str:
    return "".join(text.split())


def facts_for(question_ids: list[int]) -> dict[int, QuestionFact]:
    """The recorded fact of each question that has one (bank page, story page)."""
    if not question_ids:
        return {}
    rows = db.session.scalars(
        db.select(QuestionFact).where(QuestionFact.question_id.in_(question_ids))
    )
    return {row.question_id: row for row in rows}
