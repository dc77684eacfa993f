"""Questions on facts stated in a clause: dates, positions, who acted, places."""

from __future__ import annotations

import re

from .clause_questions import (
    BACK_REF,
    in_quote,
    question_clause,
    subject_in_question,
)
from .context import (
    Candidate,
    Context,
    SentenceInfo,
    capitalize,
    fact_candidate,
)
from .date_options import date_distractors
from .distractors import clashes, entity_options
from .question_wording import invert, strip_discourse, tidy
from .text import fold


def _dates_the_main_verb(ctx: Context, sent: SentenceInfo, d) -> bool:
    """Whether a date says when the sentence's main verb happened: « Lundi 23 janvier,
    Trump a signé … », not « l'intervention russe en 2014 » (a noun's date) nor
    « … et a signé, mercredi, un décret » (another verb's)."""
    span = ctx.doc.char_span(sent.start + d.start, sent.start + d.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    main = sent.span.root
    if root.dep_.startswith("obl") or root.dep_ in ("advmod", "nmod:tmod"):
        return root.head == main or root.head.head == main and root.head.dep_ in ("xcomp", "aux")
    return False


def date_questions(ctx: Context) -> list[Candidate]:
    """ "Quand X a-t-il signé … ?" when a date says when the sentence's main verb happened."""
    out: list[Candidate] = []
    every = [d.value for s in ctx.sentences for d in s.dates]
    for sent in ctx.sentences:
        for d in sent.dates:
            candidate = _date_question(ctx, sent, d, every)
            if candidate is not None:
                out.append(candidate)
    return out


def _date_question(ctx: Context, sent: SentenceInfo, d, every: list) -> Candidate | None:
    if in_quote(sent.text, d.start) or not _dates_the_main_verb(ctx, sent, d):
        return None
    if re.search(r"\b(?:pour|jusqu'à|jusqu'en|d'ici)\s*$", sent.text[: d.start]):
        return None  # « prolongés pour 2016 »: what it is for, not when it happened
    if not _an_event(sent):
        return None
    # « mercredi soir » leaves with its « soir »
    part = re.match(r"\s(?:soir|matin|après-midi|midi)\b", sent.text[d.end :])
    end = d.end + (part.end() if part else 0)
    built = question_clause(ctx, sent, (sent.start + d.start, sent.start + end))
    if not built:
        return None
    subject, pred = built
    if _RECENT_PAST.match(pred) or not _keeps_its_object(sent, f"{subject} {pred}"):
        return None
    since = d.surface.lower().startswith(("depuis", "dès"))
    word = "Depuis quand" if since else "Quand"
    if d.value.year is None:
        return None
    if d.end <= sent.clause.subject_start - sent.start and d.start > 4:
        return None  # a date before the subject counts only when it opens the sentence
    answer = d.value.text()
    wrong = [w.text() for w in date_distractors(d.value, every, latest=ctx.article.date)]
    stem = f"{word} {subject_in_question(subject)} {pred} ?"
    if len(wrong) < 3 or len(stem) > 230:
        return None
    score = 0.8 - (0.08 if sent.clause.demonstrative else 0) - (0.06 if len(stem) > 160 else 0)
    if re.match(r"(?:Un|Une|Des)\b", subject) and not _EVENT_SUBJECT.match(subject):
        # « Quand une enquête évalue-t-elle … ? »: the date is rarely the enquiry's; but
        # an event's date is the event's (« Quand une frappe aérienne a-t-elle tué … ? »)
        return None
    score -= 0.04 if d.value.precision == "year" and sent.dates[0] is not d else 0
    return fact_candidate(sent, stem, answer, wrong, score, [answer, d.surface], kind="date")


#: Nouns that name an event: what happens on a date. The date of a sentence whose
#: subject is « une frappe », « un attentat » is the event's own.
_EVENT_SUBJECT = re.compile(
    r"(?i)(?:un|une|des)\s(?:(?:première|premier|deuxième|seconde?|nouvelle?|nouveaux|violente?s?"
    r"|double|vaste|importante?)\s)?(?:frappes?|explosions?|attentats?|attaques?|bombardements?"
    r"|incendies?|séismes?|tremblements? de terre|accidents?|collisions?|fusillades?|émeutes?"
    r"|manifestations?|rassemblements?|grèves?|référendums?|élections?|scrutins?|sommets?"
    r"|cérémonies?|opérations?|offensives?|assauts?|raids?|tirs?|affrontements?|combats?"
    r"|incidents?|inondations?|ouragans?|tempêtes?|éruptions?|naufrages?|crashs?)\b"
)


#: « Quand X vient-il d'être condamné ? », « Quand X est-il en passe de … ? »: a recent
#: past or an imminent future has no date of its own.
_RECENT_PAST = re.compile(
    r"^(?:\S+-)?(?:vien(?:t|nent)|venai(?:t|ent))-(?:t-)?(?:il|elle|ils|elles)\s+d[e']"
    r"|.*\ben passe de\b|.*\bsur le point de\b"
)


def _an_event(sent: SentenceInfo) -> bool:
    """Whether the main clause says something happened, not how things stood: « les
    troupes sont à sept kilomètres » (a copula) has no « Quand ? »."""
    span = getattr(sent, "span", None)
    return span is None or not any(t.dep_ == "cop" for t in span.root.children)


def _keeps_its_object(sent: SentenceInfo, question: str) -> bool:
    """« Quand les députés ont-ils approuvé ? »: the main verb's object was cut with the
    clause's tail, and the question asks nothing."""
    span = getattr(sent, "span", None)
    if span is None:
        return True
    # the first object only: the parse may read a later apposition as a second one
    objects = [t for t in span.root.children if t.dep_ == "obj" and t.pos_ in ("NOUN", "PROPN")]
    return not objects or objects[0].text in question


def _subject_mentions(sent: SentenceInfo, c, types: tuple[str, ...], slack: int = 0) -> list:
    """The mentions of one of ``types`` inside the clause's subject."""
    return [
        m
        for m in sent.mentions
        if m.start >= c.subject_start and m.end <= c.subject_end + slack and m.entity.type in types
    ]


def _predicate(ctx: Context, c, end: int) -> str:
    """The clause from its verb to ``end``, without discourse adverbs: "a pris ses distances …"."""
    return strip_discourse(" " + tidy(ctx.article.text[c.verb_start : end].rstrip(". "))).strip()


def _gerund_end(ctx: Context, sent: SentenceInfo, c) -> int:
    """The clause's end, or the sentence's when a gerund carries it on (« …, estimant que … »)."""
    gerund = re.match(r",\s*[a-zé]+ant\b", ctx.article.text[c.end : c.end + 20])
    return sent.end if gerund else c.end


_STANCE = re.compile(
    r"^(?:a|ont|avait|avaient)\s+(?:pris ses distances|pris position|soutenu|condamné|refusé|exigé|nié|accusé"
    r"|dénoncé|salué|réclamé|rejeté|appelé|menacé|reconnu|demandé|promis|exprimé|averti|annoncé|estimé|affirmé)"
    r"|^(?:envisage|soutient|condamne|refuse|exige|nie|accuse|dénonce|réclame|rejette|appelle|menace|demande"
    r"|souhaite|veut|s'oppose|redoute|craint|estime)\b"
)


def position_questions(ctx: Context) -> list[Candidate]:
    """ "Quelle position la Chine a-t-elle adoptée ?" with other actors' positions as wrong options."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        candidate = _position_question(ctx, sent)
        if candidate is not None:
            out.append(candidate)
    return out


def _position_question(ctx: Context, sent: SentenceInfo) -> Candidate | None:
    c = sent.clause
    if c is None or c.subject_is_pronoun:
        return None
    subj = ctx.article.text[c.subject_start : c.subject_end]
    ms = _subject_mentions(sent, c, ("country", "org", "person"))
    ent = ms[0].entity if ms else None
    if ent is None or len(subj.split()) > 12:
        return None
    pred = _predicate(ctx, c, _gerund_end(ctx, sent, c))
    if len(pred.split()) < 3 or len(pred) > 200:
        return None
    short = _predicate(ctx, c, c.end)
    if not _STANCE.match(short) or ent.type == "person" or len(c.subject.split()) > 6:
        return None
    facing = re.match(r"(Face à [^,]+),", sent.text)
    if not facing:
        # without « face à … » the question does not say what the position is about,
        # and the stock wrong positions (« un soutien sans réserve à Moscou ») read absurd
        return None
    phrase = re.sub(
        r"\b(?:cette|ce|cet|ces) ", lambda d: _DEFINITE[d.group().strip()], facing.group(1)
    )
    phrase = re.sub(r"\b(l)[ae] (?=[aeiouyhéèê])", r"\1'", phrase)
    plural = c.pronoun in ("ils", "elles")
    stem = (
        f"Quelle position {subject_in_question(c.subject)} "
        f"{invert('ont' if plural else 'a', c.pronoun)} adoptée {phrase[0].lower() + phrase[1:]} ?"
    )
    pron = capitalize(c.pronoun)
    answer = f"{pron} {short}"
    wrong = _wrong_stances(pron, short, answer, plural)
    return fact_candidate(sent, stem, answer, wrong, 0.78, [short], kind="position")


def _wrong_stances(pron: str, short: str, answer: str, plural: bool) -> list[str]:
    """Three stock positions, in the answer's tense and number, that say something else."""
    past = re.match(r"(?:a|ont|avait|avaient)\s", short) is not None
    verb = short.split()[1] if past else short.split()[0]
    wrong: list[str] = []
    for stance in _STANCES:
        text = stance[0 if past else 1].format(P=pron)
        if plural:  # « Ils ont apporté », « Ils proposent »
            text = _plural_stance(text)
        if verb[:5] in text or any(clashes(text, w) for w in [answer, *wrong]):
            continue
        wrong.append(text)
        if len(wrong) == 3:
            break
    return wrong


_DEFINITE = {"cette": "la ", "ce": "le ", "cet": "l'", "ces": "les "}


def _plural_stance(text: str) -> str:
    pron, verb, rest = text.split(" ", 2)
    plural = {"a": "ont", "apporte": "apportent", "propose": "proposent", "annonce": "annoncent"}
    plural["rompt"] = "rompent"
    rest = re.sub(r"\bses\b", "leurs", re.sub(r"\bsa\b", "leur", rest))
    return f"{pron} {plural.get(verb, verb)} {rest}"


#: Wrong positions for "Quelle position X a-t-il adoptée ?" (past, present); {P} is the pronoun.
_STANCES = (
    (
        "{P} a apporté un soutien sans réserve à Moscou",
        "{P} apporte un soutien sans réserve à Moscou",
    ),
    ("{P} a proposé sa médiation entre les parties", "{P} propose sa médiation entre les parties"),
    (
        "{P} a annoncé de nouvelles sanctions économiques",
        "{P} annonce de nouvelles sanctions économiques",
    ),
    ("{P} a rompu ses relations diplomatiques", "{P} rompt ses relations diplomatiques"),
)


_FEM_PARTICIPLE = re.compile(
    r"^((?:ne |n')?(?:est|a été|était|sera|serait|reste|semble|paraît)\s+(?:[^\W\d_]+ment\s+)*)([^\W\d_]+?)(é|i|u|ant|ent|if|eux|is|in|ais|ois)(e)\b"
)


def _masculine(pred: str) -> str:
    """ "est soupçonnée de …" -> "est soupçonné de …", to agree with "Quel pays"."""
    return _FEM_PARTICIPLE.sub(lambda m: m.group(1) + m.group(2) + m.group(3), pred)


#: « Le président sortant américain X », « L'ancien ministre du budget X »:
#: a title in lower case between the article and the name, which the question may drop.
#: « le ministre », « l'ancien ministre », before a name; never a phrase the name
#: completes (« la reconduction de Valdo Morel », « la voie permettant … »)
_TITLE_BEFORE_NAME = re.compile(
    r"(?:[Ll]e |[Ll]a |[Ll]')(?:(?!\b[a-zé]{3,}ant\s(?:la|le|les|l'|un|une|des|du|au|à)\b)[a-zàâçéèêëîïôûùüÿœ' -]){3,60}(?<!\bde)(?<!\bd')(?<!\bdu)(?<!\bdes)(?<!\bà)\s"
)


_PLURAL_AUX = {
    "ont": "a",
    "sont": "est",
    "avaient": "avait",
    "étaient": "était",
    "seront": "sera",
    "auront": "aura",
    "veulent": "veut",
    "doivent": "doit",
    "peuvent": "peut",
}


def _singular(pred: str) -> str | None:
    """ "ont affirmé …" -> "a affirmé …", "se sont défendus …" -> "s'est défendu …", for
    « Quel pays » when the subject was plural (« les États-Unis »); None for a plural verb
    it cannot put in the singular."""
    m = re.match(r"((?:ne |n')?(?:se |s')?)(\S+)(.*)$", pred)
    if m is None:
        return pred
    pre, verb, rest = m.groups()
    if verb in _PLURAL_AUX:
        pre = "s'" if pre == "se " and _PLURAL_AUX[verb][0] in "ae" else pre
        rest = re.sub(r"^(\s+(?:[^\W\d_]+ment\s+)*[^\W\d_]+[éiut])s\b", r"\1", rest)
        rest = re.sub(r"\bet (ont|sont) ", lambda a: f"et {_PLURAL_AUX[a.group(1)]} ", rest)
        return pre + _PLURAL_AUX[verb] + rest
    if verb.endswith("ent") and len(verb) > 4:
        return None
    return pred


def actor_questions(ctx: Context) -> list[Candidate]:
    """ "Qui a exprimé sa frustration … ?" / "Quel pays a pris ses distances … ?" from a clause's subject."""
    out: list[Candidate] = []
    for sent in ctx.sentences:
        candidate = _actor_question(ctx, sent)
        if candidate is not None:
            out.append(candidate)
    return out


def _actor_question(ctx: Context, sent: SentenceInfo) -> Candidate | None:
    c = sent.clause
    if c is None or c.subject_is_pronoun:
        return None
    ms = _subject_mentions(sent, c, ("person", "country"), slack=1)
    if len(ms) != 1 or not _name_is_the_subject(ctx, c, ms[0]):
        return None
    m = ms[0]
    pred = _actor_predicate(ctx, sent, c)
    if pred is None:
        return None
    if m.entity.type == "person":
        stem, answer = f"Qui {pred} ?", ctx.display(m.entity)
    else:
        asked = _country_question(c, m, pred)
        if asked is None:
            return None  # « Quel pays ont … » cannot be said, nor its verb guessed
        stem, answer = asked
    ctx_phrase = re.match(r"(Face à [^,]+|Dans ce contexte|Pour sa part),", sent.text)
    opts, gaz = entity_options(ctx, m.entity, answer, stem)
    if len(opts) < 3:
        return None
    score = 0.8 - 0.02 * gaz - (0.05 if len(stem) > 150 else 0) - (0.03 if ctx_phrase else 0)
    forms = [answer, m.text, *m.entity.aliases]
    return fact_candidate(sent, stem, answer, opts, score, forms, kind="position")


def _name_is_the_subject(ctx: Context, c, m) -> bool:
    """The subject is the name alone, or a person's name with a title or their role:
    when it says more, asking "qui" would lose it."""
    subj = ctx.article.text[c.subject_start : c.subject_end].rstrip(",")
    rest = subj[: m.start - c.subject_start] + subj[m.end - c.subject_start :]
    return fold(rest) in ("", "la", "le", "les", "l'") or (
        m.entity.type == "person"
        and bool(
            _TITLE_BEFORE_NAME.fullmatch(subj[: m.start - c.subject_start])
            and not subj[m.end - c.subject_start :].strip(" ,")
            or m.entity.id in ctx.ents.roles
            and fold(rest.replace(",", " ")).startswith(
                fold(ctx.ents.roles[m.entity.id]).split()[0]
            )
        )
    )


def _actor_predicate(ctx: Context, sent: SentenceInfo, c) -> str | None:
    """What the subject did, when it stands on its own and says more than "a déclaré"."""
    short = tidy(ctx.article.text[c.verb_start : c.end].rstrip(". "))
    pred = _predicate(ctx, c, _gerund_end(ctx, sent, c) if len(short.split()) < 6 else c.end)
    pred = re.sub(r"\s+(?:sur cette question|à ce sujet|dans ce contexte)$", "", pred)
    if BACK_REF.search(pred):
        return None
    if (
        len(pred.split()) < 4
        or len(pred) > 190
        or re.match(r"(?:a|ont) (?:déclaré|affirmé|dit)\s*$", pred)
    ):
        return None
    if pred.startswith(("a déclaré", "a affirmé")) and "«" not in pred:
        return None
    return pred


#: A participle that still agrees with a plural subject once the verb is singular.
_PLURAL_LEFT = re.compile(
    r"\b(?:été|être|s'être)\s+(?:[a-zé]+ment\s+)?[a-zéèêàâîôûç]{3,}(?:és|ées|is|us)\b"
)


def _country_question(c, m, pred: str) -> tuple[str, str] | None:
    """ "Quel pays, …, a pris ses distances … ?" and its answer with its article."""
    app = ""
    if c.apposition and len(c.apposition) < 90:
        app = ", " + re.sub(r"\b([^\W\d_]+é)e(s?)\b", r"\1\2", c.apposition) + ","
    singular = _singular(pred)
    if singular is None or _PLURAL_LEFT.search(singular):
        return None  # « … en affirmant avoir été trompés »: the plural names the answer
    answer = m.text
    if re.match(r"(?i)(la |le |les |l')", answer) is None:
        art = m.entity.with_article()
        answer = art if fold(art) == fold(m.text) else m.text
    return f"Quel pays{app} {_masculine(singular)} ?", capitalize(answer)
