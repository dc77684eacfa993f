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
