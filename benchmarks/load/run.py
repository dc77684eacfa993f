"""Load test: simulated students take a quiz on ``quizapp serve`` while teachers read
reports and one generates questions from an article; then every acknowledged answer
and score is checked against the database.

    .venv/bin/python -m benchmarks.load.run --db sqlite --students 200 --think-factor 0.05
    .venv/bin/python -m benchmarks.load.run --db postgres --students 10000      # ~10 min
    .venv/bin/python -m benchmarks.load.run --db sqlite --students 300 --crash-at 20
    .venv/bin/python -m benchmarks.load.run --db postgres --students 1000 --exam \
        --hash-method argon2id --capacity-seconds 0 --article ''          # ~15 min

``--exam`` gives the scenario an exam's shape (logins spread over five minutes, the
quiz opening at a set time, every start within the minute after it): see
:mod:`benchmarks.load.exam`. Without it, each student logs in and starts at the same
moment, somewhere in the ``--ramp``.

Steps: a fresh database (SQLite in a temporary folder, or the PostgreSQL database
``load_pg`` created next to ``--pg-url``), schema from the migrations, accounts
seeded in bulk; ``quizapp serve`` (gunicorn, ``--workers``), and the bare Flask route
and the floor (quizapp's ``/healthz`` without its request hooks: Flask, the session,
one SELECT) of :mod:`benchmarks.load.bare` under the same gunicorn settings; a
capacity phase (clients sending one request back to back: the bare route, the floor,
a question page, an answer save); the scenario; with ``--crash-at S``, the server's whole process group is
killed with SIGKILL S seconds in and restarted; finally the reconciliation.

Prints, per endpoint, requests per second, p50/p95/p99 latency and errors; for the
capacity phase also the CPU each request cost the server, the database, the load
generator and the rest of the machine (:mod:`benchmarks.load.cpu`), and the quiz
pages' server and database CPU against the floor's and the bare route's. Exit
status 0 when the targets hold (no error, nothing lost or duplicated, right scores,
p99 under ``--p99-ms``), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from benchmarks.load import exam as exam_shape
from benchmarks.load import students as sim
from benchmarks.load.capacity import capacity_phase, print_capacity
from benchmarks.load.reconcile import reconcile, sqlite_integrity
from benchmarks.load.report import endpoint_table, merge, print_table
from benchmarks.load.seed import BENCH_HASH_METHOD, PASSWORD, seed
from benchmarks.load.server import ROOT, bare_server, floor_server, quizapp_server

TEACHER_ENDPOINTS = (
    "GET reports",
    "GET report quiz",
    "GET report class",
    "GET article form",
    "POST article",
)


# --- databases -------------------------------------------------------------------------------
def create_postgres(base_url: str, name: str) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


def local_app(env: dict[str, str]):
    """The app on the database under test, in this process (to seed and to check)."""
    from quizapp import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": env["QUIZAPP_DATABASE_URL"],
            "SECRET_KEY": env["QUIZAPP_SECRET_KEY"],
            "DATA_DIR": env["QUIZAPP_DATA_DIR"],
            "REQUEST_LOG": False,
        }
    )


def prepare(env: dict[str, str], students: int, teachers: int, hash_method: str) -> dict:
    """Schema (from the migrations) and accounts, through the app, in this process."""
    from flask_migrate import upgrade

    from quizapp.extensions import db

    app = local_app(env)
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seeded = seed(students, teachers, hash_method)
        seconds = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return {"seeded": seeded.to_dict(), "seed_seconds": seconds}


def login_cost(hash_method: str) -> dict[str, float]:
    """Milliseconds to check one password: the benchmark accounts' hash and the default."""
    from quizapp.models.passwords import DEFAULT_METHOD, make_hash, verify

    out = {}
    for label, method in (("benchmark", hash_method), ("production default", DEFAULT_METHOD)):
        hashed = make_hash(PASSWORD, method)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            verify(hashed, PASSWORD)
            times.append(time.perf_counter() - started)
        out[f"{label} ({method})"] = 1000 * sorted(times)[2]
    return out


def check_database(env: dict[str, str], acks: list, submitted: list[int]):
    """The reconciliation, then SQLite's integrity check (the server is stopped by then)."""
    from quizapp.extensions import db

    app = local_app(env)
    with app.app_context():
        check = reconcile(acks, submitted)
        db.session.remove()
        db.engine.dispose()
    check.integrity = sqlite_integrity(env["QUIZAPP_DATABASE_URL"])
    return check


