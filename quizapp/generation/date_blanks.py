"""A date blanked in its sentence: « … l'invasion de la Valdorie en {1}. », to choose
among near dates of the same precision, for the dates the clause rules could not ask
about (a date in a subordinate clause, « prévue le 27 janvier »)."""

from __future__ import annotations

import re

from .context import (
    Candidate,
    Context,
    SentenceInfo,
    choice_blank,
    cloze_question,
)
from .coref import readable
from .kinds_text import _BACK_REFERENCE, _cloze_stem, _vague
from .text import fold
from .trim import shorten

_DATELINE = re.compile(r"(?:1er|\d{1,2})\s+[a-zéû]+\s+\d{4}\s*\.?\s*[–—-]")


def date_cloze_questions(ctx: Context) -> list[Candidate]:
    """ "… l'invasion de la Valdorie en {1}." for dates the clause rules could not ask about."""
    every = [d.value for s in ctx.sentences for d in s.dates]
    out: list[Candidate] = []
    for sent in ctx.sentences:
        readable_text, shift = readable(sent)
        if re.match(r"(?:Il|Elle|Ils|Elles|On|Cela|Celui-ci|Celle-ci)\b", readable_text):
            continue
        if _DATELINE.match(sent.text):
            continue  # « 10 décembre 2018. – … »: the article's own date, not a fact
        for d in sent.dates:
            c = _date_cloze(sent, d, (readable_text, shift), every, ctx.article.date)
            if c is not None:
                out.append(c)
    return out


def _date_cloze(sent: SentenceInfo, d, named: tuple[str, int], every, latest) -> Candidate | None:
    """The cloze blanking the date ``d`` in its sentence (or the clause that holds it);
    ``named``: the sentence with its opening pronoun named, and the shift that made."""
    from .date_options import date_distractors

    readable_text, shift = named

    if d.value.year is None or sent.text.count("«", 0, d.start) > sent.text.count("»", 0, d.start):
        return None
    if re.search(r"\bpour\s+(?:l'année\s+)?$", sent.text[: d.start]) or re.match(
        r"(?i)pour\b", d.surface
    ):
        return None  # « prolongés pour {1} »: a period aimed at, read off the date before it
    if any(
        o is not d and o.value.year and abs(o.value.year - d.value.year) <= 1 for o in sent.dates
    ):
        return None  # « Le {1}, … prolongés pour 2016 »: the other date tells the year
    if _half_of_a_span(sent.text, d):
        return None  # « du 25 au {1} »: one end of a stay asks half of it
    if d.resolved and not _day_and_month(sent.text, d):
        return None  # "en juin dernier": the blank would not match the text's wording
    if shift and d.start < len(sent.referent) - shift:
        return None  # the date sits in the subject the referent replaced
    m = re.match(r"(?i)(?:depuis le|dès le|en|le|ce|du|au|depuis|dès|de)\s+", d.surface)
    text, s, end = readable_text, d.start + (m.end() if m else 0) + shift, d.end + shift
    if len(text) > 200:
        short = shorten(text, s, end)
        if short is None:
            return None
        text, s, end = short.text, short.start, short.end
    if len(text) > 240 or _BACK_REFERENCE.search(text):
        return None
    stem = _cloze_stem(text[:s] + "{1}" + text[end:])
    wrong = [w.text(prep=False) for w in date_distractors(d.value, every, latest=latest)]
    answer = d.value.text(prep=False)
    if len(wrong) < 3 or not fold(answer).startswith(fold(text[s:end])):
        return None  # « le {1} » is « 17 septembre 2016 » when the text left out the year
    q = cloze_question(sent, stem, choice_blank(answer, wrong, stem), "date", answer)
    return Candidate(q, sent, [answer], 0.52 - _vague(sent.text))


def _half_of_a_span(text: str, d) -> bool:
    """« du 25 au 27 janvier », « du 26 février au 7 mars »: the date is one end."""
    return bool(
        re.match(r"(?i)au\b", d.surface)
        and re.search(r"\bdu\s+(?:\d{1,2}|1er)(?:\s+[a-zéû]+)?\s+$", text[: d.start])
        or re.match(r"(?i)du\b", d.surface)
        and re.match(r"\s+au\s+(?:\d{1,2}|1er)\b", text[d.end :])
    )


def _day_and_month(text: str, d) -> bool:
    """« le 17 septembre » as written, its year the article's: a blank can hold it with
    the year (« le {1} » — « 17 septembre 2016 »), unlike « mercredi » or « juin dernier »."""
    words = re.sub(r"(?i)^(?:depuis le|dès le|le|du|au)\s+", "", d.surface)
    after = text[d.end : d.end + 10]
    return bool(
        d.value.day
        and re.fullmatch(r"(?:1er|\d{1,2}) [a-zéû]+", words)
        and not re.match(r"\s+(?:dernier|prochain)", after)
    )
