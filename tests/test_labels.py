"""What people read instead of internal identifiers (question types, the generator's
kinds, review statuses), and dates and numbers written the way each language
writes them."""

from __future__ import annotations

import re
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from conftest import make_bank, make_class, make_quiz, make_user, post
from flask_babel import force_locale
from test_reports import T0, add_attempt, three_questions

from quizapp.display import labels
from quizapp.display.i18n import Numbers
from quizapp.domain.questiondata import STATUSES, TYPES, Answer, QuestionData
from quizapp.extensions import db

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"  # French: « 50 % », the space that never breaks the line
NNBSP = "\u202f"  # English: "9:23 PM"


def _text(html: str) -> str:
    """What a reader sees: the page without tags and attributes."""
    return re.sub(r"<[^>]+>", " ", html)


def as_english(user) -> None:
    db.session.rollback()  # a fresh snapshot: the requests since may have written
    user.locale = "en"
    db.session.commit()


# --- the labels themselves ------------------------------------------------------------------
def test_every_type_kind_and_status_has_a_label():
    generated = set()
    for path in (ROOT / "quizapp/generation").glob("*.py"):
        generated |= set(re.findall(r'\bkind="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert {"meeting", "quote", "figure", "date", "role", "position"} <= generated
    assert set(TYPES) == set(labels.TYPE_LABELS)
    assert generated | {""} <= set(labels.KIND_LABELS)
    assert set(STATUSES) == set(labels.STATUS_LABELS)


def test_labels_are_french_then_english(app):
    with app.test_request_context():
        assert labels.type_label("truefalse") == "Vrai ou faux"
        assert labels.kind_label("meeting") == "Rencontre"
        assert labels.kind_label("") == "Écrite à la main"
        assert labels.status_label("accepted") == "Acceptée"
        with force_locale("en"):
            assert labels.type_label("truefalse") == "True or false"
            assert labels.kind_label("position") == "Stance"
            assert labels.status_label("rejected") == "Rejected"


def test_a_topic_is_named_when_it_is_a_kind_or_a_type_and_kept_when_it_is_a_tag(app):
    with app.test_request_context():
        assert labels.topic_label("figure") == "Chiffre"
        assert labels.topic_label("short") == "Réponse courte"
        assert labels.topic_label("rencontres") == "rencontres"
        assert labels.kind_label("unknown-kind") == "unknown-kind"


# --- the pages --------------------------------------------------------------------------------
def _review_bank(teacher):
    """A generated true/false to review."""
    return make_bank(
        teacher,
        [
            QuestionData(
                type="truefalse",
                kind="truefalse",
                stem="La Chine soutient ouvertement l'alliance.",
                answers=[Answer("true", 0.0), Answer("false", 1.0)],
                confidence=0.8,
            ),
        ],
        name="À relire",
        status="candidate",
    )


def test_english_bank_page_names_types_kinds_and_statuses(client, auth):
    teacher = make_user("teacher", "prof")
    as_english(teacher)
    bank = _review_bank(teacher)
    auth.login("prof")
    html = client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True)
    text = _text(html)
    assert "truefalse" not in text and "candidate" not in text
    assert "True or false" in text and "To review" in text
    assert ">Fill in the blanks</option>" in html and ">Single choice</option>" in html
    card = html[html.index('<article id="q') :]
    card = card[: card.index("</header>")]
    assert card.count("True or false") == 1  # type and kind say the same: shown once
    assert "confidence 0.80" in _text(card)
    # the identifiers stay where they are values: the filters' options, the card's class
    assert html.count('<option value="truefalse" >True or false</option>') == 2  # kind, type
    assert 'class="question-card status-candidate"' in html


def test_french_bank_page_writes_decimals_with_a_comma(client, auth):
    teacher = make_user("teacher", "prof")
    bank = _review_bank(teacher)
    auth.login("prof")
    text = _text(client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True))
    assert "confiance 0,80" in text and "0.80" not in text
    assert "Vrai ou faux" in text and "À relire" in text


