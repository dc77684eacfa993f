"""What an organisation did: « L'entreprise Valdotel envisage une usine » asks « Quelle
entreprise envisage une usine … ? », « Le Conseil valdorien a lancé une
procédure » asks « Quelle organisation a lancé une procédure … ? ».

``kinds_facts.actor_questions`` asks « Qui … ? » and « Quel pays … ? » about a
clause's subject; companies, parties, institutions and armed groups make as much of
the news. Only an organisation whose kind the gazetteer knows is asked about, so that
the wrong options are of its kind (institutions for an institution). When the subject
is a common noun followed by the name (« le parti X »), that noun asks the question
(« Quel parti »); a bare name asks « Quelle organisation », and a participle after
« être » agrees with it.
"""

from __future__ import annotations

import re

from .context import Candidate, Context, SentenceInfo, fact_candidate
from .distractors import entity_options
from .kinds_facts import _actor_predicate, _singular, _subject_mentions
from .text import fold

#: A participle or adjective after « être » that takes an « e » with « Quelle organisation ».
_AFTER_ETRE = re.compile(
    r"\b((?:s'|se )?(?:est|était|sera|serait|a été|avait été|aura été)\s+"
    r"(?:(?:déjà|aussi|également|encore|notamment|ainsi|alors|bien)\s+)*)"
    r"([a-zàâçéèêëîïôûù-]+(?:é|i|u|is|it))\b"
)
#: A predicate that points back to an earlier sentence (« une telle procédure », « cette
#: région ») or stops on a conjunction cannot be read on its own.
_LEANS_BACK = re.compile(
    r"(?i)\b(?:tel|telle|tels|telles|ce|cet|cette|ces|celui|celle|ceux|celles)\b"
    r"|\b(?:et|ou|mais|donc|ni)\s*$"
)
#: Words in a subject's descriptor that make it another thing than the organisation.
_NOT_A_KIND = re.compile(r"(?i)\b(?:chef|président|directeur|porte-parole|patron|fondateur)\b")


def org_actor_questions(ctx: Context) -> list[Candidate]:
    """« Quelle entreprise a annoncé … ? » for a clause whose subject names one organisation."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        candidate = _org_question(ctx, sent)
        if candidate is not None:
            out.append(candidate)
    return out


def _org_question(ctx: Context, sent: SentenceInfo) -> Candidate | None:
    c = sent.clause
    if c is None or c.subject_is_pronoun or c.demonstrative:
        return None
    orgs = _subject_mentions(sent, c, ("org",), slack=1)
    others = _subject_mentions(sent, c, ("person", "country", "place"), slack=1)
    if len(orgs) != 1 or others:
        return None
    m = orgs[0]
    if not m.entity.role or not _a_name(ctx, m):
        return None  # an organisation of no known kind gets options of any kind
    wh = _wh(ctx, c, m)
    pred = _actor_predicate(ctx, sent, c)
    if wh is None or pred is None or "«" in pred or _LEANS_BACK.search(pred):
        return None
    pred = re.sub(r"^(\S+), (?:elle|lui|eux|elles), ", r"\1 ", pred)  # « a, elle, écopé »
    pred = re.sub(r"\s*\([^()]*\)", "", pred)  # « (3,2 % en 2015) »: a detail copied as is
    pred = _singular(pred)
    if pred is None:
        return None
    if wh == "Quelle organisation" and fold(m.entity.article.strip()) in ("le", "les", "l'"):
        pred = _AFTER_ETRE.sub(lambda x: x.group(1) + _feminine(x.group(2)), pred)
    stem = f"{wh} {pred} ?"
    answer = _answer_text(ctx, m)
    if fold(m.text) in fold(stem):
        return None
    opts, gaz = entity_options(ctx, m.entity, answer, stem)
    if len(opts) < 3:
        return None
    score = 0.77 - 0.02 * gaz - (0.05 if len(stem) > 150 else 0)
    return fact_candidate(sent, stem, answer, opts, score, [answer, m.text], kind="position")


def _wh(ctx: Context, c, m) -> str | None:
    """« Quelle banque suisse » from « La banque suisse Dubreuil », « Quelle organisation »
    from « Le Conseil valdorien »; ``None`` when the subject says more than that."""
    text = ctx.article.text
    before = text[c.subject_start : m.start].strip()
    after = text[m.end : c.subject_end].strip(" ,")
    if after:
        return None
    if fold(before) in ("", "la", "le", "les", "l'"):
        return "Quelle organisation"
    d = re.fullmatch(
        r"(?:[Ll]e|[Ll]a|[Ll]')\s?([a-zàâçéèêëîïôûù-]+(?: [a-zàâçéèêëîïôûù-]+)?)", before
    )
    if d is None or _NOT_A_KIND.search(d.group(1)):
        return None
    span = ctx.doc.char_span(c.subject_start, m.start, alignment_mode="expand")
    nouns = [t for t in span if t.pos_ == "NOUN"] if span is not None else []
    if len(nouns) != 1:
        return None
    feminine = "Fem" in nouns[0].morph.get("Gender")
    return f"{'Quelle' if feminine else 'Quel'} {d.group(1)}"


def _a_name(ctx: Context, m) -> bool:
    """« Front », « Conseil » alone are common words the article capitalised, not a name
    a student could pick among others: a one-word name must be an acronym or a word the
    model does not know as a French word."""
    name = ctx.display(m.entity)
    if len(name.split()) > 1 or name.isupper():
        return True
    return not ctx.doc.vocab.has_vector(name.lower())


def _feminine(word: str) -> str:
    return word if word.endswith("e") else word + "e"


def _answer_text(ctx: Context, m) -> str:
    """The fullest name the article gives (« Front de libération valdorien », not « Front »), with its
    article as the other options have it."""
    name = ctx.display(m.entity)
    with_article = m.entity.with_article()
    text = with_article if fold(with_article).endswith(fold(name)) else name
    return text[:1].upper() + text[1:]
