"""The actors of an article, weighed by how much they matter to it, and whether two
articles are about one story.

A flat share of shared names lets a long follow-up, which names many new people,
drift under any threshold, while two articles on different subjects can still share
a country named in passing. So each actor (person, place, body) gets a weight:

- 1 for being named at all;
- +1 when it is named twice, +1 more from three times (the article keeps coming back
  to it);
- +2 when the headline or the opening paragraph names it (what the article is about).

Two articles are about one story when, in one language, the weight of the actors they
share is a large enough part of the weight of all their actors (a weighted Dice
share), and their main places do not disagree: when each opens on a place (« Valdorie :
les chauffeurs… », « Brimonie : les chauffeurs… ») that the other never names, they
are two stories whatever else they share. A surname alone matches the full name
(« Verneuil », « Paul Verneuil »), and a country's adjective names the country (« la
justice valdorienne », « les Valdoriens » name Valdorie): a follow-up speaks of a
country's government, courts or people as often as it writes the country's name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .text import fold

#: The opening of an article: its first paragraph, at most this many characters.
LEAD_CHARS = 250
#: Two articles of one story share at least this part of their actors' weight.
MIN_SHARED_WEIGHT = 0.25
TITLE_WEIGHT = 2
MAX_REPEAT_WEIGHT = 2


def lead_of(text: str) -> str:
    """The opening paragraph (or the first ``LEAD_CHARS`` characters of a long one)."""
    first = text.strip().split("\n\n", 1)[0]
    return first[:LEAD_CHARS]


def weigh_actors(mentions: list[tuple[str, int]], lead_end: int, title_names: list[str]) -> dict:
    """Weights of the folded actor names, from their mentions (name, start offset in the
    text), the end of the opening paragraph and the names the headline gives."""
    counts: Counter[str] = Counter()
    opening: set[str] = {fold(n) for n in title_names}
    for name, start in mentions:
        key = fold(name)
        if not key:
            continue
        counts[key] += 1
        if start < lead_end:
            opening.add(key)
    weights: dict[str, int] = {}
    for key in set(counts) | opening:
        if not key:
            continue
        weight = 1 + min(MAX_REPEAT_WEIGHT, max(0, counts[key] - 1))
        if _in(key, opening):
            weight += TITLE_WEIGHT
        weights[key] = weight
    return _merge_surnames(weights)


def adjective_mentions(
    text: str, adjectives: dict[str, str], taken: list[tuple[int, int]] = ()
) -> list[tuple[str, int]]:
    """(country, start offset) for every adjective of a country in ``text`` (« le
    gouvernement valdorien », « des Valdoriennes »), outside the spans already ``taken``
    by a named entity; ``adjectives`` maps each form, lower case, to its country."""
    if not adjectives:
        return []
    forms = "|".join(re.escape(f) for f in sorted(adjectives, key=len, reverse=True))
    out = []
    for m in re.finditer(rf"(?<![\w-])({forms})(?![\w-])", text, re.IGNORECASE):
        if any(m.start() < b and m.end() > a for a, b in taken):
            continue
        out.append((adjectives[m.group(1).lower()], m.start()))
    return out


def _in(key: str, names: set[str]) -> bool:
    return any(_same_actor(key, n) for n in names)


def _same_actor(a: str, b: str) -> bool:
    """« verneuil » and « paul verneuil »: a surname alone names the same person."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) == 1 and len(short[0]) >= 4 and long_[-1] == short[0]


def _merge_surnames(weights: dict[str, int]) -> dict[str, int]:
    """One entry per person: a surname named alone adds its mentions to the full name."""
    out = dict(weights)
    for key in sorted(weights, key=lambda k: len(k.split())):
        if len(key.split()) != 1:
            continue
        full = [k for k in out if k != key and _same_actor(key, k)]
        if len(full) == 1:
            merged = max(out[full[0]], out.pop(key)) + 1
            out[full[0]] = min(merged, 1 + MAX_REPEAT_WEIGHT + TITLE_WEIGHT)
    return out


@dataclass(frozen=True)
class StoryMatch:
    same: bool
    shared: frozenset[str]
    share: float
    #: the main places when they disagree (this article's, the other's), else empty
    other_places: tuple[str, str] = ("", "")


def main_places(weights: dict[str, int], places, title: str | None) -> frozenset[str]:
    """The places an article is about: those its headline leads with (« Valdorie : les
    chauffeurs… »); without such a headline, the places its opening names most. None when
    the headline leads with something else (« Coupe d'Orbanie : … »)."""
    places = {p for p in places if p in weights}
    prefix = title_prefix(title)
    if prefix:
        folded = fold(prefix)
        return frozenset(p for p in places if re.search(rf"\b{re.escape(p)}\b", folded))
    weighed = {p: weights[p] for p in places}
    top = max(weighed.values(), default=0)
    if top <= TITLE_WEIGHT:
        return frozenset()  # no place in the opening
    return frozenset(p for p, w in weighed.items() if w == top)


def title_prefix(title: str | None) -> str:
    """« Valdorie : l'armée mobilise » → « Valdorie »: what a news headline leads with."""
    m = re.match(r"\s*([^:]{2,60}?)\s+:\s", title or "")
    return m.group(1) if m else ""


def places_disagree(a: dict[str, int], main_a, b: dict[str, int], main_b) -> bool:
    """Both articles are about places, and neither names the other's."""
    if not main_a or not main_b:
        return False
    return not any(_in(p, set(b)) for p in main_a) and not any(_in(p, set(a)) for p in main_b)


def shared_weight(
    a: dict[str, int], b: dict[str, int], main_a=frozenset(), main_b=frozenset()
) -> StoryMatch:
    """The weighted share of two articles' actors that both name (language aside)."""
    shared_a = {k for k in a if any(_same_actor(k, o) for o in b)}
    shared_b = {k for k in b if any(_same_actor(k, o) for o in a)}
    total = sum(a.values()) + sum(b.values())
    if not total:
        return StoryMatch(False, frozenset(), 0.0)
    share = (sum(a[k] for k in shared_a) + sum(b[k] for k in shared_b)) / total
    disagree = places_disagree(a, main_a, b, main_b)
    places = (", ".join(sorted(main_a)), ", ".join(sorted(main_b))) if disagree else ("", "")
    same = share >= MIN_SHARED_WEIGHT and not disagree
    return StoryMatch(same, frozenset(shared_a | shared_b), round(share, 3), places)


def stored_actors(weights: dict[str, int], main: frozenset[str]) -> dict:
    """What a story keeps of an article's actors (``StoryArticle.actors``)."""
    return {"weights": dict(sorted(weights.items())), "main_places": sorted(main)}


def read_stored(actors) -> tuple[dict[str, int], frozenset[str]]:
    """Stored actors: weights and main places; older rows kept a plain list (weight 1)."""
    if isinstance(actors, dict):
        weights = {str(k): int(v) for k, v in (actors.get("weights") or {}).items()}
        return weights, frozenset(actors.get("main_places") or ())
    return {str(k): 1 for k in actors or ()}, frozenset()
