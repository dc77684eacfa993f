"""The teacher's workspace: articles and generation, the review queue, questions by
hand with versioning, banks shared or not, quizzes, and bounded queries on list pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from conftest import make_bank, make_class, make_quiz, make_user, post, save_during

from quizapp.domain.questiondata import Answer, QuestionData, Source
from quizapp.extensions import db
from quizapp.models import Article, Attempt, Bank, BankShare, Question, Quiz, QuizAssignment
from quizapp.services import attempts
from quizapp.services.lifecycle import PAGE_SIZE

SEED = Path(__file__).resolve().parents[1] / "questions" / "moscou-pyongyang-2024-11-01.txt"


@pytest.fixture
def teacher(client, auth):
    user = make_user("teacher", "prof")
    auth.login("prof")
    return user


def mcq_form(**overrides):
    data = {
        "type": "mcq",
        "stem": "Qui a rencontré Choe Son Hui ?",
        "options-0-text": "Sergueï Lavrov",
        "options-0-fraction": "100",
        "options-1-text": "Antony Blinken",
        "options-1-fraction": "0",
        "options-2-text": "Xi Jinping",
        "options-2-fraction": "0",
        "tags": "rencontres, Russie",
    }
    data.update(overrides)
    return data


# --- articles and generation -------------------------------------------------------
@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not in questions/ yet")
def test_pasting_the_seed_article_fills_a_review_queue(client, teacher):
    response = post(
        client,
        "/teacher/articles/new",
        {
            "text": SEED.read_text(encoding="utf-8"),
            "source": "Agence",
            "published_on": "2024-11-01",
        },
        token_from="/teacher/articles/new",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-800:]
    db.session.rollback()
    article = db.session.scalar(db.select(Article))
    bank = db.session.scalar(db.select(Bank).where(Bank.article_id == article.id))
    assert "Moscou" in article.title and article.published_on.isoformat() == "2024-11-01"
    statuses = {q.status for q in bank.questions}
    assert statuses == {"candidate"} and len(bank.questions) >= 10
    for question in bank.questions:
        source = question.current_version.question_data.source
        assert article.text[source.start : source.end] == source.sentence
    page = client.get(f"/teacher/articles/{article.id}").get_data(as_text=True)
    assert 'class="source-sentence"' in page and "Thumbnail" not in page


def test_english_text_is_refused_on_the_form_and_kept(client, teacher):
    text = (
        "The United States and its allies met in Brussels on Monday to discuss the war. "
        "Officials said that more weapons would be sent to the front in the coming weeks."
    ) * 3
    response = post(
        client,
        "/teacher/articles/new",
        {"text": text, "title": "Brussels"},
        token_from="/teacher/articles/new",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Le texte n&#39;est pas en français (langue détectée : en)." in html
    assert "Brussels" in html and "allies met in Brussels" in html
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Article.id))) == 0


def upload_article(client, data: bytes, filename: str):
    from io import BytesIO

    return post(
        client,
        "/teacher/articles/new",
        {"upload": (BytesIO(data), filename)},
        token_from="/teacher/articles/new",
        content_type="multipart/form-data",
    )


def test_an_article_sent_as_a_word_document_becomes_a_bank(client, teacher):
    from test_generation_documents import PARAGRAPHS, _docx

    response = upload_article(client, _docx(PARAGRAPHS), "2024-12-03-sommet.docx")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    db.session.rollback()
    article = db.session.scalar(db.select(Article))
    assert article.title == "Sommet européen" and article.published_on.isoformat() == "2024-12-03"
    assert "500 millions d'euros" in article.text


def test_generator_refusals_are_in_the_teachers_language(client, teacher):
    post(client, "/language", {"lang": "en"}, token_from="/teacher/articles/new")
    text = "The allies met in Brussels on Monday to discuss the war and the weapons. " * 3
    response = post(
        client, "/teacher/articles/new", {"text": text}, token_from="/teacher/articles/new"
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The text is not in French (language detected: en)." in html
    assert "allies met in Brussels" in html  # what was typed is still there
    response = upload_article(client, b"PK binary", "article.odt")
    assert "File type not supported (.odt): send a .txt, .md, .html, .pdf or .docx file." in (
        response.get_data(as_text=True)
    )
    response = upload_article(client, b"%PDF-1.4 binary", "article.pdf")
    assert "The PDF cannot be read (damaged file, or not a PDF)." in response.get_data(as_text=True)
    response = upload_article(client, b"\x00\x01binary", "article.txt")
    assert "The file is binary, not text." in response.get_data(as_text=True)


def test_empty_article_and_wrong_upload_type_get_a_message(client, teacher):
    html = post(
        client, "/teacher/articles/new", {"text": "  "}, token_from="/teacher/articles/new"
    ).get_data(as_text=True)
    assert "Collez le texte" in html
    response = upload_article(client, b"PK binary", "article.odt")
    assert response.status_code == 400
    assert "non pris en charge" in response.get_data(as_text=True)
    response = upload_article(client, b"%PDF-1.4 binary", "article.pdf")
    assert response.status_code == 400
    assert "PDF est illisible" in response.get_data(as_text=True)


# --- review queue --------------------------------------------------------------------
def test_accept_reject_with_reason_and_bulk_accept_above_confidence(client, teacher):
    questions = []
    for i, confidence in enumerate((0.95, 0.9, 0.5, 0.3)):
        q = QuestionData(
            type="short",
            stem=f"Question {i} ?",
            answers=[Answer("Moscou")],
            confidence=confidence,
            kind="meeting",
        )
        questions.append(q)
    bank = make_bank(teacher, questions, status="candidate")
    ids = [q.id for q in sorted(bank.questions, key=lambda q: -q.confidence)]
    post(
        client,
        f"/teacher/banks/{bank.id}/review",
        {"action": "accept_above", "threshold": "0.85"},
        token_from=f"/teacher/banks/{bank.id}",
    )
    post(
        client,
        f"/teacher/questions/{ids[3]}/reject",
        {"reason": "trop vague"},
        token_from=f"/teacher/banks/{bank.id}",
    )
    db.session.rollback()
    status = {q.id: (q.status, q.reject_reason) for q in db.session.scalars(db.select(Question))}
    assert status[ids[0]][0] == status[ids[1]][0] == "accepted"
    assert status[ids[2]][0] == "candidate"
    assert status[ids[3]] == ("rejected", "trop vague")
    # The rejection is said on the page the teacher lands on.
    assert "Question rejetée : « Question 3 ? »" in client.get(
        f"/teacher/banks/{bank.id}?status=candidate"
    ).get_data(as_text=True)
    page = client.get(f"/teacher/banks/{bank.id}?status=rejected").get_data(as_text=True)
    assert "trop vague" in page and "Question 0" not in page
    accepted = post(
        client, f"/teacher/questions/{ids[2]}/accept", {}, token_from=f"/teacher/banks/{bank.id}"
    )
    assert accepted.headers["Location"].endswith("status=candidate")
    page = client.get(accepted.headers["Location"]).get_data(as_text=True)
    assert "Question acceptée : « Question 2 ? »" in page


def test_only_accepted_questions_go_into_a_quiz(client, teacher):
    bank = make_bank(
        teacher,
        [QuestionData(type="short", stem="Candidate ?", answers=[Answer("x")])],
        status="candidate",
    )
    candidate_id = bank.questions[0].id
    response = post(
        client,
        "/teacher/quizzes/new",
        _quiz_fields(bank, [candidate_id]),
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 400
    assert "au moins une question acceptée" in response.get_data(as_text=True)
    assert 'value="Vendredi"' in response.get_data(as_text=True)


# --- questions by hand -----------------------------------------------------------------
def test_new_mcq_by_hand(client, teacher):
    bank = make_bank(teacher, [])
    response = post(
        client,
        f"/teacher/banks/{bank.id}/questions/new",
        mcq_form(),
        token_from=f"/teacher/banks/{bank.id}",
    )
    assert response.status_code == 302
    db.session.rollback()
    question = db.session.scalar(db.select(Question))
    data = question.current_version.question_data
    assert question.status == "accepted" and data.correct_answers == ["Sergueï Lavrov"]
    assert data.tags == ["rencontres", "Russie"]


@pytest.mark.parametrize(
    "form,message",
    [
        (mcq_form(**{"options-0-fraction": "0"}), "au moins une bonne option"),
        (
            mcq_form(type="multi", **{"options-0-fraction": "50", "options-1-fraction": "20"}),
            "faire 1 au total",
        ),
        (
            {"type": "numeric", "stem": "Combien ?", "numeric_value": "beaucoup"},
            "Indiquez un nombre",
        ),
        (
            {"type": "matching", "stem": "Associez", "pairs": "Lavrov -> Russie"},
            "au moins 2 paires",
        ),
        ({"type": "short", "stem": "Où ?", "short_answers": ""}, "au moins une réponse acceptée"),
        ({"type": "cloze", "stem": "{1} et {2}", "blanks": "Moscou"}, "{1}"),
        (mcq_form(stem=""), "Ce champ est requis"),
    ],
)
def test_each_question_type_validates_and_keeps_what_was_typed(client, teacher, form, message):
    bank = make_bank(teacher, [])
    response = post(
        client,
        f"/teacher/banks/{bank.id}/questions/new",
        form,
        token_from=f"/teacher/banks/{bank.id}",
    )
    html = response.get_data(as_text=True).replace("&#39;", "'").replace("&#34;", '"')
    assert response.status_code == 400
    assert message in html
    if form.get("stem"):
        assert form["stem"] in html
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0


def test_every_type_can_be_written_by_hand(client, teacher):
    bank = make_bank(teacher, [])
    forms = [
        {"type": "truefalse", "stem": "La Chine soutient l'alliance.", "tf_answer": "false"},
        {
            "type": "numeric",
            "stem": "Combien de soldats ?",
            "numeric_value": "10 000",
            "numeric_tolerance": "500",
            "numeric_unit": "soldats",
        },
        {
            "type": "short",
            "stem": "Quelle ville ?",
            "short_answers": "Moscou\nMoskva | 50",
            "typos": "y",
        },
        {
            "type": "matching",
            "stem": "Associez",
            "pairs": "Lavrov -> Russie\nBlinken -> États-Unis",
        },
        {
            "type": "cloze",
            "stem": "Jusqu'à {1} soldats à {2}.",
            "blanks": "#8000:100\n=Koursk ~Kiev",
        },
    ]
    for form in forms:
        response = post(
            client,
            f"/teacher/banks/{bank.id}/questions/new",
            form,
            token_from=f"/teacher/banks/{bank.id}",
        )
        assert response.status_code == 302, (form, response.get_data(as_text=True)[-1500:])
    db.session.rollback()
    stored = {
        q.type: q.current_version.question_data for q in db.session.scalars(db.select(Question))
    }
    assert (
        stored["numeric"].answers[0].tolerance == 500
        and stored["numeric"].options["unit"] == "soldats"
    )
    assert [a.fraction for a in stored["short"].answers] == [1.0, 0.5]
    assert stored["short"].options == {"typos": True}
    assert stored["truefalse"].correct_answers == ["false"]
    assert stored["cloze"].blanks[1].type == "mcq"


def test_edit_makes_a_new_version_and_attempts_keep_theirs(client, teacher):
    student = make_user("student")
    school_class = make_class(teacher, students=[student])
    bank = make_bank(
        teacher,
        [
            QuestionData(
                type="mcq",
                stem="Qui ?",
                answers=[Answer("Lavrov", 1.0), Answer("Blinken", 0.0), Answer("Xi", 0.0)],
            )
        ],
    )
    question = bank.questions[0]
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = attempts.start_or_resume(quiz, student)
    old_version = attempt.layout[0]["version_id"]
    form = mcq_form(stem="Qui Choe Son Hui a-t-elle rencontré ?")
    response = post(
        client,
        f"/teacher/questions/{question.id}/edit",
        form,
        token_from=f"/teacher/banks/{bank.id}",
    )
    assert response.status_code == 400  # a running quiz asks for confirmation first
    assert "quiz en cours" in response.get_data(as_text=True)
    response = post(
        client,
        f"/teacher/questions/{question.id}/edit",
        {**form, "confirm_running": "y"},
        token_from=f"/teacher/banks/{bank.id}",
    )
    assert response.status_code == 302
    db.session.rollback()
    question = db.session.get(Question, question.id)
    assert question.current_version.number == 2
    assert question.current_version.question_data.stem == "Qui Choe Son Hui a-t-elle rencontré ?"
    assert db.session.get(Attempt, attempt.id).layout[0]["version_id"] == old_version
    assert [v.number for v in question.versions] == [1, 2]


# --- permissions ---------------------------------------------------------------------------
def test_another_teachers_bank_cannot_be_read_or_changed(client, teacher, app):
    other = make_user("teacher", "autre")
    bank = make_bank(other)
    question_id = bank.questions[0].id
    assert client.get(f"/teacher/banks/{bank.id}").status_code == 404
    assert client.get(f"/teacher/questions/{question_id}/edit").status_code == 404
    assert (
        post(
            client,
            f"/teacher/questions/{question_id}/reject",
            {"reason": "x"},
            token_from="/teacher/banks",
        ).status_code
        == 404
    )
    # A form field naming another teacher's question changes nothing.
    mine = make_bank(
        teacher,
        [QuestionData(type="short", stem="Moi ?", answers=[Answer("x")])],
        status="candidate",
    )
    post(
        client,
        f"/teacher/banks/{mine.id}/review",
        {"action": "reject", "selected": [question_id]},
        token_from="/teacher/banks",
    )
    # Nor does building a quiz from another teacher's bank.
    assert post(
        client,
        "/teacher/quizzes/new",
        {"title": "x", "bank_id": bank.id, "question_ids": [question_id]},
        token_from="/teacher/banks",
    ).status_code in (400, 404)
    db.session.rollback()
    assert db.session.get(Question, question_id).status == "accepted"
    assert db.session.scalar(db.select(db.func.count(Quiz.id))) == 0


def test_shared_bank_read_only_then_editable(client, teacher, app):
    bank = make_bank(teacher)
    colleague = make_user("teacher", "collegue")
    post(
        client,
        f"/teacher/banks/{bank.id}/share",
        {"username": "collegue"},
        token_from="/teacher/banks",
    )
    other = app.test_client()
    post(other, "/login", {"username": "collegue", "password": "correct-horse-battery-9"})
    assert other.get(f"/teacher/banks/{bank.id}").status_code == 200
    question_id = bank.questions[0].id
    assert (
        post(
            other, f"/teacher/questions/{question_id}/reject", {}, token_from="/teacher/banks"
        ).status_code
        == 403
    )
    post(
        client,
        f"/teacher/banks/{bank.id}/share",
        {"username": "collegue", "can_edit": "y"},
        token_from="/teacher/banks",
    )
    assert (
        post(
            other, f"/teacher/questions/{question_id}/reject", {}, token_from="/teacher/banks"
        ).status_code
        == 302
    )
    db.session.rollback()
    assert db.session.scalar(db.select(BankShare)).teacher_id == colleague.id


def test_quiz_can_only_be_assigned_to_own_classes(client, teacher):
    bank = make_bank(teacher)
    foreign = make_class(make_user("teacher", "autre"), "Pas la mienne")
    response = post(
        client,
        "/teacher/quizzes/new",
        {
            "title": "Vendredi",
            "bank_id": bank.id,
            "question_ids": [bank.questions[0].id],
            "class_ids": [foreign.id],
            "max_attempts": "1",
            "grading_method": "highest",
            "show_correctness": "after_submit",
            "show_answers": "after_submit",
            "show_explanations": "after_submit",
            "pass_mark": "50",
        },
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 403
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(QuizAssignment.id))) == 0


def test_build_assign_and_preview_a_quiz(client, teacher):
    bank = make_bank(teacher)
    school_class = make_class(teacher, "1re B")
    ids = [q.id for q in bank.questions[:3]]
    response = post(
        client,
        "/teacher/quizzes/new",
        {
            "title": "Vendredi",
            "bank_id": bank.id,
            "question_ids": ids,
            "class_ids": [school_class.id],
            "closes_at": "2030-01-10T18:00",
            "time_limit_minutes": "20",
            "max_attempts": "2",
            "grading_method": "last",
            "shuffle_options": "y",
            "one_per_page": "y",
            "show_correctness": "immediately",
            "show_answers": "after_close",
            "show_explanations": "never",
            "pass_mark": "60",
        },
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    db.session.rollback()
    quiz = db.session.scalar(db.select(Quiz))
    assert [s.question_id for s in quiz.slots] == ids
    assert quiz.closes_at.isoformat() == "2030-01-10T17:00:00"  # Paris winter time is UTC+1
    assert (quiz.grading_method, quiz.max_attempts, quiz.pass_mark) == ("last", 2, 60.0)
    assert [a.class_id for a in quiz.assignments] == [school_class.id]
    page = client.get(f"/teacher/quizzes/{quiz.id}/preview").get_data(as_text=True)
    assert "rien n’est enregistré" in page and "Qui Choe Son Hui" in page
    graded = post(
        client,
        f"/teacher/quizzes/{quiz.id}/preview",
        {"a0": "0", "a1": "0"},
        token_from="/teacher/quizzes",
    ).get_data(as_text=True)
    assert "Sergueï Lavrov" in graded and "<mark>" in graded  # the answer, quoted in its sentence
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Attempt.id))) == 0


# --- bounded queries on list pages ----------------------------------------------------------
class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._hit)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._hit)

    def _hit(self, *args):
        self.count += 1


def test_big_bank_and_many_quizzes_load_in_a_bounded_number_of_queries(client, teacher):
    questions = [
        QuestionData(
            type="mcq",
            stem=f"Question {i} ?",
            tags=["t"],
            kind="figure",
            answers=[Answer("a", 1.0), Answer("b", 0.0), Answer("c", 0.0)],
        )
        for i in range(500)
    ]
    bank = make_bank(teacher, questions)
    school_class = make_class(teacher)
    for i in range(50):
        make_quiz(teacher, bank, [school_class], title=f"Quiz {i}") if i < 2 else None
    quizzes = [Quiz(owner_id=teacher.id, bank_id=bank.id, title=f"Q{i}") for i in range(48)]
    db.session.add_all(quizzes)
    db.session.flush()
    db.session.add_all(QuizAssignment(quiz_id=q.id, class_id=school_class.id) for q in quizzes)
    db.session.commit()
    with QueryCounter(db.engine) as counter:
        assert client.get(f"/teacher/banks/{bank.id}").status_code == 200
    assert counter.count <= 12, counter.count
    with QueryCounter(db.engine) as counter:
        html = client.get("/teacher/quizzes").get_data(as_text=True)
    assert html.count("<tr>") == 1 + PAGE_SIZE  # the header and a full page
    assert counter.count <= 10, counter.count
    with QueryCounter(db.engine) as counter:
        html = client.get("/teacher/quizzes?page=2").get_data(as_text=True)
    assert html.count("<tr>") == 1 + 50 - PAGE_SIZE  # the rest
    assert counter.count <= 10, counter.count


def test_the_bank_page_filters_by_tag_and_text_in_the_database(client, teacher):
    """Only the questions that match leave the database: a tag is one of the question's
    tags exactly, the text is in the stem whatever the case, accents included."""

    def mcq(stem, tags):
        answers = [Answer("a", 1.0), Answer("b", 0.0)]
        return QuestionData(type="mcq", stem=stem, tags=tags, answers=answers)

    bank = make_bank(
        teacher,
        [
            mcq("Qui siège à l'ÉLYSÉE ?", ["rencontres"]),
            mcq("Qui a reçu 50 % des voix ?", ["rencontre"]),
            mcq("Où est le palais de l'Élysée ?", ["lieux", 'citée "ici"']),
            mcq("Qui gouverne ?", []),
        ],
    )
    loaded = []

    def listed(query):
        html = client.get(f"/teacher/banks/{bank.id}?{query}").get_data(as_text=True)
        return sorted(int(n) for n in re.findall(r'id="q(\d+)"', html))

    ids = {q.data.stem: q.id for q in bank.questions}
    assert listed("tag=rencontre") == [ids["Qui a reçu 50 % des voix ?"]]
    assert listed("tag=" + quote('citée "ici"')) == [ids["Où est le palais de l'Élysée ?"]]
    assert listed("q=" + quote("élysée")) == sorted(
        [ids["Qui siège à l'ÉLYSÉE ?"], ids["Où est le palais de l'Élysée ?"]]
    )
    assert listed("q=" + quote("50 %")) == [ids["Qui a reçu 50 % des voix ?"]]
    assert listed("q=" + quote("_")) == []  # no LIKE wildcard
    assert listed("tag=rencontres&q=" + quote("élysée")) == [ids["Qui siège à l'ÉLYSÉE ?"]]

    def count_rows(conn, cursor, statement, parameters, context, executemany):
        if "FROM question" in statement and "question.bank_id" in statement:
            loaded.append(statement)

    sa.event.listen(db.engine, "after_cursor_execute", count_rows)
    try:
        listed("tag=lieux")
    finally:
        sa.event.remove(db.engine, "after_cursor_execute", count_rows)
    assert any("json" in statement.lower() for statement in loaded), loaded


@pytest.mark.skipif(not SEED.exists(), reason="the seed article is not in questions/ yet")
def test_students_can_save_answers_while_a_teacher_generates_questions(
    app, client, teacher, monkeypatch
):
    """A long article takes the generator seconds (about ten for 200 KB, more in a
    worker that loads the language model first). Meanwhile the school's students keep
    saving: the generation holds no transaction, so on SQLite no write lock either."""
    from quizapp import generation

    def generate():
        return post(
            client,
            "/teacher/articles/new",
            {"text": SEED.read_text(encoding="utf-8"), "title": "Moscou"},
            token_from="/teacher/articles/new",
        )

    save, waited, created = save_during(app, teacher, monkeypatch, generation, "generate", generate)
    assert save.status_code == 200 and save.get_json()["saved"] is True
    assert waited  # the save did not wait for the generation
    assert created.status_code == 302
    db.session.rollback()
    assert db.session.scalar(db.select(Article).where(Article.title == "Moscou")) is not None


def test_students_can_save_answers_while_a_teacher_imports_a_file(
    app, client, teacher, monkeypatch
):
    """Reading a 2 MB import file takes about a second, its preview page longer.
    A student's save goes through meanwhile; confirming reads the file once."""
    import re
    from io import BytesIO

    from quizapp.services import transfer

    bank_id = make_bank(teacher, [], name="Import").id
    real_load = transfer.load
    gift = "".join(
        f"::Q{n}:: Capitale de la Russie {n} ? {{=Moscou ~Kiev ~Minsk}}\n\n" for n in range(3)
    )

    def upload():
        return post(
            client,
            f"/teacher/banks/{bank_id}/import",
            {"upload": (BytesIO(gift.encode()), "q.gift")},
            token_from="/teacher/banks",
            content_type="multipart/form-data",
        )

    save, waited, previewed = save_during(app, teacher, monkeypatch, transfer, "load", upload)
    assert save.status_code == 200 and save.get_json()["saved"] is True
    assert waited
    html = previewed.get_data(as_text=True)
    assert previewed.status_code == 200 and "3 questions lues" in html
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    parses = []
    monkeypatch.setattr(transfer, "load", lambda *a, **k: parses.append(1) or real_load(*a, **k))
    confirmed = post(
        client,
        f"/teacher/banks/{bank_id}/import",
        {"token": token, "confirm": "1"},
        token_from="/teacher/banks",
    )
    assert confirmed.status_code == 302 and len(parses) == 1  # read once, before the lock
    db.session.rollback()
    assert (
        db.session.scalar(db.select(db.func.count(Question.id)).where(Question.bank_id == bank_id))
        == 3
    )


