"""Questions on who holds which title, and on what the article says a name stands for.

Both come from appositions read off the parse: a noun phrase next to a name,
« Jeanne Morel, directrice du bureau Afrique de l'ONG », « le Premier ministre
portugais Paulo Ramos », « Télonet, opérateur de téléphonie mobile », « X est une
firme japonaise ». When the phrase is headed by a title noun (ministre, directeur,
porte-parole… French vocabulary, never names) and sits next to a person, it is a
role; next to anything else it is a definition.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .context import Candidate, Context, SentenceInfo, de, explanation, mcq, source_of
from .distractors import article_countries, clashes, entity_options
from .entities import Mention
from .gazetteer import Entity, load_gazetteer, office_kind
from .kinds_people import feminine
from .text import fold

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
_RELATIONAL = frozenset("successeur prédécesseur bras membre militant militante numéro".split())
#: Heads whose form gives the holder's gender.
_FEMININE_HEADS = frozenset(
    w for w in TITLE_HEADS if w.endswith(("rice", "ère", "esse", "euse", "ine", "ente", "ante"))
) | {"présidente", "reine", "députée", "déléguée", "avocate", "candidate", "patronne", "préfète"}
_MASCULINE_HEADS = frozenset(
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
_POSSESSIVE = frozenset("son sa ses leur leurs".split())
_DEMONSTRATIVE = {"ce": "le", "cet": "l'", "cette": "la", "ces": "les"}
_PAST = frozenset("ancien ancienne ex ex- anciens anciennes".split())
#: Words that only make sense where the article says them: never in a stem or an option.
_DEICTIC = re.compile(
    r"(?i)(?<!\w)(?:hier|demain|aujourd'hui|ce (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"|même|celui-ci|celle-ci|dernier en date|lui|elle|eux|notre|nos|votre|vos|mon|ma|mes)(?!\w)"
)
_NAME_PARTICLES = frozenset("de du des von van der bin ben ibn al el".split())
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ach|at|az|ibn|bin|ben|abu|abou|ould)-[A-ZÀ-Ý]")


def _attached(tok) -> bool:
    """ "al" and "-" in "al-Rachid", cut in three tokens."""
    return (
        not tok.whitespace_ and (tok.text == "-" or tok.text.isalpha()) and tok.i + 1 < len(tok.doc)
    )


def _name_like(tok) -> bool:
    """A word that can be part of a name: capitalised, or "al-Rachid"."""
    return tok.text[:1].isupper() or bool(_NAME_PREFIX.match(tok.text))


_COPULA_BEFORE = re.compile(
    r"(?:^|\s)(?P<verb>est|était|(?:a|avait)(?: précédemment| déjà| auparavant| aussi)? été|fut"
    r"|reste|demeure|devient|est devenue?)\s+$"
)


@dataclass
class Apposition:
    """A noun phrase the article puts next to a name, and what it tells about the name."""

    holder: str  # the name, as the article writes it ("Marie Lefort", "l'Unesco")
    entity: Entity | None
    phrase: str  # without its determiner: "porte-parole de la Maison Blanche"
    det: str  # the determiner the article used ("le", "l'", "son", "" …), lower case
    head: str  # the head noun, lower case
    gender: str  # of the phrase: f | m | ''
    plural: bool
    is_title: bool  # headed by a title noun
    person: bool  # the holder is a person
    past: bool  # "ancien ministre", "a été ministre"
    sent: SentenceInfo
    start: int  # char offsets of the phrase in the article
    end: int
    pattern: str = ""  # after ("X, titre"), before ("le titre X"), comma, copula
    cut: bool = False  # a complement pointing back ("du pays") was dropped: too vague to ask


# --- reading appositions off the parse ------------------------------------------


def _lower(tok) -> str:
    return tok.text.lower().replace("’", "'")


def _is_adj(tok) -> bool:
    if tok.pos_ == "ADJ":
        return True
    low = _lower(tok)
    if low in _TITLE_PARTICIPLES:
        return True
    # the small model tags some nationality adjectives as infinitives ("ministre espagnol")
    return (
        tok.pos_ in ("VERB", "NOUN")
        and tok.text[:1].islower()
        and "Inf" in tok.morph.get("VerbForm")
        and not low.endswith(("er", "ir", "re", "oir"))
    )


def _is_head_candidate(tok) -> bool:
    if not tok.text[:1].isalpha():
        return False
    if _lower(tok) in TITLE_HEADS:  # the small model tags "ministre" as a verb now and then
        return "Fin" not in tok.morph.get("VerbForm")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN")


class _Names:
    """Where names start and end in the doc: the article's mentions and spaCy's entities."""

    def __init__(self, ctx: Context):
        doc = ctx.doc
        self.person_start: dict[int, tuple[int, Mention | None]] = {}  # token -> (end, mention)
        self.start: dict[int, tuple[int, Mention | None]] = {}
        self.end: dict[int, tuple[int, Mention | None]] = {}  # end token (excl.) -> (start, m)
        for m in ctx.ents.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            e = span.end
            while e < len(doc) and doc[e].pos_ == "PROPN" and doc[e].text[:1].isupper():
                e += 1  # "Die" + "Linke": a mention cut short
            self.start.setdefault(span.start, (e, m))
            self.end.setdefault(e, (span.start, m))
            if m.entity.type == "person":
                self.person_start.setdefault(span.start, (e, m))
        for ent in doc.ents:
            if not all(
                t.text[:1].isupper() or t.pos_ in ("ADP", "DET") or _attached(t) or t.text == "-"
                for t in ent
            ):
                continue
            if ent.label_ == "PER" and len(ent) >= 2:
                self.person_start.setdefault(ent.start, (ent.end, None))
            if ent.label_ in ("PER", "ORG", "MISC", "LOC"):  # « Conseil de X » may be read a place
                self.start.setdefault(ent.start, (ent.end, None))
                known = self.end.get(ent.end)
                if known is None or known[0] > ent.start and ent.label_ != "PER":
                    # « le Conseil de Valdorie »: the whole name, not the country it ends on
                    self.end[ent.end] = (ent.start, None)


@dataclass
class _Run:
    start: int  # tokens
    end: int
    mention: Mention | None
    known: bool  # a mention or a spaCy entity, not just capitalised words


def _run_after(doc, i: int, names: _Names, limit: int) -> _Run | None:
    """A name starting at token i."""
    if i >= limit:
        return None
    if i in names.start:
        end, m = names.start[i]
        return _Run(i, end, m, True) if end <= limit else None
    j = i
    while j < limit and (_name_like(doc[j]) or (j > i and _lower(doc[j]) in _NAME_PARTICLES)):
        j += 1
    while j > i and _lower(doc[j - 1]) in _NAME_PARTICLES:
        j -= 1
    if j == i or doc[i].pos_ not in ("PROPN", "NOUN", "X", "ADJ"):
        return None
    return _Run(i, j, None, False)


def _run_before(doc, j: int, names: _Names, floor: int) -> _Run | None:
    """A name ending right before token j."""
    if j <= floor:
        return None
    if j in names.end:
        start, m = names.end[j]
        if start < floor:
            return None
        i = start
        while i > floor + 1 and doc[i - 1].pos_ == "PROPN" and _name_like(doc[i - 1]):
            i -= 1  # "Cheikh Karim" + "Al Rachid": one name the mentions cut in two
        return _Run(i, j, m if i == start else None, True)
    i = j
    while i > floor and (
        _name_like(doc[i - 1])
        or (i < j and _lower(doc[i - 1]) in _NAME_PARTICLES)
        or (i < j and _attached(doc[i - 1]))
    ):
        i -= 1
    while i < j and (_lower(doc[i]) in _NAME_PARTICLES or not doc[i].text[:1].isalpha()):
        i += 1
    if i == j or any(
        t.pos_ not in ("PROPN", "NOUN", "X", "ADJ", "PUNCT") and not _attached(t) for t in doc[i:j]
    ):
        return None
    if i == floor and j - i == 1 and doc[i].pos_ != "PROPN":
        return None  # a capitalised first word of the sentence, not a name
    return _Run(i, j, None, False)


def _phrase_end(doc, head: int, limit: int, names: _Names, title: bool) -> int:
    """Where the noun phrase headed by ``head`` stops: before a verb, a clause, a name or a comma."""
    j = head + 1
    in_complement = False
    while j < limit and j - head <= 14:
        t, low, prev = doc[j], _lower(doc[j]), doc[j - 1]
        after_adp = prev.pos_ in ("ADP", "DET") or _lower(prev) in _COMPLEMENT_ADP
        if j in names.person_start and not after_adp:
            break  # "le président de la Commission Jean-Paul Renaud": the holder's name
        if (
            not prev.whitespace_
            and (t.text[:1].isalnum() or t.text == "-")
            and not prev.text.endswith("'")
        ):
            pass  # "Australie-Occidentale" cut in three tokens: one word
        elif low in _COMPLEMENT_ADP and t.pos_ in ("ADP", "ADV", "DET"):
            in_complement = True
        elif low in ("la", "l'", "le", "les") and prev.pos_ in ("ADP", "VERB"):
            pass
        elif low in _DEMONSTRATIVE and prev.pos_ == "ADP":
            pass
        elif low == "et" and in_complement and j + 1 < limit:
            nxt = _lower(doc[j + 1])
            if not (nxt in _COMPLEMENT_ADP or nxt in ("la", "l'", "le", "les")):
                break  # "… et ancien ministre de l'Intérieur": a second title
        elif t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN", "ADJ", "X"):
            if not in_complement:
                break  # "le ministre Dupont": a name, not part of the title
            nxt = _lower(doc[j + 1]) if j + 1 < limit else ""
            if not after_adp and not prev.text[:1].isupper() and nxt not in _COMPLEMENT_ADP:
                break  # "l'opérateur de téléphonie mobile Sprint": the name after the title
            if not after_adp and j + 1 < limit and _name_like(doc[j + 1]):
                break  # "le Ministre de la Défense Anton Kowal": a two-word name
            if after_adp and j + 1 < limit and j + 1 in names.person_start:
                pass
        elif _is_adj(t) and t.text[:1].islower():
            pass
        elif t.pos_ in ("NOUN", "PROPN", "X") and in_complement:
            pass
        elif t.pos_ == "NOUN" and prev.pos_ == "NOUN" and not in_complement:
            pass  # "porte-parole adjoint", "bras droit"
        elif (
            not title
            and not in_complement
            and t.pos_ == "VERB"
            and low.endswith("ant")
            and j + 1 < limit
            and _lower(doc[j + 1]) in ("la", "l'", "le", "les", "des", "un", "une")
        ):
            in_complement = True  # "l'association regroupant les gestionnaires …"
        else:
            break
        j += 1
    while j > head + 1 and (
        doc[j - 1].pos_ in ("ADP", "DET", "CCONJ") or _lower(doc[j - 1]) in _COMPLEMENT_ADP
    ):
        j -= 1
    return j


def _phrase_start(doc, head: int, floor: int) -> tuple[int, str]:
    """First token of the phrase (pre-head adjectives included) and its determiner as written."""
    i = head
    while i > floor and (
        _is_adj(doc[i - 1]) or _lower(doc[i - 1]) in ("ex-", "vice-", "haut", "premier", "première")
    ):
        i -= 1
    if i > floor:
        low = _lower(doc[i - 1])
        if low in _DETS or low in _POSSESSIVE or low in _DEMONSTRATIVE or low in _CONTRACTED:
            return i - 1, low
    return i, ""


_CONTRACTED = {"du": "le", "au": "le", "des": "les", "aux": "les"}


def _gender(doc, start: int, head: int, end: int, det: str) -> str:
    low = _lower(doc[head])
    if det in ("la", "une", "sa", "cette") or low in _FEMININE_HEADS:
        return "f"
    if det in ("le", "un", "du", "au", "ce", "cet") or low in _MASCULINE_HEADS:
        return "m"
    before = {_lower(t) for t in doc[start:head]}
    if before & {"ancienne", "nouvelle", "première", "seule"}:
        return "f"
    if before & {"ancien", "nouveau", "premier", "seul"}:
        return "m"
    for t in list(doc[start:head]) + list(doc[head + 1 : end]):
        if t.pos_ == "ADP":
            break
        if _is_adj(t) and re.search(r"(?:ienne|éenne|aise|oise|aine|ande|ale|ine|ée|ère)$", t.text):
            return "f"
        if _is_adj(t) and re.search(r"(?:ien|éen|ais|ois|ain|and|al|ol|if|eur)$", t.text):
            return "m"  # "ministre valdorien des Finances"
    if low in TITLE_HEADS:
        return ""  # "ministre", "porte-parole": the model's guess is no evidence
    g = doc[head].morph.get("Gender")
    return {"Fem": "f", "Masc": "m"}.get(g[0] if g else "", "")


def _clean_phrase(text: str) -> str:
    for dem, art in _DEMONSTRATIVE.items():
        text = re.sub(rf"(?i)\b(de|à) {dem} ", lambda m, a=art: f"{m.group(1)} {a} ", text)
    text = re.sub(r"\b(de|à) le ", lambda m: "du " if m.group(1) == "de" else "au ", text)
    text = re.sub(r"\b(de|à) les ", lambda m: "des " if m.group(1) == "de" else "aux ", text)
    text = re.sub(r"\b(de|à) l' ", r"\1 l'", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _is_person(run: _Run, doc, is_title: bool) -> bool:
    if doc[run.start].text.lower() in ("le", "la", "les", "l'"):
        return False  # "Le Courrier", "La Gazette": a title of a paper, not a person
    if run.mention is not None:
        return run.mention.entity.type == "person"
    return is_title and run.end - run.start >= 2


def find_appositions(ctx: Context) -> list[Apposition]:
    """Every (name, noun phrase) pair the article puts side by side (found once per
    article: the role and the definition questions both read them)."""
    if "appositions" not in ctx.cache:
        ctx.cache["appositions"] = _find_appositions(ctx)
    return ctx.cache["appositions"]


def _find_appositions(ctx: Context) -> list[Apposition]:
    doc = ctx.doc
    names = _Names(ctx)
    out: list[Apposition] = []
    seen: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        span = sent.span
        if span is None or not len(span):
            continue
        lo, hi = span.start, span.end
        chained: dict[int, tuple[_Run, bool]] = {}  # "X, ancien A et ancien B": B's holder too
        for h in range(lo, hi):
            tok = doc[h]
            if not _is_head_candidate(tok) or h in names.person_start:
                continue
            low = _lower(tok)
            is_title = low in TITLE_HEADS
            if not is_title and (tok.pos_ != "NOUN" or not tok.text[:1].islower()):
                continue
            start, det = _phrase_start(doc, h, lo)
            end = _phrase_end(doc, h, hi, names, is_title)
            found = _holder(ctx, doc, names, sent, start, end, det, is_title)
            if found is None and start - 1 in chained and is_title:
                run, past = chained[start - 1]
                found = (run, "after", past)
            if found is None:
                continue
            run, pattern, past_verb = found
            person = _is_person(run, doc, is_title)
            if run.mention is not None and run.mention.entity.type in (
                "country",
                "city",
                "region",
                "place",
            ):
                continue  # places have their own questions
            first = start + (1 if det else 0)
            phrase = _clean_phrase(
                ctx.article.text[doc[first].idx : doc[end - 1].idx + len(doc[end - 1])]
            )
            words = phrase.split()
            if person and not is_title:
                # "le socialiste Paolo Verdi": a one-word description right before the name
                if pattern != "before" or det not in ("le", "la", "l'") or len(words) != 1:
                    continue
            if not person:
                if pattern == "after" and det in ("les", "des") and run.end - run.start == 1:
                    continue  # "les chars d'Abrams, les véhicules de …": a list, not a definition
                if is_title or low in _RELATIONAL or not run.known or len(words) < 2:
                    continue
                if any(w.lower() in TITLE_HEADS for w in words[1:]) or "«" in phrase:
                    continue  # "la visite officielle du président iranien X": X is the président's
                if pattern == "before" and _inner_noun_phrase(doc, h, end):
                    continue  # "le projet d'oléoduc de la compagnie X": X is the compagnie's
            if is_title and low in _RELATIONAL:
                continue  # "son successeur X": says how two people relate, not an office
            if not phrase or _DEICTIC.search(phrase) or re.match(r"(?i)autres?\b", phrase):
                continue
            cut = _ANAPHORIC.search(phrase) if is_title else None
            if cut:
                phrase = phrase[: cut.start()].strip()  # "chef du gouvernement du pays": which one?
            holder = _holder_text(ctx, doc, run)
            if fold(holder) in fold(phrase) or re.search(r"\b(?:son|sa|ses|leur|leurs)\b", phrase):
                continue
            if pattern == "after" and end < hi and _lower(doc[end]) == "et":
                chained[end] = (run, past_verb)
            key = (fold(holder), fold(phrase))
            if key in seen:
                continue
            seen.add(key)
            number = doc[h].morph.get("Number")
            out.append(
                Apposition(
                    holder=holder,
                    entity=run.mention.entity if run.mention is not None else None,
                    phrase=phrase,
                    det=det,
                    head=low,
                    gender=_gender(doc, first, h, end, det),
                    plural=bool(number and number[0] == "Plur") or det in ("les", "des", "aux"),
                    is_title=is_title,
                    person=person,
                    past=past_verb or bool(_PAST & {_lower(t) for t in doc[first:h]}),
                    sent=sent,
                    start=doc[first].idx,
                    end=doc[end - 1].idx + len(doc[end - 1]),
                    pattern=pattern,
                    cut=bool(cut),
                )
            )
    return out


def _inner_noun_phrase(doc, head: int, end: int) -> bool:
    """A complement with its own determiner and common noun: the name after it is that noun's."""
    for j in range(head + 1, end - 1):
        low = _lower(doc[j])
        if (low in ("la", "l'", "le", "les", "du", "des", "au", "aux")) and doc[
            j + 1
        ].pos_ == "NOUN":
            if doc[j + 1].text[:1].islower():
                return True
    return False


