"""What pages get of a question: no secrets in the view, feedback per setting,
and the article's sentence escaped with the answer words marked. No app, no database."""

from __future__ import annotations

import dataclasses
import json

from conftest import sample_questions

from quizapp.domain.questiondata import Answer, QuestionData, Source
from quizapp.services.feedback import feedback_for, highlight
from quizapp.services.question_view import is_blank, question_view


def by_type(kind: str) -> QuestionData:
    return next(q for q in sample_questions() if q.type == kind)


def test_highlight_marks_answer_words_and_escapes_the_rest():
    sentence = 'Le <b>ministre</b> Sergueï Lavrov & "Choe" ; SERGUEI LAVROV encore.'
    html = str(highlight(sentence, ["Sergueï Lavrov"]))
    assert html.count("<mark>") == 2
    assert "<mark>Sergueï Lavrov</mark>" in html and "<mark>SERGUEI LAVROV</mark>" in html
    assert "&lt;b&gt;ministre&lt;/b&gt;" in html and "&amp;" in html and "&#34;Choe&#34;" in html


def test_highlight_finds_numbers_however_grouped_and_whole_words_only():
    html = str(highlight("Environ 10 000 soldats, pas 110 000 ni 100 000.", ["10000"]))
    assert html == "Environ <mark>10 000</mark> soldats, pas 110 000 ni 100 000."
    assert str(highlight("La Russie et la Biélorussie", ["Russie"])).count("<mark>") == 1
    assert str(highlight("Rien ici", [""])) == "Rien ici"


def test_view_of_every_type_carries_no_secret():
    for data in sample_questions():
        order = list(range(len(data.answers or data.pairs)))[::-1]
        view = question_view(data, {"order": order, "mark": 2.0}, 3)
        dumped = json.dumps(dataclasses.asdict(view), ensure_ascii=False)
        assert "fraction" not in dumped and "explanation" not in dumped
        assert "remporteront" not in dumped
        if data.type in ("short", "numeric", "cloze"):
            for secret in ("Moscou", "10000", "8000", "Koursk"):
                assert secret not in dumped


def test_choices_come_in_the_order_shown_with_positions_as_values():
    data = by_type("mcq")
    view = question_view(data, {"order": [2, 0, 3, 1]}, 0, stored=0)
    assert [c.text for c in view.choices] == [
        "Volodymyr Zelensky",
        "Sergueï Lavrov",
        "Vladimir Poutine",
        "Antony Blinken",
    ]
    assert [c.value for c in view.choices] == ["0", "1", "2", "3"]
    assert view.value == "1" and view.chosen("1")  # original 0 is shown second


def test_matching_and_cloze_values_come_back_in_display_terms():
    data = by_type("matching")
    stored = {"0": "président ukrainien", "2": "ministre russe des Affaires étrangères"}
    view = question_view(data, {"order": [2, 0, 1]}, 0, stored)
    assert [c.text for c in view.matches][0] == "président ukrainien"
    assert view.given(0) == "0" and view.given(2) == "1" and view.given(1) == ""
    cloze = question_view(by_type("cloze"), {"order": []}, 0, ["8000", ""])
    assert [s.blank.number for s in cloze.segments if s.blank] == [1, 2]
    assert cloze.given(0) == "8000"


def test_feedback_shows_only_what_the_settings_allow():
    data = by_type("mcq")
    response = type("R", (), {"answer": 1, "fraction": 0.0, "mark": 0.0})()
    entry = {"order": [1, 0, 2, 3], "mark": 1.0}
    hidden = feedback_for(
        data, entry, response, show_outcome=False, show_answers=False, show_explanation=False
    )
    assert not hidden.anything
    outcome = feedback_for(
        data, entry, response, show_outcome=True, show_answers=False, show_explanation=False
    )
    assert outcome.outcome == "incorrect" and outcome.right_answers is None
    assert outcome.sentence is None and outcome.explanation is None
    full = feedback_for(
        data, entry, response, show_outcome=True, show_answers=True, show_explanation=True
    )
    assert full.right_answers == ["Sergueï Lavrov"] and full.right_positions == ["1"]
    assert "<mark>Sergueï Lavrov</mark>" in str(full.sentence)
    assert full.explanation == ""  # it was the quoted sentence: shown once, as the quote


def test_right_answers_read_well_for_each_type():
    from quizapp.services.feedback import right_answers

    assert right_answers(by_type("truefalse")) == ["false"]
    # numbers as a French reader writes them (outside a request: French)
    assert right_answers(by_type("numeric")) == ["10\u202f000 ± 500 soldats"]
    assert right_answers(by_type("cloze")) == ["(1) 8\u202f000", "(2) Koursk"]
    decimal = QuestionData(
        type="numeric", stem="Combien ?", answers=[Answer("3.5", 1.0)], options={"unit": ""}
    )
    assert right_answers(decimal) == ["3,5"]
    assert right_answers(by_type("multi")) == ["Russie", "Corée du Nord"]
    short = QuestionData(
        type="short",
        stem="?",
        answers=[Answer("Moscou"), Answer("Moskva", 0.5)],
        source=Source("À Moscou.", 0, 9),
    )
    assert right_answers(short) == ["Moscou"]


def test_blank_answers():
    assert is_blank(None) and is_blank("  ") and is_blank([]) and is_blank(["", None])
    assert is_blank({"0": ""}) and not is_blank(0) and not is_blank(["", "x"])
