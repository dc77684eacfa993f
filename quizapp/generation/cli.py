"""``quizapp generate``: articles in, question banks out (JSON or YAML).

Also runnable alone to regenerate an unreviewed bank, e.g.
``python -m quizapp.generation.cli questions/moscou-pyongyang-2024-11-01.txt --format yaml``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .article import load_article
from .errors import GenerationError


class GenerateFailed(click.ClickException):
    """Bad input: one line on stderr, exit status 1, no traceback."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"Erreur : {self.message}", file=file, err=file is None)


def _generate_file(path: Path, max_questions: int | None):
    from .pipeline import generate

    try:
        text, title, date = load_article(path)
        return generate(text, title=title, date=date, max_questions=max_questions)
    except GenerationError as exc:
        raise GenerateFailed(f"{path.name} : {exc.message}") from None


def _render(results: list, paths: list[Path], fmt: str) -> str:
    from .output import to_bank, to_json_dict

    if fmt == "json":
        data = [to_json_dict(r) for r in results]
        return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    banks = [to_bank(r, file=p.name) for r, p in zip(results, paths, strict=True)]
    return yaml.safe_dump_all(banks, allow_unicode=True, sort_keys=False, width=100)


@click.command("generate")
@click.argument(
    "articles", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "yaml"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--max",
    "max_questions",
    type=click.IntRange(min=1),
    default=None,
    help="Keep at most N questions per article (the best ranked).",
)
def generate_command(
    articles: tuple[Path, ...], fmt: str, output: Path | None, max_questions: int | None
) -> None:
    """Generate a ranked question bank from French news articles (.txt, .md, .html, .pdf, .docx)."""
    paths = list(articles)
    results = []
    if len(paths) > 1:
        with click.progressbar(paths, label="Génération", file=sys.stderr) as bar:
            for p in bar:
                results.append(_generate_file(p, max_questions))
    else:
        results.append(_generate_file(paths[0], max_questions))
    text = _render(results, paths, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GenerateFailed(
                f"{output} : écriture impossible ({exc.strerror or exc})"
            ) from None


if __name__ == "__main__":
    generate_command()
