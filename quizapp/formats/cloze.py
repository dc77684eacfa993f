"""Moodle's embedded-answers (cloze) syntax, shared by Moodle XML and CSV.

In Moodle the text carries each gap in place::

    La capitale de la Russie est {1:SHORTANSWER:=Moscou#Oui~%50%Moskva}.
    {2:NUMERICAL:=1147:2} est l'année de sa fondation.

The leading number is the gap's mark (default 1). quizapp keeps the text with
``{1}``, ``{2}``… and the gaps as :class:`Blank`; the display variants that
a Blank has no field for (``MULTICHOICE_V``, ``SHORTANSWER_C``…) are kept
in ``extra["cloze_variants"]`` so they are written back unchanged.
"""

from __future__ import annotations

import re

from quizapp.domain.questiondata import Answer, Blank

from .base import N_, fmt_num, from_percent, parse_num

# Moodle's subquestion type names and their short forms -> quizapp blank type.
SUBTYPES = {
    "SHORTANSWER": "short",
    "SA": "short",
    "MW": "short",
    "SHORTANSWER_C": "short",
    "SAC": "short",
    "MWC": "short",
    "NUMERICAL": "numeric",
    "NM": "numeric",
    "MULTICHOICE": "mcq",
    "MC": "mcq",
    "MULTICHOICE_V": "mcq",
    "MCV": "mcq",
    "MULTICHOICE_H": "mcq",
    "MCH": "mcq",
    "MULTICHOICE_S": "mcq",
    "MCS": "mcq",
    "MULTICHOICE_VS": "mcq",
    "MCVS": "mcq",
    "MULTICHOICE_HS": "mcq",
    "MCHS": "mcq",
    "MULTIRESPONSE": "multi",
    "MR": "multi",
    "MULTIRESPONSE_H": "multi",
    "MRH": "multi",
    "MULTIRESPONSE_S": "multi",
    "MRS": "multi",
    "MULTIRESPONSE_HS": "multi",
    "MRHS": "multi",
}
DEFAULT_SUBTYPE = {
    "short": "SHORTANSWER",
    "numeric": "NUMERICAL",
    "mcq": "MULTICHOICE",
    "multi": "MULTIRESPONSE",
}
_MARKER = re.compile(r"\{(\d+(?:\.\d+)?)?:([A-Za-z_]+):")


def _split_unescaped(text: str, sep: str) -> list[str]:
    parts, buf, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if c == sep and not (sep == "#" and i > 0 and text[i - 1] == "&"):
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(c)
        i += 1
    parts.append("".join(buf))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.S).strip()


def _alternatives(body: str, btype: str) -> tuple[list[Answer], str | None]:
    answers = []
    for alt in _split_unescaped(body, "~"):
        alt = alt.strip()
        if not alt:
            continue
        fraction = 0.0
        if alt.startswith("="):
            fraction, alt = 1.0, alt[1:]
        elif alt.startswith("%"):
            end = alt.find("%", 1)
            value = parse_num(alt[1:end]) if end > 0 else None
            if value is None:
                return [], N_("un poids comme %%50%% est attendu, pas %(a)r") % {"a": alt[:12]}
            fraction, alt = from_percent(value), alt[end + 1 :]
        text, *fb = _split_unescaped(alt, "#")
        feedback = _unescape("#".join(fb))
        tolerance = 0.0
        if btype == "numeric":
            value, _, tol = text.partition(":")
            text = _unescape(value)
            if text != "*" and parse_num(text) is None:
                return [], N_("un nombre est attendu, pas %(t)r") % {"t": text}
            t = parse_num(tol) if tol.strip() else 0.0
            if t is None:
                return [], N_("un nombre est attendu comme tolérance, pas %(t)r") % {"t": tol}
            tolerance = abs(t)
        else:
            text = _unescape(text)
        answers.append(Answer(text, fraction, feedback, tolerance))
    if not answers:
        return [], N_("au moins une réponse est attendue, comme =Paris")
    return answers, None


def parse_cloze(text: str) -> tuple[str, list[Blank], dict[str, str], list[tuple[int, str]]]:
    """Cloze text -> (stem with {n}, blanks, variants, errors as (offset, message))."""
    stem, blanks, variants, errors = [], [], {}, []
    pos = 0
    while True:
        m = _MARKER.search(text, pos)
        if not m:
            break
        i = m.end()
        while i < len(text) and text[i] != "}":
            i += 2 if text[i] == "\\" else 1
        if i >= len(text):
            errors.append((m.start(), N_("réponse intégrée non fermée : '}' est attendue")))
            break
        name = m.group(2).upper()
        stem.append(text[pos : m.start()])
        pos = i + 1
        if name not in SUBTYPES:
            errors.append(
                (
                    m.start(),
                    N_(
                        "type de réponse intégrée inconnu %(t)r ; types possibles : "
                        "SHORTANSWER, NUMERICAL, MULTICHOICE, MULTIRESPONSE…"
                    )
                    % {"t": m.group(2)},
                )
            )
            continue
        btype = SUBTYPES[name]
        answers, problem = _alternatives(text[m.end() : i], btype)
        if problem:
            errors.append((m.start(), problem))
            continue
        blanks.append(Blank(btype, answers, float(m.group(1)) if m.group(1) else 1.0))
        stem.append(f"{{{len(blanks)}}}")
        if name != DEFAULT_SUBTYPE[btype]:
            variants[str(len(blanks))] = name
    stem.append(text[pos:])
    return "".join(stem), blanks, variants, errors


def _escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "}#~":
        out = out.replace(ch, "\\" + ch)
    return out


def format_blank(blank: Blank, variant: str = "") -> str:
    """One gap in Moodle's syntax, e.g. ``{1:SHORTANSWER:=Moscou~%50%Moskva}``."""
    parts = []
    for a in blank.answers:
        if a.fraction == 1.0:
            mark = "="
        elif a.fraction == 0.0 and not a.text.startswith(("%", "=")):
            mark = ""
        else:
            mark = f"%{fmt_num(round(a.fraction * 100, 5))}%"
        text = a.text.strip() if blank.type == "numeric" else _escape(a.text)
        if blank.type == "numeric" and a.tolerance:
            text += f":{fmt_num(a.tolerance)}"
        parts.append(mark + text + ("#" + _escape(a.feedback) if a.feedback else ""))
    name = variant or DEFAULT_SUBTYPE.get(blank.type, "SHORTANSWER")
    return f"{{{fmt_num(blank.weight)}:{name}:{'~'.join(parts)}}}"


def write_cloze(stem: str, blanks: list[Blank], variants: dict[str, str] | None = None) -> str:
    """The reverse of :func:`parse_cloze`: put each blank back in place of its ``{n}``."""
    variants = variants or {}

    def gap(m: re.Match) -> str:
        n = int(m.group(1))
        if 1 <= n <= len(blanks):
            return format_blank(blanks[n - 1], variants.get(str(n), ""))
        return m.group(0)

    return re.sub(r"\{(\d{1,4})\}", gap, stem)
