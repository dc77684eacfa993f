"""Filtering and ranking: no giveaways, no duplicates, best first."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from .context import Candidate
from .distractors import acronym_of, distinct
from .standalone import leans_back, plain_statement, without_addition
from .text import fold


def gives_away(c: Candidate) -> bool:
    """True when the stem already contains the answer (or one of its other names), its
    adjective (« ministre iranien » for l'Iran) or the words its acronym stands for
    (« Forces démocratiques syriennes » for FDS)."""
    stem = fold(c.question.stem.replace("{1}", " "))
    for form in c.answer_forms:
        f = fold(form)
        if len(f) >= 3 and re.search(rf"(?<!\w){re.escape(f)}(?!\w)", stem):
            return True
    for answer in c.question.correct_answers:
        if any(re.search(rf"(?<!\w){re.escape(fold(a))}(?!\w)", stem) for a in _adjectives(answer)):
            return True
        if _spelled_out(answer, c.question.stem) or _acronym_in_stem(answer, c.question.stem):
            return True
        if _city_of(answer, stem):
            return True
    return False


def _city_of(answer: str, folded_stem: str) -> bool:
    """A country answer whose city the stem names: « réunis en {1}, à Rome » is l'Italie."""
    from .gazetteer import load_gazetteer

    gaz = load_gazetteer()
    entity = gaz.lookup(answer)
    if entity is None or entity.type != "country":
        return False
    for city in gaz.by_type("city"):
        name = fold(city.name)
        if city.country == entity.name and len(name) >= 4:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded_stem):
                return True
    return False


def _adjectives(answer: str) -> set[str]:
    """The adjective forms of a country the gazetteer knows (« iranien(ne)(s) »)."""
    from .gazetteer import adjective_forms, load_gazetteer

    entity = load_gazetteer().lookup(answer)
    if entity is None or entity.type != "country":
        return set()
    return {a for a in adjective_forms(entity.adjective) if len(a) >= 4}


def _acronym_in_stem(answer: str, stem: str) -> bool:
    """The words of an acronym the stem writes: « L'OTAN ({1}) » for « Organisation
    du traité de l'Atlantique nord »."""
    return any(acronym_of(token, answer) for token in re.findall(r"\b[A-ZÉ]{2,6}\b", stem))


def _spelled_out(answer: str, stem: str) -> bool:
    """An acronym answer whose letters begin consecutive words of the stem."""
    letters = answer.replace(".", "").strip()
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
        return False
    words = [w for w in re.findall(r"[\w-]+", stem) if w.lower() not in _SMALL_WORDS]
    initials = "".join(w[0].upper() for w in words)
    return letters in initials


_SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "à", "au"}


#: A sentence copied as it stands (true/false, cloze) that opens on one of these leans
#: on the sentence before: « Il », « Son successeur », « Cette dernière », « Enfin ».
_LEANS_ON_BEFORE = re.compile(
    r"(?:il|elle|ils|elles|on|son|sa|ses|leur|leurs|ce|cet|cette|ces|cela|ceci|celui|celle"
    r"|ceux|celles|lui|eux|enfin|en effet|par ailleurs|de son côté|pour sa part|cependant"
    r"|mais|et|ainsi|donc|aussi|alors|toutefois|pourtant|en revanche|de plus|là|les deux|un autre|une autre|d'autres)\b",
    re.IGNORECASE,
)
#: « Comme en 2013 toujours, il est présenté … »: the subject is a pronoun after an opening.
_PRONOUN_AFTER_OPENING = re.compile(r"[^,«»]{0,50},\s*(?:il|elle|ils|elles)\b", re.IGNORECASE)
#: Anywhere in a stem: a referent the student cannot see (« cette décision », « ce dernier »).
_POINTS_BACK = re.compile(
    r"\b(?:ce dernier|cette dernière|ces derniers|ces dernières|le premier|le second"
    r"|(?:cette|ces|cet)\s+(?!année|semaine|fois|saison|nuit|matinée|après-midi)[a-zéèêàâîôûç-]{3,}"
    r"|son homologue|leur homologue)\b",
    re.IGNORECASE,
)


def needs_the_sentence_before(c: Candidate) -> bool:
    """Whether the question can only be understood with the sentence before it."""
    stem = c.question.stem.replace("{1}", "…")
    if c.question.type in ("truefalse", "cloze") and (
        _LEANS_ON_BEFORE.match(stem) or _PRONOUN_AFTER_OPENING.match(stem)
    ):
        return True
    return bool(_POINTS_BACK.search(stem) or _BARE_BACK_NOUN.search(stem))


