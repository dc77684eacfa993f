"""Writing an article's unreviewed bank file, the starting point of a teacher's review.

``python -m quizapp.generation.bank questions/moscou-pyongyang-2024-11-01.txt`` prints the
bank as generated (status ``candidate``); diffing it with the reviewed
``.bank.yaml`` next to the article shows what the review removed or edited.
The name, tags and source are taken from the reviewed bank when there is one.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from .article import load_article
from .output import to_bank
from .pipeline import generate


def bank_path(article: Path) -> Path:
    return article.with_name(article.stem + ".bank.yaml")


def unreviewed_bank(article: Path) -> dict[str, Any]:
    text, title, date = load_article(article)
    result = generate(text, title=title, date=date)
    reviewed = bank_path(article)
    meta: dict[str, Any] = {}
    if reviewed.exists():
        meta = yaml.safe_load(reviewed.read_text(encoding="utf-8")) or {}
    bank = to_bank(result, name=meta.get("name"), file=article.name, tags=meta.get("tags"))
    for key in ("source", "attribution"):
        if key in (meta.get("article") or {}):
            bank["article"][key] = meta["article"][key]
    return bank


def dump(bank: dict[str, Any]) -> str:
    return yaml.safe_dump(bank, allow_unicode=True, sort_keys=False, width=100)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m quizapp.generation.bank ARTICLE.txt", file=sys.stderr)
        return 2
    sys.stdout.write(dump(unreviewed_bank(Path(args[0]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