def _holder_text(ctx: Context, doc, run: _Run) -> str:
    if run.mention is not None and run.mention.entity.type == "person":
        return ctx.display(run.mention.entity)
    return ctx.article.text[doc[run.start].idx : doc[run.end - 1].idx + len(doc[run.end - 1])]


def _closes(doc, end: int, hi: int) -> bool:
    if end >= hi:
        return True
    t = doc[end]
    if t.text in (",", ".", ")", ";", "»", ":") or t.pos_ in ("AUX", "VERB"):
        return True
    if _lower(t) == "et" and end + 1 < hi:  # "X, ancien A et ancien B"
        nxt = doc[end + 1]
        return _is_adj(nxt) or _lower(nxt) in TITLE_HEADS
    return False


def _holder(
    ctx: Context, doc, names: _Names, sent, start: int, end: int, det: str, is_title: bool
) -> tuple[_Run, str, bool] | None:
    """The name a phrase is set against (before it, after it, or linked by a copula) and how."""
    lo, hi = sent.span.start, sent.span.end
    text = ctx.article.text
    # "Jeanne Morel, directrice …" / "l'Unesco, l'agence …" / "X, officiellement le …"
    k = start - 1
    if k > lo and doc[k].pos_ == "ADV" and doc[k].text[:1].islower():
        k -= 1
    if k > lo and doc[k].text == "," and det not in _POSSESSIVE and _closes(doc, end, hi):
        run = _run_before(doc, k, names, lo)
        if run is not None:
            return run, "after", False
    # "le Premier ministre portugais Paulo Ramos"
    if det or (is_title and (start == lo or doc[start - 1].pos_ in ("ADP", "PUNCT"))):
        run = _run_after(doc, end, names, hi)
        if run is not None:
            return run, "before", False
        # "Le Premier ministre, Paul Durand, …"
        if (
            is_title
            and end + 1 < hi
            and doc[end].text == ","
            and det in ("le", "la", "l'", "du", "au")
        ):
            run = _run_after(doc, end + 1, names, hi)
            ok = run is not None and (
                end + 1 in names.person_start or (run.mention is None and run.end - run.start >= 2)
            )
            if ok and (
                run.end >= hi
                or doc[run.end].text in (",", ".", ";")
                or doc[run.end].pos_ in ("AUX", "VERB")
            ):
                return run, "comma", False
    # "X est une firme japonaise", "X avait été ministre de …"
    cm = _COPULA_BEFORE.search(text[sent.start : doc[start].idx])
    if cm is None or (
        det not in ("un", "une", "") and not (is_title and det in ("le", "la", "l'"))
    ):
        return None
    vtok = next((t for t in doc[lo:hi] if t.idx >= sent.start + cm.start("verb")), None)
    if vtok is None or vtok.i <= lo:
        return None
    run = _run_before(doc, vtok.i, names, lo)
    if run is None:
        return None
    if run.start > lo and doc[run.start - 1].pos_ not in ("PUNCT", "DET", "ADV", "CCONJ"):
        return None
    return run, "copula", bool(re.search(r"été|était|fut", cm.group("verb")))


