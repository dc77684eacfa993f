"""Where names begin and end in the parsed article: the article's mentions, spaCy's
entities, or a run of capitalised words (« Cheikh Karim ben Ali Al Rachid »).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context
from .entities import Mention

NAME_PARTICLES = frozenset("de du des von van der bin ben ibn al el".split())


NAME_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ach|at|az|ibn|bin|ben|abu|abou|ould)-[A-ZÀ-Ý]")


def attached(tok) -> bool:
    """ "al" and "-" in "al-Rachid", cut in three tokens."""
    return (
        not tok.whitespace_ and (tok.text == "-" or tok.text.isalpha()) and tok.i + 1 < len(tok.doc)
    )


def name_like(tok) -> bool:
    """A word that can be part of a name: capitalised, or "al-Rachid"."""
    return tok.text[:1].isupper() or bool(NAME_PREFIX.match(tok.text))


def lowered(tok) -> str:
    return tok.text.lower().replace("’", "'")


class Names:
    """Where names start and end in the doc: the article's mentions and spaCy's entities."""

    def __init__(self, ctx: Context):
        doc = ctx.doc
        self.person_start: dict[int, tuple[int, Mention | None]] = {}  # token -> (end, mention)
        self.start: dict[int, tuple[int, Mention | None]] = {}
        self.end: dict[int, tuple[int, Mention | None]] = {}  # end token (excl.) -> (start, m)
        for m in ctx.ents.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            e = span.end
            while e < len(doc) and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
                e += 1  # "Die" + "Linke": a mention cut short
            self.start.setdefault(span.start, (e, m))
            self.end.setdefault(e, (span.start, m))
            if m.entity.type == "person":
                self.person_start.setdefault(span.start, (e, m))
        for ent in doc.ents:
            if not all(
                t.text[:1].isupper() or t.pos_ in ("ADP", "DET") or attached(t) or t.text == "-"
                for t in ent
            ):
                continue
            if ent.label_ == "PER" and len(ent) >= 2:
                self.person_start.setdefault(ent.start, (ent.end, None))
            if ent.label_ in ("PER", "ORG", "MISC", "LOC"):  # « Conseil de X » may be read a place
                self.start.setdefault(ent.start, (ent.end, None))
                known = self.end.get(ent.end)
                if known is None or known[0] > ent.start and ent.label_ != "PER":
                    # « le Conseil de Valdorie »: the whole name, not the country it ends on
                    self.end[ent.end] = (ent.start, None)


@dataclass
class Run:
    start: int  # tokens
    end: int
    mention: Mention | None
    known: bool  # a mention or a spaCy entity, not just capitalised words


def run_after(doc, i: int, names: Names, limit: int) -> Run | None:
    """A name starting at token i."""
    if i >= limit:
        return None
    if i in names.start:
        end, m = names.start[i]
        return Run(i, end, m, True) if end <= limit else None
    j = i
    while j < limit and (name_like(doc[j]) or (j > i and lowered(doc[j]) in NAME_PARTICLES)):
        j += 1
    while j > i and lowered(doc[j - 1]) in NAME_PARTICLES:
        j -= 1
    if j == i or doc[i].pos_ not in ("PROPN", "NOUN", "X", "ADJ"):
        return None
    return Run(i, j, None, False)


def run_before(doc, j: int, names: Names, floor: int) -> Run | None:
    """A name ending right before token j."""
    if j <= floor:
        return None
    if j in names.end:
        start, m = names.end[j]
        if start < floor:
            return None
        i = start
        while i > floor + 1 and doc[i - 1].pos_ == "PROPN" and name_like(doc[i - 1]):
            i -= 1  # "Cheikh Karim" + "Al Rachid": one name the mentions cut in two
        return Run(i, j, m if i == start else None, True)
    i = j
    while i > floor and (
        name_like(doc[i - 1])
        or (i < j and lowered(doc[i - 1]) in NAME_PARTICLES)
        or (i < j and attached(doc[i - 1]))
    ):
        i -= 1
    while i < j and (lowered(doc[i]) in NAME_PARTICLES or not doc[i].text[:1].isalpha()):
        i += 1
    if i == j or any(
        t.pos_ not in ("PROPN", "NOUN", "X", "ADJ", "PUNCT") and not attached(t) for t in doc[i:j]
    ):
        return None
    if i == floor and j - i == 1 and doc[i].pos_ != "PROPN":
        return None  # a capitalised first word of the sentence, not a name
    return Run(i, j, None, False)
