"""Answer matching and scoring: every rule of docs/scoring.md, with French examples."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.grading import (
    MAX_TEXT_LENGTH,
    Grade,
    InvalidResponse,
    apply_penalty,
    grade,
    mark,
)
from quizapp.domain.numbers import parse_number
from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.domain.text_answers import allowed_typos, match_short, normalise_answer, wildcard_match


def short(*texts: str, **options) -> QuestionData:
    return QuestionData(type="short", stem="?", answers=[Answer(t) for t in texts], options=options)


def numeric(value: str, tolerance: float = 0.0, unit: str | None = None) -> QuestionData:
    options = {"unit": unit} if unit else {}
    return QuestionData(
        type="numeric", stem="?", answers=[Answer(value, tolerance=tolerance)], options=options
    )


MCQ = QuestionData(
    type="mcq",
    stem="Quelle ville accueille le sommet ?",
    answers=[Answer("Paris", 1.0, "Oui."), Answer("Lyon", 0.0, "Non."), Answer("Nice", 0.0)],
)
MULTI = QuestionData(
    type="multi",
    stem="Quels pays sont membres du G7 ?",
    answers=[
        Answer("France", 0.5),
        Answer("Japon", 0.5),
        Answer("Chine", -0.5),
        Answer("Inde", -0.5),
    ],
)
TRUEFALSE = QuestionData(
    type="truefalse",
    stem="Le sommet a lieu à Paris.",
    answers=[Answer("true", 1.0, "Exact."), Answer("false", 0.0, "Si.")],
)
MATCHING = QuestionData(
    type="matching",
    stem="Associez chaque dirigeant à son pays.",
    pairs=[("Zelensky", "Ukraine"), ("Macron", "France"), ("Scholz", "Allemagne"), ("", "Italie")],
)
CLOZE = QuestionData(
    type="cloze",
    stem="Le sommet de {1} a réuni {2} dirigeants à {3}.",
    blanks=[
        Blank("short", [Answer("l'OTAN")], weight=2.0),
        Blank("numeric", [Answer("32")], weight=1.0),
        Blank("mcq", [Answer("Vilnius", 1.0), Answer("Riga", 0.0)], weight=1.0),
    ],
)


# ---------------------------------------------------------------- normalising
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ukraine", "ukraine"),  # case
        ("Élysée", "Elysee"),  # accents
        ("l'Ukraine", "Ukraine"),  # elided article
        ("l\u2019Ukraine", "Ukraine"),  # typographic apostrophe
        ("d'Ukraine", "Ukraine"),  # elided "de"
        ("la Russie", "Russie"),  # article
        ("les Nations unies", "Nations unies"),
        ("de la Russie", "Russie"),
        ("au Mali", "Mali"),
        ("en Ukraine", "Ukraine"),
        ("« la Russie »", "Russie"),  # quotes around an article
        ("Kim Jong-un", "Kim Jong Un"),  # hyphens and spacing
        ("Kim Jong Un", "kim  jong   un"),
        ("Jean\u2011Luc Mélenchon", "jean luc melenchon"),  # non-breaking hyphen
        ("cœur", "coeur"),  # ligature
        ("Lætitia", "laetitia"),
        ("O.N.U.", "ONU"),  # dots of acronyms
        ("États-Unis !", "Etats Unis"),  # punctuation
        ("\u00a0Ukraine\u202f", "Ukraine"),  # non-breaking spaces
        ("10 000", "10000"),  # thousands separators
        ("10.000", "10 000"),
        ("49.3", "49-3"),  # other separators between digits count as a space
    ],
)
def test_normalise_treats_as_equal(a, b):
    assert normalise_answer(a) == normalise_answer(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Côte d'Ivoire", "Côte Ivoire"),  # only a leading article is dropped
        ("Mali", "Bali"),
        ("3,5", "35"),  # a decimal mark is not a thousands separator
        ("G7", "G20"),
    ],
)
def test_normalise_keeps_apart(a, b):
    assert normalise_answer(a) != normalise_answer(b)


def test_normalise_keeps_a_lone_article():
    assert normalise_answer("Le") == "le"
    assert normalise_answer("l'") == "l"


def test_case_sensitive_and_accents_matter():
    assert normalise_answer("ONU", case_sensitive=True) != normalise_answer(
        "onu", case_sensitive=True
    )
    assert normalise_answer("L'ONU", case_sensitive=True) == "ONU"
    assert normalise_answer("Élysée", accents_matter=True) == "élysée"
    assert normalise_answer("Elysee", accents_matter=True) == "elysee"


@given(st.text(max_size=60))
def test_normalise_is_idempotent_on_its_output_words(text):
    once = normalise_answer(text)
    assert once == once.strip()
    assert "  " not in once


# ---------------------------------------------------------------- short
def test_match_short_exact_after_normalising():
    accepted = [Answer("Kim Jong-un")]
    assert match_short("kim jong un", accepted) is accepted[0]
    assert match_short("Kim Jong Il", accepted) is None


def test_match_short_prefers_highest_fraction():
    accepted = [Answer("Biden", 0.5), Answer("Joe Biden", 1.0), Answer("*", 0.0, "Non.")]
    assert match_short("Joe Biden", accepted).fraction == 1.0
    assert match_short("Biden", accepted).fraction == 0.5
    assert match_short("Trump", accepted).text == "*"


def test_match_short_wildcard():
    accepted = [Answer("* Macron")]
    assert match_short("Emmanuel Macron", accepted) is accepted[0]
    assert match_short("Macron", accepted) is accepted[0]
    assert match_short("Macronie", accepted) is None


@pytest.mark.parametrize(
    ("pattern", "typed", "ok"),
    [
        ("*président*", "le président de la République", True),
        ("président*République", "président de la République", True),
        ("président*République", "République président", False),
        ("*a*b*a*", "aba", True),
        ("*a*b*a*", "ab", False),
        ("a*a", "a", False),  # the two pieces may not overlap
        ("*", "n'importe quoi", True),
    ],
)
def test_wildcard_pieces_in_order(pattern, typed, ok):
    assert (match_short(typed, [Answer(pattern)]) is not None) is ok


@given(
    pattern=st.text(alphabet="ab*", max_size=8),
    typed=st.text(alphabet="ab", max_size=10),
)
def test_wildcard_agrees_with_a_regular_expression(pattern, typed):
    """On small texts, where a regular expression is quick, both say the same."""
    pattern = "*" + pattern  # at least one star, as match_short asks
    reference = re.fullmatch(".*".join(re.escape(p) for p in pattern.split("*")), typed)
    assert wildcard_match(pattern, typed, {}) is (reference is not None)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("pattern", ["*président*de*la*république*", "*a*a*a*z"])
def test_wildcard_stays_quick_on_a_long_answer_that_almost_matches(pattern):
    # A backtracking pattern took more than 20 s on each of these (a save
    # holding the database); matching in order takes a few milliseconds.
    typed = "président de la " * 125 if "p" in pattern else "a " * 999
    assert match_short(typed, [Answer(pattern)]) is None


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Iran", 0),
        ("Mali", 0),
        ("Gaza", 0),
        ("Ukraine", 1),
        ("Zelensky", 1),
        ("Netanyahou", 2),
        ("Kim Jong-un", 2),
    ],
)
def test_allowed_typos_scales_with_length(answer, expected):
    assert allowed_typos(normalise_answer(answer)) == expected


@pytest.mark.parametrize(
    ("typed", "accepted", "ok"),
    [
        ("Ukrane", "Ukraine", True),  # 1 edit, 7 letters
        ("Ukrian", "Ukraine", False),  # 2 edits, 7 letters
        ("Zelesnky", "Zelensky", True),  # a swap counts as one edit
        ("Netanyaou", "Netanyahou", True),  # 1 edit, 10 letters
        ("Netaniaou", "Netanyahou", True),  # 2 edits, 10 letters
        ("Netaniao", "Netanyahou", False),  # 3 edits
        ("Irak", "Iran", False),  # very short: exact only
        ("Mali", "Bali", False),
        ("G20 Rome", "G21 Rome", False),  # numbers must match exactly
        ("article 49", "article 47", False),
    ],
)
def test_typos_when_allowed(typed, accepted, ok):
    answers = [Answer(accepted)]
    assert (match_short(typed, answers, {"typos": True}) is not None) is ok
    assert match_short(typed, answers, {"typos": False}) is None


def test_typos_prefer_exact_then_closest():
    accepted = [Answer("Autriche", 0.0, "C'est l'Autriche."), Answer("Australie", 1.0)]
    assert match_short("Autriche", accepted, {"typos": True}).text == "Autriche"
    assert match_short("Australi", accepted, {"typos": True}).text == "Australie"


def test_grade_short_reports_typos():
    g = grade(short("Ukraine", typos=True), "Ukrane")
    assert g.fraction == 1.0 and g.correct
    assert g.detail["typos"] == 1 and g.detail["matched"] == "Ukraine"
    assert grade(short("Ukraine"), "Ukrane").fraction == 0.0


def test_grade_short_case_sensitive_option():
    q = short("ONU", case_sensitive=True)
    assert grade(q, "ONU").correct
    assert not grade(q, "onu").correct


def test_grade_short_accents_option():
    q = short("Élysée", accents_matter=True)
    assert grade(q, "élysée").correct
    assert not grade(q, "Elysee").correct


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("10000", None, 10000),
        ("10 000", None, 10000),
        ("10\u202f000", None, 10000),  # narrow non-breaking space
        ("10\u00a0000", None, 10000),  # non-breaking space
        ("10.000", None, 10000),  # French thousands dot
        ("1.234.567", None, 1234567),
        ("1 234 567,89", None, 1234567.89),
        ("1.234,5", None, 1234.5),
        ("10,5", None, 10.5),  # decimal comma
        ("10,000", None, 10.0),  # a comma is always decimal
        ("3.5", None, 3.5),
        ("0.500", None, 0.5),
        ("3.500", None, 3500),
        ("-3", None, -3),
        ("\u22123", None, -3),  # minus sign
        ("+4", None, 4),
        ("moins 3", None, -3),
        ("1e3", None, 1000),
        ("2,5e-1", None, 0.25),
        ("2,5 millions", None, 2_500_000),
        ("3 milliards", None, 3e9),
        ("10 mille", None, 10000),
        ("40 EUR", "€", 40),
        ("3 kilos", "kg", 3),
        ("dix mille", None, 10000),
        ("quatre-vingt-dix-sept", None, 97),
        ("vingt et un", None, 21),
        ("trois virgule cinq", None, 3.5),
        ("moins trois", None, -3),
        ("42.", None, 42),  # final full stop
        (" 42 ", None, 42),
        ("10 000 soldats", "soldats", 10000),
        ("10 000 soldat", "soldats", 10000),  # singular or plural
        ("dix mille soldats", "soldats", 10000),
        ("10 000", "soldats", 10000),  # the unit may be left out
        ("5 %", "%", 5),
        ("5%", "%", 5),
        ("5 pour cent", "%", 5),
        ("12 km", "km", 12),
        ("12 KM", "km", 12),
        ("12 kilomètres", "km", 12),
        ("40 €", "euros", 40),
    ],
)
def test_parse_number_accepts(text, unit, value):
    assert parse_number(text, unit) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("", None),
        ("abc", None),
        ("inf", None),
        ("nan", None),
        ("1e999", None),  # not finite
        ("10 00", None),  # groups of three only
        ("1,234,567", None),  # two decimal commas
        ("12 km", None),  # text after a number without a unit
        ("12 m", "km"),  # wrong unit
        ("10 000 civils", "soldats"),
        ("5 km", "%"),
        ("un peu", None),
    ],
)
def test_parse_number_refuses(text, unit):
    assert parse_number(text, unit) is None


def test_parse_number_ignores_non_text():
    assert parse_number(None) is None  # type: ignore[arg-type]


def test_grade_numeric_tolerance():
    q = numeric("10 000", tolerance=500)
    assert grade(q, "10 400").correct
    assert grade(q, "9 500").correct
    assert not grade(q, "9 499").correct
    assert grade(q, 10_200).correct
    exact = numeric("0,3")
    assert grade(exact, "0.3").correct


def test_grade_numeric_partial_answers_and_catch_all():
    q = QuestionData(
        type="numeric",
        stem="?",
        answers=[Answer("1989", 1.0), Answer("1990", 0.5, tolerance=1), Answer("*", 0.0, "Non.")],
    )
    assert grade(q, "1989").fraction == 1.0
    assert grade(q, "1991").fraction == 0.5
    g = grade(q, "2001")
    assert g.fraction == 0.0 and g.detail["matched"] == "*"


def test_grade_numeric_answer_may_carry_the_unit():
    q = numeric("10 000 soldats", unit="soldats")
    assert grade(q, "dix mille").correct
    assert grade(q, "10000 soldats").correct


def test_grade_numeric_unreadable_or_wrong_unit():
    q = numeric("32", unit="pays")
    assert grade(q, "32 pays").correct
    g = grade(q, "32 km")
    assert g.fraction == 0.0 and g.detail["reason"] == "unreadable"


# ---------------------------------------------------------------- choices
def test_mcq():
    g = grade(MCQ, 0)
    assert g == Grade(1.0, True, {"answered": True, "chosen": 0, "feedback": "Oui."})
    assert grade(MCQ, "1").fraction == 0.0  # a form posts strings
    assert grade(MCQ, None) == Grade(0.0, False, {"answered": False})


@pytest.mark.parametrize("bad", [3, -1, "x", "1.5", True, 1.0, [0]])
def test_mcq_invalid(bad):
    with pytest.raises(InvalidResponse):
        grade(MCQ, bad)


@pytest.mark.parametrize(
    ("chosen", "fraction"),
    [
        ([0, 1], 1.0),
        ([0], 0.5),
        ([1, 0], 1.0),
        ([0, 1, 2], 0.5),
        ([0, 2], 0.0),
        ([2, 3], 0.0),
        ([], 0.0),
        ((0, 1), 1.0),
        ({0, 1}, 1.0),
    ],
)
def test_multi_adds_fractions_and_clamps(chosen, fraction):
    g = grade(MULTI, chosen)
    assert g.fraction == pytest.approx(fraction)
    assert g.correct is (fraction == 1.0)


def test_multi_without_penalties_is_the_authors_choice():
    q = QuestionData(
        type="multi",
        stem="?",
        answers=[Answer("a", 1 / 3), Answer("b", 1 / 3), Answer("c", 1 / 3), Answer("d", 0.0)],
    )
    assert grade(q, [0, 1, 2]).correct  # 1/3 * 3 is close enough to 1
    assert grade(q, [0, 1, 2, 3]).correct


@pytest.mark.parametrize("bad", [0, "0,1", [0, 0], [9], {"0": 1}, [None]])
def test_multi_invalid(bad):
    with pytest.raises(InvalidResponse):
        grade(MULTI, bad)


@pytest.mark.parametrize(
    ("said", "correct"),
    [
        (True, True),
        (False, False),
        ("true", True),
        ("FALSE", False),
        ("Vrai", True),
        ("faux", False),
    ],
)
def test_truefalse(said, correct):
    assert grade(TRUEFALSE, said).correct is correct


@pytest.mark.parametrize("bad", ["oui", 1, 0, [True]])
def test_truefalse_invalid(bad):
    with pytest.raises(InvalidResponse):
        grade(TRUEFALSE, bad)


def test_matching_partial_credit():
    assert grade(MATCHING, {0: "Ukraine", 1: "France", 2: "Allemagne"}).correct
    g = grade(MATCHING, {"0": "Ukraine", "1": "Italie"})
    assert g.fraction == pytest.approx(1 / 3)
    assert g.detail["chosen"] == {"0": "Ukraine", "1": "Italie", "2": None}
    assert g.detail["right"] == ["0"]
    assert grade(MATCHING, {0: "", 1: None}).fraction == 0.0


@pytest.mark.parametrize("bad", [["Ukraine"], {3: "Italie"}, {9: "France"}, {0: "Espagne"}, {0: 1}])
def test_matching_invalid(bad):
    with pytest.raises(InvalidResponse):
        grade(MATCHING, bad)


# ---------------------------------------------------------------- cloze
def test_cloze_weighted_blanks():
    assert grade(CLOZE, ["OTAN", "32", 0]).correct
    g = grade(CLOZE, ["l’OTAN", "31", 1])  # weights 2, 1, 1
    assert g.fraction == pytest.approx(0.5)
    assert [b["fraction"] for b in g.detail["blanks"]] == [1.0, 0.0, 0.0]
    assert grade(CLOZE, [None, "trente-deux", None]).fraction == pytest.approx(0.25)


@pytest.mark.parametrize("bad", ["OTAN", ["OTAN", "32"], ["OTAN", "32", 5], {"0": "OTAN"}])
def test_cloze_invalid(bad):
    with pytest.raises(InvalidResponse):
        grade(CLOZE, bad)


def test_cloze_error_names_the_blank():
    with pytest.raises(InvalidResponse, match="Trou 3"):
        grade(CLOZE, ["OTAN", "32", 7])


# ---------------------------------------------------------------- not graded
def test_essay_needs_manual_grading():
    q = QuestionData(type="essay", stem="Expliquez.")
    g = grade(q, "Parce que…")
    assert g.fraction is None and g.correct is None and g.needs_manual_grading
    assert mark(q, "Parce que…") is None
    with pytest.raises(InvalidResponse):
        grade(q, "x" * 20_001)


def test_description_is_never_graded():
    g = grade(QuestionData(type="description", stem="Lisez."), None)
    assert g.fraction is None and g.correct is None and not g.needs_manual_grading


def test_unknown_type_is_a_programming_error():
    with pytest.raises(ValueError):
        grade(QuestionData(type="ranking", stem="?"), 0)


# ---------------------------------------------------------------- limits
@pytest.mark.parametrize("q", [short("Ukraine"), numeric("3")])
def test_over_long_text_is_invalid(q):
    assert grade(q, "x" * MAX_TEXT_LENGTH).fraction == 0.0
    with pytest.raises(InvalidResponse, match="trop longue"):
        grade(q, "x" * (MAX_TEXT_LENGTH + 1))
    with pytest.raises(InvalidResponse):
        grade(q, " " * (MAX_TEXT_LENGTH + 1))


@pytest.mark.parametrize("q", [short("Ukraine"), numeric("3")])
def test_text_types_refuse_non_text(q):
    with pytest.raises(InvalidResponse):
        grade(q, ["Ukraine"])


def test_blank_text_is_unanswered():
    assert grade(short("Ukraine"), "   ").detail == {"answered": False}
    assert grade(numeric("3"), "").detail == {"answered": False}


def test_details_are_json_ready():
    for q, said in [
        (MCQ, 0),
        (MULTI, [0]),
        (TRUEFALSE, True),
        (short("Ukraine"), "Ukraine"),
        (numeric("3"), "3"),
        (MATCHING, {0: "Ukraine"}),
        (CLOZE, ["OTAN", "32", 0]),
    ]:
        json.dumps(grade(q, said).detail)


@given(st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(-2, 6))))
def test_grade_never_leaves_the_unit_interval(said):
    for q in (MCQ, MULTI, short("Ukraine", typos=True), numeric("3")):
        try:
            g = grade(q, said)
        except InvalidResponse:
            continue
        assert 0.0 <= g.fraction <= 1.0


# ---------------------------------------------------------------- marks, penalties
def test_mark_is_fraction_times_mark():
    assert mark(MULTI, [0], 4) == 2.0
    q = QuestionData(type="mcq", stem="?", answers=MCQ.answers, default_mark=3.0)
    assert mark(q, 0) == 3.0
    assert mark(q, 1) == 0.0


@pytest.mark.parametrize(
    ("fraction", "tries", "penalty", "expected"),
    [
        (1.0, 1, 0.3333333, 1.0),
        (1.0, 2, 0.3333333, 0.6666667),
        (1.0, 3, 0.5, 0.0),
        (1.0, 5, 0.3333333, 0.0),
        (0.5, 2, 0.1, 0.4),
        (1.0, 4, 0.0, 1.0),
    ],
)
def test_apply_penalty(fraction, tries, penalty, expected):
    assert apply_penalty(fraction, tries, penalty) == pytest.approx(expected)


def test_apply_penalty_counts_tries_from_one():
    with pytest.raises(ValueError):
        apply_penalty(1.0, 0, 0.1)
