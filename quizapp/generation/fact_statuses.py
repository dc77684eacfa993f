"""Statuses and places as dated facts: what became of a person, a text or an event.

- ``status``: « Paul Verneuil a été arrêté » then « … a été libéré »; « le traité de
  Montrose a été signé » then « … ratifié »; « Claire Castel, candidate » then « élue ».
  A status belongs to a *family* (what happens to a person before a court, to a text,
  in an election, in an office, to a missing person); within a family its stages are
  ordered, and an article's status of a subject is its most advanced stage.
- ``place``: « le sommet aura lieu à Montrose » then « … à Arvel »; « Marc Dubreuil est
  détenu à Castelbourg ».

The finders read the parse (the verb, its voice and its subject or object) and the
words of news French; they know no names. A negated, conditional or future status
(« n'a pas été condamné », « pourrait être libéré », « sera jugé ») is not a fact yet.
"""

from __future__ import annotations

import datetime as dt
import re

from .context import SentenceInfo
from .fact_base import NAME_WORD, Fact, fold_name, in_quote, key_words

#: lemma → (family, stage as shown, rank in the family, whether the status falls on the
#: verb's object (« la police a arrêté X ») rather than its subject (« X a démissionné »))
_STAGES: dict[str, tuple[str, str, int, bool]] = {
    "arrêter": ("justice", "arrêté", 1, True),
    "interpeller": ("justice", "arrêté", 1, True),
    "incarcérer": ("justice", "incarcéré", 2, True),
    "écrouer": ("justice", "incarcéré", 2, True),
    "inculper": ("justice", "inculpé", 2, True),
    "juger": ("justice", "jugé", 3, True),
    "condamner": ("justice", "condamné", 4, True),
    "acquitter": ("justice", "acquitté", 4, True),
    "relaxer": ("justice", "acquitté", 4, True),
    "libérer": ("justice", "libéré", 5, True),
    "relâcher": ("justice", "libéré", 5, True),
    "gracier": ("justice", "libéré", 5, True),
    "négocier": ("texte", "négocié", 1, True),
    "proposer": ("texte", "proposé", 1, True),
    "déposer": ("texte", "déposé", 1, True),
    "signer": ("texte", "signé", 2, True),
    "approuver": ("texte", "adopté", 3, True),
    "adopter": ("texte", "adopté", 3, True),
    "voter": ("texte", "adopté", 3, True),
    "rejeter": ("texte", "rejeté", 3, True),
    "ratifier": ("texte", "ratifié", 4, True),
    "promulguer": ("texte", "promulgué", 5, True),
    "suspendre": ("texte", "suspendu", 6, True),
    "annuler": ("texte", "annulé", 6, True),
    "abroger": ("texte", "annulé", 6, True),
    "qualifier": ("élection", "qualifié", 2, True),
    "élire": ("élection", "élu", 3, True),
    "réélire": ("élection", "élu", 3, True),
    "battre": ("élection", "battu", 3, True),
    "éliminer": ("élection", "battu", 3, True),
    "nommer": ("fonction", "nommé", 1, True),
    "investir": ("fonction", "nommé", 1, True),
    "démissionner": ("fonction", "démissionnaire", 2, False),
    "retirer": ("fonction", "démissionnaire", 2, False),  # « X s'est retiré », only reflexive
    "limoger": ("fonction", "démis", 2, True),
    "destituer": ("fonction", "démis", 2, True),
    "disparaître": ("sort", "disparu", 1, False),
    "enlever": ("sort", "enlevé", 1, True),
    "retrouver": ("sort", "retrouvé", 2, True),
}


#: Verbs that are a stage only when reflexive (« X s'est retiré », not « X a retiré sa
#: plainte»), and the word shown for them: the article's own participle.
_REFLEXIVE_ONLY = {"retirer": "retiré"}
#: An office as a title says the stage too: « le président X » holds it (as « nommé »),
#: « l'ancien président X » no longer does, after any resignation or dismissal.
HOLDS, FORMER = ("nommé", 1), ("ancien", 3)


def office_status(title: str, name: str, former: bool, sentence: str, date: dt.date | None) -> Fact:
    """« le président Paul Verneuil »: Paul Verneuil's office, with its title's head as the
    scope (an « ancien ministre » may be « président » now: two offices)."""
    stage, rank = FORMER if former else HOLDS
    shown = f"{'ancien ' if former else ''}{title}"
    head = frozenset(key_words(title)[:1])
    return Fact(
        "status", name, "fonction", shown, sentence, date, stage, number=float(rank), scope=head
    )


