"""Tables of a load test's results: percentiles per endpoint, and the merge of the
load processes' records."""

from __future__ import annotations


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def endpoint_table(latencies: dict, failures: list, seconds: float, outages=()) -> list[dict]:
    def in_outage(t: float) -> bool:
        return any(start - 0.5 <= t <= end + 5 for start, end in outages)

    rows = []
    names = sorted(set(latencies) | {f[1] for f in failures})
    for name in names:
        values = latencies.get(name, [])
        errors = [f for f in failures if f[1] == name and not in_outage(f[0])]
        outage = [f for f in failures if f[1] == name and in_outage(f[0])]
        rows.append(
            {
                "endpoint": name,
                "requests": len(values),
                "rps": len(values) / seconds if seconds else 0.0,
                "p50_ms": 1000 * percentile(values, 0.50),
                "p95_ms": 1000 * percentile(values, 0.95),
                "p99_ms": 1000 * percentile(values, 0.99),
                "max_ms": 1000 * max(values) if values else float("nan"),
                "errors": len(errors),
                "during_outage": len(outage),
                "error_kinds": sorted({f[2] for f in errors}),
            }
        )
    return rows


def print_table(rows: list[dict], title: str) -> None:
    print(f"\n{title}")
    print(
        f"{'endpoint':<18}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'max ms':>9}{'errors':>8}{'outage':>8}"
    )
    for r in rows:
        print(
            f"{r['endpoint']:<18}{r['requests']:>9}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['max_ms']:>9.1f}{r['errors']:>8}"
            f"{r['during_outage']:>8}"
            + (f"  {', '.join(r['error_kinds'])}" if r["error_kinds"] else "")
        )


def merge(results: list[dict]) -> dict:
    out = {"latencies": {}, "failures": [], "acks": [], "submitted": [], "attempts": {}}
    out.update(resumed=0, resumed_wrong=[], abandoned=[], finished=0, cpu_seconds=0.0, stale=0)
    out["phases"] = {}
    for r in results:
        for phase, latencies in r.get("phases", {}).items():
            for name, values in latencies.items():
                out["phases"].setdefault(phase, {}).setdefault(name, []).extend(values)
        for name, values in r["latencies"].items():
            out["latencies"].setdefault(name, []).extend(values)
        for key in ("failures", "acks", "submitted", "resumed_wrong", "abandoned"):
            out[key].extend(r[key])
        out["attempts"].update(r["attempts"])
        for key in ("resumed", "finished", "cpu_seconds", "stale"):
            out[key] += r[key]
    return out
