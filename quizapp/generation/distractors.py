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
from .distractor_worlds import World, is_political, org_kind, ranked, world_of
from .gazetteer import Entity, adjective_forms, load_gazetteer
from .text import fold

#: Organisation kinds a gazetteer option may have when the answer's kind is unknown.
_GENERIC_ORGS = ("intl", "eu", "forum", "alliance", "court")


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
        or acronym_of(a, b)
        or acronym_of(b, a)
    )


_SMALL = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "à", "au", "aux"}


def acronym_of(short: str, long: str) -> bool:
    letters = re.sub(r"^(?:la|le|les|l')\s?", "", short.strip(), flags=re.IGNORECASE)
    letters = letters.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", long) if w.lower() not in _SMALL]
    return "".join(w[0].upper() for w in words) == letters


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
    compatriots: bool = False,
) -> tuple[list[str], int]:
    """Distractor texts for an entity answer, and how many came from the gazetteer.

    ``compatriots``: the stem names the answer's country (« Qui était le président
    français ? »): people of that country come before the article's foreigners."""
    world = world_of(ctx, answer)
    asked = _Asked.of(ctx, answer, answer_text, stem, same_gender, same_article, feminine_only)
    out: list[str] = []
    from_gaz = 0
    for e, in_article in _option_pool(ctx, answer, world, compatriots):
        if _ruled_out(asked, e, in_article):
            continue
        text = _option_text(asked, e, in_article)
        if _gives_away(asked, e, text, out):
            continue
        out.append(text)
        from_gaz += 0 if in_article else 1
        if len(out) == n:
            break
    if asked.with_article and answer_text[:1].isupper():
        out = [o[:1].upper() + o[1:] for o in out]
    elif asked.with_article:
        out = [o[:1].lower() + o[1:] for o in out]
    return out, from_gaz


@dataclass
class _Asked:
    """What an entity's wrong options must fit: the answer, how it is written, the stem."""

    ctx: Context
    answer: Entity
    answer_text: str
    folded_stem: str
    with_article: bool  # « la France », « l'OTAN »: the options take theirs
    gender: str  # the answer's gender when the stem shows it, else ""
    same_article: bool
    feminine_only: bool
    org_kind: str
    capitals: set[str] | None  # when a capital acts for its government: the capitals

    @classmethod
    def of(
        cls,
        ctx: Context,
        answer: Entity,
        answer_text: str,
        stem: str,
        same_gender: bool,
        same_article: bool,
        feminine_only: bool,
    ) -> _Asked:
        kind = answer.type
        countries = load_gazetteer().by_type("country")
        capitals = {fold(c.capital) for c in countries if c.capital}
        # a city that acts (« Valdor a accusé ») stands for its government: other capitals
        actor_city = (
            kind in ("city", "place")
            and re.match(r"(?i)(?:qui|selon qui)\b", stem)
            and fold(answer.name) in capitals
        )
        gender = entity_gender(answer)
        gender_shows = (
            kind == "person"
            and bool(gender)
            and (same_gender or gender == "f" and feminine_agreement(stem))
        )
        return cls(
            ctx=ctx,
            answer=answer,
            answer_text=answer_text,
            folded_stem=fold(stem),
            with_article=bool(re.match(r"(?i)(la |le |les |l')", answer_text)),
            gender=gender if gender_shows else "",
            same_article=same_article,
            feminine_only=feminine_only,
            org_kind=org_kind(answer) if kind == "org" else "",
            capitals=capitals if actor_city else None,
        )


def _option_pool(
    ctx: Context, answer: Entity, world: World, compatriots: bool = False
) -> list[tuple[Entity, bool]]:
    """(entity, named in the article) of the answer's type: the article's first, then the
    gazetteer's, best fitting the answer's world first."""
    kind = answer.type
    pool: list[tuple[Entity, bool]] = [(e, True) for e in ctx.ents.of_type(kind)]
    if kind == "place":  # a place the gazetteer does not know: other places, then cities
        pool += [(e, True) for e in ctx.ents.of_type("city")]
    gazetteer = [(e, False) for e in _gazetteer_options(ctx, answer, world)]
    if compatriots and kind == "person" and world.country and not world.org:
        pool = _compatriots_first(ctx, pool, gazetteer, world)
    else:
        pool += gazetteer
    if kind == "person" and world.kind == "other":
        # « Qui est la porte-parole d'Eurogrid ? »: a title that is no political office.
        # No politician from elsewhere is a plausible option; the article's own come last.
        political = [(e, a) for e, a in pool if is_political(ctx, e, world.year)]
        pool = [p for p in pool if p not in political] + [(e, a) for e, a in political if a]
    return pool


