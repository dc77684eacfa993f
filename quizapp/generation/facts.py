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
import re
import unicodedata
from dataclasses import dataclass, field

from .appositions import TITLE_HEADS
from .article import Article
from .context import Context, SentenceInfo, build_context
from .figures import Figure, format_number
from .gazetteer import load_gazetteer
from .nlp import get_nlp
from .story_actors import lead_of, main_places, weigh_actors
from .text import fold

KINDS = ("figure", "role", "position")


@dataclass(frozen=True)
class Fact:
    kind: str  # figure | role | position
    subject: str  # what the value is about, as written: « morts », « ministre des transports »
    relation: str  # compte | occupe | rang
    value: str  # as shown: « 241 », « Paul Verneuil »
    sentence: str
    date: dt.date | None = None
    unit: str = ""  # figures: what is counted, normalised (« mort »)
    qualifier: str = ""  # figures: the hedge (« environ », « au moins »)
    number: float | None = None  # figures: the value as a number
    #: names next to a figure that say which one it is (« entre Vielha et Revel »)
    scope: frozenset[str] = field(default_factory=frozenset)

    @property
    def key(self) -> tuple[str, ...]:
        """The subject's comparison words (accents, plurals and small words dropped)."""
        return key_words(self.subject)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "relation": self.relation,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "sentence": self.sentence,
            "scope": sorted(self.scope),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Fact:
        date = d.get("date")
        return cls(
            kind=d["kind"],
            subject=d["subject"],
            relation=d.get("relation", ""),
            value=d["value"],
            sentence=d.get("sentence", ""),
            date=dt.date.fromisoformat(date) if date else None,
            unit=d.get("unit", ""),
            qualifier=d.get("qualifier", ""),
            number=d.get("number"),
            scope=frozenset(d.get("scope") or ()),
        )


@dataclass
class ArticleFacts:
    facts: list[Fact]
    actors: frozenset[str]  # folded names of the people, places and bodies the article names
    language: str = "fr"
    date: dt.date | None = None
    #: how much each actor matters to the article (``story_actors.weigh_actors``)
    weights: dict[str, int] = field(default_factory=dict)
    #: the places the article is about (``story_actors.main_places``)
    places: frozenset[str] = frozenset()


# --- words ---------------------------------------------------------------------------

_SMALL = frozenset(
    "de d' du des la le l' les à au aux en et par pour sur un une son sa ses leur".split()
)
_DROP = frozenset("nouveau nouvelle nouvel actuel actuelle lui".split())
_PAST = frozenset("ancien ancienne ex".split())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def norm_word(word: str) -> str:
    """« Présidentes » → « president »: lower case, no accent, no plural, no final e."""
    w = _strip_accents(word.lower().replace("’", "'"))
    if len(w) > 3 and w[-1] in "sx":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def key_words(phrase: str) -> tuple[str, ...]:
    words = re.findall(r"[\w-]+", phrase.replace("’", "'").replace("'", "' "))
    return tuple(norm_word(w) for w in words if w.lower() not in _SMALL and w.lower() not in _DROP)


def fold_name(name: str) -> str:
    return re.sub(r"\s+", " ", _strip_accents(name.lower())).strip()


# --- figures -------------------------------------------------------------------------

#: Counted things that name the same thing: a toll is « morts », « tués », « décès »...
_UNIT_SYNONYMS = {
    norm_word(w): norm_word("morts") for w in ("tués", "décès", "victimes", "décédés", "morts")
}
#: « a tué 241 personnes », « 76 personnes ont perdu la vie »: the verb says what is counted.
_VERB_UNITS = {
    "tuer": norm_word("morts"),
    "mourir": norm_word("morts"),
    "périr": norm_word("morts"),
    "décéder": norm_word("morts"),
    "blesser": norm_word("blessés"),
}
#: Words the figure regex takes for a unit that count nothing by themselves.
_NOT_COUNTED = frozenset(
    norm_word(w)
    for w in "autre dernier premier prochain seul long longue h utc heure minute seconde lundi mardi "
    "mercredi jeudi vendredi samedi dimanche fois".split()
)
_EPISODE_NOUNS = r"(?:étape|manche|match|journée|épreuve|course|soirée|séance|demi-finale|finale|tour|jour|round)"
#: « le plus combatif de l'étape », « le vainqueur du jour »: a title of one episode, not of the story.
_EPISODE = re.compile(rf"\b(?:de l'|du |de la |de cette |de ce |de cet ){_EPISODE_NOUNS}\b", re.I)
_NAME_WORD = r"[A-ZÉÈÊÀÂÎÔÛÇ][\w’'-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|De|da|dos|del|van|von|Van|Von|el|al)\s+)?{_NAME_WORD}){{1,3}}"


def _figure_fact(ctx: Context, sent: SentenceInfo, f: Figure, date: dt.date | None) -> Fact | None:
    text = sent.text
    before = text[: f.start]
    if re.search(r"\b(?:dont|sur|soit)\s*$", before):
        return None  # « dont 221 à Valcourt »: a part of a total, not the total
    if _in_quote(text, f.start):
        return None
    unit = f.unit
    scope_from = f.end
    if unit.split(" ")[0].lower() in ("au", "aux"):
        unit = ""
    if not unit and before.rstrip().endswith("("):
        # « les coureurs de la course (197 au départ et à l'arrivée) »: what comes before counts
        m = re.search(r"(?:les|des|ses|leurs)\s+([a-zàâçéèêëîïôûùüÿœ-]+)[^(]*\($", before)
        if not m:
            return None
        unit = m.group(1)
    if not unit or unit == "%" or "$" in text[f.num_end : f.num_end + 3]:
        return None
    head = norm_word(unit.split(" ")[0])
    if head in _NOT_COUNTED or len(head) < 2:
        return None
    head = _UNIT_SYNONYMS.get(head, head)
    if head == norm_word("personnes"):
        verb = _governing_verb(ctx, sent, f)
        if verb in _VERB_UNITS:
            head = _VERB_UNITS[verb]
    # the names right after the figure say which one it is: « entre Vielha et Revel »
    tail = re.split(r"[,;.()«»]", text[scope_from:], maxsplit=1)[0]
    scope = frozenset(fold_name(w) for w in re.findall(_NAME_WORD, tail))
    return Fact(
        kind="figure",
        subject=unit,
        relation="compte",
        value=format_number(f.value),
        sentence=text,
        date=date,
        unit=head,
        qualifier=f.hedge,
        number=f.value,
        scope=scope,
    )