def test_french_history_names_the_kind_of_untagged_questions(client, auth):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    quiz = make_quiz(
        teacher,
        make_bank(teacher, three_questions()),
        [make_class(teacher, students=[student])],
    )
    add_attempt(quiz, student, [0, 1, "true"])  # meeting right, quote wrong, figure right
    auth.login("lea")
    html = client.get("/student/history").get_data(as_text=True)
    mastery = html[html.index('class="mastery"') :]
    assert '<span class="topic">Citation</span>' in mastery
    assert '<span class="topic">Rencontre</span>' in mastery
    assert 'aria-label="Chiffre"' in mastery
    for kind in ("meeting", "quote", "figure"):
        assert kind not in _text(mastery)
    assert f"100{NBSP}%" in mastery and f"0{NBSP}%" in mastery


def test_english_history_names_the_kinds_in_english(client, auth):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    as_english(student)
    quiz = make_quiz(
        teacher,
        make_bank(teacher, three_questions()),
        [make_class(teacher, students=[student])],
    )
    add_attempt(quiz, student, [0, 1, "true"])
    auth.login("lea")
    html = client.get("/student/history").get_data(as_text=True)
    mastery = _text(html[html.index('class="mastery"') :])
    assert "Meeting" in mastery and "Quote" in mastery and "Figure" in mastery
    assert "100%" in mastery and "0%" in mastery and " %" not in mastery


@pytest.fixture
def reviewed_bank(client, auth):
    teacher = make_user("teacher", "prof")
    questions = three_questions()
    bank = make_bank(teacher, questions)
    first, second, _third = bank.questions
    second.status = "rejected"
    first.confidence = 0.5
    db.session.commit()
    auth.login("prof")
    return teacher, bank


def test_bank_report_names_statuses_and_kinds(client, reviewed_bank):
    teacher, bank = reviewed_bank
    html = client.get(f"/reports/banks/{bank.id}").get_data(as_text=True)
    assert "<td>Acceptée</td>" in html and "<td>Rejetée</td>" in html
    assert "<td>accepted</td>" not in html and "<td>rejected</td>" not in html
    assert "<td>Rencontre</td>" in html and "<td>meeting</td>" not in html
    assert f"50,0{NBSP}%" in html  # the meeting question's confidence
    as_english(teacher)
    html = client.get(f"/reports/banks/{bank.id}").get_data(as_text=True)
    assert "<td>Accepted</td>" in html and "<td>Rejected</td>" in html
    assert "<td>Meeting</td>" in html and "<td>Quote</td>" in html
    assert "50.0%" in html and "50.0 %" not in html


def test_quiz_form_names_type_and_kind(client, reviewed_bank):
    _teacher, bank = reviewed_bank
    html = client.get(f"/teacher/quizzes/new?bank={bank.id}").get_data(as_text=True)
    assert "(Choix unique · Rencontre)" in html
    assert "(mcq" not in html and "· meeting" not in html


def test_import_preview_counts_questions_by_type_in_words(client, auth):
    teacher = make_user("teacher", "prof")
    bank_id = make_bank(teacher, [], name="Import").id
    auth.login("prof")
    gift = "::Q1:: Capitale de la Russie ? {=Moscou ~Kiev ~Minsk}\n\n::Q2:: Moscou est en Russie. {T}\n"

    def preview():
        return post(
            client,
            f"/teacher/banks/{bank_id}/import",
            {"upload": (BytesIO(gift.encode()), "q.gift")},
            token_from="/teacher/banks",
            content_type="multipart/form-data",
        ).get_data(as_text=True)

    html = preview()
    assert "<li>Choix unique : 1</li>" in html and "<li>Vrai ou faux : 1</li>" in html
    assert "mcq" not in _text(html)
    as_english(teacher)
    html = preview()
    assert "<li>Single choice: 1</li>" in html and "<li>True or false: 1</li>" in html


# --- dates, times and numbers -------------------------------------------------------------------
CLOSES = datetime(2030, 1, 12, 20, 23)  # UTC: 21:23 in Paris; 01/12 must not read as January 12


@pytest.fixture
def closing_quiz(app):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    quiz = make_quiz(
        teacher,
        make_bank(teacher, three_questions()),
        [make_class(teacher, students=[student])],
        closes_at=CLOSES,
        title="Moscou et Pyongyang",
    )
    return teacher, student, quiz


