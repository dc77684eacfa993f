"""Writing Moodle XML as Moodle's import reads it (see :mod:`quizapp.formats.moodle_xml`)."""

from __future__ import annotations

import re
from dataclasses import replace
from xml.sax.saxutils import quoteattr

from quizapp.domain.questiondata import Answer, QuestionData

from . import cloze
from .base import (
    N_,
    ROUNDED_FOR_MOODLE,
    DumpResult,
    fmt_num,
    moodle_answers,
    percent,
)
from .moodle_xml import INVALID_XML_CHARS, TO_MOODLE_FORMAT, TO_MOODLE_TYPE


def _cdata(text: str) -> str:
    text = INVALID_XML_CHARS.sub("", text)
    if any(c in text for c in "<>&"):
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return text


def _el(tag: str, text: str, fmt: str | None = None, indent: str = "    ") -> str:
    attr = f' format="{TO_MOODLE_FORMAT.get(fmt, "html")}"' if fmt else ""
    return f"{indent}<{tag}{attr}>\n{indent}  <text>{_cdata(text)}</text>\n{indent}</{tag}>\n"


def _answer_xml(a: Answer, fmt: str, numeric: bool = False) -> str:
    out = [
        f'    <answer fraction="{percent(a.fraction)}" '
        f'format="{TO_MOODLE_FORMAT.get(fmt, "html")}">\n',
        f"      <text>{_cdata(a.text)}</text>\n",
    ]
    if numeric:
        out.append(f"      <tolerance>{fmt_num(a.tolerance)}</tolerance>\n")
    out.append(_el("feedback", a.feedback, fmt, "      "))
    out.append("    </answer>\n")
    return "".join(out)


def _default_name(q: QuestionData) -> str:
    text = re.sub(r"<[^>]{0,200}>", " ", q.stem)
    text = " ".join(text.split())
    return (text[:60] or q.type).strip()


def _setting(tag: str, value: str, have: set[str]) -> list[str]:
    """A setting with quizapp's default, unless the question kept Moodle's own."""
    return [] if tag in have else [f"    <{tag}>{value}</{tag}>\n"]


# Each writer gives the elements of one question type (``have``: the tags kept raw).
def _choice_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    out = [f"    <single>{'true' if q.type == 'mcq' else 'false'}</single>\n"]
    out += _setting("shuffleanswers", "true", have) + _setting("answernumbering", "abc", have)
    return out + [_answer_xml(a, fmt) for a in q.answers]


def _truefalse_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    return [_answer_xml(a, "moodle") for a in q.answers]


def _short_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    out = [f"    <usecase>{1 if q.options.get('case_sensitive') else 0}</usecase>\n"]
    return out + [_answer_xml(a, "moodle") for a in q.answers]


def _numeric_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    out = [_answer_xml(a, "moodle", numeric=True) for a in q.answers]
    units = q.extra.get("units") or ([[q.options["unit"], 1.0]] if q.options.get("unit") else [])
    if units:
        out.append(
            "    <units>\n"
            + "".join(
                f"      <unit>\n        <multiplier>{fmt_num(float(m))}</multiplier>\n"
                f"        <unit_name>{_cdata(str(n))}</unit_name>\n      </unit>\n"
                for n, m in units
            )
            + "    </units>\n"
        )
    return out


def _matching_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    out = _setting("shuffleanswers", "true", have)
    for prompt, match in q.pairs:
        out.append(
            f'    <subquestion format="{TO_MOODLE_FORMAT.get(fmt, "html")}">\n'
            f"      <text>{_cdata(prompt)}</text>\n"
            f"      <answer>\n        <text>{_cdata(match)}</text>\n      </answer>\n"
            "    </subquestion>\n"
        )
    return out


_ESSAY_SETTINGS = (
    ("responseformat", "editor"),
    ("responserequired", "1"),
    ("responsefieldlines", "15"),
    ("attachments", "0"),
    ("attachmentsrequired", "0"),
)


