"""Compare the facts of an earlier and a later article of one story.

Two facts speak of the same thing when they have the same kind and subject (and,
for figures, the same unit and the same names beside the number). Then:

- the same value, with or without a hedge (« 197 km », « plus de 197 km »), is
  *unchanged*;
- a different value is *changed* (« au moins 241 morts » then « au moins 281 »);
- a fact of the later article that matches nothing earlier is *new*.

``same_story`` says whether two articles share enough of their actors (people,
places, bodies), weighed by how much they matter to each, to be about one story.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .fact_statuses import current_statuses, same_status_subject
from .facts import ArticleFacts, Fact, fold_name
from .story_actors import StoryMatch, shared_weight


@dataclass(frozen=True)
class Change:
    before: Fact
    after: Fact

    def to_dict(self) -> dict:
        return {"before": self.before.to_dict(), "after": self.after.to_dict()}


@dataclass
class Comparison:
    new: list[Fact] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[tuple[Fact, Fact]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "new": [f.to_dict() for f in self.new],
            "changed": [c.to_dict() for c in self.changed],
            "unchanged": [{"before": a.to_dict(), "after": b.to_dict()} for a, b in self.unchanged],
        }


def same_subject(a: Fact, b: Fact) -> bool:
    """Whether two facts could hold a value for one thing."""
    if a.kind != b.kind:
        return False
    if a.kind == "figure":
        return a.unit == b.unit and _same_scope(a.scope, b.scope)
    if a.kind == "status":
        return same_status_subject(a, b)
    ka, kb = a.key, b.key
    if not ka or not kb or ka[0] != kb[0]:
        return False  # « ministre » and « vice-ministre » are two offices
    if a.kind == "position":
        return ka == kb
    return ka == kb or set(ka) <= set(kb) or set(kb) <= set(ka)


def _same_scope(a: frozenset[str], b: frozenset[str]) -> bool:
    """The names beside two figures agree: the same, overlapping, or one side names none
    (« 400 soldats de la Garde valdorienne » then « le nombre de soldats passera à 1200 »:
    a follow-up seldom repeats whose they are)."""
    return a == b or bool(a & b) or not a or not b


def same_value(a: Fact, b: Fact) -> bool:
    if a.kind == "figure" and a.number is not None and b.number is not None:
        tolerance = max(_tolerance(a), _tolerance(b))
        return abs(a.number - b.number) <= tolerance
    if a.kind == "status":
        return a.unit == b.unit
    if a.kind == "place":
        return fold_name(a.value) == fold_name(b.value)
    return _same_name(a.value, b.value)


def _tolerance(f: Fact) -> float:
    # « environ 10 000 » and « près de 10 500 » are one figure; « au moins 37 » and 241 are not
    if f.qualifier in ("environ", "près de", "presque", "quelque"):
        return abs(f.number or 0) * 0.05
    return 0.0


def _same_name(a: str, b: str) -> bool:
    fa, fb = fold_name(a), fold_name(b)
    if fa == fb:
        return True
    wa, wb = fa.split(), fb.split()
    # « Anne Morel » and « Anne Morelet »: the same holder written with a slip
    return bool(wa and wb) and (wa[-1] == wb[-1] or (wa[0] == wb[0] and wa[-1][:4] == wb[-1][:4]))


def compare(earlier: ArticleFacts, later: ArticleFacts) -> Comparison:
    """New, changed and unchanged facts of ``later`` against ``earlier``."""
    out = Comparison()
    earlier = replace(earlier, facts=current_statuses(earlier.facts))
    later = replace(later, facts=current_statuses(later.facts))
    matched_later: set[int] = set()
    for before in earlier.facts:
        candidates = [(i, f) for i, f in enumerate(later.facts) if same_subject(before, f)]
        if not candidates:
            continue
        same = [(i, f) for i, f in candidates if same_value(before, f)]
        if same:
            out.unchanged.append((before, same[0][1]))
            matched_later.update(i for i, _ in same)
            continue
        # the earlier article already held another value for this subject: not one fact
        if any(
            _twin(before, f) and not same_value(before, f) for f in earlier.facts if f is not before
        ):
            continue
        i, after = candidates[0]
        if any(same_value(after, f) for f in earlier.facts if same_subject(after, f)):
            continue  # the later value was already stated earlier: a restatement
        out.changed.append(Change(before, after))
        matched_later.update(i for i, _ in candidates)
    seen: set[tuple] = set()
    for i, f in enumerate(later.facts):
        if i in matched_later:
            continue
        k = (f.kind, f.key, f.unit, f.value)
        if k not in seen:
            seen.add(k)
            out.new.append(f)
    return out


def _twin(a: Fact, b: Fact) -> bool:
    """Another fact of the same article on the same subject."""
    return a.kind == b.kind and a.key == b.key and a.unit == b.unit and a.scope == b.scope


def distinct_changes(changes: list[Change]) -> list[Change]:
    """One change per subject and pair of values (an article may restate a figure twice)."""
    out: list[Change] = []
    for c in changes:
        if not any(_same_change(c, kept) for kept in out):
            out.append(c)
    return out


def _same_change(a: Change, b: Change) -> bool:
    return (
        (same_subject(a.before, b.before) or same_subject(a.after, b.after))
        and same_value(a.before, b.before)
        and same_value(a.after, b.after)
    )


def same_story(a: ArticleFacts, b: ArticleFacts) -> StoryMatch:
    """Whether two articles are about one story: one language, and enough of the weight
    of their actors shared (``story_actors``: the headline's and opening's actors and the
    repeated ones weigh more than a name said in passing)."""
    match = shared_weight(
        a.weights or dict.fromkeys(a.actors, 1),
        b.weights or dict.fromkeys(b.actors, 1),
        a.places,
        b.places,
    )
    if a.language != b.language:
        return StoryMatch(False, match.shared, match.share, match.other_places)
    return match
