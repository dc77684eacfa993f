"""``quizapp import`` and ``quizapp export``: the CLI side of quizapp.services.transfer."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click
from flask.cli import with_appcontext

from quizapp.cli.common import count, fail, upgrade_schema
from quizapp.extensions import db
from quizapp.formats import FORMATS, MAX_UPLOAD_BYTES, ParseResult, load
from quizapp.models import Bank, User
from quizapp.services.transfer import export_bank, import_questions, valid_questions


def _find_bank(ref: str) -> Bank | None:
    if ref.isdigit():
        bank = db.session.get(Bank, int(ref))
        if bank is not None:
            return bank
    banks = db.session.scalars(db.select(Bank).where(Bank.name == ref)).all()
    if len(banks) > 1:
        fail(
            f"several banks are named {ref!r}: use the bank's number ({', '.join(str(b.id) for b in banks)})",
            1,
        )
    return banks[0] if banks else None


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Found from the extension and content when omitted.",
)
@click.option("--bank", "bank_ref", default=None, help="Bank number or name (created when new).")
@click.option("--owner", default=None, help="Teacher who owns a new bank.")
@click.option("--dry-run", is_flag=True, help="Report without writing.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid questions, list the rest.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@with_appcontext
def import_command(paths, fmt, bank_ref, owner, dry_run, skip_invalid, as_json) -> None:
    """Import question files into a bank: all or nothing unless --skip-invalid."""
    upgrade_schema()
    results = [_read_file(path, fmt) for path in paths]
    questions = [q for r in results for q in (valid_questions(r) if skip_invalid else r.questions)]
    errors = [e for r in results for e in r.errors]
    ok = (not errors or skip_invalid) and bool(questions)
    imported = False
    bank = _find_bank(bank_ref) if bank_ref else None
    if ok and not dry_run:
        if bank is None:
            name = bank_ref or (results[0].bank_meta or {}).get("name") or Path(paths[0]).stem
            bank = _new_bank(owner, name)
        owner_user = db.session.get(User, bank.owner_id)
        for result in results:
            import_questions(result, bank, owner_user, skip_invalid)
        db.session.commit()
        imported = True
    if as_json:
        click.echo(json.dumps(_report(results, questions, errors, imported), ensure_ascii=False))
    else:
        for e in errors:
            click.echo(str(e), err=True)
        verb = "would import" if dry_run else ("imported" if imported else "imported nothing:")
        click.echo(
            f"{verb} {count(len(questions), 'question')}"
            + (f" into bank {bank.id} ({bank.name})" if imported else "")
            + (f", {count(len(errors), 'error')}" if errors else "")
        )
    sys.exit(0 if ok else 1)


def _read_file(path: str, fmt: str | None) -> ParseResult:
    p = Path(path)
    if not p.is_file():
        fail(f"{path}: no such file", 1)
    with p.open("rb") as fh:
        data = fh.read(MAX_UPLOAD_BYTES + 1)
    return load(data, p.name, fmt)


def _new_bank(owner: str | None, name: str) -> Bank:
    """A bank for the questions, owned by the teacher named ``--owner``."""
    if not owner:
        fail("--owner USERNAME is needed to create a new bank", 1)
    user = db.session.scalar(db.select(User).where(User.username == owner.lower()))
    if user is None or user.role not in ("teacher", "admin"):
        fail(f"no teacher named {owner!r}", 1)
    bank = Bank(owner_id=user.id, name=name, tags=[])
    db.session.add(bank)
    return bank


def _report(results: list[ParseResult], questions: list, errors: list, imported: bool) -> dict:
    return {
        "imported": imported,
        "questions": len(questions),
        "by_type": dict(Counter(q.type for q in questions)),
        "categories": sorted({c for r in results for c in r.categories}),
        "errors": [
            {"file": e.file, "line": e.line, "column": e.column, "message": e.message}
            for e in errors
        ],
        "warnings": [w for r in results for w in r.warnings],
    }


@click.command("export")
@click.argument("bank_ref")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
@with_appcontext
def export_command(bank_ref, fmt, output) -> None:
    """Write a bank in any format; what the format can't hold is listed as skipped."""
    bank = _find_bank(bank_ref)
    if bank is None:
        fail(f"no bank {bank_ref!r}", 1)
    result, _name, _mime = export_bank(bank, fmt)
    try:
        Path(output).write_text(result.text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", 1)
    for index, reason in result.skipped:
        click.echo(f"skipped question {index + 1}: {reason}", err=True)
    click.echo(f"wrote {output}" + (f" ({len(result.skipped)} skipped)" if result.skipped else ""))
