"""The bundled gazetteer of current-affairs entities (quizapp/data/gazetteer.yaml).

People carry the offices they held, with years, so that wrong options can be drawn
from the same world as the answer: same country or region, same kind of office, same
period (see distractors.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .text import fold

PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.yaml"

#: Kinds of office, from an apposition: head of state, head of government, foreign
#: minister, other minister, leader of an organisation, anything else.
OFFICE_KINDS = ("state", "government", "foreign", "minister", "org", "other")

_FOREIGN = re.compile(
    r"(?i)affaires étrangères|secrétaire d'état (?:américain|des états-unis)|chef(?:fe)? de la diplomatie"
)
_GOVERNMENT = re.compile(
    r"(?i)premi(?:er|ère) ministre|chanceli[eè]re?\b|président(?:e)? du conseil (?:italien|des ministres)"
    r"|chef(?:fe)? du gouvernement|président(?:e)? du gouvernement"
)
_STATE = re.compile(
    r"(?i)^(?:l'|le |la )?(?:ancien(?:ne)? |nouve(?:au|lle) )?(?:vice-)?(?:président(?:e)?|roi|reine|émir"
    r"|empereur|impératrice|sultan|pape|guide suprême|dirigeant(?:e)?|prince héritier|chef de l'état)\b"
)
_MINISTER = re.compile(r"(?i)\bministre\b|\bsecrétaire d'état\b|\bsecrétaire (?:américain|d'état)")
_ORG_LEADER = re.compile(
    r"(?i)\b(?:secrétaire général(?:e)?|directeur général|directrice générale|haut(?:e)?[- ]commissaire"
    r"|haut représentant|procureure?|président(?:e)? de la commission|président(?:e)? du parlement"
    r"|président(?:e)? de la banque|président(?:e)? du conseil européen)\b"
)


def office_kind(role: str) -> str:
    """ "président turc" -> state, "Premier ministre espagnol" -> government, ..."""
    if not role:
        return ""
    if _ORG_LEADER.search(role):
        return "org"
    if _FOREIGN.search(role):
        return "foreign"
    if _GOVERNMENT.search(role):
        return "government"
    if _STATE.search(role):
        return "state"
    if _MINISTER.search(role):
        return "minister"
    return "other"


@dataclass(frozen=True)
class Office:
    """One office a person held: "président turc" in Turquie from 2014 on."""

    role: str
    kind: str  # one of OFFICE_KINDS
    country: str = ""  # the country it is an office of ("" for an organisation's)
    org: str = ""  # the organisation it leads, by name
    start: int | None = None  # first year held; None: not known
    end: int | None = None  # last year held; None: still held (or not known)

    def distance(self, year: int) -> int:
        """Years between ``year`` and the time the office was held (0: held that year)."""
        if self.start is not None and year < self.start:
            return self.start - year
        if self.end is not None and year > self.end:
            return year - self.end
        return 0


@dataclass
class Entity:
    """A known person, country, city, region or organisation."""

    id: str
    type: str  # person | country | city | region | org
    name: str
    article: str = ""  # "la", "le", "l'", "les" or "" (countries, organisations)
    gender: str = ""  # f | m (people)
    role: str = ""  # people: latest office; organisations: their kind (party, media, ...)
    country: str = ""  # people and cities: country name
    capital: str = ""
    adjective: str = ""
    region: str = ""  # world region (europe, est, moyen-orient, afrique, asie, amerique, monde)
    aliases: list[str] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)  # people, oldest first
    #: countries whose ministers have other titles (« secrétaire d'État »): those titles
    cabinet: list[str] = field(default_factory=list)

    def with_article(self) -> str:
        """ "la Chine", "l'Ukraine", "les États-Unis", "Israël"."""
        if not self.article:
            return self.name
        if self.article.endswith("'"):
            return self.article + self.name
        return f"{self.article} {self.name}"

    @property
    def related(self) -> set[str]:
        """Ids that stand for the same actor: a country and its capital, in both directions."""
        out = set()
        if self.type == "country" and self.capital:
            out.add("city:" + fold(self.capital))
        if self.type == "city" and self.country:
            out.add("country:" + fold(self.country))
        return out

    def office_at(self, year: int | None) -> Office | None:
        """The office held in ``year`` (the latest one when ``year`` is None), else the nearest."""
        if not self.offices:
            return None
        if year is None:
            return self.offices[-1]
        # nearest in time; among those held that year, the latest taken up
        return min(reversed(self.offices), key=lambda o: o.distance(year))


@dataclass
class Gazetteer:
    entities: dict[str, Entity]
    index: dict[str, str]  # folded surface -> entity id
    pattern: re.Pattern[str]
    places: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)
    # (folded name or adjective of a country or region, country, world region), longest first
    _placed: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    def by_type(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kind]

    def lookup(self, surface: str) -> Entity | None:
        eid = self.index.get(fold(surface))
        return self.entities.get(eid) if eid else None

    def region_of(self, country: str) -> str:
        """World region of a country name ("" when unknown)."""
        e = self.entities.get("country:" + fold(country)) if country else None
        return e.region if e is not None else ""

    def place_in(self, text: str) -> tuple[str, str]:
        """(country, world region) named in a role or phrase.

        "ministre nord-coréenne des Affaires étrangères" -> (Corée du Nord, asie);
        "président du Kurdistan irakien" -> (Irak, moyen-orient); "" when none.
        """
        found = self._placed.get(text)
        if found is None:
            folded = fold(text)
            found = next(((c, r) for pat, c, r in self.places if pat.search(folded)), ("", ""))
            self._placed[text] = found  # the same titles are asked about again and again
        return found


def adjective_forms(adj: str) -> set[str]:
    """Masculine and feminine, singular and plural: "iranien" -> iranien(ne)(s)."""
    if not adj:
        return set()
    if adj.endswith("e"):
        fem = adj
    elif adj.endswith(("ien", "éen", "on")):
        fem = adj + "ne"
    elif adj.endswith("c"):
        fem = adj[:-1] + "que"  # turc -> turque
    else:
        fem = adj + "e"
    out = {adj, fem, fem + "s"}
    out.add(adj if adj.endswith(("s", "x")) else adj + "s")
    return out


def _former(role: str, gender: str) -> str:
    """ "Premier ministre britannique" held until 2016 -> "ancien Premier ministre britannique"."""
    return ("ancienne " if gender == "f" else "ancien ") + role


def _offices(p: dict, orgs: dict[str, str]) -> Office:
    role = p.get("role", "")
    org = p.get("org", "")
    kind = "org" if org else office_kind(role)
    return Office(
        role=role,
        kind=kind,
        country="" if org else p.get("country", ""),
        org=orgs.get(fold(org), org),
        start=p.get("from"),
        end=p.get("to"),
    )


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer file, read once: countries and their capitals, cities, regions,
    organisations, and people with their offices."""
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    g = _Entries()
    _read_countries(g, data.get("countries", []))
    _read_cities(g, data.get("cities", []))
    _read_regions(g, data.get("regions", []))
    _read_organisations(g, data.get("organisations", []))
    nationality = _read_people(g, data.get("people", []))
    _settle_offices(g, nationality)
    alternatives = sorted(g.surfaces, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w-])"
    )
    return Gazetteer(g.entities, g.index, pattern, _place_patterns(g.entities))


