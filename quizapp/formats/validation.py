"""The rules a question must follow to be stored, whatever file it came from.

Each problem is a sentence saying what was expected, so that an import
listing them lets a teacher fix the file without reading code.
"""

from __future__ import annotations

import re

from quizapp.domain.questiondata import STATUSES, TYPES, Answer, Blank, QuestionData

from .base import N_, parse_num

TEXT_FORMATS = ("plain", "html", "markdown", "moodle")
BLANK_TYPES = ("short", "mcq", "numeric")
EPS = 0.01
CLOZE_MARKER = re.compile(r"\{(\d{1,4})\}")


def _is_full(fraction: float) -> bool:
    return abs(fraction - 1.0) < 1e-6


def _choice_problems(answers: list[Answer], single: bool, where: str = "") -> list[str]:
    out = []
    if len(answers) < 2:
        out.append(
            N_("%(where)sil faut au moins 2 options, il y en a %(n)d")
            % {"where": where, "n": len(answers)}
        )
    for i, a in enumerate(answers, 1):
        if not a.text.strip():
            out.append(N_("%(where)sl'option %(i)d est vide") % {"where": where, "i": i})
        if not -1.0 - 1e-9 <= a.fraction <= 1.0 + 1e-9:
            out.append(
                N_("%(where)soption %(i)d : la fraction %(f)s sort de -1..1 (-100 %%..100 %%)")
                % {"where": where, "i": i, "f": a.fraction}
            )
    if single:
        # Several options worth 100 % are allowed, as in Moodle: picking any of them
        # scores full marks (GIFT's {=Paris =Lyon ~Lille}).
        if not any(_is_full(a.fraction) for a in answers):
            out.append(
                N_(
                    "%(where)sil faut au moins une bonne option (fraction 1, 100 %%), "
                    "il n'y en a aucune"
                )
                % {"where": where}
            )
    else:
        total = sum(a.fraction for a in answers if a.fraction > 0)
        if abs(total - 1.0) > EPS:
            out.append(
                N_(
                    "%(where)sles fractions des bonnes options doivent faire 1 au total (100 %%), "
                    "elles font %(t)s"
                )
                % {"where": where, "t": round(total, 4)}
            )
    return out


def _open_problems(answers: list[Answer], numeric: bool, where: str = "") -> list[str]:
    out = []
    if not answers:
        out.append(N_("%(where)sil faut au moins une réponse acceptée") % {"where": where})
        return out
    for i, a in enumerate(answers, 1):
        if numeric:
            if a.text.strip() != "*" and parse_num(a.text) is None:
                out.append(
                    N_("%(where)sréponse %(i)d : un nombre est attendu, pas %(t)r")
                    % {"where": where, "i": i, "t": a.text}
                )
            if a.tolerance < 0:
                out.append(
                    N_("%(where)sréponse %(i)d : la tolérance ne peut pas être négative")
                    % {"where": where, "i": i}
                )
        elif not a.text.strip():
            out.append(N_("%(where)sla réponse %(i)d est vide") % {"where": where, "i": i})
        if not 0.0 <= a.fraction <= 1.0 + 1e-9:
            out.append(
                N_("%(where)sréponse %(i)d : la fraction %(f)s sort de 0..1 (0 %%..100 %%)")
                % {"where": where, "i": i, "f": a.fraction}
            )
    if not any(_is_full(a.fraction) for a in answers):
        out.append(
            N_("%(where)sil faut une réponse qui vaut 100 %% (fraction 1)") % {"where": where}
        )
    return out


def _blank_problems(i: int, b: Blank) -> list[str]:
    where = N_("trou {%(i)d} : ") % {"i": i}
    if b.type == "mcq":
        return _choice_problems(b.answers, True, where)
    if b.type == "multi":
        return _choice_problems(b.answers, False, where)
    if b.type in ("short", "numeric"):
        return _open_problems(b.answers, b.type == "numeric", where)
    return [
        N_("%(where)stype inconnu %(t)r ; types possibles : %(ts)s")
        % {"where": where, "t": b.type, "ts": ", ".join(BLANK_TYPES)}
    ]


def _truefalse_problems(q: QuestionData) -> list[str]:
    texts = [a.text for a in q.answers]
    if texts != ["true", "false"]:
        return [
            N_("une question vrai/faux a les réponses 'true' puis 'false', pas %(t)s")
            % {"t": texts}
        ]
    if sorted(round(a.fraction, 6) for a in q.answers) != [0.0, 1.0]:
        return [N_("une question vrai/faux a une réponse qui vaut 1 et l'autre 0")]
    return []


def _matching_problems(q: QuestionData) -> list[str]:
    out = []
    real = [p for p in q.pairs if p[0].strip()]
    if len(real) < 2:
        out.append(
            N_("une question d'appariement a au moins 2 paires, il y en a %(n)d") % {"n": len(real)}
        )
    for i, (_prompt, match) in enumerate(q.pairs, 1):
        if not match.strip():
            out.append(N_("la paire %(i)d n'a pas de correspondance") % {"i": i})
    return out


def _cloze_problems(q: QuestionData) -> list[str]:
    out = []
    found = [int(m) for m in CLOZE_MARKER.findall(q.stem)]
    if sorted(found) != list(range(1, len(q.blanks) + 1)):
        out.append(
            N_(
                "le texte doit contenir les repères {1}..{%(n)d} une fois chacun, "
                "un par trou ; trouvés : %(f)s"
            )
            % {"n": len(q.blanks), "f": found}
        )
    for i, b in enumerate(q.blanks, 1):
        out += _blank_problems(i, b)
    return out


def _type_problems(q: QuestionData) -> list[str]:
    """What the question's type requires of its answers, pairs or blanks."""
    if q.type in ("mcq", "multi"):
        return _choice_problems(q.answers, q.type == "mcq")
    if q.type == "truefalse":
        return _truefalse_problems(q)
    if q.type in ("short", "numeric"):
        return _open_problems(q.answers, q.type == "numeric")
    if q.type == "matching":
        return _matching_problems(q)
    if q.type == "cloze":
        return _cloze_problems(q)
    return []


def _settings_problems(q: QuestionData) -> list[str]:
    """Status, text format, confidence and mark out of their range."""
    out = []
    if q.status not in STATUSES:
        out.append(
            N_("statut inconnu %(s)r ; statuts possibles : %(ss)s")
            % {"s": q.status, "ss": ", ".join(STATUSES)}
        )
    if q.text_format not in TEXT_FORMATS:
        out.append(
            N_("format de texte inconnu %(f)r ; formats possibles : %(fs)s")
            % {"f": q.text_format, "fs": ", ".join(TEXT_FORMATS)}
        )
    if q.confidence is not None and not 0.0 <= q.confidence <= 1.0:
        out.append(N_("la confiance est comprise entre 0 et 1, pas %(c)s") % {"c": q.confidence})
    if q.default_mark < 0:
        out.append(N_("la note ne peut pas être négative"))
    return out


def validate(q: QuestionData) -> list[str]:
    """Every problem that keeps ``q`` from being stored; empty when it is fine."""
    if q.type not in TYPES:
        return [
            N_("type de question inconnu %(t)r ; types possibles : %(ts)s")
            % {"t": q.type, "ts": ", ".join(TYPES)}
        ]
    out: list[str] = []
    if not q.stem.strip() and q.type != "cloze":
        out.append(N_("le texte de la question est vide"))
    return out + _type_problems(q) + _settings_problems(q)
