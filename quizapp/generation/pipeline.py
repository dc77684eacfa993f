"""article text -> cleaned article -> one spaCy parse -> candidate questions -> ranked bank."""

from __future__ import annotations

import datetime as dt
import random
import zlib
from dataclasses import dataclass, field

from ..domain.questiondata import QuestionData
from .article import Article, prepare_article
from .as_of import date_present_statements
from .context import build_context
from .coref import leading_referents
from .date_blanks import date_cloze_questions
from .dates import absolute_dates, find_dates
from .kinds_agents import agent_questions
from .kinds_clefts import cleft_questions
from .kinds_definitions import definition_questions
from .kinds_facts import actor_questions, date_questions, position_questions
from .kinds_figures import figure_questions, governed_figure_questions
from .kinds_objects import object_questions
from .kinds_orgs import org_actor_questions
from .kinds_people import meeting_questions
from .kinds_places import place_questions
from .kinds_roles import role_questions
from .kinds_speech import speech_questions
from .kinds_text import cloze_questions, truefalse_questions
from .nlp import get_nlp
from .ranking import rank
from .referents import spell_out_referents
from .salience import demote_side_actors, favour_the_headline

RULES = (
    meeting_questions,
    speech_questions,
    role_questions,
    definition_questions,
    figure_questions,
    governed_figure_questions,
    date_questions,
    place_questions,
    position_questions,
    actor_questions,
    org_actor_questions,
    cleft_questions,
    object_questions,
    agent_questions,
    truefalse_questions,
    cloze_questions,
    date_cloze_questions,
)


@dataclass
class GenerationResult:
    article: Article
    questions: list[QuestionData] = field(default_factory=list)


def generate(
    text: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
    max_questions: int | None = None,
) -> GenerationResult:
    """Turn a French news article into a question bank ranked by confidence.

    Raises GenerationError for input that is empty, binary, too big or not French.
    """
    return generate_from_article(prepare_article(text, title, date), max_questions=max_questions)


def generate_from_article(
    article: Article, doc=None, max_questions: int | None = None
) -> GenerationResult:
    if article.date is None:
        article.date = _date_from_lead(article.text)
    if doc is None:
        doc = get_nlp()(article.text)
    ctx = build_context(article, doc)
    leading_referents(ctx)  # « il », « le tribunal »: who they are, for every rule
    cands = []
    for rule in RULES:
        cands.extend(rule(ctx))
    for c in cands:
        c.question.stem = absolute_dates(c.question.stem, article.date)
    demote_side_actors(ctx, cands)
    favour_the_headline(ctx, cands)
    spell_out_referents(ctx, cands)  # before the ranking, which demotes what stays unclear
    ranked = rank(cands, max_questions)
    date_present_statements(ranked, article.date, article.text)
    questions = [c.question for c in ranked]
    place_keys(questions, article.text)
    return GenerationResult(article=article, questions=questions)


def place_keys(questions: list[QuestionData], seed: str) -> None:
    """Put each choice question's right option at a place that says nothing.

    Taken in the bank's order, every run of as many choice questions as they have
    options puts the key once at each place, in an order drawn afresh for each run:
    a student who always picks the first (or last) option gets a quarter right,
    in the top 20 as in the whole bank. Distractors keep their order around it.
    """
    rng = random.Random(zlib.crc32(seed.encode("utf-8")))
    places: dict[int, list[int]] = {}
    for q in questions:
        keys = [a for a in q.answers if a.fraction >= 1.0]
        if q.type != "mcq" or len(keys) != 1 or len(q.answers) < 2:
            continue
        n = len(q.answers)
        if not places.get(n):
            places[n] = rng.sample(range(n), n)
        others = [a for a in q.answers if a is not keys[0]]
        others.insert(places[n].pop(), keys[0])
        q.answers = others


def generate_many(texts: list[tuple[str, str | None, dt.date | None]]) -> list[GenerationResult]:
    """Several articles at once: one ``nlp.pipe`` pass over all of them."""
    articles = [prepare_article(t, ti, d) for t, ti, d in texts]
    docs = get_nlp().pipe(a.text for a in articles)
    return [generate_from_article(a, doc) for a, doc in zip(articles, docs, strict=True)]


def _date_from_lead(text: str) -> dt.date | None:
    """ "Ce vendredi 1er novembre 2024, …" in the lead gives the article's date when none was given."""
    lead = text[:300]
    for d in find_dates(lead):
        if (
            d.value.precision == "day"
            and d.value.year
            and d.surface.lower().startswith(("ce ", "aujourd"))
        ):
            return dt.date(d.value.year, d.value.month, d.value.day)
    return None
