"""What the generator covers of what a teacher would ask, over the development set.

Run: .venv/bin/python benchmarks/bench_coverage.py [--missed] [--top N]

For each of the 24 articles of ``tests/data/eval/dev/`` (French Wikinews, key
facts written by hand, matching rule in that folder's ``keyfacts-dev.json``),
prints the key facts covered (by the whole bank, and by its top 20 alone: what the
ranking puts first), the number of questions, the share of true/false
and cloze among the top 20, the mix of kinds and the structural faults (answer
in the stem, duplicate options, no single key, source sentence not in the
article); then the totals over the whole set, and the same for the seed,
Donbass and Traité de Rome articles with their own facts
(``tests/data/eval/keyfacts.yaml``). ``--missed`` lists the facts left uncovered.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generation import generate, load_article  # noqa: E402
from quizapp.generation.evaluation import (  # noqa: E402
    coverage,
    keyfact_coverage,
    review_stats,
    structural_faults,
)

DEV = ROOT / "tests" / "data" / "eval" / "dev"
OWN = ROOT / "tests" / "data" / "eval" / "keyfacts.yaml"
VERDICTS = ROOT / "tests" / "data" / "eval" / "verdicts.yaml"
CHEAP = ("truefalse", "cloze")


def _cheap_share(questions, top: int) -> float:
    head = questions[:top]
    return sum(q.kind in CHEAP or q.type in CHEAP for q in head) / len(head) if head else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missed", action="store_true", help="list the facts left uncovered")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)

    spec = json.loads((DEV / "keyfacts-dev.json").read_text(encoding="utf-8"))["articles"]
    totals = collections.Counter()
    kinds_top = collections.Counter()
    passed = 0
    print(
        f"{'article':44} {'facts':>7} {'need':>4} {'qs':>4} {'tf+cl':>6} faults  kinds (top {args.top})"
    )
    for name, art in spec.items():
        text, title, date = load_article(DEV / name)
        result = generate(text, title=title, date=date)
        questions = result.questions
        missed = keyfact_coverage(art["facts"], questions)
        covered = len(art["facts"]) - len(missed)
        # what a teacher who takes only the top of the bank gets: the ranking's measure
        covered_top = len(art["facts"]) - len(keyfact_coverage(art["facts"], questions[: args.top]))
        faults = [f for q in questions for f in structural_faults(q, result.article.text)]
        head = collections.Counter(q.kind for q in questions[: args.top])
        kinds_top.update(head)
        ok = covered >= art["need"]
        passed += ok
        too_few = art["words"] >= 400 and len(questions) < 20
        totals.update(
            facts=len(art["facts"]),
            covered=covered,
            covered_top=covered_top,
            questions=len(questions),
            faults=len(faults),
            top=min(args.top, len(questions)),
            cheap=round(_cheap_share(questions, args.top) * min(args.top, len(questions))),
            too_few=too_few,
        )
        mix = " ".join(f"{k}:{n}" for k, n in head.most_common())
        print(
            f"{name[:-4]:44} {covered:>3}/{len(art['facts']):<3} {art['need']:>4} "
            f"{len(questions):>4}{'!' if too_few else ' '} {_cheap_share(questions, args.top):>5.0%} "
            f"{len(faults):>6}  {mix}"
        )
        if args.missed and missed:
            facts = {f["id"]: f["fact"] for f in art["facts"]}
            for ident in missed:
                print(f"    missed {ident}: {facts[ident]}")
        for fault in faults:
            print(f"    fault: {fault}")
    print(
        f"\nTOTAL dev set ({len(spec)} articles): key facts {totals['covered']}/{totals['facts']} "
        f"({totals['covered'] / totals['facts']:.1%}), by the top {args.top} alone "
        f"{totals['covered_top']} ({totals['covered_top'] / totals['facts']:.1%}); articles at 80% or more: {passed}/{len(spec)}; "
        f"questions {totals['questions']}; articles of 400+ words under 20 questions: "
        f"{totals['too_few']}; structural faults {totals['faults']}; true/false and cloze in the "
        f"top {args.top}: {totals['cheap']}/{totals['top']} ({totals['cheap'] / totals['top']:.1%})"
    )
    print("kinds in the top", args.top, ":", dict(kinds_top.most_common()))

    verdicts = yaml.safe_load(VERDICTS.read_text(encoding="utf-8"))["articles"]
    read = [name for name in spec if name[:-4] in verdicts]
    if read:
        print(f"\nteacher's verdicts on the top {args.top} of {len(read)} development articles:")
        shares = collections.Counter()
        for name in read:
            text, title, date = load_article(DEV / name)
            top = generate(text, title=title, date=date).questions[: args.top]
            stats = review_stats(top, verdicts[name[:-4]])
            shares.update(usable=stats.usable, edit=stats.edit, reject=stats.reject)
            shares.update(read=stats.total - len(stats.missing), unread=len(stats.missing))
            print(
                f"  {name[:-4]:44} usable {stats.usable}, edit {stats.edit}, reject "
                f"{stats.reject}, not read yet {len(stats.missing)}"
            )
        print(
            f"  TOTAL usable {shares['usable']}/{shares['read']} read "
            f"({shares['usable'] / max(1, shares['read']):.0%}), edit {shares['edit']}, "
            f"reject {shares['reject']}; {shares['unread']} questions changed since "
            "(benchmarks/review_queue.py lists them)"
        )

    own = yaml.safe_load(OWN.read_text(encoding="utf-8"))["articles"]
    print("\nthe three articles with their own facts (tests/data/eval/keyfacts.yaml):")
    for name, item in own.items():
        text, title, date = load_article(ROOT / item["file"])
        questions = generate(text, title=title, date=date).questions
        covered, missed = coverage(item["facts"], questions)
        print(
            f"  {name:40} {covered}/{len(item['facts'])} ({covered / len(item['facts']):.0%})"
            + (f"  missed: {', '.join(missed)}" if args.missed and missed else "")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
