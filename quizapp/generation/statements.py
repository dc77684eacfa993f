"""What the article's actors said, read from the sentence's grammar: a named actor (or
a pronoun standing for the last one) at the start of a clause, a verb of saying or of
stance, and what follows it up to the end of the clause; a quotation followed by an
incise (« … », a déclaré X); or « selon X, … ». The verbs are a closed list of French
verbs, the speakers the article's own mentions.
"""

from __future__ import annotations

import re

from .context import Context, SentenceInfo, entity_gender
from .entities import Mention
from .speech_verbs import (
    ADVERBS,
    CONJ,
    FORMS,
    GERUNDS,
    NEEDS_CLAUSE,
    PARTICIPLES,
    QUOTE_ONLY,
    REFLEXIVE_ONLY,
    VERB,
)
from .statement_grammar import (
    PERSON_LIKE,
    PREPOSITION_END,
    VG,
    Statement,
    clause_end,
    clitic_object,
    finite_at,
    in_quote,
    subject_ok,
    verb_after,
)
from .statement_selon import selon_statements
from .statement_wording import (
    drop_relative_time,
    first_quote,
    fit,
    plain_vg,
    quotes_in,
    short_quote,
)
from .text import fold

#: An incise after a quotation: "», a déclaré X", "», explique-t-il", "», a-t-elle dit".
_INCISE = re.compile(
    rf"^\s*(?P<comma>,)?\s*(?P<vg>(?:(?P<aux>a|avait|ont)(?P<inv>(?:-t)?-(?P<pron>il|elle|ils|elles))?\s+"
    rf"(?:{ADVERBS}\s+)*)?(?P<verb>{VERB})(?:e?s?)?(?P<inv2>(?:-t)?-(?P<pron2>il|elle))?)(?![\w-])"
)


def _gender_ok(ctx: Context, m: Mention, pron: str) -> bool:
    g = entity_gender(m.entity)
    return m.entity.type == "person" and (not g or (g == "f") == (pron.lower() == "elle"))


def _subjects(ctx: Context) -> list[tuple[int, str, Mention | None]]:
    """Every clause subject of the article in order: (offset, "name"|"pronoun"|"other", mention)."""
    out: list[tuple[int, str, Mention | None]] = []
    for sent in ctx.sentences:
        found = []
        for m in sent.mentions:
            if m.entity.type in PERSON_LIKE and subject_ok(ctx, sent, m):
                rel = m.end - sent.start
                gap = re.match(r"\s*", sent.text[rel:]).end()
                if verb_after(ctx, sent, rel) is not None or (
                    not sent.text[rel:].lstrip().startswith(",") and finite_at(ctx, sent, rel + gap)
                ):
                    found.append((m.start, "name", m))
        for p in re.finditer(
            r"(?:^|(?<=[,;:] )|(?<=\bet )|(?<=\bmais ))(?:Il|Elle|il|elle)\s", sent.text
        ):
            if not in_quote(sent.text, p.start()):
                found.append((sent.start + p.start(), "pronoun:" + p.group().strip().lower(), None))
        for st in selon_statements(ctx, sent):
            found.append((st.speaker.start, "name", st.speaker))
        c = sent.clause
        if c is not None and not c.subject_is_pronoun:
            if not any(kind == "name" for _, kind, _ in found):
                found.append((c.subject_start, "other", None))
        out.extend(sorted(found, key=lambda x: x[0]))
    return out


def _resolve(
    ctx: Context, subjects: list, offset: int, pron: str, sent: SentenceInfo
) -> tuple[Mention | None, SentenceInfo | None]:
    """The last person named as a subject before ``offset``, when "il"/"elle" can only be them."""
    earliest = ctx.sentences[max(0, sent.index - 2)].start
    for off, kind, m in reversed([s for s in subjects if s[0] < offset]):
        if off < earliest:
            return None, None
        if kind.startswith("pronoun"):
            if kind.endswith(pron.lower()):
                continue  # the same "il" again: look further back
            return None, None
        if kind == "other" or m is None:
            return None, None
        if m.entity.type == "person" and not _gender_ok(ctx, m, pron) and entity_gender(m.entity):
            continue  # "elle" cannot be a man named last: the one before
        if not _gender_ok(ctx, m, pron):
            return None, None
        where = next(s for s in ctx.sentences if s.start <= m.start < s.end)
        return m, (where if where is not sent else None)
    return None, None


