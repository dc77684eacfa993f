"""A question's answer read from a plain form post, shaped as the page's script sends it
(the student's pages and the teacher's preview read answers the same way)."""

from __future__ import annotations

from typing import Any

from quizapp.domain.questiondata import QuestionData


def raw_from_form(data: QuestionData, slot: int, form) -> Any:
    """What a plain form post gave for one question, shaped as the page's script sends it."""
    key = f"a{slot}"
    if data.type == "multi":
        return form.getlist(key)
    if data.type == "matching":
        prompts = sum(1 for p, _m in data.pairs if p)
        return {str(p): form.get(f"{key}-{p}", "") for p in range(prompts)}
    if data.type == "cloze":
        return [form.get(f"{key}-{n}", "") for n in range(1, len(data.blanks) + 1)]
    if data.type == "description":
        return None
    return form.get(key)