# --- questions ------------------------------------------------------------------


_VOWEL = re.compile(r"(?i)[aeiouyhéèêàâîôû]")


def _with_det(phrase: str, gender: str, plural: bool = False, definite: bool = True) -> str:
    if definite:
        if plural:
            return "les " + phrase
        if _VOWEL.match(phrase):
            return "l'" + phrase
        return ("la " if gender == "f" else "le ") + phrase
    if plural:
        return "des " + phrase
    return ("une " if gender == "f" else "un ") + phrase


def _person_gender(ctx: Context, a: Apposition) -> str:
    if a.entity is not None and a.entity.gender:
        return a.entity.gender
    if a.gender:
        return a.gender
    # "Hessa al-Jaber avait été ministre … Elle a été assermentée …": the next subject pronoun
    nxt = ctx.sentences[a.sent.index + 1].text if a.sent.index + 1 < len(ctx.sentences) else ""
    return {"Elle": "f", "Il": "m"}.get(nxt.split(" ", 1)[0], "")


def _person_entity(a: Apposition) -> Entity:
    if a.entity is not None:
        return a.entity
    return Entity(id="person:" + fold(a.holder), type="person", name=a.holder)


#: A complement that points back to something named earlier ("du pays", "de l'organisation").
_ANAPHORIC = re.compile(
    r"(?:\b(?:du|de la|des)\s|\bde l')(?:pays|ville|groupe|organisation|parti|mouvement|entreprise"
    r"|société|région|firme|compagnie|banque|formation|institution|mouvance)$"
)
_ANCIEN = re.compile(r"(?i)^(?:ancien|ancienne|ex-)\s?")


