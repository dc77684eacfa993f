"""Who did what a passive clause reports: « La loi a été rejetée par le Sénat » asks
« Par qui la loi a-t-elle été rejetée ? ».

``kinds_facts.actor_questions`` asks about a clause's subject and
``kinds_objects.object_questions`` about what its verb governs; a passive verb
names the actor last, after « par » (spaCy's ``obl:agent``). The agent phrase
leaves the clause, the clause is inverted as for a date (« a-t-elle été
rejetée »), and « par qui », « par quel pays » or « par quelle organisation »
opens the question. A second verb joined to the first (« rejetée par A et
écartée par B ») ends the question: B would be a right answer too.
"""

from __future__ import annotations

import dataclasses
import re

from .clause_questions import BACK_REF, question_clause, subject_in_question
from .context import Candidate, Context, SentenceInfo
from .distractors import entity_options
from .kinds_objects import entity_answer, entity_candidate
from .text import fold

#: What the answer's type asks after « par ».
_WH = {"person": "qui", "country": "quel pays", "org": "quelle organisation"}
#: A subject that points back to an earlier sentence (« cette proposition », « ces
#: soldats ») cannot open a question read on its own.
_POINTS_BACK = re.compile(r"(?i)^(?:ce|cet|cette|ces)\b|^(?:celui|celle|ceux|celles)\b")


def agent_questions(ctx: Context) -> list[Candidate]:
    """« Par qui … a-t-il été condamné ? » for every passive clause whose agent is named."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        c = sent.clause
        if c is None or sent.span is None:
            continue
        if "«" in ctx.article.text[c.finite_start : c.end]:
            continue  # what a quotation says is asked as a quote
        for tok in sent.span:
            if tok.dep_ != "obl:agent" or not (c.finite_end <= tok.idx < c.end):
                continue
            candidate = _agent_question(ctx, sent, tok)
            if candidate is not None:
                out.append(candidate)
    return out


def _agent_mention(ctx: Context, sent: SentenceInfo, tok):
    """The person, country or organisation the agent phrase names, as its head or right
    after a title (« par le général Marc Dubreuil »); ``None`` for anything else
    (« par le gouvernement de X »: the government acted, not X)."""
    phrase_end = tok.right_edge.idx + len(tok.right_edge.text)
    for m in sent.mentions:
        if m.entity.type not in _WH or not (tok.left_edge.idx <= m.start < phrase_end):
            continue
        if m.start <= tok.idx < m.end:
            return m
        between = ctx.article.text[tok.idx : m.start]
        appos = [
            t
            for t in tok.children
            if t.dep_ in ("appos", "flat:name", "flat") and m.start <= t.idx < m.end
        ]
        if (
            m.entity.type == "person"
            and appos
            and tok.pos_ == "NOUN"
            and " " not in between.strip()
        ):
            return m
    return None


def _verb_ok(ctx: Context, sent: SentenceInfo, verb) -> bool:
    """The agent belongs to the clause's own passive verb, one verb, one agent."""
    c = sent.clause
    finite = ctx.doc.char_span(c.finite_start, c.finite_end, alignment_mode="expand")
    if finite is None or not len(finite):
        return False
    f = finite.root
    own = verb == f or f.head == verb or (verb.dep_ == "xcomp" and verb.head == f)
    if not own or verb.pos_ != "VERB":
        return False
    if not any(t.dep_ == "aux:pass" for t in verb.children):
        return False
    return sum(1 for t in verb.children if t.dep_ == "obl:agent") == 1


def _agent_question(ctx: Context, sent: SentenceInfo, tok) -> Candidate | None:
    if not _verb_ok(ctx, sent, tok.head):
        return None
    m = _agent_mention(ctx, sent, tok)
    if m is None or tok.dep_ == "conj" or any(t.dep_ == "conj" for t in tok.children):
        return None  # one name of a list: the others would be right too
    stem = _agent_stem(ctx, sent, tok, m)
    if stem is None:
        return None
    answer = entity_answer(ctx, m)
    if fold(answer) in fold(stem) or fold(m.text) in fold(stem):
        return None
    opts, from_gazetteer = entity_options(ctx, m.entity, answer, stem, n=6)
    also = _also_acting(ctx, sent, tok)
    opts = [o for o in opts if not any(a in fold(o) for a in also)][:3]
    if len(opts) < 3:
        return None
    score = 0.78 - 0.02 * from_gazetteer - (0.05 if len(stem) > 130 else 0)
    return entity_candidate(sent, m, stem, answer, opts, score)


def _also_acting(ctx: Context, sent: SentenceInfo, tok) -> list[str]:
    """The names acting in the verbs joined to this one (« rejetée par A et écartée par
    B »): B would be a right answer too, never a wrong option."""
    joined = [t for t in tok.head.children if t.dep_ == "conj"]
    spans = [(min(x.idx for x in j.subtree), max(x.idx for x in j.subtree) + 1) for j in joined]
    return [
        fold(m.text)
        for m in sent.mentions
        if any(a <= m.start < b for a, b in spans) and fold(m.text)
    ]


def _agent_stem(ctx: Context, sent: SentenceInfo, tok, m) -> str | None:
    """« Par qui X a-t-il été V … ? »: the clause without its agent phrase, inverted."""
    verb = tok.head
    case = [t for t in tok.children if t.dep_ == "case"]
    if not case or case[0].text.lower() != "par":
        return None
    start = case[0].idx
    end = max(tok.right_edge.idx + len(tok.right_edge.text), m.end)
    clause = sent.clause
    joined = [t for t in verb.children if t.dep_ == "conj" and t.idx > tok.idx]
    if joined:  # « rejetée par A et écartée par B »: the question stops before « et »
        first = min((t for t in joined[0].subtree), key=lambda t: t.i)
        clause = dataclasses.replace(clause, end=min(clause.end, first.idx))
    if end > clause.end:
        return None
    built = question_clause(ctx, dataclasses.replace(sent, clause=clause), (start, end))
    if not built:
        return None
    subject, pred = built
    if clause.demonstrative and fold(subject) == fold(clause.subject):
        return None  # « cette proposition », and no earlier sentence says which
    if _POINTS_BACK.match(subject) or BACK_REF.search(f"{subject} {pred}"):
        return None
    if re.match(r"(?:Un|Une|Des)\b", subject) or re.search(r"\b(?:il|elle|ils|elles)\b", subject):
        return None
    pred = re.sub(r"[\s,;:]+(?:et|mais|ou)\s*$", "", pred).rstrip(" ,;:")
    # « cette fois », « à son tour »: said against the sentence before, empty on its own
    pred = re.sub(r"\s+(?:cette fois(?:-ci)?|à (?:son|leur) tour)\b", "", pred)
    stem = f"Par {_WH[m.entity.type]} {subject_in_question(subject)} {pred} ?"
    stem = re.sub(r"\s+", " ", stem).replace(" ,", ",")
    if len(stem) > 170 or len(stem.split()) < 6:
        return None
    return stem
