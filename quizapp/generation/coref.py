"""Who « il » or « elle » is, when a sentence opens with it, so that a copied sentence
(true/false, cloze) names the person instead: « Il a été condamné à … » becomes
« Claire Verneuil a été condamnée … » only when the sentence before says who.

The rule is ``clause_questions.antecedent`` (the named subject of the sentence
before, agreeing in gender and number), followed along a chain of sentences that
all open with the same pronoun (« X a … . Il a … . Il a aussi … »), and relaxed to
a person of the pronoun's gender who is the only one of that gender named there.
"""

from __future__ import annotations

import re

from .context import Context, SentenceInfo
from .text import fold

#: Punctuation that ends a word group even when glued to it.
_STOPS = {",", ".", ";", ":", "!", "?", "»", "«", "(", ")", "'"}
#: How many sentences back a chain of « il » may reach its name.
_CHAIN = 3
_GENDER = {"il": "m", "elle": "f"}
#: « Il en est de même », « il en va ainsi »: an « il » that stands for nobody.
_IDIOM = re.compile(r"(?i)il\s+(?:en\s+(?:est|va|sera|allait)|était\s+une\s+fois)\b")


def leading_referents(ctx: Context) -> None:
    """Set ``sent.referent`` for every sentence whose subject opens it and is a pronoun
    or a bare « le/la + noun » the sentences before resolve (the pipeline calls it right
    after ``build_context``)."""
    from .clause_questions import IMPERSONAL, antecedent

    for sent in ctx.sentences:
        c = sent.clause
        if c is None or c.subject_start != sent.start:
            continue
        if not c.subject_is_pronoun:
            sent.referent = _named_before(ctx, sent)
            continue
        if c.pronoun not in _GENDER or sent.text[:2] not in ("Il", "El"):
            continue
        if IMPERSONAL.match(sent.text[:60]) or _IDIOM.match(sent.text):
            continue  # « Il s'agit de … », « Il en est de même … »: nobody is « il »
        who = antecedent(ctx, sent) or _chained(ctx, sent) or _only_one_of_gender(ctx, sent)
        if who and not re.match(r"(?i)(?:un|une|des)\b", who) and len(who.split()[-1]) > 2:
            sent.referent = who


def _chained(ctx: Context, sent: SentenceInfo) -> str | None:
    """« X a parlé. Il a aussi … . Il a enfin … »: the name the first « il » resolved to."""
    pronoun = sent.clause.pronoun
    for back in range(1, _CHAIN + 1):
        if sent.index - back < 0:
            return None
        prev = ctx.sentences[sent.index - back]
        p = prev.clause
        if p is None or not p.subject_is_pronoun or p.pronoun != pronoun:
            return None
        if prev.referent:
            return prev.referent
        if any(m.entity.type == "person" for m in prev.mentions):
            return None  # someone else named in between could be « il »
    return None


def _only_one_of_gender(ctx: Context, sent: SentenceInfo) -> str | None:
    """« Claire Verneuil et Marc Dubreuil ont … . Elle a … », « Claire Verneuil a été
    condamnée. Aucune amende n'a été prononcée. Elle a … »: the last sentence before
    that names anyone (at most ``_CHAIN`` back) names one person of the pronoun's
    gender, as its subject, and nobody of unknown gender."""
    gender = _GENDER[sent.clause.pronoun]
    for back in range(1, _CHAIN + 1):
        if sent.index - back < 0:
            return None
        prev = ctx.sentences[sent.index - back]
        people = {m.entity.id: m.entity for m in prev.mentions if m.entity.type == "person"}
        if not people:
            continue
        p = prev.clause
        fits = [e for e in people.values() if e.gender == gender]
        if p is None or p.subject_is_pronoun or len(fits) != 1:
            return None
        if any(not e.gender for e in people.values()):
            return None
        in_subject = any(
            p.subject_start <= m.start and m.end <= p.subject_end + 1 and m.entity is fits[0]
            for m in prev.mentions
        )
        return ctx.display(fits[0]) if in_subject else None
    return None


