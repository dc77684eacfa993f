"""What a dated fact is, and the words two facts are compared by (see ``facts``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

KINDS = ("figure", "role", "position", "status", "place")


@dataclass(frozen=True)
class Fact:
    kind: str  # figure | role | position | status | place
    subject: str  # what the value is about, as written: « morts », « ministre des transports »
    relation: str  # compte | occupe | rang
    value: str  # as shown: « 241 », « Paul Verneuil »
    sentence: str
    date: dt.date | None = None
    unit: str = ""  # figures: what is counted, normalised (« mort »)
    qualifier: str = ""  # figures: the hedge (« environ », « au moins »)
    number: float | None = None  # figures: the value as a number
    #: names next to a figure that say which one it is (« entre Vielha et Revel »)
    scope: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> tuple[str, ...]:
        """The subject's comparison words (accents, plurals and small words dropped)."""
        return key_words(self.subject)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "relation": self.relation,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "sentence": self.sentence,
            "scope": sorted(self.scope),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Fact:
        date = d.get("date")
        return cls(
            kind=d["kind"],
            subject=d["subject"],
            relation=d.get("relation", ""),
            value=d["value"],
            sentence=d.get("sentence", ""),
            date=dt.date.fromisoformat(date) if date else None,
            unit=d.get("unit", ""),
            qualifier=d.get("qualifier", ""),
            number=d.get("number"),
            scope=frozenset(d.get("scope") or ()),
        )


@dataclass
class ArticleFacts:
    facts: list[Fact]
    actors: frozenset[str]  # folded names of the people, places and bodies the article names
    language: str = "fr"
    date: dt.date | None = None
    #: how much each actor matters to the article (``story_actors.weigh_actors``)
    weights: dict[str, int] = field(default_factory=dict)
    #: the places the article is about (``story_actors.main_places``)
    places: frozenset[str] = frozenset()


# --- words ---------------------------------------------------------------------------

_SMALL = frozenset(
    "de d' du des la le l' les à au aux en et par pour sur un une son sa ses leur".split()
)
_DROP = frozenset("nouveau nouvelle nouvel actuel actuelle lui".split())
PAST = frozenset("ancien ancienne ex".split())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def norm_word(word: str) -> str:
    """« Présidentes » → « president »: lower case, no accent, no plural, no final e."""
    w = _strip_accents(word.lower().replace("’", "'"))
    if len(w) > 3 and w[-1] in "sx":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):  # « blessées » and « blessés » alike
        w = w[:-1]
    return w


def key_words(phrase: str) -> tuple[str, ...]:
    words = re.findall(r"[\w-]+", phrase.replace("’", "'").replace("'", "' "))
    return tuple(norm_word(w) for w in words if w.lower() not in _SMALL and w.lower() not in _DROP)


def fold_name(name: str) -> str:
    return re.sub(r"\s+", " ", _strip_accents(name.lower())).strip()


EPISODE_NOUNS = r"(?:étape|manche|match|journée|épreuve|course|soirée|séance|demi-finale|finale|tour|jour|round)"
#: « le plus combatif de l'étape », « le vainqueur du jour »: a title of one episode, not of the story.
EPISODE = re.compile(rf"\b(?:de l'|du |de la |de cette |de ce |de cet ){EPISODE_NOUNS}\b", re.I)
NAME_WORD = r"[A-ZÉÈÊÀÂÎÔÛÇ][\w’'-]*"
NAME = rf"{NAME_WORD}(?:\s+(?:(?:de|De|da|dos|del|van|von|Van|Von|el|al)\s+)?{NAME_WORD}){{1,3}}"


def in_quote(text: str, pos: int) -> bool:
    return text[:pos].count("«") > text[:pos].count("»")
