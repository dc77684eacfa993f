"""A clause turned round into a question: its subject resolved (« il », « les deux
pays »), its verb inverted, the part a question asks about taken out (« Quand X
a-t-il … ? »). Shared by the rules that ask about a clause: dates, places, figures,
whom or what the verb acts on.
"""

from __future__ import annotations

import re

from .clefts import cleft_focus
from .context import Context, SentenceInfo, capitalize
from .question_wording import invert, strip_discourse, tidy

BACK_REF = re.compile(
    r"\b(?:cette question|ces (?!derniers)[a-zé]+|de son côté|les deux pays)\b", re.IGNORECASE
)


ATTRIBUTION = re.compile(
    r"(?P<who>(?:[Ll]es?|[Ll]a|[Ll]')\s?[^,;:«»]{3,80}?)\s+(?:estiment|estime|affirment|affirme|indiquent|indique"
    r"|assurent|assure|selon lesquels|rapportent|rapporte)\s+(?:qu'|que\s)\s*$"
)


#: What opens a noun phrase: the object a comma may have cut off its verb.
_DETERMINER = re.compile(r"(?:un|une|des|le|la|les|l'|du|son|sa|ses|leur|leurs)\b", re.IGNORECASE)


def resolve_subject(ctx: Context, sent: SentenceInfo, subject: str) -> str | None:
    """ "Les deux pays" -> "Moscou et Pyongyang" when the previous sentence says who they are."""
    if re.match(r"(?i)les deux (pays|nations|dirigeants|hommes|camps|parties)$", subject):
        for prev in reversed(ctx.sentences[max(0, sent.index - 2) : sent.index]):
            m = re.search(
                r"entre ((?:la |le |les |l')?[A-ZÉ][\w'-]*(?: [\w'-]+){0,2}) et ((?:la |le |les |l')?[A-ZÉ][\w'-]*(?: d[eu] [A-ZÉ][\w-]*)?)",
                prev.text,
            )
            if m:
                return capitalize(f"{m.group(1)} et {m.group(2)}")
        return None
    m = re.match(r"(Le|La|L'|Les) ?([a-zéèêàâîôû-]+)$", subject)
    if m and sent.clause is not None and sent.clause.demonstrative:
        # "Ce conflit" -> "Le conflit du Donbass" when an earlier sentence names it
        noun = m.group(2)
        for prev in reversed(ctx.sentences[max(0, sent.index - 2) : sent.index]):
            found = re.search(
                rf"\b{re.escape(noun)}(?: [a-zéè]+)? ((?:du|de la|de l'|des) ?[A-ZÉ][\w'-]*)",
                prev.text,
            )
            if found:
                return f"{subject} {found.group(1)}"
    return subject


IMPERSONAL = re.compile(
    r"(?i)il\s+(?:y\b|faut|fallait|s'agit|s'agissait|semble|paraît|reste|suffit|convient|importe"
    r"|arrive|(?:est|était|sera)\s+(?:question|probable|possible|nécessaire|clair|difficile"
    r"|temps|prévu|urgent|important)|(?:a|avait)\s+été\s+(?:convenu|décidé|prévu|annoncé"
    r"|question|jugé|dit|rapporté|indiqué|signalé|confirmé|précisé|établi|demandé|proposé))\b"
)


def antecedent(ctx: Context, sent: SentenceInfo) -> str | None:
    """Who « il » or « elle » opening a clause is: the subject of the sentence before,
    when that subject is named, agrees in gender and number, and nothing else in
    between could be meant (the sentence before has a single person or none)."""
    c = sent.clause
    if sent.index == 0 or c.pronoun not in ("il", "elle", "ils", "elles"):
        return None
    if IMPERSONAL.match(ctx.article.text[c.subject_start : c.subject_start + 60]):
        return None  # « il a été convenu », « il faut »: nobody is « il »
    prev = ctx.sentences[sent.index - 1]
    cleft = cleft_focus(ctx, prev)
    if cleft is not None:
        return _cleft_antecedent(ctx, prev, cleft[0], c.pronoun)
    p = prev.clause
    if p is None or p.subject_is_pronoun or p.demonstrative or p.pronoun != c.pronoun:
        return None
    people = {m.entity.id for m in prev.mentions if m.entity.type == "person"}
    in_subject = [
        m for m in prev.mentions if p.subject_start <= m.start and m.end <= p.subject_end + 1
    ]
    # « X, ancien directeur du cabinet de Y, a été condamné. Il … »: Y, named in the
    # subject's apposition, is not who « il » is
    in_apposition = {
        m.entity.id for m in prev.mentions if p.subject_end <= m.start and m.end <= p.verb_start
    }
    if not in_subject or len(people - in_apposition - {m.entity.id for m in in_subject}) > 0:
        return None  # the subject names nobody, or another person could be « il »
    if re.match(r"(?i)(?:un|une|des)\b", p.subject):
        return None
    return resolve_subject(ctx, prev, p.subject)