def _quiz_fields(bank, question_ids, title="Vendredi"):
    return {
        "title": title,
        "bank_id": bank.id,
        "question_ids": question_ids,
        "max_attempts": "1",
        "grading_method": "highest",
        "show_correctness": "after_submit",
        "show_answers": "after_submit",
        "show_explanations": "after_submit",
        "pass_mark": "50",
    }


def _meeting_questions():
    sentence = Source("Lors d'une rencontre avec son homologue russe, Sergueï Lavrov, …", 400, 590)
    wrong = [Answer(t, 0.0) for t in ("Antony Blinken", "Xi Jinping", "Kim Jong-un")]
    return [
        QuestionData(
            type="mcq",
            stem="Qui Choe Son Hui a-t-elle rencontré à Moscou ?",
            answers=[Answer("Sergueï Lavrov"), *wrong],
            source=sentence,
        ),
        QuestionData(
            type="short",
            stem="Quelle fonction Choe Son Hui occupe-t-elle ?",
            answers=[Answer("ministre des Affaires étrangères")],
        ),
        QuestionData(
            type="mcq",
            stem="Où Choe Son Hui et Sergueï Lavrov se sont-ils rencontrés ?",
            answers=[Answer("Moscou"), *[Answer(t, 0.0) for t in ("Pékin", "Séoul", "Kiev")]],
            source=sentence,
        ),
    ]


