"""Wrong dates for a date question: the article's other dates of the same precision
first, then near shifts (a week, a month, a year), never after the article's date for
a past event."""

from __future__ import annotations

import datetime as dt

from .dates import DateValue, valid_day


def date_distractors(
    value: DateValue, others: list[DateValue], n: int = 3, latest: dt.date | None = None
) -> list[DateValue]:
    """Wrong dates of the same precision: the article's other dates first, then near shifts.

    ``latest``, the article's date: a past event's wrong dates are never after it (« le 17
    octobre » for a strike an article of 19 September reports is false on its face)."""
    out: list[DateValue] = []
    seen = {value}
    if latest is not None and _past(value, latest):
        seen |= {o for o in others if not _past(o, latest)}
    for o in others:
        if (
            o.precision == value.precision
            and o not in seen
            and (o.year is None) == (value.year is None)
        ):
            out.append(o)
            seen.add(o)
        if len(out) == n:
            return out
    shifts = {
        "day": [(0, 0, 7), (0, 1, 0), (0, -1, 0), (0, 0, -5), (-1, 0, 0), (1, 0, 0)],
        "month": [(0, -2, 0), (-1, 0, 0), (0, 3, 0), (1, 0, 0), (0, -5, 0), (-2, 0, 0)],
        "year": [(-1, 0, 0), (2, 0, 0), (-3, 0, 0), (1, 0, 0), (-5, 0, 0)],
    }[value.precision]
    for dy, dm, dd in shifts:
        cand = _shift(value, dy, dm, dd)
        if cand and latest is not None and _past(value, latest) and not _past(cand, latest):
            continue
        if cand and cand not in seen:
            out.append(cand)
            seen.add(cand)
        if len(out) == n:
            break
    return out


def _past(v: DateValue, latest: dt.date) -> bool:
    """Whether the date (its first day, when it is a month or a year) is on or before ``latest``."""
    if v.year is None:
        return True
    return (v.year, v.month or 1, v.day or 1) <= (latest.year, latest.month, latest.day)


def _shift(v: DateValue, dy: int, dm: int, dd: int) -> DateValue | None:
    year = (v.year or 0) + dy
    month = v.month
    if month:
        total = (month - 1) + dm
        year += total // 12
        month = total % 12 + 1
    day = v.day
    if day:
        base = (
            dt.date(year or 2000, month, min(day, 28) if dd else day)
            if valid_day(year or 2000, month, day)
            else None
        )
        if base is None:
            return None
        base = base + dt.timedelta(days=dd)
        return DateValue(v.year and base.year, base.month, base.day)
    return DateValue(v.year and year, month)
