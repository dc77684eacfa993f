"""Moodle XML: every type from a hand-written file, CDATA, categories, safety."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.formats import dump, parse
from quizapp.formats.cloze import parse_cloze, write_cloze

DATA = Path(__file__).parent / "data" / "formats"


@pytest.fixture(scope="module")
def sample():
    result = parse((DATA / "all_types.xml").read_text("utf-8"), "moodle_xml", "all_types.xml")
    assert result.errors == [], [str(e) for e in result.errors]
    return result


def q(sample, title):
    return next(x for x in sample.questions if x.title == title)


def test_every_type_is_read(sample):
    assert [x.type for x in sample.questions] == [
        "mcq",
        "multi",
        "truefalse",
        "short",
        "numeric",
        "matching",
        "cloze",
        "essay",
        "description",
    ]
    assert sample.lines == [14, 62, 80, 96, 104, 117, 127, 138, 151]
    assert sample.warnings == [
        "ligne 157 : le type de question 'calculated' n'est pas pris "
        "en charge par quizapp ; la question est laissée de côté"
    ]


def test_nested_categories_with_info_and_idnumber(sample):
    assert sample.categories == [
        "$course$/top/Actualité/Europe",
        "$course$/top/Actualité/Europe/Dates",
    ]
    assert q(sample, "Siège du Conseil").category == "$course$/top/Actualité/Europe"
    assert q(sample, "Traité de Rome").category == "$course$/top/Actualité/Europe/Dates"
    info = sample.bank_meta["category_info"]["$course$/top/Actualité/Europe"]
    assert info == {
        "info": "<p>Questions sur l'<b>Union européenne</b>.</p>",
        "info_format": "html",
        "idnumber": "EU-2024",
    }


def test_multichoice_single_with_cdata_feedback_hints_tags(sample):
    x = q(sample, "Siège du Conseil")
    assert x.stem == "<p>Où siège le <b>Conseil européen</b> ?</p>"  # CDATA read as is
    assert x.text_format == "html"
    assert x.explanation == "<p>Le bâtiment Europa, à Bruxelles.</p>"
    assert [(a.text, a.fraction) for a in x.answers] == [
        ("Bruxelles", 1.0),
        ("Strasbourg", 0.0),
        ("Luxembourg", 0.0),
    ]
    assert x.answers[1].feedback == "C'est le Parlement & ses sessions plénières."  # &amp;
    assert (x.default_mark, x.penalty) == (2.0, 0.3333333)
    assert x.tags == ["institutions", "ue"]
    assert x.extra["idnumber"] == "CE-1"
    assert x.extra["hints"] == [
        {"text": "Pensez à la Belgique.", "format": "html", "shownumcorrect": True}
    ]
    assert "<answernumbering>ABCD</answernumbering>" in x.extra["moodle_xml"]


def test_multichoice_multiple_truefalse_shortanswer(sample):
    m = q(sample, "Pays fondateurs")
    assert [(a.text, a.fraction) for a in m.answers] == [
        ("France", 0.5),
        ("Italie", 0.5),
        ("Espagne", -1.0),
    ]
    assert m.text_format == "moodle"
    tf = q(sample, "Traité de Rome")
    assert tf.answers == [
        Answer("true", 1.0, "Exact, le 25 mars 1957."),
        Answer("false", 0.0, "Si, 1957."),
    ]
    assert tf.text_format == "plain"
    sa = q(sample, "Capitale")
    assert sa.options == {"case_sensitive": True}
    assert [(a.text, a.fraction) for a in sa.answers] == [("Bruxelles", 1.0), ("Brussel", 0.5)]


def test_numerical_tolerance_and_units(sample):
    n = q(sample, "Distance")
    assert n.answers == [Answer("435", 1.0, "", 15.0), Answer("435", 0.5, "Presque.", 50.0)]
    assert n.options == {"unit": "km"}
    assert n.extra["units"] == [["km", 1.0], ["m", 1000.0]]


def test_matching_with_distractor(sample):
    assert q(sample, "Institutions").pairs == [
        ("Parlement", "Strasbourg"),
        ("Commission", "Bruxelles"),
        ("Cour de <i>justice</i>", "Luxembourg"),
        ("", "Genève"),
    ]


def test_cloze_embedded_answers_become_blanks(sample):
    c = q(sample, "Trous")
    assert c.stem == (
        "<p>La capitale de la Russie est {1}.</p>\n"
        "<p>Elle a été fondée en {2}.</p>\n<p>Le Kremlin est {3}.</p>"
    )
    assert c.blanks == [
        Blank("short", [Answer("Moscou", 1.0, "Oui"), Answer("moscow", 0.5, "Majuscule !")]),
        Blank("numeric", [Answer("1147", 1.0, "Oui", 2.0), Answer("1147", 0.5, "", 20.0)], 2.0),
        Blank(
            "mcq",
            [
                Answer("au centre", 0.0, "Non"),
                Answer("au bord de la Moskova", 1.0, "Oui"),
                Answer("loin } au nord", 0.0),
            ],
        ),
    ]
    assert c.extra["cloze_variants"] == {"3": "MULTICHOICE_V"}


def test_essay_and_description(sample):
    e = q(sample, "Rédaction")
    assert (e.type, e.default_mark, e.explanation) == (
        "essay",
        5.0,
        "Points attendus : date, lieu, acteurs.",
    )
    assert any("Barème" in raw for raw in e.extra["moodle_xml"])
    d = q(sample, "Consigne")
    assert (d.type, d.text_format, d.default_mark) == ("description", "markdown", 0.0)


def test_moodle_file_round_trips_through_quizapp(sample):
    text = dump(
        sample.questions, "moodle_xml", category_info=sample.bank_meta["category_info"]
    ).text
    again = parse(text, "moodle_xml")
    assert again.errors == []
    assert again.questions == sample.questions
    assert again.bank_meta == sample.bank_meta


def test_writer_escapes_and_uses_cdata():
    qs = [
        QuestionData(
            "short", "a < b && c ]]> d", [Answer("x & y")], title="T <1>", text_format="html"
        )
    ]
    text = dump(qs, "moodle_xml").text
    assert "<![CDATA[a < b && c ]]]]><![CDATA[> d]]>" in text
    assert "<text><![CDATA[T <1>]]></text>" in text
    back = parse(text, "moodle_xml").questions[0]
    assert (back.stem, back.title, back.answers[0].text) == ("a < b && c ]]> d", "T <1>", "x & y")


def test_writer_names_untitled_questions():
    text = dump(
        [
            QuestionData(
                "truefalse", "<p>Le ciel est bleu.</p>", [Answer("true", 1.0), Answer("false", 0.0)]
            )
        ],
        "moodle_xml",
    ).text
    assert "<name>\n      <text>Le ciel est bleu.</text>" in text


def test_cloze_syntax_round_trip_and_escapes():
    text = r"A {2:SA:=a\}b#f\#1~%50%c} B {:MC:~x~=y} C {:NM:=1.5:0.1~*#no}"
    stem, blanks, variants, errors = parse_cloze(text)
    assert errors == []
    assert stem == "A {1} B {2} C {3}"
    assert blanks[0] == Blank("short", [Answer("a}b", 1.0, "f#1"), Answer("c", 0.5)], 2.0)
    assert variants == {"1": "SA", "2": "MC", "3": "NM"}
    assert blanks[2].answers == [Answer("1.5", 1.0, "", 0.1), Answer("*", 0.0, "no")]
    assert parse_cloze(write_cloze(stem, blanks, variants))[1] == blanks


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<quiz><question type="description"><name><text>&lol9;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<quiz><question type="description"><name><text>&xxe;</text></name>
<questiontext><text>x</text></questiontext></question></quiz>"""

