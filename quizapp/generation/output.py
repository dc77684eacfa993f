"""JSON and YAML views of a generation result (the CLI's output formats)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .pipeline import GenerationResult


def _choices(q) -> list[str]:
    if q.type == "cloze":
        return [a.text for b in q.blanks if b.type == "mcq" for a in b.answers]
    return q.choices


def to_json_dict(result: GenerationResult) -> dict[str, Any]:
    a = result.article
    return {
        "article": {
            "title": a.title,
            "date": a.date.isoformat() if a.date else None,
            "language": a.language,
        },
        "questions": [
            {
                "type": q.type,
                "kind": q.kind,
                "stem": q.stem,
                "choices": _choices(q),
                "answers": q.correct_answers,
                "source": {
                    "sentence": q.source.sentence,
                    "start": q.source.start,
                    "end": q.source.end,
                }
                if q.source
                else None,
                "explanation": q.explanation,
                "confidence": q.confidence,
            }
            for q in result.questions
        ],
    }


_DEFAULTS = {
    "pairs": [],
    "blanks": [],
    "title": "",
    "category": "",
    "options": {},
    "text_format": "plain",
    "default_mark": 1.0,
    "penalty": 0.0,
    "extra": {},
}
_ANSWER_DEFAULTS = {"feedback": "", "tolerance": 0.0}


def question_dict(q) -> dict[str, Any]:
    """QuestionData.to_dict() without the fields left at their default value."""
    d = q.to_dict()
    for k, v in _DEFAULTS.items():
        if d.get(k) == v:
            d.pop(k)
    for a in d.get("answers", []):
        for k, v in _ANSWER_DEFAULTS.items():
            if a.get(k) == v:
                a.pop(k)
    for b in d.get("blanks", []):
        for a in b.get("answers", []):
            for k, v in _ANSWER_DEFAULTS.items():
                if a.get(k) == v:
                    a.pop(k)
    return d


def to_bank(
    result: GenerationResult,
    name: str | None = None,
    file: str | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    """The bank file shape (``format: quizapp-bank``), questions numbered q01, q02…"""
    a = result.article
    article = {"title": a.title, "date": a.date, "language": a.language}
    if file:
        article = {"file": file, **article}
    questions = []
    for i, q in enumerate(result.questions, 1):
        questions.append({"id": f"q{i:02d}", **question_dict(q)})
    return {
        "format": "quizapp-bank",
        "version": 1,
        "name": name or a.title or "",
        "tags": tags or [],
        "article": article,
        "questions": questions,
    }


def to_yaml(result: GenerationResult, **bank_kw) -> str:
    return yaml.safe_dump(
        to_bank(result, **bank_kw), allow_unicode=True, sort_keys=False, width=100
    )
