"""Times are stored in UTC without a zone; teachers type and read them in the
school's zone (``QUIZAPP_TIMEZONE``, default Europe/Paris).

Pages write them in the reader's language: « 1 déc. 2026, 21:23 » in French,
"Dec 1, 2026, 9:23 PM" in English (the month in words, so that 01/12 is never
read as January 12).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import Flask, current_app


def zone() -> str:
    """The school's time zone, as its name (« Europe/Paris »): every page and export
    shows times in it, and says so."""
    return current_app.config.get("TIMEZONE") or "Europe/Paris"


def _zone() -> ZoneInfo:
    return ZoneInfo(zone())


def to_utc(local: datetime | None) -> datetime | None:
    if local is None:
        return None
    return local.replace(tzinfo=_zone()).astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime | None) -> datetime | None:
    if utc is None:
        return None
    return utc.replace(tzinfo=UTC).astimezone(_zone()).replace(tzinfo=None)


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "fr")


# A report lists thousands of times over a few days: Babel's formatting costs some
# 70 µs a call, so the day and the clock time are each formatted once.
@lru_cache(maxsize=4096)
def _day_text(day: date, locale: str) -> str:
    from babel.dates import format_date

    return format_date(day, "medium", locale=locale)


@lru_cache(maxsize=4096)
def _clock_text(hour: int, minute: int, locale: str) -> str:
    from babel.dates import format_time

    return format_time(time(hour, minute), "short", locale=locale)


@lru_cache(maxsize=8)
def _when_pattern(locale: str) -> str:
    from babel.dates import get_datetime_format

    return get_datetime_format("medium", locale=locale).replace("'", "")


def format_when(value: datetime | None) -> str:
    """A date and time as the current locale writes them: medium date, short time
    (Babel's "medium" datetime without the seconds). No zone conversion."""
    if value is None:
        return ""
    locale = _locale()
    return (
        _when_pattern(locale)
        .replace("{1}", _day_text(value.date(), locale))
        .replace("{0}", _clock_text(value.hour, value.minute, locale))
    )


def format_day(value: date | None) -> str:
    """A calendar date in the current locale: « 1 nov. 2024 », "Nov 1, 2024"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _day_text(value, _locale())


def init_app(app: Flask) -> None:
    @app.template_filter("localtime")
    def localtime(value: datetime | None) -> str:
        """A stored (UTC) time in the school's zone, in the reader's language."""
        return format_when(to_local(value)) if value else ""

    app.add_template_filter(format_day, "day")
    app.jinja_env.globals["time_zone"] = zone
