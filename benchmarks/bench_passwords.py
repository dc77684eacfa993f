"""What a login costs: checking one password at the production hash and at the old one.

    .venv/bin/python benchmarks/bench_passwords.py [--runs 21]

Checks the same password against an Argon2id hash at OWASP's cost (the default) and
against a scrypt hash at werkzeug's default cost (N = 2^15, the hashes made before
Argon2id), interleaved so that both see the same machine, and prints for each the
median CPU time of one check, its wall time, and how many checks one core does in
a minute. The memory of one check is set by the parameters: 19 MiB for Argon2id,
128 × N × r = 32 MiB for scrypt.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quizapp.models.passwords import DEFAULT_METHOD, make_hash, verify  # noqa: E402

PASSWORD = "un-mot-de-passe-de-test-2026"
METHODS = {"argon2id (m=19 MiB, t=2, p=1)": DEFAULT_METHOD, "scrypt (N=2^15, r=8, p=1)": "scrypt"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    hashes = {label: make_hash(PASSWORD, method) for label, method in METHODS.items()}
    cpu: dict[str, list[float]] = {label: [] for label in METHODS}
    wall: dict[str, list[float]] = {label: [] for label in METHODS}
    for _ in range(args.runs):
        for label, stored in hashes.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            assert verify(stored, PASSWORD)
            wall[label].append(time.perf_counter() - started)
            cpu[label].append(time.process_time() - started_cpu)
    print(f"{'hash':32} {'CPU ms':>8} {'wall ms':>8} {'checks/core/min':>16}")
    for label in METHODS:
        cpu_ms = 1000 * statistics.median(cpu[label])
        wall_ms = 1000 * statistics.median(wall[label])
        per_minute = 60_000 / cpu_ms
        print(f"{label:32} {cpu_ms:8.1f} {wall_ms:8.1f} {per_minute:16,.0f}")
    a, s = (statistics.median(cpu[label]) for label in METHODS)
    print(f"argon2id / scrypt CPU per check: {a / s:.2f} (medians of {args.runs} interleaved runs)")


if __name__ == "__main__":
    main()
