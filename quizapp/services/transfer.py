"""Question banks in and out of the database, through quizapp.formats.

One implementation for the web (upload, preview, confirm; download) and the
CLI (``quizapp import`` / ``quizapp export``).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app
from sqlalchemy.orm import selectinload

from quizapp.extensions import db
from quizapp.formats import (
    FORMATS,
    MAX_UPLOAD_BYTES,
    FormatInputError,
    ParseResult,
    dump,
    load,
    read_upload,
)
from quizapp.models import Bank, Question, User
from quizapp.services.banks import add_questions

MIMETYPES = {"moodle_xml": "application/xml", "csv": "text/csv", "bank": "application/x-yaml"}
EXTENSIONS = {
    "gift": "gift",
    "moodle_xml": "xml",
    "aiken": "txt",
    "csv": "csv",
    "bank": "bank.yaml",
}


class TransferError(Exception):
    """An upload that can't be used; the message is one readable sentence."""


def _stash_dir() -> Path:
    folder = Path(current_app.config["DATA_DIR"]) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


#: How long an uploaded file waits for its import to be confirmed.
STASH_SECONDS = 24 * 3600


def purge_stash(now: float | None = None) -> int:
    """Delete uploads older than :data:`STASH_SECONDS` (a preview never confirmed);
    returns how many went."""
    limit = (time.time() if now is None else now) - STASH_SECONDS
    removed = 0
    for path in _stash_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another worker removed it first
            continue
    return removed


def stash_upload(storage) -> str:
    """Keep an upload between the preview and the confirmation; returns its token.
    Uploads left unconfirmed for a day are deleted on the way."""
    try:
        data = read_upload(storage.stream, MAX_UPLOAD_BYTES, storage.filename or "")
    except FormatInputError as exc:
        raise TransferError(str(exc.error.message if hasattr(exc, "error") else exc)) from None
    name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(storage.filename or "upload").name)[-80:]
    token = f"{secrets.token_urlsafe(16)}--{name}"
    purge_stash()
    (_stash_dir() / token).write_bytes(data)
    return token


def _stashed(token: str) -> tuple[bytes, str]:
    if not re.fullmatch(r"[A-Za-z0-9_-]{22}--[A-Za-z0-9._-]{1,80}", token or ""):
        raise TransferError("Envoyez d’abord un fichier.")
    path = _stash_dir() / token
    if not path.is_file() or path.stat().st_mtime < time.time() - STASH_SECONDS:
        raise TransferError("Ce fichier n’est plus disponible : envoyez-le de nouveau.")
    return path.read_bytes(), token.split("--", 1)[1]


def preview(token: str, fmt: str | None) -> ParseResult:
    data, filename = _stashed(token)
    return load(data, filename, fmt)


def import_questions(result: ParseResult, bank: Bank, owner: User, skip_invalid: bool) -> int:
    """Add what a parse found to the bank: nothing when any question is invalid,
    unless ``skip_invalid`` (then only the valid ones)."""
    if result.errors and not skip_invalid:
        return 0
    questions = valid_questions(result) if skip_invalid else result.questions
    for data in questions:
        if data.status not in ("candidate", "accepted", "rejected"):
            data.status = "accepted"
    return add_questions(bank, questions, author=owner)


def valid_questions(result: ParseResult) -> list:
    """The questions no error points at.

    Checks of a parsed question report the line where it starts; a question the
    parser could not read is not in ``result.questions`` at all, so its errors
    (on other lines) leave the readable questions alone.
    """
    bad_lines = {error.line for error in result.errors if error.line is not None}
    return [
        q for q, line in zip(result.questions, result.lines, strict=True) if line not in bad_lines
    ]


def import_stashed(
    token: str, bank: Bank, owner: User, result: ParseResult, skip_invalid: bool
) -> int:
    """Import what the stashed file ``token`` gave (``result``, from :func:`preview`),
    all or nothing unless ``skip_invalid``; the stash is then removed."""
    if result.errors and not skip_invalid:
        n = len(result.errors)
        raise TransferError(f"{n} erreur{'s' if n > 1 else ''} : rien n’a été importé.")
    count = import_questions(result, bank, owner, skip_invalid)
    (_stash_dir() / token).unlink(missing_ok=True)
    return count


def export_bank(bank: Bank, fmt: str):
    """(DumpResult, file name, mimetype). The bank format keeps every question and
    its review state; other formats carry the accepted questions."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    query = (
        db.select(Question)
        .where(Question.bank_id == bank.id)
        .options(selectinload(Question.current_version))
        .order_by(Question.id)
    )
    if fmt != "bank":
        query = query.where(Question.status == "accepted")
    questions = []
    for question in db.session.scalars(query):
        data = question.current_version.question_data
        data.status = question.status
        questions.append(data)
    meta = {"name": bank.name, "tags": list(bank.tags or [])} if fmt == "bank" else {}
    result = dump(questions, fmt, **meta)
    slug = re.sub(r"[^a-z0-9]+", "-", bank.name.lower()).strip("-")[:60] or "banque"
    return result, f"{slug}.{EXTENSIONS[fmt]}", MIMETYPES.get(fmt, "text/plain")