def test_the_quiz_form_says_which_questions_give_each_other_away(client, teacher):
    bank = make_bank(teacher, _meeting_questions())
    who, role, where = (q.id for q in bank.questions)
    page = client.get(f"/teacher/quizzes/new?bank={bank.id}").get_data(as_text=True)
    # "Où … Sergueï Lavrov …" (3rd) answers "Qui … ?" (1st), and "Qui … à Moscou" the 3rd.
    assert page.count("Donne la réponse de la question") == 2
    assert (
        "Donne la réponse de la question 3" in page and "Donne la réponse de la question 1" in page
    )
    response = post(
        client,
        "/teacher/quizzes/new",
        _quiz_fields(bank, [who, role, where]),
        token_from="/teacher/quizzes/new",
    )
    assert response.status_code == 302  # saved: the teacher may want it so
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "la question 1 donne la réponse de la 3" in page
    assert "la question 3 donne la réponse de la 1" in page
    response = post(
        client,
        "/teacher/quizzes/new",
        _quiz_fields(bank, [who, role], title="Sans doublon"),
        token_from="/teacher/quizzes/new",
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "donne la réponse" not in page


def test_choosing_another_bank_lists_its_questions_and_keeps_the_form(client, teacher):
    first = make_bank(teacher, _meeting_questions(), name="Rencontres")
    second = make_bank(
        teacher, [QuestionData(type="short", stem="Capitale ?", answers=[Answer("Séoul")])]
    )
    ticked = [first.questions[0].id]
    fields = _quiz_fields(second, ticked, title="Mon quiz du vendredi")
    shown = post(
        client, "/teacher/quizzes/new", {**fields, "show_bank": "1"}, token_from="/teacher/quizzes"
    )
    html = shown.get_data(as_text=True)
    assert shown.status_code == 200 and "Capitale ?" in html and "Qui Choe Son Hui" not in html
    assert 'value="Mon quiz du vendredi"' in html
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Quiz.id))) == 0  # nothing saved
    # Saving with the first bank's ticks under the second bank says what happened.
    saved = post(client, "/teacher/quizzes/new", fields, token_from="/teacher/quizzes")
    html = saved.get_data(as_text=True)
    assert saved.status_code == 400
    assert "Les questions cochées ne sont pas dans la banque « Banque »" in html
    assert "Capitale ?" in html and 'value="Mon quiz du vendredi"' in html