@dataclass
class _Entries:
    """The gazetteer while it is read: its entities, the names that find them, and what a
    later section needs of an earlier one."""

    entities: dict[str, Entity] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    surfaces: set[str] = field(default_factory=set)
    regions: dict[str, str] = field(default_factory=dict)  # country name -> world region
    orgs: dict[str, str] = field(default_factory=dict)  # folded name or alias -> name

    def add(self, e: Entity, names: list[str]) -> None:
        self.entities[e.id] = e
        for n in names:
            self.index.setdefault(fold(n), e.id)
            self.surfaces.add(n)


def _read_countries(g: _Entries, countries: list[dict]) -> None:
    for c in countries:
        e = Entity(
            id="country:" + fold(c["name"]),
            type="country",
            name=c["name"],
            article=c.get("article", ""),
            capital=c.get("capital", ""),
            adjective=c.get("adjective", ""),
            aliases=c.get("aliases", []),
            region=c.get("region", ""),
            cabinet=c.get("cabinet", []),
        )
        g.regions[e.name] = e.region
        g.add(e, [e.name, *e.aliases])
        if e.capital:
            capital = Entity(
                id="city:" + fold(e.capital),
                type="city",
                name=e.capital,
                country=e.name,
                region=e.region,
            )
            g.add(capital, [e.capital])


