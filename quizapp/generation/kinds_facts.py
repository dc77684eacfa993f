"""Questions on facts stated in a clause: dates, positions, who acted, places."""

from __future__ import annotations

import re

from .clause_questions import BACK_REF, common_subject, in_quote, question_clause
from .clauses import invert, strip_discourse, tidy
from .context import Candidate, Context, SentenceInfo, capitalize, explanation, mcq, source_of
from .dates import date_distractors
from .distractors import clashes
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
    out: list[Candidate] = []
    every = [d.value for s in ctx.sentences for d in s.dates]
    for sent in ctx.sentences:
        for d in sent.dates:
            if in_quote(sent.text, d.start) or not _dates_the_main_verb(ctx, sent, d):
                continue
            built = question_clause(ctx, sent, (sent.start + d.start, sent.start + d.end))
            if not built:
                continue
            subject, pred = built
            since = d.surface.lower().startswith(("depuis", "dès"))
            word = "Depuis quand" if since else "Quand"
            if d.value.year is None:
                continue
            if d.end <= sent.clause.subject_start - sent.start and d.start > 4:
                continue  # a date before the subject counts only when it opens the sentence
            answer = d.value.text()
            wrong = [w.text() for w in date_distractors(d.value, every)]
            stem = f"{word} {subject[:1].lower() + subject[1:] if common_subject(subject) else subject} {pred} ?"
            if len(wrong) < 3 or len(stem) > 230:
                continue
            score = (
                0.8 - (0.08 if sent.clause.demonstrative else 0) - (0.06 if len(stem) > 160 else 0)
            )
            if re.match(r"(?:Un|Une|Des)\b", subject):
                continue  # "Quand une enquête évalue-t-elle … ?": the date is rarely the enquiry's
            score -= 0.04 if d.value.precision == "year" and sent.dates[0] is not d else 0
            q = mcq(
                stem,
                answer,
                wrong,
                kind="date",
                source=source_of(sent),
                explanation=explanation(sent, answer),
                tags=["date"],
            )
            out.append(Candidate(q, sent, [answer, d.surface], score))
    return out


_STANCE = re.compile(
    r"^(?:a|ont|avait|avaient)\s+(?:pris ses distances|pris position|soutenu|condamné|refusé|exigé|nié|accusé"
    r"|dénoncé|salué|réclamé|rejeté|appelé|menacé|reconnu|demandé|promis|exprimé|averti|annoncé|estimé|affirmé)"
    r"|^(?:envisage|soutient|condamne|refuse|exige|nie|accuse|dénonce|réclame|rejette|appelle|menace|demande"
    r"|souhaite|veut|s'oppose|redoute|craint|estime)\b"
)


