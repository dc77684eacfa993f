"""Speed of the question generator next to spaCy's bare parse of the same texts.

Run: .venv/bin/python benchmarks/bench_generate.py [N]

Prints the model load time, the median time per article (model loaded) for the
seed and the two dev articles, and the throughput over a batch (3 articles + 20
PIAF paragraphs), each with spaCy's bare ``nlp(text)`` / ``nlp.pipe`` in the
same run and the ratio generation / bare parse.

What it printed last is in docs/benchmarks.md; the ratios are what to compare,
since absolute times vary with the machine's load.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizapp.generation import generate, generate_many, load_article  # noqa: E402
from quizapp.generation.article import prepare_article  # noqa: E402
from quizapp.generation.nlp import MODEL, get_nlp  # noqa: E402
from quizapp.generation.text import fold  # noqa: E402

ARTICLES = [
    ROOT / "questions" / "moscou-pyongyang-2024-11-01.txt",
    ROOT / "tests" / "data" / "eval" / "2017-03-25-traite-de-rome.txt",
    ROOT / "tests" / "data" / "eval" / "2016-01-31-donbass.txt",
]
PIAF = ROOT / "tests" / "data" / "eval" / "piaf-dev.json"


def paired_medians(gen, parse, n: int) -> tuple[float, float]:
    """Median times of ``gen`` and ``parse``, run alternately so machine load hits both alike.

    The fold cache is cleared before each generation so repeated runs of one text
    do not get faster than a first run would be.
    """
    g, p = [], []
    for _ in range(n):
        fold.cache_clear()
        t = time.perf_counter()
        gen()
        g.append(time.perf_counter() - t)
        t = time.perf_counter()
        parse()
        p.append(time.perf_counter() - t)
    return statistics.median(g), statistics.median(p)


def main(n: int = 15) -> None:
    t = time.perf_counter()
    nlp = get_nlp()
    print(f"model load ({MODEL}): {time.perf_counter() - t:.2f} s")
    inputs = [load_article(p) for p in ARTICLES]
    generate(*inputs[0][:1], title=inputs[0][1], date=inputs[0][2])  # warm-up
    print(f"\nper article, median of {n} runs, model loaded:")
    print(
        f"{'article':40} {'words':>6} {'generate':>10} {'nlp(text)':>10} {'ratio':>6} {'questions':>9}"
    )
    for path, (text, title, date) in zip(ARTICLES, inputs, strict=True):
        cleaned = prepare_article(text, title, date).text
        g, p = paired_medians(
            lambda: generate(text, title=title, date=date),  # noqa: B023
            lambda: nlp(cleaned),  # noqa: B023
            n,
        )
        count = len(generate(text, title=title, date=date).questions)
        print(
            f"{path.stem:40} {len(cleaned.split()):6d} {g * 1000:8.0f}ms {p * 1000:8.0f}ms {g / p:6.2f} {count:9d}"
        )
    paragraphs = [p["context"] for p in json.loads(PIAF.read_text(encoding="utf-8"))["data"]]
    batch = [(t, ti, d) for t, ti, d in inputs] + [(p, None, None) for p in paragraphs]
    cleaned = [prepare_article(*b).text for b in batch]
    words = sum(len(c.split()) for c in cleaned)
    g, p = paired_medians(
        lambda: generate_many(batch), lambda: list(nlp.pipe(cleaned)), max(3, n // 3)
    )
    print(f"\nbatch of {len(batch)} texts ({words} words), median of {max(3, n // 3)} runs:")
    print(f"  generate_many: {g:.2f} s ({len(batch) / g:.1f} texts/s, {words / g:.0f} words/s)")
    print(f"  nlp.pipe:      {p:.2f} s ({len(batch) / p:.1f} texts/s, {words / p:.0f} words/s)")
    print(f"  ratio: {g / p:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
