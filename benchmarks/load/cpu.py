"""Who used the machine's CPU during a measurement: the server under test, the
database, the load generator, everything else (read from Linux's /proc)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes() -> Iterable[tuple[int, str, int, float]]:
    """(pid, command name, process group, CPU seconds) of every running process."""
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                raw = f.read()
        except OSError:  # gone since the listing
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        yield int(entry.name), name, int(fields[2]), (int(fields[11]) + int(fields[12])) / TICK


def _machine_busy() -> float:
    """CPU seconds spent on anything but idling, all cores together, since boot."""
    try:
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle, iowait
    return (sum(values[:8]) - idle) / TICK


@dataclass
class Snapshot:
    server: float
    database: float
    generator: float
    machine: float


def snapshot(server_group: int | None) -> Snapshot:
    """CPU seconds so far of the server's process group and of the database servers;
    the load generator's (``generator``) is the caller's to fill in."""
    server = database = 0.0
    for _pid, name, group, seconds in _processes():
        if server_group is not None and group == server_group:
            server += seconds
        elif name in ("postgres", "redis-server"):
            database += seconds
    return Snapshot(server, database, 0.0, _machine_busy())


def per_request(before: Snapshot, after: Snapshot, requests: int, seconds: float) -> dict:
    """Milliseconds of CPU per request for each, and how busy the machine was (%)."""
    n = max(requests, 1)
    parts = {
        name: 1000 * (getattr(after, name) - getattr(before, name)) / n
        for name in ("server", "database", "generator")
    }
    total = 1000 * (after.machine - before.machine) / n
    parts["other"] = max(0.0, total - sum(parts.values()))
    parts["total"] = total
    parts["machine_busy_pct"] = 100 * (after.machine - before.machine) / max(seconds, 1e-9)
    return parts
