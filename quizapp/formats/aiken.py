"""Moodle's Aiken format: single-answer multiple choice, nothing else.

::

    Quelle est la capitale de l'Australie ?
    A. Sydney
    B) Canberra
    ANSWER: B

Options are a capital letter, ``.`` or ``)``, then the option's text, with a
space before it or not (``A)Sydney``, as Moodle reads it); ``ANSWER:`` closes
the question. As in Moodle, the text may run over several lines and lines
shorter than two characters are ignored. A letter and its mark with no text
after them (``B)``) is not an option: it is read as text, and the question it
falls in is refused with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quizapp.domain.questiondata import Answer, QuestionData

from .base import N_, DumpResult, ParseResult

#: An option line, as Moodle's ``/^[A-Z][).][ \t]?/`` but with some text after the mark.
OPTION = re.compile(r"[A-Z][).][ \t]*\S")
_ANSWER = "ANSWER:"


@dataclass
class _Pending:
    """The question being read: its stem lines, its options, the line it starts on."""

    stem: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    start: int = 0

    def unfinished(self, res: ParseResult, line: int) -> None:
        res.error(
            self.start,
            None,
            N_(
                "'ANSWER: <lettre>' est attendu après les options de la question "
                "qui commence ici (trouvé d'abord la ligne %(l)d)"
            ),
            l=line,
        )


def _answer(res: ParseResult, q: _Pending, n: int, line: str) -> None:
    """An ``ANSWER:`` line ends the question: add it, or say what it lacks."""
    letter = line[len(_ANSWER) :].strip()[:1]
    index = ord(letter) - ord("A") if letter else -1
    if not q.stem:
        res.error(n, 1, N_("'ANSWER:' sans question avant"))
    elif len(q.options) < 2:
        res.error(n, 1, N_("au moins 2 options (A. ..., B. ...) sont attendues avant 'ANSWER:'"))
    elif not 0 <= index < len(q.options):
        res.error(
            n,
            len(_ANSWER) + 2,
            N_("ANSWER: est suivi d'une lettre parmi %(l)s, pas %(g)r"),
            l=", ".join(chr(65 + i) for i in range(len(q.options))),
            g=line[len(_ANSWER) :].strip(),
        )
    else:
        answers = [Answer(o, 1.0 if i == index else 0.0) for i, o in enumerate(q.options)]
        res.add(QuestionData(type="mcq", stem="\n".join(q.stem), answers=answers), q.start)


def parse(text: str, filename: str = "") -> ParseResult:
    res = ParseResult(file=filename)
    q = _Pending()
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if len(line) < 2:
            continue
        if OPTION.match(line):
            if not q.stem:
                res.error(
                    n, 1, N_("le texte de la question est attendu avant l'option %(o)r"), o=line[:2]
                )
                continue
            q.options.append(line[2:].strip())
        elif line.startswith(_ANSWER):
            _answer(res, q, n, line)
            q = _Pending(start=q.start)
        else:
            if q.options:  # text after options: the previous question lacks its answer
                q.unfinished(res, n)
                q = _Pending(start=q.start)
            if not q.stem:
                q.start = n
            q.stem.append(line)
    if q.stem and q.options:
        q.unfinished(res, len(text.splitlines()))
    elif q.stem:
        res.error(
            q.start,
            1,
            N_(
                "des options (A. ..., B. ...) et 'ANSWER:' sont attendues "
                "après ce texte de question"
            ),
        )
    return res


def dump(questions: list[QuestionData], **meta) -> DumpResult:
    res = DumpResult(text="")
    out = []
    for i, q in enumerate(questions):
        if q.type != "mcq":
            res.skipped.append(
                (
                    i,
                    N_("Aiken ne contient que des QCM à une bonne réponse, pas %(t)s")
                    % {"t": q.type},
                )
            )
            continue
        lines = [ln.strip() for ln in q.stem.splitlines() if len(ln.strip()) >= 2]
        right = [k for k, a in enumerate(q.answers) if a.fraction == 1.0]
        if not lines or any(OPTION.match(ln) or ln.startswith(_ANSWER) for ln in lines):
            res.skipped.append(
                (
                    i,
                    N_(
                        "le texte est vide ou a une ligne qu'Aiken lirait "
                        "comme une option ou une réponse"
                    ),
                )
            )
            continue
        if len(right) != 1 or not 2 <= len(q.answers) <= 26:
            res.skipped.append((i, N_("Aiken demande 2 à 26 options dont exactement une bonne")))
            continue
        if any("\n" in a.text or not a.text.strip() for a in q.answers):
            res.skipped.append((i, N_("chaque option Aiken tient sur une ligne non vide")))
            continue
        if (
            q.explanation
            or any(a.feedback for a in q.answers)
            or any(a.fraction not in (0.0, 1.0) for a in q.answers)
        ):
            res.lossy.append((i, N_("Aiken ne garde ni feedback ni crédit partiel")))
        opts = [f"{chr(65 + k)}. {a.text.strip()}" for k, a in enumerate(q.answers)]
        out.append("\n".join(lines + opts + [f"{_ANSWER} {chr(65 + right[0])}"]) + "\n")
    res.text = "\n".join(out)
    return res