def scenario_phase(pool, procs: int, args, base: str, seeded: dict, crash=None, exam=None):
    """The students and teachers; ``exam``: an :class:`Exam` gives the shape."""
    rng = random.Random(args.seed)
    students = seeded["students"][: args.students]
    people = (
        exam.people(students, rng)
        if exam
        else [(username, quiz_id, rng.uniform(0, args.ramp)) for username, quiz_id in students]
    )
    t0 = time.time() + 2
    think = args.think_factor
    settings = {
        "base": base,
        "t0": t0,
        "ramp": args.ramp,
        "factor": think,
        "deadline": args.max_seconds,
        "seed": args.seed,
        "article": args.article.read_text(encoding="utf-8") if args.article.name else "",
    }
    if exam:
        settings.update(exam.begin(t0))
    teachers = [tuple(t) for t in seeded["teachers"]]
    futures = [
        pool.submit(sim.run_process, settings, people[p::procs], teachers if p == 0 else [])
        for p in range(procs)
    ]
    outages = []
    if crash is not None:
        outages.append(crash(t0))
    results = [f.result() for f in futures]
    if exam:
        exam.end()
    merged = merge(results)
    merged["seconds"] = time.time() - t0
    merged["outages"] = outages
    return merged


# --- the run ---------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    from quizapp.cli.server import default_workers

    p = argparse.ArgumentParser(description="Load test of quizapp serve, then a reconciliation.")
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    p.add_argument("--pg-name", default="load_pg")
    p.add_argument("--students", type=int, default=200)
    p.add_argument("--teachers", type=int, default=4)
    p.add_argument("--ramp", type=float, default=60.0, help="starts spread over (s)")
    p.add_argument("--think-factor", type=float, default=1.0, help="times 30-90 s between pages")
    p.add_argument("--workers", type=int, default=default_workers())
    p.add_argument("--procs", type=int, default=2, help="load-generating processes")
    p.add_argument("--capacity-clients", type=int, default=24)
    p.add_argument("--capacity-seconds", type=float, default=10.0, help="0 skips the phase")
    p.add_argument("--crash-at", type=float, default=None, help="kill -9 the server at S s")
    p.add_argument("--max-seconds", type=float, default=1500.0, help="the scenario stops by then")
    p.add_argument("--hash-method", default=BENCH_HASH_METHOD)
    p.add_argument(
        "--article",
        type=Path,
        default=ROOT / "questions" / "moscou-pyongyang-2024-11-01.txt",
        help="a teacher pastes it as the run begins; '' for none",
    )
    p.add_argument("--p99-ms", type=float, default=300.0)
    p.add_argument("--port", type=int, default=8100)
    p.add_argument("--bare-port", type=int, default=8101)
    p.add_argument("--floor-port", type=int, default=8102)
    p.add_argument("--out", type=Path, default=None, help="folder for logs and results.json")
    p.add_argument("--seed", type=int, default=1)
    exam_shape.add_arguments(p)
    return p.parse_args(argv)


def setup(args, work: Path) -> tuple[dict[str, str], dict, dict[str, float]]:
    """The database, its schema and accounts: (environment, seeded, login costs)."""
    url = (
        create_postgres(args.pg_url, args.pg_name)
        if args.db == "postgres"
        else f"sqlite:///{work / 'quizapp.sqlite3'}"
    )
    env = {
        "QUIZAPP_DATA_DIR": str(work),
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_SECRET_KEY": "load-test-secret-key-" + "x" * 32,
        "QUIZAPP_REDIS_URL": os.environ.get("QUIZAPP_REDIS_URL", "redis://127.0.0.1:6379/13"),
    }
    print(
        f"database {url.split('@')[-1]}; {args.workers} gunicorn workers; data in {work}; "
        f"load average before: {os.getloadavg()[0]:.1f}"
    )
    started = time.perf_counter()
    info = prepare(env, args.students + capacity_users(args), args.teachers, args.hash_method)
    seeded = info["seeded"]
    print(
        f"seeded {len(seeded['students'])} students, {args.teachers} teachers, "
        f"{sum(len(c) for c in seeded['class_ids'])} classes in {info['seed_seconds']:.1f} s "
        f"(one password hash for all; setup {time.perf_counter() - started:.1f} s)"
    )
    costs = login_cost(args.hash_method)
    for label, ms in costs.items():
        print(f"login password check, {label}: {ms:.1f} ms")
    return env, seeded, costs


def capacity_users(args) -> int:
    return args.capacity_clients if args.capacity_seconds > 0 else 0


def crasher(args, server, url: str, results: dict):
    """What ``--crash-at`` does, S seconds after t0: kill -9 the server, start it again."""

    def crash(t0: float) -> tuple[float, float]:
        time.sleep(max(0.0, t0 + args.crash_at - time.time()))
        killed = time.time()
        server.kill()
        integrity = sqlite_integrity(url)
        print(
            f"killed the server group (SIGKILL) at {killed - t0:.1f} s; "
            f"SQLite integrity right after: {integrity}"
        )
        time.sleep(1)
        server.start()
        back = time.time()
        print(f"server back after {back - killed:.1f} s")
        results["integrity_after_kill"] = integrity
        return killed, back

    return crash if args.crash_at is not None else None


