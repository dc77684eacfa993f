"""Figures of an article as dated facts: « au moins 241 morts », « 3 000 personnes
évacuées », « 23,5 % des voix »: what is counted, its scope, the number and its hedge."""

from __future__ import annotations

import datetime as dt
import re

from .context import Context, SentenceInfo
from .fact_base import NAME_WORD, Fact, fold_name, in_quote, norm_word
from .figures import Figure, format_number

# --- figures -------------------------------------------------------------------------

#: Counted things that name the same thing: a toll is « morts », « tués », « décès »...
_UNIT_SYNONYMS = {
    norm_word(w): norm_word("morts") for w in ("tués", "décès", "victimes", "décédés", "morts")
}
#: « a tué 241 personnes », « 76 personnes ont perdu la vie »: the verb says what is counted.
_VERB_UNITS = {
    "tuer": norm_word("morts"),
    "mourir": norm_word("morts"),
    "périr": norm_word("morts"),
    "décéder": norm_word("morts"),
    "blesser": norm_word("blessés"),
}
#: Words the figure regex takes for a unit that count nothing by themselves.
_NOT_COUNTED = frozenset(
    norm_word(w)
    for w in "autre dernier premier prochain seul long longue h utc heure minute seconde lundi mardi "
    "mercredi jeudi vendredi samedi dimanche fois".split()
)


def figure_fact(ctx: Context, sent: SentenceInfo, f: Figure, date: dt.date | None) -> Fact | None:
    text = sent.text
    before = text[: f.start]
    if re.search(r"\b(?:dont|sur|soit)\s*$", before):
        return None  # « dont 221 à Valcourt »: a part of a total, not the total
    if in_quote(text, f.start):
        return None
    unit = f.unit
    scope_from = f.end
    if unit.split(" ")[0].lower() in ("au", "aux"):
        unit = ""
    if not unit and before.rstrip().endswith("("):
        # « les coureurs de la course (197 au départ et à l'arrivée) »: what comes before counts
        m = re.search(r"(?:les|des|ses|leurs)\s+([a-zàâçéèêëîïôûùüÿœ-]+)[^(]*\($", before)
        if not m:
            return None
        unit = m.group(1)
    if not unit or unit == "%" or "$" in text[f.num_end : f.num_end + 3]:
        return None
    head = norm_word(unit.split(" ")[0])
    if head in _NOT_COUNTED or len(head) < 2:
        return None
    head = _UNIT_SYNONYMS.get(head, head)
    if head == norm_word("personnes"):
        verb = _governing_verb(ctx, sent, f)
        if verb in _VERB_UNITS:
            head = _VERB_UNITS[verb]
    # the names right after the figure say which one it is: « entre Vielha et Revel »
    tail = re.split(r"[,;.()«»]", text[scope_from:], maxsplit=1)[0]
    scope = frozenset(fold_name(w) for w in re.findall(NAME_WORD, tail))
    return Fact(
        kind="figure",
        subject=unit,
        relation="compte",
        value=format_number(f.value),
        sentence=text,
        date=date,
        unit=head,
        qualifier=f.hedge,
        number=f.value,
        scope=scope,
    )


def _governing_verb(ctx: Context, sent: SentenceInfo, f: Figure) -> str:
    span = ctx.doc.char_span(sent.start + f.num_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ == "VERB":
        lemma = tok.lemma_.lower()
        if lemma == "perdre" and any(c.lemma_ == "vie" for c in tok.children):
            return "mourir"
        return lemma
    return ""
