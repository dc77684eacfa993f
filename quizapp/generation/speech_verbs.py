"""The French verbs of saying and of stance a statement is read with, in every form a
news sentence uses (present, past, future, conditional, participle, gerund): a closed
list of the language's verbs, never of anyone's words.
"""

from __future__ import annotations

import re

#: Regular -er verbs of saying or stance. Those in QUOTE_ONLY say nothing about a
#: position unless a quotation follows ("trouve le moratoire « insuffisant »").
_ER = (
    "accuser affirmer ajouter alerter annoncer assurer commenter condamner confier confirmer"
    " contester critiquer déclarer déplorer demander dénoncer estimer évoquer exhorter exiger"
    " exprimer féliciter fustiger indiquer insister juger lancer menacer nier opposer parler"
    " plaider préciser proclamer prononcer proposer prôner qualifier réaffirmer réclamer"
    " refuser regretter reprocher revendiquer saluer souhaiter souligner trouver"
).split()


#: Irregular verbs: (present 3sg, present 3pl, imperfect stem, past participle).
_IRREGULAR = {
    "dire": ("dit", "disent", "dis", "dit"),
    "décrire": ("décrit", "décrivent", "décriv", "décrit"),
    "promettre": ("promet", "promettent", "promett", "promis"),
    "mettre en garde": ("met en garde", "mettent en garde", "mett", "mis en garde"),
    "avertir": ("avertit", "avertissent", "avertiss", "averti"),
    "prévenir": ("prévient", "préviennent", "préven", "prévenu"),
    "démentir": ("dément", "démentent", "dément", "démenti"),
    "reconnaître": ("reconnaît", "reconnaissent", "reconnaiss", "reconnu"),
    "voir": ("voit", "voient", "voy", "vu"),
    "répondre": ("répond", "répondent", "répond", "répondu"),
    "craindre": ("craint", "craignent", "craign", "craint"),
    "réjouir": ("réjouit", "réjouissent", "réjouiss", "réjoui"),
    "réagir": ("réagit", "réagissent", "réagiss", "réagi"),
    "appeler": ("appelle", "appellent", "appel", "appelé"),
    "rappeler": ("rappelle", "rappellent", "rappel", "rappelé"),
    "rejeter": ("rejette", "rejettent", "rejet", "rejeté"),
    "espérer": ("espère", "espèrent", "espér", "espéré"),
    "marteler": ("martèle", "martèlent", "martel", "martelé"),
    "inquiéter": ("inquiète", "inquiètent", "inquiét", "inquiété"),
}


QUOTE_ONLY = {
    "ajouter",
    "commenter",
    "confier",
    "décrire",
    "évoquer",
    "insister",
    "juger",
    "lancer",
    "marteler",
    "parler",
    "qualifier",
    "réagir",
    "répondre",
    "trouver",
    "voir",
}


#: Verbs that need a "que", a colon or a quotation after them to report speech.
NEEDS_CLAUSE = {"dire", "déclarer", "affirmer", "estimer", "assurer", "indiquer", "préciser"}


REFLEXIVE_ONLY = {"réjouir", "inquiéter", "opposer", "prononcer"}


def _forms() -> dict[str, str]:
    """Every written form -> infinitive (present, imperfect, past participle)."""
    out: dict[str, str] = {}
    for inf in _ER:
        stem = inf[:-2]
        imp = stem + ("ç" if stem.endswith("c") else "e" if stem.endswith("g") else "")
        for f in (stem + "e", stem + "ent", imp + "ait", imp + "aient", stem + "é"):
            out[f] = inf
    for inf, (p3, p6, imp, pp) in _IRREGULAR.items():
        for f in (p3, p6, imp + "ait", imp + "aient", pp):
            out[f] = inf
    return out


def _conjugations() -> dict[str, tuple[str, str, str]]:
    """infinitive -> (present 3sg, present 3pl, past participle)."""
    out = {inf: (inf[:-2] + "e", inf[:-2] + "ent", inf[:-2] + "é") for inf in _ER}
    out.update({inf: (p3, p6, pp) for inf, (p3, p6, _, pp) in _IRREGULAR.items()})
    return out


def _gerunds() -> dict[str, str]:
    """ "affirmant" -> "affirmer": the participle clause after a statement."""
    out = {}
    for inf in _ER:
        stem = inf[:-2]
        out[stem + ("ç" if stem.endswith("c") else "e" if stem.endswith("g") else "") + "ant"] = inf
    for inf, (_, _, imp, _) in _IRREGULAR.items():
        if " " not in inf:
            out[imp + "ant"] = inf
    return out


FORMS = _forms()


CONJ = _conjugations()


GERUNDS = _gerunds()


PARTICIPLES = {f for f, inf in FORMS.items() if f.endswith(("é", "i", "u", "it", "is", "garde"))}


VERB = "|".join(sorted((re.escape(f) for f in FORMS), key=len, reverse=True))


ADVERBS = (
    r"(?:ainsi|aussi|également|ensuite|déjà|notamment|même|pourtant|d'ailleurs|toutefois|alors"
    r"|encore|de nouveau|vivement|fermement|publiquement|immédiatement|aussitôt|enfin|hier|samedi"
    r"|dimanche|lundi|mardi|mercredi|jeudi|vendredi|lui-même|elle-même|eux-mêmes|rapidement"
    r"|longuement|clairement|officiellement|récemment|solennellement|pour sa part|de son côté)"
)