def test_the_quiz_form_never_lists_a_bank_the_teacher_cannot_use(client, teacher):
    stranger = make_user("teacher", "stranger")
    theirs = make_bank(stranger, _meeting_questions(), name="Privée")
    mine = make_bank(teacher, [])
    fields = _quiz_fields(mine, [])
    fields["bank_id"] = theirs.id
    for extra in ({"show_bank": "1"}, {}):
        html = post(
            client, "/teacher/quizzes/new", {**fields, **extra}, token_from="/teacher/quizzes"
        ).get_data(as_text=True)
        assert "Qui Choe Son Hui" not in html


def test_the_bank_page_says_which_questions_would_answer_each_other(client, teacher):
    bank = make_bank(teacher, _meeting_questions(), status="candidate")
    who, role, where = bank.questions
    page = client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True)
    cards = {q.id: page.split(f'id="q{q.id}"')[1].split("</article>")[0] for q in bank.questions}
    assert "l’une donnerait la réponse de l’autre" in cards[who.id]
    assert "« Où Choe Son Hui et Sergueï Lavrov se sont-ils rencontrés ? »" in cards[who.id]
    assert "« Qui Choe Son Hui a-t-elle rencontré à Moscou ? »" in cards[where.id]
    assert "donnerait la réponse" not in cards[role.id]
    # Once one of the two is rejected, the other no longer warns.
    post(
        client, f"/teacher/questions/{where.id}/reject", {"reason": ""}, token_from="/teacher/banks"
    )
    page = client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True)
    assert "donnerait la réponse" not in page


