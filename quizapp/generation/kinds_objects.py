"""Whom or what the verb acts on: « Qui le général Verneuil remplace-t-il ? ».

``kinds_facts.actor_questions`` asks who did something (the subject); here the
answer is a person, a country or an organisation the main verb governs, either as
its direct object (« Verneuil remplace Marc Dubreuil »: « Qui … remplace-t-il ? ») or
after « à » or « contre » (« Il succède à Anne Morel »: « À qui … ? »).
The complement leaves the clause, which is inverted as for a date or a figure, and
the wrong options are of the answer's kind and world (``distractors.entity_options``).
"""

from __future__ import annotations

import re

from .clause_questions import question_clause, subject_in_question
from .context import Candidate, Context, SentenceInfo, explanation, mcq, source_of
from .distractors import entity_options
from .text import fold

#: What the answer's type asks: a person is « qui », a country « quel pays ».
_WH = {"person": "qui", "country": "quel pays", "org": "quelle organisation"}
#: Prepositions that move to the front with the question word.
_PREPS = {"à": "à", "contre": "contre", "au": "à", "aux": "à"}
#: Verbs whose object is what was said, not whom it concerns, or that ask nothing.
_EMPTY_VERBS = re.compile(
    r"^(?:être|avoir|faire|dire|déclarer|affirmer|estimer|indiquer|expliquer|préciser"
    r"|ajouter|souligner|rappeler|juger|citer|selon|voir|permettre)$"
)


def _governed(ctx: Context, sent: SentenceInfo, m) -> str | None:
    """``""`` when the mention is the main verb's direct object, the preposition when it is
    its « à », « avec » or « contre » complement, ``None`` otherwise."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span) or sent.clause is None:
        return None
    head = span.root
    verb = head.head
    c = sent.clause
    if not (c.finite_start <= verb.idx < c.end) or verb.pos_ not in ("VERB", "AUX"):
        return None
    finite = ctx.doc.char_span(c.finite_start, c.finite_end, alignment_mode="expand")
    if finite is None or finite.root.pos_ not in ("VERB", "AUX"):
        return None  # the clause's verb is a guess the parse does not share
    f = finite.root
    if not (verb == f or f.dep_.startswith("aux") and f.head == verb):
        return None  # the verb of a relative clause or a participle, not the clause's own
    subject = ctx.doc.char_span(c.subject_start, c.subject_end, alignment_mode="expand")
    if subject is None or any("Fin" in t.morph.get("VerbForm") for t in subject):
        return None  # a subject with a verb of its own: the clause was misread
    if _EMPTY_VERBS.match(verb.lemma_.lower()):
        return None
    if any(t.dep_ in ("aux:pass", "nsubj:pass") for t in verb.children):
        return None  # « a été condamné par X »: X did it, which actor_questions asks
    if head.dep_ == "conj" or any(t.dep_ == "conj" for t in head.children):
        return None  # one name of a list: the others would be right too
    after = ctx.article.text[m.end : m.end + 40]
    if re.match(r"\s*(?:,\s*(?:[A-ZÉ]|l[ae] |les |l')|et\s)", after):
        return None  # « avec Luc Marin au Conseil, Claire Weiss à … »
    if head.dep_ == "obj":
        return ""
    if head.dep_.startswith("obl") or head.dep_ == "iobj":
        case = [t for t in head.children if t.dep_ == "case"]
        if len(case) == 1 and case[0].text.lower() in _PREPS:
            return _PREPS[case[0].text.lower()]
    return None


def object_questions(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        c = sent.clause
        if c is None or "«" in ctx.article.text[c.finite_start : c.end]:
            continue  # what a quotation says is asked as a quote
        for m in sent.mentions:
            kind = m.entity.type
            if kind not in _WH or not (c.finite_end <= m.start and m.end <= c.end):
                continue
            prep = _governed(ctx, sent, m)
            if prep is None:
                continue
            candidate = _question(ctx, sent, m, prep)
            if candidate is not None:
                out.append(candidate)
    return out


def _question(ctx: Context, sent: SentenceInfo, m, prep: str) -> Candidate | None:
    text = ctx.article.text
    start, end = m.start, m.end
    before = text[max(0, start - 12) : start]
    lead = re.search(
        r"(?:\b(?:à|contre)\s+(?:la |le |les |l')?|\b(?:au|aux)\s+|\b(?:la|le|les) |l')$", before
    )
    if lead:
        start -= len(lead.group())
    # a title in apposition right after the name (« Marc Dubreuil, chef de l'armée, »)
    # would give the answer: it leaves with the name
    after = re.match(r",\s[^,]{3,80},", text[end : end + 90])
    if after and not re.match(r",\s(?:qui|que|dont|où)\b", after.group()):
        end += after.end() - 1
    built = question_clause(ctx, sent, (start, end))
    if not built:
        return None
    subject, pred = built
    if re.match(r"(?:Un|Une|Des)\b", subject) or len(pred.split()) < 1:
        return None
    if re.search(r"\b(?:il|elle|ils|elles)\b", subject.lower()):
        return None
    wh = _WH[m.entity.type]
    head = f"{prep} {wh}" if prep else wh
    subject_text = subject_in_question(subject)
    stem = f"{head[:1].upper()}{head[1:]} {subject_text} {pred} ?"
    stem = re.sub(r"\s+", " ", stem).replace(" ,", ",")
    if len(stem) > 170 or len(stem.split()) < 5:
        return None
    answer = entity_answer(ctx, m)
    if fold(answer) in fold(stem):
        return None
    opts, from_gazetteer = entity_options(ctx, m.entity, answer, stem)
    if len(opts) < 3:
        return None
    score = 0.76 - 0.02 * from_gazetteer - (0.05 if len(stem) > 130 else 0)
    return entity_candidate(sent, m, stem, answer, opts, score)


def entity_answer(ctx: Context, m) -> str:
    """A person by the fullest name the article gives; a country or an organisation with
    its article (« L'Ukraine »), as the other options read."""
    if m.entity.type == "person":
        return ctx.display(m.entity)
    with_article = m.entity.with_article()
    if fold(with_article).endswith(fold(m.text)):
        return with_article[:1].upper() + with_article[1:]
    return m.text


def entity_candidate(
    sent: SentenceInfo, m, stem: str, answer: str, opts: list[str], score: float
) -> Candidate:
    """The choice question whose answer is the actor ``m`` names: an event for a person,
    a position for a country or an organisation."""
    q = mcq(
        stem,
        answer,
        opts,
        kind="position" if m.entity.type != "person" else "event",
        source=source_of(sent),
        explanation=explanation(sent, answer),
        tags=["event"],
    )
    return Candidate(q, sent, [answer, m.text, *m.entity.aliases], score)
