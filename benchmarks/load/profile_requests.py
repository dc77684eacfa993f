"""Where a question page and an answer save spend their time, in one process.

    .venv/bin/python -m benchmarks.load.profile_requests [--requests 300] [--postgres URL]
    .venv/bin/python -m benchmarks.load.profile_requests --timing [--requests 2000] [--rounds 3]
    .venv/bin/python -m benchmarks.load.profile_requests --html benchmarks/profiles  # flame graphs

Seeds a small database, logs a student in with Flask's test client, then runs each
request ``--requests`` times under pyinstrument and prints the SQL statements per
request and the profile (the server's own work, without HTTP or gunicorn).

With ``--timing``, no profiler: the bare route of :mod:`benchmarks.load.bare`, a
question page, an answer save, the health check (session and one query), the
same health check without any of the app's request hooks ("healthz floor"), the
login page and the quiz page take turns, each timed on its own, and the medians
and their ratios to the bare route are printed (the in-process share of the
load test's capacity ratios, in seconds rather than requests per second), with each
one's CPU (the app's and the database server's) as a multiple of the floor's.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from benchmarks.load.run import create_postgres, local_app, prepare
from benchmarks.load.seed import BENCH_HASH_METHOD, PASSWORD, SLOT_TYPES
from benchmarks.load.students import VALUES

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--postgres", default=None, help="a server URL; uses database --pg-name")
    p.add_argument("--pg-name", default="load_profile", help="made anew for the run")
    p.add_argument("--html", type=Path, default=None, help="also write pyinstrument HTML here")
    p.add_argument("--all", action="store_true", help="show library frames too")
    p.add_argument("--timing", action="store_true", help="medians against the bare route")
    p.add_argument("--rounds", type=int, default=1, help="with --timing: rounds, then medians")
    args = p.parse_args()
    from pyinstrument import Profiler

    work = Path(tempfile.mkdtemp(prefix="quizapp-profile-"))
    url = (
        create_postgres(args.postgres, args.pg_name)
        if args.postgres
        else f"sqlite:///{work / 'p.sqlite3'}"
    )
    env = {
        "QUIZAPP_DATA_DIR": str(work),
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_SECRET_KEY": "profile-secret-" + "x" * 32,
    }
    seeded = prepare(env, 30, 1, BENCH_HASH_METHOD)["seeded"]
    app = local_app(env)
    username, quiz_id = seeded["students"][0]
    client = app.test_client()
    token = CSRF.search(client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token})
    page = client.get(f"/student/quizzes/{quiz_id}").get_data(as_text=True)
    started = client.post(
        f"/student/quizzes/{quiz_id}/start", data={"csrf_token": CSRF.search(page).group(1)}
    )
    attempt = int(started.headers["Location"].rsplit("/", 1)[1])
    token = CSRF.search(client.get(f"/attempts/{attempt}").get_data(as_text=True)).group(1)

    with app.app_context():
        from quizapp.extensions import db

        engine = db.engine
    statements = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    def question(n):
        return client.get(f"/attempts/{attempt}?page={n % 16}")

    def save(n):
        return client.post(
            f"/attempts/{attempt}/answer",
            json={"slot": n % 16, "answer": VALUES[SLOT_TYPES[n % 16]][n % 2]},
            headers={"X-CSRFToken": token},
        )

    if args.timing:
        anonymous = app.test_client()
        # The floor of any page that reads the database: the same health check in an
        # app with none of quizapp's own request hooks (request id, log and metrics,
        # security headers, idle expiry, CSRF): Flask, its session and one query.
        floor = local_app(env)
        floor.before_request_funcs.clear()
        floor.after_request_funcs.clear()
        floor_client = floor.test_client()
        cookie = app.config["SESSION_COOKIE_NAME"]
        floor_client.set_cookie(cookie, client.get_cookie(cookie).value)  # the same secret key
        others = {
            "GET /healthz": lambda n: client.get("/healthz"),
            "healthz floor": lambda n: floor_client.get("/healthz"),
            "GET /login": lambda n: anonymous.get("/login"),
            "GET quiz": lambda n: client.get(f"/student/quizzes/{quiz_id}"),
        }
        pages = {"GET question": question, "POST answer": save, **others}
        timing(args.requests, pages, args.rounds, database=bool(args.postgres))
        return

    for name, call in (("GET question", question), ("POST answer", save)):
        statements.clear()
        assert call(1).status_code == 200
        print(f"\n{name}: {len(statements)} SQL statements")
        for s in statements:
            print("   ", " ".join(s.split())[:150])
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for n in range(args.requests):
            call(n)
        profiler.stop()
        seconds = time.perf_counter() - started
        print(f"{name}: {1000 * seconds / args.requests:.2f} ms per request in-process")
        print(profiler.output_text(unicode=True, color=False, show_all=args.all)[:12000])
        if args.html:
            args.html.mkdir(parents=True, exist_ok=True)
            (args.html / f"{name.replace(' ', '_')}.html").write_text(profiler.output_html())


def timing(requests: int, pages: dict, rounds: int = 1, *, database: bool = False) -> None:
    """Each of ``pages`` (name: call(n)) and the bare route in turn, ``requests`` times:
    median wall time and this process's CPU per request, and the CPU against the
    floor's ("healthz floor", measured in the same rounds); then, one page at a time,
    the database server's CPU per request (PostgreSQL and Redis, from /proc: on
    SQLite, ``database`` false, that is other work on the machine and is left out).
    With ``rounds`` > 1, each round is printed and then the medians of the rounds."""
    from statistics import median

    from benchmarks.load.bare import create_bare_app

    bare_client = create_bare_app().test_client()

    def bare(n):
        return bare_client.get("/")

    calls = {"bare route": bare, **pages}
    results = []
    for number in range(1, rounds + 1):
        wall: dict[str, list[float]] = {name: [] for name in calls}
        used: dict[str, list[float]] = {name: [] for name in calls}
        for n in range(requests):
            for name, call in calls.items():
                started, cpu_started = time.perf_counter(), time.process_time()
                call(n)
                wall[name].append(time.perf_counter() - started)
                used[name].append(time.process_time() - cpu_started)
        figures = {
            name: (
                1000 * median(wall[name]),
                1000 * median(used[name]),
                _database_ms(call, requests) if database else 0.0,
            )
            for name, call in calls.items()
        }
        results.append(figures)
        if rounds > 1:
            print(f"round {number}")
        _print_figures(figures)
    if rounds > 1:
        print(f"medians of {rounds} rounds")
        _print_figures(
            {name: tuple(median(r[name][i] for r in results) for i in range(3)) for name in calls}
        )


def _database_ms(call, requests: int) -> float:
    from benchmarks.load import cpu

    block = max(1, requests // 4)
    before = cpu.snapshot(None)
    for n in range(block):
        call(n)
    after = cpu.snapshot(None)
    return 1000 * (after.database - before.database) / block


def _print_figures(figures: dict[str, tuple[float, float, float]]) -> None:
    """wall, CPU and database ms per request; the bare route's share (wall) and the
    CPU (app and database) as a multiple of the floor's."""
    base = figures["bare route"][0]
    _w, floor_cpu, floor_db = figures.get("healthz floor", (0.0, 0.0, 0.0))
    print(f"{'':13} {'wall':>9} {'CPU':>9} {'database':>9}   bare/this (wall)   × floor (CPU)")
    for name, (wall, used, database) in figures.items():
        times_floor = (used + database) / (floor_cpu + floor_db) if floor_cpu else float("nan")
        print(
            f"{name:13} {wall:6.3f} ms {used:6.3f} ms {database:6.3f} ms   "
            f"{100 * base / wall:5.1f} %            {times_floor:5.2f}"
        )


if __name__ == "__main__":
    main()
