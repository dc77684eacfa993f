"""A statement found in a sentence, and where its parts lie: its subject, its verb group, its end."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context, SentenceInfo
from .entities import Mention
from .speech_verbs import ADVERBS, VERB
from .statement_wording import PAREN


@dataclass
class Statement:
    """One actor's statement as the article reports it."""

    sent: SentenceInfo
    speaker: Mention
    verb: str  # infinitive of the verb of saying
    stem: str  # the question, ready
    quote: str  # the quotation in it ("" when none)
    via: SentenceInfo | None = None  # where a pronoun's speaker was named


PERSON_LIKE = ("person", "org", "country", "city")


#: A verb group: "a dénoncé", "s'est réjoui", "ne voit", "avait ainsi averti", "réclame".
VG = re.compile(
    rf"(?P<vg>(?P<neg>ne |n')?(?P<refl>se |s')?"
    rf"(?:(?P<aux>a|ont|avait|avaient|aurait|auraient|est|sont|était|étaient)"
    rf"(?:\s+|{PAREN})(?:{ADVERBS}\s+)*)?"
    rf"(?P<verb>{VERB})(?:e?s?)?)(?![\w-])"
)


_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|\b(?:et|mais|puis)\s+)$")


#: What may stand between a clause start and the name: "le député ", "la procureure ".
_ROLE_LEAD = re.compile(
    r"(?:^|[,;:]\s*|\b(?:et|mais|puis)\s+)(?:[Ll]e|[Ll]a|[Ll]'|[Ss]on|[Ss]a|[Ll]eur)\s?(?:[\w'-]+\s){0,7}$"
)


PREPOSITION_END = re.compile(
    r"\b(?:de|d'|du|des|à|au|aux|pour|par|avec|contre|entre|et|selon|sur|chez|vers|dans|en)\s*$"
)


_STOP_AFTER_COMMA = re.compile(
    r"(?:alors|tandis|où|qui|dont|mais|ce qui|avant|après|afin|car|notamment|soit|lequel|laquelle"
    r"|[a-zéèêî]+ant\b|selon|même si|bien que|puis|lors|que\b|qu'|tout en|avec|sans|pour|en|et\b)",
    re.IGNORECASE,
)


def in_quote(text: str, pos: int) -> bool:
    return text.count("«", 0, pos) > text.count("»", 0, pos)


def subject_ok(ctx: Context, sent: SentenceInfo, m: Mention) -> bool:
    """True when the mention opens its clause (optionally after a role: "le député X")."""
    before = sent.text[: m.start - sent.start]
    if in_quote(sent.text, m.start - sent.start):
        return False
    if _CLAUSE_START.search(before):
        return True
    lead = _ROLE_LEAD.search(before)
    return bool(lead) and not PREPOSITION_END.search(before) and "«" not in lead.group()


def apposition_ok(ctx: Context, sent: SentenceInfo, start: int, text: str) -> bool:
    """ ", le fondateur des « Citrons »," between a name and its verb: no verb, no other name."""
    if not text.strip():
        return True
    if re.search(r"\b(?:qui|que|qu'|dont|où|lorsque|quand|si)\b", text) or len(text.split()) > 16:
        return False
    a = sent.start + start
    if any(m.entity.type == "person" and a <= m.start < a + len(text) for m in sent.mentions):
        return False
    span = ctx.doc.char_span(a, a + len(text), alignment_mode="contract")
    return span is None or not any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span
    )


def clause_end(ctx: Context, sent: SentenceInfo, start: int) -> tuple[int, int | None]:
    """Where the verb phrase starting at ``start`` stops, and where a coordinated
    verb of saying with the same subject starts ("dit que … et réclame …")."""
    text = sent.text
    depth = 0
    i = start
    while i < len(text):
        c = text[i]
        if c == "«":
            depth += 1
        elif c == "»":
            depth = max(0, depth - 1)
            if depth == 0 and re.search(r"[.!?]\s*$", text[:i]):
                return i + 1, None  # "… une semaine. »": the quotation ends the sentence
        elif depth == 0:
            rest = text[i + 1 :]
            if c in ".;!?" and (not rest.strip() or rest[:1] == " "):
                return i, None
            if c == ":" and not rest.lstrip().startswith("«"):
                return i, None
            if c == "(":
                close = text.find(")", i)
                i = close if close > 0 else i
            if c == " " and re.match(r"(?:et\s+que\b|et\s+qu'|en\s+[a-zéèêâîôû]+ant\b)", rest):
                return i, None  # a second "que" clause or a gerund: the first part is enough
            if c == "," or (c == " " and re.match(r"et\s", rest)):
                after = rest.lstrip()
                coord = re.match(r"(?:et|puis)\s+", after)
                if coord:
                    vg = VG.match(after[coord.end() :])
                    if vg:
                        return i, len(text) - len(after) + coord.end()
                    if finite_at(ctx, sent, len(text) - len(after) + coord.end()):
                        return i, None
                if c == "," and _STOP_AFTER_COMMA.match(after):
                    return i, None
        i += 1
    return len(text), None


def finite_at(ctx: Context, sent: SentenceInfo, offset: int) -> bool:
    """A finite verb (possibly after clitics) starts at this sentence offset."""
    span = ctx.doc.char_span(sent.start + offset, sent.end, alignment_mode="expand")
    if span is None:
        return False
    for t in span[:3]:
        if t.text.lower() in ("se", "s'", "ne", "n'", "le", "la", "les", "l'", "lui", "y", "en"):
            continue
        return t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")
    return False


def clitic_object(ctx: Context, sent: SentenceInfo, offset: int) -> bool:
    """ "a indiqué les avoir arrêtées": a pronoun object that only the article can explain."""
    span = ctx.doc.char_span(sent.start + offset, sent.end, alignment_mode="expand")
    return (
        span is not None
        and len(span) >= 2
        and span[0].text.lower() in ("les", "la", "le", "l'", "lui", "leur", "y", "en")
        and span[1].pos_ in ("VERB", "AUX")
    )


def proper_start(ctx: Context, sent: SentenceInfo, offset: int) -> bool:
    return any(x.start == sent.start + offset for x in sent.mentions)


def has_finite(ctx: Context, sent: SentenceInfo, offset: int) -> bool:
    span = ctx.doc.char_span(sent.start + offset, sent.end, alignment_mode="expand")
    return span is not None and any(
        t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in span[:8]
    )


def verb_after(ctx: Context, sent: SentenceInfo, rel: int) -> int | None:
    """Where the verb group of a subject ending at ``rel`` starts: right after it, or
    after an apposition (", le fondateur des « Citrons », trouve …")."""
    text = sent.text
    lead = re.match(r"\s*", text[rel:]).end()
    if VG.match(text, rel + lead):
        return rel + lead
    if not text[rel:].lstrip().startswith(","):
        return None
    depth = 0
    for i in range(rel + 1, min(len(text), rel + 140)):
        c = text[i]
        depth += c == "«"
        depth -= c == "»"
        if depth or c != " " or text[i - 1] in "«":
            continue
        if VG.match(text, i + 1):
            between = text[rel:i].strip(" ,")
            if re.search(r"(?:^|\s)(?:lui|leur|le|la|les|l'|y|en|me|nous|vous|se|s')$", between):
                return None  # "X, …, lui a proposé": an object pronoun belongs to the verb
            return i + 1 if apposition_ok(ctx, sent, rel, between) else None
        if text[i - 1] in ";:":
            return None
    return None
