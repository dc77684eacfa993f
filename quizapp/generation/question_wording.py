"""A clause worded as a question: inversion, participle agreement, no discourse adverb."""

from __future__ import annotations

import re

_DISCOURSE_ADVERBS = {
    "même",
    "ainsi",
    "donc",
    "également",
    "aussi",
    "d'ailleurs",
    "toutefois",
    "cependant",
    "pourtant",
    "néanmoins",
    "en effet",
}


def invert(finite_text: str, pron: str) -> str:
    """ "a" + "elle" -> "a-t-elle"; "avaient" + "ils" -> "avaient-ils"."""
    if pron in ("il", "elle") and finite_text[-1:] in "aeéc":
        return f"{finite_text}-t-{pron}"
    return f"{finite_text}-{pron}"


_AVOIR = re.compile(
    r"^(?P<lead>(?:[a-zé']+\s)*?(?:a|ont|avait|avaient|aura|auront|aurait|auraient|eut|eurent)"
    r"(?:-t)?-(?:il|elle|ils|elles|on))\s+(?P<adv>(?:(?:déjà|aussi|également|encore|même|bien|"
    r"ainsi|enfin|finalement|notamment|pas|jamais|plus)\s+)*)(?P<part>[a-zàâçéèêëîïôûùüÿœ-]+)\b"
)


def agree_participle(pred: str, gender: str, plural: bool) -> str:
    """ "a-t-elle détruit" -> "a-t-elle détruits" when « combien de chars » now comes
    first: a direct object placed before « avoir » makes its past participle agree."""
    m = _AVOIR.match(pred)
    if not m:
        return pred
    part = m.group("part")
    if not part.endswith(("é", "i", "u", "t", "s", "ert", "int")):
        return pred  # not a past participle
    if gender == "f":
        new = part + ("es" if plural else "e")
    elif plural and not part.endswith(("s", "x")):
        new = part + "s"
    else:
        new = part
    return pred[: m.start("part")] + new + pred[m.end("part") :]


def strip_discourse(text: str) -> str:
    """Drop discourse adverbs that make no sense in a question ("ont même conclu")."""
    for adv in _DISCOURSE_ADVERBS:
        text = re.sub(rf"(?<=\s){re.escape(adv)}\s", "", text)
    return text


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return text.strip(" ,")
