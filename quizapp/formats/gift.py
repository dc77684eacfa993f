"""Moodle's GIFT text format, read the way Moodle itself does it (question/format/gift
in Moodle, and docs.moodle.org "GIFT format"); :mod:`.gift_writer` writes it.

Questions are separated by blank lines. A question is
``// comment`` lines (``// [id:X] [tag:Y]`` carry an id number and tags),
an optional ``::title::``, an optional ``[html]``/``[moodle]``/``[plain]``/
``[markdown]`` marker, the text, and one ``{...}`` answer block; text after
the block makes it a missing-word question (the block becomes ``_____``).
``\\~ \\= \\# \\{ \\} \\: \\\\`` escape the special characters and ``\\n`` is a new line.

Like Moodle, text without a marker is in Moodle's auto-format (``moodle``).
The scanner is linear: it looks for characters, never backtracks.

Grades, as Moodle has them:

- several ``=`` among ``~`` answers (``{=Paris =Lyon ~Lille}``) make one
  single-answer question (``mcq``) where each ``=`` answer is worth 100 %:
  picking any of them scores full marks, as in Moodle;
- any weight is read as it is written (``%33%``), but Moodle's import accepts
  only the grades of :data:`~quizapp.formats.base.MOODLE_FRACTIONS` (100, 90,
  83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
  14.28571, 12.5, 11.11111, 10, 5, 0 and their negatives). The writer rounds
  each answer's grade to the nearest of them (halfway between two, the one
  nearer to 0), so that Moodle can import every file quizapp writes: ``%33%``
  is written ``%33.33333%``, and the question is listed in ``lossy``.
"""

from __future__ import annotations

import re

from quizapp.domain.questiondata import Answer, QuestionData

from .base import (
    N_,
    ParseResult,
    fmt_num,
    from_percent,
    parse_num,
)

FORMAT_NAMES = ("html", "moodle", "plain", "markdown")
BLANK = "_____"

# Escapes keep their length (backslash -> \ue000, char -> a private-use twin)
# so offsets in the escaped text are offsets in the file, for error columns.
_ESCAPABLE = {
    "\\": "\ue05c",
    ":": "\ue03a",
    "#": "\ue023",
    "=": "\ue03d",
    "{": "\ue07b",
    "}": "\ue07d",
    "~": "\ue07e",
    "n": "\ue00a",
}
_UNESCAPED = {v: ("\n" if k == "n" else k) for k, v in _ESCAPABLE.items()}
_ESC_RE = re.compile(r"\\([\\:#={}~n])")
_PLACEHOLDER_RE = re.compile("\ue000([\ue000-\ue0ff])")
_ID_RE = re.compile(r"\[id:((?:\\.|[^\]\[\\])+)\]")
_WEIGHT_RE = re.compile(r"%(-?\d{1,3}(?:[.,]\d{1,10})?)%")
_TAG_RE = re.compile(r"\[tag:((?:\\.|[^\]\[\\])+)\]")


def _pre(text: str) -> str:
    return _ESC_RE.sub(lambda m: "\ue000" + _ESCAPABLE[m.group(1)], text)


def _post(text: str) -> str:
    return _PLACEHOLDER_RE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), text)


def _with_format(text: str, default: str) -> tuple[str, str]:
    """Split a leading ``[format]`` marker off, as Moodle's parse_text_with_format."""
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in FORMAT_NAMES:
            return _post(text[end + 1 :]).strip(), text[1:end]
    return _post(text).strip(), default


class _Block:
    """One blank-line-separated question, with offsets mapped back to the file."""

    def __init__(self, lines: list[str], first_line: int):
        self.first_line = first_line
        self.comments = [ln.strip() for ln in lines if ln.strip().startswith("//")]
        self.text = "\n".join(" " if ln.strip().startswith("//") else ln for ln in lines)
        #: the first line that is not a comment: where a reader looks for the question
        self.question_line = first_line + next(
            (i for i, ln in enumerate(lines) if not ln.strip().startswith("//")), 0
        )

    def where(self, offset: int) -> tuple[int, int]:
        before = self.text[:offset]
        nl = before.rfind("\n")
        return self.first_line + before.count("\n"), offset - nl


def _blocks(text: str):
    lines = text.splitlines()
    start, buf = 1, []
    for i, line in enumerate(lines, 1):
        if line.strip():
            if not buf:
                start = i
            buf.append(line)
        elif buf:
            yield _Block(buf, start)
            buf = []
    if buf:
        yield _Block(buf, start)


def _weight(answer: str) -> tuple[float | None, str]:
    """``%50%text`` -> (0.5, 'text'); (None, answer) when there is no weight.

    As in Moodle, a ``%`` that does not start a number is plain text (``~%`` is
    the answer "%"), so the writer always spells out the weight before such text.
    """
    m = _WEIGHT_RE.match(answer)
    if not m:
        return None, answer
    return from_percent(parse_num(m.group(1)) or 0.0), answer[m.end() :]


