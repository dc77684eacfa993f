"""Simulated students and teachers, on asyncio with aiohttp's client.

A student logs in, opens the quiz, starts it, and answers 16 questions as 8 pages
of two (the app shows one question per page, so a page here is two consecutive
questions: open question 2k, save it, open 2k+1, save it), thinking between pages.
Mid-quiz the student's connections are dropped (the client's pool is closed) and a
new client resumes the attempt where the student left it. Some students change an
answer once. Then they submit and read their result. A few teachers read reports
meanwhile; the first pastes an article as the run begins (``Settings.article``),
and its questions are generated while the students work.

Every answer the server acknowledged is recorded as ``(attempt, slot, value)`` for
the reconciliation. Every loop here is bounded in count and in time.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field

import aiohttp

from benchmarks.load.seed import PASSWORD, SLOT_TYPES

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ATTEMPT = re.compile(r"/attempts/(\d+)")
SLOTS = len(SLOT_TYPES)
PAGES = SLOTS // 2
MAX_TRIES = 40  # per request; with the back-off, about two minutes of outage at most
VALUES = {
    "mcq": ["0", "1", "2", "3"],
    "truefalse": ["true", "false"],
    "short": ["Moscou", "moscou", "Moscow", "Paris"],
    "numeric": ["10000", "9800", "10 000", "12000"],
}
# A request that failed on the way (nothing or half an answer came back).
TRANSPORT_ERRORS = (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError)


@dataclass
class Settings:
    base: str
    t0: float  # wall-clock start shared by every process
    ramp: float = 60.0  # students start spread over this many seconds
    think_min: float = 30.0
    think_max: float = 90.0
    factor: float = 1.0  # multiplies think times (0.05 for quick runs)
    change_rate: float = 0.1  # share of pages where the student changes an answer
    deadline: float = 1800.0  # seconds after t0 when everything stops, done or not
    teacher_think: tuple[float, float] = (10.0, 30.0)
    seed: int = 1
    window: float = 0.0  # capacity: wall-clock start of the measured window, shared
    floor: str = ""  # capacity: the floor server's base URL (see benchmarks.load.bare)
    article: str = ""  # pasted by the first teacher during the run ("": no generation)
    split_at: float = 0.0  # exam: wall-clock end of the logins phase (0: no phases)
    poll: float = 0.0  # exam: reload the waiting quiz page every 2/3-4/3 of this (0: once)


class Abandon(Exception):
    """A request kept failing: the simulated user gives up (reported, never hidden)."""


@dataclass
class Recorder:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[tuple[float, str, str]] = field(default_factory=list)  # (time, endpoint, why)
    acks: list[tuple[int, int, object]] = field(default_factory=list)  # in order, per student
    submitted: list[int] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)
    resumed: int = 0
    stale: int = 0  # saves answered "stale": a newer one from the same page was stored
    resumed_wrong: list[str] = field(default_factory=list)
    abandoned: list[str] = field(default_factory=list)
    finished: int = 0
    cpu_from: float = field(default_factory=time.process_time)  # this process's CPU seconds
    split_at: float = 0.0  # requests sent before this wall-clock time are the logins phase
    phases: dict[str, dict[str, list[float]]] = field(default_factory=dict)

    def record(self, endpoint: str, seconds: float, sent: float) -> None:
        """A request's latency, and with ``split_at`` also under its phase."""
        self.latencies[endpoint].append(seconds)
        if self.split_at:
            phase = "logins" if sent < self.split_at else "after"
            self.phases.setdefault(phase, {}).setdefault(endpoint, []).append(seconds)

    def result(self) -> dict:
        return {
            "latencies": dict(self.latencies),
            "failures": self.failures,
            "acks": self.acks,
            "submitted": self.submitted,
            "attempts": self.attempts,
            "resumed": self.resumed,
            "stale": self.stale,
            "resumed_wrong": self.resumed_wrong,
            "abandoned": self.abandoned,
            "finished": self.finished,
            "cpu_seconds": time.process_time() - self.cpu_from,
            "phases": self.phases,
        }


@dataclass
class Reply:
    """What came back, read in full."""

    status_code: int
    headers: dict[str, str]
    text: str


def new_client(base: str, cookies: aiohttp.CookieJar | None = None) -> aiohttp.ClientSession:
    """A browser: its own cookies and at most two connections. aiohttp's client costs
    the load generator a seventh of the CPU per request that httpx's did, which leaves
    the machine's two cores to the server."""
    return aiohttp.ClientSession(
        base_url=base,
        # unsafe: keep cookies from an IP address (the server is 127.0.0.1).
        cookie_jar=cookies if cookies is not None else aiohttp.CookieJar(unsafe=True),
        timeout=aiohttp.ClientTimeout(total=30.0),
        # Forget idle connections before gunicorn does (its keep-alive is 2 s), so
        # that no request goes out on a connection the server is closing.
        connector=aiohttp.TCPConnector(limit=2, keepalive_timeout=1.0),
    )