def _incise_statements(ctx: Context, sent: SentenceInfo, subjects: list) -> list[Statement]:
    """ "« … », a déclaré X" and "« … », a-t-il dit"."""
    out = []
    text = sent.text
    for q in re.finditer(r"«\s*([^«»]+?)\s*»", text):
        inc = _INCISE.match(text[q.end() :])
        if not inc or not (inc.group("comma") or inc.group("inv") or inc.group("inv2")):
            continue
        before = text[: q.start()]
        if before.strip() and not re.search(r"»\s*,?\s*(?:mais|et)\s*$|[.!?]\s*»\s*$", before):
            continue  # "… qu'il « ne soit pas … »": a fragment, not a whole quotation
        quote = q.group(1).strip()
        if len(quote.split()) < 4:
            continue
        verb = FORMS[inc.group("verb")]
        pron = inc.group("pron") or inc.group("pron2")
        via = None
        if pron:
            if pron not in ("il", "elle"):
                continue
            speaker, via = _resolve(ctx, subjects, sent.start + q.start(), pron, sent)
        else:
            tail = q.end() + inc.end()
            speaker = next(
                (
                    m
                    for m in sent.mentions
                    if m.entity.type in PERSON_LIKE
                    and tail <= m.start - sent.start <= tail + 80
                    and re.fullmatch(
                        r"\s*(?:(?:le|la|l'|son|sa)\s?[^,;:«»]*?\s?|(?:M\.|Mme|MM\.|Me)\s)?",
                        text[tail : m.start - sent.start],
                    )
                    and not PREPOSITION_END.search(text[tail : m.start - sent.start])
                ),
                None,
            )
        if speaker is None:
            continue
        aux = inc.group("aux")
        vform = inc.group("verb")
        if verb == "ajouter":
            vform = "déclaré" if aux else "déclare"
        vg = f"{aux} {vform}" if aux else vform
        stem = f"Qui {vg} : « {short_quote(quote)} » ?"
        out.append(Statement(sent, speaker, verb, stem, quote, via))
    return out


def _verb_phrase_statement(
    ctx: Context, sent: SentenceInfo, speaker: Mention, start: int, via: SentenceInfo | None
) -> list[Statement]:
    """The statement whose verb group starts at sentence offset ``start`` (and a coordinated one)."""
    vg = VG.match(sent.text, start)
    if not vg or not _one_speaker_says(vg):
        return []
    end, coord = clause_end(ctx, sent, vg.end())
    out = []
    if coord is not None:
        out += _verb_phrase_statement(ctx, sent, speaker, coord, via)
    said = _what_was_said(ctx, sent, vg, sent.text[vg.end() : end])
    if said is None:
        return out
    verb, vp, quote = said
    out.insert(0, Statement(sent, speaker, verb, f"Qui {vp} ?", quote, via))
    if coord is not None and out[1:] and out[1].stem.startswith("Qui "):
        both = fit(f"{vp} et {out[1].stem[4:-2]}")  # "trouve … « insuffisant » et réclame …"
        if both is not None:
            out.insert(
                0, Statement(sent, speaker, verb, f"Qui {both} ?", quote or out[1].quote, via)
            )
    out += _participle_statement(
        ctx, sent, speaker, end, bool(vg.group("aux")), vg.group("verb"), via
    )
    return out


def _one_speaker_says(vg: re.Match) -> bool:
    """The verb group has one speaker who says something (no plural, no passive)."""
    verb = FORMS[vg.group("verb")]
    aux = vg.group("aux")
    if aux in ("ont", "avaient", "auraient", "sont", "étaient") or vg.group("verb").endswith("ent"):
        return False  # a plural subject: one name cannot answer "Qui … ?"
    if aux in ("est", "était") and not vg.group("refl"):
        return False  # "X est accusé de …": the passive says what was done to X
    if verb in REFLEXIVE_ONLY and not vg.group("refl"):
        return False
    if aux and vg.group("verb") not in PARTICIPLES:
        return False
    return not (
        not aux
        and vg.group("verb") in PARTICIPLES
        and vg.group("verb") not in ("dit", "craint", "décrit")
    )


