"""Questions on what actors said (quizapp.generation.kinds_speech), on sentences of our own."""

from __future__ import annotations

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.context import build_context
from quizapp.generation.kinds_speech import speech_questions
from quizapp.generation.nlp import get_nlp
from quizapp.generation.statement_wording import drop_relative_time

ARTICLE = (
    "La ministre française de la Santé, Marie Durand, a présenté mardi un plan contre la "
    "pénurie de médicaments dans les hôpitaux du pays. "
    "Marie Durand a déclaré : « Aucun patient ne doit attendre ses traitements plus d'une semaine. » "
    "« Ce plan arrive beaucoup trop tard pour les malades », a estimé le député Paul Martin. "
    "Le syndicaliste Jacques Lefèvre, porte-parole des pharmaciens, a dénoncé hier un "
    "« manque criant de moyens » dans les officines. "
    "Il réclame une hausse des budgets consacrés aux stocks de médicaments. "
    "Selon Pierre Garnier, la pénurie « touche surtout les antibiotiques et les vaccins ». "
    "Le président Emmanuel Macron a salué « un travail sérieux » mené par le gouvernement."
)


@pytest.fixture(scope="module")
def questions():
    article = prepare_article(ARTICLE, "Un plan contre la pénurie de médicaments", None)
    ctx = build_context(article, get_nlp()(article.text))
    return {c.question.stem: c for c in speech_questions(ctx)}


def test_speaker_before_a_colon_quote(questions):
    q = questions[
        "Qui a déclaré : « Aucun patient ne doit attendre ses traitements plus d'une semaine. » ?"
    ]
    assert q.question.correct_answers == ["Marie Durand"]
    assert q.question.kind == "quote" and len(q.question.answers) == 4
    assert "Marie Durand a déclaré" in q.question.explanation


def test_speaker_after_the_quote(questions):
    q = questions["Qui a estimé : « Ce plan arrive beaucoup trop tard pour les malades » ?"]
    assert q.question.correct_answers == ["Paul Martin"]


def test_stance_verb_phrase_is_copied_and_time_words_dropped(questions):
    q = questions["Qui a dénoncé un « manque criant de moyens » dans les officines ?"]
    assert q.question.correct_answers == ["Jacques Lefèvre"]
    assert not any("hier" in stem for stem in questions)


def test_pronoun_subject_is_the_last_person_named(questions):
    q = questions["Qui réclame une hausse des budgets consacrés aux stocks de médicaments ?"]
    assert q.question.correct_answers == ["Jacques Lefèvre"]
    assert q.question.kind == "position"


def test_selon_becomes_selon_qui(questions):
    q = questions["Selon qui, la pénurie « touche surtout les antibiotiques et les vaccins » ?"]
    assert q.question.correct_answers == ["Pierre Garnier"]


def test_salue_and_distractors_are_other_people(questions):
    q = questions["Qui a salué « un travail sérieux » mené par le gouvernement ?"]
    assert q.question.correct_answers == ["Emmanuel Macron"]
    wrong = [a.text for a in q.question.answers if a.fraction < 1]
    assert len(wrong) == 3 and "Emmanuel Macron" not in wrong


def test_the_answer_is_never_in_the_stem(questions):
    for stem, c in questions.items():
        for answer in c.question.correct_answers:
            assert answer not in stem


def test_scores_rank_ahead_of_true_false(questions):
    assert all(c.score >= 0.75 for c in questions.values())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a annoncé hier que le plan sera voté", "a annoncé que le plan sera voté"),
        ("réclame, ce vendredi, une réforme", "réclame, une réforme"),
        ("a dit mercredi 29 qu'il partira", "a dit qu'il partira"),
        ("a déclaré : « Je reviendrai demain »", "a déclaré : « Je reviendrai demain »"),
    ],
)
def test_relative_time_words_are_dropped_outside_quotes(text, expected):
    assert drop_relative_time(text) == expected
