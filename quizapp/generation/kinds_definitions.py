"""Questions on what a name stands for, and on which name stands for a description."""

from __future__ import annotations

import dataclasses
import re

from .apposition_phrases import with_det
from .appositions import Apposition, find_appositions, same_holder
from .context import Candidate, Context, fact_candidate
from .distractors import clashes, entity_options
from .gazetteer import Entity
from .text import fold

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
        others = [b for b in apps if not same_holder(a, b)]
        what = _what_is_question(a, apps, others, holder)
        if what is not None:
            out.append(what)
        if any(fold(b.phrase) == fold(a.phrase) for b in others):
            continue
        which = _which_name_question(ctx, a, others, holder)
        if which is not None:
            out.append(which)
    return out


def _what_is_question(
    a: Apposition, apps: list[Apposition], others: list[Apposition], holder: str
) -> Candidate | None:
    """ "Qu'est-ce que Télonet ?" -> "une firme japonaise", among the article's other
    descriptions."""
    answer = with_det(a.phrase, a.gender, a.plural, definite=False)
    mine = [b.phrase for b in apps if same_holder(a, b)]
    wrong: list[str] = []
    for b in others:
        w = with_det(b.phrase, b.gender, b.plural, definite=False)
        if b.plural == a.plural and not any(clashes(w, x) for x in [answer, *mine, *wrong]):
            wrong.append(w)
    if len(wrong) < 3:
        return None
    stem = _what_stem(holder, a.plural)
    forms = [answer, a.phrase]
    return fact_candidate(
        a.sent,
        stem,
        answer,
        wrong[:3],
        0.8,
        forms,
        kind="definition",
        explained=f"{holder}, {answer}",
    )


def _which_name_question(
    ctx: Context, a: Apposition, others: list[Apposition], holder: str
) -> Candidate | None:
    """ "Dans l'article, comment s'appelle la firme japonaise ?" -> "Télonet"."""
    np = with_det(a.phrase, a.gender, a.plural)
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
    wrong: list[str] = []
    for o in pool:
        if fold(o) in fold(stem) or any(clashes(o, x) for x in [name, *thing.aliases, *wrong]):
            continue
        wrong.append(o)
    if len(wrong) < 3:
        return None
    forms = [name, holder, *thing.aliases]
    explained = f"{holder}, {a.phrase}"
    # Below the facts: a description fits more than one name of the article as often as
    # not (« la formation de gauche »), and the name is often a source, not a fact.
    return fact_candidate(
        a.sent, stem, name, wrong[:3], 0.4, forms, kind="definition", explained=explained
    )


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
