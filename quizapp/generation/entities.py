"""Who and what an article names: people (with roles), countries, cities, organisations."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .gazetteer import Entity, load_gazetteer
from .text import fold

#: The first word of a body's name: a model may read « Conseil de X » as a place.
_INSTITUTION = re.compile(
    r"(?:Conseil|Assemblée|Parlement|Sénat|Commission|Cour|Tribunal|Ministère|Banque|Agence"
    r"|Parti|Front|Mouvement|Union|Organisation|Fédération|Comité|Conférence|Haut[- ]Commissariat"
    r"|Chambre|Congrès|Gouvernement|Institut|Office|Fonds|Alliance|Ligue)\b"
)

_ROLE_NOUNS = (
    r"(?:vice-)?présidente?|ministre|secrétaire(?: général)?|chef|porte-parole|directeur|directrice"
    r"|chanceli[eè]re?|[Pp]remi(?:er|ère) ministre|ambassad(?:eur|rice)|dirigeante?|gouverneur|maire"
    r"|commissaire|représentante?|conseill(?:er|ère)|négociat(?:eur|rice)|roi|reine|pape|patronne?"
    r"|procureure?|sénat(?:eur|rice)|députée?|haut représentant|numéro (?:un|deux)"
)
_ADJ = r"[a-zàâçéèêëîïôûùüÿœ-]+(?:ain|aine|ais|aise|ois|oise|ien|ienne|éen|éenne|ique|al|ale|and|ande|ère|ères|in|ine|an|ane|on|onne|ole|que|se|ze|re|te)"
_ROLE = (
    rf"(?:(?:ancien|ancienne|nouveau|nouvelle|actuel|actuelle)\s)?(?:{_ROLE_NOUNS})(?:\s{_ADJ})?"
    rf"(?:\s(?:de la|de l'|du|des|de|d')\s?[A-ZÉ][\w'-]*(?:\s[A-ZÉ][\w'-]*|\s(?:et|des|de la|du) [A-ZÉ][\w'-]*)*(?:\s{_ADJ})?)?(?:\s{_ADJ})?"
)
_ROLE_AFTER = re.compile(rf"^,\s(?:l'|le |la )?(?P<role>{_ROLE})(?=\s?[,.;)]|\set\s)")
_ROLE_BEFORE = re.compile(
    rf"(?:^|\b)(?P<det>l'|[Ll]e |[Ll]a |[Ss]on |[Ss]a )(?P<role>{_ROLE}),?\s$"
)
_TITLE = re.compile(r"^(?:M\.|Mme|MM\.|Dr|Mgr|le général|la générale)\s")
_NOT_NAMES = {
    "Les",
    "Le",
    "La",
    "État",
    "Etat",
    "Union",
    "Parlement",
    "Gouvernement",
    "Occident",
    "Européens",
    "Occidentaux",
    "Brexit",
}
_PRONOUN_LIKE = {"il", "elle", "ils", "elles", "on", "ce", "cela", "ceci"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    entity: Entity


@dataclass
class ArticleEntities:
    mentions: list[Mention]
    entities: dict[str, Entity]
    display: dict[str, str] = field(default_factory=dict)  # id -> longest form used in the text
    roles: dict[str, str] = field(default_factory=dict)  # person id -> role as written
    role_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: people only spaCy calls people, named once, with no role, title or known first name
    #: (« l'occasion de Valdor Day »): never offered as a wrong option
    doubtful: set[str] = field(default_factory=set)

    def in_span(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def of_type(self, kind: str) -> list[Entity]:
        """Entities of a type, most mentioned first."""
        ents = [e for e in self.entities.values() if e.type == kind]
        return sorted(ents, key=lambda e: -self.counts.get(e.id, 0))


def find_entities(text: str, doc) -> ArticleEntities:
    """Mentions from the gazetteer first, then spaCy's named entities for the unknown ones."""
    gaz = load_gazetteer()
    mentions: list[Mention] = []
    for m in gaz.pattern.finditer(text):
        ent = gaz.lookup(m.group())
        if ent is None:
            continue
        if ent.type == "city" and _names_a_treaty(text, m.start()):
            continue  # "les accords de Valdor": a treaty's name, not the city
        mentions.append(Mention(m.start(), m.end(), m.group(), ent))
    taken = [(m.start, m.end) for m in mentions]
    entities: dict[str, Entity] = {m.entity.id: m.entity for m in mentions}
    surnames = {p.name.split()[-1]: p for p in entities.values() if p.type == "person"}
    for ent in doc.ents:
        s, e = ent.start_char, ent.end_char
        if any(not (e <= a or s >= b) for a, b in taken):
            continue
        found = _parser_mention(text, ent, entities, surnames)
        if found is not None:
            mentions.append(found)
            taken.append((found.start, found.end))
    mentions.sort(key=lambda m: m.start)
    result = ArticleEntities(mentions, entities)
    for m in mentions:
        result.counts[m.entity.id] = result.counts.get(m.entity.id, 0) + 1
        if len(m.text) > len(result.display.get(m.entity.id, "")) and (
            m.entity.type != "person" or len(m.text.split()) >= 2
        ):
            result.display[m.entity.id] = m.text
    _find_roles(text, result)
    _settle_people(text, result)
    return result