#: « l'organisation », « le groupe », « la question » with nothing that says which one: a
#: noun news writes for something the sentence before named.
_BARE_BACK_NOUN = re.compile(
    r"\b(?:[Ll]'|[Ll]es? |[Ll]a )(?:organisation|groupe|mouvement|formation|question|sujet|texte"
    r"|projet|mesure|mesures|décision|déclaration|attaque|frappe|opération|affaire|accord"
    r"|proposition|réforme|initiative|annonce|procédure|loi|décret|institution|entreprise"
    r"|firme|société|compagnie|association|région|zone|ville|pays)"
    # nothing after it that says which one: no complement (« de la ville », « du PPE »,
    # but « de lancer » is no complement), adjective, name, relative clause or parenthesis
    r"(?=\s*[,.;:?!»)]|\s*$|\s(?!de\s(?![a-zéè]+(?:er|ir|re)\b)|du\b|des\b|d'(?![a-zéè]+(?:er|ir|re)\b)"
    r"|[A-ZÉ«(]|[a-zéè]+(?:ien|ienne|ain|aine|ais|aise|ois|oise|é|ée|al|ale|ique|iste|aux)s?\b"
    r"|qui\b|que\b|dont\b|où\b))"
)


def common_knowledge(c: Candidate) -> bool:
    """« Quelle est la fonction de [un chef d'État] ? », « Qui est le président russe ? »: the
    office of a head of state or government, which every student knows without the article."""
    from .gazetteer import load_gazetteer

    if c.question.kind != "role":
        return False
    gazetteer = load_gazetteer()
    names = list(c.question.correct_answers)
    names += re.findall(r"(?:de|d')\s?([A-ZÉ][\w'-]+(?:\s[A-ZÉ][\w'-]+)+)\s\?", c.question.stem)
    for name in names:
        entity = gazetteer.lookup(name)
        if entity is not None and entity.type == "person":
            if any(o.kind in ("state", "government") for o in entity.offices):
                return True
    return False


#: The newspapers, agencies and channels an article quotes: its sources, not its facts.
_SOURCE_NOUN = re.compile(
    r"\b(?:quotidien|journal|hebdomadaire|magazine|mensuel|agence de presse|chaîne|radio"
    r"|site d'information)\b",
    re.IGNORECASE,
)


def names_a_source(c: Candidate) -> bool:
    """« Dans l'article, comment s'appelle le quotidien suisse ? »: the name of a newspaper
    the article quotes in passing, a detail a teacher seldom asks about; or the same
    name blanked in a copied sentence (« Une enquête du quotidien allemand {1} … »)."""
    stem = c.question.stem
    if c.question.type == "cloze" and "{1}" in stem:
        before = stem[: stem.index("{1}")][-40:]
        return bool(re.search(_SOURCE_NOUN.pattern + r"[^,.;]{0,25}$", before, re.IGNORECASE))
    return c.question.kind == "definition" and bool(_SOURCE_NOUN.search(stem))


def says_too_little(c: Candidate) -> bool:
    """« Qui a annoncé ? », « Quand le président a-t-il ordonné ? », « {1}. – » (a dateline):
    nothing left to ask about."""
    q = c.question
    words = len(re.findall(r"[\w'-]+", q.stem.replace("{1}", " ")))
    return words < 5 if q.type in ("mcq", "cloze") else False


#: « Qui président de la commission, a présenté … ? »: an apposition left behind when its
#: name became « Qui »; « Qui a lui vu sa peine aggravée ? »: a « lui » that contrasts
#: with someone the question does not name.
_BROKEN_WHO = re.compile(
    r"^Qui [a-zé][^,?]{2,60}, (?:a|ont|avait|avaient|est|sont|était|étaient|va|vont)\b"
    r"|^Qui (?:a|ont|avait|avaient|est|sont|était)\s+(?:lui|eux|elle|elles)\s(?!-?même)"
)


def well_formed(c: Candidate) -> bool:
    q = c.question
    if _BROKEN_WHO.match(q.stem):
        return False
    if q.type == "mcq":
        right = [a for a in q.answers if a.fraction >= 1.0]
        return len(right) == 1 and len(q.answers) == 4 and distinct([a.text for a in q.answers])
    if q.type == "cloze":
        return (
            all(
                b.type != "mcq" or (len(b.answers) == 4 and distinct([a.text for a in b.answers]))
                for b in q.blanks
            )
            and "{1}" in q.stem
        )
    return True


def _near_duplicate(a: Candidate, b: Candidate) -> bool:
    """Same type, nearly the same stem and the same answer: one question asked twice.

    "Quand X a-t-elle exprimé … ?" and "Où X a-t-elle exprimé … ?" look alike but ask different things.
    """
    if a.question.type != b.question.type:
        return False
    same_answer = a.question.correct_answers == b.question.correct_answers
    if a.question.type == "cloze" and not same_answer:
        # two blanks of one sentence ask two facts (« {1} ans de prison et cinq ans … »)
        return False
    ratio = fuzz.ratio(a.question.stem, b.question.stem)
    return ratio >= 97 or (ratio >= 85 and same_answer)


def _answers(c: Candidate) -> tuple[str, ...]:
    return tuple(sorted(fold(a) for a in c.question.correct_answers))


def _fact(c: Candidate) -> tuple[int, tuple[str, ...]]:
    return c.sentence.index, _answers(c)


