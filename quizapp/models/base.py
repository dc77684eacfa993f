from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC: SQLite keeps no time zone, so every stored time is UTC without one."""
    return datetime.now(UTC).replace(tzinfo=None)


#: The largest id a database stores (a signed 64-bit integer on SQLite and
#: PostgreSQL); a larger number in an address or a form names nothing.
MAX_ID = 2**63 - 1


def db_id(value: str | int) -> int:
    """A posted id as an int; ``ValueError`` (as ``int`` gives) when it names no row."""
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise ValueError(f"id out of range: {value!r:.30}")
    return number
