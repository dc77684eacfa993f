"""A long sentence cut down to the part a question needs.

News sentences run to 300 characters: a main clause, a relative clause on one of its
nouns, a participle phrase, a parenthesis, a second clause after « ; ». A question on
one fact of the sentence reads better, and fits a phone, with only the clause that
states it. What goes is what French sets apart with commas and says it adds to the
clause (« qui … », « dont … », « ce qui … », « alors que … », a participle phrase, a
parenthesis), never a part of the main clause itself, and never the part that holds
the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Openings of a segment that only adds to the clause before it.
_ADDED = re.compile(
    r"(?:qui|que|qu'|dont|où|lequel|laquelle|lesquels|lesquelles|auquel|auxquels|ce qui|ce que"
    r"|ce qu'|alors que|alors qu'|tandis que|tandis qu'|même si|bien que|bien qu'|puisque"
    r"|puisqu'|notamment|soit|avant de|avant d'|après avoir|après être|afin de|afin d'"
    r"|(?!(?:maintenant|cependant|pendant|avant|durant|autant|devant|suivant|auparavant"
    r"|néanmoins|notamment)\b)(?:en )?[a-zéèêîôû]+ant|[a-zéèêîôûç]{3,}(?:é|ée|és|ées)(?= (?:par|sur|à|au|en|dans|de|pour))"
    r")\b",
    re.IGNORECASE,
)
#: A finite verb opening the part after an added one: that part goes on the main
#: clause (« La commission, qui …, a rendu »), not on the added part (« …, alors que
#: le pays …, jusqu'à l'arrivée de … »).
_VERB_NEXT = re.compile(
    r"(?:(?:ne|n'|se|s'|y|en|l'|le|la|les|lui|leur)\s?)*(?:a|ont|est|sont|avait|avaient"
    r"|était|étaient|sera|seront|aura|auront|serait|seraient|aurait|auraient|va|vont|doit"
    r"|doivent|devait|devaient|peut|peuvent|pourrait|pourraient|fut|furent|vient|viennent)\b"
)
_WORDS = 8
_LONGEST = 230


@dataclass(frozen=True)
class Shortened:
    text: str
    start: int  # where the kept target starts in ``text``
    end: int


def _segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, separator that ends it) of the parts between commas and « ; », outside
    quotation marks and parentheses."""
    out: list[tuple[int, int, str]] = []
    depth_q = depth_p = 0
    begin = 0
    for i, ch in enumerate(text):
        if ch == "«":
            depth_q += 1
        elif ch == "»":
            depth_q = max(0, depth_q - 1)
        elif ch == "(":
            depth_p += 1
        elif ch == ")":
            depth_p = max(0, depth_p - 1)
        elif (
            ch in ",;"
            and not depth_q
            and not depth_p
            and not (ch == "," and text[i + 1 : i + 2].isdigit())  # « 11,9 % »
        ):
            out.append((begin, i, ch))
            begin = i + 1
    out.append((begin, len(text), ""))
    return out


def _parentheses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Parentheses that do not hold the target, with the space before them."""
    out = []
    for m in re.finditer(r"\s?\([^()]{0,120}\)", text):
        if m.end() <= start or m.start() >= end:
            out.append((m.start(), m.end()))
    return out


def shorten(text: str, start: int, end: int) -> Shortened | None:
    """The sentence ``text`` without the parts that only add to it, keeping ``text[start:end]``.

    Returns the sentence as it is when nothing can go, and None when what is left is
    still too long or too short to be a question.
    """
    cut = _parentheses(text, start, end) + _added_parts(text, start, end)
    if not cut:
        short, s2, e2 = text, start, end
    else:
        left = _cut_out(text, start, end, cut)
        if left is None:
            return None
        short, s2, e2 = left
    if len(short) > _LONGEST:
        short = _without_trailing_clause(short, e2)
    if len(short) > _LONGEST or len(short.split()) < _WORDS:
        return None
    return Shortened(short, s2, e2)


#: « … à 8 % alors qu'elle est proche de zéro »: a clause that only adds, with no comma.
_TRAILING = re.compile(r"\s(?:alors qu|tandis qu|bien qu|même si\b|puisqu)")


def _without_trailing_clause(text: str, end: int) -> str:
    """The sentence cut before a subordinate clause that follows the answer."""
    m = _TRAILING.search(text, end)
    if m is None:
        return text
    # « … de majorité et alors que … », « … à suivre : alors que … »: what led to it goes too
    kept = re.sub(r"(?:\s+(?:et|ou|mais)|\s*[,:;])+$", "", text[: m.start()])
    return kept + "."


def _added_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the segments that only add to the sentence, the answer's kept."""
    cut: list[tuple[int, int]] = []
    segs = _segments(text)
    for k, (a, b, sep) in enumerate(segs):
        if a <= start < b or a < end <= b:
            continue  # the answer's own segment
        if k == 0:
            continue  # the sentence's opening holds its subject
        prev_sep = segs[k - 1][2]
        if prev_sep == ";" and b <= start:
            continue  # handled below: a whole clause before « ; »
        if prev_sep == ";" and a >= end:
            cut.append((segs[k - 1][1], len(text)))  # the clause after « ; » goes whole
            break
        if not _ADDED.match(text[a:b].lstrip()):
            continue
        after = segs[k + 1][0] if k + 1 < len(segs) else len(text)
        verb_next = _VERB_NEXT.match(text[after:].lstrip())
        # an added part between two commas: « X, qui …, a dit » loses both commas; after
        # an apposition (« le patron, Paul Durand, qui …, ») the second one stays to close it.
        between_commas = (segs[k - 1][1], b if k >= 2 and segs[k - 2][2] == "," else b + 1)
        if sep == "," and b < start:
            if verb_next:
                cut.append(between_commas)  # before the answer, the main clause goes on
        elif sep in (",", ";") or not sep:
            if sep == "," and verb_next:
                # « La déroute de X, qui pourrait …, a entraîné »: the main clause goes on
                # after the added part, which goes alone
                cut.append(between_commas)
                continue
            if a >= end:
                # everything from here on only adds to what came before the answer
                cut.append((segs[k - 1][1], len(text)))
                break
            cut.append((segs[k - 1][1], b))
    # a clause before « ; » that does not hold the answer
    for _a, b, sep in segs:
        if sep == ";" and b <= start:
            cut.append((0, b + 1))
    return cut


def _cut_out(
    text: str, start: int, end: int, cut: list[tuple[int, int]]
) -> tuple[str, int, int] | None:
    """The sentence without the ``cut`` spans, tidied, and where ``text[start:end]`` now
    is; None when a span would cut into it."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(cut):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    pieces, pos = [], 0
    shift = 0
    for a, b in merged:
        if a < end and b > start:
            return None  # never cut into the answer
        pieces.append(text[pos:a])
        if b <= start:
            shift += b - a
        pos = b
    pieces.append(text[pos:])
    short = "".join(pieces)
    s2 = start - shift
    lead_ws = len(short) - len(short.lstrip(" ,;"))
    short = short.lstrip(" ,;")
    s2 = s2 - lead_ws
    short = re.sub(r"\s+([,.;:])", r"\1", short)
    if short[:1].islower():
        short = short[:1].upper() + short[1:]
    short = short.rstrip(" ,;:")
    if not short.endswith((".", "?", "!", "»")):
        short += "."
    # re-find the target: spacing fixes before it may have moved it
    target = text[start:end]
    found = short.find(target, max(0, s2 - 3))
    if found < 0:
        return None
    return short, found, found + len(target)
