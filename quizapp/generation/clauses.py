"""Finding a sentence's main clause (subject, finite verb, complements) to turn it into a question.

spaCy's small French parser is unreliable on long news sentences, so this works
on comma-separated segments and uses the parse only for parts of speech and
morphology (finite verb, gender, number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUBORDINATORS = {
    "qui",
    "que",
    "qu'",
    "dont",
    "où",
    "lorsque",
    "lorsqu'",
    "si",
    "quand",
    "comme",
    "puisque",
    "puisqu'",
    "quoique",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
}
_CLITICS = {
    "se",
    "s'",
    "ne",
    "n'",
    "y",
    "en",
    "l'",
    "le",
    "la",
    "les",
    "lui",
    "leur",
    "me",
    "m'",
    "te",
    "t'",
    "nous",
    "vous",
}
_STOP_AFTER_COMMA = re.compile(
    r"^(?:alors|tandis|où|qui|dont|mais|ce qui|avant|après|afin|car|notamment|soit|lequel|laquelle|"
    r"[a-zéèê]+ant\b|selon|même si|bien que|puis|et)",
    re.IGNORECASE,
)
_SUBJECT_PRONOUNS = {
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "celui-ci",
    "celle-ci",
    "ceux-ci",
    "celles-ci",
    "cela",
    "ce",
    "c'",
    "ceci",
    "je",
    "j'",
    "tu",
    "nous",
    "vous",
}
_DEMONSTRATIVE = {"ce": "le", "cet": "l'", "cette": "la", "ces": "les"}


@dataclass
class Clause:
    subject: (
        str  # as it should appear in a question ("Le rapprochement entre Valdorie et Dubrovie")
    )
    subject_start: int  # char offsets in the doc
    subject_end: int
    pronoun: str  # il | elle | ils | elles
    verb_start: int  # start of the verb group (clitics included)
    finite_start: int
    finite_end: int
    end: int  # where the main clause stops
    subject_is_pronoun: bool = False
    demonstrative: bool = False
    apposition: str = ""  # ", traditionnellement opposée à …," between subject and verb


def _is_finite(tok) -> bool:
    if not tok.text[:1].islower():
        return False
    return (
        tok.pos_ in ("VERB", "AUX")
        and "Fin" in tok.morph.get("VerbForm")
        or (
            tok.pos_ in ("VERB", "AUX")
            and tok.morph.get("Mood")
            and tok.morph.get("Mood")[0] in ("Ind", "Cnd", "Sub")
        )
    )


_AFTER_VERB = {
    "d'",
    "de",
    "à",
    "que",
    "qu'",
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "ses",
    "son",
    "sa",
    "leur",
    "leurs",
    "pas",
    "plus",
    "aussi",
    "également",
}


def _looks_finite(seg) -> bool:
    """The small parser often tags a verb opening a segment as a noun ("…, envisage d'examiner")."""
    if len(seg) < 2:
        return False
    t, nxt = seg[0], seg[1]
    return (
        t.text[:1].islower()
        and t.pos_ in ("NOUN", "ADJ", "VERB")
        and not t.text.endswith("ment")
        and t.text.endswith(("e", "ent", "it", "ait", "aient", "ra", "ont"))
        and nxt.text.lower() in _AFTER_VERB
    )


def _after_name(seg, k: int) -> bool:
    """ "Paul Durand nomme Anne Morel": a verb-like word right after the name opening a segment."""
    if (
        k + 1 >= len(seg)
        or not all(x.text[:1].isupper() for x in seg[:k])
        or seg[0].pos_ != "PROPN"
    ):
        return False
    t, nxt = seg[k], seg[k + 1]
    return (
        t.text[:1].islower()
        and t.text.endswith(("e", "ent", "it", "ait", "aient", "ra", "ont"))
        and (nxt.text[:1].isupper() or nxt.text.lower() in _AFTER_VERB)
    )


def find_clause(span, text: str, gender_of=None) -> Clause | None:
    """The main clause of a sentence span, or None when it cannot be found with confidence."""
    toks = [t for t in span]
    segments = _comma_segments(toks)
    for si, seg in enumerate(segments):
        k = _main_verb_at(segments, si)
        if k is not None:
            return _clause_at(segments, si, k, toks, text, gender_of)
        if (
            si == 0
            and seg
            and seg[0].pos_ not in ("ADP", "ADV", "SCONJ", "NUM")
            and any(t.pos_ == "VERB" for t in seg)
        ):
            return None
    return None


def _comma_segments(toks) -> list[list]:
    """The sentence's tokens cut at the commas outside quotations."""
    segments: list[list] = [[]]
    depth = 0
    for t in toks:
        if t.text == "«":
            depth += 1
        elif t.text == "»":
            depth = max(0, depth - 1)
        if t.text == "," and depth == 0:
            segments.append([])
        else:
            segments[-1].append(t)
    return segments


def _main_verb_at(segments: list[list], si: int) -> int | None:
    """Where the narrator's finite verb stands in segment ``si``; None when the segment
    has none before a quotation or a subordinate clause."""
    seg = segments[si]
    for k, t in enumerate(seg):
        if t.text in ("«", "»"):
            return None  # inside a quotation: not the narrator's clause
        if (
            not _is_finite(t)
            and not (k == 0 and si > 0 and _looks_finite(seg))
            and not (k > 0 and _after_name(seg, k))
        ):
            continue
        before = [x.text.lower() for x in seg[:k]]
        if any(b in _SUBORDINATORS for b in before):
            return None
        return k
    return None