EXTERNAL_NO_DTD_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://example.org/evil.dtd">
<quiz/>"""


@pytest.mark.parametrize("text", [BOMB, EXTERNAL, EXTERNAL_NO_DTD_ENTITY])
def test_xml_bombs_and_external_entities_are_refused(text):
    start = time.perf_counter()
    result = parse(text, "moodle_xml", "evil.xml")
    assert time.perf_counter() - start < 1
    assert result.importable == [] and result.questions == []
    assert len(result.errors) == 1
    assert "refusé par sécurité" in result.errors[0].message
    assert result.errors[0].line == 2  # the <!DOCTYPE


@pytest.mark.parametrize(
    "text, line, words",
    [
        (
            "<quiz><question type='truefalse'>\n<questiontext><text>x</text></questiontext>\n"
            "</quiz>",
            3,
            "XML mal formé",
        ),
        ("<questions/>", 1, "racine <quiz> est attendu"),
        (
            "<quiz>\n<question type='essay'><name><text>n</text></name></question></quiz>",
            2,
            "<questiontext> est attendu",
        ),
        (
            "<quiz>\n<question type='truefalse'><questiontext><text>x</text></questiontext>"
            "<answer fraction='100'><text>yes</text></answer></question></quiz>",
            2,
            "'true' et 'false'",
        ),
        (
            "<quiz>\n\n<question type='multichoice'><questiontext><text>x</text></questiontext>"
            "<answer fraction='60'><text>a</text></answer><answer fraction='30'><text>b</text></answer>"
            "<single>false</single></question></quiz>",
            3,
            "faire 1 au total",
        ),
        (
            "<quiz>\n<question type='cloze'><questiontext><text>a {1:NUMERICAL:=x}</text>"
            "</questiontext></question></quiz>",
            2,
            "un nombre est attendu",
        ),
    ],
)
def test_bad_files_give_line_and_expectation(text, line, words):
    result = parse(text, "moodle_xml", "bad.xml")
    assert result.errors and result.importable == []
    assert result.errors[0].line == line
    assert words in result.errors[0].message


def test_embedded_files_are_reported_not_silently_lost():
    text = (
        "<quiz>\n<question type='essay'><name><text>img</text></name>"
        "<questiontext format='html'><text><![CDATA[<img src='@@PLUGINFILE@@/a.png'>]]></text>"
        "<file name='a.png' path='/' encoding='base64'>iVBORw0KGgo=</file></questiontext>"
        "</question></quiz>"
    )
    result = parse(text, "moodle_xml")
    assert result.errors == [] and len(result.questions) == 1
    assert result.warnings == [
        "ligne 2 : les fichiers joints à la question (images…) ne sont pas importés"
    ]


def _multichoice(single: str, *fractions: str) -> str:
    answers = "".join(
        f'<answer fraction="{f}"><text>o{i}</text></answer>' for i, f in enumerate(fractions)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n<question type="multichoice">'
        "<name><text>Q</text></name><questiontext><text>Lesquels ?</text></questiontext>"
        f"<single>{single}</single>{answers}</question></quiz>"
    )


@pytest.mark.parametrize(
    "fractions, shares, shown",
    [
        (("100", "100", "-100"), [0.5, 0.5, -1.0], "50"),
        (("100", "0", "100", "100"), [0.3333333, 0.0, 0.3333333, 0.3333333], "33.33333"),
    ],
)
def test_multiple_answers_each_worth_100_share_the_marks_with_a_warning(fractions, shares, shown):
    result = parse(_multichoice("false", *fractions), "moodle_xml")
    assert result.errors == [], [str(e) for e in result.errors]
    assert [a.fraction for a in result.questions[0].answers] == shares
    right = len([f for f in fractions if f == "100"])
    assert result.warnings == [
        f"ligne 3 : les {right} bonnes options valaient chacune 100 % ; "
        f"elles se partagent maintenant la note ({shown} % chacune) : "
        "il faut toutes les cocher pour la note entière"
    ]


def test_multiple_answers_that_do_not_add_up_otherwise_are_still_refused():
    result = parse(_multichoice("false", "100", "50", "0"), "moodle_xml")
    assert result.importable == [] and result.errors[0].line == 3
    assert "faire 1 au total" in result.errors[0].message


def test_a_grade_moodle_refuses_is_kept_on_import_and_rounded_on_export():
    result = parse(_multichoice("true", "100", "33", "0"), "moodle_xml")
    assert result.errors == []
    q = result.questions[0]
    assert q.answers[1].fraction == 0.33
    out = dump([q], "moodle_xml")
    assert 'fraction="33.33333"' in out.text and 'fraction="33"' not in out.text
    rounded = [(0, "notes arrondies à la plus proche que Moodle accepte : 33 % → 33.33333 %")]
    assert out.lossy == rounded
    gift = dump([q], "gift")
    assert "~%33.33333%o1" in gift.text and gift.lossy == rounded
    assert q.answers[1].fraction == 0.33  # the question itself is left as it was


@pytest.mark.parametrize(
    "fraction, nearest",
    [
        (0.33, 0.3333333),
        (0.97, 1.0),
        (0.15, 0.1428571),
        (0.026, 0.05),
        (0.024, 0.0),
        (-0.34, -0.3333333),
        (-0.98, -1.0),
        (0.1666667, 0.1666667),
        (1 / 3, 0.3333333),
    ],
)
def test_grades_round_to_the_nearest_moodle_accepts(fraction, nearest):
    from quizapp.formats.base import moodle_fraction

    assert moodle_fraction(fraction) == nearest
