"""A copied sentence in the present says when: « En septembre 2017, les libéraux de
Valdorie réalisent leur pire score … ».

The article's present is its date's present. Copied as it stands into a true/false
statement or a cloze, « La Valdorie est désormais sans gouvernement depuis six mois »
reads as a claim about today, and a student reading it next year cannot tell whether
it is still true. The article's month goes in front when the sentence names no date
of its own and its main verb is in the present.
"""

from __future__ import annotations

import datetime as dt
import re

from .context import Candidate, SentenceInfo
from .dates import MONTHS


def date_present_statements(cands: list[Candidate], date: dt.date | None, text: str) -> None:
    """Put « En <mois> <année>, » before every copied sentence stated in the present
    that gives no date of its own (``text``: the article, to tell a name's capital from
    a sentence's)."""
    if date is None:
        return
    lead = f"En {MONTHS[date.month - 1]} {date.year}, "
    for c in cands:
        q = c.question
        if q.type not in ("truefalse", "cloze") or not _in_the_present(c.sentence):
            continue
        if (
            c.sentence.dates
            or re.search(r"\b(?:19|20)\d\d\b", q.stem)
            or q.stem.startswith(("«", "{"))
        ):
            continue
        stem = q.stem
        if stem[:1].isupper() and not _a_name(stem.split()[0], text):
            stem = stem[:1].lower() + stem[1:]
        q.stem = lead + stem


_FUNCTION_WORDS = {
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de",
    "ce",
    "cet",
    "cette",
    "ces",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "selon",
    "dans",
    "pour",
    "par",
    "avec",
    "sur",
    "en",
    "au",
    "aux",
}


def _a_name(word: str, text: str) -> bool:
    """« Edouard », « Sean »: capitalized inside a sentence of the article too; « Les »,
    « Deux », « Face » only where a sentence starts."""
    word = re.split(r"['’]", word)[0] if re.match(r"^[LlDd]['’]", word) else word.strip(",")
    if len(word) <= 1 or word.lower() in _FUNCTION_WORDS:
        return False  # « L'Ostrie » reads « l'Ostrie », « La surprise » « la surprise »
    return re.search(rf"[\w,;:]\s+{re.escape(word)}\b", text) is not None


def _in_the_present(sent: SentenceInfo) -> bool:
    """The main verb (or its copula) is a present indicative with no auxiliary of tense."""
    span = sent.span
    if span is None:
        return False
    root = span.root
    verb = next((t for t in root.children if t.dep_ == "cop"), root)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(t.dep_ in ("aux:tense", "aux:pass") for t in root.children):
        # « a été condamné »: a past; « est attendu »: the passive's « être » says when
        aux = [t for t in root.children if t.dep_ in ("aux:tense", "aux:pass")]
        if any(t.dep_ == "aux:tense" for t in aux):
            return False
        verb = aux[0]
    return "Pres" in verb.morph.get("Tense") and "Ind" in verb.morph.get("Mood")
