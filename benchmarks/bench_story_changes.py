"""How well quizapp notices that a later article of a story changes an earlier fact.

Run: .venv/bin/python benchmarks/bench_story_changes.py [--heldout] [--verbose]

For every pair of ``tests/data/stories/changes.yaml`` (written by hand before the
detector, then used to develop it), or with ``--heldout`` of
``tests/data/stories-heldout/changes.yaml`` (2017–2018 stories, annotated without
seeing the detector; its misses were read once to write general rules, so it is no
longer unseen: see its README), reads both articles, extracts their dated facts,
compares them and prints per pair and in total:

- changes found / annotated: a flagged change counts as found when its before and
  after values match an annotated change's (the annotated value contains the flagged
  one, or the reverse) and so do its sentences (compared without spaces);
- false alarms: flagged changes that match no annotated change, as a share of flagged;
- figure changes stated with the same unit that were missed;
- wrong-story controls refused (``same_story: false`` pairs the story test rejects),
  and same-story pairs wrongly refused, with the weighted share of their actors
  (``generation.story_actors``) and whether their main places differ.

A subject restated in several sentences is flagged once (``distinct_changes``); it is
found when any of its sentence pairs is the annotated one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generation import load_article  # noqa: E402
from quizapp.generation.article import prepare_article  # noqa: E402
from quizapp.generation.fact_changes import (  # noqa: E402
    Change,
    compare,
    distinct_changes,
    same_story,
)
from quizapp.generation.facts import article_facts, fold_name  # noqa: E402
from quizapp.generation.nlp import get_nlp  # noqa: E402

DATA = ROOT / "tests" / "data" / "stories"
HELDOUT = ROOT / "tests" / "data" / "stories-heldout"


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("’", "'")


def _value_match(found: str, annotated: str) -> bool:
    f, a = fold_name(found).replace(" ", ""), fold_name(annotated).replace(" ", "")
    return bool(f and a) and (f in a or a in f)


def _matches(change: Change, annotated: dict, pairs: list[tuple[str, str]]) -> bool:
    if not (
        _value_match(change.before.value, str(annotated["before"]))
        and _value_match(change.after.value, str(annotated["after"]))
    ):
        return False
    want = (_squeeze(annotated["before_sentence"]), _squeeze(annotated["after_sentence"]))
    return any((_squeeze(b), _squeeze(a)) == want for b, a in pairs)


def _places(story) -> str:
    a, b = story.other_places
    return f", main places differ: {a} / {b}" if a else ""


def main(verbose: bool = False, data: Path = DATA) -> int:
    pairs = yaml.safe_load((data / "changes.yaml").read_text(encoding="utf-8"))
    names = sorted({p[k] for p in pairs for k in ("earlier", "later")})
    articles = {}
    for name in names:
        text, title, date = load_article(data / "articles" / name)
        articles[name] = prepare_article(text, title, date)
    docs = get_nlp().pipe(a.text for a in articles.values())
    facts = {n: article_facts(a, d) for (n, a), d in zip(articles.items(), docs, strict=True)}

    annotated = found = flagged = false_alarms = figure_missed = 0
    controls = controls_refused = wrongly_refused = 0
    for pair in pairs:
        earlier, later = facts[pair["earlier"]], facts[pair["later"]]
        story = same_story(earlier, later)
        label = f"{pair['earlier'][:10]} -> {pair['later'][:10]} ({pair['story']})"
        if not pair["same_story"]:
            controls += 1
            controls_refused += not story.same
            print(
                f"{label}: control, {'refused' if not story.same else 'ACCEPTED'}"
                f" (shared actor weight {story.share:.0%}{_places(story)})"
            )
            continue
        if not story.same:
            wrongly_refused += 1
        result = compare(earlier, later)
        changes = distinct_changes(result.changed)
        sentence_pairs = {
            id(c): [
                (x.before.sentence, x.after.sentence)
                for x in result.changed
                if distinct_changes([c, x]) == [c]
            ]
            for c in changes
        }
        wanted = pair.get("changes") or []
        hit: set[int] = set()
        pair_false = 0
        for c in changes:
            idx = next(
                (
                    i
                    for i, a in enumerate(wanted)
                    if i not in hit and _matches(c, a, sentence_pairs[id(c)])
                ),
                None,
            )
            if idx is None:
                pair_false += 1
                if verbose:
                    print(
                        f"    false alarm: {c.before.subject}: {c.before.value} -> {c.after.value}"
                    )
            else:
                hit.add(idx)
        for i, a in enumerate(wanted):
            if i not in hit:
                if a["kind"] == "figure" and a.get("unit"):
                    figure_missed += 1
                if verbose:
                    print(f"    missed: {a['kind']} {a['subject']}: {a['before']} -> {a['after']}")
        annotated += len(wanted)
        found += len(hit)
        flagged += len(changes)
        false_alarms += pair_false
        print(
            f"{label}: found {len(hit)}/{len(wanted)}, false alarms {pair_false}/{len(changes)}"
            f"{'' if story.same else ', WRONGLY REFUSED'}"
            f" (shared actor weight {story.share:.0%}{_places(story)})"
        )
    print()
    print(f"changes found: {found}/{annotated} ({found / max(annotated, 1):.0%})")
    print(
        f"false alarms: {false_alarms}/{flagged} ({false_alarms / max(flagged, 1):.0%} of flagged)"
    )
    print(f"figure changes with the same unit missed: {figure_missed}")
    print(f"wrong-story controls refused: {controls_refused}/{controls}")
    print(f"same-story pairs wrongly refused: {wrongly_refused}")
    return 0


if __name__ == "__main__":
    sys.exit(main("--verbose" in sys.argv, HELDOUT if "--heldout" in sys.argv else DATA))
