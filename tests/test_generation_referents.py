"""A question names what its sentence named the short way (« cette réforme », « le Front »)
the way the sentences before said it: behaviour on sentences of their own."""

from __future__ import annotations

import datetime as dt

from quizapp.generation import generate


def _stems(text: str) -> list[str]:
    return [q.stem for q in generate(text, date=dt.date(2021, 3, 4)).questions]


def test_a_demonstrative_takes_the_complement_the_lead_gave():
    stems = _stems(
        "La réforme\n\nLe gouvernement de Valdorie a présenté mardi une réforme des retraites "
        "qui doit entrer en vigueur en 2022. Le ministre du Travail, Paul Verneuil, a défendu "
        "le texte devant les députés. Jean Castel, le chef du syndicat des cheminots, a "
        "dénoncé cette réforme devant la presse."
    )
    assert "Qui a dénoncé la réforme des retraites devant la presse ?" in stems
    assert not any("cette réforme" in s for s in stems)


def test_a_bare_name_takes_its_full_form():
    stems = _stems(
        "La crise en Valdorie\n\nLe Front valdorien, un mouvement armé fondé en 2012 par Paul "
        "Verneuil, a annoncé mardi la rupture de ses liens avec le parti de Jean Castel. Le "
        "mouvement compterait 10 000 combattants. Le Front a une position plus ambiguë "
        "vis-à-vis de l'opposition, selon le journal La Gazette de Castel."
    )
    ambiguous = [s for s in stems if "position plus ambiguë" in s]
    assert ambiguous and all("le Front valdorien a une position" in s for s in ambiguous)


def test_another_one_introduced_in_between_is_not_given_the_first_ones_complement():
    stems = _stems(
        "Les contrats\n\nLe ministre valdorien des Transports, Paul Verneuil, a annoncé la "
        "signature d'un contrat pour l'achat de 40 trains. Un autre contrat a été annoncé par "
        "Paul Verneuil mardi. Le contrat, passé avec la Morlanie, atteindrait 2 milliards "
        "d'euros."
    )
    second = [s for s in stems if "passé avec" in s]
    assert second and not any("40 trains" in s for s in second)


def test_two_fuller_forms_leave_the_short_one_alone():
    stems = _stems(
        "Le sommet\n\nLe président valdorien Paul Verneuil a reçu mardi le président morlan "
        "Jean Castel à Verneuil. Le ministre valdorien des Finances, Luc Morel, a signé un "
        "accord commercial avec la Morlanie. La délégation castelane a signé un accord "
        "militaire. Selon Luc Morel, l'accord créera 4 000 emplois en Valdorie."
    )
    jobs = [s for s in stems if "emplois" in s]
    assert jobs and all("l'accord créera" in s.lower() or "{1}" in s for s in jobs)
    assert not any("accord commercial créera" in s or "accord militaire créera" in s for s in stems)


def test_the_country_is_the_one_the_sentence_before_names():
    stems = _stems(
        "Le budget\n\nLe ministre des Finances Paul Verneuil a présenté mardi le budget de "
        "l'Espagne. Le texte a été critiqué par plusieurs pays, en tête desquels le Portugal. "
        "Le pays avait alors accru la pression sur Paul Verneuil pour qu'il change de politique."
    )
    pressure = [s for s in stems if "accru la pression" in s]
    assert pressure and all("Portugal" in s and "pays" not in s for s in pressure), pressure


def test_the_country_stays_unnamed_when_two_were_named_before():
    stems = _stems(
        "Le budget\n\nLe ministre des Finances Paul Verneuil a présenté mardi un budget "
        "critiqué par le Portugal et par l'Espagne. Le pays avait alors accru la pression sur "
        "Paul Verneuil pour qu'il change de politique."
    )
    pressure = [s for s in stems if "accru la pression" in s]
    assert pressure and not any("Portugal" in s or "Espagne" in s for s in pressure), pressure


def test_the_organisation_is_the_one_the_sentence_before_has_for_subject():
    stems = _stems(
        "L'épidémie\n\nUne épidémie de choléra a fait 40 morts en mars à Castel, au nord de la "
        "capitale. L'Organisation mondiale de la santé a envoyé une équipe de 12 médecins sur "
        "place. La branche locale de l'organisation avait alerté les autorités sur l'état des "
        "puits dès janvier, selon le ministre de la Santé Paul Verneuil."
    )
    alerted = [s for s in stems if "avait alerté" in s]
    assert alerted and all("de l'Organisation mondiale de la santé" in s for s in alerted), alerted