#: Offices anyone may hold: wrong options for a one-word title ("président", "général").
_COMMON_OFFICES = ("ministre", "ambassadeur", "porte-parole", "député", "sénateur", "gouverneur")


def _title_distractors(
    a: Apposition, gender: str, pool: list[Apposition], countries: list[str]
) -> list[str]:
    """Other titles of the article first, then the gazetteer's titles of the article's
    countries (never « ministre russe de la Défense » for a Qatari minister), agreeing
    with the holder.

    A one-word answer gets one-word options: "président" among "Premier ministre israélien"
    and "vice-présidente américaine" would stand out.
    """
    mine = [p.phrase for p in pool if _same_holder(p, a)]
    others = [
        p.phrase
        for p in pool
        if p.is_title and p.head not in _RELATIONAL and not _same_holder(p, a)
    ]
    if len(a.phrase.split()) == 1:
        cands = [o for o in others if len(o.split()) == 1]
        cands += [p.head for p in pool if not _same_holder(p, a) and p.head not in _RELATIONAL]
        cands += list(_COMMON_OFFICES)
    elif office_kind(a.phrase) == "other":
        # « pape des coptes », « porte-parole de l'Entsoe »: no political office of the
        # gazetteer is a plausible option, only the article's own titles
        cands = others
    else:
        gaz = [
            e.role
            for e in load_gazetteer().by_type("person")
            if e.role and e.country and e.country in countries
        ]
        gaz.sort(key=lambda r: -fuzz.token_set_ratio(r, a.phrase))
        cands = [*others, *gaz]
    wrong: list[str] = []
    for r in cands:
        if len(a.phrase.split()) > 1 and len(r.split()) == 1:
            continue  # « président » alone among « secrétaire d'État auprès de … »: stands out
        if gender == "f":
            r = _feminine(r)
            if _MASCULINE_ADJ.search(r) or r.split()[0] in _MASCULINE_ONLY:
                continue  # "secrétaire d'État américain" cannot be made to agree word by word
        elif _looks_feminine(r):
            continue
        if bool(_ANCIEN.match(r)) != bool(_ANCIEN.match(a.phrase)) and r not in others:
            continue  # "ancien …" among current titles gives the answer away
        if any(clashes(r, x) for x in [a.phrase, *mine, *wrong]) or fold(a.holder) in fold(r):
            continue
        wrong.append(r)
        if len(wrong) == 3:
            break
    return wrong


