"""Writing quizapp's own bank files (see :mod:`quizapp.formats.bank`): every field a
question has, in readable YAML, defaults left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any

import yaml

from quizapp.domain.questiondata import Answer, QuestionData

from .bank import FORMAT, VERSION
from .base import DumpResult, gc_paused

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper that writes multi-line text as ``|`` blocks, easier to review,
    and never writes anchors (``&id001``) for values shared between questions."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


_DEFAULT = QuestionData(type="", stem="")


_FIELDS = tuple(f.name for f in fields(QuestionData))


def _compact_answer(a: Answer) -> dict[str, Any]:
    d: dict[str, Any] = {"text": a.text}
    if a.fraction != 1.0:
        d["fraction"] = a.fraction
    if a.feedback:
        d["feedback"] = a.feedback
    if a.tolerance:
        d["tolerance"] = a.tolerance
    return d


def _compact(q: QuestionData) -> dict[str, Any]:
    extra = dict(q.extra)
    out: dict[str, Any] = {k: extra.pop(k) for k in ("id", "review_note") if k in extra}
    # field by field rather than to_dict(): asdict() deep-copies, and banks can be large
    for key in _FIELDS:
        value = getattr(q, key)
        if key in ("type", "stem") or value != getattr(_DEFAULT, key):
            out[key] = value
    if q.pairs:
        out["pairs"] = [list(p) for p in q.pairs]
    if q.source is not None:
        out["source"] = {
            "sentence": q.source.sentence,
            "start": q.source.start,
            "end": q.source.end,
        }
    if q.answers:
        out["answers"] = [_compact_answer(a) for a in q.answers]
    if q.blanks:
        out["blanks"] = [
            {
                "type": b.type,
                "answers": [_compact_answer(a) for a in b.answers],
                **({"weight": b.weight} if b.weight != 1.0 else {}),
            }
            for b in q.blanks
        ]
    if extra:
        out["extra"] = _yamlable(extra)
    else:
        out.pop("extra", None)
    if out.get("options"):
        out["options"] = _yamlable(out["options"])
    if out.get("tags"):
        out["tags"] = list(out["tags"])
    return out


def _yamlable(value: Any) -> Any:
    """What safe YAML can hold: tuples and sets become lists, other objects text."""
    if isinstance(value, dict):
        return {
            str(k) if not isinstance(k, str | int) else k: _yamlable(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_yamlable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(_yamlable(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool | dt.date):
        return value
    return str(value)


def _yaml_value(value: Any) -> Any:
    """ISO dates are written as YAML dates, as a person would type them."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _yaml_value(v) for k, v in value.items()}
    return value


def dump(
    questions: list[QuestionData],
    name: str = "",
    tags: list[str] | None = None,
    article: dict[str, Any] | None = None,
    **meta,
) -> DumpResult:
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if name:
        doc["name"] = name
    if tags:
        doc["tags"] = list(tags)
    if article:
        doc["article"] = _yaml_value(dict(article))
    with gc_paused():
        doc["questions"] = [_compact(q) for q in questions]
        text = yaml.dump(
            doc,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=100,
        )
    return DumpResult(text=text)
