"""Questions built on a clause's parts: a figure the verb governs, a place the verb
happens in, and a clause whose subject is « il » or « elle »; on an article of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation import generate
from quizapp.generation.evaluation import structural_faults

ARTICLE = """Le procès du maire

Le maire de la ville, Paul Martin, a été condamné à trois ans de prison ferme par le tribunal correctionnel de Lyon. Il a aussi été condamné à cinq ans d'inéligibilité. Selon le parquet, la fraude a coûté 2 millions d'euros à la commune.

La ministre de la Justice, Claire Dubois, s'est rendue à Marseille pour inaugurer un nouveau palais de justice. Elle a ensuite rencontré les magistrats de la ville pendant deux heures. La guerre en Syrie a été évoquée lors du dîner.

Les syndicats de policiers ont manifesté à Paris contre la réforme des retraites. Il a été convenu à Lyon de se revoir. Ils réclament une hausse de 300 euros des salaires.
"""


@pytest.fixture(scope="module")
def questions():
    result = generate(ARTICLE, date=dt.date(2024, 3, 14))
    assert not [f for q in result.questions for f in structural_faults(q, result.article.text)]
    return {q.stem: q for q in result.questions if q.type == "mcq"}


def test_a_figure_the_verb_governs_moves_to_the_front(questions):
    q = questions[
        "À combien d'années de prison ferme le maire de la ville, Paul Martin, "
        "a-t-il été condamné par le tribunal correctionnel de Lyon ?"
    ]
    assert q.correct_answers == ["3 ans"] and q.kind == "figure"
    assert len(q.answers) == 4 and all(a.text.endswith(" ans") for a in q.answers)


def test_il_is_the_person_the_sentence_before_names(questions):
    q = questions[
        "À combien d'années d'inéligibilité le maire de la ville, Paul Martin, a-t-il été condamné ?"
    ]
    assert q.correct_answers == ["5 ans"]


def test_where_the_verb_happens_is_asked_not_where_a_noun_is(questions):
    assert questions[
        "Où les syndicats de policiers ont-ils manifesté contre la réforme des retraites ?"
    ].correct_answers == ["Paris"]
    assert questions[
        "Où la ministre de la Justice, Claire Dubois, s'est-elle rendue pour inaugurer "
        "un nouveau palais de justice ?"
    ].correct_answers == ["Marseille"]
    # « la guerre en Syrie »: Syria is where the war is, not where the dinner was
    assert not [s for s, q in questions.items() if q.correct_answers == ["La Syrie"]]


def test_an_impersonal_il_is_nobody(questions):
    # « Il a été convenu à Lyon … »: no question makes the unions or anyone « il »
    assert not [s for s in questions if "convenu" in s]


def test_a_title_before_the_name_is_dropped_and_two_facts_on_one_answer_both_asked():
    article = (
        "Le sommet\n\nLe président sortant américain Barack Obama a autorisé le déploiement "
        "de nouvelles troupes en Pologne. Le chancelier allemand Olaf Scholz a salué le "
        "déploiement devant la presse.\n"
    )
    stems = {
        q.stem: q.correct_answers
        for q in generate(article, date=dt.date(2017, 1, 21)).questions
        if q.type == "mcq"
    }
    # what he did, and who he is: two facts with one answer, both kept
    assert stems["Qui a autorisé le déploiement de nouvelles troupes en Pologne ?"] == [
        "Barack Obama"
    ]
    # an office changes hands: the question says when the article saw him hold it
    assert stems["Qui était le président sortant américain en janvier 2017 ?"] == ["Barack Obama"]


def test_a_date_is_asked_of_the_verb_it_dates():
    article = (
        "Les décisions\n\nLundi 23 janvier, le président a signé une ordonnance sur le commerce. "
        "Le président a autorisé le déploiement en réponse à l'intervention russe en Ukraine "
        "en 2014. Le ministre a lancé le projet de mur et a signé, mercredi, un décret "
        "sur l'immigration.\n"
    )
    stems = {
        q.stem: q.correct_answers
        for q in generate(article, date=dt.date(2017, 1, 27)).questions
        if q.type == "mcq" and q.kind == "date"
    }
    assert stems["Quand le président a-t-il signé une ordonnance sur le commerce ?"] == [
        "le 23 janvier 2017"
    ]
    # 2014 dates the intervention, mercredi the decree: neither dates the main verb
    assert not [s for s in stems if "autorisé" in s or "projet de mur" in s]
