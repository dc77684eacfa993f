"""The exam shape of the load test (``benchmarks/load/exam.py``): its schedule, its
phases and how its latencies are grouped; no server, no clock."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load.exam import Exam, phase_p99  # noqa: E402
from benchmarks.load.report import merge  # noqa: E402
from benchmarks.load.students import Recorder  # noqa: E402


def exam(**overrides) -> Exam:
    args = {"login_spread": 300.0, "ramp": 60.0, "poll": 0.0, "open_at": None, **overrides}
    return Exam(SimpleNamespace(**args), local_app=None, env={}, server=None)


def test_students_arrive_over_the_spread_and_start_within_the_ramp_after_the_opening():
    people = exam().people([(f"eleve{n}", 1) for n in range(500)], random.Random(1))
    arrivals = [p[2] for p in people]
    starts = [p[3] for p in people]
    assert 0 <= min(arrivals) and max(arrivals) <= 300
    assert 300 <= min(starts) and max(starts) <= 360
    assert max(arrivals) > 250 and min(starts) < 310  # spread over the whole windows


def test_the_opening_is_given_or_the_end_of_the_spread():
    assert exam().open_at == 300
    assert exam(open_at=120.0).open_at == 120


def test_requests_are_split_at_the_end_of_the_logins():
    rec = Recorder(split_at=1000.0)
    rec.record("POST /login", 0.2, sent=999.0)
    rec.record("GET question", 0.01, sent=1001.0)
    result = rec.result()
    assert result["phases"] == {
        "logins": {"POST /login": [0.2]},
        "after": {"GET question": [0.01]},
    }
    assert result["latencies"] == {"POST /login": [0.2], "GET question": [0.01]}
    merged = merge([result, Recorder(split_at=1000.0).result()])
    assert merged["phases"]["after"] == {"GET question": [0.01]}


def test_without_a_split_there_are_no_phases():
    rec = Recorder()
    rec.record("GET quiz", 0.1, sent=5.0)
    assert rec.result()["phases"] == {}


def test_pages_are_every_get_and_saves_the_answer_posts():
    p99 = phase_p99(
        {
            "GET question": [0.010] * 98 + [0.500] * 2,
            "GET quiz": [0.020],
            "POST answer": [0.030],
            "POST /login": [0.040],
            "POST start": [0.050],
        }
    )
    assert p99["pages"] == 500.0
    assert p99["saves"] == 30.0
    assert p99["logins"] == 40.0
    assert p99["writes"] == 50.0
