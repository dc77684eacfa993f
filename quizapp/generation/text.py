"""Text hygiene: checks on raw input, cleaning, folding and sentence splitting.

Everything here is plain string work so it runs before (and without) spaCy.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from quizapp.domain.messages import N_

from .errors import GenerationError

MAX_BYTES = 200 * 1024

_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000\t"), " "
)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)
_QUOTES = {
    ord("\u2019"): "'",
    ord("\u2018"): "'",
    ord("\u02bc"): "'",
    ord("\u2032"): "'",
    ord("`"): "'",
    ord("\u201c"): "\u00ab ",
    ord("\u201d"): " \u00bb",
    ord("\u201e"): "\u00ab ",
    ord("\u2026"): "...",
}
#: Lines a scraper leaves behind (image captions, widget labels).
_LEFTOVER = re.compile(
    r"^\s*(thumbnail|vignette|image|photo|entrevue|vid[ée]o|publicit[ée]|lire aussi|partager"
    r"|imprimer|advertisement)(\s*\d+)?\s*[.:]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_ELISION = re.compile(r"\b([dlnsjmtcDLNSJMTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu) ?' +(?=[\w«])")
_SPACE_BEFORE = re.compile(r"(?<=[\w»)\]]) +(?=[.,)\]](?!\.\.))")
_EMPTY_CLOSE = re.compile(r"» +,")


def check_raw(data: bytes | str) -> str:
    """Return the input as text, or raise GenerationError for empty, binary or oversized input."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise GenerationError(
                N_("le fichier est trop gros (%(size)d Ko, maximum 200 Ko)"),
                size=len(data) // 1024,
            )
        if b"\x00" in data:
            raise GenerationError(N_("le fichier est binaire, pas du texte"))
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data = data.decode("cp1252")
            except UnicodeDecodeError:
                raise GenerationError(
                    N_("le fichier n'est pas du texte lisible (encodage inconnu)")
                ) from None
    text = data
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise GenerationError(N_("le texte est trop long (plus de 200 Ko)"))
    if "\x00" in text:
        raise GenerationError(N_("le texte contient des données binaires"))
    if not text.strip():
        raise GenerationError(N_("le texte est vide"))
    controls = sum(
        1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co") and c not in "\n\r\t\f"
    )
    if controls > max(3, len(text) // 100):
        raise GenerationError(N_("le texte contient des données binaires"))
    return text


def clean_text(text: str) -> str:
    """Normalise spaces and apostrophes, drop scraping leftovers, fix Wikinews spacing."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs", "Co")
    )
    text = text.translate(_ZERO_WIDTH).translate(_SPACES).translate(_QUOTES)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LEFTOVER.sub("", text)
    text = _ELISION.sub(lambda m: m.group(1) + "'", text)
    text = _SPACE_BEFORE.sub("", text)
    text = _EMPTY_CLOSE.sub("»,", text)
    text = re.sub(r"(\d) e\b", r"\1e", text)  # "100 e anniversaire"
    text = re.sub(r"« *", "« ", text)
    text = re.sub(r" *»", " »", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


_FOLD_ARTICLE = re.compile(r"^(l'|la |le |les |d'|de |du |des |un |une |en |au |aux |à )+")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Compare key: lower case, no accents, no leading article or elision, single spaces."""
    text = text.replace("\u2019", "'").lower()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = re.sub(r"[-‐–—]", " ", text)
    text = re.sub(r"[^\w' %]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _FOLD_ARTICLE.sub("", text).strip()


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


_ABBREV = re.compile(r"(?:\b(?:M|Mme|MM|Dr|St|av|J\.-C|cf|etc|p|n°|no)|\b[A-Z])\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Split cleaned text into sentences, keeping « … » quotations whole.

    A full stop inside guillemets ends the sentence only when the quotation closes
    the sentence too; paragraph breaks always end a sentence.
    """
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_text = para.start(), para.group()
        depth, start, i = 0, 0, 0
        n = len(p_text)
        while i < n:
            c = p_text[i]
            if c == "«":
                depth += 1
            elif c == "»":
                depth = max(0, depth - 1)
            elif c in ".!?" and depth == 0:
                j = i + 1
                while j < n and p_text[j] in '.!?»)"':
                    j += 1
                rest = p_text[j:]
                if (not rest.strip() or re.match(r" +(?:« ?|[(\"])?[A-ZÀ-Ý0-9]", rest)) and not (
                    c == "." and _ABBREV.search(p_text[start : i + 1])
                ):
                    _add(out, p_text, start, j, p_start)
                    start = j
                    i = j
                    continue
            elif c in ".!?" and depth > 0:
                # "… grande victoire. » Le ministre, …": the quotation closes the sentence.
                m = re.match(r"[.!?]+ *» *(?=[A-ZÀ-Ý])", p_text[i:])
                if m:
                    j = i + m.end()
                    end = i + len(m.group().rstrip())
                    _add(out, p_text, start, end, p_start)
                    start = j
                    depth = 0
                    i = j
                    continue
            i += 1
        _add(out, p_text, start, n, p_start)
    return out


def _add(out: list[Sentence], para: str, start: int, end: int, offset: int) -> None:
    chunk = para[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        s = offset + start + lead
        out.append(Sentence(chunk, s, s + len(chunk)))
