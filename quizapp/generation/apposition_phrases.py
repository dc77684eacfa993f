"""The words of a noun phrase set next to a name: its head, where it starts and ends, its gender."""

from __future__ import annotations

import re

from .name_runs import Names, lowered, name_like

#: Nouns that head a title: ordinary French vocabulary, not names.
TITLE_HEADS = frozenset(
    """
    ministre vice-ministre président présidente vice-président vice-présidente directeur directrice
    porte-parole chef cheffe secrétaire sous-secrétaire ambassadeur ambassadrice procureur procureure
    avocat avocate dirigeant dirigeante leader candidat candidate fondateur fondatrice cofondateur
    cofondatrice patron patronne chancelier chancelière gouverneur gouverneure maire commissaire
    haut-commissaire représentant représentante conseiller conseillère négociateur négociatrice roi
    reine prince princesse pape émir sénateur sénatrice député députée général générale colonel
    commandant juge rapporteur rapporteure co-rapporteur professeur professeure chercheur chercheuse
    responsable coordinateur coordinatrice délégué déléguée préfet préfète administrateur
    administratrice pdg président-directeur chercheur économiste analyste spécialiste expert experte
    journaliste correspondant correspondante numéro bras membre militant militante opposant opposante
    successeur prédécesseur secrétaire-général gérant gérante
    """.split()
)


#: Heads that say how someone relates to another person, not which office they hold.
RELATIONAL = frozenset("successeur prédécesseur bras membre militant militante numéro".split())


#: Heads whose form gives the holder's gender.
_FEMININE_HEADS = frozenset(
    w for w in TITLE_HEADS if w.endswith(("rice", "ère", "esse", "euse", "ine", "ente", "ante"))
) | {"présidente", "reine", "députée", "déléguée", "avocate", "candidate", "patronne", "préfète"}


MASCULINE_HEADS = frozenset(
    "président vice-président directeur ambassadeur procureur avocat dirigeant candidat fondateur "
    "patron chancelier roi prince sénateur député délégué préfet administrateur négociateur "
    "conseiller représentant gouverneur".split()
)


#: Participles and adjectives that belong to a title ("président élu", "ministre délégué chargé de").
_TITLE_PARTICIPLES = frozenset(
    "élu élue délégué déléguée chargé chargée désigné désignée sortant sortante adjoint adjointe "
    "associé associée intérimaire".split()
)


_COMPLEMENT_ADP = frozenset("de d' du des à au aux en auprès pour".split())


_DETS = {"le": "le", "la": "la", "l'": "l'", "les": "les", "un": "un", "une": "une"}


POSSESSIVE = frozenset("son sa ses leur leurs".split())


DEMONSTRATIVE = {"ce": "le", "cet": "l'", "cette": "la", "ces": "les"}


def is_adj(tok) -> bool:
    if tok.pos_ == "ADJ":
        return True
    low = lowered(tok)
    if low in _TITLE_PARTICIPLES:
        return True
    # the small model tags some nationality adjectives as infinitives ("ministre espagnol")
    return (
        tok.pos_ in ("VERB", "NOUN")
        and tok.text[:1].islower()
        and "Inf" in tok.morph.get("VerbForm")
        and not low.endswith(("er", "ir", "re", "oir"))
    )


def is_head_candidate(tok) -> bool:
    if not tok.text[:1].isalpha():
        return False
    if lowered(tok) in TITLE_HEADS:  # the small model tags "ministre" as a verb now and then
        return "Fin" not in tok.morph.get("VerbForm")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN")


def phrase_end(doc, head: int, limit: int, names: Names, title: bool) -> int:
    """Where the noun phrase headed by ``head`` stops: before a verb, a clause, a name or a comma."""
    j = head + 1
    in_complement = False
    while j < limit and j - head <= 14:
        state = _still_in_phrase(doc, j, limit, names, title, in_complement)
        if state is None:
            break
        in_complement = state
        j += 1
    while j > head + 1 and (
        doc[j - 1].pos_ in ("ADP", "DET", "CCONJ") or lowered(doc[j - 1]) in _COMPLEMENT_ADP
    ):
        j -= 1
    return j


