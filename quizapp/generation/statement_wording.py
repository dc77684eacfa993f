"""A statement worded as a question: no relative time, no discourse adverb, long quotations cut."""

from __future__ import annotations

import re

from .question_wording import tidy
from .speech_verbs import ADVERBS

#: ", quant à lui," between the auxiliary and the participle.
PAREN = r"(?:,\s*(?:quant à (?:lui|elle)|pour sa part|de son côté|à son tour|lui aussi|elle aussi|pour (?:lui|elle)|de (?:son|leur) côté|en effet),\s*)"


_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"


_MONTH = r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"


RELATIVE_TIME = re.compile(
    rf"(?:,\s*)?\b(?:(?:ce|cet|cette|le|dès|depuis|jusqu'à|d'ici|avant|après)\s+)?(?:même\s+)?(?:"
    rf"{_WEEKDAY}(?:\s+(?:matin|midi|après-midi|soir|dernier|prochain))?"
    rf"(?:\s+\d{{1,2}}(?:er)?(?:\s+{_MONTH}(?:\s+\d{{4}})?)?)?(?:\s+(?:matin|midi|après-midi|soir))?"
    rf"|(?:avant-)?hier(?:\s+(?:matin|soir))?|(?:après-)?demain(?:\s+(?:matin|soir|{_WEEKDAY}))?"
    rf"|aujourd'hui|ce\s+(?:matin|soir|midi|week-end)|cette\s+(?:nuit|semaine|année|après-midi)"
    rf"|cet\s+après-midi|(?:ce|le)\s+même\s+jour|ce\s+jour(?:-là)?|la\s+veille|le\s+lendemain|la\s+semaine\s+(?:dernière|prochaine)"
    rf"|(?:vers|à|dès)\s+\d{{1,2}}\s?h(?:eures?)?(?:\s?\d{{2}})?)(?![\w-])(?:\s*,)?",
    re.IGNORECASE,
)


#: Discourse adverbs that make no sense in a question ("a ainsi lancé", "ont même conclu").
_DISCOURSE = re.compile(
    r"(?<=\s)(?:ainsi|donc|également|aussi|d'ailleurs|toutefois|cependant|pourtant|néanmoins"
    r"|en effet|notamment|effectivement|bien sûr)(?=\s)",
    re.IGNORECASE,
)


_BACK_REFERENCE = re.compile(
    r"(?:,\s*)?\b(?:à ce propos|à ce sujet|sur ce point|sur cette question|dans ce contexte"
    r"|quant à (?:lui|elle)|pour sa part|de son côté|lui-même|elle-même)\b(?:\s*,)?",
    re.IGNORECASE,
)


def _outside(text: str) -> str:
    def repl(m: re.Match) -> str:
        both = m.group().lstrip().startswith(",") and m.group().rstrip().endswith(",")
        return ", " if both else " "

    text = _BACK_REFERENCE.sub(repl, RELATIVE_TIME.sub(repl, text))
    return _DISCOURSE.sub(" ", " " + text + " ")


def drop_relative_time(text: str) -> str:
    """ "a annoncé hier que …" -> "a annoncé que …": a quiz has no "today"; discourse
    adverbs and back-references ("à ce propos") go too. Quotations are left as written."""

    out = []
    depth, last = 0, 0
    for i, c in enumerate(text + "«"):  # never inside a quotation
        if c == "«":
            if depth == 0:
                out.append(_outside(text[last:i]))
                last = i
            depth += 1
        elif c == "»":
            depth = max(0, depth - 1)
            if depth == 0:
                out.append(text[last : i + 1])
                last = i + 1
    if last < len(text):
        out.append(text[last:])
    text = re.sub(r"\s+", " ", "".join(out)).replace(" ,", ",")
    return tidy(re.sub(r"\b(qu|d|l|s)' «", r"\1'«", text))


def quotes_in(text: str) -> list[str]:
    return [q.strip() for q in re.findall(r"«\s*([^«»]+?)\s*»", text)]


def short_quote(text: str, limit: int = 24) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + " […]"


def fit(vp: str, limit: int = 30) -> str | None:
    """The verb phrase within ``limit`` words, long quotations cut with […]; None if it cannot be."""
    for words in (16, 10):
        if len(vp.split()) <= limit:
            return vp
        vp = _shorten_quotes(vp, words)
    return vp if len(vp.split()) <= limit else None


def _shorten_quotes(vp: str, limit: int) -> str:
    return re.sub(r"«\s*([^«»]+?)\s*»", lambda m: f"« {short_quote(m.group(1), limit)} »", vp)


def plain_vg(vg: str) -> str:
    """ "a ainsi lancé" -> "a lancé": discourse adverbs and dates have no place in a question."""
    vg = re.sub(PAREN, " ", vg)
    vg = re.sub(rf"\s+{ADVERBS}(?=\s)", "", " " + vg + " ").strip()
    return vg


def first_quote(quotes: list[str]) -> str:
    """The first quotation when it says enough to be worth showing (three words or more)."""
    return quotes[0] if quotes and len(quotes[0].split()) >= 3 else ""