def _clause_at(segments: list[list], si: int, k: int, toks, text: str, gender_of) -> Clause | None:
    """The clause whose finite verb is token ``k`` of segment ``si``."""
    seg = segments[si]
    # the verb group starts at the first clitic right before the finite verb
    v = k
    while (
        v > 0 and seg[v - 1].text.lower() in _CLITICS and seg[v - 1].pos_ in ("PRON", "ADV", "DET")
    ):
        v -= 1
    subj_toks = seg[:v]
    apposition = ""
    if not subj_toks:
        found = _subject_before(segments, si, text)
        if found is None:
            return None
        subj_toks, apposition = found
    real = [x for x in subj_toks if x is not None]
    while real and real[0].text.lower() in ("mais", "et", "or", "donc", "puis"):
        real = real[1:]
    if not real or real[0].pos_ in ("ADP", "SCONJ", "ADV") or real[0].text in ("«",):
        return None
    subj_text = text[real[0].idx : real[-1].idx + len(real[-1])]
    if None in subj_toks:
        subj_text += ","  # "la ministre …, Anne Morel, a-t-elle …": close the apposition
    low = subj_text.lower()
    is_pron = (
        low in _SUBJECT_PRONOUNS
        or low in ("cette dernière", "ce dernier", "ces derniers")
        or (len(real) == 1 and real[0].pos_ == "PRON")
    )
    subj_text, demonstrative = _definite_subject(real, subj_text)
    return Clause(
        subject=subj_text,
        subject_start=real[0].idx,
        subject_end=real[-1].idx + len(real[-1]),
        pronoun=_pronoun(real, subj_text, gender_of),
        verb_start=seg[v].idx,
        finite_start=seg[k].idx,
        finite_end=seg[k].idx + len(seg[k]),
        end=_clause_end(toks, seg[k], text),
        subject_is_pronoun=is_pron,
        demonstrative=demonstrative,
        apposition=apposition,
    )


def _subject_before(segments: list[list], si: int, text: str) -> tuple[list, str] | None:
    """The subject in an earlier segment when the verb opens its own (« X, ancien …, a dit »),
    with the apposition between them; None when there is none."""
    prev = si - 1
    while prev >= 0 and segments[prev] and segments[prev][0].text.lower() in _SUBORDINATORS:
        prev -= 1
    if prev < 0 or not segments[prev]:
        return None
    apposition = ""
    while (
        prev > 0
        and segments[prev]
        and segments[prev][0].text[:1].islower()
        and (
            segments[prev][0].pos_ in ("ADJ", "VERB", "ADV")
            or segments[prev][0].text.endswith(("ment", "é", "ée", "és", "ées"))
        )
    ):
        # an apposition ("traditionnellement opposée à …") sits between subject and verb
        seg_app = segments[prev]
        apposition = text[seg_app[0].idx : seg_app[-1].idx + len(seg_app[-1])]
        prev -= 1
    subj_toks = segments[prev]
    if (
        prev > 0
        and segments[prev - 1]
        and segments[prev][0].text[:1].isupper()
        and segments[prev - 1][0].text.lower() in ("la", "le", "l'", "les")
    ):
        subj_toks = segments[prev - 1] + [None] + segments[prev]
    return subj_toks, apposition


def _definite_subject(real, subj_text: str) -> tuple[str, bool]:
    """ "Cette réforme" -> "La réforme" (and whether it was a demonstrative), capitalised."""
    first = real[0].text.lower()
    demonstrative = first in _DEMONSTRATIVE
    if demonstrative:
        rep = _DEMONSTRATIVE[first]
        rest = subj_text[len(real[0].text) :].lstrip()
        subj_text = (rep + rest) if rep.endswith("'") else f"{rep} {rest}"
    return subj_text[0].upper() + subj_text[1:], demonstrative


def _pronoun(real, subj_text: str, gender_of) -> str:
    if re.match(r"^[^,]*?\bet\b", subj_text) and not re.search(
        r"\b(?:entre|de|du|des|d')\b[^,]*\bet\b", subj_text
    ):
        genders = [gender_of(p) if gender_of else "" for p in re.split(r"\s+et\s+", subj_text)]
        return "elles" if genders and all(g == "f" for g in genders) else "ils"
    head = next((t for t in real if t.pos_ in ("NOUN", "PROPN")), real[0])
    det = real[0].text.lower()
    plural = det in ("les", "des", "ces") or "Plur" in head.morph.get("Number")
    if gender_of:
        g = gender_of(subj_text)
        if g:  # « les États-Unis »: masculine and plural
            return ("elle" if g == "f" else "il") + ("s" if plural else "")
    fem = det in ("la", "cette", "une") or (
        det not in ("le", "ce", "cet", "un") and "Fem" in head.morph.get("Gender")
    )
    if plural:
        return (
            "elles"
            if fem
            and det not in ("les", "des", "ces")
            or (fem and "Fem" in head.morph.get("Gender"))
            else "ils"
        )
    return "elle" if fem else "il"


def _clause_end(toks, finite, text: str) -> int:
    depth = 0
    last = toks[-1].idx + len(toks[-1])
    for i, t in enumerate(toks):
        if t.i <= finite.i:
            continue
        if t.text == "«":
            depth += 1
        elif t.text == "»":
            depth = max(0, depth - 1)
        elif depth == 0 and t.text in (";", ":"):
            return t.idx
        elif depth == 0 and t.text == "," and i + 1 < len(toks):
            after = text[toks[i + 1].idx : toks[i + 1].idx + 30]
            if _STOP_AFTER_COMMA.match(after):
                return t.idx
    while last > 0 and text[last - 1] in ".!? ":
        last -= 1
    return last
