"""Wrong options of the same type as the answer: from the article first, then the gazetteer.

Gazetteer options come from the answer's world: for a person, people of the same country
or region holding the same kind of office in the article's years; for an organisation,
organisations of the same kind and region; for a place, places of the same region.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

from .context import Context, entity_gender
from .gazetteer import Entity, Gazetteer, adjective_forms, load_gazetteer, office_kind
from .text import fold

#: Years either side of the article's date within which an office still counts as the
#: same period ("ancien président" named in a 2016 article left office in 2014).
MARGIN = 2

#: Organisation kinds a gazetteer option may have when the answer's kind is unknown.
_GENERIC_ORGS = ("intl", "eu", "forum", "alliance", "court")

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


def distinct(options: list[str]) -> bool:
    keys = [fold(o) for o in options]
    return len(set(keys)) == len(keys) and all(keys)


def clashes(a: str, b: str) -> bool:
    """True when two option texts are the same thing once folded, one contains the other,
    or one is the other's acronym (« l'OTAN », « Organisation du traité de l'Atlantique nord »)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return True
    return (
        fa == fb
        or re.search(rf"\b{re.escape(fa)}\b", fb) is not None
        or re.search(rf"\b{re.escape(fb)}\b", fa) is not None
        or _acronym_of(a, b)
        or _acronym_of(b, a)
    )


_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "à", "au", "aux"}


def _acronym_of(short: str, long: str) -> bool:
    letters = re.sub(r"^(?:la|le|les|l')\s?", "", short.strip(), flags=re.IGNORECASE)
    letters = letters.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", long) if w.lower() not in _SMALL]
    return "".join(w[0].upper() for w in words) == letters


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


def _political(ctx: Context, e: Entity, year: int | None) -> bool:
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


def _ranked(world: World, answer: Entity, gaz_ents: list[Entity]) -> list[Entity]:
    """Gazetteer entities of the answer's type, best fitting first, unfit ones left out."""
    seed = answer.id.encode()

    def tiebreak(e: Entity) -> int:
        return zlib.crc32(seed + e.name.encode())

    if answer.type == "person":
        ranks = [(_person_rank(world, e), tiebreak(e), e) for e in gaz_ents]
        return [
            e for r, _, e in sorted((x for x in ranks if x[0] is not None), key=lambda x: x[:2])
        ]
    if answer.type == "org":
        return sorted(gaz_ents, key=lambda e: (world.geo_tier(e.country, e.region), tiebreak(e)))
    return sorted(gaz_ents, key=lambda e: (world.geo_tier(e.country, e.region), tiebreak(e)))


def org_kind(e: Entity) -> str:
    """party, media, armed, intl, ... from the gazetteer, else guessed from the name."""
    if e.role:
        return e.role
    return next((kind for kind, pat in _ORG_KINDS if pat.search(e.name)), "")


def _org_fits(answer_kind: str, e: Entity, in_article: bool) -> bool:
    kind = org_kind(e)
    if kind == answer_kind:
        return True  # a newspaper for a newspaper, a party for a party
    if not answer_kind:
        return in_article or kind in _GENERIC_ORGS
    return False


_SHE = re.compile(r"(?i)\belles?(?:-mêmes?)?\b")


@functools.lru_cache(maxsize=512)
def feminine_agreement(stem: str) -> bool:
    """Whether a « Qui … ? » stem agrees with a woman (« sort fragilisée », « a été
    assermentée », « elle-même »), so that a man among the options would be ruled out."""
    if _SHE.search(stem):
        return True
    from .nlp import get_nlp

    doc = get_nlp()(stem)
    # a feminine word right after a verb, an auxiliary or an adverb is a participle or an
    # attribute of the subject (the small model sometimes tags it a noun); after a
    # determiner or a noun it belongs to something else (« la délégation »)
    return any(
        t.pos_ in ("VERB", "ADJ", "NOUN")
        and ("Fem" in t.morph.get("Gender") or _feminine_participle(t))
        and t.i > 0
        and doc[t.i - 1].pos_ in ("AUX", "VERB", "ADV", "PRON")
        for t in doc
    )


def _feminine_participle(t) -> bool:
    """« applaudie », « assermentée », « élue », « prise »: a past participle's feminine
    ending, which the models' morphology does not always see."""
    return "Part" in t.morph.get("VerbForm") and t.text.lower().endswith(
        ("ée", "ées", "ie", "ies", "ue", "ues", "ise", "ises", "ite", "ites", "erte", "ertes")
    )


