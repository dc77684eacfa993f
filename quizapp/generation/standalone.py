"""Sentences copied into a question (true/false, cloze) must read without the one before.

A copied sentence keeps the links it had in the article: « Or ce sont des territoires… »,
« Le pays se dirige donc vers… », « Quelques heures après, une seconde explosion… ». Some
links can be dropped without changing what the sentence says (an opening « En effet, »,
an inner « donc », a live blog's « Vers 18h00, »); others leave the student asking « which
one? » (« Le ministère », « Le bilan », « Un autre contrat »), and the sentence is no
question on its own.
"""

from __future__ import annotations

import re

from .context import SentenceInfo, capitalize

#: Openings that only link to the sentence before: dropped.
_OPENING_LINK = re.compile(
    r"^(?:(?:En effet|Par ailleurs|Ainsi|Toutefois|Cependant|Pourtant|De plus|De même|Enfin"
    r"(?: et surtout)?|Surtout|Dans ce contexte|Dans l'ensemble|Mais|Or|Donc|Aussi|En outre"
    r"|Néanmoins|D'ailleurs|Au contraire|Par conséquent|En revanche),\s+"
    r"|(?:Or|Mais|Et|Donc|Puis)\s+(?=\S))"
)
#: A live blog's hour (« Vers 18h00, », « À 8 h 30, »): a detail no one is asked about.
_OPENING_HOUR = re.compile(r"^(?:Vers|À|A|Dès|Peu avant|Peu après)\s+\d{1,2}\s?h\s?(?:\d{2})?,\s+")
#: Inner links that add nothing once the sentence stands alone.
_INNER_LINK = re.compile(
    r",\s(?:donc|d'ailleurs|en effet|toutefois|elle|lui),(?=\s)|\s(?:donc|d'ailleurs|en effet)(?=\s)"
    # « La Valdorie est ainsi accusée … »: « ainsi » links to the sentence before (« ainsi
    # que » is a conjunction and stays)
    r"|(?<=[a-zé])\sainsi(?=\s(?!que\b|qu'))"
    # « a également reconnu », « souhaite aussi nommer », « perd toutefois »: added to what
    # the sentence before said (« aussi grand que » compares and stays)
    r"|(?<=[a-zé])\s(?:également|aussi|toutefois|cependant|pourtant)(?=\s(?![a-zé]+\s+qu))"
)
#: What can only be read with the sentence before: a time counted from it, a contrast
#: with it, « another » one of what it named.
_LEANS_BACK = re.compile(
    r"^(?:Quelques (?:heures|jours|minutes|semaines|mois) (?:après|plus tard)"
    r"|(?:Un|Deux|Trois|Quatre|Cinq|Dix) (?:heures?|jours?|minutes?|semaines?|mois|ans?) plus tard"
    r"|Peu (?:après|avant)|Le lendemain|La veille|Ensuite|Même son de cloche"
    r"|Comme en \d{4}|Au même moment|Dans la foulée|À son tour|À l'inverse"
    r"|(?:Pour|Selon|D'après) (?:lui|elle|eux|elles))\b"
    r"|\b(?:non plus|lui aussi|elle aussi|eux aussi|elles aussi|à son tour|à leur tour|cette fois"
    r"|quant à (?:lui|elle|eux)|un autre|une autre|l'autre"
    r"|suivante?s?|précédente?s?)\b",
    re.IGNORECASE,
)


#: « X ajoute que … » adds to what X said before; alone, X declares it.
_ADDS = (
    (re.compile(r"\bajoute(nt)?(?= que\b| qu')"), r"déclare\1"),
    (re.compile(r"\bajoutait(?= que\b| qu')"), "déclarait"),
    (re.compile(r"\b(a|ont|avait|avaient) ajouté(?= que\b| qu')"), r"\1 déclaré"),
    (re.compile(r"\bajoutant(?= que\b| qu')"), "déclarant"),
)


def without_addition(stem: str) -> str:
    """« Verneuil ajoute qu'il … » → « Verneuil déclare qu'il … »: the sentence the verb
    added to is not there."""
    for pattern, repl in _ADDS:
        stem = pattern.sub(repl, stem)
    return stem


def plain_statement(stem: str) -> str:
    """The stem without the links it had in the article: « Le pays se dirige donc vers… »
    reads « Le pays se dirige vers… », « En effet, l'armée… » reads « L'armée… »."""
    out = stem
    for pattern in (_OPENING_LINK, _OPENING_HOUR):
        cut = pattern.sub("", out, count=1)
        if cut != out and not cut.startswith("{"):
            out = capitalize(cut)
    return without_addition(_INNER_LINK.sub("", out))


def leans_back(sent: SentenceInfo, stem: str) -> bool:
    """Whether a copied sentence needs the one before it to be understood."""
    if _LEANS_BACK.search(stem.replace("{1}", "…")):
        return True
    if getattr(sent, "referent", None):
        return False  # « Le tribunal » now reads « Le tribunal de Castelbourg » (coref.readable)
    return _bare_definite_subject(sent)


#: A word after the noun that reads as its adjective, whatever the parse made of it
#: (« l'armée valdorienne », « le ministère ougandais »).
_ADJECTIVE_ENDING = re.compile(
    r"^[a-zàâçéèêëîïôûùüÿœ-]+(?:ien|ienne|iens|iennes|ain|aine|ains|aines|ais|aise|aises"
    r"|ois|oise|oises|éen|éenne|éens|éennes|ique|iques|al|ale|aux|ales)$"
)


def _bare_definite_subject(sent: SentenceInfo) -> bool:
    """« Le ministère évalue… », « Le pays se dirige… »: the subject of the main verb is a
    common noun with « le », « la » or « l' » and nothing that says which one (no
    adjective, complement or name), so it points at something named before."""
    span = getattr(sent, "span", None)
    if span is None:
        return False
    for t in span:
        if not t.dep_.startswith("nsubj") or t.head.dep_ != "ROOT" or t.pos_ != "NOUN":
            continue
        children = list(t.children)
        dets = [c for c in children if c.dep_ == "det"]
        after = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if (
            len(children) == 1
            and dets
            and dets[0].text.lower() in ("le", "la", "les", "l'")
            and dets[0].i == t.i - 1
            # and nothing after it that says which one, whatever the parse made of it
            and (after is None or after.pos_ in ("AUX", "VERB", "PRON", "ADV", "PUNCT"))
            and not (after is not None and _ADJECTIVE_ENDING.search(after.text))
        ):
            return True
    return False
