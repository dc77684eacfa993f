"""GIFT: Moodle's documented examples, escapes, formats, errors with positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.domain.grading import grade
from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.formats import dump, parse

DATA = Path(__file__).parent / "data" / "formats"


def one(text: str) -> QuestionData:
    result = parse(text, "gift")
    assert result.errors == [], [str(e) for e in result.errors]
    assert len(result.questions) == 1
    return result.questions[0]


def answers(q: QuestionData) -> list[tuple[str, float]]:
    return [(a.text, a.fraction) for a in q.answers]


@pytest.fixture(scope="module")
def doc_examples():
    result = parse(
        (DATA / "moodle_doc_examples.gift").read_text("utf-8"), "gift", "moodle_doc_examples.gift"
    )
    assert result.errors == [], [str(e) for e in result.errors]
    return result


def test_documentation_examples_all_parse(doc_examples):
    types = [q.type for q in doc_examples.questions]
    assert len(types) == 29
    assert set(types) == {
        "truefalse",
        "mcq",
        "multi",
        "short",
        "numeric",
        "matching",
        "essay",
        "description",
    }
    assert doc_examples.categories == [
        "$course$/top/GIFT/Choice",
        "$course$/top/GIFT/Open",
        "$course$/top/GIFT/Syntax",
    ]
    assert doc_examples.lines[:3] == [4, 7, 11]


def by_title(result, title):
    return next(q for q in result.questions if q.title == title)


def test_q1_to_q8_from_the_documentation(doc_examples):
    r = doc_examples
    q1 = by_title(r, "Q1")
    assert (q1.type, q1.stem, answers(q1)) == (
        "truefalse",
        "1+1=2",
        [("true", 1.0), ("false", 0.0)],
    )
    q2 = by_title(r, "Q2")
    assert q2.type == "mcq"
    assert [(a.text, a.fraction, a.feedback) for a in q2.answers] == [
        ("yellow", 1.0, "right; good!"),
        ("red", 0.0, "wrong, it's yellow"),
        ("blue", 0.0, "wrong, it's yellow"),
    ]
    q3 = by_title(r, "Q3")
    assert (q3.type, q3.stem, answers(q3)) == (
        "short",
        "Two plus _____ equals four.",
        [("two", 1.0), ("2", 1.0)],
    )
    assert by_title(r, "Q4").pairs == [("cat", "cat food"), ("dog", "dog food")]
    for title in ("Q5", "Q6"):  # 3:2 and 1..5 mean the same
        q = by_title(r, title)
        assert (q.type, q.answers) == ("numeric", [Answer("3", 1.0, "", 2.0)])
    q7 = by_title(r, "Q7")
    assert q7.answers == [
        Answer("1822", 1.0, "Correct! Full credit.", 0.0),
        Answer("1822", 0.5, "He was born in 1822. Half credit for being close.", 2.0),
    ]
    q8 = by_title(r, "Q8")
    assert (q8.type, q8.stem, q8.answers) == ("essay", "How are you?", [])


def test_missing_word_puts_the_blank_in_the_stem(doc_examples):
    stems = [q.stem for q in doc_examples.questions]
    assert "Grant is _____ in Grant's tomb." in stems
    assert (
        "The American holiday of Thanksgiving is celebrated on the _____ Thursday of November."
    ) in stems
    jesus = by_title(doc_examples, "Jesus' hometown")
    assert jesus.stem == "Jesus Christ was from _____."
    assert answers(jesus) == [
        ("Jerusalem", 0.0),
        ("Bethlehem", 0.25),
        ("Galilee", 0.5),
        ("Nazareth", 1.0),
    ]


def test_weights_negative_and_multiple_answers(doc_examples):
    q = next(q for q in doc_examples.questions if q.type == "multi")
    assert answers(q) == [
        ("No one", -1.0),
        ("Grant", 0.5),
        ("Grant's wife", 0.5),
        ("Grant's father", -1.0),
    ]
    short = by_title(doc_examples, "Jesus' hometown (short)")
    assert answers(short) == [("Nazareth", 1.0), ("Nazereth", 0.75), ("Bethlehem", 0.25)]


def test_several_right_answers_among_wrong_ones_each_score_full_marks():
    # Moodle reads this as one single-answer question where each « = » answer is right
    q = one("::Q:: Qui ? {=Paris =Lyon ~Lille}")
    assert q.type == "mcq"
    assert answers(q) == [("Paris", 1.0), ("Lyon", 1.0), ("Lille", 0.0)]
    assert [grade(q, i).fraction for i in range(3)] == [1.0, 1.0, 0.0]
    assert "=Paris" in dump([q], "gift").text and answers(one(dump([q], "gift").text)) == answers(q)


def test_true_false_feedback_order_is_wrong_then_right():
    q = one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.#Right.}")
    # the first feedback is for a wrong answer (true), the second for the right one (false)
    assert q.answers == [
        Answer("true", 0.0, "No one is buried there."),
        Answer("false", 1.0, "Right."),
    ]
    q = one("The sun rises in the east.{TRUE#Wrong!#Right!}")
    assert q.answers == [Answer("true", 1.0, "Right!"), Answer("false", 0.0, "Wrong!")]
    assert one("x {T}").answers[0].fraction == 1.0
    assert one("x {F}").answers[1].fraction == 1.0


def test_numeric_ranges_and_decimals(doc_examples):
    pis = [q for q in doc_examples.questions if q.stem.startswith("What is the value of pi")]
    assert pis[0].answers == [Answer("3.14159", 1.0, "", 0.0005)]
    assert pis[1].answers == [Answer("3.1415", 1.0, "", 0.0005)]
    assert pis[0].stem.endswith("_____.")
    assert one("x {#-5..-1}").answers == [Answer("-3", 1.0, "", 2.0)]
    assert one("x {# =%100%5:0 =%50%5:2}").answers == [
        Answer("5", 1.0, "", 0.0),
        Answer("5", 0.5, "", 2.0),
    ]
    q = one("Wrong answers get feedback {#=5:1#Yes ~#No, 5.}")
    assert q.answers[-1] == Answer("*", 0.0, "No, 5.")


def test_matching_essay_description_and_general_feedback(doc_examples):
    m = next(q for q in doc_examples.questions if q.type == "matching" and len(q.pairs) == 4)
    assert m.pairs[-1] == ("India", "New Delhi")
    d = next(q for q in doc_examples.questions if q.type == "description")
    assert d.stem.startswith("You can use your pencil")
    f = by_title(doc_examples, "Formats")
    assert (f.text_format, f.explanation) == (
        "markdown",
        "Grant and his wife are *entombed* there.",
    )
    assert one("Tell me. {####Anything goes.}").explanation == "Anything goes."


def test_escapes_tags_and_id(doc_examples):
    q = by_title(doc_examples, "GIFT Control Characters")
    assert [a.text for a in q.answers] == ["~", "=", "#", "{", "}", "\\"]
    assert q.answers[-1].fraction == 1.0
    assert q.tags == ["escapes", "moodle docs"]
    assert q.extra["idnumber"] == "GIFT-17"
    q = one(r"::a\:b:: 1 \{x\} \= \# \~ \\ line\nnext {=ok}")
    assert q.title == "a:b"
    assert q.stem == "1 {x} = # ~ \\ line\nnext"


def test_text_formats():
    assert one("[html]<b>x</b>{T}").text_format == "html"
    assert one("[plain]a < b{T}").text_format == "plain"
    assert one("[moodle]x{T}").text_format == "moodle"
    assert one("no marker{T}").text_format == "moodle"  # Moodle's default for GIFT
    html = one("::t::[html]Le <b>sommet</b>.\\nDeux.{T####Le [b] est gras.}")
    assert (html.stem, html.explanation) == ("Le <b>sommet</b>.\nDeux.", "Le [b] est gras.")


def test_a_percent_that_is_not_a_weight_is_text_as_in_moodle():
    assert answers(one("Odd {~%abc%a =b ~%}")) == [("%abc%a", 0.0), ("b", 1.0), ("%", 0.0)]
    assert answers(one("Weights {~%33.33333%a ~%66,66667%b}")) == [
        ("a", 0.3333333),
        ("b", 0.6666667),
    ]


def test_comments_are_ignored_but_not_urls():
    q = one("// a comment\n// another\nSee http://example.org {T}")
    assert q.stem == "See http://example.org"


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ("::Q1:: What? {=a ~b\n", 1, 14, "'{' non fermée"),
        ("\n\n::Q1:: What? =a ~b}", 3, 19, "sans '{' ouvrante"),
        ("What? {=a} and {=b}", 1, 16, "un seul bloc de réponses"),
        ("::no end What? {T}", 1, 1, "fermer le titre"),
        ("How many? {#abc}", 1, 11, "un nombre est attendu"),
        ("How many? {#1..x}", 1, 11, "intervalle numérique"),
        ("How many? {#3:abc}", 1, 11, "tolérance"),
        ("Pick {=a}\n\nPick {~a}", 3, 6, "au moins 2 options"),
        ("Match {=a -> b =c}", 1, 7, "élément -> correspondance"),
        ("Too much {~%150%a =b}", 1, None, "sort de -1..1"),  # found by validate()
    ],
)
def test_errors_have_line_column_and_expectation(text, line, column, words):
    result = parse(text, "gift", "bad.gift")
    assert result.errors, text
    err = result.errors[0]
    assert (err.file, err.line, err.column) == ("bad.gift", line, column)
    assert words in err.message
    assert result.importable == []


def test_all_errors_are_collected():
    text = "A {#x}\n\nB {=a\n\nC {T}\n\nD {~%50%a ~%20%b}"
    result = parse(text, "gift")
    assert [e.line for e in result.errors] == [1, 3, 7]
    assert "faire 1 au total" in result.errors[-1].message
    assert result.importable == []


def test_writer_output_is_what_moodle_reads():
    qs = [
        QuestionData(
            "mcq",
            "2 + 2 = ?",
            [Answer("4", 1.0, "oui"), Answer("5", 0.0)],
            title="Somme",
            category="$course$/top/Calcul",
            tags=["calcul"],
            explanation="Car 2 + 2 = 4.",
        ),
        QuestionData(
            "numeric",
            "Pi ?",
            [Answer("3.14", 1.0, "", 0.01)],
            title="Pi",
            category="$course$/top/Calcul",
        ),
    ]
    text = dump(qs, "gift").text
    assert text == (
        "$CATEGORY: $course$/top/Calcul\n\n"
        "// [tag:calcul]\n"
        "::Somme::[plain]2 + 2 \\= ?{\n\t=4#oui\n\t~5\n\t####Car 2 + 2 \\= 4.\n}\n\n"
        "::Pi::[plain]Pi ?{#\n\t=3.14:0.01\n}\n"
    )


def test_writer_lists_what_gift_cannot_hold():
    qs = [
        QuestionData("cloze", "{1}", title="c"),
        QuestionData("numeric", "n?", [Answer("3")], options={"unit": "m"}),
    ]
    result = dump(qs, "gift")
    assert [i for i, _ in result.skipped] == [0]
    assert [i for i, _ in result.lossy] == [1]
