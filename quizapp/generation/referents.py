"""« ce projet de loi », « le Conseil », « les accords » say which one, once out of the article.

A sentence in the middle of an article names what it speaks of the short way: the lead
said « un projet de loi sur la presse », the fourth paragraph says « ce projet de
loi »; the lead said « le Conseil valdorien », later « le Conseil ». Copied into a
question, the short way leaves the student asking « which one? ». When the sentences
before name the same noun once with what tells it apart (an adjective, a complement, a
name, a participle), the question says it that way: « le projet de loi sur la presse »,
« le Conseil valdorien » (short word groups without a clause or a comma).

Only the same noun is taken (« le texte » for « le projet de loi » is not), only when the
earlier mentions agree on one fuller form (or one is named far more often than the
others), and never when the fuller form would give away the answer.
"""

from __future__ import annotations

import re

from .context import Candidate, Context, SentenceInfo
from .text import fold

_DEMONSTRATIVE = {"ce": "le", "cet": "l'", "cette": "la", "ces": "les"}
_DEFINITE = {"le", "la", "l'", "les"}
#: What an earlier mention may open on: the thing introduced or named before.
_INDEFINITE = {"un", "une", "des"}
_EARLIER_DETS = _DEFINITE | _INDEFINITE | {"du", "au", "aux"}
#: Nouns that stand in for a name given before (« le groupe » for the Conseil named in
#: the lead): the same noun with a complement earlier is often something else.
_STAND_INS = {
    "groupe",
    "organisation",
    "pays",
    "ville",
    "région",
    "parti",
    "entreprise",
    "société",
    "homme",
    "femme",
    "président",
    "présidente",
    "ministre",
    "dirigeant",
    "chef",
    "capitale",
    "état",
    "gouvernement",
    "mouvement",
    "territoire",
    "journal",
    "agence",
    "firme",
    "compagnie",
    "fois",
    "an",
    "année",
    "mois",
    "jour",
    "semaine",
    "moment",
    "heure",
}
_VOWELS = set("aeiouyàâéèêëîïôöûü")
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"}
#: Words and marks that end a fuller form.
_STOP_TEXT = {",", ".", ";", ":", "!", "?", "(", ")", "«", "»", "qui", "que", "dont", "où"}
_MAX_WORDS = 8


def spell_out_referents(ctx: Context, cands: list[Candidate]) -> None:
    """Replace, in every stem, the short noun groups its sentence names the short way by
    the fuller form the sentences before give them."""
    cache: dict[int, list[tuple[str, str, bool]]] = {}
    for c in cands:
        sent = c.sentence
        if sent is None or sent.span is None:
            continue
        if sent.index not in cache:
            cache[sent.index] = _replacements(ctx, sent)
        stem = c.question.stem
        for short, full, named in cache[sent.index]:
            found = re.search(rf"{re.escape(short)}\b", stem)
            if found is None or _gives_away(full, c):
                continue
            if not named and _said_after(stem[found.end() :], short, full):
                continue
            stem = stem[: found.start()] + full + stem[found.end() :]
        c.question.stem = stem


def _said_after(after: str, short: str, full: str) -> bool:
    """The stem goes on with what the fuller form adds (« la Commission européenne »), or
    the fuller form adds nothing."""
    extra = [w for w in full.split() if w not in short.split()]
    return not extra or after.lstrip().startswith(extra[0])


def _gives_away(full: str, c: Candidate) -> bool:
    words = fold(full)
    forms = list(c.answer_forms) + [a.text for a in c.question.answers]
    forms += [a.text for b in c.question.blanks for a in b.answers]
    return any(fold(f) and fold(f) in words for f in forms if f and len(f) > 1)


