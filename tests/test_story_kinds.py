"""More kinds of change between two articles of a story: roles, statuses, places and
figures with the same unit (made-up sentences and names)."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.fact_changes import compare, distinct_changes
from quizapp.generation.facts import article_facts


def facts(body: str, day: int):
    # a sentence of plain French so that a short body is not taken for another language
    text = (
        "Crise en Valdorie : la suite\n\n" + body + " Les habitants de la région suivent "
        "la situation avec beaucoup d'inquiétude depuis le début de la semaine."
    )
    return article_facts(prepare_article(text, date=dt.date(2024, 11, day)))


def changes(before: str, after: str) -> set[tuple[str, str, str]]:
    result = compare(facts(before, 1), facts(after, 15))
    return {
        (c.before.kind, c.before.value, c.after.value) for c in distinct_changes(result.changed)
    }


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (
            "Paul Verneuil, ministre de la Défense, a visité la caserne.",
            "Marc Dubreuil, nouveau ministre de la Défense, a visité la caserne.",
            ("role", "Paul Verneuil", "Marc Dubreuil"),
        ),
        (
            "Le ministre de la Défense, Paul Verneuil, a visité la caserne.",
            "Marc Dubreuil a été nommé ministre de la Défense mardi.",
            ("role", "Paul Verneuil", "Marc Dubreuil"),
        ),
        (
            "Le traité de Montrose a été signé lundi par la Valdorie.",
            "Le traité de Montrose a été ratifié par le Parlement de Valdorie.",
            ("status", "signé", "ratifié"),
        ),
        (
            "Les policiers ont arrêté Marc Lacombe à Castelbourg.",
            "Marc Lacombe a été libéré jeudi soir.",
            ("status", "arrêté", "libéré"),
        ),
        (
            "Marc Lacombe, arrêté lundi, a été inculpé mercredi.",
            "Marc Lacombe a été condamné à deux ans de prison.",
            ("status", "inculpé", "condamné"),
        ),
        (
            "Claire Castel s'est qualifiée pour le second tour.",
            "Claire Castel a été élue présidente de la région.",
            ("status", "qualifié", "élu"),
        ),
        (
            "Le sommet de la paix aura lieu à Montrose en décembre.",
            "Le sommet de la paix se tiendra à Arvel en décembre.",
            ("place", "Montrose", "Arvel"),
        ),
        (
            "Le nombre de morts s'élève à 12 selon la protection civile.",
            "Les inondations ont fait au moins 31 morts.",
            ("figure", "12", "31"),
        ),
        (
            "Douze nouveaux cas ont été recensés à Castelbourg.",
            "Vingt cas ont été recensés à Castelbourg.",
            ("figure", "12", "20"),
        ),
        (
            "Environ 3 000 personnes ont été évacuées de la vallée.",
            "Les autorités ont évacué 4 500 personnes de la vallée.",
            ("figure", "3 000", "4 500"),
        ),
        (
            "Les crues ont fait cinq blessées.",
            "Les crues ont fait huit blessés.",
            ("figure", "5", "8"),
        ),
        (
            "Claire Castel a obtenu 23,5 % des voix au premier tour.",
            "Selon les résultats définitifs, Claire Castel a obtenu 24,1 % des voix au premier tour.",
            ("figure", "23,5", "24,1"),
        ),
        (
            "Le taux de chômage atteint 9,5 % en Valdorie.",
            "Le taux de chômage atteint désormais 8,7 % en Valdorie.",
            ("figure", "9,5", "8,7"),
        ),
    ],
)
def test_a_new_value_for_the_same_thing_is_a_change(before, after, expected):
    assert expected in changes(before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # a hedge alone is never a change
        ("Environ 10 000 soldats sont déployés.", "Jusqu'à 10 000 soldats sont déployés."),
        ("Quelques 300 soldats sont déployés.", "300 soldats sont déployés."),
        ("Près de 10 000 soldats sont déployés.", "Plus de 10 000 soldats sont déployés."),
        # the same status said again, or not said as a fact
        (
            "Marc Lacombe a été arrêté lundi.",
            "Depuis l'arrestation de Marc Lacombe, le calme est revenu.",
        ),
        ("Marc Lacombe a été arrêté lundi.", "Marc Lacombe n'a pas été libéré."),
        ("Marc Lacombe a été arrêté lundi.", "Marc Lacombe pourrait être libéré demain."),
        (
            "Marc Lacombe a été arrêté lundi.",
            "Marc Lacombe sera jugé en mai devant le tribunal de Castelbourg.",
        ),
        # two people, two statuses
        ("Marc Lacombe a été arrêté lundi.", "Anne Roux a été libérée jeudi."),
        # other things counted, or the same people doing something else
        ("3 000 personnes ont été évacuées de la vallée.", "300 personnes ont manifesté à Arvel."),
        ("Les crues ont fait cinq morts.", "Les crues ont fait huit blessés."),
        # another round is another figure
        (
            "Claire Castel a obtenu 23,5 % des voix au premier tour.",
            "Claire Castel a obtenu 52 % des voix au second tour.",
        ),
    ],
)
def test_not_a_change(before, after):
    assert changes(before, after) == set()


def test_the_latest_status_of_an_article_is_the_one_compared():
    before = "Marc Lacombe, arrêté lundi, a été libéré mercredi."
    assert changes(before, "Marc Lacombe a été libéré sous caution.") == set()
    assert ("status", "libéré", "condamné") in changes(
        before, "Marc Lacombe a été condamné à un an de prison."
    )
