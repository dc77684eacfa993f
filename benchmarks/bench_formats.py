"""Time dump and parse of a 5,000-question bank in every format.

    .venv/bin/python benchmarks/bench_formats.py [--questions 5000] [--runs 5]

Prints the median of several runs for each format and direction, with the
size of the text. The target is under 5 s for each (the database part of an
import is measured elsewhere).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.domain.questiondata import Answer, Blank, QuestionData, Source  # noqa: E402
from quizapp.formats import FORMATS, dump, parse  # noqa: E402

TARGET_SECONDS = 5.0


def build_bank(n: int) -> list[QuestionData]:
    """A mixed bank: mostly multiple choice, as generated banks are, and every type."""
    out = []
    for i in range(n):
        kind = i % 10
        stem = (
            f"Question {i} : lors du sommet européen du {1 + i % 28} novembre, "
            f"quelle décision a été prise au sujet de l'accord n° {i} ?"
        )
        common = {
            "title": f"Q{i:05d}",
            "category": f"Actualité/Semaine {i % 12}",
            "tags": ["europe", f"semaine-{i % 12}"],
            "explanation": "Voir l'article.",
            "kind": "meeting",
            "confidence": 0.8,
            "status": "candidate",
            "source": Source(stem, i, i + len(stem)),
        }
        if kind in (0, 1, 2, 3):
            q = QuestionData(
                "mcq",
                stem,
                [
                    Answer("Bruxelles", 1.0, "Oui."),
                    Answer("Paris", 0.0),
                    Answer("Berlin", 0.0),
                    Answer("Rome", 0.0),
                ],
                **common,
            )
        elif kind == 4:
            q = QuestionData(
                "multi",
                stem,
                [Answer("France", 0.5), Answer("Italie", 0.5), Answer("Espagne", -1.0)],
                **common,
            )
        elif kind == 5:
            q = QuestionData(
                "truefalse",
                stem,
                [Answer("true", 1.0, "Exact."), Answer("false", 0.0, "Non.")],
                **common,
            )
        elif kind == 6:
            q = QuestionData("short", stem, [Answer("Bruxelles"), Answer("Brussel", 0.5)], **common)
        elif kind == 7:
            q = QuestionData(
                "numeric",
                stem,
                [Answer(str(1900 + i % 120), 1.0, "", 1.0)],
                options={"unit": "an"},
                **common,
            )
        elif kind == 8:
            q = QuestionData(
                "matching",
                stem,
                pairs=[
                    ("Parlement", "Strasbourg"),
                    ("Commission", "Bruxelles"),
                    ("Cour", "Luxembourg"),
                ],
                **common,
            )
        else:
            q = QuestionData(
                "cloze",
                "Le sommet s'est tenu à {1} en {2}.",
                blanks=[
                    Blank("short", [Answer("Bruxelles"), Answer("bruxelles", 0.5)]),
                    Blank("numeric", [Answer("2024", 1.0, "", 0.0)]),
                ],
                **common,
            )
        out.append(q)
    return out


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    bank = build_bank(args.questions)
    print(f"{args.questions} questions, median of {args.runs} runs, target < {TARGET_SECONDS} s")
    print(f"{'format':<11} {'written':>8} {'skipped':>8} {'size':>9} {'dump s':>8} {'parse s':>8}")
    slow = False
    for name in FORMATS:
        result = dump(bank, name)
        text = result.text
        parsed = parse(text, name)
        if parsed.errors:
            print(f"{name}: {len(parsed.errors)} errors, first: {parsed.errors[0]}")
            return 1
        t_dump = median_time(lambda name=name: dump(bank, name), args.runs)
        t_parse = median_time(lambda name=name, text=text: parse(text, name), args.runs)
        slow |= max(t_dump, t_parse) > TARGET_SECONDS
        print(
            f"{name:<11} {len(parsed.questions):>8} {len(result.skipped):>8} "
            f"{len(text.encode()) / 1e6:>7.2f}MB {t_dump:>8.3f} {t_parse:>8.3f}"
        )
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