def _read_cities(g: _Entries, cities: list[dict]) -> None:
    for c in cities:
        country = c.get("country", "")
        e = Entity(
            id="city:" + fold(c["name"]),
            type="city",
            name=c["name"],
            country=country,
            region=g.regions.get(country, ""),
        )
        if e.id not in g.entities:
            g.add(e, [e.name])


def _read_regions(g: _Entries, regions: list[dict]) -> None:
    """Regions add no name to the index: only the place patterns read them."""
    for r in regions:
        country = r.get("country", "")
        e = Entity(
            id="region:" + fold(r["name"]),
            type="region",
            name=r["name"],
            article=r.get("article", ""),
            country=country,
            region=r.get("area", "") or g.regions.get(country, ""),
        )
        g.entities.setdefault(e.id, e)


def _read_organisations(g: _Entries, organisations: list[dict]) -> None:
    for o in organisations:
        where = o.get("region", "")
        country = where if where in g.regions else ""
        e = Entity(
            id="org:" + fold(o["name"]),
            type="org",
            name=o["name"],
            article=o.get("article", ""),
            aliases=o.get("aliases", []),
            role=o.get("kind", ""),
            country=country,
            region=g.regions[country] if country else where,
        )
        g.add(e, [e.name, *e.aliases])
        for n in [e.name, *e.aliases]:
            g.orgs.setdefault(fold(n), e.name)


def _read_people(g: _Entries, people: list[dict]) -> dict[str, str]:
    """People, one entry per office merged by name; returns the first country each gives."""
    nationality: dict[str, str] = {}  # person id -> the first country given
    for p in people:
        pid = "person:" + fold(p["name"])
        office = _offices(p, g.orgs)
        e = g.entities.get(pid)
        if e is None:
            e = Entity(id=pid, type="person", name=p["name"], gender=p.get("gender", ""))
            g.add(e, [e.name])
            nationality[pid] = p.get("country", "")
        for alias in p.get("aliases", []):
            if alias not in e.aliases:
                e.aliases.append(alias)
                g.add(e, [alias])
        e.offices.append(office)
    return nationality


def _settle_offices(g: _Entries, nationality: dict[str, str]) -> None:
    """A person's role, country and region: those of their latest office."""
    for e in g.entities.values():
        if e.type != "person":
            continue
        e.offices.sort(key=lambda o: (o.start or 0, o.end or 9999))
        latest = e.offices[-1]
        e.role = latest.role if latest.end is None else _former(latest.role, e.gender)
        national = [o for o in e.offices if o.country]
        e.country = national[-1].country if national else nationality.get(e.id, "")
        org = g.entities.get("org:" + fold(latest.org)) if latest.org else None
        e.region = org.region if org is not None else g.regions.get(e.country, "")


def _place_patterns(entities: dict[str, Entity]) -> list[tuple[re.Pattern[str], str, str]]:
    forms: list[tuple[str, str, str]] = []
    for e in entities.values():
        if e.type == "country":
            for n in [e.name, *e.aliases, *adjective_forms(e.adjective)]:
                forms.append((fold(n), e.name, e.region))
        elif e.type == "region":
            forms.append((fold(e.name), e.country, e.region))
    # longest first: "kurdistan irakien" before "kurdistan", "nord coreen" before "coreen"
    forms.sort(key=lambda f: -len(f[0]))
    return [(re.compile(rf"(?<!\w){re.escape(f)}(?!\w)"), c, r) for f, c, r in forms if f]