def _cleft_antecedent(ctx: Context, prev: SentenceInfo, focus, pronoun: str) -> str | None:
    """« C'est Anne Morel qui a gagné. Elle succède à … »: the person put first, when
    the pronoun has her gender and she is the only person the sentence names."""
    entity = focus.entity
    people = {m.entity.id for m in prev.mentions if m.entity.type == "person"}
    gender = {"il": "m", "elle": "f"}.get(pronoun)
    if entity.type != "person" or people != {entity.id} or gender is None:
        return None
    return ctx.display(entity) if entity.gender == gender else None


def question_clause(
    ctx: Context, sent: SentenceInfo, remove: tuple[int, int] | None
) -> tuple[str, str] | None:
    """(subject, inverted predicate without the removed span) for a "Quand …" question."""
    c = sent.clause
    if c is None:
        return None
    text = ctx.article.text
    if c.subject_is_pronoun:
        subject = sent.referent or antecedent(ctx, sent)
    else:
        subject = sent.referent or resolve_subject(ctx, sent, c.subject)
    if subject is None or (not sent.referent and _unanchored_subject(sent, c.subject_start)):
        return None
    finite = text[c.finite_start : c.finite_end]
    clitics = text[c.verb_start : c.finite_start]
    rest = text[c.finite_end : c.end]
    if remove:
        a, b = remove
        if not (c.finite_end <= a and b <= c.end):
            if b > c.subject_start:
                return None
            # else: the date is an adverbial opening the sentence ("Le 30 décembre 2015, …")
        elif re.search(r"\bdepuis\b|\bqui\b|\bque\b|\bqu'", text[c.finite_end : a]):
            return None  # the date belongs to a noun or a subordinate clause, not to the main verb
        else:
            if (
                text[b : b + 1] == ","
                and not text[:a].rstrip().endswith(",")
                and _DETERMINER.match(text[b + 1 :].lstrip())
            ):
                b += 1  # « a approuvé mercredi, un projet … »: the comma went with the date
            rest = text[c.finite_end : a] + text[b : c.end]
    if len(rest) > 90 and "," in rest.strip(" ,"):
        # "avait commencé, quelques mois après …": keep the core, unless the cut falls
        # inside a « que » clause (« a annoncé que Télonet et Valdotel, … allaient … »)
        core, _, after = rest.strip(" ,").partition(",")
        if re.search(r"\bque\b|\bqu'", core):
            return None
        if len(core.split()) <= 1 and _DETERMINER.match(after.lstrip()):
            return None  # « a approuvé, en deuxième lecture, …, le texte »: no core left
        rest = core
    rest = strip_discourse(" " + rest)
    rest = re.sub(r"\s+(?:lors|à l'occasion)\s+d[eu]\s*$", "", tidy(rest))
    if not rest and not remove:
        return None
    return subject, tidy(f"{clitics}{invert(finite, c.pronoun)} {rest}")


_POSSESSIVE = {"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"}


def _unanchored_subject(sent: SentenceInfo, start: int) -> bool:
    """« Son tracé … », « Habitants de Castel, … », « Branche en Valdorie de … »: a subject
    whose owner is in the sentence before, or an opening apposition with no determiner,
    cannot follow « Quand » or « Où »."""
    span = getattr(sent, "span", None)
    first = next((t for t in span if t.idx == start), None) if span is not None else None
    if first is None:
        return False
    if first.text.lower() in _POSSESSIVE:
        return True
    return first.pos_ == "NOUN" and not any(c.dep_ == "det" for c in first.children)


def common_subject(subject: str) -> bool:
    """True when the subject starts with a common word that takes lower case after "Quand"."""
    first = subject.split()[0]
    return first.lower() in (
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "ce",
        "cette",
        "ces",
    ) or first.startswith("L'")


def subject_in_question(subject: str) -> str:
    """The subject as it reads after "Quand", "Où", "Combien": a common word in lower case."""
    return subject[:1].lower() + subject[1:] if common_subject(subject) else subject


def in_quote(text: str, pos: int) -> bool:
    return text.count("«", 0, pos) > text.count("»", 0, pos)
