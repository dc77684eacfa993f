"""Writing GIFT as Moodle reads it: what the format can't hold is skipped, grades
Moodle refuses are rounded to the nearest it accepts (see :mod:`quizapp.formats.gift`)."""

from __future__ import annotations

from dataclasses import replace

from quizapp.domain.questiondata import Answer, QuestionData

from .base import (
    N_,
    ROUNDED_FOR_MOODLE,
    DumpResult,
    fmt_num,
    moodle_answers,
    percent,
)
from .gift import FORMAT_NAMES


def _esc(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _bracketed(text: str) -> str:
    return _esc(text).replace("[", "\\[").replace("]", "\\]")


def _text(text: str, fmt: str, default: str = "moodle") -> str:
    """Escaped text with its format marker when it differs from the default,
    or when the text itself would be misread (a leading '[', '/' or '$')."""
    marker = fmt != default or text[:1] in ("[", "/", "$")
    return (f"[{fmt}]" if marker and text else "") + _esc(text)


def _fb(feedback: str, fmt: str) -> str:
    return "#" + _text(feedback, fmt, fmt) if feedback else ""


def _short_weight(a: Answer) -> str:
    full = a.fraction == 1.0 and not a.text.startswith("%")
    return "" if full else f"%{percent(a.fraction)}%"


# Each writer gives what follows the stem (the answer block), or None when the
# question can't be written (the reason is in res.skipped). Answers take the
# question's text format.
def _description_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str:
    if q.explanation:
        res.lossy.append((i, N_("GIFT ne garde pas le feedback général d'une description")))
    return ""


def _essay_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str:
    return "{" + general.strip() + "}"


def _choice_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str:
    body = []
    for a in q.answers:
        if q.type == "mcq" and a.fraction == 1.0:
            mark = "="
        elif a.fraction == 0 and not a.text.startswith("%"):
            mark = "~"
        else:
            mark = f"~%{percent(a.fraction)}%"
        body.append(f"\t{mark}{_text(a.text, fmt, fmt)}{_fb(a.feedback, fmt)}\n")
    return "{\n" + "".join(body) + general + "}"


def _truefalse_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str:
    true = next((a for a in q.answers if a.text == "true"), Answer("true", 1.0))
    false = next((a for a in q.answers if a.text == "false"), Answer("false", 0.0))
    right, wrong = (true, false) if true.fraction >= 1.0 else (false, true)
    word = "TRUE" if right is true else "FALSE"
    fb = ""
    if wrong.feedback or right.feedback:
        fb = "#" + _text(wrong.feedback, fmt, fmt)
    if right.feedback:
        fb += "#" + _text(right.feedback, fmt, fmt)
    return "{" + word + fb + general.strip() + "}"


def _short_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str | None:
    # Moodle reads a block with "=" and "->" anywhere in it (feedback included) as
    # a matching question.
    if "->" in q.explanation or any("->" in a.text + a.feedback for a in q.answers):
        res.skipped.append((i, N_("GIFT ne peut pas écrire '->' dans une réponse courte")))
        return None
    if any(q.options.get(k) for k in ("case_sensitive", "accents_matter", "typos")):
        res.lossy.append(
            (
                i,
                N_(
                    "GIFT ne garde pas les options de réponse courte (casse, accents, fautes de frappe)"
                ),
            )
        )
    body = [
        f"\t={_short_weight(a)}{_text(a.text, fmt, fmt)}{_fb(a.feedback, fmt)}\n" for a in q.answers
    ]
    return "{\n" + "".join(body) + general + "}"


def _numeric_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str:
    if q.options.get("unit"):
        res.lossy.append((i, N_("GIFT ne garde pas l'unité d'une réponse numérique")))
    body = []
    for a in q.answers:
        if a.text.strip() == "*":
            body.append(f"\t~{_fb(a.feedback, fmt) or '#'}\n")
            continue
        weight = "" if a.fraction == 1.0 else f"%{percent(a.fraction)}%"
        tol = f":{fmt_num(a.tolerance)}" if a.tolerance else ""
        body.append(f"\t={weight}{a.text.strip()}{tol}{_fb(a.feedback, fmt)}\n")
    return "{#\n" + "".join(body) + general + "}"


def _matching_block(q: QuestionData, fmt: str, general: str, res: DumpResult, i: int) -> str | None:
    if any("->" in p for p, _m in q.pairs):
        res.skipped.append((i, N_("GIFT ne peut pas écrire '->' dans un élément d'appariement")))
        return None
    body = [f"\t={_text(p, fmt, fmt)} -> {_esc(m)}\n" for p, m in q.pairs]
    return "{\n" + "".join(body) + general + "}"


_BLOCKS = {
    "description": _description_block,
    "essay": _essay_block,
    "mcq": _choice_block,
    "multi": _choice_block,
    "truefalse": _truefalse_block,
    "short": _short_block,
    "numeric": _numeric_block,
    "matching": _matching_block,
}


def _comment(q: QuestionData) -> list[str]:
    """The ``// [id:…] [tag:…]`` line, when the question has an id number or tags."""
    ident = q.extra.get("idnumber")
    marks = [f"[id:{_bracketed(str(ident))}]"] if ident else []
    marks += [f"[tag:{_bracketed(t)}]" for t in q.tags]
    return ["// " + " ".join(marks)] if marks else []


def _lines(q: QuestionData, res: DumpResult, i: int) -> str | None:
    answers, rounded = moodle_answers(q.answers)
    q = replace(q, answers=answers)
    writer = _BLOCKS.get(q.type)
    if writer is None:
        res.skipped.append(
            (i, N_("GIFT n'a pas de questions %(t)s ; utilisez Moodle XML") % {"t": q.type})
        )
        return None
    fmt = q.text_format if q.text_format in FORMAT_NAMES else "moodle"
    general = f"\t####{_text(q.explanation, fmt, fmt)}\n" if q.explanation else ""
    block = writer(q, fmt, general, res, i)
    if block is None:
        return None
    title = f"::{_esc(q.title.strip())}::" if q.title.strip() else ""
    head = _comment(q) + [title + _text(q.stem, fmt) + block]
    if rounded:
        res.lossy.append((i, ROUNDED_FOR_MOODLE % {"changes": rounded}))
    return "\n".join(head) + "\n"


def dump(questions: list[QuestionData], **meta) -> DumpResult:
    res = DumpResult(text="")
    out = []
    category = ""
    for i, q in enumerate(questions):
        block = _lines(q, res, i)
        if block is None:
            continue
        if q.category != category:
            if q.category:
                out.append(f"$CATEGORY: {q.category}\n")
            else:
                res.lossy.append(
                    (i, N_("GIFT ne peut pas revenir à « sans catégorie » après une catégorie"))
                )
            category = q.category or category
        out.append(block)
    res.text = "\n".join(out)
    return res