def test_dates_are_written_in_the_readers_language(client, auth, closing_quiz):
    teacher, student, quiz = closing_quiz
    auth.login("lea")
    french = _text(client.get(f"/student/quizzes/{quiz.id}").get_data(as_text=True))
    assert "12 janv. 2030, 21:23" in french
    as_english(student)
    english = _text(client.get(f"/student/quizzes/{quiz.id}").get_data(as_text=True))
    assert f"Jan 12, 2030, 9:23{NNBSP}PM" in english
    assert "12/01/2030" not in english and "01/12/2030" not in english
    auth.logout()
    as_english(teacher)
    auth.login("prof")
    mine = _text(client.get("/teacher/quizzes").get_data(as_text=True))
    assert f"Jan 12, 2030, 9:23{NNBSP}PM" in mine


def test_scores_are_written_in_the_readers_language(client, auth, closing_quiz):
    _teacher, student, quiz = closing_quiz
    attempt = add_attempt(quiz, student, [0, 1, "false"])  # 1 of 3
    auth.login("lea")
    french = _text(client.get(f"/attempts/{attempt.id}/result").get_data(as_text=True))
    assert f"33{NBSP}%" in french
    as_english(student)
    english = _text(client.get(f"/attempts/{attempt.id}/result").get_data(as_text=True))
    assert "33%" in english and "33 %" not in english and f"33{NBSP}%" not in english


def test_reports_write_percentages_and_times_in_the_readers_language(client, auth, closing_quiz):
    teacher, student, quiz = closing_quiz
    add_attempt(quiz, student, [0, 0, "true"], started=T0, minutes=10)  # 3 of 3
    add_attempt(quiz, student, [0, 1, "true"], number=2, started=T0, minutes=30)
    auth.login("prof")
    french = _text(client.get(f"/reports/quizzes/{quiz.id}").get_data(as_text=True))
    assert f"100,0{NBSP}%" in french and f"66,7{NBSP}%" in french
    # stored 09:10 UTC; the school's time (Europe/Paris), as the column header says
    assert "2 nov. 2026, 10:10" in french and "Fin (Europe/Paris)" in french
    assert "30,0" in french  # minutes
    as_english(teacher)
    english = _text(client.get(f"/reports/quizzes/{quiz.id}").get_data(as_text=True))
    assert "100.0%" in english and "66.7%" in english and " %" not in english
    assert f"Nov 2, 2026, 10:10{NNBSP}AM" in english


def test_flash_messages_have_no_french_space_in_english(client, auth):
    teacher = make_user("teacher", "prof")
    auth.login("prof")
    french = post(
        client, "/teacher/banks", {"name": ""}, token_from="/teacher/banks", follow_redirects=True
    ).get_data(as_text=True)
    assert "<strong>Erreur :</strong>" in french
    as_english(teacher)
    english = post(
        client, "/teacher/banks", {"name": ""}, token_from="/teacher/banks", follow_redirects=True
    ).get_data(as_text=True)
    assert "<strong>Error:</strong>" in english


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("value", [0, 0.8, 3.14159, -2.5, 1234.5, 98765.4321, 100])
def test_fast_number_formatting_agrees_with_babel(locale, value):
    numbers = Numbers(locale)
    assert numbers.number(value, 2, fixed=True) == format_decimal(value, "#,##0.00", locale=locale)
    assert numbers.number(value, 2) == format_decimal(round(value, 2), locale=locale)
    from babel.numbers import format_percent

    assert numbers.percent(value) == format_percent(round(value) / 100, locale=locale)


def test_every_kind_the_generator_writes_has_a_name_in_words():
    from quizapp.display.labels import KIND_LABELS

    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (Path(__file__).parent.parent / "quizapp" / "generation").glob("*.py")
    )
    kinds = set(re.findall(r'\bkind="([a-z]+)"', source))
    kinds |= {
        k for pair in re.findall(r'kind="([a-z]+)" if .*? else "([a-z]+)"', source) for k in pair
    }
    assert kinds and kinds <= set(KIND_LABELS), kinds - set(KIND_LABELS)


def test_every_audit_action_has_a_label():
    from quizapp.display.labels import AUDIT_LABELS
    from quizapp.services.audit import ACTIONS

    assert set(AUDIT_LABELS) == set(ACTIONS)