class User:
    def __init__(self, s: Settings, rec: Recorder, username: str, rng: random.Random) -> None:
        self.s, self.rec, self.username, self.rng = s, rec, username, rng
        self.client = new_client(s.base)
        self.broken = False  # a request failed in transit: resume at the next page

    async def call(self, endpoint: str, method: str, url: str, expect=(200,), **kw):
        delay = 0.5
        for _try in range(MAX_TRIES):
            if time.time() > self.s.t0 + self.s.deadline:
                raise Abandon(f"{endpoint}: run deadline")
            sent, started = time.time(), time.perf_counter()
            try:
                async with self.client.request(method, url, allow_redirects=False, **kw) as r:
                    headers = {k.lower(): v for k, v in r.headers.items()}
                    response = Reply(r.status, headers, await r.text())
            except TRANSPORT_ERRORS as exc:
                self.rec.failures.append((time.time(), endpoint, type(exc).__name__))
                self.broken = True
                await asyncio.sleep(delay)
                delay = min(delay * 2, 4.0)
                continue
            elapsed = time.perf_counter() - started
            if response.status_code in expect:
                self.rec.record(endpoint, elapsed, sent)
                return response
            self.rec.failures.append((time.time(), endpoint, f"HTTP {response.status_code}"))
            if response.status_code < 500:
                raise Abandon(f"{endpoint}: HTTP {response.status_code} for {url}")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 4.0)
        raise Abandon(f"{endpoint}: {MAX_TRIES} tries")

    async def login(self) -> None:
        page = await self.call("GET /login", "GET", "/login")
        token = CSRF.search(page.text).group(1)
        form = {"username": self.username, "password": PASSWORD, "csrf_token": token}
        done = await self.call("POST /login", "POST", "/login", expect=(302,), data=form)
        if "/login" in done.headers.get("location", ""):
            raise Abandon("login refused")

    async def think(self, low: float, high: float) -> None:
        left = self.s.t0 + self.s.deadline - time.time()
        await asyncio.sleep(max(0.0, min(left, self.rng.uniform(low, high) * self.s.factor)))

    async def close(self) -> None:
        await self.client.close()


class Student(User):
    def __init__(self, s, rec, username: str, quiz_id: int, rng, start_at=None) -> None:
        super().__init__(s, rec, username, rng)
        self.quiz_id = quiz_id
        self.start_at = start_at  # exam: seconds after t0 when this student starts
        self.attempt = 0
        self.token = ""
        self.last_slot = -1  # the slot of the last answer saved: where a resume opens
        self.new_page_load()

    def new_page_load(self) -> None:
        """As the page's script does: saves numbered "<page id>:<n>" (see attempt.js)."""
        self.page_id = f"{self.rng.getrandbits(64):016x}"
        self.saves = 0

    def next_seq(self) -> str:
        self.saves += 1
        return f"{self.page_id}:{self.saves}"

    async def run(self) -> None:
        await self.login()
        page = await self.call("GET quiz", "GET", f"/student/quizzes/{self.quiz_id}")
        if self.start_at is not None:
            page = await self.wait_for_opening()
        token = CSRF.search(page.text).group(1)
        started = await self.call(
            "POST start",
            "POST",
            f"/student/quizzes/{self.quiz_id}/start",
            expect=(302,),
            data={"csrf_token": token},
        )
        self.attempt = int(ATTEMPT.search(started.headers["location"]).group(1))
        self.rec.attempts[self.username] = self.attempt
        for page_number in range(PAGES):
            if page_number == PAGES // 2 or self.broken:
                await self.resume()
            for slot in (2 * page_number, 2 * page_number + 1):
                await self.answer(slot)
            if self.rng.random() < self.s.change_rate:
                await self.save(2 * page_number)  # a change of mind
            if page_number < PAGES - 1:
                await self.think(self.s.think_min, self.s.think_max)
        confirm = await self.call("GET confirm", "GET", f"/attempts/{self.attempt}/submit")
        token = CSRF.search(confirm.text).group(1)
        await self.call(
            "POST submit",
            "POST",
            f"/attempts/{self.attempt}/submit",
            expect=(302,),
            data={"csrf_token": token},
        )
        self.rec.submitted.append(self.attempt)
        await self.call("GET result", "GET", f"/attempts/{self.attempt}/result")
        self.rec.finished += 1

    async def wait_for_opening(self) -> Reply:
        """Exam: wait on the quiz page until this student's start moment, reloading it
        every 2/3 to 4/3 of ``Settings.poll`` seconds (with 0, once at that moment),
        then reload until the start button shows (the server opens the quiz)."""
        url = f"/student/quizzes/{self.quiz_id}"
        start, poll = self.s.t0 + self.start_at, self.s.poll
        for _ in range(100_000):
            left = start - time.time()
            if left <= 0:
                break
            wait = self.rng.uniform(poll / 1.5, poll / 0.75) if poll else left
            await asyncio.sleep(min(left, wait))
            if poll and time.time() < start:
                await self.call("GET quiz", "GET", url)
        for _ in range(30):
            page = await self.call("GET quiz", "GET", url)
            if f'{url}/start"' in page.text:
                return page
            await asyncio.sleep(1.0)
        raise Abandon("the quiz did not open")

    async def answer(self, slot: int) -> None:
        page = await self.call("GET question", "GET", f"/attempts/{self.attempt}?page={slot}")
        if f'data-slot="{slot}"' not in page.text:
            raise Abandon(f"question page {slot} shows another question")
        self.token = CSRF.search(page.text).group(1)
        await self.save(slot)

    async def save(self, slot: int) -> None:
        value = self.rng.choice(VALUES[SLOT_TYPES[slot]])
        response = await self.call(
            "POST answer",
            "POST",
            f"/attempts/{self.attempt}/answer",
            json={"slot": slot, "answer": value, "seq": self.next_seq()},
            headers={"X-CSRFToken": self.token, "Accept": "application/json"},
        )
        body = json.loads(response.text)
        if body.get("stale") is True:
            # A newer save of this slot from this page got there first: not stored.
            self.rec.stale += 1
            return
        if body.get("saved") is not True:
            raise Abandon(f"answer {slot} not saved: {response.text[:200]}")
        self.rec.acks.append((self.attempt, slot, value))
        self.last_slot = slot

    async def resume(self) -> None:
        """Drop every connection (the client's pool), open a new client with the same
        cookies, and ask for the attempt: it must open where the student left it."""
        cookies = self.client.cookie_jar
        await self.client.close()
        self.client = new_client(self.s.base, cookies)
        self.broken = False
        self.new_page_load()
        page = await self.call("GET resume", "GET", f"/attempts/{self.attempt}")
        self.rec.resumed += 1
        # The server remembers the slot of the last answer saved and opens there.
        expected = max(self.last_slot, 0)
        if f'data-slot="{expected}"' not in page.text:
            self.rec.resumed_wrong.append(f"{self.username}: resumed away from question {expected}")


