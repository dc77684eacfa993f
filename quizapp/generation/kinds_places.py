"""Questions on where the main verb of a sentence happened: « Où … se sont-ils réunis ? »."""

from __future__ import annotations

import re

from .clause_questions import in_quote, question_clause, subject_in_question
from .context import Candidate, Context, SentenceInfo, capitalize, fact_candidate
from .distractors import entity_options

#: What can stand before a place the main verb governs: « à Rome », « en Italie »,
#: « au Mans », « dans la province du Baloutchistan », « sur le mont Thourda ».
_PLACE_LEAD = re.compile(
    r"(?:\b(?:à|en|au|aux|dans|sur)\s+(?:(?:la|le|l')\s?(?:ville|province|région|commune"
    r"|préfecture|capitale|gouvernorat|département|État|territoire|camp|mont|île)"
    r"(?:\s[a-zéèêûôî-]+)?\s+(?:de\s+la\s+|de\s+l'|de\s+|d'|du\s+|des\s+)?)?|\b(?:à|en|au|aux|dans\s+l'|dans\s+le\s+|dans\s+la\s+))$"
)
_PLACE_TYPES = ("city", "place", "country", "region")


def _place_before(text: str, m) -> int | None:
    """Where the words leading to a place start (« à », « dans la province du »), if any."""
    lead = _PLACE_LEAD.search(text[max(0, m.start - 60) : m.start])
    return max(0, m.start - 60) + lead.start() if lead else None


def _said_of_the_verb(ctx: Context, m) -> bool:
    """Whether a place tells where the verb happens (« se sont réunis à Rome »), not where
    a noun is (« la guerre en Ukraine », « la crise en Ukraine »)."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    while root.dep_ in ("flat:name", "fixed", "compound") and root.head is not root:
        root = root.head
    return root.dep_.startswith("obl") and root.head.pos_ in ("VERB", "AUX")


def place_questions(ctx: Context) -> list[Candidate]:
    """ "Où les chefs d'État … se sont-ils réunis ?" when the main clause says where:
    « à <ville> », « en <pays> », « dans la province de <région> »."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        if sent.clause is not None:
            candidate = _place_question(ctx, sent)
            if candidate is not None:
                out.append(candidate)
    return out


def _place_question(ctx: Context, sent: SentenceInfo) -> Candidate | None:
    """The "Où … ?" question on the one place the sentence's main verb governs."""
    c = sent.clause
    found = _governed_place(ctx, sent)
    if found is None:
        return None
    place, start, end = found
    built = question_clause(ctx, sent, (start, end))
    if not built:
        return None
    subject, pred = built
    stem = f"Où {subject_in_question(subject)} {pred} ?"
    if len(stem) > 200 or re.match(r"(?:Un|Une|Des)\b", subject):
        return None
    if re.search(r"\bn'|\bne\s|\bque\s+celui|\bainsi\s*$|,\s*que\b", pred):
        return None  # a negation, or a comparison cut in half
    if any(
        m.entity.type in _PLACE_TYPES and m.entity.id != place.entity.id and m.text in pred
        for m in sent.mentions
    ):
        return None  # « bloqué le supermarché de Saint-Martin-des-Champs » already says a where
    answer = ctx.display(place.entity)
    if place.entity.type == "country":
        # « Où … ? — La France » reads wrong; « Dans quel pays … ? — La France » does not
        answer = capitalize(place.entity.with_article())
        stem = "Dans quel pays" + stem[2:]
    opts, gaz = entity_options(ctx, place.entity, answer, stem)
    if len(opts) < 3:
        return None
    score = 0.76 - 0.02 * gaz - (0.08 if c.demonstrative else 0) - (0.05 if len(stem) > 150 else 0)
    forms = [answer, place.text, *place.entity.aliases]
    return fact_candidate(sent, stem, answer, opts, score, forms, kind="place")


def _governed_place(ctx: Context, sent: SentenceInfo):
    """(place, start, end): the one place the main verb governs, with the words that lead
    to it (« à », « en Italie, à ») and a department in brackets after it; None if not one."""
    c = sent.clause
    text = ctx.article.text
    places = []
    for m in sent.mentions:
        if m.entity.type not in _PLACE_TYPES or not (c.finite_end <= m.start and m.end <= c.end):
            continue
        if in_quote(sent.text, m.start - sent.start):
            continue
        lead = _place_before(text, m)
        if lead is not None and lead >= c.finite_end and _said_of_the_verb(ctx, m):
            places.append((lead, m))
    if len(places) != 1:
        return None  # none, or « en Italie et en France »: two right answers
    start, place = places[0]
    if re.match(r"\s*(?:et|ou)\s", text[place.end : place.end + 5]):
        return None
    before = re.search(
        r"\s(?:en|au|aux) [A-ZÉ][\w'-]*(?: d[eu] [A-ZÉ][\w-]*)?,\s$", text[c.finite_end : start]
    )
    if before:
        start = c.finite_end + before.start()  # "en Italie, à Rome": both say where
    end = place.end
    paren = re.match(r"\s*\([^()]{1,40}\)", text[end : end + 45])
    if paren:
        end += paren.end()  # « au Mans (Sarthe) »
    return place, start, end
