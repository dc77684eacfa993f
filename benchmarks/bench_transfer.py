"""Import and export a 5,000-question bank through the database, as
``quizapp import`` and ``quizapp export`` do (parse + store, load + write).

    .venv/bin/python benchmarks/bench_transfer.py [--questions 5000] [--runs 3] [--format bank]
    QUIZAPP_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bench_transfer \\
        .venv/bin/python benchmarks/bench_transfer.py

Prints the median of several runs for each direction next to the pure
parse/dump of the same text measured in the same run. Target: under 5 s each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_formats import build_bank  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.formats import dump, parse  # noqa: E402

TARGET_SECONDS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="bank")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-transfer-")
    url = os.environ.get("QUIZAPP_BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "DATA_DIR": folder,
            "PASSWORD_HASH_METHOD": "argon2id:1:2048:1",
            "REQUEST_LOG": False,
        }
    )
    text = dump(build_bank(args.questions), args.format, name="Benchmark").text
    with app.app_context():
        from quizapp.models import Bank, User
        from quizapp.services.accounts import create_user
        from quizapp.services.transfer import export_bank, import_questions

        db.drop_all()
        db.create_all()
        owner = create_user("bench-teacher", "benchmark-password-1", "teacher")
        db.session.commit()
        owner_id = owner.id
        parse_times, import_times, dump_times, export_times = [], [], [], []
        bank_id = None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            parse(text, args.format, "bench")
            parse_times.append(time.perf_counter() - t0)

            owner = db.session.get(User, owner_id)
            t0 = time.perf_counter()
            result = parse(text, args.format, "bench")
            bank = Bank(owner_id=owner_id, name="Benchmark", tags=[])
            db.session.add(bank)
            count = import_questions(result, bank, owner, skip_invalid=False)
            db.session.commit()
            import_times.append(time.perf_counter() - t0)
            assert count == len(result.questions) and not result.errors, result.errors[:3]
            bank_id = bank.id
            db.session.expunge_all()

            questions = build_bank(args.questions)
            t0 = time.perf_counter()
            dump(questions, args.format, name="Benchmark")
            dump_times.append(time.perf_counter() - t0)

            t0 = time.perf_counter()
            exported, _name, _mime = export_bank(db.session.get(Bank, bank_id), args.format)
            export_times.append(time.perf_counter() - t0)
            assert exported.text.count("\n") > args.questions
            db.session.expunge_all()
    print(
        f"database: {url.split('://')[0]}, {args.questions} questions, format {args.format}, "
        f"median of {args.runs} runs"
    )
    for label, times, base in (
        ("import (parse + store)", import_times, parse_times),
        ("export (load + write)", export_times, dump_times),
    ):
        median, bare = statistics.median(times), statistics.median(base)
        verdict = "ok" if median < TARGET_SECONDS else "OVER TARGET"
        print(
            f"  {label:24} {median:6.2f} s   (format alone {bare:5.2f} s, "
            f"×{median / bare:4.1f})  target < {TARGET_SECONDS:.0f} s: {verdict}"
        )


if __name__ == "__main__":
    main()
