"""The dated gazetteer and wrong options drawn from the answer's world (region, office, years)."""

from __future__ import annotations

import datetime as dt

import pytest

from quizapp.generation import gazetteer as gazetteer_module
from quizapp.generation.context import build_context
from quizapp.generation.distractor_worlds import MARGIN, world_of
from quizapp.generation.distractors import entity_options
from quizapp.generation.gazetteer import Entity, load_gazetteer, office_kind
from quizapp.generation.nlp import get_nlp
from quizapp.generation.pipeline import prepare_article


def context(text: str, date: dt.date | None):
    article = prepare_article(text, "Test", date)
    return build_context(article, get_nlp()(article.text))


def person(ctx, name: str) -> Entity:
    return next(e for e in ctx.ents.of_type("person") if e.name == name)


def options_for(ctx, name: str, **kw) -> list[Entity]:
    opts, _ = entity_options(ctx, person(ctx, name), name, "Qui a parlé ?", **kw)
    gaz = load_gazetteer()
    return [gaz.lookup(o) for o in opts]


KURDISH = (
    "Le président du Kurdistan irakien, Massoud Barzani, a annoncé la tenue d'un référendum "
    "d'indépendance. « Le peuple kurde décidera de son avenir », a déclaré Massoud Barzani."
)


def test_a_kurdish_leader_gets_middle_east_office_holders_of_his_time():
    ctx = context(KURDISH, dt.date(2017, 6, 8))
    world = world_of(ctx, person(ctx, "Massoud Barzani"))
    assert (world.country, world.region, world.kind) == ("Irak", "moyen-orient", "state")
    options = options_for(ctx, "Massoud Barzani", same_gender=True)
    assert len(options) == 3
    for e in options:
        assert e is not None and e.region == "moyen-orient", e
        assert any(o.distance(2017) <= MARGIN for o in e.offices), e
    names = {e.name for e in options}
    assert not names & {"Andreï Belooussov", "Alexandre Loukachenko", "Vladimir Poutine"}


SPAIN = (
    "Le président français François Hollande a reçu à Paris le Premier ministre espagnol "
    "Mariano Rajoy. « L'Europe doit avancer », a déclaré Mariano Rajoy."
)


def test_a_2016_article_gets_2016_office_holders_not_2024_ones():
    ctx = context(SPAIN, dt.date(2016, 5, 3))
    options = options_for(ctx, "Mariano Rajoy")
    assert len(options) == 3
    gazetteer_ones = [e for e in options if e.name != "François Hollande"]
    assert gazetteer_ones
    for e in gazetteer_ones:
        assert min(o.distance(2016) for o in e.offices) <= MARGIN, e
    assert not {e.name for e in options} & {"Pedro Sánchez", "Emmanuel Macron", "Keir Starmer"}
    # the same article dated 2024: the office holders of 2024 (the article's people stay first)
    later = options_for(context(SPAIN, dt.date(2024, 5, 3)), "Mariano Rajoy")
    later = [e for e in later if e.name != "François Hollande"]
    assert later and all(min(o.distance(2024) for o in e.offices) <= MARGIN for e in later)


def test_without_a_date_no_period_filter():
    ctx = context(SPAIN, None)
    assert len(options_for(ctx, "Mariano Rajoy")) == 3


def test_an_unknown_person_takes_the_world_of_their_role():
    text = (
        "Le ministre iranien des Transports, Abbas Akhoundi, a annoncé l'achat de 114 avions. "
        "« C'est un grand jour », a déclaré Abbas Akhoundi."
    )
    ctx = context(text, dt.date(2016, 1, 24))
    akhoundi = person(ctx, "Abbas Akhoundi")
    assert world_of(ctx, akhoundi).country == "Iran"
    options = options_for(ctx, "Abbas Akhoundi")
    assert len(options) == 3 and all(e.region == "moyen-orient" for e in options)