def entity_options(
    ctx: Context,
    answer: Entity,
    answer_text: str,
    stem: str,
    n: int = 3,
    same_gender: bool = False,
    same_article: bool = False,
    feminine_only: bool = False,
) -> tuple[list[str], int]:
    """Distractor texts for an entity answer, and how many came from the gazetteer."""
    kind = answer.type
    related = answer.related | {answer.id}
    with_article = bool(re.match(r"(?i)(la |le |les |l')", answer_text))
    folded_stem = fold(stem)
    gazetteer = load_gazetteer()
    world = world_of(ctx, answer)
    pool: list[tuple[Entity, bool]] = [(e, True) for e in ctx.ents.of_type(kind)]
    gaz = gazetteer.by_type(kind)
    if kind == "place":  # a place the gazetteer does not know: other places, then cities
        pool += [(e, True) for e in ctx.ents.of_type("city")]
        gaz = gazetteer.by_type("city")
        if world.region and gazetteer.entities.get("region:" + fold(answer.name)):
            gaz = _ranked(world, answer, gazetteer.by_type("region")) + gaz  # a region: regions
    if kind == "country":
        region = answer.region or next((g.region for g in gaz if g.id == answer.id), "")
        gaz.sort(key=lambda e: (e.region != region, zlib.crc32(e.name.encode())))
    elif kind == "place" and gaz and gaz[0].type == "region":
        n_regions = sum(g.type == "region" for g in gaz)
        gaz = gaz[:n_regions] + _ranked(world, answer, gaz[n_regions:])
    else:
        # The ranking depends on the answer alone: one per answer and article, however
        # many questions have that answer.
        cache = ctx.cache.setdefault("ranked_gazetteer", {})
        key = (answer.id, kind)
        if key not in cache:
            cache[key] = _ranked(world, answer, gaz)
        gaz = cache[key]
    pool += [(e, False) for e in gaz]
    answer_org_kind = org_kind(answer) if kind == "org" else ""
    # a city that acts (« Moscou a accusé ») stands for its government: other capitals
    actor_city = kind in ("city", "place") and re.match(r"(?i)(?:qui|selon qui)\b", stem)
    capitals = {fold(c.capital) for c in gazetteer.by_type("country") if c.capital}
    if actor_city and fold(answer.name) not in capitals:
        actor_city = False
    if kind == "person" and world.kind == "other":
        # « Qui est la porte-parole d'Eurogrid ? »: a title that is no political office.
        # No politician from elsewhere is a plausible option; the article's own come last.
        political = [(e, a) for e, a in pool if _political(ctx, e, world.year)]
        pool = [p for p in pool if p not in political] + [(e, a) for e, a in political if a]
    out: list[str] = []
    from_gaz = 0
    gender = entity_gender(answer)
    gender_shows = (
        kind == "person"
        and bool(gender)
        and (same_gender or gender == "f" and feminine_agreement(stem))
    )
    for e, in_article in pool:
        if e.id in related or answer.id in e.related:
            continue
        if in_article and e.id in ctx.ents.doubtful:
            continue
        if kind == "person" and gender_shows and e.gender and e.gender != gender:
            continue  # « Qui réussit son pari mais sort fragilisée ? »: women only
        if kind == "country" and with_article and not e.article:
            continue
        if kind == "country" and any(
            re.search(rf"\b{re.escape(fold(a))}\b", folded_stem)
            for a in adjective_forms(e.adjective)
            if len(a) >= 4
        ):
            continue  # « expulsé 20 diplomates iraniens »: not « l'Iran » as an option
        if same_article and e.article != answer.article:
            continue
        if feminine_only and (e.article not in ("la", "l'") or e.name.endswith(("s",))):
            continue  # "en {1}": "en Chine" but never "en États-Unis"
        if kind == "org" and not _org_fits(answer_org_kind, e, in_article):
            continue
        text = ctx.display(e) if in_article else e.name
        if kind in ("country", "org") and with_article:
            text = (
                e.with_article()
                if not in_article or not re.match(r"(?i)(la |le |les |l')", text)
                else text
            )
            if not re.match(r"(?i)(la |le |les |l')", text):
                text = e.with_article()
        if kind in ("country", "org") and not with_article:
            text = e.name
        if any(clashes(text, o) for o in [answer_text, *out]):
            continue
        if any(clashes(alias, answer_text) for alias in e.aliases):
            continue
        f = fold(text)
        if f and re.search(rf"\b{re.escape(f)}\b", folded_stem):
            continue
        surname = fold(e.name.split()[-1]) if kind == "person" else ""
        if len(surname) >= 4 and re.search(rf"\b{re.escape(surname)}\b", folded_stem):
            continue  # « Qui a déclaré que Trump … ? »: not Donald Trump
        if actor_city and fold(e.name) not in capitals:
            continue  # « Moscou a accusé … »: Washington, not Mossoul
        out.append(text)
        from_gaz += 0 if in_article else 1
        if len(out) == n:
            break
    if with_article and answer_text[:1].isupper():
        out = [o[:1].upper() + o[1:] for o in out]
    elif with_article:
        out = [o[:1].lower() + o[1:] for o in out]
    return out, from_gaz
