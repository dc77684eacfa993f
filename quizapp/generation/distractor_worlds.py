"""An answer's world (its country, region, kind of office), and gazetteer entries ranked by fit."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from .context import Context
from .gazetteer import Entity, Gazetteer, load_gazetteer, office_kind
from .text import fold

#: Years either side of the article's date within which an office still counts as the
#: same period ("ancien président" named in a 2016 article left office in 2014).
MARGIN = 2


_ORG_KINDS = (
    (
        "armed",
        re.compile(
            r"(?i)\b(?:armée|brigades?|milices?|jabhat|daech|al-nosra|front al-|état islamique)\b"
        ),
    ),
    (
        "party",
        re.compile(r"(?i)^(?:parti|rassemblement|mouvement|bloc|union pour|front)\b|\bparti\b"),
    ),
    ("court", re.compile(r"(?i)^(?:cour|tribunal)\b")),
    (
        "intl",
        re.compile(
            r"(?i)^(?:organisation|agence|fonds|banque|conseil|commission|communauté|office|programme)\b"
        ),
    ),
)


@dataclass(frozen=True)
class World:
    """Where and when an answer belongs: what its wrong options should share with it."""

    year: int | None  # the article's year
    country: str = ""
    region: str = ""  # world region of the country (or of the organisation)
    kind: str = ""  # kind of office (people) or of organisation
    org: str = ""  # the organisation a person leads
    countries: frozenset[str] = frozenset()  # the article's countries
    regions: frozenset[str] = frozenset()  # and their world regions

    def geo_tier(self, country: str, region: str) -> int:
        """0 same country, 1 same region, 2 a country the article names, 3 elsewhere."""
        if country and country == self.country:
            return 0
        if region and region == self.region:
            return 1
        if country and country in self.countries:
            return 2
        if not self.region and region in self.regions:
            return 2  # nothing known of the answer: the regions the article is about
        return 3


def _article_world(ctx: Context, gaz: Gazetteer) -> tuple[list[str], frozenset[str]]:
    """The article's countries, most named first, and their world regions: countries named,
    then those of its cities and known people, then the one its title names (worked out
    once per article: every question's options ask for it)."""
    if "article_world" not in ctx.cache:
        ctx.cache["article_world"] = _work_out_article_world(ctx, gaz)
    return ctx.cache["article_world"]


def _work_out_article_world(ctx: Context, gaz: Gazetteer) -> tuple[list[str], frozenset[str]]:
    year = ctx.article.date.year if ctx.article.date else None
    countries = [e.name for e in ctx.ents.of_type("country")]
    countries += [e.country for e in ctx.ents.of_type("city") if e.country]
    for e in ctx.ents.of_type("person"):
        office = e.office_at(year)
        countries.append(office.country if office is not None else e.country)
    countries.append(gaz.place_in(ctx.article.title or "")[0])
    countries = list(dict.fromkeys(c for c in countries if c))
    return countries, frozenset(r for r in (gaz.region_of(c) for c in countries) if r)


def article_countries(ctx: Context) -> list[str]:
    """The countries the article is about, most named first."""
    return _article_world(ctx, load_gazetteer())[0]


def world_of(ctx: Context, answer: Entity) -> World:
    """The answer's country, region and kind: from the gazetteer, else from its role in the
    article ("ministre iranien des Transports"), else from the article's main country."""
    gaz = load_gazetteer()
    year = ctx.article.date.year if ctx.article.date else None
    countries, regions = _article_world(ctx, gaz)
    base = {"year": year, "countries": frozenset(countries), "regions": regions}
    if answer.type == "person":
        office = answer.office_at(year)
        if office is not None:
            org = gaz.lookup(office.org) if office.org else None
            # the head of an organisation belongs to its world, not to their country's
            country = office.country if office.org else office.country or answer.country
            region = org.region if org is not None else gaz.region_of(country)
            return World(country=country, region=region, kind=office.kind, org=office.org, **base)
        role = answer.role or ctx.ents.roles.get(answer.id, "")
        country, region = gaz.place_in(role) if role else ("", "")
        country = country or answer.country
        if not country and not region and countries:
            country = countries[0]  # a guess: the country the article is most about
        return World(
            country=country,
            region=region or gaz.region_of(country),
            kind=office_kind(role),
            **base,
        )
    if answer.type == "org":
        country, region = answer.country, answer.region
        if not country and not region:
            country, region = gaz.place_in(answer.name)
        if not country and not region and countries:
            country = countries[0]
        region = region or gaz.region_of(country)
        return World(country=country, region=region, kind=org_kind(answer), **base)
    country = answer.country if answer.type in ("city", "region") else ""
    region = answer.region or gaz.region_of(country)
    if answer.type == "place":
        known = gaz.entities.get("region:" + fold(answer.name))
        if known is not None:
            country, region = known.country, known.region
    return World(country=country, region=region, **base)


_POLITICAL = frozenset({"state", "government", "foreign", "minister", "org"})


def is_political(ctx: Context, e: Entity, year: int | None) -> bool:
    """Whether a person holds a political office (by the gazetteer or their role in the article)."""
    office = e.office_at(year)
    if office is not None:
        return office.kind in _POLITICAL
    return office_kind(e.role or ctx.ents.roles.get(e.id, "")) in _POLITICAL


def _kind_distance(a: str, b: str) -> int:
    """0 same kind of office, 1 close (head of state / of government), 2 unrelated."""
    if not a or a == "other":
        return 1  # nothing known of the answer's office: no preference
    if a == b:
        return 0
    close = ({"state", "government"}, {"foreign", "minister"})
    return 1 if any(a in c and b in c for c in close) else 2


def _person_rank(world: World, e: Entity) -> tuple | None:
    """How well a gazetteer person fits the answer's world (lower is better); None: not at all."""
    if world.kind == "other":
        # the answer holds a title that is no political office (« évêque de Valdor »,
        # « porte-parole de l'association Eurogrid », « professeur »): a minister is no plausible option
        return None
    gaz = load_gazetteer()
    best = None
    for o in e.offices or [None]:
        if o is None:  # an entry with no office: judged on its country alone
            country, region, kind, years = e.country, e.region, office_kind(e.role), 0
        else:
            org = gaz.lookup(o.org) if o.org else None
            country = o.country or ("" if org is not None else e.country)
            region = org.region if org is not None else gaz.region_of(country)
            kind = o.kind
            years = o.distance(world.year) if world.year is not None else 0
        if years > MARGIN:
            continue  # another period: never an option
        if o is not None and o.org and o.org == world.org:
            geo = 0
        elif kind == "org" and world.kind == "org" and "monde" in (region, world.region):
            geo = 1  # the heads of world organisations make one world
        else:
            geo = world.geo_tier(country, region)
        dist = _kind_distance(world.kind, kind)
        known = world.country or world.region or world.countries
        if geo == 3 and (dist or years) and known:
            continue  # another region, another office or another time: another world
        key = (geo, years > 0, dist, years)  # in office that year before the right office
        best = key if best is None or key < best else best
    return best


def ranked(world: World, answer: Entity, gaz_ents: list[Entity]) -> list[Entity]:
    """Gazetteer entities of the answer's type, best fitting first, unfit ones left out."""
    seed = answer.id.encode()

    def tiebreak(e: Entity) -> int:
        return zlib.crc32(seed + e.name.encode())

    if answer.type == "person":
        ranks = [(_person_rank(world, e), tiebreak(e), e) for e in gaz_ents]
        return [
            e for r, _, e in sorted((x for x in ranks if x[0] is not None), key=lambda x: x[:2])
        ]
    return sorted(gaz_ents, key=lambda e: (world.geo_tier(e.country, e.region), tiebreak(e)))


def org_kind(e: Entity) -> str:
    """party, media, armed, intl, ... from the gazetteer, else guessed from the name."""
    if e.role:
        return e.role
    return next((kind for kind, pat in _ORG_KINDS if pat.search(e.name)), "")