def _essay_xml(q: QuestionData, fmt: str, have: set[str]) -> list[str]:
    out = [line for tag, value in _ESSAY_SETTINGS for line in _setting(tag, value, have)]
    out += [_el(tag, "", "html") for tag in ("graderinfo", "responsetemplate") if tag not in have]
    return out


_TYPE_XML = {
    "mcq": _choice_xml,
    "multi": _choice_xml,
    "truefalse": _truefalse_xml,
    "short": _short_xml,
    "numeric": _numeric_xml,
    "matching": _matching_xml,
    "essay": _essay_xml,
}


def _hints_xml(q: QuestionData, fmt: str) -> list[str]:
    out = []
    for h in q.extra.get("hints") or []:
        hint = h if isinstance(h, dict) else {"text": str(h)}
        flags = "".join(f"      <{f}/>\n" for f in ("shownumcorrect", "clearwrong") if hint.get(f))
        out.append(
            _el("hint", str(hint.get("text", "")), hint.get("format", fmt)).replace(
                "    </hint>", flags + "    </hint>"
            )
        )
    return out


def _body(q: QuestionData) -> str:
    fmt = q.text_format
    raw = q.extra.get("moodle_xml") or []
    have = {m.group(1) for m in (re.match(r"<([\w-]+)", r) for r in raw) if m}
    stem = q.stem
    if q.type == "cloze":
        stem = cloze.write_cloze(q.stem, q.blanks, q.extra.get("cloze_variants"))
    out = [
        _el("name", q.title.strip() or _default_name(q)),
        _el("questiontext", stem, fmt),
        _el("generalfeedback", q.explanation, fmt),
        f"    <defaultgrade>{fmt_num(q.default_mark)}</defaultgrade>\n",
        f"    <penalty>{fmt_num(q.penalty)}</penalty>\n",
        f"    <idnumber>{_cdata(str(q.extra.get('idnumber', '')))}</idnumber>\n",
    ]
    if q.type in _TYPE_XML:
        out += _TYPE_XML[q.type](q, fmt, have)
    out += [f"    {r}\n" for r in raw]
    out += _hints_xml(q, fmt)
    if q.tags:
        out.append(
            "    <tags>\n"
            + "".join(f"      <tag><text>{_cdata(t)}</text></tag>\n" for t in q.tags)
            + "    </tags>\n"
        )
    return "".join(out)


def dump(questions: list[QuestionData], **meta) -> DumpResult:
    res = DumpResult(text="")
    info = meta.get("category_info") or {}
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    category = ""
    for i, q in enumerate(questions):
        if q.category and q.category != category:
            category = q.category
            cat = info.get(category, {})
            out.append(
                '  <question type="category">\n'
                f"    <category>\n      <text>{_cdata(category)}</text>\n    </category>\n"
                + _el("info", cat.get("info", ""), cat.get("info_format", "moodle"))
                + f"    <idnumber>{_cdata(cat.get('idnumber', ''))}</idnumber>\n"
                "  </question>\n"
            )
        elif not q.category and category:
            res.lossy.append(
                (i, N_("Moodle XML ne peut pas revenir à « sans catégorie » après une catégorie"))
            )
        if q.type not in TO_MOODLE_TYPE:
            res.skipped.append((i, N_("type de question inconnu %(t)r") % {"t": q.type}))
            continue
        if q.type == "short" and (q.options.get("accents_matter") or q.options.get("typos")):
            res.lossy.append(
                (
                    i,
                    N_(
                        "Moodle XML ne garde que la casse des options de réponse "
                        "courte (ni accents ni fautes de frappe)"
                    ),
                )
            )
        answers, rounded = moodle_answers(q.answers)
        if rounded:
            res.lossy.append((i, ROUNDED_FOR_MOODLE % {"changes": rounded}))
        out.append(f"  <question type={quoteattr(TO_MOODLE_TYPE[q.type])}>\n")
        out.append(_body(replace(q, answers=answers)))
        out.append("  </question>\n")
    out.append("</quiz>\n")
    res.text = "".join(out)
    return res
