"""Wrong options of the same type as the answer: from the article first, then the gazetteer.

Gazetteer options come from the answer's world: for a person, people of the same country
or region holding the same kind of office in the article's years; for an organisation,
organisations of the same kind and region; for a place, places of the same region.
"""

from __future__ import annotations

import functools
import re
import zlib

from .context import Context, entity_gender
from .distractor_worlds import is_political, org_kind, ranked, world_of
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
            gaz = ranked(world, answer, gazetteer.by_type("region")) + gaz  # a region: regions
    if kind == "country":
        region = answer.region or next((g.region for g in gaz if g.id == answer.id), "")
        gaz.sort(key=lambda e: (e.region != region, zlib.crc32(e.name.encode())))
    elif kind == "place" and gaz and gaz[0].type == "region":
        n_regions = sum(g.type == "region" for g in gaz)
        gaz = gaz[:n_regions] + ranked(world, answer, gaz[n_regions:])
    else:
        # The ranking depends on the answer alone: one per answer and article, however
        # many questions have that answer.
        cache = ctx.cache.setdefault("ranked_gazetteer", {})
        key = (answer.id, kind)
        if key not in cache:
            cache[key] = ranked(world, answer, gaz)
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
        political = [(e, a) for e, a in pool if is_political(ctx, e, world.year)]
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