_TREATY_BEFORE = re.compile(r"(?:accords?|protocole|format)(?: [a-zé]+)? d[eu] $")


def _names_a_treaty(text: str, start: int) -> bool:
    """ "les accords de Valdor", "le protocole de Verneuil": the place names a treaty."""
    return _TREATY_BEFORE.search(text[max(0, start - 30) : start]) is not None


def _parser_mention(
    text: str, ent, entities: dict[str, Entity], surnames: dict[str, Entity]
) -> Mention | None:
    """A name spaCy found and the gazetteer does not know, as a mention of a new entity or
    of one already met; None when it does not look like a name worth asking about."""
    s = ent.start_char
    surface = ent.text.strip(" ,.")
    t = _TITLE.match(surface)
    if t:
        s += t.end()
        surface = surface[t.end() :]
    words = surface.split()
    particles = ("de", "du", "des", "von", "van", "der", "bin")
    if not words or not all(w[:1].isupper() for w in words if w not in particles):
        return None
    kind = {"PER": "person", "ORG": "org", "LOC": "place"}.get(ent.label_)
    if kind == "place" and _INSTITUTION.match(surface):
        kind = "org"  # « le Conseil de Valdorie », « la Cour suprême »: a body, not a place
    if ent.label_ == "MISC" and 2 <= len(words) <= 4:
        if _looks_like_person(text, s, s + len(surface)):
            kind = "person"
    if kind is None or surface.lower() in _PRONOUN_LIKE or len(surface) < 3:
        return None
    if surface in _NOT_NAMES or _names_a_treaty(text, s):
        return None
    entity = _parser_entity(text, kind, s, surface, entities, surnames)
    if entity is None:
        return None
    entities.setdefault(entity.id, entity)
    return Mention(s, s + len(surface), surface, entities[entity.id])


def _parser_entity(
    text: str, kind: str, s: int, surface: str, entities: dict, surnames: dict
) -> Entity | None:
    """The entity a name spaCy found stands for: a person met before under a surname, a
    new person, a city (« à X ») or other place, or an organisation."""
    words = surface.split()
    if kind == "person":
        if len(words) == 1 and words[0] in surnames:
            return surnames[words[0]]
        if len(words) == 1:
            return None  # a lone name we cannot pin down makes a poor answer
        entity = entities.get("person:" + fold(surface)) or Entity(
            id="person:" + fold(surface), type="person", name=surface
        )
        surnames.setdefault(words[-1], entity)
        return entity
    if kind == "place":
        before = text[max(0, s - 3) : s]
        kind = "city" if before.endswith("à ") else "place"
        return Entity(id=f"{kind}:" + fold(surface), type=kind, name=surface)
    return Entity(id="org:" + fold(surface), type="org", name=surface)


#: Right before a name, words a person's name does not take: a preposition of place
#: (« en Haute-Savoie », not « à », which people take too) or a determiner (« aux
#: Démocrates »); with a person a title stands between them (« la ministre X »).
_PLACE_BEFORE = re.compile(r"\b(?:en|vers|depuis)\s$", re.I)
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:au|aux|le|la|les|des|du)\s|\bl')$", re.I)
#: A list of places: « Valdor, Castelroc, Porte-Ombre et Verneuil ».
_LIST_JOIN = re.compile(r"^\s?(?:,|et)\s?$")