def _same_holder(a: Apposition, b: Apposition) -> bool:
    if a.entity is not None and b.entity is not None and a.entity.id == b.entity.id:
        return True
    return clashes(a.holder, b.holder)


_FEMININE_WORD = re.compile(
    r"^(?:présidente|chancelière|ambassadrice|dirigeante|représentante|conseillère|directrice|reine"
    r"|sénatrice|députée|procureure|avocate|candidate|fondatrice|patronne|princesse|ancienne)$"
)


_FEMININE_TITLE = {
    "avocat": "avocate",
    "patron": "patronne",
    "candidat": "candidate",
    "fondateur": "fondatrice",
    "procureur": "procureure",
    "sénateur": "sénatrice",
    "député": "députée",
    "conseiller": "conseillère",
    "gouverneur": "gouverneure",
    "roi": "reine",
    "prince": "princesse",
    "général": "générale",
    "chercheur": "chercheuse",
    "professeur": "professeure",
    "délégué": "déléguée",
    "préfet": "préfète",
    "militant": "militante",
    "opposant": "opposante",
    "négociateur": "négociatrice",
}


def _feminine(title: str) -> str:
    """ "avocat" -> "avocate", then the adjectives (kinds_people.feminine)."""
    head, _, rest = title.partition(" ")
    head = _FEMININE_TITLE.get(head, head)
    return feminine(f"{head} {rest}".strip())