def stages_of(family: str) -> list[str]:
    """The stages of a family in their order (wrong options for a timeline question)."""
    stages = sorted({(rank, shown) for fam, shown, rank, _ in _STAGES.values() if fam == family})
    return [shown for _rank, shown in stages]


#: « la démission de X », « la ratification du traité »: the noun says the stage too
_NOUNS = {
    "arrestation": "arrêter",
    "interpellation": "interpeller",
    "inculpation": "inculper",
    "condamnation": "condamner",
    "acquittement": "acquitter",
    "libération": "libérer",
    "signature": "signer",
    "adoption": "adopter",
    "ratification": "ratifier",
    "promulgation": "promulguer",
    "démission": "démissionner",
    "destitution": "destituer",
    "limogeage": "limoger",
    "élection": "élire",
    "disparition": "disparaître",
    "enlèvement": "enlever",
}
#: A person's statuses need a person; a text's need a text.
_PERSON_FAMILIES = frozenset({"justice", "élection", "fonction", "sort"})
_TEXTS = frozenset(
    "traité accord loi projet texte réforme résolution motion budget convention "
    "pacte amendement constitution décret cessez-le-feu".split()
)
_NEGATION = frozenset({"pas", "jamais", "plus", "guère"})
_MODALS = frozenset({"pouvoir", "devoir", "aller", "vouloir", "falloir", "souhaiter", "demander"})


def status_facts(sent: SentenceInfo, date: dt.date | None) -> list[Fact]:
    """The statuses a sentence states (``current_statuses`` keeps the latest)."""
    out: list[Fact] = []
    for tok in sent.span:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in _NOUNS:
            stage, subject = _STAGES[_NOUNS[lemma]], _noun_subject(tok)
        elif tok.pos_ == "VERB" and lemma in _STAGES and _stated(tok):
            if lemma in _REFLEXIVE_ONLY and not _reflexive(tok):
                continue
            stage = _STAGES[lemma]
            subject = _verb_subject(tok, on_object=stage[3])
        else:
            continue
        if subject is None or in_quote(sent.text, tok.idx - sent.span.start_char):
            continue
        family, unit, rank, _ = stage
        text = _subject_text(subject, family)
        if not text or any(f.subject == text and f.unit == unit for f in out):
            continue
        shown = _REFLEXIVE_ONLY.get(lemma, unit)
        out.append(
            Fact("status", text, family, shown, sent.text, date, unit=unit, number=float(rank))
        )
    return out


def _reflexive(verb) -> bool:
    return any("Yes" in c.morph.get("Reflex") or c.lower_ in ("se", "s'") for c in verb.children)


def _stated(verb) -> bool:
    """Said to have happened: not negated, not conditional or future, not an infinitive
    hanging on « pourrait », « doit », « demande »."""
    morph = verb.morph
    if "Inf" in morph.get("VerbForm") or "Fut" in morph.get("Tense") or "Cnd" in morph.get("Mood"):
        return False
    for child in verb.children:
        if child.lower_ in _NEGATION or "Neg" in child.morph.get("Polarity"):
            return False
        if child.dep_.startswith("aux") and (
            "Fut" in child.morph.get("Tense") or "Cnd" in child.morph.get("Mood")
        ):
            return False
    return not (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _MODALS)


def _verb_subject(verb, on_object: bool):
    """Who or what the status falls on: the passive subject, the noun a participle
    describes (« X, arrêté lundi »), the object of an active verb, or the subject of an
    intransitive one."""
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)
    if any("Yes" in c.morph.get("Reflex") for c in verb.children):
        on_object = False  # « X s'est qualifiée »: the subject is who it falls on
    nominal = ("NOUN", "PROPN")
    if verb.dep_ in ("acl", "amod", "nmod", "appos") and verb.head.pos_ in nominal:
        return verb.head if on_object else None
    for child in verb.children:
        if passive and child.dep_ == "nsubj:pass":
            return child
        if not passive and not on_object and child.dep_ == "nsubj":
            return child
        if not passive and on_object and child.pos_ in nominal:
            # the parser sometimes calls the object after the verb its subject
            if child.dep_ == "obj" or (child.dep_ == "nsubj" and child.i > verb.i):
                return child
    if not passive and on_object:
        return _name_after(verb)
    return None


