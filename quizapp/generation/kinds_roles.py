"""Questions on who holds which title, and on which title a person holds.

They come from appositions read off the parse: a noun phrase next to a name,
« Jeanne Morel, directrice du bureau Afrique de l'ONG », « le Premier ministre
portugais Paulo Ramos », « Télonet, opérateur de téléphonie mobile », « X est une
firme japonaise ». When the phrase is headed by a title noun (ministre, directeur,
porte-parole… French vocabulary, never names) and sits next to a person, it is a
role; next to anything else it is a definition, asked in ``kinds_definitions``.
"""

from __future__ import annotations

import dataclasses
import re

from rapidfuzz import fuzz

from .apposition_phrases import (
    DEMONSTRATIVE,
    MASCULINE_HEADS,
    POSSESSIVE,
    RELATIONAL,
    VOWEL,
    with_det,
)
from .appositions import ANAPHORIC, Apposition, find_appositions, same_holder
from .context import Candidate, Context, de, fact_candidate
from .dates import MONTHS
from .distractor_worlds import article_countries
from .distractors import clashes, entity_options
from .gazetteer import Entity, load_gazetteer, office_kind
from .kinds_people import feminine
from .office_names import expand_bodies, typeset
from .text import fold

# --- questions ------------------------------------------------------------------


def _person_gender(ctx: Context, a: Apposition) -> str:
    if a.entity is not None and a.entity.gender:
        return a.entity.gender
    if a.gender:
        return a.gender
    # "Claire Verneuil avait été ministre … Elle a été assermentée …": the next subject pronoun
    nxt = ctx.sentences[a.sent.index + 1].text if a.sent.index + 1 < len(ctx.sentences) else ""
    return {"Elle": "f", "Il": "m"}.get(nxt.split(" ", 1)[0], "")


def _person_entity(a: Apposition) -> Entity:
    if a.entity is not None:
        return a.entity
    return Entity(id="person:" + fold(a.holder), type="person", name=a.holder)


_ANCIEN = re.compile(r"(?i)^(?:ancien|ancienne|ex-)\s?")


#: Offices anyone may hold: wrong options for a one-word title ("président", "général").
#: Offices every government has, to write in the answer's country: « ministre polonais de
#: la Défense » among the options for « Premier ministre de Pologne ».
_CABINET = (
    "ministre {} des Affaires étrangères",
    "ministre {} de la Défense",
    "ministre {} de l'Intérieur",
    "ministre {} de la Justice",
    "ministre {} de l'Économie",
)


def _compatriots_first(answer: str, cands: list[str]) -> list[str]:
    """The titles of the answer's country first, then its cabinet's offices, then the
    others: « Premier ministre australien » among three British offices stands out."""
    gaz = load_gazetteer()
    home = gaz.place_in(answer)[0]
    country = gaz.lookup(home) if home else None
    if country is None or not country.adjective:
        return cands
    same = [c for c in cands if gaz.place_in(c)[0] == home]
    cabinet = [office.format(country.adjective) for office in country.cabinet or _CABINET]
    return [*same, *cabinet, *(c for c in cands if c not in same)]


_COMMON_OFFICES = ("ministre", "ambassadeur", "porte-parole", "député", "sénateur", "gouverneur")


def _same_office(title: str, answer: str) -> bool:
    """Two ways of writing one office: the same kind (head of state, of government…) in
    the same country; ministers of one country hold different offices."""
    kind = office_kind(title)
    if kind in ("minister", "other") or kind != office_kind(answer):
        return False
    gazetteer = load_gazetteer()
    home = gazetteer.place_in(answer)[0]
    return bool(home) and gazetteer.place_in(title)[0] == home