_MASCULINE_ONLY = _MASCULINE_HEADS | {"émir", "pape", "colonel", "commandant", "directeur"}
_MASCULINE_ADJ = re.compile(r"\b[a-zé-]+(?:ain|ien|éen|ais|ois|and|ol|el|if)\b")


def _looks_feminine(title: str) -> bool:
    """ "ministre nord-coréenne des Affaires étrangères": never an option for a man."""
    words = []
    for w in title.split():
        if w in ("de", "du", "des", "d'", "à", "en") or w.startswith(("d'", "l'")):
            break
        words.append(w.split("-")[-1])
    return any(
        _FEMININE_WORD.match(w) or re.search(r"(?:ienne|éenne|aise|oise|aine|ande|ère|ée)$", w)
        for w in words
    )


#: One-word titles that say something on their own (« émir » among « ministre »,
#: « directeur »), unlike « chef », « président » or « porte-parole ».
_ONE_OF_A_KIND = frozenset(
    "émir roi reine pape prince princesse sultan monarque patriarche chancelier chancelière"
    " imam ayatollah".split()
)


#: One-word titles that say nothing on their own: every article has a « chef ».
_EMPTY_ALONE = frozenset(
    "chef président ministre directeur porte-parole patron dirigeant responsable secrétaire"
    " leader membre représentant conseiller général haut numéro".split()
)