def _replacements(ctx: Context, sent: SentenceInfo) -> list[tuple[str, str, bool]]:
    """(short form, fuller form, whether the fuller form is a name put in its place)."""
    out = []
    for noun in sent.span:
        if noun.lower_ in _BODIES and noun.morph.get("Number") != ["Plur"]:
            named = _the_body(ctx, sent, noun)
            if named is not None:
                out.append(named)
            continue
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in _STAND_INS:
            continue
        dets = [d for d in noun.lefts if d.dep_ == "det"]
        if len(dets) != 1:
            continue
        det = dets[0].lower_
        demonstrative = det in _DEMONSTRATIVE
        if not demonstrative and det not in _DEFINITE:
            continue
        if not demonstrative and not _bare(noun):
            continue
        own = _own_words(noun)
        if own is None or _said_more(own[-1]):
            continue
        core = ctx.article.text[noun.idx : own[-1].idx + len(own[-1].text)]
        full = _fuller(ctx, sent, noun, core)
        if full is None:
            continue
        start = dets[0].idx
        short = ctx.article.text[start : own[-1].idx + len(own[-1].text)]
        new_det = _DEMONSTRATIVE.get(det, dets[0].text.lower())
        between = ctx.article.text[dets[0].idx + len(dets[0].text) : noun.idx].strip()
        words = (between + " " if between else "") + full
        if new_det in ("le", "la") and words[:1].lower() in _VOWELS:
            new_det = "l'"  # « cette élection » → « l'élection de … »
        replacement = new_det + ("" if new_det.endswith("'") else " ") + words
        if short[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        out.append((short, replacement, False))
    return out


#: « le pays », « l'organisation », « le groupe »: nouns that stand for a name given
#: just before, and the kind of entity they stand for.
_BODIES = {"pays": "country", "organisation": "org", "groupe": "org"}
#: how the name goes in their place after each determiner
_BODY_DETS = {"le": "", "la": "", "l'": "", "ce": "", "cet": "", "cette": "", "du": "de "}


def _the_body(ctx: Context, sent: SentenceInfo, noun) -> tuple[str, str, bool] | None:
    """« le pays », « l'organisation » in a sentence that names no country (no body),
    after one that names one and only one: « l'Égypte »; « du pays »: « de l'Égypte »."""
    doc = noun.doc
    kind = _BODIES[noun.lower_]
    if (
        noun.i == 0
        or _said_more(noun)
        or noun.i + 1 < len(doc)
        and doc[noun.i + 1].lower_
        in (
            "en",
            "où",
            "qui",
        )
    ):
        return None  # « du pays en question », « le pays où … »
    det = doc[noun.i - 1]
    if det.i > 0 and doc[det.i - 1].lower_ in ("dans", "à", "en"):
        return None  # « dans le pays »: « en Valdorie », never « dans la Valdorie »
    if det.lower_ not in _BODY_DETS or any(m.entity.type == kind for m in sent.mentions):
        return None
    named = _named_just_before(ctx, sent, kind)
    if named is None:
        return None
    full = _BODY_DETS[det.lower_] + _with_article(ctx, named)
    full = full.replace("de le ", "du ").replace("de les ", "des ")
    full = re.sub(r"\bde (?=[AEIOUÉÈÂÎaeiouéèâî])", "d'", full)  # « d'Eurogrid »
    short = ctx.article.text[det.idx : noun.idx + len(noun.text)]
    if short[:1].isupper():
        full = full[:1].upper() + full[1:]
    return short, full, True


def _with_article(ctx: Context, entity) -> str:
    """« l'Égypte », « le Conseil valdorien », « Eurogrid »: as the article writes it, with
    the determiner it puts before the name the first time."""
    if entity.article or entity.type == "country":
        return entity.with_article()
    name = ctx.display(entity)
    at = ctx.article.text.find(name)
    before = ctx.article.text[max(0, at - 4) : at].lower() if at > 0 else ""
    for det in ("l'", "le ", "la ", "les "):
        if before.endswith(det) and not name[:1].islower():
            return det + name
    return name


def _bare(noun) -> bool:
    """« le Conseil » as a subject or an object, with nothing after it that says which one
    (« le Conseil de sécurité », « le décret royal ») and not inside a name or a
    complement (« l'Armée de la Valdorie libre »)."""
    if noun.dep_ not in ("nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:mod", "obl:agent"):
        return False
    return not _said_more(noun)


def _said_more(last) -> bool:
    """The words after the noun group still say which one (an adjective, « de … »)."""
    doc = last.doc
    if last.i + 1 >= len(doc):
        return False
    nxt = doc[last.i + 1]
    return (
        nxt.pos_ in ("ADJ", "PROPN", "NUM")
        or nxt.dep_ in ("amod", "acl", "advcl")
        or "Part" in nxt.morph.get("VerbForm")
        or nxt.lower_ in ("de", "du", "des", "d'")
    )


def _own_words(noun):
    """The noun and the short complement it has in its own sentence (« projet de loi »),
    or None when it has a clause or a comma of its own."""
    doc = noun.doc
    end = noun.i
    for child in noun.rights:
        if child.dep_ in ("acl:relcl", "acl", "appos", "conj", "punct", "cc"):
            break
        if child.dep_ in ("nmod", "amod", "flat:name", "nummod", "fixed"):
            end = max(t.i for t in child.subtree)
        else:
            break
    words = doc[noun.i : end + 1]
    if len(words) > 4 or any(t.text in _STOP_TEXT for t in words):
        return None
    return words


def _fuller(ctx: Context, sent: SentenceInfo, noun, core: str) -> str | None:
    """The fuller form the sentences before give the noun: the one that introduced it,
    when only one did (« un contrat pour … », then « un autre contrat »: which one?), or
    the one the definite mentions agree on."""
    wanted = noun.morph.get("Number")
    found: dict[str, list[str]] = {}
    introduced: list[str] = []
    for prev in ctx.sentences[: sent.index]:
        if prev.span is None:
            continue
        for t in prev.span:
            if t.lower_ != noun.lower_:
                continue
            number = t.morph.get("Number")
            if number and wanted and number != wanted:
                continue
            dets = [d.lower_ for d in t.lefts if d.dep_ in ("det", "nummod")]
            if (
                not dets
                or not set(dets) & _EARLIER_DETS
                and "nummod" not in {d.dep_ for d in t.lefts}
            ):
                continue
            longer = _longer_form(ctx, t)
            fits = longer and fold(longer).startswith(fold(core)) and len(longer) > len(core) + 2
            if set(dets) & _INDEFINITE or any(d.lower_ == "autre" for d in t.lefts):
                introduced.append(longer if fits else "")
            if fits:
                found.setdefault(fold(longer), []).append(longer)
    if introduced:
        # « un accord commercial », then « un accord militaire »: which one is « l'accord »?
        return introduced[-1] or None if len({fold(i) for i in introduced}) == 1 else None
    if not found:
        return None
    ranked = sorted(found.values(), key=len, reverse=True)
    if len(ranked) > 1 and len(ranked[0]) < 2 * len(ranked[1]):
        return None  # « le président valdorien », « le président castelan »: which one?
    return ranked[0][0]


def _longer_form(ctx: Context, noun) -> str | None:
    """« projet de loi sur la presse », « armée valdorienne », « otages du Conseil »: the
    noun and the word groups after it that tell it apart, up to the first that is long,
    has a clause or a comma, or names a stand-in (« du pays »)."""
    doc = noun.doc
    end = noun.i
    for child in noun.rights:
        if noun.pos_ == "PROPN" and end == noun.i and child.pos_ != "PROPN":
            break  # « l'Ukraine » never becomes « l'Ukraine plus petite »: only a longer name
        if not (
            child.dep_ in ("nmod", "amod", "flat:name", "fixed")
            or child.dep_ == "acl"
            and "Part" in child.morph.get("VerbForm")
        ):
            break
        last = _plain_end(child)
        if (
            last < child.i
            or child.dep_ == "amod"
            and any(t.pos_ in ("ADP", "NUM") for t in child.subtree)
        ):
            break  # « tue entre 60 »: a verb the parse took for an adjective
        words = doc[noun.i : last + 1]
        if len(words) > _MAX_WORDS or any(
            t.text in _STOP_TEXT
            or t.pos_ in ("AUX", "PRON")
            or t.pos_ == "VERB"
            and "Part" not in t.morph.get("VerbForm")
            or t.dep_ in ("conj", "cc")
            or t.lower_ in _STAND_INS
            and t.i != noun.i
            or t.lower_ in _POSSESSIVES
            for t in words
        ):
            break
        last = _whole_word(words[-1])
        if words[-1].pos_ in ("ADP", "DET", "CCONJ") or last - noun.i >= _MAX_WORDS + 2:
            break
        end = last
    if end == noun.i:
        return None
    return ctx.article.text[noun.idx : doc[end].idx + len(doc[end].text)]


_QUOTES = {"«", "»", '"', "“", "”"}
_CLAUSES = ("acl:relcl", "acl", "advcl", "conj", "cc", "punct", "appos", "parataxis")


def _plain_end(token) -> int:
    """Where the word group under ``token`` ends, leaving out the clauses, lists and
    asides hung on it (« des retraites | qui doit entrer en vigueur »)."""
    end = token.i
    for child in token.children:
        if child.text in _QUOTES:
            return -1  # « dit de « Castel II » »: a quoted name is not cut
    for child in token.rights:
        if child.dep_ in _CLAUSES:
            break
        inner = _plain_end(child)
        if inner < 0:
            return -1
        end = max(end, inner)
    return end


def _whole_word(token) -> int:
    """« libre|-|échange », « al|-|Valdor »: where the word the parse cut ends."""
    doc, end = token.doc, token.i
    while not doc[end].whitespace_ and end + 1 < len(doc) and doc[end + 1].text not in _STOP_TEXT:
        end += 1
    return end


def _named_just_before(ctx: Context, sent: SentenceInfo, kind: str):
    """The one entity of ``kind`` the nearest sentence before that names any names (up to
    three back); None when it names two. A body (« le groupe ») must be that sentence's
    subject: « le groupe » after « Le Conseil …, organe d'Al-Valdor » is the Conseil."""
    for prev in reversed(ctx.sentences[max(0, sent.index - 3) : sent.index]):
        named = {m.entity.id: m for m in prev.mentions if m.entity.type == kind}
        if not named:
            continue
        if len(named) != 1:
            return None
        (m,) = named.values()
        c = prev.clause
        if kind != "country" and (
            c is None or not 0 <= m.start - c.subject_start <= 4 or m.end > c.subject_end + 1
        ):  # the subject is the name (« L'Eurogrid »), not a phrase that holds it
            return None
        return m.entity
    return None
