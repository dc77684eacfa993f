"""Dated facts of an article: what a question asks, in a form two articles can compare.

A fact says that, according to the article of a given date, a *subject* has a
*value* for a *relation*:

- ``figure``: « au moins 241 morts » — subject « mort », value 241, qualifier
  « au moins » (a hedge is kept beside the value, never inside it);
- ``role``: « le ministre des transports, Paul Verneuil » — subject « ministre des
  transports », value « Paul Verneuil »;
- ``position``: « Au classement général, A est premier suivi de B et C » — subject
  « classement général, 2e place », value « B ».

The finders read the generator's parse (sentences, figures, named entities) and a
few patterns of news French; they know no names. ``fact_changes`` compares the
facts of two articles.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .appositions import TITLE_HEADS
from .article import Article
from .context import Context, SentenceInfo, build_context
from .fact_base import (
    EPISODE,
    KINDS,
    NAME,
    NAME_WORD,
    PAST,
    ArticleFacts,
    Fact,
    fold_name,
    in_quote,
    key_words,
    norm_word,
)
from .fact_figures import figure_fact
from .fact_statuses import office_status, place_facts, status_facts
from .gazetteer import adjective_forms, load_gazetteer
from .nlp import get_nlp
from .story_actors import adjective_mentions, lead_of, main_places, weigh_actors
from .text import fold

__all__ = ["KINDS", "ArticleFacts", "Fact", "article_facts", "fold_name", "key_words", "norm_word"]

# --- roles ---------------------------------------------------------------------------

_HEADS = sorted(
    (TITLE_HEADS - {"numéro", "bras", "membre", "militant", "militante", "candidat", "candidate"})
    | {"premier ministre", "première ministre", "maillot", "champion", "championne"},
    key=len,
    reverse=True,
)
_HEAD = r"(?:" + "|".join(re.escape(h) for h in _HEADS) + r")"
_STOP = r"(?:qui|que|dont|et|ou|lors|depuis|selon|avec|dans|sur|contre|après|avant|mais|est|a|sera|ont|il|elle)"
#: a title and its complements up to a comma, a bracket or a word that starts a new clause
_ROLE_PHRASE = rf"(?P<role>{_HEAD}(?:\s+(?!{_STOP}\b)[\w’'-]+){{0,8}}?)"
_ROLE_END = (
    r"(?=\s*(?:[,.;:()«»]|$|\s(?:qui|que|dont|et|lors|depuis|selon|avec|par|hier|ce|cette"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b))"
)
#: « valdorien », « brimonaise », « castelane »: how adjectives of place end
_PLACE_ADJECTIVE = (
    r"[a-zéèêëîïôûç-]+(?:ais|aise|ois|oise|ien|ienne|éen|éenne|ain|aine|an|ane|ol|ole|and"
    r"|ande|al|ale|ique|in|ine)\b"
)
_HOLD_VERBS = r"(?:est|reste|devient|demeure|sera|redevient)"
_TAKE_VERBS = r"(?:remporte|porte|conserve|garde|récupère|endosse|détient|reprend|prend)"
_NEW = r"(?:(?:nouveau|nouvelle|nouvel)\s+)?"
_APPOINTED = r"(?:nommée?|désignée?|élue?|réélue?|investie?|choisie?|promue?)"
_ROLE_PATTERNS = (
    # « Le ministre des transports de Valdorie, Paul Verneuil »
    re.compile(rf"\b(?:[Ll]e|[Ll]a|[Ll]')\s*(?:\w+\s)?{_ROLE_PHRASE},\s+(?P<name>{NAME})"),
    # « la présidente Claire Dubreuil »
    re.compile(rf"\b(?:[Ll]e|[Ll]a|[Ll]')\s*(?P<role>{_HEAD})\s+(?P<name>{NAME})"),
    # « Paul Verneuil, ministre des transports », « Marc Dubreuil, nouveau ministre… »
    re.compile(rf"(?P<name>{NAME}),\s+(?:le |la |l')?{_NEW}{_ROLE_PHRASE}{_ROLE_END}"),
    # « Marc Dubreuil a été nommé ministre de la Défense », « … élue présidente »
    re.compile(
        rf"(?P<name>{NAME})\s+(?:a été |vient d'être |est |a )?{_APPOINTED}\s+"
        rf"(?:au poste de |comme |en tant que )?(?:le |la |l')?{_NEW}{_ROLE_PHRASE}{_ROLE_END}"
    ),
    # « Marc Dubreuil remplace Paul Verneuil au poste de ministre de la Défense »
    re.compile(
        rf"(?P<name>{NAME})\s+(?:remplace|a remplacé|succède à|a succédé à)\s+{NAME}\s+"
        rf"(?:au poste de |comme |à la tête du |à la tête de la )(?:le |la |l')?{_ROLE_PHRASE}{_ROLE_END}"
    ),
    # « Marc Lacombe est leader du classement », « X reste pour le moment président »
    re.compile(
        rf"(?P<name>{NAME})\s+{_HOLD_VERBS}\s+(?:[a-zé']+\s+){{0,4}}?(?:le |la |l')?{_ROLE_PHRASE}{_ROLE_END}"
    ),
    # « le ministre de la Défense de Valdorie Paul Verneuil », « l'ancien président
    # valdorien Paul Verneuil »: a title with its complements (a name, an adjective of
    # place), then the name without a comma
    re.compile(
        rf"\b(?:[Ll]e|[Ll]a|[Ll]')\s*(?:(?:ancien|ancienne|ex-)\s*)?(?P<role>{_HEAD}"
        rf"(?:\s+(?:de la |de l'|du |des |de |d'){NAME_WORD}|\s+{_PLACE_ADJECTIVE}){{0,2}})"
        rf"\s+(?P<name>{NAME})"
    ),
    # « Hervé Castel remporte le maillot à pois du classement du meilleur grimpeur »
    re.compile(
        rf"(?P<name>{NAME})\s+{_TAKE_VERBS}\s+(?:le |la |l'|son |sa ){_ROLE_PHRASE}{_ROLE_END}"
    ),
)


def _role_facts(sentence: str, date: dt.date | None) -> list[Fact]:
    """Who holds which title (``role``), and each holder's office as a status: holding
    it, or no longer (« l'ancien président Paul Verneuil », ``office_status``)."""
    out: list[Fact] = []
    seen: set[tuple] = set()
    for pattern in _ROLE_PATTERNS:
        for m in pattern.finditer(sentence):
            role = m.group("role").strip()
            name = m.group("name").strip()
            lead = sentence[max(0, m.start() - 12) : m.start() + 12].lower()
            # « l'ex-présidente », « l'ancien ministre »: no longer holds it
            former = any(re.search(rf"\b{p}", lead) for p in PAST) or "ex-" in lead
            if EPISODE.search(role) or in_quote(sentence, m.start()):
                continue
            if not key_words(role):
                continue
            k = (key_words(role), fold_name(name), former)
            if k in seen:
                continue
            seen.add(k)
            if not former:
                out.append(Fact("role", role, "occupe", name, sentence, date))
            out.append(office_status(role, name, former, sentence, date))
    return out


# --- positions -----------------------------------------------------------------------

_RANKING = re.compile(
    rf"(?:[Aa]u|[Dd]ans le)\s+(?P<board>classement[^,]*),\s+(?P<first>{NAME})\s+"
    rf"(?:est|reste|demeure)\s+(?:premier|première|en tête),?\s+suivie?s?\s+(?:de|par)\s+(?P<rest>[^.;]+)"
)


def _position_facts(sent: SentenceInfo, date: dt.date | None) -> list[Fact]:
    out = []
    for m in _RANKING.finditer(sent.text):
        names = [m.group("first")] + re.split(r",\s*|\s+et\s+", m.group("rest").strip())
        board = m.group("board").strip()
        for rank, name in enumerate(names, start=1):
            name = name.strip()
            if not re.fullmatch(NAME, name):
                break
            out.append(Fact("position", f"{board}, {rank}e place", "rang", name, sent.text, date))
    return out


# --- the article ---------------------------------------------------------------------


def article_facts(article: Article, doc=None) -> ArticleFacts:
    """Every fact the finders read in a prepared article (see ``prepare_article``)."""
    if doc is None:
        doc = get_nlp()(article.text)
    ctx = build_context(article, doc)
    facts: list[Fact] = []
    for sent in ctx.sentences:
        for f in sent.figures:
            fact = figure_fact(ctx, sent, f, article.date)
            if fact is not None:
                facts.append(fact)
        facts.extend(_role_facts(sent.text, article.date))
        facts.extend(_position_facts(sent, article.date))
        facts.extend(status_facts(sent, article.date))
        facts.extend(place_facts(sent, article.date))
    if article.title:  # « L'ancien ministre Paul Verneuil arrêté »: a headline states facts too
        facts.extend(_role_facts(article.title, article.date))
    weights, places = _actor_weights(article, doc, ctx)
    return ArticleFacts(facts, frozenset(weights), article.language, article.date, weights, places)


_PLACE_TYPES = ("country", "city", "region")


def country_adjectives() -> dict[str, str]:
    """Every form of every country's adjective in the gazetteer, lower case → the country
    (« espagnoles » → Espagne)."""
    return _country_adjectives()


@functools.cache
def _country_adjectives() -> dict[str, str]:
    gaz = load_gazetteer()
    return {
        form.lower(): e.name
        for e in gaz.by_type("country")
        for form in adjective_forms(e.adjective)
    }


def _gazetteer_places(text: str):
    gaz = load_gazetteer()
    for m in gaz.pattern.finditer(text):
        ent = gaz.lookup(m.group())
        if ent is not None and ent.type in _PLACE_TYPES:
            yield m


def _actor_weights(article: Article, doc, ctx: Context) -> tuple[dict[str, int], frozenset[str]]:
    """The people, places and bodies the article names, weighed (``story_actors``), and
    the places it is about."""
    mentions = [(m.entity.name, m.start) for m in ctx.ents.mentions]
    places = {fold(m.entity.name) for m in ctx.ents.mentions if m.entity.type in _PLACE_TYPES}
    places |= {fold(e.text) for e in doc.ents if e.label_ == "LOC"}
    taken = [(m.start, m.end) for m in ctx.ents.mentions]
    mentions += [
        (e.text, e.start_char)
        for e in doc.ents
        if e.label_ in ("PER", "ORG", "LOC")
        and not any(e.start_char < b and e.end_char > a for a, b in taken)
    ]
    adjectives = country_adjectives()
    found = adjective_mentions(article.text, adjectives, taken)
    mentions += found
    places |= {fold(name) for name, _ in found}
    title_names: list[str] = []
    if article.title:  # « Valdorie : Claire Verneuil en tête… »: the headline names actors too
        title_ents = [e for e in get_nlp()(article.title).ents if e.label_ in ("PER", "ORG", "LOC")]
        title_names = [e.text for e in title_ents]
        title_names += [name for name, _ in adjective_mentions(article.title, adjectives)]
        places |= {fold(e.text) for e in title_ents if e.label_ == "LOC"}
        places |= {fold(m.group()) for m in _gazetteer_places(article.title)}
    weights = weigh_actors(mentions, len(lead_of(article.text)), title_names)
    return weights, main_places(weights, places, article.title)