def _what_was_said(
    ctx: Context, sent: SentenceInfo, vg: re.Match, content: str
) -> tuple[str, str, str] | None:
    """(verb, verb phrase, quotation) when the verb group and what follows it make a question."""
    verb = FORMS[vg.group("verb")]
    quotes = quotes_in(content)
    if len(content.split()) < 2:
        return None
    if verb in QUOTE_ONLY and not quotes:
        return None
    if verb in NEEDS_CLAUSE and not (quotes or re.match(r"\s*(?:que\b|qu'|:)", content)):
        return None
    vg_text = plain_vg(vg.group("vg"))
    if verb == "ajouter":
        if not quotes:
            return None  # "ajoute que …" leans on what came before
        vg_text = vg_text.replace("ajout", "déclar")  # the quotation stands alone
        verb = "déclarer"
    if re.match(r"\s*(?:à|de|d')?\s*(?:ce sujet|cela|ça|ceci)\b", content) or clitic_object(
        ctx, sent, vg.end()
    ):
        return None
    vp = fit(drop_relative_time(vg_text + content))
    if vp is None:
        return None
    return verb, vp, first_quote(quotes)


def _participle_statement(
    ctx: Context,
    sent: SentenceInfo,
    speaker: Mention,
    start: int,
    past: bool,
    main_form: str,
    via: SentenceInfo | None,
) -> list[Statement]:
    """ "X s'est réjoui du vote, affirmant que c'était « un vote historique »": X affirmed it."""
    text = sent.text
    m = re.match(r"(?:,\s*|\s+)(?:en\s+)?(?P<g>[a-zàâçéèêëîïôûù]+ant)(?![\w-])", text[start:])
    if not m or m.group("g") not in GERUNDS:
        return []
    inf = GERUNDS[m.group("g")]
    p3, p6, pp = CONJ[inf]
    plural = main_form.endswith("ent")
    form = (("ont " if plural else "a ") + pp) if past else (p6 if plural else p3)
    end, _ = clause_end(ctx, sent, start + m.end())
    content = text[start + m.end() : end]
    quotes = quotes_in(content)
    if len(content.split()) < 3 or (inf in QUOTE_ONLY and not quotes) or inf == "ajouter":
        return []
    vp = fit(drop_relative_time(form + content))
    if vp is None:
        return []
    return [Statement(sent, speaker, inf, f"Qui {vp} ?", first_quote(quotes), via)]


def _mentions(ctx: Context, sent: SentenceInfo) -> list[Mention]:
    """The sentence's mentions, with a person's surname alone when the parser missed it
    ("Al-Rachid indique …" after "Karim Ali al-Rachid")."""
    surnames = {}
    for e in ctx.ents.entities.values():
        if e.type == "person":
            surnames.setdefault(fold(ctx.display(e).split()[-1]), e)
    out = list(sent.mentions)
    for w in re.finditer(r"(?<![\w-])[A-ZÉ][\w'-]{2,}", sent.text):
        a, b = sent.start + w.start(), sent.start + w.end()
        e = surnames.get(fold(w.group()))
        if e is not None and not any(m.start < b and a < m.end for m in out):
            out.append(Mention(a, b, w.group(), e))
    return sorted(out, key=lambda m: m.start)


def find_statements(ctx: Context) -> list[Statement]:
    subjects = _subjects(ctx)
    out: list[Statement] = []
    for sent in ctx.sentences:
        out += _incise_statements(ctx, sent, subjects)
        out += selon_statements(ctx, sent)
        for m in _mentions(ctx, sent):
            rel = m.end - sent.start
            who = re.match(r"\s*,\s*qui\s+", sent.text[rel:])
            if (
                who
                and m.entity.type in PERSON_LIKE
                and re.search(r"(?:^|,\s*)$", sent.text[: m.start - sent.start])
                and VG.match(sent.text, rel + who.end())
            ):
                out += _verb_phrase_statement(ctx, sent, m, rel + who.end(), None)
                continue
            if m.entity.type not in PERSON_LIKE or not subject_ok(ctx, sent, m):
                continue
            k = verb_after(ctx, sent, rel)
            if k is not None:
                out += _verb_phrase_statement(ctx, sent, m, k, None)
        for p in re.finditer(
            r"(?:^|(?<=[,;:] )|(?<=\bet )|(?<=\bmais ))(Il|Elle|il|elle)\s+", sent.text
        ):
            if in_quote(sent.text, p.start()):
                continue
            speaker, via = _resolve(ctx, subjects, sent.start + p.start(), p.group(1), sent)
            if speaker is not None:
                out += _verb_phrase_statement(ctx, sent, speaker, p.end(), via)
    return out