def _feedback(answer: str, fmt: str) -> tuple[str, str]:
    text, _, fb = answer.partition("#")
    return _with_format(text.strip(), fmt)[0], _with_format(fb.strip(), fmt)[0]


def _split(answertext: str, sep: str) -> list[str]:
    parts = answertext.split(sep)
    if not parts[0].strip():
        parts = parts[1:]
    return [p.strip() for p in parts]


def _number(text: str, res: ParseResult, at: tuple[int, int]) -> tuple[str, float] | None:
    """``3:0.5``, ``1..5`` or ``3`` -> (answer text, tolerance)."""
    text = text.strip()
    if ".." in text[1:]:
        lo, hi = (parse_num(t) for t in text.split("..", 1))
        if lo is None or hi is None:
            res.error(*at, N_("un intervalle numérique comme 1..5 est attendu, pas %(t)r"), t=text)
            return None
        # rounded so that 3.141..3.142 reads as 3.1415 ± 0.0005, not 3.1414999999999997
        return fmt_num(round((lo + hi) / 2, 10)), round(abs(hi - lo) / 2, 10)
    if ":" in text[1:]:
        ans, tol = text.split(":", 1)
    else:
        ans, tol = text, "0"
    if ans.strip() != "*" and parse_num(ans) is None:
        res.error(*at, N_("un nombre est attendu (comme 3.14, 3:0.5 ou 1..5), pas %(t)r"), t=text)
        return None
    tolerance = parse_num(tol)
    if tolerance is None:
        res.error(*at, N_("un nombre est attendu comme tolérance après ':', pas %(t)r"), t=tol)
        return None
    return ans.strip(), abs(tolerance)


# Each reader fills in its type's answers from the block's text, and says whether
# the question is kept (False: the error is in res).
Where = tuple[int, int]


def _read_choices(q: QuestionData, answertext: str, res: ParseResult, at: Where) -> bool:
    parts = _split(answertext.replace("=", "~="), "~")
    if len(parts) < 2:
        res.error(*at, N_("une question à choix multiple a au moins 2 options"))
        return False
    for part in parts:
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        else:
            weight, part = _weight(part)
        text, fb = _feedback(part, q.text_format)
        q.answers.append(Answer(text, weight or 0.0, fb))
    return True


def _read_pairs(q: QuestionData, answertext: str, res: ParseResult, at: Where) -> bool:
    for part in _split(answertext, "="):
        if "->" not in part:
            res.error(
                *at,
                N_(
                    "'élément -> correspondance' est attendu dans une question d'appariement, pas %(p)r"
                ),
                p=_post(part),
            )
            return False
        prompt, match = part.split("->", 1)
        q.pairs.append((_with_format(prompt.strip(), q.text_format)[0], _post(match).strip()))
    if len(q.pairs) < 2:
        res.error(*at, N_("une question d'appariement a au moins 2 paires"))
        return False
    return True


def _read_truefalse(q: QuestionData, answertext: str, res: ParseResult, at: Where) -> bool:
    fmt = q.text_format
    bits = [b.strip() for b in answertext.split("#", 2)] + ["", ""]
    right = bits[0] in ("T", "TRUE")
    wrong_fb, right_fb = _with_format(bits[1], fmt)[0], _with_format(bits[2], fmt)[0]
    q.answers = [
        Answer("true", 1.0 if right else 0.0, right_fb if right else wrong_fb),
        Answer("false", 0.0 if right else 1.0, wrong_fb if right else right_fb),
    ]
    return True


def _read_short(q: QuestionData, answertext: str, res: ParseResult, at: Where) -> bool:
    parts = _split(answertext, "=")
    if not parts:
        res.error(*at, N_("au moins une réponse est attendue, comme =Paris"))
        return False
    for part in parts:
        weight, part = _weight(part)
        text, fb = _feedback(part, q.text_format)
        q.answers.append(Answer(text, 1.0 if weight is None else weight, fb))
    return True


def _read_numeric(q: QuestionData, answertext: str, res: ParseResult, at: Where) -> bool:
    body, tilde, wrong = answertext[1:].partition("~")
    parts = _split(body, "=")
    if not parts:
        res.error(*at, N_("un nombre est attendu après '#', comme {#3.14:0.01}"))
        return False
    for part in parts:
        weight, part = _weight(part)
        raw, _, fb = part.partition("#")
        num = _number(_post(raw), res, at)
        if num is not None:
            feedback = _with_format(fb.strip(), q.text_format)[0]
            q.answers.append(Answer(num[0], 1.0 if weight is None else weight, feedback, num[1]))
    if tilde:
        q.answers.append(Answer("*", 0.0, _feedback(wrong, q.text_format)[1]))
    return True


