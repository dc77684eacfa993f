"""The generated questions nobody has given a verdict yet, to read as a teacher would.

Run: .venv/bin/python benchmarks/review_queue.py [--top N] [ARTICLE ...]

Articles are names from ``tests/data/eval/verdicts.yaml`` (the seed, Donbass,
Traité de Rome and the development articles read so far) or file names of the
development set (``tests/data/eval/dev/``); with none, every article of the
verdicts file. For each question without a verdict (a verdict is keyed on the
whole question: type, stem, options and right answers), prints a YAML entry with
its source sentence as a comment and ``verdict:`` left empty: read it, write
``usable``, ``edit`` or ``reject`` and a ``reason``, and add the entry under its
article in the verdicts file. ``--top N`` looks at the first N questions only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generation import generate, load_article  # noqa: E402
from quizapp.generation.evaluation import verdict_key  # noqa: E402

EVAL = ROOT / "tests" / "data" / "eval"
VERDICTS = EVAL / "verdicts.yaml"
OWN = EVAL / "keyfacts.yaml"


def article_path(name: str) -> Path:
    own = yaml.safe_load(OWN.read_text(encoding="utf-8"))["articles"]
    if name in own:
        return ROOT / own[name]["file"]
    path = EVAL / "dev" / (name if name.endswith(".txt") else name + ".txt")
    if not path.exists():
        raise SystemExit(f"no article named {name!r} in {OWN.name} or {path.parent}")
    return path


def entry(q) -> dict:
    qtype, stem, options, answers = verdict_key(q)
    out = {"type": qtype, "stem": stem}
    if options:
        out["options"] = list(options)
    out["answers"] = list(answers)
    out["verdict"] = ""
    out["reason"] = ""
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*")
    parser.add_argument("--top", type=int, default=None)
    args = parser.parse_args(argv)
    verdicts = yaml.safe_load(VERDICTS.read_text(encoding="utf-8"))["articles"]
    names = args.articles or list(verdicts)
    for name in names:
        name = name.removesuffix(".txt")
        text, title, date = load_article(article_path(name))
        questions = generate(text, title=title, date=date).questions[: args.top]
        known = {verdict_key(v) for v in verdicts.get(name) or []}
        todo = [q for q in questions if verdict_key(q) not in known]
        print(f"# {name}: {len(todo)} of {len(questions)} questions without a verdict")
        for q in todo:
            if q.source is not None:
                print(f"  # source: {q.source.sentence}")
            dumped = yaml.safe_dump([entry(q)], allow_unicode=True, sort_keys=False, width=100)
            print("\n".join("  " + line for line in dumped.splitlines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