def _named_before(ctx: Context, sent: SentenceInfo) -> str | None:
    """« Le Conseil a une position ambiguë », after « le Conseil valdorien » earlier: the
    subject as the article first said it, when it is a bare « le/la/l' + noun » and an
    earlier sentence gave that noun an adjective, a complement or a name (« l'armée
    valdorienne », « le contrat avec la Chine »)."""
    c = sent.clause
    subject = ctx.doc.char_span(c.subject_start, c.subject_end, alignment_mode="expand")
    if subject is None or len(subject) != 2:
        return None
    det, noun = subject[0], subject[1]
    if det.lower_ not in ("le", "la", "l'", "les") or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    found: dict[str, str] = {}
    for prev in ctx.sentences[: sent.index]:  # all of them: two presidents make it ambiguous
        if prev.span is None:
            continue
        for t in prev.span:
            number, wanted = t.morph.get("Number"), noun.morph.get("Number")
            if t.lower_ != noun.lower_ or number and wanted and number != wanted:
                continue
            dets = [d for d in t.children if d.dep_ == "det"]
            if not dets or dets[0].lower_ not in ("le", "la", "l'", "les", "du", "au", "aux"):
                continue  # « certains pays européens »: not one thing named before
            expanded = _with_modifier(ctx, t)
            if expanded:
                found.setdefault(fold(expanded), expanded)
    if len(found) != 1:
        return None  # « le président mexicain », « le président américain »: which one?
    (expanded,) = found.values()
    lead = det.text[:1].upper() + det.text[1:].lower()
    return lead + ("" if lead.endswith("'") else " ") + expanded


def _with_modifier(ctx: Context, noun) -> str | None:
    """« armée valdorienne », « Front al-Valdor »: the noun and the first word group that
    says which one, when it is short and plain (no comma, no clause)."""
    mods = [
        c
        for c in noun.rights
        if c.dep_ in ("amod", "flat:name", "appos", "nmod")
        and c.i == noun.i + 1
        or c.dep_ == "nmod"
        and c.i == noun.i + 2
        and noun.nbor(1).dep_ == "case"
    ]
    if not mods:
        return None
    end = max(t.i for t in mods[0].subtree)
    doc = noun.doc
    # « al-Valdor », « PSV/UDV »: a word the parse cut stays whole
    while end + 1 < len(doc) and not doc[end].whitespace_ and doc[end + 1].text not in _STOPS:
        end += 1
    for m in ctx.ents.mentions:  # « du Front Valdor Uni »: a name stays whole
        if m.start <= doc[end].idx < m.end:
            last = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            end = max(end, last[-1].i) if last is not None else end
    words = doc[noun.i : end + 1]
    if len(words) > 6 or any(
        t.text in _STOPS or t.pos_ in ("AUX", "PRON") or t.pos_ == "VERB" and t.dep_ != "amod"
        for t in words
    ):
        return None
    return ctx.article.text[noun.idx : words[-1].idx + len(words[-1].text)]


def replaced_end(sent: SentenceInfo) -> int:
    """Where the words ``readable`` replaced end in the sentence (0 when none were): a
    name or a figure before that point is not in the rewritten text."""
    if not sent.referent or sent.clause is None:
        return 0
    return sent.clause.subject_end - sent.start


def readable(sent: SentenceInfo) -> tuple[str, int]:
    """The sentence with its opening pronoun replaced by who it is, and by how much a
    position after that pronoun moves (0 when nothing was replaced)."""
    if not sent.referent or sent.clause is None:
        return sent.text, 0
    end = sent.clause.subject_end - sent.start
    if not 0 < end <= 30:
        return sent.text, 0
    text = sent.referent + sent.text[end:]
    return text, len(sent.referent) - end