def _name_after(verb):
    """« ont arrêté Marc Lacombe à Castelbourg » parsed badly: the name right after."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return nxt if nxt is not None and nxt.pos_ == "PROPN" else None


def _noun_subject(noun):
    """« la démission de Jean Castel », « la ratification du traité »."""
    for child in noun.children:
        if child.dep_ == "nmod" and any(
            c.lower_ in ("de", "du", "des", "d'") for c in child.children
        ):
            return child
    return None


def _subject_text(tok, family: str) -> str:
    """The subject as a name (a person, a place) or a text (« le traité de Montrose »)."""
    if tok.pos_ == "PROPN":
        words = [tok] + [c for c in tok.children if c.dep_ in ("flat:name", "flat")]
        if len(words) == 1 and tok.i + 1 < len(tok.doc) and tok.nbor().dep_ == "flat:name":
            words.append(tok.nbor())
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
    if family in _PERSON_FAMILIES:
        # « le président de la Valdorie, Paul Verneuil, s'est retiré », « le président
        # Verneuil »: a title is the subject, the name beside it says who
        named = [c for c in tok.children if c.dep_ in ("appos", "flat:name") and c.pos_ == "PROPN"]
        return _subject_text(named[0], family) if named else ""
    if tok.lemma_.lower() not in _TEXTS:
        return ""
    named = [c for c in tok.children if c.dep_ == "nmod" and c.pos_ == "PROPN"]
    if named:
        return f"{tok.text} de {_subject_text(named[0], 'texte')}"
    return tok.text


# --- places ----------------------------------------------------------------------------

_PLACE_NAME = rf"{NAME_WORD}(?:[ -](?:de |d')?{NAME_WORD}){{0,3}}"
_WHERE = re.compile(
    rf"(?P<subject>(?:[Ll]e |[Ll]a |[Ll]es |[Ll]')[\w'’-]+(?: d[eu] [\w'’ -]+?)?|{_PLACE_NAME})\s+"
    r"(?P<verb>aura lieu|a lieu|a eu lieu|se tiendra|se tient|s'est tenue?|se déroulera"
    r"|se déroule|s'est déroulée?|est détenue?|a été transférée?|est hospitalisée?"
    r"|s'est réfugiée?|est réfugiée?)\s+"
    rf"(?:à|en|au|aux|dans|vers)\s+(?:la |le |l')?(?:ville de |prison de |hôpital de )?"
    rf"(?P<place>{_PLACE_NAME})"
)


def place_facts(sent: SentenceInfo, date: dt.date | None) -> list[Fact]:
    """« Le sommet aura lieu à Montrose », « Marc Dubreuil est détenu à Castelbourg »."""
    out = []
    for m in _WHERE.finditer(sent.text):
        if in_quote(sent.text, m.start()):
            continue
        subject = m.group("subject").strip()
        if not key_words(subject):
            continue
        out.append(Fact("place", subject, "lieu", m.group("place"), sent.text, date))
    return out


def same_status_subject(a: Fact, b: Fact) -> bool:
    """One person (« Verneuil », « Paul Verneuil ») or one text (« le traité », « le
    traité de Montrose ») in one family."""
    if a.relation != b.relation:
        return False
    if a.scope and b.scope and not a.scope & b.scope:
        return False  # « ancien ministre » and « président »: two offices
    fa, fb = fold_name(a.subject).split(), fold_name(b.subject).split()
    if not fa or not fb:
        return False
    if a.subject[:1].isupper() and b.subject[:1].isupper():
        return fa[-1] == fb[-1]
    ka, kb = set(key_words(a.subject)), set(key_words(b.subject))
    return bool(ka and kb) and (ka <= kb or kb <= ka)


def current_statuses(facts: list[Fact]) -> list[Fact]:
    """An article's facts with only the most advanced status of each subject (« arrêté
    lundi, libéré mercredi » is « libéré »); a tie between two stages says nothing."""
    statuses = [f for f in facts if f.kind == "status"]
    keep: list[Fact] = []
    for f in statuses:
        peers = [g for g in statuses if same_status_subject(f, g)]
        top = max(g.number or 0 for g in peers)
        if (f.number or 0) < top:
            continue
        if any(g.unit != f.unit and (g.number or 0) == top for g in peers):
            continue
        keep.append(f)
    return [f for f in facts if f.kind != "status"] + keep
