"""Long sentences cut down to the clause a question needs, and figures asked when they are
the object of the verb; on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation import generate
from quizapp.generation.evaluation import structural_faults
from quizapp.generation.question_wording import agree_participle
from quizapp.generation.trim import shorten


def _short(text: str, target: str):
    i = text.index(target)
    got = shorten(text, i, i + len(target))
    if got is not None:
        assert got.text[got.start : got.end] == target  # the answer is kept, where it says
    return got


def test_a_relative_clause_and_a_trailing_ce_qui_go_an_apposition_stays_closed():
    text = (
        "Le patron du groupe, Paul Durand, qui avait rencontré le ministre au début du mois "
        "à Lyon, a promis l'investissement de 40 milliards d'euros (37 milliards de dollars) "
        "en France, ce qui permettrait la création de 20 000 emplois sur le long terme."
    )
    got = _short(text, "40 milliards")
    assert got.text == (
        "Le patron du groupe, Paul Durand, a promis l'investissement de 40 milliards d'euros "
        "en France."
    )


def test_an_added_part_between_subject_and_verb_leaves_no_comma_behind():
    text = (
        "La commission, qui siège depuis janvier dans les locaux du Sénat à Paris, a rendu "
        "son rapport sur la réforme des retraites le 12 mars, après six mois de travaux et "
        "de nombreuses auditions de syndicalistes, d'économistes et de responsables politiques."
    )
    got = _short(text, "12 mars")
    assert got.text.startswith("La commission a rendu son rapport")


def test_what_holds_the_answer_is_never_cut():
    text = (
        "Le ministre, qui avait été député de la Drôme pendant dix ans avant d'entrer au "
        "gouvernement en 2019, a annoncé la fermeture de plusieurs casernes de gendarmerie "
        "dans le département, ce qui a provoqué la colère des élus locaux."
    )
    got = _short(text, "la Drôme")
    assert "député de la Drôme pendant dix ans" in got.text
    assert "colère" not in got.text


def test_a_decimal_comma_is_not_a_clause_boundary():
    text = (
        "Le déficit public, qui atteignait alors un niveau jamais vu depuis la guerre, est "
        "passé de 11,9 % du PIB en 2009 à 5,1 % en 2015 selon les chiffres publiés hier par "
        "l'institut national de la statistique, qui les juge encore fragiles."
    )
    got = _short(text, "5,1 %")
    assert "de 11,9 % du PIB en 2009 à 5,1 % en 2015" in got.text
    assert "fragiles" not in got.text


def test_a_sentence_that_stays_too_long_gives_nothing():
    text = "Le conseil a voté " + ", ".join(f"la mesure numéro {i}" for i in range(40)) + "."
    assert _short(text, "numéro 3") is None


@pytest.mark.parametrize(
    ("pred", "gender", "plural", "expected"),
    [
        ("a-t-elle détruit près de la ville", "m", True, "a-t-elle détruits près de la ville"),
        ("ont-ils saisi", "f", True, "ont-ils saisies"),
        ("a-t-il déjà pris", "f", True, "a-t-il déjà prises"),
        ("a-t-il construit", "f", False, "a-t-il construite"),
        ("est-il arrivé", "m", True, "est-il arrivé"),  # « être »: not this rule
        ("a-t-il vendus", "m", True, "a-t-il vendus"),
    ],
)
def test_a_participle_agrees_with_the_object_moved_before_avoir(pred, gender, plural, expected):
    assert agree_participle(pred, gender, plural) == expected


ARTICLE = """Les combats dans le nord

Les rebelles ont libéré 5 000 otages dans la province du Nord. La police a saisi 300 armes lors de l'opération. Le gouvernement a construit 12 écoles dans la région.