_READERS = {
    "mcq": _read_choices,
    "multi": _read_choices,
    "matching": _read_pairs,
    "truefalse": _read_truefalse,
    "short": _read_short,
    "numeric": _read_numeric,
}


def _answers(
    qtype: str, answertext: str, fmt: str, res: ParseResult, at: Where
) -> QuestionData | None:
    q = QuestionData(type=qtype, stem="", text_format=fmt)
    reader = _READERS.get(qtype)
    if reader is not None and not reader(q, answertext, res, at):
        return None
    return q


def _kind(answertext: str) -> str:
    """The question type, decided in Moodle's order."""
    if answertext == "":
        return "essay"
    if answertext[0] == "#":
        return "numeric"
    if "~" in answertext:
        return "mcq" if "=" in answertext else "multi"
    if "=" in answertext and "->" in answertext:
        return "matching"
    if answertext.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    return "short"


def _read_title(text: str, base: int, block: _Block, res: ParseResult):
    """``::title::`` at the start: (title, the text after it, its offset in the block),
    or None when the title is not closed (the error is in res)."""
    if not text.startswith("::"):
        return "", text, base
    end = text.find("::", 2)
    if end == -1:
        res.error(*block.where(base), N_("'::' est attendu pour fermer le titre ouvert ici"))
        return None
    rest = text[end + 2 :]
    base += end + 2 + len(rest) - len(rest.lstrip())
    return _post(text[2:end]).strip(), rest.strip(), base


def _answer_block(text: str, base: int, block: _Block, res: ParseResult):
    """(type when the block decides it, answer text, stem, offset of ``{``), or None
    when the braces are wrong (the error is in res)."""
    start, finish = text.find("{"), text.find("}")
    if start == -1 and finish == -1:
        return "description", "", text, start
    if finish == -1:
        res.error(
            *block.where(base + start),
            N_("'{' non fermée : '}' est attendue pour finir les réponses avant la ligne vide"),
        )
        return None
    if start == -1 or finish < start:
        res.error(
            *block.where(base + finish),
            N_("'}' sans '{' ouvrante (écrivez \\} pour une accolade dans le texte)"),
        )
        return None
    nested = text.find("{", start + 1)
    extra = min(
        (i for i in (text.find("{", finish + 1), text.find("}", finish + 1)) if i != -1),
        default=-1,
    )
    if -1 < nested < finish or extra != -1:
        bad = nested if -1 < nested < finish else extra
        res.error(
            *block.where(base + bad),
            N_(
                "un seul bloc de réponses {...} par question ; écrivez \\{ et \\} "
                "pour des accolades dans le texte"
            ),
        )
        return None
    after = text[finish + 1 :]
    stem = text[:start] + (BLANK + after if after else "")
    return None, text[start + 1 : finish].strip(), stem, start


def _read_marks(q: QuestionData, block: _Block) -> None:
    """The id number and tags of the ``// [id:…] [tag:…]`` comment lines."""
    comments = _pre("\n".join(block.comments))
    ident = _ID_RE.search(comments)
    if ident:
        q.extra["idnumber"] = _post(ident.group(1)).replace("\\]", "]").replace("\\[", "[")
    q.tags = [_post(t).replace("\\]", "]").replace("\\[", "[") for t in _TAG_RE.findall(comments)]


def _read_block(block: _Block, res: ParseResult, category: str) -> str:
    """Parse one block; return the category in force after it."""
    text = _pre(block.text)
    base = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return category
    if text.startswith("$CATEGORY:"):
        return _post(text[len("$CATEGORY:") :]).strip()
    titled = _read_title(text, base, block, res)
    if titled is None:
        return category
    title, text, base = titled
    found = _answer_block(text, base, block, res)
    if found is None:
        return category
    qtype, answertext, stem, start = found
    at = block.where(base + (start if start != -1 else 0))
    general = ""
    gf = answertext.rfind("####")
    if gf != -1:
        general, answertext = answertext[gf + 4 :], answertext[:gf].strip()
    stem, fmt = _with_format(stem.strip(), "moodle")
    if qtype is None:
        qtype = _kind(answertext)
    if qtype in ("description", "essay"):
        q = QuestionData(type=qtype, stem="", text_format=fmt)
    else:
        before = len(res.errors)
        q = _answers(qtype, answertext, fmt, res, at)
        if q is None or len(res.errors) > before:
            return category
    q.stem, q.title, q.category = stem, title, category
    q.explanation = _with_format(general.strip(), fmt)[0]
    _read_marks(q, block)
    res.add(q, block.question_line)
    return category


def parse(text: str, filename: str = "") -> ParseResult:
    res = ParseResult(file=filename)
    category = ""
    for block in _blocks(text):
        category = _read_block(block, res, category)
        if category and category not in res.categories:
            res.categories.append(category)
    return res
