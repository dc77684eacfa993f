"""A spreadsheet of questions, one row per question (see docs/formats.md).

Columns (header names are case-insensitive; only ``type`` and ``stem`` are
required, the others may be left out or left empty)::

    type, title, stem, category, tags,
    option_1..option_N, fraction_1..fraction_N, feedback_1..feedback_N,
    match_1..match_N, answer, tolerance, unit, explanation

UTF-8 with or without a BOM; comma or semicolon, whichever the header uses;
fields with commas, semicolons or new lines are quoted as usual.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from quizapp.domain.questiondata import TYPES, Answer, QuestionData

from . import cloze
from .base import N_, DumpResult, ParseResult, fmt_num, neutralise, parse_num, unneutralise

REQUIRED = ("type", "stem")
SINGLE = ("type", "title", "stem", "category", "tags", "answer", "tolerance", "unit", "explanation")
ALIASES = {
    "multichoice": "mcq",
    "shortanswer": "short",
    "numerical": "numeric",
    "match": "matching",
    "multianswer": "cloze",
}
TRUE_WORDS = {"true", "vrai", "t", "v", "1", "yes", "oui"}
FALSE_WORDS = {"false", "faux", "f", "0", "no", "non"}
_NUMBERED_RE = re.compile(r"(option|fraction|feedback|match)_(\d{1,3})$")


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _fraction(text: str) -> float | None:
    text = text.strip()
    if text.endswith("%"):
        value = parse_num(text[:-1])
        return None if value is None else round(value / 100, 7)
    return parse_num(text)


@dataclass
class _Row:
    """One row being read: its columns, its numbered option columns, where errors go."""

    values: dict[str, str]
    numbered: dict[int, dict[str, str]]
    res: ParseResult
    line: int

    def __post_init__(self) -> None:
        self.options = [self.numbered[k] for k in sorted(self.numbered)]
        self.answer = self.values.get("answer", "").strip()

    def error(self, template: str, **params) -> None:
        self.res.error(self.line, None, template, **params)

    def fraction(self, i: int, o: dict[str, str], default: float) -> float:
        raw = o.get("fraction", "").strip()
        if not raw:
            return default
        value = _fraction(raw)
        if value is None:
            self.error(
                N_("fraction_%(i)d : un nombre comme 1, 0,5 ou 50 %% est attendu, pas %(v)r"),
                i=i,
                v=raw,
            )
            return 0.0
        return value


def _right_options(row: _Row) -> set[int]:
    """The options the ``answer`` column names, when no option has a fraction."""
    right: set[int] = set()
    for token in filter(None, (t.strip() for t in row.answer.split("|"))):
        index = _option_index(token, row.options)
        if index is None:
            row.error(
                N_(
                    "answer : le numéro (1, 2…), la lettre (A, B…) "
                    "ou le texte d'une option est attendu, pas %(a)r"
                ),
                a=token,
            )
        else:
            right.add(index)
    if not right and not row.answer:
        row.error(
            N_(
                "fraction_1..fraction_N ou une colonne answer qui désigne "
                "la bonne option est attendue"
            ),
        )
    return right


def _read_choices(q: QuestionData, row: _Row) -> None:
    have_fractions = any(o.get("fraction", "").strip() for o in row.options)
    right = set() if have_fractions else _right_options(row)
    for i, o in enumerate(row.options, 1):
        share = 1.0 if q.type == "mcq" else 1.0 / max(len(right), 1)
        default = share if i - 1 in right else 0.0
        q.answers.append(
            Answer(o.get("option", ""), row.fraction(i, o, default), o.get("feedback", ""))
        )


def _read_truefalse(q: QuestionData, row: _Row) -> None:
    word = row.answer.lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        row.error(N_("answer : vrai ou faux (true ou false) est attendu, pas %(a)r"), a=row.answer)
    right = word in TRUE_WORDS
    # feedback_1 goes with "true", feedback_2 with "false", even when one is empty
    fbs = [row.numbered.get(k, {}).get("feedback", "") for k in (1, 2)]
    q.answers = [
        Answer("true", 1.0 if right else 0.0, fbs[0]),
        Answer("false", 0.0 if right else 1.0, fbs[1]),
    ]


def _tolerance(row: _Row, tolerances: list[str], i: int) -> float:
    raw = tolerances[i - 1] if len(tolerances) >= i else tolerances[0]
    tol = parse_num(raw) if raw else 0.0
    if tol is None:
        row.error(N_("tolerance : un nombre est attendu, pas %(t)r"), t=raw)
        return 0.0
    return tol


def _read_open(q: QuestionData, row: _Row) -> None:
    """Short and numeric answers: numbered options, or the ``answer`` column split on |."""
    numeric = q.type == "numeric"
    rows = row.options or [{"option": a} for a in row.answer.split("|") if a.strip()]
    tolerances = [t.strip() for t in row.values.get("tolerance", "").split("|")]
    for i, o in enumerate(rows, 1):
        tol = _tolerance(row, tolerances, i) if numeric else 0.0
        text = o.get("option", "").strip() if numeric else o.get("option", "")
        q.answers.append(Answer(text, row.fraction(i, o, 1.0), o.get("feedback", ""), abs(tol)))
    if numeric and row.values.get("unit", "").strip():
        q.options["unit"] = row.values["unit"].strip()


def _read_matching(q: QuestionData, row: _Row) -> None:
    q.pairs = [(o.get("option", ""), o.get("match", "")) for o in row.options]


def _read_cloze(q: QuestionData, row: _Row) -> None:
    q.stem, q.blanks, variants, problems = cloze.parse_cloze(q.stem)
    for _offset, message in problems:
        row.error(N_("stem : réponse intégrée : %(m)s"), m=message)
    if variants:
        q.extra["cloze_variants"] = variants


_READERS = {
    "mcq": _read_choices,
    "multi": _read_choices,
    "truefalse": _read_truefalse,
    "short": _read_open,
    "numeric": _read_open,
    "matching": _read_matching,
    "cloze": _read_cloze,
}


def _row_question(
    values: dict[str, str], numbered: dict[int, dict[str, str]], res: ParseResult, line: int
) -> QuestionData | None:
    row = _Row(values, numbered, res, line)
    qtype = values.get("type", "").strip().lower()
    qtype = ALIASES.get(qtype, qtype)
    if qtype not in TYPES:
        row.error(
            N_("type inconnu %(t)r ; types possibles : %(ts)s"),
            t=values.get("type", ""),
            ts=", ".join(TYPES),
        )
        return None
    q = QuestionData(
        type=qtype,
        stem=values.get("stem", ""),
        title=values.get("title", ""),
        category=values.get("category", ""),
        explanation=values.get("explanation", ""),
    )
    q.tags = [t.strip() for t in values.get("tags", "").split("|") if t.strip()]
    before = len(res.errors)
    if qtype in _READERS:
        _READERS[qtype](q, row)
    return q if len(res.errors) == before else None


def _option_index(token: str, options: list[dict[str, str]]) -> int | None:
    if token.isdigit() and 1 <= int(token) <= len(options):
        return int(token) - 1
    if len(token) == 1 and token.isalpha() and ord(token.upper()) - 65 < len(options):
        return ord(token.upper()) - 65
    texts = [o.get("option", "") for o in options]
    return texts.index(token) if token in texts else None


def _read_header(reader, res: ParseResult) -> list[str] | None:
    """The column names, or None when a required one is missing (the error is in res)."""
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        res.error(1, None, N_("ligne d'en-tête illisible : %(m)s"), m=str(exc))
        return None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        res.error(
            1,
            None,
            N_(
                "colonne(s) obligatoire(s) manquante(s) : %(m)s ; l'en-tête doit "
                "contenir au moins type, stem (voir la documentation pour les autres)"
            ),
            m=", ".join(missing),
        )
        return None
    unknown = [h for h in header if h and h not in SINGLE and not _NUMBERED_RE.match(h)]
    if unknown:
        res.warnings.append(N_("colonnes non utilisées : %(c)s") % {"c": ", ".join(unknown)})
    return header


def _columns(header: list[str], cells: list[str]):
    """A row's single columns, and its numbered ones grouped by number."""
    row: dict[str, str] = {}
    numbered: dict[int, dict[str, str]] = {}
    for name, value in zip(header, cells, strict=False):
        value = unneutralise(value.strip())
        m = _NUMBERED_RE.match(name)
        if m:
            if value:
                numbered.setdefault(int(m.group(2)), {})[m.group(1)] = value
        elif name in SINGLE:
            row[name] = value
    return row, numbered


