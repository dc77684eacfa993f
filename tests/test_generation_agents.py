"""Passive clauses (« La réforme a été proposée par X ») ask who did it, and figures in
money or in a range are read whole (quizapp/generation/kinds_agents.py, figures.py)."""

from __future__ import annotations

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.coref import leading_referents
from quizapp.generation.figures import find_figures
from quizapp.generation.kinds_agents import agent_questions
from quizapp.generation.kinds_figures import figure_questions
from quizapp.generation.nlp import get_nlp

#: A made-up article: every name here is invented for the test.
ARTICLE = (
    "Le Parlement de Valdorie a débattu mardi de la réforme des retraites. "
    "La réforme avait été proposée par Marc Dubreuil, ministre valdorien du Travail. "
    "Anne Castel, présidente du Sénat, a critiqué le texte devant les députés. "
    "L'offensive contre les rebelles était dirigée par le général Paul Lacombe. "
    "Dans le passé, cette proposition avait été soutenue par la Russie mais refusée par la Serbie. "
    "Le plan de paix a été rejeté par la Serbie et écarté par la Russie à l'ONU. "
    "Hélène Verneuil a rencontré Jean Castel à Vienne."
)


@pytest.fixture(scope="module")
def questions():
    article = prepare_article(ARTICLE, "Valdorie : la réforme des retraites en débat", None)
    ctx = build_context(article, get_nlp()(article.text))
    leading_referents(ctx)  # as the pipeline does
    return {c.question.stem: c.question for c in agent_questions(ctx)}


def _right(q) -> list[str]:
    return [a.text for a in q.answers if a.fraction == 1.0]


def test_a_passive_clause_asks_who_did_it(questions):
    # « La réforme » alone names the one the article opened with
    q = questions["Par qui la réforme des retraites avait-elle été proposée ?"]
    assert _right(q) == ["Marc Dubreuil"]
    wrong = [a.text for a in q.answers if a.fraction == 0.0]
    assert len(wrong) == 3 and "Marc Dubreuil" not in wrong
    assert "proposée par Marc Dubreuil" in q.explanation


def test_the_title_before_the_name_leaves_with_the_agent(questions):
    q = questions["Par qui l'offensive contre les rebelles était-elle dirigée ?"]
    assert _right(q) == ["Paul Lacombe"]


def test_a_second_verb_with_its_own_agent_ends_the_question(questions):
    q = questions["Par quel pays le plan de paix a-t-il été rejeté ?"]
    assert _right(q) == ["La Serbie"]
    assert not any("Russie" in a.text for a in q.answers)  # it acted too: never a wrong option
    assert not any("Russie" in stem and "rejeté" in stem for stem in questions)


def test_a_subject_that_points_back_makes_no_question(questions):
    # « cette proposition »: the sentence does not say which one
    assert not any("proposition" in stem for stem in questions)
    assert len(questions) == 3


def test_money_in_millions_keeps_what_it_counts():
    (fig,) = find_figures("un patrimoine estimé à 3,5 millions d'euros.")
    assert fig.value == 3_500_000 and fig.unit == "euros"


def test_one_end_of_a_range_is_not_asked_as_a_figure():
    text = (
        "Le ministère des Finances de Valdorie a publié son rapport annuel mardi. "
        "La fraude fiscale coûte chaque année 60 à 80 milliards d'euros à l'État. "
        "Le pays compte 4 000 inspecteurs des impôts."
    )
    article = prepare_article(text, "Valdorie : la fraude fiscale", None)
    ctx = build_context(article, get_nlp()(article.text))
    questions = [c.question for c in figure_questions(ctx)]
    assert not any("60 à {1}" in q.stem or "{1} à 80" in q.stem for q in questions)
    assert any(
        q.stem == "Le pays compte {1} des impôts." and q.correct_answers == ["4 000 inspecteurs"]
        for q in questions
    )