def _settle_people(text: str, ents: ArticleEntities) -> None:
    """spaCy's people checked against how the article writes them, and given a gender.

    A name the gazetteer does not know and the article gives no role is a place when a
    mention of it follows a preposition of place or sits in a list of known places
    (« Valdor, Castelroc, Porte-Ombre et Verneuil »), and
    something other than a person (an organisation, an event) when it follows a
    determiner or opens with an article (« Le Courrier »). A person's gender comes from
    « M. » / « Mme » or from a first name that is clearly one or the other.
    """
    gaz = load_gazetteer()
    _retype(ents, _not_people(text, ents, gaz))
    for m in ents.mentions:
        e = m.entity
        if e.type != "person" or e.gender:
            continue
        title = re.search(r"\b(M\.|Mme|Madame|Monsieur)\s$", text[max(0, m.start - 9) : m.start])
        if title:
            e.gender = "m" if title.group(1) in ("M.", "Monsieur") else "f"
        else:
            e.gender = first_name_gender(e.name)
    for e in ents.entities.values():
        if (
            e.type == "person"
            and not e.gender
            and e.id not in gaz.entities
            and e.id not in ents.roles
            and ents.counts.get(e.id, 0) <= 1
        ):
            ents.doubtful.add(e.id)


def _not_people(text: str, ents: ArticleEntities, gaz) -> dict[str, str]:
    """The type ("place", "org") of the unknown people the article writes as something else."""
    retype: dict[str, str] = {}
    for i, m in enumerate(ents.mentions):
        e = m.entity
        if e.type != "person" or e.id in gaz.entities or e.id in ents.roles:
            continue
        before = text[max(0, m.start - 12) : m.start]
        if _PLACE_BEFORE.search(before):
            retype[e.id] = "place"
        elif m.text.split()[0] in ("Le", "La", "Les") or _DETERMINER_BEFORE.search(before):
            retype.setdefault(e.id, "org")
        for j in (i - 1, i + 1):
            if 0 <= j < len(ents.mentions):
                n = ents.mentions[j]
                gap = text[n.end : m.start] if j < i else text[m.end : n.start]
                if n.entity.type in ("city", "country", "place") and _LIST_JOIN.match(gap):
                    retype[e.id] = "place"
    return retype


def _retype(ents: ArticleEntities, retype: dict[str, str]) -> None:
    """Give the retyped entities their new type and id, their counts and display with them."""
    for m in ents.mentions:
        kind = retype.get(m.entity.id)
        if kind is None:
            continue
        old = m.entity
        new_id = f"{kind}:" + fold(old.name)
        m.entity = ents.entities.setdefault(new_id, Entity(id=new_id, type=kind, name=old.name))
        if ents.entities.get(old.id) is old:
            del ents.entities[old.id]
            ents.counts[new_id] = ents.counts.get(new_id, 0) + ents.counts.pop(old.id, 0)
            if old.id in ents.display:
                ents.display[new_id] = ents.display.pop(old.id)


@functools.cache
def _first_names():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_gender(name: str) -> str:
    """f | m from a name's first name when it is clearly one or the other, else ''."""
    first = name.split()[0].split("-")[0]
    plain = "".join(
        c for c in unicodedata.normalize("NFD", first) if unicodedata.category(c) != "Mn"
    )
    for form in (first, plain):
        found = _first_names().get_gender(form)
        if found == "female":
            return "f"
        if found == "male":
            return "m"
    return ""


def _looks_like_person(text: str, s: int, e: int) -> bool:
    before, after = text[max(0, s - 80) : s], text[e : e + 80]
    return bool(_ROLE_BEFORE.search(before) or _ROLE_AFTER.match(after))


def _find_roles(text: str, ents: ArticleEntities) -> None:
    for m in ents.mentions:
        if m.entity.type != "person":
            continue
        after = _ROLE_AFTER.match(text[m.end : m.end + 120])
        before = _ROLE_BEFORE.search(text[max(0, m.start - 120) : m.start])
        found = None
        if after:
            found = (after.group("role"), m.end + after.start("role"), m.end + after.end("role"))
        elif before:
            base = max(0, m.start - 120)
            found = (before.group("role"), base + before.start("role"), base + before.end("role"))
            if before.group("det").strip().lower() in ("la", "sa") and not m.entity.gender:
                m.entity.gender = "f"
        if found and len(found[0].split()) >= 2 and m.entity.id not in ents.roles:
            role = found[0]
            ents.roles[m.entity.id] = role
            ents.role_spans[m.entity.id] = (found[1], found[2])
            if not m.entity.gender:
                m.entity.gender = (
                    "f"
                    if re.search(
                        r"(?:ne|e|ice|ère)\b", role.split()[1] if len(role.split()) > 1 else ""
                    )
                    and role.split()[0] in ("ministre", "secrétaire")
                    else ""
                )