def _same_fact(a: Candidate, b: Candidate) -> bool:
    """One sentence, one answer, asked twice: a cloze of the sentence a choice question
    came from, or two questions of one kind. Two kinds on one answer ask two facts
    (« Qui est le président américain ? », « Qui a autorisé le déploiement ? »)."""
    if _fact(a) != _fact(b):
        return False
    cheap = ("cloze", "truefalse")
    return (
        a.question.type in cheap or b.question.type in cheap or a.question.kind == b.question.kind
    )


def _leans_back(c: Candidate) -> bool:
    """Drops the links a copied sentence (true/false, cloze) had in the article, then says
    whether it still cannot be read without the sentence before."""
    if c.question.type not in ("truefalse", "cloze"):
        return False
    c.question.stem = plain_statement(c.question.stem)
    return leans_back(c.sentence, c.question.stem)


def rank(cands: list[Candidate], limit: int | None = None) -> list[Candidate]:
    cands = [c for c in cands if well_formed(c) and not gives_away(c) and not says_too_little(c)]
    for c in cands:
        c.question.stem = without_addition(c.question.stem)  # « Qui ajoute que … ? »
    for c in cands:
        if _leans_back(c):
            c.score -= 0.45  # « Le ministère évalue… »: which one? A teacher's edit away
        elif needs_the_sentence_before(c):
            c.score -= 0.3  # kept for the teacher, below what reads on its own
        if common_knowledge(c):
            c.score -= 0.3  # true, but it tests nothing the article taught
        if names_a_source(c):
            c.score -= 0.3  # kept for the teacher, below the facts the source reports
    cands.sort(key=lambda c: -c.score)
    kept: list[Candidate] = []
    per_sentence: dict[int, int] = {}
    for c in cands:
        if any(_near_duplicate(k, c) for k in kept):
            continue
        # The same fact asked again in another form (a cloze of the sentence an MCQ came
        # from, with the same answer) is the same question: keep the better one.
        if c.question.type != "truefalse" and any(_same_fact(k, c) for k in kept):
            continue
        if c.question.type == "truefalse" and any(
            k.sentence.index == c.sentence.index and k.question.type != "truefalse" for k in kept
        ):
            c.score -= 0.1
        same_answer = sum(1 for k in kept if _answers(k) == _answers(c))
        c.score -= 0.08 * same_answer  # eight questions answered "l'Ukraine" make a dull bank
        n = per_sentence.get(c.sentence.index, 0)
        c.score -= 0.04 * n  # spread the bank over the article
        per_sentence[c.sentence.index] = n + 1
        kept.append(c)
    for c in kept:
        c.score = max(0.0, min(1.0, round(c.score, 3)))
    kept.sort(key=lambda c: (-c.score, c.sentence.index))
    kept = _copied_sentences_after_head(kept)
    for c in kept:
        c.question.confidence = c.score
    return kept[:limit] if limit else kept


#: The head of a bank, what a teacher who takes « the first 20 » gets, and how many of
#: them may be a copied sentence (true/false, cloze) while questions that ask about a
#: fact (who, when, how many, which role) are left.
HEAD, COPIED_IN_HEAD, ASKED_FLOOR = 20, 5, 0.45


def _copied(c: Candidate) -> bool:
    return c.question.type in ("truefalse", "cloze")


def _copied_sentences_after_head(kept: list[Candidate]) -> list[Candidate]:
    """A copied sentence tests reading more than knowing: beyond ``COPIED_IN_HEAD`` of
    them, those in the head go after it when a question on a fact (scored at least
    ``ASKED_FLOOR``) can take their place, and so does one whose sentence the head
    already asks about (the same fact again, or a detail of it) when any other question
    on a fact is left to take it. Their score drops below the head's so the review
    queue, sorted by it, shows the same order."""
    asked = sum(1 for c in kept if not _copied(c) and c.score >= ASKED_FLOOR)
    slots = max(COPIED_IN_HEAD, HEAD - asked)
    head: list[Candidate] = []
    later: list[Candidate] = []
    copied = 0
    # questions on a fact the head would leave out, to take the place of a repeat
    spare = sum(1 for c in kept[HEAD:] if not _copied(c) and c.score >= ASKED_FLOOR)
    for c in kept:
        if len(head) == HEAD:
            later.append(c)
        elif _copied(c) and copied >= slots:
            later.append(c)
        elif _copied(c) and spare and any(h.sentence.index == c.sentence.index for h in head):
            spare -= 1
            later.append(c)
        else:
            copied += _copied(c)
            head.append(c)
    if not head:
        return kept
    # a question on a fact takes the place first, then the best of the rest
    for c in [c for c in later if not _copied(c)] + [c for c in later if _copied(c)]:
        if len(head) == HEAD:
            break
        head.append(c)
        later.remove(c)
    if not later:
        return head
    below = max(0.0, round(min(c.score for c in head) - 0.001, 3))
    for c in later:
        c.score = min(c.score, below)
    later.sort(key=lambda c: -c.score)
    return head + later
