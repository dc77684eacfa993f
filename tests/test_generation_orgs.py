"""What an organisation did (quizapp/generation/kinds_orgs.py), on a made-up article."""

from __future__ import annotations

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.kinds_orgs import org_actor_questions
from quizapp.generation.nlp import get_nlp

#: Every name here is invented for the test, except the European institutions.
ARTICLE = (
    "La Commission européenne a lancé mardi une procédure de sanction contre la Valdorie. "
    "Le Parlement européen a voté une résolution sur le budget de la Valdorie. "
    "Le Conseil européen a repoussé sa décision au mois prochain. "
    "L'entreprise Valdotel envisage la création d'une usine à Castelbourg. "
    "La société Lacombe Industries a annoncé le licenciement de 300 employés. "
    "La banque Dubreuil a, elle, écopé d'une amende de deux millions d'euros. "
    "La Commission européenne avait renoncé à une telle procédure en mai."
)


@pytest.fixture(scope="module")
def questions():
    article = prepare_article(ARTICLE, "Valdorie : Bruxelles lance une procédure", None)
    ctx = build_context(article, get_nlp()(article.text))
    return {c.question.stem: c.question for c in org_actor_questions(ctx)}


def _right(q) -> list[str]:
    return [a.text for a in q.answers if a.fraction == 1.0]


def test_an_institution_that_acts_is_asked_about(questions):
    stem = "Quelle organisation a lancé mardi une procédure de sanction contre la Valdorie ?"
    q = questions[stem]
    assert _right(q) == ["La Commission européenne"]
    wrong = [a.text for a in q.answers if a.fraction == 0.0]
    assert len(wrong) == 3 and "La Commission européenne" not in wrong


def test_a_company_of_no_known_kind_is_not_offered_among_institutions(questions):
    # Valdotel and Lacombe Industries are not in the gazetteer: their options would be
    # the European institutions of the article
    assert not any("usine" in stem or "licenciement" in stem for stem in questions)


def test_a_predicate_that_points_back_makes_no_question(questions):
    assert not any("telle procédure" in stem for stem in questions)
