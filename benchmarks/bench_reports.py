"""Reports at scale: 2,000 students × 40 questions (80,000 responses).

Seeds one quiz taken once by every student of a class, then times the quiz
report (the data a page shows), the statistics, and each export, on SQLite and
PostgreSQL. Targets on a 2-core machine: CSV and XLSX < 2 s, statistics < 1 s,
PDF < 5 s, peak memory < 300 MB.

    .venv/bin/python benchmarks/bench_reports.py                       # SQLite
    .venv/bin/python benchmarks/bench_reports.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With ``--postgres URL``, a database ``bench_reports`` is created next to the
one in URL and dropped at the end. Timings are the best of ``--repeat`` runs;
memory is the peak of Python allocations during each step (tracemalloc, a
separate run) and the process's peak resident size at the end.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp import create_app  # noqa: E402
from quizapp.extensions import db  # noqa: E402


def seed(students: int, questions: int, seed_value: int = 7) -> int:
    """A class of ``students`` who each submitted one attempt at a ``questions``-question quiz."""
    from quizapp.domain.questiondata import Answer, QuestionData
    from quizapp.models import (
        Attempt,
        Bank,
        Membership,
        Quiz,
        QuizAssignment,
        QuizQuestion,
        Response,
        SchoolClass,
        User,
    )
    from quizapp.services.banks import add_question

    rng = random.Random(seed_value)
    teacher = User(username="prof", password_hash="x", role="teacher", display_name="Prof")
    db.session.add(teacher)
    db.session.flush()
    school_class = SchoolClass(name="Tous", teacher_id=teacher.id, join_code="BENCH01")
    bank = Bank(owner_id=teacher.id, name="Banque", tags=[])
    db.session.add_all([school_class, bank])
    db.session.flush()
    kinds = ["meeting", "quote", "figure", "date", "role"]
    qs = []
    for i in range(questions):
        data = QuestionData(
            type="mcq",
            kind=kinds[i % len(kinds)],
            stem=f"Question n° {i + 1} : qui a rencontré qui à Moscou ?",
            answers=[Answer(f"Réponse {k}", 1.0 if k == 0 else 0.0) for k in range(4)],
            status="accepted",
        )
        qs.append(add_question(bank, data, author=teacher, generated=True))
    quiz = Quiz(owner_id=teacher.id, bank_id=bank.id, title="Quiz de référence", max_attempts=0)
    db.session.add(quiz)
    db.session.flush()
    for position, q in enumerate(qs):
        db.session.add(QuizQuestion(quiz_id=quiz.id, question_id=q.id, position=position))
    db.session.add(QuizAssignment(quiz_id=quiz.id, class_id=school_class.id))
    db.session.commit()

    db.session.execute(
        sa.insert(User),
        [
            {
                "username": f"eleve{n:05}",
                "password_hash": "x",
                "role": "student",
                "display_name": f"Élève {n}",
                "active": True,
                "session_version": 1,
                "created_at": datetime(2026, 9, 1),
            }
            for n in range(students)
        ],
    )
    ids = db.session.scalars(
        sa.select(User.id).where(User.role == "student").order_by(User.id)
    ).all()
    db.session.execute(
        sa.insert(Membership),
        [
            {"class_id": school_class.id, "student_id": s, "joined_at": datetime(2026, 9, 1)}
            for s in ids
        ],
    )
    layout = [
        {
            "question_id": q.id,
            "version_id": q.current_version_id,
            "mark": 1.0,
            "order": [0, 1, 2, 3],
        }
        for q in qs
    ]
    difficulty = [rng.uniform(-1.5, 1.5) for _ in qs]
    start = datetime(2026, 11, 2, 8, 0)
    attempts, answers = [], []
    for s in ids:
        ability = rng.gauss(0, 1)
        picks = []
        for d in difficulty:
            right = rng.random() < 1 / (1 + 2.718 ** (d - ability))
            picks.append(0 if right else rng.choice([1, 2, 3]))
        score = float(sum(p == 0 for p in picks))
        begun = start + timedelta(minutes=rng.randrange(0, 5 * 24 * 60))
        attempts.append(
            {
                "quiz_id": quiz.id,
                "student_id": s,
                "number": 1,
                "state": "submitted",
                "started_at": begun,
                "submitted_at": begun + timedelta(seconds=rng.randrange(300, 2400)),
                "layout": layout,
                "current_page": 0,
                "score": score,
                "max_score": float(len(qs)),
            }
        )
        answers.append(picks)
    db.session.execute(sa.insert(Attempt), attempts)
    attempt_ids = db.session.scalars(
        sa.select(Attempt.id).where(Attempt.quiz_id == quiz.id).order_by(Attempt.student_id)
    ).all()
    rows = []
    for attempt_id, picks in zip(attempt_ids, answers, strict=True):
        for slot, pick in enumerate(picks):
            rows.append(
                {
                    "attempt_id": attempt_id,
                    "slot": slot,
                    "question_version_id": layout[slot]["version_id"],
                    "answer": pick,
                    "saved_at": start,
                    "fraction": 1.0 if pick == 0 else 0.0,
                    "mark": 1.0 if pick == 0 else 0.0,
                    "final": True,
                }
            )
    for chunk in range(0, len(rows), 20_000):
        db.session.execute(sa.insert(Response), rows[chunk : chunk + 20_000])
    db.session.commit()
    return quiz.id


def steps(quiz_id: int):
    from quizapp.models import Quiz, SchoolClass
    from quizapp.reports.analysis import analyse
    from quizapp.reports.data import quiz_report
    from quizapp.reports.exports import export_class, export_quiz

    def quiz():
        return db.session.get(Quiz, quiz_id)

    def first_class():
        return db.session.scalar(sa.select(SchoolClass))

    return {
        "report data (page)": lambda: len(quiz_report(quiz()).rows),
        "statistics": lambda: analyse(quiz()).analysis.quiz.alpha,
        "csv": lambda: len(export_quiz(quiz(), "csv").data),
        "csv excel-fr": lambda: len(export_quiz(quiz(), "csv", dialect="excel-fr").data),
        "xlsx": lambda: len(export_quiz(quiz(), "xlsx").data),
        "pdf": lambda: len(export_quiz(quiz(), "pdf").data),
        "class gradebook xlsx": lambda: len(export_class(first_class(), "xlsx").data),
    }


def measure(app, quiz_id: int, repeat: int) -> list[tuple[str, float, float, float, object]]:
    results = []
    with app.app_context(), app.test_request_context():
        for name, fn in steps(quiz_id).items():
            best = cpu = float("inf")
            out = None
            for _ in range(repeat):
                db.session.remove()
                gc.collect()
                t0, c0 = time.perf_counter(), time.process_time()
                out = fn()
                best = min(best, time.perf_counter() - t0)
                cpu = min(cpu, time.process_time() - c0)
            db.session.remove()
            gc.collect()
            tracemalloc.start()
            fn()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            results.append((name, best, cpu, peak, out))
    return results


def run(label: str, url: str, students: int, questions: int, repeat: int) -> None:
    data_dir = tempfile.mkdtemp(prefix="bench-reports-")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": url,
            "DATA_DIR": data_dir,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
        t0 = time.perf_counter()
        quiz_id = seed(students, questions)
        seeded = time.perf_counter() - t0
        responses = db.session.scalar(sa.text("SELECT count(*) FROM response"))
        db.session.remove()
    print(
        f"\n{label}: {students} students × {questions} questions = {responses:,} responses "
        f"(seeded in {seeded:.1f} s)"
    )
    # Wall time counts waiting for the database server and for a busy machine; CPU time is
    # this process's own work (on a loaded machine the two differ a lot).
    print(f"  {'step':<24} {'wall':>7} {'cpu':>7} {'peak alloc':>11}  result")
    for name, seconds, cpu, peak, out in measure(app, quiz_id, repeat):
        print(f"  {name:<24} {seconds:>6.2f}s {cpu:>6.2f}s {peak:>9.1f}MB  {out}")
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL", help="also run on PostgreSQL (server URL)")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, sqlalchemy {sa.__version__}")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            run("SQLite", url, args.students, args.questions, args.repeat)
    if args.postgres:
        server = sa.make_url(args.postgres)
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text("DROP DATABASE IF EXISTS bench_reports"))
            conn.execute(sa.text("CREATE DATABASE bench_reports"))
        try:
            url = server.set(database="bench_reports").render_as_string(hide_password=False)
            run("PostgreSQL", url, args.students, args.questions, args.repeat)
        finally:
            with admin.connect() as conn:
                conn.execute(sa.text("DROP DATABASE IF EXISTS bench_reports WITH (FORCE)"))
            admin.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory of the whole run (seeding included): {peak:.0f} MB")


if __name__ == "__main__":
    main()