def _compatriots_first(
    ctx: Context,
    article: list[tuple[Entity, bool]],
    gazetteer: list[tuple[Entity, bool]],
    world: World,
) -> list[tuple[Entity, bool]]:
    """« Qui était le président français ? »: the article's people of that country (or of
    no known country), then the gazetteer's of that country, then the gazetteer's others;
    the article's foreign leaders come last, as they would give the answer away."""
    gaz = load_gazetteer()

    def country_of(e: Entity) -> str:
        known = gaz.entities.get(e.id) or gaz.lookup(e.name)
        person = known if known is not None and known.type == "person" else e
        office = person.office_at(world.year) if person.offices else None
        if office is not None and office.country:
            return office.country
        role = ctx.ents.roles.get(e.id, "")  # « le chancelier allemand X »: Germany
        return person.country or (gaz.place_in(role)[0] if role else "")

    home = [p for p in article if country_of(p[0]) in ("", world.country)]
    home_gaz = [p for p in gazetteer if country_of(p[0]) == world.country]
    # then the gazetteer's, nearest the answer's world first; the article's foreigners last
    rest_gaz = [p for p in gazetteer if p not in home_gaz]
    return home + home_gaz + rest_gaz + [p for p in article if p not in home]


def _gazetteer_options(ctx: Context, answer: Entity, world: World) -> list[Entity]:
    """The gazetteer's entities of the answer's type, in the order they are offered."""
    kind = answer.type
    gazetteer = load_gazetteer()
    gaz = gazetteer.by_type(kind)
    if kind == "place":
        gaz = gazetteer.by_type("city")
        if world.region and gazetteer.entities.get("region:" + fold(answer.name)):
            gaz = ranked(world, answer, gazetteer.by_type("region")) + gaz  # a region: regions
    if kind == "country":
        region = answer.region or next((g.region for g in gaz if g.id == answer.id), "")
        gaz.sort(key=lambda e: (e.region != region, zlib.crc32(e.name.encode())))
        return gaz
    if kind == "place" and gaz and gaz[0].type == "region":
        n_regions = sum(g.type == "region" for g in gaz)
        return gaz[:n_regions] + ranked(world, answer, gaz[n_regions:])
    # The ranking depends on the answer alone: one per answer and article, however
    # many questions have that answer.
    cache = ctx.cache.setdefault("ranked_gazetteer", {})
    key = (answer.id, kind)
    if key not in cache:
        cache[key] = ranked(world, answer, gaz)
    return cache[key]


def _ruled_out(asked: _Asked, e: Entity, in_article: bool) -> bool:
    """Whether an entity cannot be a wrong option whatever its text."""
    answer, kind = asked.answer, asked.answer.type
    if e.id in (answer.related | {answer.id}) or answer.id in e.related:
        return True
    if in_article and e.id in asked.ctx.ents.doubtful:
        return True
    if asked.gender and e.gender and e.gender != asked.gender:
        return True  # « Qui réussit son pari mais sort fragilisée ? »: women only
    if kind == "country" and asked.with_article and not e.article:
        return True
    if kind == "country" and any(
        re.search(rf"\b{re.escape(fold(a))}\b", asked.folded_stem)
        for a in adjective_forms(e.adjective)
        if len(a) >= 4
    ):
        return True  # « expulsé 20 diplomates valdoriens »: not « la Valdorie » as an option
    if asked.same_article and e.article != answer.article:
        return True
    if asked.feminine_only and (e.article not in ("la", "l'") or e.name.endswith(("s",))):
        return True  # "en {1}": "en Chine" but never "en États-Unis"
    if kind == "org" and not _org_fits(asked.org_kind, e, in_article):
        return True
    # « Valdor a accusé … »: another capital, not a town
    return asked.capitals is not None and fold(e.name) not in asked.capitals


def _option_text(asked: _Asked, e: Entity, in_article: bool) -> str:
    """How the option is written: as the article names it, with an article like the answer's."""
    kind = asked.answer.type
    text = asked.ctx.display(e) if in_article else e.name
    if kind in ("country", "org") and asked.with_article:
        text = (
            e.with_article()
            if not in_article or not re.match(r"(?i)(la |le |les |l')", text)
            else text
        )
        if not re.match(r"(?i)(la |le |les |l')", text):
            text = e.with_article()
    if kind in ("country", "org") and not asked.with_article:
        text = e.name
    return text


def _gives_away(asked: _Asked, e: Entity, text: str, out: list[str]) -> bool:
    """Whether an option is the answer under another name, repeats another option, or is
    already named in the stem."""
    if any(clashes(text, o) for o in [asked.answer_text, *out]):
        return True
    if any(clashes(alias, asked.answer_text) for alias in e.aliases):
        return True
    f = fold(text)
    if f and re.search(rf"\b{re.escape(f)}\b", asked.folded_stem):
        return True
    if e.type == "city" and e.country and _names(asked.folded_stem, e.country):
        return True  # « Qui a accusé les États-Unis … ? »: not Washington, which stands for them
    surname = fold(e.name.split()[-1]) if asked.answer.type == "person" else ""
    # « Qui a déclaré que Dubreuil … ? »: not Paul Dubreuil
    return len(surname) >= 4 and bool(re.search(rf"\b{re.escape(surname)}\b", asked.folded_stem))


def _names(folded_stem: str, country: str) -> bool:
    """Whether the stem names the country (by name or alias)."""
    c = load_gazetteer().lookup(country)
    forms = [country, *(c.aliases if c is not None else [])]
    return any(re.search(rf"\b{re.escape(fold(f))}\b", folded_stem) for f in forms if len(f) >= 3)