def _title_distractors(
    a: Apposition, gender: str, pool: list[Apposition], countries: list[str]
) -> list[str]:
    """Other titles of the article first, then the gazetteer's titles of the article's
    countries (never « ministre russe de la Défense » for a Qatari minister), agreeing
    with the holder.

    A one-word answer gets one-word options: "président" among "Premier ministre israélien"
    and "vice-présidente américaine" would stand out.
    """
    mine = [p.phrase for p in pool if same_holder(p, a)]
    others = [
        p.phrase for p in pool if p.is_title and p.head not in RELATIONAL and not same_holder(p, a)
    ]
    if len(a.phrase.split()) == 1:
        cands = [o for o in others if len(o.split()) == 1]
        cands += [p.head for p in pool if not same_holder(p, a) and p.head not in RELATIONAL]
        cands += list(_COMMON_OFFICES)
    elif office_kind(a.phrase) == "other":
        # « évêque de Valdor », « porte-parole d'Eurogrid »: no political office of the
        # gazetteer is a plausible option, only the article's own titles
        cands = others
    else:
        gaz = [
            e.role
            for e in load_gazetteer().by_type("person")
            if e.role and e.country and e.country in countries
        ]
        gaz.sort(key=lambda r: -fuzz.token_set_ratio(r, a.phrase))
        cands = _compatriots_first(a.phrase, [*others, *gaz])
    wrong: list[str] = []
    for r in map(typeset, cands):
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
        if _same_office(r, a.phrase):
            continue  # « Première ministre polonaise » for « Premier ministre de Pologne »
        wrong.append(r)
        if len(wrong) == 3:
            break
    return wrong


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


_MASCULINE_ONLY = MASCULINE_HEADS | {"émir", "pape", "colonel", "commandant", "directeur"}
_MASCULINE_ADJ = re.compile(r"\b[a-zé-]+(?:ain|ien|éen|ais|ois|and|ol|el|if|ant)\b")


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


def _who_stem(a: Apposition, gender: str, when: str = "") -> str | None:
    """ "Qui était le Premier ministre espagnol en juillet 2016 ?" (``when``: the article's
    month, « en juillet 2016 »; without it, « Qui est … ? »)."""
    if a.det in POSSESSIVE or a.det in DEMONSTRATIVE:
        return None
    if len(a.phrase.split()) < 2:
        # "Qui est le général cité dans l'article ?": others the article names may be
        # generals too; only a title one person holds (« l'émir », « la reine ») is asked
        if a.pattern != "before" or a.det not in ("le", "la", "l'") or a.head not in _ONE_OF_A_KIND:
            return None
        g = gender or a.gender
        np = with_det(a.phrase, g)
        return f"Qui est {np} {'citée' if g == 'f' else 'cité'} dans l'article ?"
    if a.cut or ANAPHORIC.search(a.phrase):
        return None  # "Qui est le chef du gouvernement du pays ?": which country?
    if not a.is_title:
        np = with_det(a.phrase, gender or a.gender)
        return f"Qui est {np} {'citée' if (gender or a.gender) == 'f' else 'cité'} dans l'article ?"
    g = a.gender or gender
    # "Qui est porte-parole de l'Unesco ?": no article rather than a guessed gender
    np = with_det(a.phrase, g) if g or VOWEL.match(a.phrase) else a.phrase
    if fold(a.phrase) in _NATIONAL_OFFICES:
        # « Qui était le Premier ministre ? »: of which country? The holder's, if known
        named = _named_office(a, g)
        if named == a.phrase:
            return None
        np = with_det(named, g) if g or VOWEL.match(named) else named
    if a.past and not _ANCIEN.match(a.phrase):
        return f"Qui était {np} ?"
    if when and not _ANCIEN.match(a.phrase):
        # an office changes hands: « Qui était le président valdorien en janvier 2016 ? »
        return f"Qui était {np} {when} ?"
    return f"Qui est {np} ?"


#: Offices every country has, which say nothing until the country is named.
_NATIONAL_OFFICES = (
    "premier ministre",
    "premiere ministre",
    "chef du gouvernement",
    "cheffe du gouvernement",
    "chef de l'etat",
    "cheffe de l'etat",
)


def _named_office(a: Apposition, gender: str) -> str:
    """« chef du gouvernement italien » for a holder the gazetteer places in Italy, when
    the article wrote « chef du gouvernement » alone; the phrase as written otherwise."""
    if fold(a.phrase) not in _NATIONAL_OFFICES:
        return a.phrase
    # « cheffe du gouvernement italien »: the adjective goes with « gouvernement »
    agrees = "f" if fold(a.phrase).startswith("premiere") else "m"
    adjective = _country_adjective(a, agrees if gender == "f" else "m")
    return f"{a.phrase} {adjective}" if adjective else a.phrase


