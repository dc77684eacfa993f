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

from rapidfuzz import fuzz

from .apposition_phrases import DEMONSTRATIVE, MASCULINE_HEADS, POSSESSIVE, RELATIONAL
from .appositions import ANAPHORIC, Apposition, find_appositions
from .context import Candidate, Context, de, explanation, mcq, source_of
from .distractor_worlds import article_countries
from .distractors import clashes, entity_options
from .gazetteer import Entity, load_gazetteer, office_kind
from .kinds_people import feminine
from .text import fold

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
        p.phrase for p in pool if p.is_title and p.head not in RELATIONAL and not _same_holder(p, a)
    ]
    if len(a.phrase.split()) == 1:
        cands = [o for o in others if len(o.split()) == 1]
        cands += [p.head for p in pool if not _same_holder(p, a) and p.head not in RELATIONAL]
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


_MASCULINE_ONLY = MASCULINE_HEADS | {"émir", "pape", "colonel", "commandant", "directeur"}
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
    if a.det in POSSESSIVE or a.det in DEMONSTRATIVE:
        return None
    if len(a.phrase.split()) < 2:
        # "Qui est le général cité dans l'article ?": others the article names may be
        # generals too; only a title one person holds (« l'émir », « la reine ») is asked
        if a.pattern != "before" or a.det not in ("le", "la", "l'") or a.head not in _ONE_OF_A_KIND:
            return None
        g = gender or a.gender
        np = _with_det(a.phrase, g)
        return f"Qui est {np} {'citée' if g == 'f' else 'cité'} dans l'article ?"
    if a.cut or ANAPHORIC.search(a.phrase):
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
            or a.head in RELATIONAL
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