def position_questions(ctx: Context) -> list[Candidate]:
    """ "Quelle position la Chine a-t-elle adoptée ?" with other actors' positions as wrong options."""
    actors = []
    for sent in ctx.sentences:
        c = sent.clause
        if c is None or c.subject_is_pronoun:
            continue
        subj = ctx.article.text[c.subject_start : c.subject_end]
        ent = next(
            (
                m.entity
                for m in sent.mentions
                if m.start >= c.subject_start
                and m.end <= c.subject_end
                and m.entity.type in ("country", "org", "person")
            ),
            None,
        )
        if ent is None or len(subj.split()) > 12:
            continue
        end = (
            sent.end
            if re.match(r",\s*[a-zé]+ant\b", ctx.article.text[c.end : c.end + 20])
            else c.end
        )
        pred = tidy(ctx.article.text[c.verb_start : end].rstrip(". "))
        pred = strip_discourse(" " + pred).strip()
        if len(pred.split()) < 3 or len(pred) > 200:
            continue
        actors.append((sent, c, ent, pred))
    out: list[Candidate] = []
    for sent, c, ent, _pred in actors:
        short = strip_discourse(
            " " + tidy(ctx.article.text[c.verb_start : c.end].rstrip(". "))
        ).strip()
        if not _STANCE.match(short) or ent.type == "person" or len(c.subject.split()) > 6:
            continue
        subject = c.subject
        plural = c.pronoun in ("ils", "elles")
        ctx_phrase = ""
        m = re.match(r"(Face à [^,]+),", sent.text)
        if m:
            phrase = re.sub(
                r"\b(?:cette|ce|cet|ces) ", lambda d: _DEFINITE[d.group().strip()], m.group(1)
            )
            phrase = re.sub(r"\b(l)[ae] (?=[aeiouyhéèê])", r"\1'", phrase)
            ctx_phrase = " " + phrase[0].lower() + phrase[1:]
        else:
            # without « face à … » the question does not say what the position is about,
            # and the stock wrong positions (« un soutien sans réserve à Moscou ») read absurd
            continue
        stem = (
            f"Quelle position {subject[:1].lower() + subject[1:] if common_subject(subject) else subject} "
            f"{invert('ont' if plural else 'a', c.pronoun)} adoptée{ctx_phrase} ?"
        )
        pron = capitalize(c.pronoun)
        answer = f"{pron} {short}"
        past = re.match(r"(?:a|ont|avait|avaient)\s", short) is not None
        verb = short.split()[1] if past else short.split()[0]
        wrong = []
        for stance in _STANCES:
            text = stance[0 if past else 1].format(P=pron)
            if plural:  # « Ils ont apporté », « Ils proposent »
                text = _plural_stance(text)
            if verb[:5] in text or any(clashes(text, w) for w in [answer, *wrong]):
                continue
            wrong.append(text)
            if len(wrong) == 3:
                break
        q = mcq(
            stem,
            answer,
            wrong,
            kind="position",
            source=source_of(sent),
            explanation=explanation(sent, answer),
            tags=["position"],
        )
        out.append(Candidate(q, sent, [short], 0.78))
    return out


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
_TITLE_BEFORE_NAME = re.compile(r"(?:[Ll]e |[Ll]a |[Ll]')[a-zàâçéèêëîïôûùüÿœ' -]{3,60}\s")


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
    from .distractors import entity_options

    out: list[Candidate] = []
    for sent in ctx.sentences:
        c = sent.clause
        if c is None or c.subject_is_pronoun:
            continue
        subj = ctx.article.text[c.subject_start : c.subject_end].rstrip(",")
        ms = [
            m
            for m in sent.mentions
            if m.start >= c.subject_start
            and m.end <= c.subject_end + 1
            and m.entity.type in ("person", "country")
        ]
        if len(ms) != 1:
            continue
        m = ms[0]
        rest = subj[: m.start - c.subject_start] + subj[m.end - c.subject_start :]
        if fold(rest) not in ("", "la", "le", "les", "l'") and not (
            m.entity.type == "person"
            and (
                _TITLE_BEFORE_NAME.fullmatch(subj[: m.start - c.subject_start])
                and not subj[m.end - c.subject_start :].strip(" ,")
                or m.entity.id in ctx.ents.roles
                and fold(rest.replace(",", " ")).startswith(
                    fold(ctx.ents.roles[m.entity.id]).split()[0]
                )
            )
        ):
            continue  # the subject says more than the name: asking "qui" would lose it
        short = tidy(ctx.article.text[c.verb_start : c.end].rstrip(". "))
        end = (
            sent.end
            if len(short.split()) < 6
            and re.match(r",\s*[a-zé]+ant\b", ctx.article.text[c.end : c.end + 20])
            else c.end
        )
        pred = strip_discourse(
            " " + tidy(ctx.article.text[c.verb_start : end].rstrip(". "))
        ).strip()
        pred = re.sub(r"\s+(?:sur cette question|à ce sujet|dans ce contexte)$", "", pred)
        if BACK_REF.search(pred):
            continue
        if (
            len(pred.split()) < 4
            or len(pred) > 190
            or re.match(r"(?:a|ont) (?:déclaré|affirmé|dit)\s*$", pred)
        ):
            continue
        if pred.startswith(("a déclaré", "a affirmé")) and "«" not in pred:
            continue
        if m.entity.type == "person":
            stem = f"Qui {pred} ?"
            answer = ctx.display(m.entity)
        else:
            app = ""
            if c.apposition and len(c.apposition) < 90:
                app = ", " + re.sub(r"\b([^\W\d_]+é)e(s?)\b", r"\1\2", c.apposition) + ","
            singular = _singular(pred)
            if singular is None:
                continue  # « Quel pays ont … » cannot be said, nor its verb guessed
            stem = f"Quel pays{app} {_masculine(singular)} ?"
            answer = m.text
            if re.match(r"(?i)(la |le |les |l')", answer) is None:
                art = m.entity.with_article()
                answer = art if fold(art) == fold(m.text) else m.text
            answer = capitalize(answer)
        ctx_phrase = re.match(r"(Face à [^,]+|Dans ce contexte|Pour sa part),", sent.text)
        opts, gaz = entity_options(ctx, m.entity, answer, stem)
        if len(opts) < 3:
            continue
        q = mcq(
            stem,
            answer,
            opts,
            kind="position",
            source=source_of(sent),
            explanation=explanation(sent, answer),
            tags=["position"],
        )
        score = 0.8 - 0.02 * gaz - (0.05 if len(stem) > 150 else 0) - (0.03 if ctx_phrase else 0)
        out.append(Candidate(q, sent, [answer, m.text, *m.entity.aliases], score))
    return out