class Teacher(User):
    def __init__(
        self, s, rec, username: str, quiz_id: int, class_id: int, rng, generates: bool = False
    ) -> None:
        super().__init__(s, rec, username, rng)
        self.quiz_id, self.class_id = quiz_id, class_id
        self.generates = generates and bool(s.article)

    async def generate(self) -> None:
        """Paste an article: its questions are generated while the students work (in a
        worker that loads the language model first, on its first generation)."""
        page = await self.call("GET article form", "GET", "/teacher/articles/new")
        token = CSRF.search(page.text).group(1)
        form = {"text": self.s.article, "csrf_token": token}
        await self.call("POST article", "POST", "/teacher/articles/new", expect=(302,), data=form)

    async def run(self, stop: asyncio.Event) -> None:
        await self.login()
        if self.generates:
            await self.generate()
        pages = [
            ("GET reports", "/reports/"),
            ("GET report quiz", f"/reports/quizzes/{self.quiz_id}"),
        ]
        if self.class_id:
            pages.append(("GET report class", f"/reports/classes/{self.class_id}"))
        for n in range(10_000):
            if stop.is_set() or time.time() > self.s.t0 + self.s.deadline:
                return
            endpoint, url = pages[n % len(pages)]
            await self.call(endpoint, "GET", url)
            try:
                low, high = self.s.teacher_think
                await asyncio.wait_for(stop.wait(), self.rng.uniform(low, high) * self.s.factor)
            except TimeoutError:
                pass


async def _student(s: Settings, rec: Recorder, username: str, quiz_id: int, delay: float, *start):
    """``start``: (seconds after t0 when the student starts the quiz,) in an exam."""
    rng = random.Random(f"{s.seed}:{username}")
    await asyncio.sleep(max(0.0, s.t0 + delay - time.time()))
    student = Student(s, rec, username, quiz_id, rng, *start)
    try:
        await student.run()
    except Abandon as exc:
        rec.abandoned.append(f"{username}: {exc}")
    except Exception as exc:  # anything unexpected is a failure to report, not a crash
        rec.abandoned.append(f"{username}: {type(exc).__name__}: {exc}")
    finally:
        await student.close()


async def _teacher(s: Settings, rec: Recorder, row, stop: asyncio.Event, generates: bool):
    username, quiz_id, class_id = row
    teacher = Teacher(s, rec, username, quiz_id, class_id, random.Random(username), generates)
    try:
        await teacher.run(stop)
    except Abandon as exc:
        rec.abandoned.append(f"{username}: {exc}")
    finally:
        await teacher.close()


async def simulate(s: Settings, students: list[tuple[str, int, float]], teachers: list) -> dict:
    """``students``: (username, quiz id, arrival in seconds after t0[, start in an exam])."""
    rec = Recorder(split_at=s.split_at)
    stop = asyncio.Event()
    teacher_tasks = [
        asyncio.create_task(_teacher(s, rec, row, stop, generates=n == 0))
        for n, row in enumerate(teachers)
    ]
    await asyncio.gather(*(_student(s, rec, *person) for person in students))
    stop.set()
    await asyncio.gather(*teacher_tasks)
    return rec.result()


def run_process(settings: dict, students: list, teachers: list) -> dict:
    """One load process (several run side by side to use both cores)."""
    return asyncio.run(simulate(Settings(**settings), students, teachers))
