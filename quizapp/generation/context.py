"""Everything the question rules share about one parsed article."""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field

from ..domain.questiondata import Answer, Blank, QuestionData, Source
from .article import Article
from .clauses import Clause, find_clause
from .dates import DateMention, find_dates
from .entities import ArticleEntities, Mention, find_entities
from .figures import Figure, find_figures
from .gazetteer import Entity
from .text import Sentence, fold, split_sentences


@dataclass
class SentenceInfo:
    index: int
    text: str
    start: int
    end: int
    span: object  # spaCy Span over the article Doc
    dates: list[DateMention]  # offsets relative to the sentence
    figures: list[Figure]  # offsets relative to the sentence
    mentions: list[Mention]  # offsets in the article
    clause: Clause | None = None
    #: who the pronoun opening the sentence is (« il » -> « Claire Verneuil »), if known
    referent: str | None = None


@dataclass
class Candidate:
    """A question and what the ranking needs to know about it."""

    question: QuestionData
    sentence: SentenceInfo
    answer_forms: list[str]  # every way of writing the answer (to catch a stem giving it away)
    score: float


@dataclass
class Context:
    article: Article
    doc: object
    sentences: list[SentenceInfo]
    ents: ArticleEntities
    extra_sources: dict[int, list[int]] = field(default_factory=dict)
    #: What the rules work out once per article and ask for again (distractors' pools).
    cache: dict[str, object] = field(default_factory=dict)

    # --- entity helpers -------------------------------------------------
    def display(self, e: Entity) -> str:
        return self.ents.display.get(e.id) or e.name

    def gender_of(self, surface: str) -> str:
        """f | m | '' for a person, country or organisation named in ``surface``."""
        s = surface.strip()
        for m in self.ents.mentions:
            if (
                m.entity.type in ("person", "country", "org")
                and fold(m.text)
                and fold(m.text) in fold(s)
            ):
                if fold(s) != fold(m.text) and not fold(s).endswith(fold(m.text)):
                    continue
                return entity_gender(m.entity)
        return ""


def entity_gender(e: Entity) -> str:
    if e.type == "person":
        return e.gender
    art = e.article.strip()
    if art == "la":
        return "f"
    if art in ("le", "les"):
        return "m"
    if art == "l'":
        return "f" if e.name.endswith("e") else "m"
    return ""


def build_context(article: Article, doc) -> Context:
    text = article.text
    ents = find_entities(text, doc)
    sentences = []
    for i, s in enumerate(split_sentences(text)):
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        dates = find_dates(s.text, article.date)
        figures = find_figures(s.text, [(d.start, d.end) for d in dates])
        info = SentenceInfo(
            i, s.text, s.start, s.end, span, dates, figures, ents.in_span(s.start, s.end)
        )
        sentences.append(info)
    ctx = Context(article, doc, sentences, ents)
    for info in sentences:
        if info.span is not None and len(info.span):
            info.clause = find_clause(info.span, text, ctx.gender_of)
    return ctx


# --- building QuestionData --------------------------------------------------


def source_of(sent: SentenceInfo | Sentence) -> Source:
    return Source(sentence=sent.text, start=sent.start, end=sent.end)


def explanation(
    sent: SentenceInfo, answer: str | None = None, also: SentenceInfo | None = None
) -> str:
    quoted = f"« {sent.text} »"
    if also is not None:
        quoted = f"« {also.text} » et « {sent.text} »"
    if answer:
        return f"Réponse : {answer}. L'article indique : {quoted}"
    return f"L'article indique : {quoted}"


def shuffled(options: list[str], seed: str) -> list[str]:
    """A stable order that does not always put the answer first."""
    out = list(options)
    random.Random(zlib.crc32(seed.encode("utf-8"))).shuffle(out)
    return out


def choice_blank(answer: str, wrong: list[str], seed: str) -> Blank:
    """A blank to fill by choosing the answer among the wrong options."""
    options = shuffled([answer, *wrong], seed)
    return Blank(type="mcq", answers=[Answer(o, 1.0 if o == answer else 0.0) for o in options])


def cloze_question(
    sent: SentenceInfo, stem: str, blank: Blank, kind: str, answer: str | None = None, **kw
) -> QuestionData:
    """The sentence ``sent`` copied as ``stem`` with ``blank`` at « {1} », tagged ``kind``."""
    return QuestionData(
        type="cloze",
        stem=stem,
        blanks=[blank],
        kind=kind,
        status="candidate",
        source=source_of(sent),
        explanation=explanation(sent, answer),
        tags=[kind, "cloze"] if kind != "cloze" else ["cloze"],
        **kw,
    )


def mcq(stem: str, answer: str, distractors: list[str], **kw) -> QuestionData:
    opts = shuffled([answer, *distractors], stem)
    answers = [Answer(o, 1.0 if o == answer else 0.0) for o in opts]
    return QuestionData(type="mcq", stem=stem, answers=answers, status="candidate", **kw)


def fact_candidate(
    sent: SentenceInfo,
    stem: str,
    answer: str,
    wrong: list[str],
    score: float,
    answer_forms: list[str],
    *,
    kind: str,
    explained: str | None = None,
) -> Candidate:
    """A choice question on a fact of one sentence, tagged with its kind, which the
    explanation answers (with ``explained``, else the answer) by quoting the sentence."""
    q = mcq(
        stem,
        answer,
        wrong,
        kind=kind,
        source=source_of(sent),
        explanation=explanation(sent, answer if explained is None else explained),
        tags=[kind],
    )
    return Candidate(q, sent, answer_forms, score)


def capitalize(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def de(name: str) -> str:
    """ "de" or "d'" before a name; "du"/"des" for le/les."""
    low = name.lower()
    if low.startswith("le "):
        return "du " + name[3:]
    if low.startswith("les "):
        return "des " + name[4:]
    if re.match(r"[aeiouyhéèêàâîôûAEIOUYHÉÈÊÀÂÎÔÛ]", name):
        return "d'" + name
    return "de " + name