def _feminine_free(head: str) -> str:
    return {"présidente": "président", "directrice": "directeur", "patronne": "patron"}.get(
        head, re.sub(r"(?<=[nt])e$", "", head.replace("ère", "er"))
    )


def _who_stem(a: Apposition, gender: str) -> str | None:
    """ "Qui est le Premier ministre espagnol ?" """
    if a.det in _POSSESSIVE or a.det in _DEMONSTRATIVE:
        return None
    if len(a.phrase.split()) < 2:
        # "Qui est le général cité dans l'article ?": others the article names may be
        # generals too; only a title one person holds (« l'émir », « la reine ») is asked
        if a.pattern != "before" or a.det not in ("le", "la", "l'") or a.head not in _ONE_OF_A_KIND:
            return None
        g = gender or a.gender
        np = _with_det(a.phrase, g)
        return f"Qui est {np} {'citée' if g == 'f' else 'cité'} dans l'article ?"
    if a.cut or _ANAPHORIC.search(a.phrase):
        return None  # "Qui est le chef du gouvernement du pays ?": which country?
    if not a.is_title:
        np = _with_det(a.phrase, gender or a.gender)
        return f"Qui est {np} {'citée' if (gender or a.gender) == 'f' else 'cité'} dans l'article ?"
    g = a.gender or gender
    # "Qui est porte-parole de l'Unesco ?": no article rather than a guessed gender
    np = _with_det(a.phrase, g) if g or _VOWEL.match(a.phrase) else a.phrase
    verb = "était" if a.past and not _ANCIEN.match(a.phrase) else "est"
    return f"Qui {verb} {np} ?"


def role_questions(ctx: Context) -> list[Candidate]:
    """Who holds a title, and which title someone holds."""
    apps = [a for a in find_appositions(ctx) if a.person]
    out: list[Candidate] = []
    asked_forward: list[Apposition] = []
    done: list[Apposition] = []
    for a in apps:
        if any(_same_holder(a, d) and fold(a.phrase) == fold(d.phrase) for d in done):
            continue  # "Cheikh Karim ben Ali Al Rachid" then "Al Rachid", both "l'émir"
        done.append(a)
        gender = _person_gender(ctx, a)
        person = _person_entity(a)
        # the title the article gives them says whose world the wrong options come from
        person = dataclasses.replace(person, gender=gender, role=person.role or a.phrase)
        name = a.holder
        forms = [name, *person.aliases, name.split()[-1]]
        # who holds it: only when no one else in the article holds a title like it
        stem = _who_stem(a, gender)
        rivals = [b for b in apps if not _same_holder(a, b) and clashes(a.phrase, b.phrase)]
        if stem is not None and not rivals:
            opts, gaz = entity_options(ctx, person, name, stem, same_gender=True)
            if len(opts) == 3:
                q = mcq(
                    stem,
                    name,
                    opts,
                    kind="role",
                    source=source_of(a.sent),
                    explanation=explanation(a.sent, f"{name}, {a.phrase}"),
                    tags=["role"],
                )
                score = (0.86 if a.is_title else 0.74) - 0.02 * gaz
                out.append(Candidate(q, a.sent, forms, score))
        # which title they hold
        if (
            not a.is_title
            or a.head in _RELATIONAL
            # « chef », « président » among « ministre », « porte-parole »: empty
            or len(a.phrase.split()) == 1
            and _feminine_free(a.head) in _EMPTY_ALONE
            or any(_same_holder(a, b) for b in asked_forward)
        ):
            continue
        if a.past and not _ANCIEN.match(a.phrase):
            stem = f"Quelle fonction a occupée {name} ?"
        else:
            stem = f"Quelle est la fonction {de(name)} ?"
        wrong = _title_distractors(a, gender, apps, article_countries(ctx))
        if len(wrong) < 3:
            continue
        q = mcq(
            stem,
            a.phrase,
            wrong,
            kind="role",
            source=source_of(a.sent),
            explanation=explanation(a.sent, f"{name}, {a.phrase}"),
            tags=["role"],
        )
        asked_forward.append(a)
        out.append(Candidate(q, a.sent, [a.phrase], 0.84))
    return out


#: What a description's head noun says the thing is: « le quotidien libanais » is a
#: newspaper, so its wrong options are newspapers, never « Pentagone ».
_KIND_OF_THING = {
    **dict.fromkeys(
        "quotidien journal hebdomadaire magazine mensuel agence chaîne radio site".split(), "media"
    ),
    **dict.fromkeys("parti formation".split(), "party"),
}