def _still_in_phrase(
    doc, j: int, limit: int, names: Names, title: bool, in_complement: bool
) -> bool | None:
    """None when token ``j`` ends the phrase; else whether the phrase is now inside a
    complement (« directeur du bureau … »)."""
    t, low, prev = doc[j], lowered(doc[j]), doc[j - 1]
    after_adp = prev.pos_ in ("ADP", "DET") or lowered(prev) in _COMPLEMENT_ADP
    if j in names.person_start and not after_adp:
        return None  # "le président de la Commission Jean-Paul Renaud": the holder's name
    glued = t.text[:1].isalnum() or t.text == "-"
    if not prev.whitespace_ and glued and not prev.text.endswith("'"):
        return in_complement  # "Australie-Occidentale" cut in three tokens: one word
    if low in _COMPLEMENT_ADP and t.pos_ in ("ADP", "ADV", "DET"):
        return True
    if (low in ("la", "l'", "le", "les") and prev.pos_ in ("ADP", "VERB")) or (
        low in DEMONSTRATIVE and prev.pos_ == "ADP"
    ):
        return in_complement
    if low == "et" and in_complement and j + 1 < limit:
        nxt = lowered(doc[j + 1])
        if not (nxt in _COMPLEMENT_ADP or nxt in ("la", "l'", "le", "les")):
            return None  # "… et ancien ministre de l'Intérieur": a second title
        return in_complement
    if t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN", "ADJ", "X"):
        if not in_complement:
            return None  # "le ministre Dupont": a name, not part of the title
        return True if _capital_in_complement(doc, j, limit, after_adp) else None
    if (
        (is_adj(t) and t.text[:1].islower())
        or (t.pos_ in ("NOUN", "PROPN", "X") and in_complement)
        or (t.pos_ == "NOUN" and prev.pos_ == "NOUN" and not in_complement)
    ):
        return in_complement  # "ministre espagnol", "de la défense", "porte-parole adjoint"
    if (
        not title
        and not in_complement
        and t.pos_ == "VERB"
        and low.endswith("ant")
        and j + 1 < limit
        and lowered(doc[j + 1]) in ("la", "l'", "le", "les", "des", "un", "une")
    ):
        return True  # "l'association regroupant les gestionnaires …"
    return None


def _capital_in_complement(doc, j: int, limit: int, after_adp: bool) -> bool:
    """A capitalised word goes on a complement (« de la Défense »), but does not belong to
    the phrase when it starts the holder's name."""
    prev = doc[j - 1]
    nxt = lowered(doc[j + 1]) if j + 1 < limit else ""
    if not after_adp and not prev.text[:1].isupper() and nxt not in _COMPLEMENT_ADP:
        return False  # "l'opérateur de téléphonie mobile Sprint": the name after the title
    # "le Ministre de la Défense Anton Kowal": a two-word name
    return not (not after_adp and j + 1 < limit and name_like(doc[j + 1]))


def phrase_start(doc, head: int, floor: int) -> tuple[int, str]:
    """First token of the phrase (pre-head adjectives included) and its determiner as written."""
    i = head
    while i > floor and (
        is_adj(doc[i - 1]) or lowered(doc[i - 1]) in ("ex-", "vice-", "haut", "premier", "première")
    ):
        i -= 1
    if i > floor:
        low = lowered(doc[i - 1])
        if low in _DETS or low in POSSESSIVE or low in DEMONSTRATIVE or low in _CONTRACTED:
            return i - 1, low
    return i, ""


_CONTRACTED = {"du": "le", "au": "le", "des": "les", "aux": "les"}


def phrase_gender(doc, start: int, head: int, end: int, det: str) -> str:
    low = lowered(doc[head])
    if det in ("la", "une", "sa", "cette") or low in _FEMININE_HEADS:
        return "f"
    if det in ("le", "un", "du", "au", "ce", "cet") or low in MASCULINE_HEADS:
        return "m"
    before = {lowered(t) for t in doc[start:head]}
    if before & {"ancienne", "nouvelle", "première", "seule"}:
        return "f"
    if before & {"ancien", "nouveau", "premier", "seul"}:
        return "m"
    for t in list(doc[start:head]) + list(doc[head + 1 : end]):
        if t.pos_ == "ADP":
            break
        if is_adj(t) and re.search(r"(?:ienne|éenne|aise|oise|aine|ande|ale|ine|ée|ère)$", t.text):
            return "f"
        if is_adj(t) and re.search(r"(?:ien|éen|ais|ois|ain|and|al|ol|if|eur)$", t.text):
            return "m"  # "ministre valdorien des Finances"
    if low in TITLE_HEADS:
        return ""  # "ministre", "porte-parole": the model's guess is no evidence
    g = doc[head].morph.get("Gender")
    return {"Fem": "f", "Masc": "m"}.get(g[0] if g else "", "")


def clean_phrase(text: str) -> str:
    for dem, art in DEMONSTRATIVE.items():
        text = re.sub(rf"(?i)\b(de|à) {dem} ", lambda m, a=art: f"{m.group(1)} {a} ", text)
    text = re.sub(r"\b(de|à) le ", lambda m: "du " if m.group(1) == "de" else "au ", text)
    text = re.sub(r"\b(de|à) les ", lambda m: "des " if m.group(1) == "de" else "aux ", text)
    text = re.sub(r"\b(de|à) l' ", r"\1 l'", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def inner_noun_phrase(doc, head: int, end: int) -> bool:
    """A complement with its own determiner and common noun: the name after it is that noun's."""
    for j in range(head + 1, end - 1):
        low = lowered(doc[j])
        if (low in ("la", "l'", "le", "les", "du", "des", "au", "aux")) and doc[
            j + 1
        ].pos_ == "NOUN":
            if doc[j + 1].text[:1].islower():
                return True
    return False


VOWEL = re.compile(r"(?i)[aeiouyhéèêàâîôû]")


def with_det(phrase: str, gender: str, plural: bool = False, definite: bool = True) -> str:
    if definite:
        if plural:
            return "les " + phrase
        if VOWEL.match(phrase):
            return "l'" + phrase
        return ("la " if gender == "f" else "le ") + phrase
    if plural:
        return "des " + phrase
    return ("une " if gender == "f" else "un ") + phrase