def parse(text: str, filename: str = "") -> ParseResult:
    res = ParseResult(file=filename)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        res.error(
            1, None, N_("le fichier est vide ; une ligne d'en-tête est attendue : type, stem, ...")
        )
        return res
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    header = _read_header(reader, res)
    if header is None:
        return res
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            res.error(line, None, N_("ligne illisible : %(m)s"), m=str(exc))
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            res.error(
                line,
                None,
                N_("au plus %(n)d champs sont attendus (un par colonne), il y en a %(f)d"),
                n=len(header),
                f=len(cells),
            )
            continue
        q = _row_question(*_columns(header, cells), res, line)
        if q is not None:
            res.add(q, line)
    return res


# --- writing ---------------------------------------------------------------
def _cells(q: QuestionData, n: int, res: DumpResult, i: int) -> dict[str, str]:
    row = {
        "type": q.type,
        "title": q.title,
        "stem": q.stem,
        "category": q.category,
        "tags": "|".join(q.tags),
        "explanation": q.explanation,
    }
    if any("|" in t for t in q.tags):
        res.lossy.append((i, N_("en CSV, une étiquette contenant '|' est coupée en deux")))
    if q.type in ("mcq", "multi", "short", "numeric"):
        for k, a in enumerate(q.answers, 1):
            row[f"option_{k}"] = a.text
            row[f"fraction_{k}"] = fmt_num(a.fraction)
            row[f"feedback_{k}"] = a.feedback
        if q.type == "numeric":
            tols = [fmt_num(a.tolerance) for a in q.answers]
            row["tolerance"] = tols[0] if len(set(tols)) <= 1 else "|".join(tols)
            row["unit"] = str(q.options.get("unit", ""))
        if q.type == "short" and any(q.options.values()):
            res.lossy.append(
                (
                    i,
                    N_(
                        "CSV ne garde pas les options de réponse courte (casse, accents, fautes de frappe)"
                    ),
                )
            )
    elif q.type == "truefalse":
        true = next((a for a in q.answers if a.text == "true"), Answer("true", 1.0))
        false = next((a for a in q.answers if a.text == "false"), Answer("false", 0.0))
        row["answer"] = "true" if true.fraction >= 1.0 else "false"
        row["feedback_1"], row["feedback_2"] = true.feedback, false.feedback
    elif q.type == "matching":
        for k, (prompt, match) in enumerate(q.pairs, 1):
            row[f"option_{k}"], row[f"match_{k}"] = prompt, match
    elif q.type == "cloze":
        row["stem"] = cloze.write_cloze(q.stem, q.blanks, q.extra.get("cloze_variants"))
    return row


