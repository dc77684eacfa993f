"""Reading articles from files and turning raw text into a checked, cleaned article."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from quizapp.domain.messages import N_

from .dates import parse_header_date
from .errors import GenerationError
from .text import MAX_BYTES, check_raw, clean_text


@dataclass
class Article:
    title: str | None
    date: dt.date | None
    language: str
    text: str  # cleaned body: every Source indexes into this string


_DATE_IN_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


#: Formats whose text is extracted from a document rather than read as text.
DOCUMENT_SUFFIXES = (".pdf", ".docx")
#: A PDF or a Word file carries fonts and pictures: more bytes for the same article.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


def load_article(path: str | Path) -> tuple[str, str | None, dt.date | None]:
    """Read a ``.txt``, ``.md``, ``.html``, ``.pdf`` or ``.docx`` article: (text, title, date).

    The date comes from a ``YYYY-MM-DD`` in the file name when there is one;
    the title from an HTML ``<title>``/metadata or a Markdown ``#`` heading.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    limit = MAX_DOCUMENT_BYTES if suffix in DOCUMENT_SUFFIXES else MAX_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise GenerationError(
                N_("%(file)s : le fichier est trop gros (%(size)d Ko, maximum %(max)d Ko)"),
                file=path.name,
                size=size // 1024,
                max=limit // 1024,
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise GenerationError(
            N_("%(file)s : lecture impossible (%(reason)s)"),
            file=str(path),
            reason=exc.strerror or str(exc),
        ) from None
    title: str | None = None
    if suffix == ".pdf":
        text, title = _pdf_text(raw)
    elif suffix == ".docx":
        text, title = _docx_text(raw)
    else:
        text = check_raw(raw)
    if suffix in (".html", ".htm"):
        text, title = _html_main_text(text)
    elif suffix in (".md", ".markdown"):
        m = re.match(r"\s*#\s+(.+)\n", text)
        if m:
            title, text = m.group(1).strip(), text[m.end() :]
        text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
        text = re.sub(r"\*\*?([^*\n]+)\*\*?", r"\1", text)
        text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    date = None
    m = _DATE_IN_NAME.search(path.name)
    if m:
        try:
            date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None
    return text, title, date


def _pdf_text(raw: bytes) -> tuple[str, str | None]:
    """The text of a PDF's pages (pypdf), and its title when the file names one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise GenerationError(N_("le PDF est protégé par un mot de passe"))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise GenerationError(N_("le PDF est illisible (fichier abîmé ou pas un PDF)")) from None
    # A line broken at the page's edge (« souve-\nraineté ») is one word again; a single
    # new line inside a paragraph is a space; blank lines stay paragraph breaks.
    text = "\n\n".join(pages)
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    if not text.strip():
        raise GenerationError(
            N_("le PDF ne contient pas de texte (une page scannée n'est qu'une image)")
        )
    return check_raw(text), title.strip() if isinstance(title, str) and title.strip() else None


def _docx_text(raw: bytes) -> tuple[str, str | None]:
    """The paragraphs of a Word document (python-docx); a « Titre » paragraph or the
    document's title property is the title."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise GenerationError(
            N_("le document Word est illisible (fichier abîmé ou pas un .docx)")
        ) from None
    title = (document.core_properties.title or "").strip() or None
    paragraphs = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "").lower()
        if title is None and not paragraphs and style in ("title", "titre", "heading 1", "titre 1"):
            title = text
            continue
        paragraphs.append(text)
    return check_raw("\n\n".join(paragraphs) or " "), title


def _html_main_text(html: str) -> tuple[str, str | None]:
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None and meta.title else None
    if not text or not text.strip():
        raise GenerationError(N_("la page HTML ne contient pas de texte d'article"))
    first, _, rest = text.strip().partition("\n")
    if title and first.strip() == title.strip():
        text = rest  # the headline repeated at the top of the extracted text
    return text, title


@functools.cache
def _seed_langdetect() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def detect_language(text: str) -> str:
    """ISO code of the text's language (langdetect with a fixed seed, so stable)."""
    from langdetect import detect
    from langdetect.lang_detect_exception import LangDetectException

    _seed_langdetect()
    sample = text[:1200]  # enough for a stable answer; langdetect's cost grows with length
    try:
        return detect(sample)
    except LangDetectException:
        raise GenerationError(N_("impossible de reconnaître la langue du texte")) from None


def prepare_article(text: str, title: str | None = None, date: dt.date | None = None) -> Article:
    """Check, clean and split off the title and dateline; raise GenerationError on bad input."""
    text = check_raw(text)
    cleaned = clean_text(text)
    if not cleaned:
        raise GenerationError(N_("le texte est vide"))
    lines = cleaned.split("\n")
    first = lines[0].strip()
    # A first line without final punctuation, followed by a blank line, is the headline.
    if (
        len(lines) > 2
        and not lines[1].strip()
        and len(first) < 200
        and not first.endswith((".", "»", ":"))
    ):
        if title is None or _same(title, first):
            title = title or first
            lines = lines[2:]
    if lines:
        header_date, rest = parse_header_date(lines[0])
        if header_date is not None:
            date = date or header_date
            lines = ([rest] if rest else []) + lines[1:]
    body = "\n".join(lines).strip()
    if len(re.findall(r"\w", body)) < 20:
        raise GenerationError(N_("le texte est trop court pour en tirer des questions"))
    language = detect_language(body)
    if language != "fr":
        raise GenerationError(
            N_("le texte n'est pas en français (langue détectée : %(language)s)"),
            language=language,
        )
    return Article(title=title, date=date, language=language, text=body)


def _same(a: str, b: str) -> bool:
    return clean_text(a).strip().lower() == b.strip().lower()
