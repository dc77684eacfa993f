"""Follow-ups that the story test and the fact finders must still follow: a country
named by its adjective, a toll restated the way news revises it (made-up articles)."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation import facts as facts_module
from quizapp.generation.article import prepare_article
from quizapp.generation.dates import find_dates
from quizapp.generation.fact_changes import compare, same_story
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

FLOOD = (
    "Valdorie : la crue de la Lisme s'étend\n\n"
    "Selon le dernier bilan, environ 1 200 maisons sont inondées, 700 personnes ont été "
    "évacuées et 250 routes ont été fermées. Environ 300 soldats de la Garde nationale "
    "ont été envoyés à Verneuil."
)
FLOOD_LATER = (
    "Valdorie : l'état d'urgence déclaré à Verneuil\n\n"
    "Le nombre de militaires déployés passera de 300 à 1500 alors que le dernier bilan fait "
    "état de 1800 logements inondés, 1100 personnes évacuées et 320 routes coupées."
)


@pytest.fixture(scope="module")
def flood_changes():
    result = compare(facts_of(FLOOD, 3), facts_of(FLOOD_LATER, 4))
    return {(c.before.value, c.after.value) for c in result.changed}


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


def test_people_counted_with_a_year_like_number_are_compared(flood_changes):
    assert ("700", "1 100") in flood_changes


def test_homes_and_troops_counted_under_another_name_are_one_count(flood_changes):
    assert ("1 200", "1 800") in flood_changes  # « maisons » then « logements »
    assert ("250", "320") in flood_changes


def test_a_figure_that_moves_from_one_value_to_another_is_the_new_value(flood_changes):
    # « passera de 300 à 1500 »: 300 is the value it leaves, 1500 the one to compare,
    # and « soldats de la Garde nationale » are the « militaires » the follow-up counts
    assert ("300", "1 500") in flood_changes
    assert not any(after == "300" for _, after in flood_changes)


def test_the_value_a_figure_leaves_is_not_a_fact():
    facts = facts_of(
        "Le nombre de soldats est passé de 300 à 450 depuis lundi à Verneuil.", 5
    ).facts
    assert [f.value for f in facts if f.kind == "figure"] == ["450"]


# --- an office held, then left -----------------------------------------------------------

IN_OFFICE = (
    "Valdorie : l'armée encercle la capitale\n\n"
    "L'armée a pris le contrôle de Tresville mardi. Elle a confiné le président Paul Verneuil "
    "à sa résidence. Le ministre de la Défense de Valdorie Hervé Castel a appelé au calme."
)
LEFT_OFFICE = (
    "Valdorie : le président Verneuil se retire\n\n"
    "Ce mardi, le président de la Valdorie, Paul Verneuil, s'est retiré du pouvoir, une "
    "semaine après la prise de Tresville par l'armée. Hervé Castel a retiré sa plainte."
)
FORMER_ABROAD = (
    "L'ancien président valdorien Paul Verneuil arrêté en Brimonie\n\n"
    "La police de Brimonie a interpellé dimanche Paul Verneuil à la frontière. L'ancien "
    "ministre Hervé Castel, aujourd'hui président du Sénat, a demandé sa libération."
)


def _changes(earlier: str, later: str) -> set[tuple[str, str, str]]:
    result = compare(facts_of(earlier, 1), facts_of(later, 8))
    return {(c.before.subject, c.before.value, c.after.value) for c in result.changed}


def test_a_title_then_a_name_without_a_comma_is_a_role():
    roles = {(f.subject, f.value) for f in facts_of(IN_OFFICE, 1).facts if f.kind == "role"}
    assert ("ministre de la Défense", "Hervé Castel") in roles or (
        "ministre de la Défense de Valdorie",
        "Hervé Castel",
    ) in roles
    assert ("président", "Paul Verneuil") in roles


def test_a_holder_who_steps_down_changes_the_office_status():
    changes = _changes(IN_OFFICE, LEFT_OFFICE)
    assert ("Paul Verneuil", "président", "retiré") in changes
    # « a retiré sa plainte » is no step down: only « se retirer » is
    statuses = [f for f in facts_of(LEFT_OFFICE, 8).facts if f.kind == "status"]
    assert not any(f.subject == "Hervé Castel" for f in statuses)


def test_a_holder_called_former_in_a_later_headline_changes_the_office_status():
    changes = _changes(IN_OFFICE, FORMER_ABROAD)
    assert any(
        s == "Paul Verneuil" and b == "président" and a.startswith("ancien président")
        for s, b, a in changes
    )


def test_a_former_office_is_not_compared_with_another_one_held_now():
    # « l'ancien ministre » says his ministry is over, nothing about the presidency he holds
    earlier = "Valdorie : le Sénat se réunit\n\nLe président Hervé Castel a ouvert la séance."
    later = "Valdorie : un nouveau budget\n\nL'ancien ministre Hervé Castel a voté le budget."
    assert not any(s == "Hervé Castel" for s, _, _ in _changes(earlier, later))
    # the same office held, then over, is a change
    again = later.replace("L'ancien ministre", "L'ancien président")
    assert ("Hervé Castel", "président", "ancien président") in _changes(earlier, again)
