"""The capacity phase: clients sending one kind of request back to back (the bare
route, the floor, a question page, an answer save), the requests per second each
sustains and the CPU each request cost."""

from __future__ import annotations

import asyncio
import random
import time

from benchmarks.load import cpu
from benchmarks.load.report import endpoint_table, merge, print_table
from benchmarks.load.students import (
    ATTEMPT,
    CSRF,
    SLOTS,
    Abandon,
    Recorder,
    Settings,
    Student,
    User,
    new_client,
)

SETUP_SECONDS = 5.0  # for the capacity clients to log in before the measured window
FLOOR = "healthz floor"


async def _hammer(s: Settings, endpoint: str, who: tuple | None, duration: float) -> Recorder:
    """One client sending ``endpoint`` back to back for ``duration`` seconds."""
    rec = Recorder()
    username, quiz_id = who or (None, 0)
    rng = random.Random(username or "bare")
    user = User(s, rec, "-", rng) if username is None else Student(s, rec, username, quiz_id, rng)
    try:
        if endpoint == FLOOR:
            # A student's signed session, as every page carries, sent to the floor server
            # (same secret key): Flask, the session and one SELECT.
            await user.login()
            signed_in = user.client
            user.client = new_client(s.floor, cookies=signed_in.cookie_jar)
            await signed_in.close()
        elif username is not None:
            await user.login()
            page = await user.call("GET quiz", "GET", f"/student/quizzes/{quiz_id}")
            started = await user.call(
                "POST start",
                "POST",
                f"/student/quizzes/{quiz_id}/start",
                expect=(302,),
                data={"csrf_token": CSRF.search(page.text).group(1)},
            )
            user.attempt = int(ATTEMPT.search(started.headers["location"]).group(1))
            rec.attempts[username] = user.attempt
            page = await user.call("GET question", "GET", f"/attempts/{user.attempt}?page=0")
            user.token = CSRF.search(page.text).group(1)
        # Every client starts measuring at the same moment, once all have logged in.
        await asyncio.sleep(max(0.0, s.window - time.time()))
        rec.latencies.clear()
        end = (s.window or time.time()) + duration  # a client that started late measures less
        for n in range(1_000_000):
            if time.time() > end:
                break
            if username is None:
                await user.call(endpoint, "GET", "/")
            elif endpoint == FLOOR:
                await user.call(endpoint, "GET", "/healthz")
            elif endpoint == "GET question":
                await user.call(endpoint, "GET", f"/attempts/{user.attempt}?page={n % SLOTS}")
            else:
                await user.save(n % SLOTS)
    except Abandon as exc:
        rec.abandoned.append(f"{username}: {exc}")
    finally:
        await user.close()
    return rec


async def capacity(s: Settings, endpoint: str, users: list, duration: float) -> dict:
    """``users``: (username, quiz id) per client, or None per client of the bare route."""
    merged = Recorder()

    async def window_opens() -> None:  # this process's CPU counts from then on
        await asyncio.sleep(max(0.0, s.window - time.time()))
        merged.cpu_from = time.process_time()

    marker = asyncio.create_task(window_opens())
    recs = await asyncio.gather(*(_hammer(s, endpoint, u, duration) for u in users))
    await marker
    for rec in recs:
        merged.latencies[endpoint].extend(rec.latencies.get(endpoint, []))
        merged.failures.extend(rec.failures)
        merged.acks.extend(rec.acks)
        merged.attempts.update(rec.attempts)
        merged.abandoned.extend(rec.abandoned)
    return merged.result()


def capacity_process(settings: dict, endpoint: str, users: list, duration: float) -> dict:
    return asyncio.run(capacity(Settings(**settings), endpoint, users, duration))


