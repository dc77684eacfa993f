"""Questions on one sentence that answer each other in one quiz."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quizapp.domain.giveaways import giveaway_pairs, gives_away, without_giveaways
from quizapp.domain.questiondata import Answer, QuestionData, Source
from quizapp.formats import parse

SENTENCE = Source("Lors d'une rencontre avec son homologue russe, Sergueï Lavrov, …", 400, 590)
OTHER = Source("Selon les services de renseignement américains, …", 1178, 1445)


def mcq(stem: str, right: str, source: Source | None = SENTENCE) -> QuestionData:
    wrong = [Answer(t, 0.0) for t in ("Antony Blinken", "Xi Jinping", "Kim Jong-un")]
    return QuestionData(type="mcq", stem=stem, answers=[Answer(right), *wrong], source=source)


WHO = mcq("Qui Choe Son Hui a-t-elle rencontré à Moscou le 1er novembre 2024 ?", "Sergueï Lavrov")
WHERE = mcq("Où Choe Son Hui et Sergueï Lavrov se sont-ils rencontrés ?", "Moscou")
QUOTE = mcq("Qui a déclaré : « Il n'y a pas de doute … » ?", "Choe Son Hui")


def test_a_stem_that_states_another_questions_answer_gives_it_away():
    assert gives_away(WHERE, WHO)  # "Sergueï Lavrov" is in the stem of "Où …"
    assert gives_away(WHO, WHERE)  # and "Moscou" in the stem of "Qui …"
    assert gives_away(WHO, QUOTE) and not gives_away(QUOTE, WHO)


def test_accents_case_and_a_cloze_blank_do_not_hide_the_answer():
    cloze = QuestionData(
        type="cloze",
        stem="Lors d'une rencontre avec son homologue russe, {1}, CHOE SON HUI a déclaré …",
        source=SENTENCE,
    )
    assert gives_away(cloze, QUOTE)
    lower = mcq("Où choe son hui et serguei lavrov se sont-ils rencontrés ?", "Moscou")
    assert gives_away(lower, WHO)


def test_questions_on_other_sentences_or_without_a_source_are_left_alone():
    elsewhere = mcq("Combien de soldats Sergueï Lavrov a-t-il évoqués ?", "10 000", OTHER)
    assert not gives_away(elsewhere, WHO)
    handwritten = mcq("Où Choe Son Hui et Sergueï Lavrov se sont-ils vus ?", "Moscou", None)
    assert not gives_away(handwritten, WHO)
    # A word that only contains the answer is not the answer.
    assert not gives_away(mcq("Qui a parlé des Moscovites ?", "X"), mcq("Où ?", "Moscou"))


def test_true_false_keys_are_not_words_of_a_stem():
    statement = QuestionData(
        type="truefalse",
        stem="Choe Son Hui a rencontré Sergueï Lavrov, true story",
        answers=[Answer("true", 1.0), Answer("false", 0.0)],
        source=SENTENCE,
    )
    assert gives_away(statement, WHO)  # a true statement states the other answers
    assert not gives_away(WHERE, statement)


def test_the_seed_bank_keeps_one_of_each_pair():
    path = (
        Path(__file__).resolve().parents[1] / "questions" / "moscou-pyongyang-2024-11-01.bank.yaml"
    )
    questions = parse(path.read_text(encoding="utf-8"), "bank", path.name).questions
    items = list(enumerate(questions, 1))
    pairs = giveaway_pairs(items)
    assert (1, 10) in pairs and (10, 1) in pairs  # who met whom / where they met
    kept = without_giveaways(items)
    assert kept[0] == 1 and 10 not in kept and 14 not in kept  # where and when, given by "who"
    assert not giveaway_pairs([(k, questions[k - 1]) for k in kept])
    assert 16 not in kept and 18 not in kept  # the figures of 2 and 7, as numbers to type
    assert len(kept) >= 12


def test_a_random_draw_leaves_out_a_question_another_drawn_one_answers(app):
    from conftest import make_bank, make_class, make_quiz, make_user

    from quizapp.services import attempt_layout
    from quizapp.services import attempts as svc

    teacher = make_user("teacher", "prof")
    students = [make_user("student", f"eleve{n}") for n in range(12)]
    school_class = make_class(teacher, "Terminale 2", students=students)
    elsewhere = mcq("Combien de soldats la Corée du Nord a-t-elle envoyés ?", "10 000", OTHER)
    questions = [replace(q, tags=["rencontres"]) for q in (WHO, WHERE, elsewhere)]
    bank = make_bank(teacher, questions)
    quiz = make_quiz(teacher, bank, [school_class], draw_per_tag={"rencontres": 2})
    drawn = set()
    for student in students:
        attempt = svc.start_or_resume(quiz, student)
        stems = {data.stem for data in attempt_layout.versions_for(attempt).values()}
        assert len(stems) == 2 and elsewhere.stem in stems  # never "who" with "where"
        drawn |= stems
    assert drawn == {q.stem for q in questions}  # both still drawn, each with the other one

    # Asked for more than the tag holds without a giveaway: the draw still gives that many.
    quiz = make_quiz(teacher, bank, [school_class], draw_per_tag={"rencontres": 3})
    attempt = svc.start_or_resume(quiz, students[0])
    assert len(attempt.layout) == 3


def test_the_same_figure_as_a_number_and_as_a_choice_is_one_question_twice():
    stem = "Selon les services américains, environ combien de soldats ont été envoyés ?"
    choice = mcq(stem, "10 000", OTHER)
    number = QuestionData(
        type="numeric", stem=stem, answers=[Answer("10000", tolerance=500)], source=OTHER
    )
    assert gives_away(choice, number) and gives_away(number, choice)
    other_figure = QuestionData(
        type="numeric", stem="Jusqu'à combien ?", answers=[Answer("8000")], source=OTHER
    )
    assert not gives_away(choice, other_figure) and not gives_away(other_figure, choice)