def _cell(text: str) -> str:
    """A cell a spreadsheet won't run, that the reader gives back as it was: text
    that already looks neutralised (``'-``) gets one more apostrophe, since
    reading drops one."""
    return "'" + text if unneutralise(text) != text else neutralise(text)


def dump(
    questions: list[QuestionData], delimiter: str = ",", bom: bool = False, **meta
) -> DumpResult:
    """CSV text; ``delimiter=";"`` and ``bom=True`` suit a French spreadsheet program."""
    res = DumpResult(text="")
    n = max([len(q.answers) for q in questions] + [len(q.pairs) for q in questions] + [2])
    has_match = any(q.type == "matching" for q in questions)
    header = ["type", "title", "stem", "category", "tags"]
    for kind in ("option", "fraction", "feedback") + (("match",) if has_match else ()):
        header += [f"{kind}_{k}" for k in range(1, n + 1)]
    header += ["answer", "tolerance", "unit", "explanation"]
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=header, delimiter=delimiter, lineterminator="\r\n", extrasaction="ignore"
    )
    writer.writeheader()
    for i, q in enumerate(questions):
        if q.type not in TYPES:
            res.skipped.append((i, N_("type de question inconnu %(t)r") % {"t": q.type}))
            continue
        cells = _cells(q, n, res, i)
        writer.writerow({k: _cell(v) if isinstance(v, str) else v for k, v in cells.items()})
    res.text = ("\ufeff" if bom else "") + buf.getvalue()
    return res