# --- run from the main process ------------------------------------------------------------
def capacity_phase(pool, procs: int, servers: dict, users: list, seconds: float):
    """Clients sending one kind of request back to back: requests per second each sustains,
    and who used the CPU meanwhile (server, database, load generator, the rest).

    ``servers``: quizapp's, the bare route's and the floor's (:mod:`benchmarks.load.bare`);
    the floor's clients log in to quizapp's and send its session cookie to the floor."""
    figures = {}
    app, bare, floor = servers["quizapp"], servers["bare"], servers["floor"]
    for endpoint, target, who in (
        ("bare route", bare, [None] * len(users)),
        (FLOOR, floor, users),
        ("GET question", app, users),
        ("POST answer", app, users),
    ):
        # Clients log in (and start an attempt) first; the window opens for all at once.
        window = time.time() + SETUP_SECONDS
        settings = {
            "base": bare.base if target is bare else app.base,
            "floor": floor.base,
            "t0": time.time(),
            "deadline": seconds + 120,
            "window": window,
        }
        parts = [who[p::procs] for p in range(procs)]
        futures = [
            pool.submit(capacity_process, settings, endpoint, part, seconds)
            for part in parts
            if part
        ]
        time.sleep(max(0.0, window - time.time()))
        before = cpu.snapshot(target.group)
        time.sleep(seconds)
        after = cpu.snapshot(target.group)
        merged = merge([f.result() for f in futures])
        rows = endpoint_table(merged["latencies"], merged["failures"], seconds)
        row = next((r for r in rows if r["endpoint"] == endpoint), None)
        if row:
            after.generator = merged["cpu_seconds"]  # each client process's, in the window
            row["cpu_ms"] = cpu.per_request(before, after, row["requests"], seconds)
        figures[endpoint] = {"row": row, "acks": merged["acks"], "abandoned": merged["abandoned"]}
        time.sleep(1)
    return figures


def print_against_floor(rows: list[dict]) -> dict[str, float]:
    """Server and database CPU per request of the quiz pages against the floor's and the
    bare route's, measured in the same run with the same clients (target: ≤ 2 × the floor)."""
    served = {
        r["endpoint"]: r["cpu_ms"]["server"] + r["cpu_ms"]["database"]
        for r in rows
        if r.get("cpu_ms")
    }
    floor, bare = served.get(FLOOR), served.get("bare route")
    out = {}
    for name in ("GET question", "POST answer"):
        if name in served and floor and bare:
            out[name] = served[name] / floor
            print(
                f"{name}: {served[name]:.2f} ms of server and database CPU per request, "
                f"{out[name]:.1f} × the floor's ({floor:.2f} ms; target 2 ×), "
                f"{served[name] / bare:.1f} × the bare route's ({bare:.2f} ms)"
            )
    return out


def print_capacity(capacity: dict, clients: int, seconds: float) -> dict[str, float]:
    """The capacity phase's table, the CPU per request and the shares of the bare route."""
    ratios = {}
    cap_rows = [c["row"] for c in capacity.values() if c["row"]]
    print_table(
        cap_rows,
        f"Capacity: {clients} clients back to back, {seconds:g} s each",
    )
    print(
        "CPU per request, ms (server = the gunicorn group under test; database = "
        "PostgreSQL and Redis;\nload generator = the client processes; other = the "
        "rest of the machine):"
    )
    print(
        f"{'endpoint':16} {'server':>7} {'database':>9} {'load gen.':>9} {'other':>7} "
        f"{'total':>7}  machine busy"
    )
    for r in cap_rows:
        c = r.get("cpu_ms")
        if c:
            print(
                f"{r['endpoint']:16} {c['server']:7.2f} {c['database']:9.2f} "
                f"{c['generator']:9.2f} {c['other']:7.2f} {c['total']:7.2f}  "
                f"{c['machine_busy_pct']:.0f} %"
            )
    bare_rps = capacity["bare route"]["row"]["rps"]
    for name, need in (("GET question", 0.40), ("POST answer", 0.25)):
        ratio = capacity[name]["row"]["rps"] / bare_rps
        ratios[name] = ratio
        print(f"{name}: {100 * ratio:.0f} % of the bare route (target {100 * need:.0f} %)")
    print_against_floor(cap_rows)
    return ratios
