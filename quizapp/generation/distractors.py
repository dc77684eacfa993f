"""Wrong options of the same type as the answer: from the article first, then the gazetteer."""

from __future__ import annotations

import re
import zlib

from .context import Context, entity_gender
from .gazetteer import Entity, load_gazetteer
from .text import fold


def distinct(options: list[str]) -> bool:
    keys = [fold(o) for o in options]
    return len(set(keys)) == len(keys) and all(keys)


def clashes(a: str, b: str) -> bool:
    """True when two option texts are the same thing once folded, or one contains the other."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return True
    return (
        fa == fb
        or re.search(rf"\b{re.escape(fa)}\b", fb) is not None
        or re.search(rf"\b{re.escape(fb)}\b", fa) is not None
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
    pool: list[tuple[Entity, bool]] = [(e, True) for e in ctx.ents.of_type(kind)]
    gaz = load_gazetteer().by_type(kind)
    if kind == "place":  # a place the gazetteer does not know: other places, then cities
        pool += [(e, True) for e in ctx.ents.of_type("city")]
        gaz = load_gazetteer().by_type("city")
    if kind == "person":
        # people from the same countries as the article's people first: more plausible
        countries = {e.country for e, _ in pool if e.country}
        gaz.sort(key=lambda e: (e.country not in countries, e.name))
    elif kind == "country":
        region = answer.region or next((g.region for g in gaz if g.id == answer.id), "")
        gaz.sort(key=lambda e: (e.region != region, zlib.crc32(e.name.encode())))
    elif kind == "city":
        countries = {e.name for e in ctx.ents.of_type("country")}
        gaz.sort(key=lambda e: (e.country not in countries, zlib.crc32(e.name.encode())))
    pool += [(e, False) for e in gaz]
    out: list[str] = []
    from_gaz = 0
    gender = entity_gender(answer)
    for e, in_article in pool:
        if e.id in related or answer.id in e.related:
            continue
        if kind == "person" and same_gender and gender and e.gender and e.gender != gender:
            continue
        if kind == "country" and with_article and not e.article:
            continue
        if same_article and e.article != answer.article:
            continue
        if feminine_only and (e.article not in ("la", "l'") or e.name.endswith(("s",))):
            continue  # "en {1}": "en Chine" but never "en États-Unis"
        if kind == "org" and e.role != answer.role:
            continue  # a newspaper for a newspaper, a party for a party
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
        out.append(text)
        from_gaz += 0 if in_article else 1
        if len(out) == n:
            break
    if with_article and answer_text[:1].isupper():
        out = [o[:1].upper() + o[1:] for o in out]
    elif with_article:
        out = [o[:1].lower() + o[1:] for o in out]
    return out, from_gaz
