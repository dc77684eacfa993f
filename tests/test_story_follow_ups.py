"""Follow-ups that the story test and the fact finders must still follow: a country
named by its adjective, a toll restated the way news revises it (made-up articles)."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation import facts as facts_module
from quizapp.generation.article import prepare_article
from quizapp.generation.dates import find_dates
from quizapp.generation.fact_changes import same_story
from quizapp.generation.facts import article_facts
from quizapp.generation.figures import find_figures
from quizapp.generation.gazetteer import adjective_forms
from quizapp.generation.story_actors import adjective_mentions

MADE_UP_COUNTRIES = {"Valdorie": "valdorien", "Brimonie": "brimonien"}


@pytest.fixture
def made_up_adjectives(monkeypatch):
    table = {f: c for c, adj in MADE_UP_COUNTRIES.items() for f in adjective_forms(adj)}
    monkeypatch.setattr(facts_module, "country_adjectives", lambda: table)
    return table


def facts_of(text: str, day: int):
    return article_facts(prepare_article(text, date=dt.date(2024, 11, day)))


def test_a_country_adjective_names_the_country(made_up_adjectives):
    text = "Les juges valdoriens et la justice Valdorienne, pas la Brimonie."
    found = adjective_mentions(text, made_up_adjectives)
    assert found == [("Valdorie", text.index("valdoriens")), ("Valdorie", text.index("Vald"))]
    taken = [(text.index("justice"), len(text))]
    assert adjective_mentions(text, made_up_adjectives, taken) == found[:1]


SUSPENDED = (
    "Valdorie : le parlement suspend le gouverneur Lucien Castel\n\n"
    "Le parlement de Valdorie a suspendu mardi le gouverneur Lucien Castel, accusé de "
    "détournement de fonds. Lucien Castel conteste la décision."
)
ARRESTED_ABROAD = (
    "Le gouverneur déchu Lucien Castel arrêté en Brimonie\n\n"
    "À la frontière de la Brimonie, la police a arrêté dimanche Lucien Castel, visé par un "
    "mandat de la justice valdorienne. Les juges valdoriens l'accusent de détournement de "
    "fonds. Lucien Castel avait déjà séjourné en Brimonie sans être inquiété."
)


def test_a_story_that_moves_abroad_stays_one_story_when_it_names_the_country_by_its_adjective(
    made_up_adjectives,
):
    verdict = same_story(facts_of(SUSPENDED, 1), facts_of(ARRESTED_ABROAD, 20))
    assert verdict.same
    assert verdict.other_places == ("", "")
    assert "valdorie" in verdict.shared


# --- a toll revised the way news revises it ------------------------------------------


def test_a_four_digit_count_is_not_a_year():
    dates = find_dates("Le bilan fait état de 1800 logements inondés et de 1100 personnes.")
    assert dates == []
    text = "Le nombre passera de 300 à 1500 alors que la crue monte."
    assert [f.value for f in find_figures(text, [(d.start, d.end) for d in find_dates(text)])] == [
        300,
        1500,
    ]
    # years stay years
    assert [d.value.year for d in find_dates("Entre 2015 et 2017 les crues ont doublé.")] == [
        2015,
        2017,
    ]
    assert [d.value.year for d in find_dates("En 1910 des maisons ont été inondées.")] == [1910]
    assert [d.value.year for d in find_dates("Les crues de 2016 sont les pires.")] == [2016]
