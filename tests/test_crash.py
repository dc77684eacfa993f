"""Crash safety: kill -9 the server in the middle of a class taking a quiz.

A scaled-down run of the load test (``benchmarks/load``): a few dozen simulated
students log in, answer 16 questions and submit against ``quizapp serve`` (gunicorn,
two workers). A few seconds in, the server's whole process group (master and
workers) is killed with SIGKILL, then started again. The students retry and resume
their attempts; afterwards every answer the server acknowledged is in the database
exactly once, with the value acknowledged last, every submitted attempt has the
score a regrade gives, and SQLite passes its integrity check (right after the kill
and at the end).

Runs on SQLite; with ``QUIZAPP_TEST_DATABASE_URL`` set, also on PostgreSQL, in a
database of its own (``crash_test`` on that server), never the shared test one.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load import students as sim  # noqa: E402
from benchmarks.load.reconcile import sqlite_integrity  # noqa: E402
from benchmarks.load.run import check_database, create_postgres, prepare  # noqa: E402
from benchmarks.load.seed import BENCH_HASH_METHOD  # noqa: E402
from benchmarks.load.server import QUIZAPP, quizapp_server  # noqa: E402

pytestmark = pytest.mark.slow

STUDENTS = 30
PG_URL = os.environ.get("QUIZAPP_TEST_DATABASE_URL")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def crash_run(tmp_path: Path, url: str) -> None:
    if not QUIZAPP.exists():
        pytest.skip(f"needs the quizapp command at {QUIZAPP} (pip install -e .)")
    env = {
        "QUIZAPP_DATA_DIR": str(tmp_path),
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_SECRET_KEY": "crash-test-secret-key-" + "x" * 32,
    }
    seeded = prepare(env, STUDENTS, 1, BENCH_HASH_METHOD)["seeded"]
    server = quizapp_server({**os.environ, **env}, free_port(), 2, tmp_path / "server.log")
    server.start()
    t0 = time.time() + 0.5
    settings = sim.Settings(
        base=server.base, t0=t0, ramp=3.0, factor=0.02, deadline=150.0, change_rate=0.3
    )
    people = [(name, quiz, 3.0 * n / STUDENTS) for n, (name, quiz) in enumerate(seeded["students"])]
    results: dict = {}
    thread = threading.Thread(
        target=lambda: results.update(asyncio.run(sim.simulate(settings, people, []))),
        name="students",
    )
    thread.start()
    try:
        time.sleep(max(0.0, t0 + 6.0 - time.time()))  # logged in, half-way through the pages
        killed = time.time()
        server.kill()
        integrity_after_kill = sqlite_integrity(url)
        time.sleep(1.0)
        server.start()
        back = time.time()
        thread.join(timeout=170)
    finally:
        server.stop()
    assert not thread.is_alive(), "the simulated students did not finish in time"

    assert integrity_after_kill in ("ok", "n/a")
    # The kill happened while students were working: some requests failed then.
    during = [f for f in results["failures"] if killed - 0.5 <= f[0] <= back + 5]
    assert during, "the kill fell outside the run: nothing was interrupted"
    assert results["abandoned"] == []
    assert results["resumed_wrong"] == []
    assert results["finished"] == STUDENTS
    assert results["resumed"] >= STUDENTS  # each once mid-quiz, and again after the crash

    check = check_database(env, results["acks"], results["submitted"])
    assert check.ok, "\n".join(check.lines())
    assert check.slots == STUDENTS * 16
    assert check.submitted == STUDENTS


def test_crash_sqlite(tmp_path):
    crash_run(tmp_path, f"sqlite:///{tmp_path / 'crash.sqlite3'}")


@pytest.mark.skipif(not PG_URL, reason="set QUIZAPP_TEST_DATABASE_URL to run on PostgreSQL")
def test_crash_postgres(tmp_path):
    url = create_postgres(PG_URL, "crash_test")
    try:
        crash_run(tmp_path, url)
    finally:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text('DROP DATABASE IF EXISTS "crash_test" WITH (FORCE)'))
        engine.dispose()