def run_servers(args, env: dict[str, str], out: Path, seeded: dict, results: dict):
    """Serve, run the capacity phase and the scenario: (scenario, capacity, exam)."""
    server_env = {**os.environ, **env, "PYTHONPATH": str(ROOT)}
    server = quizapp_server(server_env, args.port, args.workers, out / "server.log")
    bare = bare_server(server_env, args.bare_port, args.workers, out / "bare.log")
    floor = floor_server(server_env, args.floor_port, args.workers, out / "floor.log")
    server.start()
    exam = exam_shape.Exam(args, local_app, env, server) if args.exam else None
    with ProcessPoolExecutor(max_workers=args.procs, mp_context=get_context("spawn")) as pool:
        try:
            capacity = {}
            if capacity_users(args):
                bare.start(ready_path="/")
                floor.start()
                users = [tuple(s) for s in seeded["students"][args.students :]]
                servers = {"quizapp": server, "bare": bare, "floor": floor}
                capacity = capacity_phase(pool, args.procs, servers, users, args.capacity_seconds)
                bare.stop()
                floor.stop()
                time.sleep(2)
            crash = crasher(args, server, env["QUIZAPP_DATABASE_URL"], results)
            run = scenario_phase(pool, args.procs, args, server.base, seeded, crash, exam)
        finally:
            server.stop()
            bare.stop()
            floor.stop()
    return run, capacity, exam


def print_scenario(args, run: dict) -> list[dict]:
    rows = endpoint_table(run["latencies"], run["failures"], run["seconds"], run["outages"])
    print_table(
        rows,
        f"Scenario: {args.students} students over {run['seconds']:.0f} s "
        f"(think {30 * args.think_factor:g}-{90 * args.think_factor:g} s)",
    )
    total = sum(r["requests"] for r in rows)
    errors = sum(r["errors"] for r in rows)
    print(
        f"all: {total} requests, {total / run['seconds']:.1f} req/s, {errors} errors; "
        f"{run['finished']} students finished, {len(run['abandoned'])} gave up; "
        f"{run['resumed']} resumes ({len(run['resumed_wrong'])} on the wrong question); "
        f"{run['stale']} late saves dropped as stale; "
        f"load generator CPU {run['cpu_seconds']:.0f} s; load average {os.getloadavg()[0]:.1f}"
    )
    for line in run["abandoned"][:5] + run["resumed_wrong"][:5]:
        print("  " + line)
    return rows


def verdict(args, run: dict, rows: list[dict], check, exam, results: dict) -> bool:
    """Whether the targets hold (printed): no error, nothing lost, and the p99 target, on
    every student endpoint, or in an exam on pages and saves after the logins."""
    errors = sum(r["errors"] for r in rows)
    student_rows = [r for r in rows if r["endpoint"] not in TEACHER_ENDPOINTS]
    worst = max((r["p99_ms"] for r in student_rows if r["requests"]), default=0.0)
    sound = errors == 0 and check.ok and not run["abandoned"] and not run["resumed_wrong"]
    met = sound and worst < args.p99_ms
    if exam:
        print()
        results["exam"] = shape = exam.report(run, args.students, TEACHER_ENDPOINTS, args.p99_ms)
        met = sound and shape["latency_met"]
        cpu_met = shape["cpu"].get("met", False)
        print(
            f"CPU target (<= {exam_shape.CPU_TARGET_MS:g} ms per student-attempt) "
            f"{'MET' if cpu_met else 'NOT MET'}"
        )
    print(
        f"\nworst student p99 {worst:.0f} ms (target {args.p99_ms:.0f}"
        f"{'; exam: pages and saves after the logins' if exam else ''}); "
        f"targets {'MET' if met else 'NOT MET'}"
    )
    return met


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="quizapp-load-"))
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)
    env, seeded, costs = setup(args, work)
    results: dict = {"args": {k: str(v) for k, v in vars(args).items()}, "login_ms": costs}
    run, capacity, exam = run_servers(args, env, out, seeded, results)

    rows = print_scenario(args, run)
    ratios = (
        print_capacity(capacity, args.capacity_clients, args.capacity_seconds) if capacity else {}
    )
    acks = run["acks"] + [a for c in capacity.values() for a in c["acks"]]
    check = check_database(env, acks, run["submitted"])
    print("\nReconciliation")
    for line in check.lines():
        print("  " + line)
    met = verdict(args, run, rows, check, exam, results)
    results.update(
        scenario=rows,
        capacity={k: v["row"] for k, v in capacity.items()},
        ratios=ratios,
        reconciliation=check.lines(),
        met=met,
        seconds=run["seconds"],
        abandoned=run["abandoned"][:20],
        cpu_seconds=run["cpu_seconds"],
    )
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str))
    if args.db == "sqlite" and args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
