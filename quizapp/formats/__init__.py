"""Question-bank files in and out: GIFT, Moodle XML, Aiken, CSV and quizapp's
own YAML bank, all as plain functions over :class:`QuestionData`.

One entry point for every caller (a view, the CLI, a test)::

    result = load(uploaded_bytes, filename="quiz.gift")   # never raises
    if result.ok:
        store(result.importable)
    else:
        for err in result.errors: ...   # every problem, each with its line

    dump(questions, "moodle_xml").text

An import is all-or-nothing: ``importable`` is empty while any error remains.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from quizapp.domain.questiondata import TYPES, QuestionData

from . import (
    aiken,
    bank,
    bank_writer,
    csv_format,
    gift,
    gift_writer,
    moodle_xml,
    moodle_xml_writer,
)
from .base import (
    MAX_UPLOAD_BYTES,
    N_,
    DumpResult,
    FormatError,
    FormatInputError,
    ImportFailed,
    ParseResult,
    gc_paused,
    line_starts,
    make_error,
    position,
)
from .validation import validate

__all__ = [
    "FORMATS",
    "MAX_UPLOAD_BYTES",
    "DumpResult",
    "Format",
    "FormatError",
    "FormatInputError",
    "ImportFailed",
    "ParseResult",
    "decode_upload",
    "detect_format",
    "dump",
    "load",
    "parse",
    "read_upload",
    "validate",
]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extensions: tuple[str, ...]
    parse: Callable[[str, str], ParseResult]  # (text, filename)
    dump: Callable[..., DumpResult]  # (questions, **meta)
    #: the question types this format can hold; others are listed as skipped by dump()
    types: tuple[str, ...]
    mimetype: str = "text/plain"


FORMATS: dict[str, Format] = {
    "gift": Format(
        "gift",
        "GIFT (Moodle)",
        (".gift", ".txt"),
        gift.parse,
        gift_writer.dump,
        tuple(t for t in TYPES if t != "cloze"),
    ),
    "moodle_xml": Format(
        "moodle_xml",
        "Moodle XML",
        (".xml",),
        moodle_xml.parse,
        moodle_xml_writer.dump,
        TYPES,
        "application/xml",
    ),
    "aiken": Format(
        "aiken", "Aiken (Moodle)", (".txt", ".aiken"), aiken.parse, aiken.dump, ("mcq",)
    ),
    "csv": Format("csv", "CSV", (".csv",), csv_format.parse, csv_format.dump, TYPES, "text/csv"),
    "bank": Format(
        "bank",
        "Banque quizapp (YAML)",
        (".yaml", ".yml"),
        bank.parse,
        bank_writer.dump,
        TYPES,
        "application/yaml",
    ),
}


def _input_error(
    file: str, line: int | None, column: int | None, template: str, **params: Any
) -> FormatInputError:
    return FormatInputError(make_error(file, line, column, template, **params))


_XML_ENCODING = re.compile(rb"<\?xml[^>]{0,100}?encoding=[\"']([A-Za-z0-9._-]{1,40})[\"']")


def _looks_like_aiken(text: str) -> bool:
    lines = [line.strip() for line in text[:20000].splitlines()]
    return any(line.startswith("ANSWER:") for line in lines) and any(
        aiken.OPTION.match(line) for line in lines
    )


def detect_format(filename: str, text: str) -> str:
    """The format name for a file, from its extension then its content."""
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if ext in (".xml",) or head.startswith(("<?xml", "<quiz")):
        return "moodle_xml"
    if ext in (".yaml", ".yml") or "format: quizapp-bank" in head:
        return "bank"
    if ext == ".csv":
        return "csv"
    if ext in (".gift", ".aiken"):
        return ext[1:]
    first = head.split("\n", 1)[0].lower()
    if "type" in first and "stem" in first and ("," in first or ";" in first):
        return "csv"
    if _looks_like_aiken(text):
        return "aiken"
    if "{" in text and "}" in text:
        return "gift"
    raise _input_error(
        filename,
        None,
        None,
        N_(
            "format du fichier non reconnu ; formats attendus : GIFT (.gift), Moodle XML (.xml), "
            "Aiken (.txt avec des lignes ANSWER:), CSV (.csv) ou banque quizapp (.yaml)"
        ),
    )


def read_upload(stream: IO[bytes], limit: int = MAX_UPLOAD_BYTES, filename: str = "") -> bytes:
    """Read at most ``limit`` bytes; a larger upload is refused without reading it all."""
    chunks, size = [], 0
    while size <= limit:  # a raw stream may return less than asked for
        chunk = stream.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _too_big(filename, limit)
    return data


def _too_big(filename: str, limit: int) -> FormatInputError:
    return _input_error(
        filename,
        None,
        None,
        N_("le fichier dépasse %(mb)s Mo ; envoyez un fichier plus petit (découpez la banque)"),
        mb=round(limit / 1024 / 1024, 1),
    )


def decode_upload(data: bytes, limit: int = MAX_UPLOAD_BYTES, filename: str = "") -> str:
    """Bytes of an upload -> text: UTF-8 with or without a BOM (UTF-16 with a BOM too)."""
    if len(data) > limit:
        raise _too_big(filename, limit)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    declared = _XML_ENCODING.match(data[:200])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    if encoding.replace("_", "-") not in ("utf-8", "utf8"):
        # an XML file says what it is in; honour it as an XML parser would
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _input_error(
            filename,
            line,
            column,
            N_(
                "le fichier n'est pas en UTF-8 (octet 0x%(b)s) : enregistrez-le de nouveau en "
                "choisissant l'encodage UTF-8 (dans un tableur, « CSV UTF-8 »)"
            ),
            b=data[exc.start : exc.start + 1].hex(),
        ) from None


#: Control characters no form accepts (NUL among them); tabs and new lines are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_characters(text: str, filename: str) -> ParseResult:
    """Refuse a file holding control characters, with the line and column of each."""
    res = ParseResult(file=filename)
    starts = line_starts(text)
    for match in _CONTROL.finditer(text):
        line, column = position(starts, match.start())
        res.error(
            line,
            column,
            N_(
                "caractère de contrôle U+%(code)04X : il n'a pas sa place dans une question ; "
                "enregistrez le fichier de nouveau comme texte"
            ),
            code=ord(match.group()),
        )
    return res


def parse(text: str, fmt: str, filename: str = "") -> ParseResult:
    """Parse ``text`` in format ``fmt``, then check every question with :func:`validate`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if len(text) > MAX_UPLOAD_BYTES:
        res = ParseResult(file=filename)
        res.error(
            None,
            None,
            N_("le fichier dépasse %(mb)s Mo ; envoyez un fichier plus petit"),
            mb=round(MAX_UPLOAD_BYTES / 1024 / 1024, 1),
        )
        return res
    if not text.strip("\ufeff \t\r\n"):
        res = ParseResult(file=filename)
        res.error(1, None, N_("le fichier est vide ; au moins une question est attendue"))
        return res
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        return _control_characters(text, filename)
    with gc_paused():
        res = FORMATS[fmt].parse(text, filename)
        for q, line in zip(res.questions, res.lines, strict=True):
            label = f"'{q.title}'" if q.title else N_("question")
            for problem in validate(q):
                res.error(line, None, N_("%(q)s : %(p)s"), q=label, p=problem)
    if not res.questions and not res.errors:
        res.error(
            1,
            None,
            N_("aucune question trouvée ; des questions au format %(f)s sont attendues"),
            f=FORMATS[fmt].label,
        )
    res.errors.sort(key=lambda e: (e.line is None, e.line or 0, e.column or 0))
    return res


def load(
    data: bytes, filename: str = "", fmt: str | None = None, limit: int = MAX_UPLOAD_BYTES
) -> ParseResult:
    """Decode, detect and parse an upload; every problem ends up in ``errors``."""
    try:
        text = decode_upload(data, limit, filename)
        fmt = fmt or detect_format(filename, text)
    except FormatInputError as exc:
        return ParseResult(errors=[exc.error], file=filename)
    return parse(text, fmt, filename)


def dump(questions: list[QuestionData], fmt: str, **meta: Any) -> DumpResult:
    """Write ``questions`` in ``fmt``; what the format can't hold is in ``skipped``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    with gc_paused():
        return FORMATS[fmt].dump(list(questions), **meta)
