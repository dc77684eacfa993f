"""Cleft sentences (« C'est … qui … »): who did it, and who « il » or « elle » is in the
sentence after (quizapp/generation/clefts.py, kinds_clefts.py)."""

from __future__ import annotations

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.kinds_clefts import cleft_questions
from quizapp.generation.kinds_objects import object_questions
from quizapp.generation.nlp import get_nlp

#: A made-up article: every name here is invented for the test.
ARTICLE = (
    "Le Parlement de Valdorie a élu mardi son nouveau président au terme d'une longue journée. "
    "C'est finalement la députée Claire Verneuil qui a remporté l'élection après trois tours de scrutin. "
    "Elle succède à Marc Dubreuil, qui présidait l'assemblée depuis 2019. "
    "Paul Lacombe, candidat des libéraux, a obtenu 120 voix au dernier tour. "
    "Hervé Castel, le chef des conservateurs, a salué la victoire de la députée. "
    "Sophie Marchal a annoncé qu'elle quittait la vie politique. "
    "C'est Paul Lacombe et Hervé Castel qui ont négocié l'accord du second tour."
)


@pytest.fixture(scope="module")
def ctx():
    article = prepare_article(ARTICLE, "Valdorie : une présidente pour le Parlement", None)
    return build_context(article, get_nlp()(article.text))


def test_a_cleft_sentence_asks_who_did_it(ctx):
    (question,) = [c.question for c in cleft_questions(ctx)]
    assert question.stem == "Qui a remporté l'élection après trois tours de scrutin ?"
    right = [a.text for a in question.answers if a.fraction == 1.0]
    wrong = [a.text for a in question.answers if a.fraction == 0.0]
    assert right == ["Claire Verneuil"]
    assert len(wrong) == 3 and "Claire Verneuil" not in wrong
    assert "C'est finalement la députée Claire Verneuil" in question.explanation


def test_two_names_put_first_ask_nothing(ctx):
    stems = [c.question.stem for c in cleft_questions(ctx)]
    assert not any("négocié" in stem for stem in stems)  # either of the two would be right


def test_the_person_put_first_is_the_elle_of_the_next_sentence(ctx):
    stems = {c.question.stem: c.question for c in object_questions(ctx)}
    question = stems["À qui Claire Verneuil succède-t-elle ?"]
    assert [a.text for a in question.answers if a.fraction == 1.0] == ["Marc Dubreuil"]
