"""The bundled gazetteer of current-affairs entities (quizapp/data/gazetteer.yaml)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .text import fold

PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer.yaml"


@dataclass
class Entity:
    """A known person, country, city, region or organisation."""

    id: str
    type: str  # person | country | city | region | org
    name: str
    article: str = ""  # "la", "le", "l'", "les" or "" (countries, organisations)
    gender: str = ""  # f | m (people)
    role: str = ""
    country: str = ""  # people and cities: country name
    capital: str = ""
    adjective: str = ""
    region: str = ""
    aliases: list[str] = field(default_factory=list)

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


@dataclass
class Gazetteer:
    entities: dict[str, Entity]
    index: dict[str, str]  # folded surface -> entity id
    pattern: re.Pattern[str]

    def by_type(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == kind]

    def lookup(self, surface: str) -> Entity | None:
        eid = self.index.get(fold(surface))
        return self.entities.get(eid) if eid else None


@functools.cache
def load_gazetteer() -> Gazetteer:
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    entities: dict[str, Entity] = {}
    index: dict[str, str] = {}
    surfaces: set[str] = set()

    def add(e: Entity, names: list[str]) -> None:
        entities[e.id] = e
        for n in names:
            index.setdefault(fold(n), e.id)
            surfaces.add(n)

    for c in data.get("countries", []):
        e = Entity(
            id="country:" + fold(c["name"]),
            type="country",
            name=c["name"],
            article=c.get("article", ""),
            capital=c.get("capital", ""),
            adjective=c.get("adjective", ""),
            aliases=c.get("aliases", []),
            region=c.get("region", ""),
        )
        add(e, [e.name, *e.aliases])
        if e.capital:
            capital = Entity(
                id="city:" + fold(e.capital), type="city", name=e.capital, country=e.name
            )
            add(capital, [e.capital])
    for c in data.get("cities", []):
        e = Entity(
            id="city:" + fold(c["name"]), type="city", name=c["name"], country=c.get("country", "")
        )
        if e.id not in entities:
            add(e, [e.name])
    for r in data.get("regions", []):
        e = Entity(
            id="region:" + fold(r["name"]),
            type="region",
            name=r["name"],
            article=r.get("article", ""),
        )
        entities.setdefault(e.id, e)
    for p in data.get("people", []):
        e = Entity(
            id="person:" + fold(p["name"]),
            type="person",
            name=p["name"],
            gender=p.get("gender", ""),
            role=p.get("role", ""),
            country=p.get("country", ""),
            aliases=p.get("aliases", []),
        )
        add(e, [e.name, *e.aliases])
    for o in data.get("organisations", []):
        e = Entity(
            id="org:" + fold(o["name"]),
            type="org",
            name=o["name"],
            article=o.get("article", ""),
            aliases=o.get("aliases", []),
            role=o.get("kind", ""),
        )
        add(e, [e.name, *e.aliases])
    alternatives = sorted(surfaces, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(s) for s in alternatives) + r")(?![\w-])"
    )
    return Gazetteer(entities, index, pattern)