@pytest.fixture
def tiny_gazetteer(tmp_path, monkeypatch):
    """A gazetteer of a few made-up entries, one of them without years."""
    path = tmp_path / "gazetteer.yaml"
    path.write_text(
        """
countries:
  - {name: Syldavie, article: la, adjective: syldave, capital: Klow, region: europe}
  - {name: Bordurie, article: la, adjective: bordure, capital: Szohôd, region: europe}
people:
  - {name: Muskar Douze, gender: m, role: roi de Syldavie, country: Syldavie}
  - {name: Kurvi Tasch, gender: m, role: Premier ministre bordure, country: Bordurie, from: 2010, to: 2012}
  - {name: Pleksy Gladz, gender: m, role: président bordure, country: Bordurie, from: 2014}
  - {name: Sans Pays, gender: m}
""",
        encoding="utf-8",
    )
    monkeypatch.setattr(gazetteer_module, "PATH", path)
    load_gazetteer.cache_clear()
    yield load_gazetteer()
    monkeypatch.undo()
    load_gazetteer.cache_clear()


def test_entries_without_years_or_office_still_load_and_serve(tiny_gazetteer):
    muskar = tiny_gazetteer.lookup("Muskar Douze")
    assert muskar.role == "roi de Syldavie" and muskar.country == "Syldavie"
    assert muskar.offices[0].start is None and muskar.offices[0].kind == "state"
    assert tiny_gazetteer.lookup("Kurvi Tasch").role == "ancien Premier ministre bordure"
    assert tiny_gazetteer.lookup("Sans Pays").role == ""
    text = (
        "Le président bordure Pleksy Gladz a reçu à Klow le ministre syldave Alfred Wagner. "
        "« Nous sommes voisins », a déclaré Alfred Wagner."
    )
    ctx = context(text, dt.date(2016, 3, 1))
    opts, from_gaz = entity_options(ctx, person(ctx, "Alfred Wagner"), "Alfred Wagner", "Qui ?")
    assert "Muskar Douze" in opts  # no years: any period
    assert "Kurvi Tasch" not in opts  # left office in 2012, four years before
    assert from_gaz >= 1


def test_office_kinds_from_appositions():
    assert office_kind("président turc") == "state"
    assert office_kind("Premier ministre espagnol") == "government"
    assert office_kind("chancelière allemande") == "government"
    assert office_kind("ministre allemand des Affaires étrangères") == "foreign"
    assert office_kind("secrétaire d'État américain") == "foreign"
    assert office_kind("ministre iranien des Transports") == "minister"
    assert office_kind("secrétaire général de l'ONU") == "org"
    assert office_kind("avocat") == "other"


def test_bundled_entries_are_well_formed():
    gaz = load_gazetteer()
    countries = {e.name for e in gaz.by_type("country")}
    people = gaz.by_type("person")
    assert len(people) > 350 and len(gaz.by_type("org")) > 60
    for p in people:
        assert p.gender in ("f", "m"), p.name
        for o in p.offices:
            assert o.role and o.kind, p.name
            assert o.start is None or o.end is None or o.start <= o.end, p.name
            assert o.start is None or o.start <= 2025, p.name
            assert o.end is None or o.end >= 2010, p.name  # office holders of 2010-2025
            if o.org:
                assert gaz.lookup(o.org) is not None, (p.name, o.org)
            else:
                assert o.country in countries, (p.name, o.country)
    # people who were there only because an article named them, not for an office
    for gone in ("Boris Gryzlov", "Kim Yo-jong"):
        assert gaz.lookup(gone) is None
    for org in ("ONU", "OTAN", "FMI", "OMC", "OPEP", "CPI", "Amnesty International"):
        assert gaz.lookup(org) is not None and gaz.lookup(org).region, org
    assert gaz.place_in("président du Kurdistan irakien") == ("Irak", "moyen-orient")
    assert gaz.place_in("ministre nord-coréenne des Affaires étrangères")[0] == "Corée du Nord"
