"""Ranking's filters, on questions of our own: what gives its answer away, what cannot
be read without the sentence before, what asks nothing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.generation.context import Candidate
from quizapp.generation.ranking import gives_away, needs_the_sentence_before, rank


def cloze(stem: str, answer: str, index: int = 0, score: float = 0.6) -> Candidate:
    blank = Blank("short", [Answer(answer, 1.0)])
    q = QuestionData(type="cloze", stem=stem, blanks=[blank])
    return Candidate(q, SimpleNamespace(index=index), [answer], score)


def choice(stem: str, answer: str, index: int = 0, score: float = 0.8) -> Candidate:
    answers = [Answer(answer, 1.0)] + [Answer(f"Autre {k}", 0.0) for k in range(3)]
    q = QuestionData(type="mcq", stem=stem, answers=answers)
    return Candidate(q, SimpleNamespace(index=index), [answer], score)


@pytest.mark.parametrize(
    ("stem", "answer"),
    [
        ("Le ministre iranien des Transports rappelle que {1} a besoin d'avions.", "l'Iran"),
        ("Les chefs d'État se sont réunis en {1}, à Rome, pour un sommet.", "Italie"),
        ("L'armée irakienne avance dans le nord de {1}.", "l'Irak"),
        ("Les Forces démocratiques syriennes ({1}) tiennent la ville.", "FDS"),
        ("L'OTAN ({1}) a tenu un sommet.", "Organisation du traité de l'Atlantique nord"),
    ],
)
def test_an_answer_the_sentence_gives_is_a_giveaway(stem, answer):
    assert gives_away(cloze(stem, answer))


def test_a_country_not_named_by_its_adjective_is_no_giveaway():
    assert not gives_away(cloze("Le ministre français a rencontré son homologue de {1}.", "l'Iran"))


@pytest.mark.parametrize(
    "stem",
    [
        "Il a aussi été condamné à cinq ans d'inéligibilité.",
        "Son successeur a affiché un style différent en {1}.",
        "Enfin, le patron de {1} a été condamné.",
        "Comme en {1} toujours, il est présenté comme un réformateur.",
        "La frappe a permis à l'organisation de lancer une offensive {1} minutes plus tard.",
        "Qui estime que la question n'est pas prioritaire ?",
    ],
)
def test_a_copied_sentence_that_leans_on_the_one_before_is_recognised(stem):
    assert needs_the_sentence_before(cloze(stem, "x"))


@pytest.mark.parametrize(
    "stem",
    [
        "L'organisation terroriste a revendiqué l'attentat de {1}.",
        "La ville de {1} est assiégée depuis deux ans.",
        "Le texte de loi prévoit une amende de {1} euros.",
        "Qui a confirmé la décision du tribunal ?",
    ],
)
def test_a_noun_that_says_which_one_needs_nothing_before(stem):
    assert not needs_the_sentence_before(cloze(stem, "x"))


def test_the_name_of_a_newspaper_quoted_in_passing_comes_after_the_facts():
    source = choice("Dans l'article, comment s'appelle le quotidien suisse ?", "Le Temps", 0)
    source.question.kind = "definition"
    fact = choice("Combien de soldats la frappe américaine a-t-elle tués ?", "90", 1, score=0.7)
    assert [c.question.stem for c in rank([source, fact])][0] == fact.question.stem


def test_what_reads_on_its_own_comes_first_and_empty_questions_go():
    leaning = cloze("Cette dernière a été condamnée à {1} ans de prison ferme.", "2", 0, 0.6)
    standing = cloze(
        "Le tribunal a condamné la banque à {1} millions d'euros d'amende.", "2", 1, 0.5
    )
    empty = choice("Qui a annoncé ?", "Nawaz Sharif", 2)
    ranked = rank([leaning, standing, empty])
    assert [c.question.stem for c in ranked] == [standing.question.stem, leaning.question.stem]


def test_the_office_of_a_head_of_state_everyone_knows_is_not_a_question_to_lead_with():
    def role(stem: str, answer: str, score: float) -> Candidate:
        c = choice(stem, answer, score=score)
        c.question.kind = "role"
        return c

    known = role("Quelle est la fonction de Vladimir Poutine ?", "président russe", 0.86)
    taught = role("Quelle est la fonction d'Abbas Akhoundi ?", "ministre des Transports", 0.8)
    assert [c.question.stem for c in rank([known, taught])][0] == taught.question.stem


#: Twenty-odd different things to ask, so that no two questions look alike.
_TOPICS = (
    "le traité de paix|la réforme des retraites|le budget de la défense|l'accord commercial"
    "|le code minier|le plan de relance|la charte des régions|le pacte de stabilité"
    "|la convention fiscale|le code du travail|la réforme du Sénat|le projet de barrage"
    "|la loi électorale|le contrat gazier|le plan climat|la réforme agraire|le statut des ports"
    "|la loi sur la presse|le budget de la santé|la carte scolaire|le plan ferroviaire"
).split("|")
_PLACES = (
    "Vienne|Lisbonne|Dakar|Quito|Hanoï|Oslo|Lima|Tunis|Riga|Accra|Manille|Berne|Sofia"
    "|Nairobi|Bogota|Doha|Minsk|Rabat|Kiev|Prague|Bakou|Tallinn"
).split("|")


def _copied(n: int) -> list[Candidate]:
    return [
        cloze(
            f"Le sommet de {_PLACES[k]} s'est ouvert sous la pluie et {{1}} y était.",
            f"R{k}",
            k,
            0.7,
        )
        for k in range(n)
    ]


def _facts(n: int) -> list[Candidate]:
    return [choice(f"Qui a signé {_TOPICS[k]} ?", f"Nom{k}", 30 + k, 0.6) for k in range(n)]


def test_copied_sentences_give_the_head_of_the_bank_to_questions_on_facts():
    ranked = rank(_copied(12) + _facts(18))
    assert len(ranked) == 30  # nothing is dropped, only moved
    head = ranked[:20]
    assert sum(c.question.type == "cloze" for c in head) == 5
    # the review queue sorts by confidence: it must show the same order
    scores = [c.question.confidence for c in ranked]
    assert scores == sorted(scores, reverse=True)


def test_a_short_bank_keeps_its_copied_sentences_in_front_when_nothing_replaces_them():
    head = rank(_copied(16) + _facts(6))[:20]
    assert sum(c.question.type == "mcq" for c in head) == 6
    assert sum(c.question.type == "cloze" for c in head) == 14


def test_a_second_copy_of_a_sentence_gives_its_place_in_the_head_to_another_fact():
    # twelve sentences, each copied twice (a cloze on two of its words), the two copies
    # of one sentence next to each other, and questions on facts scored below them
    twice = [
        cloze(f"Le sommet de {_PLACES[k]} s'est ouvert et {{1}} y était avec {w}.", f"{w}{k}", k, s)
        for k in range(12)
        for w, s in (("Valdo", 0.9 - 0.01 * k), ("Morel", 0.899 - 0.01 * k))
    ]
    facts = [choice(f"Qui a signé {_TOPICS[k]} ?", f"Nom{k}", 30 + k, 0.5) for k in range(6)]
    head = rank(twice + facts)[:20]
    copied = [c for c in head if c.question.type == "cloze"]
    # every sentence and every fact before a second copy of any sentence
    assert len({c.sentence.index for c in copied}) == 12
    assert sum(c.question.type == "mcq" for c in head) == 6


def test_a_sentence_on_the_headline_s_subject_ranks_above_one_on_a_detail():
    from quizapp.generation.salience import favour_the_headline, headline_words

    assert {"otage", "valdo", "liber"} <= headline_words("Valdorie : libération de 500 otages")
    on_subject = choice("Qui a libéré les otages ?", "Paul Verneuil", 1, 0.6)
    on_subject.sentence = SimpleNamespace(
        index=1, text="L'armée de Valdorie a libéré mardi 500 otages du Front de Castel."
    )
    detail = choice("Qui a inauguré le pont ?", "Jean Morel", 2, 0.6)
    detail.sentence = SimpleNamespace(index=2, text="Le ministre a inauguré un pont à Castel.")
    ctx = SimpleNamespace(article=SimpleNamespace(title="Valdorie : libération de 500 otages"))
    favour_the_headline(ctx, [on_subject, detail])
    assert on_subject.score > detail.score == 0.6


def test_a_copied_sentence_loses_the_words_that_add_it_to_the_one_before():
    from quizapp.generation.standalone import plain_statement

    assert plain_statement(
        "Les gouvernements de Valdorie et de Castel ont également reconnu leur rôle."
    ) == ("Les gouvernements de Valdorie et de Castel ont reconnu leur rôle.")
    assert plain_statement("Le parti perd toutefois 32 sièges.") == "Le parti perd 32 sièges."
    # a comparison keeps its « aussi »
    assert (
        plain_statement("La ville est aussi grande que Castel.")
        == "La ville est aussi grande que Castel."
    )
