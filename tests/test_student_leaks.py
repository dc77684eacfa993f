"""The answer-leak rule: before an answer is final, nothing in the page tells a
right answer from a wrong one, whatever the quiz's review settings.

Choice questions necessarily show the right option's text; for them we check that
nothing marks it (no fraction, no "correct" class or attribute), that option values
are display positions and that options come in the shuffled order. Open questions
(short, numeric, cloze) must not show their answers at all, and no question shows
its explanation or source sentence.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import make_bank, make_class, make_quiz, make_user
from test_student import attempt_row, save_json, slot_of, start

from quizapp.models.assessment import REVIEW_TIMES
from quizapp.models.base import utcnow
from quizapp.services import attempt_layout

WRONG_DRAFTS = {
    "mcq": "1",
    "multi": ["2"],
    "truefalse": "true",
    "short": "Paris",
    "numeric": "12",
    "matching": {"0": "1"},
    "cloze": ["5", "Kiev"],
}
# Texts that must never be in a page before the answer is final.
SECRETS = {
    "short": ["Moscou"],
    "numeric": ["10000", "10 000", "10\u202f000"],
    "cloze": ["8000", "8 000", "Koursk"],
}
EXPLANATION = "remporteront une grande victoire"
MARKERS = [
    "fraction",
    "tolerance",
    "data-correct",
    "data-answer",
    "option-right",
    "bonne réponse",
    "Réponse attendue",
    "outcome-",
    "<mark>",
    EXPLANATION,
]


def assert_nothing_marks_the_answers(html: str) -> None:
    for marker in MARKERS:
        assert marker not in html, marker
    assert not re.search(r'class="[^"]*\b(correct|right|wrong)\b', html)
    assert not re.search(r"\b(Correct|Incorrect)\b", html)


def assert_shown_in_layout_order(html: str, attempt, slot: int, data) -> None:
    fieldset = re.search(rf'<fieldset class="question" id="q{slot}".*?</fieldset>', html, re.S)
    assert fieldset, f"question {slot} not on the page"
    part = fieldset.group(0)
    order = attempt.layout[slot]["order"]
    if data.type in ("mcq", "multi"):
        values = re.findall(rf'name="a{slot}" value="([^"]*)"', part)
        assert values == [str(i) for i in range(len(order))]
        positions = [part.index(data.answers[i].text) for i in order]
        assert positions == sorted(positions)
    elif data.type == "matching":
        first_select = re.search(r"<select.*?</select>", part, re.S).group(0)
        values = re.findall(r'<option value="(\d+)"', first_select)
        assert values == [str(i) for i in range(len(order))]
        texts = re.findall(r'<option value="\d+"[^>]*>([^<]*)<', first_select)
        assert [t.replace("&#39;", "'") for t in texts] == [data.pairs[i][1] for i in order]


@pytest.mark.parametrize("one_per_page", [True, False], ids=["one-per-page", "all-on-one-page"])
@pytest.mark.parametrize("setting", REVIEW_TIMES)
def test_no_answer_leaks_before_the_answer_is_final(client, auth, app, setting, one_per_page):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    school_class = make_class(teacher, students=[student])
    quiz = make_quiz(
        teacher,
        make_bank(teacher),
        [school_class],
        one_per_page=one_per_page,
        shuffle_options=True,
        closes_at=utcnow() + timedelta(days=1),
        show_correctness=setting,
        show_answers=setting,
        show_explanations=setting,
    )
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    versions = attempt_layout.versions_for(attempt)
    kinds = {slot: versions[e["version_id"]].type for slot, e in enumerate(attempt.layout)}
    assert sorted(kinds.values()) == sorted(WRONG_DRAFTS)

    pages = {}
    for slot, kind in kinds.items():
        # Drafts saved as the student types: never final, never checked.
        response = save_json(client, attempt_id, slot, WRONG_DRAFTS[kind])
        assert response.status_code == 200
        assert set(response.get_json()) == {"saved", "slot", "unanswered"}
        url = f"/attempts/{attempt_id}?page={slot}" if one_per_page else f"/attempts/{attempt_id}"
        pages[slot] = client.get(url).get_data(as_text=True)

    for slot, kind in kinds.items():
        html = pages[slot]
        assert_nothing_marks_the_answers(html)
        assert_shown_in_layout_order(
            html, attempt, slot, versions[attempt.layout[slot]["version_id"]]
        )
        if one_per_page or kind != "short":  # "Moscou" is in another question's stem
            for secret in SECRETS.get(kind, []):
                assert secret not in html, (kind, secret)
    confirm = client.get(f"/attempts/{attempt_id}/submit").get_data(as_text=True)
    assert_nothing_marks_the_answers(confirm)


def test_a_checked_answer_shows_its_feedback_and_nothing_else(client, auth):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    school_class = make_class(teacher, students=[student])
    quiz = make_quiz(
        teacher,
        make_bank(teacher),
        [school_class],
        one_per_page=False,
        show_correctness="immediately",
        show_answers="immediately",
        show_explanations="immediately",
    )
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    mcq = slot_of(attempt, "mcq")
    from conftest import post

    post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(mcq), f"a{mcq}": "0", "go": f"check{mcq}"},
        token_from="/student",
    )
    html = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert html.count("Réponse attendue") == 1 and html.count("<mark>") >= 1
    for secret in SECRETS["numeric"] + SECRETS["cloze"]:
        assert secret not in html
    others = re.sub(rf'<fieldset class="question" id="q{mcq}".*?</fieldset>', "", html, flags=re.S)
    assert_nothing_marks_the_answers(others)