def _in_quote(text: str, pos: int) -> bool:
    return text[:pos].count("«") > text[:pos].count("»")


def _governing_verb(ctx: Context, sent: SentenceInfo, f: Figure) -> str:
    span = ctx.doc.char_span(sent.start + f.num_start, sent.start + f.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    tok = span.root
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ == "VERB":
        lemma = tok.lemma_.lower()
        if lemma == "perdre" and any(c.lemma_ == "vie" for c in tok.children):
            return "mourir"
        return lemma
    return ""


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
_ROLE_END = r"(?=\s*(?:[,.;:()«»]|$|\s(?:qui|que|dont|et|lors|depuis|selon|avec)\b))"
_HOLD_VERBS = r"(?:est|reste|devient|demeure|sera|redevient)"
_TAKE_VERBS = r"(?:remporte|porte|conserve|garde|récupère|endosse|détient|reprend|prend)"
_ROLE_PATTERNS = (
    # « Le ministre des transports de Valdorie, Paul Verneuil »
    re.compile(rf"\b(?:[Ll]e|[Ll]a|[Ll]')\s*(?:\w+\s)?{_ROLE_PHRASE},\s+(?P<name>{_NAME})"),
    # « la présidente Claire Dubreuil »
    re.compile(rf"\b(?:[Ll]e|[Ll]a|[Ll]')\s*(?P<role>{_HEAD})\s+(?P<name>{_NAME})"),
    # « Paul Verneuil, ministre des transports »
    re.compile(rf"(?P<name>{_NAME}),\s+(?:le |la |l')?{_ROLE_PHRASE}{_ROLE_END}"),
    # « Marc Lacombe est leader du classement », « X reste pour le moment président »
    re.compile(
        rf"(?P<name>{_NAME})\s+{_HOLD_VERBS}\s+(?:[a-zé']+\s+){{0,4}}?(?:le |la |l')?{_ROLE_PHRASE}{_ROLE_END}"
    ),
    # « Hervé Castel remporte le maillot à pois du classement du meilleur grimpeur »
    re.compile(
        rf"(?P<name>{_NAME})\s+{_TAKE_VERBS}\s+(?:le |la |l'|son |sa ){_ROLE_PHRASE}{_ROLE_END}"
    ),
)


def _role_facts(sent: SentenceInfo, date: dt.date | None) -> list[Fact]:
    out: list[Fact] = []
    seen: set[tuple] = set()
    for pattern in _ROLE_PATTERNS:
        for m in pattern.finditer(sent.text):
            role = m.group("role").strip()
            name = m.group("name").strip()
            lead = sent.text[max(0, m.start() - 12) : m.start() + 12].lower()
            if any(re.search(rf"\b{p}", lead) for p in _PAST) or "ex-" in lead:
                continue  # « l'ex-présidente », « l'ancien ministre »: no longer holds it
            if _EPISODE.search(role) or _in_quote(sent.text, m.start()):
                continue
            if not key_words(role):
                continue
            k = (key_words(role), fold_name(name))
            if k in seen:
                continue
            seen.add(k)
            out.append(Fact("role", role, "occupe", name, sent.text, date))
    return out


# --- positions -----------------------------------------------------------------------

_RANKING = re.compile(
    rf"(?:[Aa]u|[Dd]ans le)\s+(?P<board>classement[^,]*),\s+(?P<first>{_NAME})\s+"
    rf"(?:est|reste|demeure)\s+(?:premier|première|en tête),?\s+suivie?s?\s+(?:de|par)\s+(?P<rest>[^.;]+)"
)


def _position_facts(sent: SentenceInfo, date: dt.date | None) -> list[Fact]:
    out = []
    for m in _RANKING.finditer(sent.text):
        names = [m.group("first")] + re.split(r",\s*|\s+et\s+", m.group("rest").strip())
        board = m.group("board").strip()
        for rank, name in enumerate(names, start=1):
            name = name.strip()
            if not re.fullmatch(_NAME, name):
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
            fact = _figure_fact(ctx, sent, f, article.date)
            if fact is not None:
                facts.append(fact)
        facts.extend(_role_facts(sent, article.date))
        facts.extend(_position_facts(sent, article.date))
    weights, places = _actor_weights(article, doc, ctx)
    return ArticleFacts(facts, frozenset(weights), article.language, article.date, weights, places)


_PLACE_TYPES = ("country", "city", "region")


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
    title_names: list[str] = []
    if article.title:  # « Valdorie : Claire Verneuil en tête… »: the headline names actors too
        title_ents = [e for e in get_nlp()(article.title).ents if e.label_ in ("PER", "ORG", "LOC")]
        title_names = [e.text for e in title_ents]
        places |= {fold(e.text) for e in title_ents if e.label_ == "LOC"}
        places |= {fold(m.group()) for m in _gazetteer_places(article.title)}
    weights = weigh_actors(mentions, len(lead_of(article.text)), title_names)
    return weights, main_places(weights, places, article.title)
