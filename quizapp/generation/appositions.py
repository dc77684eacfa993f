"""Reading appositions off the parse: a noun phrase the article puts next to a name
(« Florent Geel, directeur du bureau Afrique de la FIDH », « le Premier ministre
portugais X », « X est une firme japonaise ») and what it tells about the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context, SentenceInfo
from .gazetteer import Entity
from .name_runs import Names, Run, lowered, name_like, run_after, run_before
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


_PAST = frozenset("ancien ancienne ex ex- anciens anciennes".split())


#: Words that only make sense where the article says them: never in a stem or an option.
_DEICTIC = re.compile(
    r"(?i)(?<!\w)(?:hier|demain|aujourd'hui|ce (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"|même|celui-ci|celle-ci|dernier en date|lui|elle|eux|notre|nos|votre|vos|mon|ma|mes)(?!\w)"
)


_COPULA_BEFORE = re.compile(
    r"(?:^|\s)(?P<verb>est|était|(?:a|avait)(?: précédemment| déjà| auparavant| aussi)? été|fut"
    r"|reste|demeure|devient|est devenue?)\s+$"
)


@dataclass
class Apposition:
    """A noun phrase the article puts next to a name, and what it tells about the name."""

    holder: str  # the name, as the article writes it ("Marie Lefort", "l'Unesco")
    entity: Entity | None
    phrase: str  # without its determiner: "porte-parole du gouvernement valdorien"
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


def _is_adj(tok) -> bool:
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


def _is_head_candidate(tok) -> bool:
    if not tok.text[:1].isalpha():
        return False
    if lowered(tok) in TITLE_HEADS:  # the small model tags "ministre" as a verb now and then
        return "Fin" not in tok.morph.get("VerbForm")
    return tok.pos_ in ("NOUN", "ADJ", "PROPN")


def _phrase_end(doc, head: int, limit: int, names: Names, title: bool) -> int:
    """Where the noun phrase headed by ``head`` stops: before a verb, a clause, a name or a comma."""
    j = head + 1
    in_complement = False
    while j < limit and j - head <= 14:
        t, low, prev = doc[j], lowered(doc[j]), doc[j - 1]
        after_adp = prev.pos_ in ("ADP", "DET") or lowered(prev) in _COMPLEMENT_ADP
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
        elif low in DEMONSTRATIVE and prev.pos_ == "ADP":
            pass
        elif low == "et" and in_complement and j + 1 < limit:
            nxt = lowered(doc[j + 1])
            if not (nxt in _COMPLEMENT_ADP or nxt in ("la", "l'", "le", "les")):
                break  # "… et ancien ministre de l'Intérieur": a second title
        elif t.text[:1].isupper() and t.pos_ in ("NOUN", "PROPN", "ADJ", "X"):
            if not in_complement:
                break  # "le ministre Dupont": a name, not part of the title
            nxt = lowered(doc[j + 1]) if j + 1 < limit else ""
            if not after_adp and not prev.text[:1].isupper() and nxt not in _COMPLEMENT_ADP:
                break  # "l'opérateur de téléphonie mobile Sprint": the name after the title
            if not after_adp and j + 1 < limit and name_like(doc[j + 1]):
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
            and lowered(doc[j + 1]) in ("la", "l'", "le", "les", "des", "un", "une")
        ):
            in_complement = True  # "l'association regroupant les gestionnaires …"
        else:
            break
        j += 1
    while j > head + 1 and (
        doc[j - 1].pos_ in ("ADP", "DET", "CCONJ") or lowered(doc[j - 1]) in _COMPLEMENT_ADP
    ):
        j -= 1
    return j


def _phrase_start(doc, head: int, floor: int) -> tuple[int, str]:
    """First token of the phrase (pre-head adjectives included) and its determiner as written."""
    i = head
    while i > floor and (
        _is_adj(doc[i - 1])
        or lowered(doc[i - 1]) in ("ex-", "vice-", "haut", "premier", "première")
    ):
        i -= 1
    if i > floor:
        low = lowered(doc[i - 1])
        if low in _DETS or low in POSSESSIVE or low in DEMONSTRATIVE or low in _CONTRACTED:
            return i - 1, low
    return i, ""


_CONTRACTED = {"du": "le", "au": "le", "des": "les", "aux": "les"}


def _gender(doc, start: int, head: int, end: int, det: str) -> str:
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
        if _is_adj(t) and re.search(r"(?:ienne|éenne|aise|oise|aine|ande|ale|ine|ée|ère)$", t.text):
            return "f"
        if _is_adj(t) and re.search(r"(?:ien|éen|ais|ois|ain|and|al|ol|if|eur)$", t.text):
            return "m"  # "ministre valdorien des Finances"
    if low in TITLE_HEADS:
        return ""  # "ministre", "porte-parole": the model's guess is no evidence
    g = doc[head].morph.get("Gender")
    return {"Fem": "f", "Masc": "m"}.get(g[0] if g else "", "")


def _clean_phrase(text: str) -> str:
    for dem, art in DEMONSTRATIVE.items():
        text = re.sub(rf"(?i)\b(de|à) {dem} ", lambda m, a=art: f"{m.group(1)} {a} ", text)
    text = re.sub(r"\b(de|à) le ", lambda m: "du " if m.group(1) == "de" else "au ", text)
    text = re.sub(r"\b(de|à) les ", lambda m: "des " if m.group(1) == "de" else "aux ", text)
    text = re.sub(r"\b(de|à) l' ", r"\1 l'", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _is_person(run: Run, doc, is_title: bool) -> bool:
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
    names = Names(ctx)
    out: list[Apposition] = []
    seen: set[tuple[str, str]] = set()
    for sent in ctx.sentences:
        span = sent.span
        if span is None or not len(span):
            continue
        lo, hi = span.start, span.end
        chained: dict[int, tuple[Run, bool]] = {}  # "X, ancien A et ancien B": B's holder too
        for h in range(lo, hi):
            tok = doc[h]
            if not _is_head_candidate(tok) or h in names.person_start:
                continue
            low = lowered(tok)
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
                if is_title or low in RELATIONAL or not run.known or len(words) < 2:
                    continue
                if any(w.lower() in TITLE_HEADS for w in words[1:]) or "«" in phrase:
                    continue  # "la visite officielle du président iranien X": X is the président's
                if pattern == "before" and _inner_noun_phrase(doc, h, end):
                    continue  # "le projet d'oléoduc de la compagnie X": X is the compagnie's
            if is_title and low in RELATIONAL:
                continue  # "son successeur X": says how two people relate, not an office
            if not phrase or _DEICTIC.search(phrase) or re.match(r"(?i)autres?\b", phrase):
                continue
            cut = ANAPHORIC.search(phrase) if is_title else None
            if cut:
                phrase = phrase[: cut.start()].strip()  # "chef du gouvernement du pays": which one?
            holder = _holder_text(ctx, doc, run)
            if fold(holder) in fold(phrase) or re.search(r"\b(?:son|sa|ses|leur|leurs)\b", phrase):
                continue
            if pattern == "after" and end < hi and lowered(doc[end]) == "et":
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
                    past=past_verb or bool(_PAST & {lowered(t) for t in doc[first:h]}),
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
        low = lowered(doc[j])
        if (low in ("la", "l'", "le", "les", "du", "des", "au", "aux")) and doc[
            j + 1
        ].pos_ == "NOUN":
            if doc[j + 1].text[:1].islower():
                return True
    return False


def _holder_text(ctx: Context, doc, run: Run) -> str:
    if run.mention is not None and run.mention.entity.type == "person":
        return ctx.display(run.mention.entity)
    return ctx.article.text[doc[run.start].idx : doc[run.end - 1].idx + len(doc[run.end - 1])]


def _closes(doc, end: int, hi: int) -> bool:
    if end >= hi:
        return True
    t = doc[end]
    if t.text in (",", ".", ")", ";", "»", ":") or t.pos_ in ("AUX", "VERB"):
        return True
    if lowered(t) == "et" and end + 1 < hi:  # "X, ancien A et ancien B"
        nxt = doc[end + 1]
        return _is_adj(nxt) or lowered(nxt) in TITLE_HEADS
    return False


def _holder(
    ctx: Context, doc, names: Names, sent, start: int, end: int, det: str, is_title: bool
) -> tuple[Run, str, bool] | None:
    """The name a phrase is set against (before it, after it, or linked by a copula) and how."""
    lo, hi = sent.span.start, sent.span.end
    text = ctx.article.text
    # "Jeanne Morel, directrice …" / "l'Unesco, l'agence …" / "X, officiellement le …"
    k = start - 1
    if k > lo and doc[k].pos_ == "ADV" and doc[k].text[:1].islower():
        k -= 1
    if k > lo and doc[k].text == "," and det not in POSSESSIVE and _closes(doc, end, hi):
        run = run_before(doc, k, names, lo)
        if run is not None:
            return run, "after", False
    # "le Premier ministre portugais Paulo Ramos"
    if det or (is_title and (start == lo or doc[start - 1].pos_ in ("ADP", "PUNCT"))):
        run = run_after(doc, end, names, hi)
        if run is not None:
            return run, "before", False
        # "Le Premier ministre, Paul Durand, …"
        if (
            is_title
            and end + 1 < hi
            and doc[end].text == ","
            and det in ("le", "la", "l'", "du", "au")
        ):
            run = run_after(doc, end + 1, names, hi)
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
    run = run_before(doc, vtok.i, names, lo)
    if run is None:
        return None
    if run.start > lo and doc[run.start - 1].pos_ not in ("PUNCT", "DET", "ADV", "CCONJ"):
        return None
    return run, "copula", bool(re.search(r"été|était|fut", cm.group("verb")))


#: A complement that points back to something named earlier ("du pays", "de l'organisation").
ANAPHORIC = re.compile(
    r"(?:\b(?:du|de la|des)\s|\bde l')(?:pays|ville|groupe|organisation|parti|mouvement|entreprise"
    r"|société|région|firme|compagnie|banque|formation|institution|mouvance)$"
)
