"""Moodle XML (docs.moodle.org "Moodle XML format"), read with defusedxml;
:mod:`.moodle_xml_writer` writes it.

A file is ``<quiz>`` holding ``<question type="...">`` elements; a
``type="category"`` one switches the category of those that follow.
What quizapp has no field for is kept in ``QuestionData.extra`` so that a
question read from Moodle is written back as Moodle had it:

``idnumber``     the question's ID number;
``hints``        ``[{"text", "format", "shownumcorrect"?, "clearwrong"?}]``;
``units``        ``[[name, multiplier], ...]`` of a numerical question;
``cloze_variants`` see :mod:`quizapp.formats.cloze`;
``moodle_xml``   the other elements of the question (``shuffleanswers``,
                 ``answernumbering``, combined feedback, essay settings…),
                 as XML text, written back unchanged.

Category ``<info>`` and ``<idnumber>`` go to ``bank_meta["category_info"]``
and are written back when given as ``dump(..., category_info=...)``.

Grades, read and written as Moodle does:

- a multiple-answer question (``<single>false</single>``) whose right options
  are each worth 100 % is refused by quizapp's rule (right options add up to
  100 %); Moodle keeps it with a notice. It is read with the 100 % shared out
  among its right options (2 → 50 % each, 3 → 33.33333 %…, the shares Moodle's
  list of grades holds), and a warning says so in the import preview;
- any grade is read as it is written, ``33`` included, though Moodle's own import
  accepts only the grades of :data:`~quizapp.formats.base.MOODLE_FRACTIONS`
  (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
  16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0 and their negatives). The writer
  therefore rounds each answer's grade to the nearest of them (halfway between
  two, the one nearer to 0), so that Moodle can import every file quizapp
  writes: 33 is written 33.33333. The question is listed in ``lossy`` when a
  grade changed. Grades inside a cloze text are written as they are: Moodle
  reads any number there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from quizapp.domain.questiondata import Answer, QuestionData

from . import cloze
from .base import (
    N_,
    ParseResult,
    from_percent,
    parse_num,
    percent,
)
from .safe_xml import read_root

TO_MOODLE_FORMAT = {
    "html": "html",
    "moodle": "moodle_auto_format",
    "plain": "plain_text",
    "markdown": "markdown",
}
FROM_MOODLE_FORMAT = {v: k for k, v in TO_MOODLE_FORMAT.items()}
TO_MOODLE_TYPE = {
    "mcq": "multichoice",
    "multi": "multichoice",
    "truefalse": "truefalse",
    "short": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "cloze": "cloze",
    "essay": "essay",
    "description": "description",
}
_READ_TYPES = {
    "multichoice",
    "truefalse",
    "shortanswer",
    "numerical",
    "matching",
    "cloze",
    "multianswer",
    "essay",
    "description",
}
_MAPPED = {
    "name",
    "questiontext",
    "generalfeedback",
    "defaultgrade",
    "penalty",
    "idnumber",
    "tags",
    "hint",
    "answer",
    "single",
    "usecase",
    "subquestion",
    "units",
}
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(el: ET.Element | None, path: str = "") -> str:
    """The ``<text>`` of a child (or of ``el`` itself when ``path`` is empty)."""
    if el is not None and path:
        el = el.find(path)
    if el is None:
        return ""
    t = el.find("text")
    return (t.text or "") if t is not None else (el.text or "").strip()


def _format(el: ET.Element | None, default: str = "html") -> str:
    value = el.get("format", "") if el is not None else ""
    return FROM_MOODLE_FORMAT.get(value, default)


def _number(el: ET.Element, path: str, default: float) -> float:
    value = parse_num(el.findtext(path) or "")
    return default if value is None else value


def _answers(qel: ET.Element, numeric: bool = False) -> list[Answer]:
    out = []
    for a in qel.findall("answer"):
        fraction = from_percent(parse_num(a.get("fraction", "0")) or 0.0)
        tol = _number(a, "tolerance", 0.0) if numeric else 0.0
        text = _text(a)
        out.append(
            Answer(text.strip() if numeric else text, fraction, _text(a, "feedback"), abs(tol))
        )
    return out


def _share_full_marks(answers: list[Answer], res: ParseResult, line: int) -> None:
    """Right options of a multiple-answer question each worth 100 % share it out
    instead (see the module's docstring), with a warning; other grades are left
    for validation to judge."""
    right = [a for a in answers if a.fraction > 0]
    if len(right) < 2 or any(abs(a.fraction - 1.0) > 1e-6 for a in right):
        return
    share = round(1 / len(right), 7)
    for a in right:
        a.fraction = share
    res.warnings.append(
        N_(
            "ligne %(l)d : les %(n)d bonnes options valaient chacune 100 %% ; elles se "
            "partagent maintenant la note (%(share)s %% chacune) : il faut toutes les "
            "cocher pour la note entière"
        )
        % {"l": line, "n": len(right), "share": percent(share)}
    )


# Settings our writer puts in anyway: not worth keeping in extra.
_DEFAULTS = {
    ("shuffleanswers", "true"),
    ("shuffleanswers", "1"),
    ("answernumbering", "abc"),
    ("responseformat", "editor"),
    ("responserequired", "1"),
    ("responsefieldlines", "15"),
    ("attachments", "0"),
    ("attachmentsrequired", "0"),
    ("graderinfo", ""),
    ("responsetemplate", ""),
    ("hidden", "0"),
}


def _is_default(el: ET.Element) -> bool:
    return (el.tag, _text(el).strip()) in _DEFAULTS


def _hints(qel: ET.Element) -> list[dict]:
    hints = []
    for h in qel.findall("hint"):
        hint = {"text": _text(h), "format": _format(h)}
        hint.update(
            {flag: True for flag in ("shownumcorrect", "clearwrong") if h.find(flag) is not None}
        )
        hints.append(hint)
    return hints


def _common(qel: ET.Element, category: str) -> QuestionData:
    """What every question type has; the elements quizapp does not read are kept raw."""
    qtext = qel.find("questiontext")
    q = QuestionData(
        type="description",
        stem=_text(qtext),
        title=_text(qel, "name").strip(),
        category=category,
        text_format=_format(qtext),
    )
    q.explanation = _text(qel, "generalfeedback")
    q.default_mark = _number(qel, "defaultgrade", 1.0)
    q.penalty = _number(qel, "penalty", 0.0)
    q.tags = [_text(t) for t in qel.findall("tags/tag") if _text(t)]
    if (qel.findtext("idnumber") or "").strip():
        q.extra["idnumber"] = qel.findtext("idnumber").strip()
    if hints := _hints(qel):
        q.extra["hints"] = hints
    raw = []
    for child in qel:
        if child.tag not in _MAPPED and not _is_default(child):
            child.tail = None
            raw.append(ET.tostring(child, encoding="unicode"))
    if raw:
        q.extra["moodle_xml"] = raw
    return q


# Each reader fills in its type's part and says whether the question is kept.
def _read_multichoice(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    single = (qel.findtext("single") or "true").strip().lower() in ("true", "1")
    q.type = "mcq" if single else "multi"
    q.answers = _answers(qel)
    if not single:
        _share_full_marks(q.answers, res, line)
    return True


def _read_truefalse(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    by_text = {a.text.strip().lower(): a for a in _answers(qel)}
    if set(by_text) != {"true", "false"}:
        res.error(
            line,
            None,
            N_("une question vrai/faux a les réponses 'true' et 'false', pas %(f)s"),
            f=sorted(by_text),
        )
        return False
    q.type = "truefalse"
    q.answers = [by_text["true"], by_text["false"]]
    for a, word in zip(q.answers, ("true", "false"), strict=True):
        a.text = word
    return True


def _read_shortanswer(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    q.type = "short"
    q.answers = _answers(qel)
    if (qel.findtext("usecase") or "0").strip() == "1":
        q.options["case_sensitive"] = True
    return True


def _read_numerical(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    q.type = "numeric"
    q.answers = _answers(qel, numeric=True)
    units = [
        [(u.findtext("unit_name") or "").strip(), _number(u, "multiplier", 1.0)]
        for u in qel.findall("units/unit")
    ]
    base = next((name for name, mult in units if mult == 1.0 and name), "")
    if base:
        q.options["unit"] = base
    if units and units != [[base, 1.0]]:
        q.extra["units"] = units
    return True


def _read_matching(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    q.type = "matching"
    q.pairs = [(_text(s).strip(), _text(s, "answer").strip()) for s in qel.findall("subquestion")]
    return True


def _read_cloze(q: QuestionData, qel: ET.Element, res: ParseResult, line: int) -> bool:
    q.type = "cloze"
    q.stem, q.blanks, variants, problems = cloze.parse_cloze(q.stem)
    for _offset, message in problems:
        res.error(line, None, N_("réponse intégrée : %(m)s"), m=message)
    if problems:
        return False
    if variants:
        q.extra["cloze_variants"] = variants
    if any(b.type == "multi" for b in q.blanks):
        res.warnings.append(
            N_(
                "ligne %(l)d : un trou à réponses multiples (MULTIRESPONSE) "
                "est gardé, mais quizapp le note comme un ensemble d'options"
            )
            % {"l": line}
        )
    return True


_TYPE_READERS = {
    "multichoice": _read_multichoice,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
    "numerical": _read_numerical,
    "matching": _read_matching,
    "cloze": _read_cloze,
    "multianswer": _read_cloze,
}


def _question(
    qel: ET.Element, qtype: str, category: str, res: ParseResult, line: int
) -> QuestionData | None:
    q = _common(qel, category)
    reader = _TYPE_READERS.get(qtype)
    if reader is None:
        q.type = qtype
        return q
    return q if reader(q, qel, res, line) else None


def _category_meta(qel: ET.Element) -> dict[str, str]:
    found = (
        ("info", _text(qel, "info")),
        ("info_format", _format(qel.find("info"), "moodle")),
        ("idnumber", (qel.findtext("idnumber") or "").strip()),
    )
    return {k: v for k, v in found if v}


def _read_question(qel: ET.Element, qtype: str, category: str, res: ParseResult, line: int):
    if qtype not in _READ_TYPES:
        res.warnings.append(
            N_(
                "ligne %(l)d : le type de question %(t)r n'est pas pris en charge "
                "par quizapp ; la question est laissée de côté"
            )
            % {"l": line, "t": qtype}
        )
        return
    if qel.find("questiontext") is None:
        res.error(line, None, N_("<questiontext> est attendu dans cette question %(t)s"), t=qtype)
        return
    q = _question(qel, qtype, category, res, line)
    if q is None:
        return
    res.add(q, line)
    if next(qel.iter("file"), None) is not None:
        res.warnings.append(
            N_("ligne %(l)d : les fichiers joints à la question (images…) ne sont pas importés")
            % {"l": line}
        )


def parse(text: str, filename: str = "") -> ParseResult:
    res = ParseResult(file=filename)
    found = read_root(text, res)
    if found is None:
        return res
    root, target = found
    category = ""
    info: dict[str, dict[str, str]] = {}
    for qel, line in zip(root.findall("question"), target.lines, strict=False):
        qtype = qel.get("type", "")
        if qtype != "category":
            _read_question(qel, qtype, category, res, line)
            continue
        category = _text(qel, "category").strip()
        if category and category not in res.categories:
            res.categories.append(category)
        meta = _category_meta(qel)
        if meta.get("info") or meta.get("idnumber"):
            info[category] = meta
    if info:
        res.bank_meta["category_info"] = info
    return res