def _country_adjective(a: Apposition, gender: str) -> str:
    """« espagnol(e) » for a holder the gazetteer places in Spain; "" when unknown."""
    gaz = load_gazetteer()
    person = a.entity or gaz.lookup(a.holder)
    country = gaz.lookup(person.country) if person is not None and person.country else None
    adjective = country.adjective if country is not None else ""
    if gender != "f" or not adjective or adjective.endswith("e"):
        return adjective
    return adjective + ("ne" if adjective.endswith(("ien", "éen")) else "e")


def article_month(ctx: Context) -> str:
    """« en janvier 2016 »: when the article says its facts held; "" without its date."""
    d = ctx.article.date
    return f"en {MONTHS[d.month - 1]} {d.year}" if d else ""


def role_questions(ctx: Context) -> list[Candidate]:
    """Who holds a title, and which title someone holds."""
    apps = [_as_written(ctx, a) for a in find_appositions(ctx) if a.person]
    out: list[Candidate] = []
    asked_forward: list[Apposition] = []
    done: list[Apposition] = []
    for a in apps:
        if any(same_holder(a, d) and fold(a.phrase) == fold(d.phrase) for d in done):
            continue  # "Cheikh Karim ben Ali Al Rachid" then "Al Rachid", both "l'émir"
        done.append(a)
        gender = _person_gender(ctx, a)
        who = _who_holds_question(ctx, a, apps, gender)
        if who is not None:
            out.append(who)
        if any(same_holder(a, b) for b in asked_forward):
            continue
        which = _which_title_question(ctx, a, apps, gender)
        if which is not None:
            asked_forward.append(a)
            out.append(which)
    return out


def _as_written(ctx: Context, a: Apposition) -> Apposition:
    """The title as a question writes it: lower case « ministre », the body named in full."""
    phrase = typeset(expand_bodies(a.phrase, ctx.article.text))
    return a if phrase == a.phrase else dataclasses.replace(a, phrase=phrase)


def _who_holds_question(
    ctx: Context, a: Apposition, apps: list[Apposition], gender: str
) -> Candidate | None:
    """ "Qui est le Premier ministre espagnol ?": only when no one else in the article
    holds a title like it."""
    person = _person_entity(a)
    # the title the article gives them says whose world the wrong options come from
    person = dataclasses.replace(person, gender=gender, role=person.role or a.phrase)
    name = a.holder
    forms = [name, *person.aliases, name.split()[-1]]
    stem = _who_stem(a, gender, article_month(ctx))
    # « le chef Valdo Morel » is no rival of « le chef du Front valdorien »: a title that
    # says less is another office as far as the question goes
    rivals = [
        b
        for b in apps
        if not same_holder(a, b)
        and clashes(a.phrase, b.phrase)
        and len(b.phrase.split()) >= len(a.phrase.split())
    ]
    if stem is None or rivals:
        return None
    opts, gaz = entity_options(ctx, person, name, stem, same_gender=True, compatriots=True)
    if len(opts) != 3:
        return None
    score = (0.86 if a.is_title else 0.74) - 0.02 * gaz
    return fact_candidate(
        a.sent, stem, name, opts, score, forms, kind="role", explained=f"{name}, {a.phrase}"
    )


def _which_title_question(
    ctx: Context, a: Apposition, apps: list[Apposition], gender: str
) -> Candidate | None:
    """ "Quelle est la fonction de Jeanne Morel ?" with other titles as wrong options."""
    if (
        not a.is_title
        or a.head in RELATIONAL
        # « chef », « président » among « ministre », « porte-parole »: empty
        or len(a.phrase.split()) == 1
        and _feminine_free(a.head) in _EMPTY_ALONE
    ):
        return None
    name = a.holder
    when = article_month(ctx)
    if a.past and not _ANCIEN.match(a.phrase):
        stem = f"Quelle fonction a occupée {name} ?"
    elif when and not _ANCIEN.match(a.phrase):
        stem = f"Quelle était la fonction {de(name)} {when} ?"
    else:
        stem = f"Quelle est la fonction {de(name)} ?"
    wrong = _title_distractors(a, gender, apps, article_countries(ctx))
    answer = _named_office(a, gender or a.gender)
    if len(wrong) < 3 or any(fold(w) == fold(answer) for w in wrong):
        return None
    explained = f"{name}, {a.phrase}"
    return fact_candidate(
        a.sent, stem, answer, wrong, 0.84, [a.phrase, answer], kind="role", explained=explained
    )
