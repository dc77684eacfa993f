"""A figure blanked in its sentence: « condamné à trois ans de prison et {1}
d'inéligibilité », to choose among « 2 ans », « 5 ans », « 8 ans »… when the article
says what the figure counts, else the number to type as the article writes it.

The blank holds the number with what it counts, so the options read as the sentence
does; after « plus de » every wrong option is larger (with « plus de 6 mois »,
« plus de 3 mois » would be true too), after « jusqu'à » or « moins de » smaller.
"""

from __future__ import annotations

import re

from ..domain.questiondata import Answer, Blank
from .context import (
    Candidate,
    SentenceInfo,
    choice_blank,
    cloze_question,
    shuffled,
)
from .coref import readable
from .figures import Figure, format_number, number_distractors, parse_number
from .trim import shorten


def plain(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


def figure_cloze(
    sent: SentenceInfo, f: Figure, unit: str, others: list[float] = ()
) -> Candidate | None:
    """The sentence (or the clause that states the figure) with the figure blanked out:
    the number and what it counts (« {1} d'inéligibilité », « cinq ans » among « deux
    ans », « dix ans »…) as a choice when the article says what it counts, else the
    number alone, to type."""
    text, shift = readable(sent)  # « Il a été condamné … » names who « il » is
    if re.match(r"(?:Il|Elle|Ils|Elles|On|Cela|Celui-ci|Celle-ci)\b", text):
        return None  # nobody could tell who « il » is
    a, b = f.num_start + shift, f.num_end + shift
    if len(text) > 200:
        # the clause that states the figure, without what only adds to it
        short = shorten(text, f.start + shift, f.end + shift)
        if short is None:
            return None
        a, b = short.start + (a - f.start - shift), short.start + (b - f.start - shift)
        text = short.text
    # The number as written: « {1} milliards de dollars » is 10, not 10 000 000 000.
    written = parse_number(sent.text[f.num_start : f.num_end]) or f.value
    scale = written / f.value if f.value else 1.0
    tail = sent.text[f.num_end : f.end]
    blank = counted_blank(written, tail, [o * scale for o in others], f.hedge) if unit else None
    if blank is not None:
        b += len(tail)
    else:
        blank = Blank(
            type="numeric",
            answers=[Answer(plain(written), 1.0, tolerance=f.tolerance * scale)],
        )
    stem = text[:a] + "{1}" + text[b:]
    q = cloze_question(sent, stem, blank, "figure", options={"unit": unit})
    return Candidate(q, sent, [f.surface], 0.6 - (0.1 if len(stem) > 180 else 0))


#: With « plus de 6 mois », « plus de 3 mois » is true too: the wrong options of a
#: hedged figure lie on the side where they are false.
_ABOVE = ("plus de", "au moins")
_BELOW = ("moins de", "jusqu'à")
_HEDGE_BEFORE = re.compile(r"(plus de|au moins|moins de|jusqu'à)\s*$")


def hedge_before(text: str) -> str:
    """« plus de » for « … depuis plus de {1} »: the hedge the blank's figure carries."""
    m = _HEDGE_BEFORE.search(text)
    return m.group(1) if m else ""


_SCALE = re.compile(r"^\s(million|milliard)s?\b")


def counted_blank(written: float, tail: str, others: list[float], hedge: str) -> Blank | None:
    """A choice among the figure and near ones, each with what it counts: « 5 ans »,
    « 2 ans », « 10 ans », « 8 ans »; the numbers in digits, so a figure written in
    words is not the odd one out."""
    if not tail.strip() or "\n" in tail or len(tail) > 40:
        return None
    values = number_distractors(written, others, n=8, spread=(0.5, 1.5, 2, 0.7, 3, 1.3, 0.3, 4))
    if hedge in _ABOVE:
        values = [v for v in values if v > written]
    elif hedge in _BELOW:
        values = [v for v in values if v < written]
    scaled = _SCALE.match(tail) is not None
    if tail.strip() != "%" and not scaled:
        values = [v for v in values if v >= 2]  # « 1 ans » does not agree
    if len(values) < 3:
        return None

    def written_as(v: float) -> str:
        # « 1,8 million d'euros », « 3 millions d'euros »
        if not scaled:
            return format_number(v) + tail
        return format_number(v) + _SCALE.sub(r" \1" if v < 2 else r" \1s", tail)

    answer = written_as(written)
    wrong = [written_as(v) for v in values[:3]]
    if len({w.lower() for w in [answer, *wrong]}) < 4:
        return None
    options = shuffled([answer, *wrong], answer)
    return Blank(type="mcq", answers=[Answer(o, 1.0 if o == answer else 0.0) for o in options])


#: « 30 à 50 milliards de dollars », « entre 60 et 90 soldats »: the lower end, the word
#: between and the upper end's number, just before the upper end's digits.
_RANGE_START = re.compile(
    r"(?:\b(?P<entre>entre)\s+)?(?P<low>\d[\d  ]*(?:,\d+)?)\s+(?P<sep>à|et)\s+$"
)
#: a range and the ranges offered against it: both ends times the same factor
_RANGE_FACTORS = (0.5, 2.0, 3.0, 0.3)


def range_cloze(sent: SentenceInfo, f: Figure, unit: str) -> Candidate | None:
    """« L'Iran compte attirer {1} d'investissements » among « 30 à 50 milliards de
    dollars », « 15 à 25 milliards de dollars », « 60 à 100 milliards de dollars »…: a
    range asked whole, with what it counts (``f`` is its upper end)."""
    m = _RANGE_START.search(sent.text[: f.num_start])
    tail = sent.text[f.num_end : f.end]
    if m is None or not unit or not tail.strip() or len(tail) > 40 or f.hedge:
        return None
    if m.group("entre") is None and m.group("sep") != "à":
        return None  # « 16 et 17 »: two figures, not a range
    low = parse_number(m.group("low"))
    high = parse_number(sent.text[f.num_start : f.num_end])
    if low is None or high is None or not 0 < low < high:
        return None
    sep = " et " if m.group("entre") else " à "

    def written(lo: float, hi: float) -> str:
        lead = "entre " if m.group("entre") else ""
        return lead + format_number(_round(lo)) + sep + format_number(_round(hi)) + tail

    answer = written(low, high)
    wrong = [written(low * k, high * k) for k in _RANGE_FACTORS]
    wrong = [w for w in dict.fromkeys(wrong) if w != answer][:3]
    if len(wrong) < 3:
        return None
    text, shift = readable(sent)  # « Il compte … » names who « il » is
    a, b = m.start() + shift, f.end + shift
    if len(text) > 200:
        short = shorten(text, a, b)  # the clause that states the range
        if short is None:
            return None
        text, a, b = short.text, short.start, short.end
    stem = text[:a] + "{1}" + text[b:]
    if re.match(r"(?:Il|Elle|Ils|Elles|On)\b", stem):
        return None
    blank = choice_blank(answer, wrong, answer)
    q = cloze_question(sent, stem, blank, "figure", options={"unit": unit})
    return Candidate(q, sent, [answer, m.group("low")], 0.6 - (0.1 if len(stem) > 180 else 0))


def _round(v: float) -> float:
    """Two significant digits, as a range is written: 45 not 45,3; 150 not 153."""
    if v < 10:
        return float(round(v))
    digits = len(str(int(v))) - 2
    return float(round(v, -digits))
