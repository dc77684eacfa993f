"""Figures of an article as dated facts: « au moins 241 morts », « 3 000 personnes
évacuées », « 23,5 % des voix »: what is counted, its scope, the number and its hedge."""

from __future__ import annotations

import datetime as dt
import re

from .context import Context, SentenceInfo
from .fact_base import NAME_WORD, Fact, fold_name, in_quote, norm_word
from .figures import Figure, format_number

# --- figures -------------------------------------------------------------------------

#: Counted things that name the same thing, under the word news most often uses: a toll
#: is « morts », « tués », « décès »...; homes and troops go by several names too.
_SYNONYM_SETS = {
    "morts": "tués décès victimes décédés morts",
    "logements": "logements maisons habitations domiciles résidences demeures",
    "soldats": "soldats militaires",
}
_UNIT_SYNONYMS = {
    norm_word(w): norm_word(main) for main, words in _SYNONYM_SETS.items() for w in words.split()
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


#: Adjectives the figure regex can take for what is counted: the noun comes after them.
_LEADING_ADJECTIVES = frozenset(
    norm_word(w) for w in "nouveau nouvelle nouveaux nouvelles nouvel petit grand".split()
)
#: Words that follow a number without being what it counts (« s'élève à 281 selon… »).
_NOT_NOUNS = frozenset(
    "selon contre depuis avant après lors pendant environ seulement désormais hier ce cette "
    "il elle ils elles on dont alors tandis mais puis lorsque quand car donc".split()
)
#: Counted nouns that say nothing by themselves: the verb says what the people did
#: (« 3 000 personnes évacuées » and « 300 personnes ont manifesté » are two counts).
_GENERIC = frozenset(norm_word(w) for w in "personnes habitants gens individus".split())
#: Hedges the figure regex leaves out (« quelques 270 », « plus d'un millier »).
_MORE_HEDGES = re.compile(
    r"\b(quelques|autour de|un peu plus de|un peu moins de|à peine|plus d'|près d')\s*$", re.I
)
#: « le nombre de morts s'élève à 281 », « le bilan des victimes atteint 300 »
_COUNTED_BEFORE = re.compile(
    r"\b(?:nombre|bilan|total)\s+(?:de|des|d')\s*([a-zàâçéèêëîïôûùüÿœ-]+)[^,;.]*$", re.I
)
#: « est passé de », « grimpe de », « a été revu à la hausse de »: a figure that moves
#: from one value to another (« de 400 à 1200 »)
_FORMER_VALUE = re.compile(
    r"\b(?:pass\w*|grimp\w*|augment\w*|mont\w*|bondi\w*|progress\w*|baiss\w*|chut\w*"
    r"|recul\w*|diminu\w*|tomb\w*|révisé\w*|revu\w*|porté\w*|alourdi\w*|ramené\w*)"
    r"(?:\s+[\w'-]+){0,4}?\s+de\s+(?:environ\s+|près\s+de\s+)?$",
    re.IGNORECASE,
)
#: « 23,5 % des voix »: a share of votes; « le taux de chômage atteint 9,5 % »
_VOTES = re.compile(r"^\s*%\s+(?:des\s+)?(voix|suffrages|votes|sièges)", re.I)
_RATE_BEFORE = re.compile(r"\b(taux|part|proportion)\s+(?:de|d'|du|des)\s*([\w-]+)[^,;.%]*$", re.I)
_ROUND = re.compile(r"\b(premier|second|deuxième|dernier)\s+tour\b", re.I)


def figure_fact(ctx: Context, sent: SentenceInfo, f: Figure, date: dt.date | None) -> Fact | None:
    text = sent.text
    before = text[: f.start]
    if re.search(r"\b(?:dont|sur|soit)\s*$", before):
        return None  # « dont 221 à Valcourt »: a part of a total, not the total
    if _FORMER_VALUE.search(before) and re.match(r"\s+à\s+\d", text[f.num_end :]):
        return None  # « passera de 400 à 1200 »: the value it leaves, not the figure now
    if in_quote(text, f.start) or "$" in text[f.num_end : f.num_end + 3]:
        return None
    counted = _counted(ctx, sent, f)
    if counted is None:
        return None
    subject, head, scope = counted
    hedge = f.hedge
    if not hedge and (m := _MORE_HEDGES.search(before)):
        hedge = m.group(1).lower()
    return Fact(
        kind="figure",
        subject=subject,
        relation="compte",
        value=format_number(f.value),
        sentence=text,
        date=date,
        unit=head,
        qualifier=hedge,
        number=f.value,
        scope=scope,
    )


def _counted(ctx: Context, sent: SentenceInfo, f: Figure):
    """What the figure counts: (the subject as written, its comparison unit, its scope)."""
    text, before = sent.text, sent.text[: f.start]
    if f.unit.strip() == "%":
        return _share(ctx, sent, f)
    unit = f.unit.strip()
    first = unit.split(" ")[0].lower() if unit else ""
    if first in ("au", "aux") or first in _NOT_NOUNS:
        unit = ""
    if unit and norm_word(unit.split(" ")[0]) in _LEADING_ADJECTIVES:
        # « douze nouveaux cas »: the noun after the adjective
        m = re.match(r"\s*([a-zàâçéèêëîïôûùüÿœ-]{2,})", text[f.end :])
        unit = m.group(1) if m else ""
    if not unit and before.rstrip().endswith("("):
        # « les coureurs de la course (197 au départ et à l'arrivée) »: what comes before counts
        m = re.search(r"(?:les|des|ses|leurs)\s+([a-zàâçéèêëîïôûùüÿœ-]+)[^(]*\($", before)
        unit = m.group(1) if m else ""
    if not unit and (m := _COUNTED_BEFORE.search(before)):
        unit = m.group(1)
    if not unit:
        return None
    head = norm_word(unit.split(" ")[0])
    if head in _NOT_COUNTED or len(head) < 2:
        return None
    head = _UNIT_SYNONYMS.get(head, head)
    if head in _GENERIC:
        verb = _governing_verb(ctx, sent, f)
        head = _VERB_UNITS.get(verb) or (f"{head}:{verb}" if verb else head)
    # the names right after the figure say which one it is: « entre Vielha et Revel »
    tail = re.split(r"[,;.()«»]", text[f.end :], maxsplit=1)[0]
    return unit, head, frozenset(fold_name(w) for w in re.findall(NAME_WORD, tail))


def _share(ctx: Context, sent: SentenceInfo, f: Figure):
    """« Marc Dubreuil obtient 23,5 % des voix au premier tour »: the share of whom, of what,
    in which round; « le taux de chômage atteint 9,5 % »: the rate of what."""
    text = sent.text
    votes = _VOTES.match(text[f.num_end :])
    if votes:
        holder = _subject_name(ctx, sent, f)
        if not holder:
            return None
        # the round is part of what is counted: a second round is another count
        rounds = " ".join(sorted({fold_name(m.group(0)) for m in _ROUND.finditer(text)}))
        return f"% des {votes.group(1)}", f"% voix {rounds}".strip(), frozenset({fold_name(holder)})
    rate = _RATE_BEFORE.search(text[: f.start])
    if rate:
        what = f"{rate.group(1)} de {rate.group(2)}"
        tail = re.split(r"[,;.()«»]", text[f.end :], maxsplit=1)[0]
        scope = frozenset(fold_name(w) for w in re.findall(NAME_WORD, tail))
        return what, "% " + " ".join(norm_word(w) for w in what.split()), scope
    return None


def _subject_name(ctx: Context, sent: SentenceInfo, f: Figure) -> str:
    """The proper name that is the subject of the figure's verb, if there is one."""
    span = ctx.doc.char_span(sent.start + f.num_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    for child in tok.children:
        if child.dep_.startswith("nsubj") and child.pos_ == "PROPN":
            names = [t for t in child.subtree if t.pos_ == "PROPN"]
            return " ".join(t.text for t in names)
    return ""


def _governing_verb(ctx: Context, sent: SentenceInfo, f: Figure) -> str:
    span = ctx.doc.char_span(sent.start + f.num_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    # « 3 000 personnes évacuées »: the participle after the noun says what they are
    for child in tok.children:
        if child.pos_ == "VERB" and child.dep_ in ("acl", "amod") and child.i > tok.i:
            return child.lemma_.lower()
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