def _thing_entity(a: Apposition) -> Entity:
    name = re.sub(r"^(?:l'|le |la |les )", "", a.holder)  # "Le Courrier" keeps its capital article
    if a.entity is not None and a.entity.type != "person" and fold(a.entity.name) == fold(name):
        return a.entity
    return Entity(id="org:" + fold(name), type="org", name=name)


def _article_names(ctx: Context) -> list[str]:
    """Organisations and other named things of the article (no people, no places)."""
    out = [ctx.display(e) for e in ctx.ents.of_type("org")]
    people = [ctx.display(e) for e in ctx.ents.of_type("person")]
    people += [a.holder for a in find_appositions(ctx) if a.person]
    taken = [(m.start, m.end) for m in ctx.ents.mentions]
    for ent in ctx.doc.ents:
        s, e = ent.start_char, ent.end_char
        if ent.label_ not in ("ORG", "MISC") or any(not (e <= a or s >= b) for a, b in taken):
            continue
        text = ent.text.strip(" ,.")
        if len(text) >= 3 and text[:1].isupper() and len(text.split()) <= 4:
            if not any(clashes(text, p) for p in people):
                out.append(text)
    return out


def _what_stem(holder: str, plural: bool) -> str:
    if plural:
        return f"Que désignent {holder} dans l'article ?"
    if re.match(r"(?i)[aeiouyhéèêàâîôû]", holder):
        return f"Qu'est-ce qu'{holder} ?"
    return f"Qu'est-ce que {holder} ?"


def definition_questions(ctx: Context) -> list[Candidate]:
    """What a name stands for, and which name stands for a description."""
    apps = [a for a in find_appositions(ctx) if not a.person]
    out: list[Candidate] = []
    for a in apps:
        holder = _holder_with_article(ctx, a)
        others = [b for b in apps if not _same_holder(a, b)]
        # "Qu'est-ce que SoftBank ?" -> "une firme japonaise"
        answer = _with_det(a.phrase, a.gender, a.plural, definite=False)
        mine = [b.phrase for b in apps if _same_holder(a, b)]
        wrong: list[str] = []
        for b in others:
            w = _with_det(b.phrase, b.gender, b.plural, definite=False)
            if b.plural == a.plural and not any(clashes(w, x) for x in [answer, *mine, *wrong]):
                wrong.append(w)
        if len(wrong) >= 3:
            q = mcq(
                _what_stem(holder, a.plural),
                answer,
                wrong[:3],
                kind="definition",
                source=source_of(a.sent),
                explanation=explanation(a.sent, f"{holder}, {answer}"),
                tags=["definition"],
            )
            out.append(Candidate(q, a.sent, [answer, a.phrase], 0.8))
        # "Dans l'article, comment s'appelle la firme japonaise ?" -> "SoftBank"
        if any(fold(b.phrase) == fold(a.phrase) for b in others):
            continue
        np = _with_det(a.phrase, a.gender, a.plural)
        stem = f"Dans l'article, comment {'s’appellent' if a.plural else 's’appelle'} {np} ?"
        stem = stem.replace("’", "'")
        thing = _thing_entity(a)
        if not thing.role and _KIND_OF_THING.get(a.head):
            thing = dataclasses.replace(thing, role=_KIND_OF_THING[a.head])
        name = thing.name
        # names of the article only: the gazetteer's bodies make absurd firms or newspapers
        pool = [_thing_entity(b).name for b in others]
        if thing.role:  # a newspaper, a party: the gazetteer knows others of the kind
            pool += entity_options(ctx, thing, name, stem, n=6)[0]
        else:
            pool += _article_names(ctx)
        wrong = []
        for o in pool:
            if fold(o) in fold(stem) or any(clashes(o, x) for x in [name, *thing.aliases, *wrong]):
                continue
            wrong.append(o)
        if len(wrong) < 3:
            continue
        q = mcq(
            stem,
            name,
            wrong[:3],
            kind="definition",
            source=source_of(a.sent),
            explanation=explanation(a.sent, f"{holder}, {a.phrase}"),
            tags=["definition"],
        )
        out.append(Candidate(q, a.sent, [name, holder, *thing.aliases], 0.78))
    return out


def _holder_with_article(ctx: Context, a: Apposition) -> str:
    """ "l'Unesco" when the article writes it with its article."""
    if re.match(r"(?i)(?:l'|la |le |les )", a.holder):
        return a.holder
    text = ctx.article.text
    pos = text.find(a.holder, a.sent.start)
    m = (
        re.search(r"(?:^|[\s(])(l'|la |le |les )$", text[max(0, pos - 5) : pos])
        if pos > 0
        else None
    )
    return m.group(1) + a.holder if m else a.holder
