"""Consistent SQLite backups and restores, for ``quizapp backup`` and ``quizapp restore``."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class BackupError(Exception):
    """A backup or restore that can't be done; the message is one line."""


def sqlite_path(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise BackupError(
            "backup and restore copy SQLite databases; for PostgreSQL use pg_dump and "
            "pg_restore (see the README)"
        )
    return Path(url.removeprefix("sqlite:///"))


def backup_sqlite(url: str, target: Path) -> int:
    """Copy a live database consistently with SQLite's online backup API; returns pages."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"no database at {source_path}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=30)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest, pages=1024)
        check = dest.execute("PRAGMA integrity_check").fetchone()[0]
        pages = dest.execute("PRAGMA page_count").fetchone()[0]
    finally:
        dest.close()
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {check}")
    partial.replace(target)
    return pages


def restore_sqlite(url: str, backup: Path) -> None:
    """Bring a backup back into the database file (stop the server first)."""
    target_path = sqlite_path(url)
    if not backup.is_file():
        raise BackupError(f"no backup file at {backup}")
    source = sqlite3.connect(backup)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{backup} fails SQLite's integrity check")
        dest = sqlite3.connect(target_path, timeout=30)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{backup} is not an SQLite database ({exc})") from None
    finally:
        source.close()