def test_pages_name_generated_tags_and_show_blanks_not_identifiers(client, teacher):
    from quizapp.domain.questiondata import Blank

    statement = QuestionData(
        type="truefalse",
        stem="La Chine a pris ses distances.",
        answers=[Answer("true", 1.0), Answer("false", 0.0)],
        kind="truefalse",
        tags=["truefalse", "position", "écrit en classe"],
    )
    gap = QuestionData(
        type="cloze",
        stem="La rencontre a eu lieu à {1}.",
        blanks=[Blank("short", [Answer("Moscou", 1.0)])],
        kind="cloze",
        tags=["cloze"],
    )
    bank = make_bank(teacher, [statement, gap])
    page = client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True)
    assert "La rencontre a eu lieu à ___." in page and "{1}" not in page
    assert ">Prise de position<" in page and ">écrit en classe<" in page
    for code in ("truefalse", "cloze", "position"):
        assert f">{code}<" not in page
    builder = client.get(f"/teacher/quizzes/new?bank={bank.id}").get_data(as_text=True)
    assert "La rencontre a eu lieu à ___." in builder
    assert "· truefalse" not in builder and "· cloze" not in builder


def test_editing_a_question_to_review_keeps_it_to_review_unless_accepted_too(client, teacher):
    mcq = QuestionData(
        type="mcq",
        stem="Qui ?",
        answers=[Answer("Lavrov", 1.0), Answer("Blinken", 0.0), Answer("Xi", 0.0)],
    )
    bank = make_bank(teacher, [mcq, QuestionData.from_dict(mcq.to_dict())], status="candidate")
    first, second = bank.questions[0], bank.questions[1]
    page = client.get(f"/teacher/questions/{first.id}/edit").get_data(as_text=True)
    assert "Enregistrer et accepter" in page and "reste à relire" in page
    saved = post(
        client,
        f"/teacher/questions/{first.id}/edit",
        mcq_form(),
        token_from=f"/teacher/questions/{first.id}/edit",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "elle reste à relire" in saved
    accepted = post(
        client,
        f"/teacher/questions/{second.id}/edit",
        mcq_form(accept="1"),
        token_from=f"/teacher/questions/{second.id}/edit",
    )
    assert accepted.status_code == 302
    db.session.rollback()
    assert db.session.get(Question, first.id).status == "candidate"
    assert db.session.get(Question, first.id).current_version.number == 2
    assert db.session.get(Question, second.id).status == "accepted"


def test_number_fields_are_written_and_read_the_french_way(client, teacher):
    import re

    bank = make_bank(teacher, status="candidate")
    quiz_page = client.get("/teacher/quizzes/new").get_data(as_text=True)
    assert re.search(r'name="pass_mark"[^>]*value="50"', quiz_page)
    assert 'value="50.0"' not in quiz_page
    mcq = next(q for q in bank.questions if q.type == "mcq")
    edit = client.get(f"/teacher/questions/{mcq.id}/edit").get_data(as_text=True)
    assert re.search(r'name="options-0-fraction"[^>]*value="100"', edit)
    assert "100.0" not in edit
    response = post(
        client,
        f"/teacher/banks/{bank.id}/review",
        {"action": "accept_above", "threshold": "0,5"},
        token_from=f"/teacher/banks/{bank.id}",
    )
    assert response.status_code == 302


def test_the_quiz_list_says_where_each_quiz_stands_and_links_preview_and_report(client, teacher):
    from datetime import timedelta

    from quizapp.models.base import utcnow

    school_class = make_class(teacher)
    bank = make_bank(teacher)
    make_quiz(teacher, bank, [school_class], title="En cours")
    make_quiz(teacher, bank, [school_class], title="Passé", closes_at=utcnow() - timedelta(days=1))
    make_quiz(teacher, bank, [], title="Brouillon")
    page = client.get("/teacher/quizzes").get_data(as_text=True)
    rows = {title: page.split(f">{title}</a>", 1)[1].split("</tr>", 1)[0] for title in
            ("En cours", "Passé", "Brouillon")}  # fmt: skip
    assert ">Ouvert<" in rows["En cours"] and ">Fermé<" in rows["Passé"]
    assert ">Non attribué<" in rows["Brouillon"]
    assert "/preview" in rows["En cours"] and "/reports/quizzes/" in rows["En cours"]


def test_a_comment_on_an_option_shows_on_the_review_card(client, teacher):
    mcq = QuestionData(
        type="mcq",
        stem="Qui ?",
        answers=[Answer("Lavrov", 1.0, "Il l'a reçue à Moscou."), Answer("Blinken", 0.0)],
    )
    bank = make_bank(teacher, [mcq], status="candidate")
    page = client.get(f"/teacher/banks/{bank.id}").get_data(as_text=True)
    assert "Il l&#39;a reçue à Moscou." in page


def test_the_quiz_form_says_when_students_may_read_the_article(client, teacher):
    bank = make_bank(teacher)
    fields = {**_quiz_fields(bank, [bank.questions[0].id]), "instructions": ""}  # as a browser
    page = client.get("/teacher/quizzes/new").get_data(as_text=True)
    assert '<option selected value="always">' in page  # the default
    saved = post(client, "/teacher/quizzes/new", {**fields, "show_article": "after_submit"},
                 token_from="/teacher/quizzes")  # fmt: skip
    assert saved.status_code == 302, saved.get_data(as_text=True)[-1500:]
    db.session.rollback()
    quiz = db.session.scalar(db.select(Quiz))
    assert quiz.show_article == "after_submit"
    edit = f"/teacher/quizzes/{quiz.id}/edit"
    assert '<option selected value="after_submit">' in client.get(edit).get_data(as_text=True)
    post(client, edit, {**fields, "show_article": "never"}, token_from=edit)
    db.session.rollback()
    assert db.session.get(Quiz, quiz.id).show_article == "never"
    refused = post(client, edit, {**fields, "show_article": "sometimes"}, token_from=edit)
    assert refused.status_code == 400
    db.session.rollback()
    assert db.session.get(Quiz, quiz.id).show_article == "never"


def test_deciding_a_card_comes_back_to_the_next_one_not_the_top(client, teacher):
    import re

    bank = make_bank(
        teacher,
        [QuestionData(type="short", stem=f"Q{i} ?", answers=[Answer("x")]) for i in range(4)],
        status="candidate",
    )
    ids = [q.id for q in bank.questions]
    queue = f"/teacher/banks/{bank.id}?status=candidate"
    page = client.get(queue).get_data(as_text=True)
    # Each card's buttons name the card to come back to: the one below, or above for the last.
    for card, back in ((ids[1], ids[2]), (ids[3], ids[2])):
        for action in ("accept", "reject"):
            form = re.search(
                rf'<form[^>]*action="/teacher/questions/{card}/{action}".*?</form>', page, re.S
            )
            assert f'name="next" value="{back}"' in form.group(0), (card, action)

    accepted = post(
        client, f"/teacher/questions/{ids[1]}/accept", {"next": ids[2]}, token_from=queue
    )
    assert accepted.headers["Location"].endswith(f"status=candidate#q{ids[2]}")
    rejected = post(
        client, f"/teacher/questions/{ids[3]}/reject", {"next": ids[2]}, token_from=queue
    )
    assert rejected.headers["Location"].endswith(f"status=candidate#q{ids[2]}")
    assert "Question rejetée : « Q3 ? »" in client.get(queue).get_data(as_text=True)

    # The page's script asks for JSON: it is told what happened, and the page stays put.
    answer = post(
        client,
        f"/teacher/questions/{ids[0]}/accept",
        {"next": ids[2]},
        token_from=queue,
        headers={"Accept": "application/json"},
    )
    assert answer.status_code == 200
    assert answer.get_json() == {"message": "Question acceptée : « Q0 ? »", "status": "accepted"}
    assert "Question acceptée : « Q0 ? »" not in client.get(queue).get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Question, ids[0]).status == "accepted"
