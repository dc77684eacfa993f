"""Dated facts and their comparison between two articles of a story (made-up articles)."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation.article import prepare_article
from quizapp.generation.fact_changes import compare, distinct_changes, same_story
from quizapp.generation.facts import Fact, article_facts, key_words

EARLIER = (
    "Crise en Valdorie : l'armée mobilise ses réservistes\n\n"
    "Le ministre de la Défense de Valdorie, Paul Verneuil, a annoncé lundi un plan de renfort. "
    "Environ 10 000 soldats ont été déployés près de la frontière de Brimonie. "
    "Les inondations ont fait au moins 12 morts dans la région de Castelbourg. "
    "La prochaine étape du plan sera un exercice long de 40 kilomètres entre Arvel et Montrose. "
    "Au classement général, Hélène Marchal est première suivie de Jean Castel et Anne Roux."
)
LATER = (
    "Crise en Valdorie : les renforts arrivent\n\n"
    "Le nouveau ministre de la Défense, Marc Dubreuil, a visité la frontière de Brimonie mercredi. "
    "Près de 10 000 soldats sont désormais déployés près de la frontière de Brimonie. "
    "Les inondations ont tué au moins 31 personnes dans la région de Castelbourg. "
    "L'exercice de 55 kilomètres entre Sarlat et Vireux a commencé. "
    "Au classement général, Hélène Marchal est première suivie de Anne Roux et Jean Castel."
)


def facts_of(text: str, day: int):
    return article_facts(prepare_article(text, date=dt.date(2024, 11, day)))


@pytest.fixture(scope="module")
def pair():
    return facts_of(EARLIER, 1), facts_of(LATER, 15)


def test_facts_are_dated_and_keep_their_sentence(pair):
    earlier, _ = pair
    soldiers = next(f for f in earlier.facts if f.kind == "figure" and f.subject == "soldats")
    assert soldiers.number == 10000
    assert soldiers.qualifier == "environ"
    assert soldiers.date == dt.date(2024, 11, 1)
    assert soldiers.sentence.startswith("Environ 10 000 soldats")
    minister = next(f for f in earlier.facts if f.kind == "role")
    assert minister.value == "Paul Verneuil"
    assert "ministre de la Défense" in minister.subject
    assert Fact.from_dict(minister.to_dict()) == minister


def test_a_hedge_alone_is_not_a_change(pair):
    result = compare(*pair)
    changed = {(c.before.value, c.after.value) for c in result.changed}
    assert ("10 000", "10 000") not in changed
    assert any(a.subject == "soldats" and b.qualifier == "près de" for a, b in result.unchanged)


def test_same_subject_and_unit_with_another_value_is_a_change(pair):
    result = compare(*pair)
    changed = {(c.before.kind, c.before.value, c.after.value) for c in result.changed}
    # « 12 morts » then « a tué 31 personnes »: the verb says the persons are dead
    assert ("figure", "12", "31") in changed
    assert ("role", "Paul Verneuil", "Marc Dubreuil") in changed
    assert ("position", "Jean Castel", "Anne Roux") in changed
    assert ("position", "Anne Roux", "Jean Castel") in changed


def test_a_figure_about_other_places_is_not_a_change(pair):
    result = compare(*pair)
    # 40 km between Arvel and Montrose, 55 km between Sarlat and Vireux: two exercises
    assert not any(c.before.unit.startswith("kilom") for c in result.changed)
    assert any(f.unit.startswith("kilom") for f in result.new)


def test_another_unit_is_not_a_change():
    a = facts_of("Les secours de Valdorie comptent 150 disparus à Castelbourg après la crue.", 1)
    b = facts_of("Les secours de Valdorie comptent 270 blessés à Castelbourg après la crue.", 2)
    assert compare(a, b).changed == []


def test_an_episode_title_is_not_a_role_of_the_story():
    a = facts_of("Le vainqueur de l'étape est Jean Castel, devant Paul Verneuil à Arvel.", 1)
    assert not any(f.kind == "role" for f in a.facts)


def test_a_former_holder_is_not_the_holder():
    a = facts_of("L'ancien ministre de la Défense, Paul Verneuil, a critiqué le plan à Arvel.", 1)
    assert not any(f.kind == "role" for f in a.facts)


def test_a_restated_change_is_flagged_once():
    a = facts_of(
        "Le ministre des Transports de Valdorie, Paul Verneuil, présente une loi. "
        "Paul Verneuil, ministre des Transports, a défendu le texte.",
        1,
    )
    b = facts_of("Le nouveau ministre des Transports, Marc Dubreuil, retire la loi de Valdorie.", 2)
    changes = compare(a, b).changed
    assert len(changes) == 2
    assert len(distinct_changes(changes)) == 1


def test_articles_of_another_story_share_too_few_actors(pair):
    earlier, later = pair
    assert same_story(earlier, later).same
    other = facts_of(
        "Le club de Ferlux a battu Tarvel samedi à Lisbonne devant 30 000 spectateurs. "
        "L'entraîneur Marco Delmonte a salué ses joueurs.",
        20,
    )
    verdict = same_story(earlier, other)
    assert not verdict.same
    assert verdict.share < 0.15


def test_key_words_ignore_accents_plurals_and_small_words():
    assert key_words("la Présidente du Sénat") == key_words("le président des sénats")
    assert key_words("nouveau ministre des transport") == key_words("ministre des transports")


# --- the same-story test weighs the actors that matter -----------------------------------

FOLLOW_UP = (
    "Valdorie : Paul Verneuil présente son plan à Tresville\n\n"
    "Le ministre de la Défense de Valdorie, Paul Verneuil, a présenté jeudi à Tresville "
    "le plan de renfort annoncé lundi.\n\n"
    "Il était accompagné du général Luc Armand, du préfet Henri Bastide, de la députée "
    "Sophie Lenoir et du maire de Tresville, Jules Perrin. Des élus de Pontaret, de Lisle et "
    "de Bracieux assistaient à la réunion, ainsi que l'Association des riverains. "
    "Le syndicat Force Rurale et la Fédération des chasseurs ont demandé des garanties. "
    "Paul Verneuil a répondu que la Valdorie tiendrait ses engagements."
)
PASSING = (
    "Orbanie : la saison des vendanges commence\n\n"
    "Les vignerons d'Orbanie ont commencé les vendanges lundi dans la vallée de l'Orbe, "
    "sous la conduite de la coopérative Vignes d'Orbe.\n\n"
    "La récolte s'annonce abondante selon la présidente de la coopérative, Martine Forgeat. "
    "Une partie des vins partira vers la Valdorie voisine. Martine Forgeat espère aussi "
    "vendre en Orbanie du nord."
)
TRAJO_VALDORIE = (
    "Valdorie : les chauffeurs de Trajo en grève\n\n"
    "Les chauffeurs de Trajo ont cessé le travail lundi dans toute la Valdorie pour "
    "protester contre leurs tarifs. La société Trajo a refusé de négocier."
)
TRAJO_BRIMONIE = (
    "Brimonie : les chauffeurs de Trajo manifestent\n\n"
    "Des chauffeurs de Trajo ont manifesté mardi en Brimonie contre une nouvelle taxe. "
    "La société Trajo a promis de les soutenir."
)


def test_a_follow_up_naming_many_new_people_is_the_same_story(pair):
    earlier, _ = pair
    follow_up = facts_of(FOLLOW_UP, 18)
    flat = len(earlier.actors & follow_up.actors) / len(earlier.actors | follow_up.actors)
    assert flat < 0.15  # a flat share of shared names would have refused it
    verdict = same_story(earlier, follow_up)
    assert verdict.same
    assert "valdorie" in verdict.shared


def test_a_country_named_in_passing_does_not_make_one_story(pair):
    earlier, _ = pair
    verdict = same_story(earlier, facts_of(PASSING, 18))
    assert not verdict.same


def test_one_company_in_two_countries_is_two_stories():
    valdorie, brimonie = facts_of(TRAJO_VALDORIE, 3), facts_of(TRAJO_BRIMONIE, 10)
    verdict = same_story(valdorie, brimonie)
    assert not verdict.same
    assert verdict.other_places == ("valdorie", "brimonie")
    again = same_story(valdorie, facts_of(TRAJO_VALDORIE.replace("lundi", "mardi"), 10))
    assert again.same


def test_an_article_in_another_language_is_never_the_same_story(pair):
    earlier, later = pair
    later.language = "en"
    try:
        assert not same_story(earlier, later).same
    finally:
        later.language = "fr"