La ministre de la Santé, Claire Dubois, qui dirigeait auparavant un grand hôpital de Lyon et qui avait été députée pendant dix ans, a annoncé vendredi la fermeture de 40 maternités, ce qui a provoqué la colère des syndicats et des élus locaux de toute la région.
"""


@pytest.fixture(scope="module")
def bank():
    result = generate(ARTICLE, date=dt.date(2024, 3, 14))
    assert not [f for q in result.questions for f in structural_faults(q, result.article.text)]
    return result.questions


def test_a_figure_object_of_the_verb_is_asked_with_combien_and_the_participle_agrees(bank):
    by_stem = {q.stem: q for q in bank if q.type == "mcq"}
    q = by_stem["Combien d'armes la police a-t-elle saisies lors de l'opération ?"]
    assert q.correct_answers == ["300 armes"] and q.kind == "figure"
    assert len(q.answers) == 4 and all(a.text.endswith(" armes") for a in q.answers)
    # where it happened stays in the predicate, not in what is counted
    assert "Combien d'otages les rebelles ont-ils libérés dans la province du Nord ?" in by_stem


def test_a_long_sentence_gives_a_cloze_on_the_clause_that_states_the_figure(bank):
    clozes = {q.stem: q for q in bank if q.type == "cloze"}
    stem = "La ministre de la Santé, Claire Dubois, a annoncé le 8 mars 2024 la fermeture de {1}."
    assert clozes[stem].correct_answers == ["40 maternités"]


def test_a_duration_after_depuis_or_pendant_moves_to_the_front():
    article = (
        "La crise politique\n\n"
        "L'Espagne est sans gouvernement depuis six mois. "
        "La commission a travaillé pendant trois semaines sur le texte."
    )
    stems = {
        q.stem: q for q in generate(article, date=dt.date(2016, 7, 9)).questions if q.type == "mcq"
    }
    q = stems["Depuis combien de mois l'Espagne est-elle sans gouvernement ?"]
    assert q.correct_answers == ["6 mois"]
    # what the counted thing is stops at its own complement: « sur le texte » stays behind
    q = stems["Pendant combien de semaines la commission a-t-elle travaillé sur le texte ?"]
    assert q.correct_answers == ["3 semaines"]


def test_whom_the_verb_acts_on_is_asked_with_the_preposition_in_front():
    article = (
        "Le conseil de Valdor\n\n"
        "Paul Verneuil succède à Marc Dubreuil à la présidence du conseil de Valdor. "
        "Anne Morel a accusé le Mexique de voler des emplois valdoriens. "
        "Le Premier ministre Luc Marin a nommé le général Roux. "
        "Claire Weiss a été félicitée par Jean Castel et Hélène Brun."
    )
    stems = {
        q.stem: q for q in generate(article, date=dt.date(2017, 1, 17)).questions if q.type == "mcq"
    }
    q = stems["À qui Paul Verneuil succède-t-il à la présidence du conseil de Valdor ?"]
    assert q.correct_answers == ["Marc Dubreuil"] and len(q.answers) == 4
    q = stems["Quel pays Anne Morel a-t-elle accusé de voler des emplois valdoriens ?"]
    assert q.correct_answers == ["Le Mexique"]
    # a name in a list, or the agent of a passive, is no object to ask « qui » about
    assert not [s for s in stems if s.startswith("Qui Claire Weiss")]


def test_the_main_verb_after_an_added_part_is_kept():
    text = (
        "La déroute de l'armée en Valdorie comme en Orlanie, qui pourrait perdre toutes ses "
        "villes majeures avant la fin de l'année, a entraîné une compétition entre les "
        "différents acteurs locaux afin de se partager les territoires reconquis."
    )
    got = _short(text, "Valdorie")
    assert got.text.startswith(
        "La déroute de l'armée en Valdorie comme en Orlanie a entraîné une compétition"
    )


def test_no_where_question_whose_stem_already_names_a_place():
    # « Où ont-ils bloqué le Leclerc de Morières ? » would be answered by the Leclerc's
    # town, not by the next item of the list
    article = (
        "Les blocages\n\n"
        "Ce lundi, les agriculteurs ont bloqué le Carrefour de Saint-Martin-des-Champs "
        "(Finistère), un rond-point à Landivisiau, près de Morlaix et plusieurs carrefours à "
        "Brest. La police est intervenue à Quimper."
    )
    result = generate(article, date=dt.date(2018, 12, 10))
    for q in result.questions:
        if q.stem.startswith("Où ") and q.type == "mcq":
            assert "Saint-Martin-des-Champs" not in q.stem, (q.stem, q.correct_answers)
