"""A title as a question writes it: « ministre de la Défense », never « Ministre de la
Défense »; « président de la Commission européenne » when the article names the
Commission in full elsewhere and writes « la Commission » in the apposition."""

from __future__ import annotations

import re

#: Title words French writes in lower case inside a sentence (« Premier ministre » keeps
#: its capital, as the press writes it).
_LOWER_HEADS = re.compile(
    r"^(?:Ministre|Président|Présidente|Vice-président|Vice-présidente|Secrétaire|Chef|Cheffe"
    r"|Porte-parole|Directeur|Directrice|Ambassadeur|Ambassadrice|Chancelier|Chancelière"
    r"|Commissaire|Gouverneur|Gouverneure|Procureur|Procureure|Député|Députée|Sénateur"
    r"|Sénatrice|Maire|Conseiller|Conseillère|Haut représentant|Haute représentante)\b"
)
#: Bodies an article names in full once, then by their first word.
_BODIES = ("Commission", "Conseil", "Parlement", "Cour", "Banque", "Assemblée", "Cour suprême")
_ADJECTIVE = (
    r"[a-zàâçéèêëîïôûùüÿœ-]+(?:éenne|ienne|aine|aise|oise|ale|ique|ain|ais|ois|ien|éen|al|el"
    r"|elle|ème|ême|aire|ande|and)"
)


def typeset(title: str) -> str:
    """« Ministre de la Défense » → « ministre de la Défense »."""
    if _LOWER_HEADS.match(title):
        return title[:1].lower() + title[1:]
    return title


def expand_bodies(title: str, article: str) -> str:
    """« président de la Commission » → « président de la Commission européenne » when the
    article writes « Commission européenne » and no other « Commission … »."""
    for body in _BODIES:
        m = re.search(rf"\b{body}(?=\s*$|\s*[,;)])", title)
        if m is None:
            continue
        full = {f.group(1) for f in re.finditer(rf"\b{body}\s({_ADJECTIVE})\b", article)}
        if len(full) == 1:
            title = f"{title[: m.end()]} {full.pop()}{title[m.end() :]}"
    return title
