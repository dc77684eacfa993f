"""The rules a question must follow to be stored, whatever file it came from.

Each problem is a sentence saying what was expected, so that an import
listing them lets a teacher fix the file without reading code.
"""
from __future__ import annotations

import re

from quizapp.questiondata import STATUSES, TYPES, Answer, Blank, QuestionData

from .base import N_, parse_num

TEXT_FORMATS = ("plain", "html", "markdown", "moodle")
BLANK_TYPES = ("short", "mcq", "numeric")
EPS = 0.01
CLOZE_MARKER = re.compile(r"\{(\d{1,4})\}")


def _is_full(fraction: float) -> bool:
    return abs(fraction - 1.0) < 1e-6


def _choice_problems(answers: list[Answer], single: bool, where: str = "") -> list[str]:
    out = []
    if len(answers) < 2:
        out.append(N_("%(where)sexpected at least 2 options, found %(n)d")
                   % {"where": where, "n": len(answers)})
    for i, a in enumerate(answers, 1):
        if not a.text.strip():
            out.append(N_("%(where)soption %(i)d is empty") % {"where": where, "i": i})
        if not -1.0 - 1e-9 <= a.fraction <= 1.0 + 1e-9:
            out.append(N_("%(where)soption %(i)d: fraction %(f)s is outside -1..1 (-100%%..100%%)")
                       % {"where": where, "i": i, "f": a.fraction})
    if single:
        full = sum(1 for a in answers if _is_full(a.fraction))
        if full != 1:
            out.append(N_("%(where)sexpected exactly one right option (fraction 1, 100%%), found %(n)d")
                       % {"where": where, "n": full})
    else:
        total = sum(a.fraction for a in answers if a.fraction > 0)
        if abs(total - 1.0) > EPS:
            out.append(N_("%(where)sthe right options' fractions should add up to 1 (100%%), "
                          "they add up to %(t)s") % {"where": where, "t": round(total, 4)})
    return out


def _open_problems(answers: list[Answer], numeric: bool, where: str = "") -> list[str]:
    out = []
    if not answers:
        out.append(N_("%(where)sexpected at least one accepted answer") % {"where": where})
        return out
    for i, a in enumerate(answers, 1):
        if numeric:
            if a.text.strip() != "*" and parse_num(a.text) is None:
                out.append(N_("%(where)sanswer %(i)d: expected a number, got %(t)r")
                           % {"where": where, "i": i, "t": a.text})
            if a.tolerance < 0:
                out.append(N_("%(where)sanswer %(i)d: the tolerance can't be negative")
                           % {"where": where, "i": i})
        elif not a.text.strip():
            out.append(N_("%(where)sanswer %(i)d is empty") % {"where": where, "i": i})
        if not 0.0 <= a.fraction <= 1.0 + 1e-9:
            out.append(N_("%(where)sanswer %(i)d: fraction %(f)s is outside 0..1 (0%%..100%%)")
                       % {"where": where, "i": i, "f": a.fraction})
    if not any(_is_full(a.fraction) for a in answers):
        out.append(N_("%(where)sexpected one answer worth 100%% (fraction 1)") % {"where": where})
    return out


def _blank_problems(i: int, b: Blank) -> list[str]:
    where = N_("blank {%(i)d}: ") % {"i": i}
    if b.type == "mcq":
        return _choice_problems(b.answers, True, where)
    if b.type == "multi":
        return _choice_problems(b.answers, False, where)
    if b.type in ("short", "numeric"):
        return _open_problems(b.answers, b.type == "numeric", where)
    return [N_("%(where)sunknown type %(t)r, expected one of %(ts)s")
            % {"where": where, "t": b.type, "ts": ", ".join(BLANK_TYPES)}]


def validate(q: QuestionData) -> list[str]:
    """Every problem that keeps ``q`` from being stored; empty when it is fine."""
    out: list[str] = []
    if q.type not in TYPES:
        return [N_("unknown question type %(t)r, expected one of %(ts)s")
                % {"t": q.type, "ts": ", ".join(TYPES)}]
    if not q.stem.strip() and q.type != "cloze":
        out.append(N_("the question text is empty"))
    if q.type in ("mcq", "multi"):
        out += _choice_problems(q.answers, q.type == "mcq")
    elif q.type == "truefalse":
        texts = [a.text for a in q.answers]
        if texts != ["true", "false"]:
            out.append(N_("a true/false question needs the answers 'true' then 'false', found %(t)s")
                       % {"t": texts})
        elif sorted(round(a.fraction, 6) for a in q.answers) != [0.0, 1.0]:
            out.append(N_("a true/false question needs one answer worth 1 and the other 0"))
    elif q.type in ("short", "numeric"):
        out += _open_problems(q.answers, q.type == "numeric")
    elif q.type == "matching":
        real = [p for p in q.pairs if p[0].strip()]
        if len(real) < 2:
            out.append(N_("a matching question needs at least 2 pairs, found %(n)d") % {"n": len(real)})
        for i, (_prompt, match) in enumerate(q.pairs, 1):
            if not match.strip():
                out.append(N_("pair %(i)d has no match") % {"i": i})
    elif q.type == "cloze":
        found = [int(m) for m in CLOZE_MARKER.findall(q.stem)]
        if sorted(found) != list(range(1, len(q.blanks) + 1)):
            out.append(N_("the text should hold the markers {1}..{%(n)d} once each, "
                          "one per blank; found %(f)s") % {"n": len(q.blanks), "f": found})
        for i, b in enumerate(q.blanks, 1):
            out += _blank_problems(i, b)
    if q.status not in STATUSES:
        out.append(N_("unknown status %(s)r, expected one of %(ss)s")
                   % {"s": q.status, "ss": ", ".join(STATUSES)})
    if q.text_format not in TEXT_FORMATS:
        out.append(N_("unknown text format %(f)r, expected one of %(fs)s")
                   % {"f": q.text_format, "fs": ", ".join(TEXT_FORMATS)})
    if q.confidence is not None and not 0.0 <= q.confidence <= 1.0:
        out.append(N_("the confidence should be between 0 and 1, not %(c)s") % {"c": q.confidence})
    if q.default_mark < 0:
        out.append(N_("the mark can't be negative"))
    return out
