"""The student's pages through the web: home, taking a quiz (saving, resuming,
deadlines, attempt limits, submitting once), results, history and practice."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from conftest import (
    Auth,
    csrf_token,
    make_bank,
    make_class,
    make_quiz,
    make_user,
    post,
    sample_questions,
)

from quizapp.extensions import db
from quizapp.models import Attempt, Response, ReviewCard, ReviewLog
from quizapp.models.base import utcnow
from quizapp.services import attempt_layout, practice, quiz_status
from quizapp.services import attempts as svc


@pytest.fixture
def world(app):
    teacher = make_user("teacher", "prof")
    student = make_user("student", "lea")
    school_class = make_class(teacher, "Terminale 2", students=[student])
    bank = make_bank(teacher)
    return teacher, student, school_class, bank


def start(client, quiz) -> int:
    response = post(
        client, f"/student/quizzes/{quiz.id}/start", token_from=f"/student/quizzes/{quiz.id}"
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:400]
    match = re.search(r"/attempts/(\d+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def attempt_row(attempt_id: int) -> Attempt:
    db.session.rollback()
    return db.session.get(Attempt, attempt_id)


def move_back(attempt_id: int, delta: timedelta) -> Attempt:
    """Time passes: the attempt started (and its deadline was) ``delta`` earlier."""
    attempt = attempt_row(attempt_id)
    attempt.started_at -= delta
    attempt.deadline_at -= delta
    db.session.commit()
    return attempt


def slot_of(attempt: Attempt, kind: str) -> int:
    versions = attempt_layout.versions_for(attempt)
    return next(i for i, e in enumerate(attempt.layout) if versions[e["version_id"]].type == kind)


def position(attempt: Attempt, slot: int, original: int) -> int:
    return attempt.layout[slot]["order"].index(original)


def count(model) -> int:
    db.session.rollback()  # see what the requests committed
    return db.session.scalar(db.select(db.func.count(model.id)))


def save_json(client, attempt_id: int, slot, answer):
    token = csrf_token(client, "/student")
    return client.post(
        f"/attempts/{attempt_id}/answer",
        json={"slot": slot, "answer": answer},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )


def right_answers(attempt: Attempt) -> dict[int, object]:
    """What the page's script would send for a perfect score, slot by slot."""
    versions = attempt_layout.versions_for(attempt)
    out = {}
    for slot, entry in enumerate(attempt.layout):
        data = versions[entry["version_id"]]
        if data.type == "mcq":
            out[slot] = str(position(attempt, slot, 0))
        elif data.type == "multi":
            out[slot] = [str(position(attempt, slot, 0)), str(position(attempt, slot, 1))]
        elif data.type == "truefalse":
            out[slot] = "false"
        elif data.type == "short":
            out[slot] = "Moscou"
        elif data.type == "numeric":
            out[slot] = "10 000"
        elif data.type == "matching":
            shown = [data.pairs[i][1] for i in entry["order"]]
            out[slot] = {str(p): str(shown.index(data.pairs[p][1])) for p in range(3)}
        elif data.type == "cloze":
            out[slot] = ["8000", "Koursk"]
    return out


# --- home ------------------------------------------------------------------------------
def test_main_index_sends_students_to_their_home(client, auth, world):
    auth.login("lea")
    assert client.get("/").headers["Location"].endswith("/student")


def test_home_lists_quizzes_with_status_due_date_attempts_left_and_best(client, auth, world):
    teacher, student, school_class, bank = world
    closes = utcnow() + timedelta(days=3)
    done = make_quiz(teacher, bank, [school_class], title="Quiz rendu", max_attempts=2)
    make_quiz(teacher, bank, [school_class], title="Quiz à faire", closes_at=closes)
    make_quiz(teacher, bank, [], title="Quiz d'une autre classe")
    attempt = svc.start_or_resume(done, student)
    svc.save_answer(attempt, slot_of(attempt, "truefalse"), "false")
    db.session.commit()
    svc.submit(attempt)
    auth.login("lea")
    page = client.get("/student").get_data(as_text=True)
    assert "Quiz rendu" in page and "Quiz à faire" in page
    assert "Quiz d&#39;une autre classe" not in page and "Quiz d'une autre classe" not in page
    assert "Pas commencé" in page and "Terminale 2" in page
    assert "illimitées" in page  # the second quiz
    assert re.search(r"Tentatives restantes</dt><dd>1<", page)
    assert "14\u00a0%" in page  # 1 of 7 marks
    assert "À rendre avant" in page


def test_home_counts_reviews_due(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    svc.save_answer(attempt, slot_of(attempt, "short"), "Paris")
    db.session.commit()
    svc.submit(attempt)
    db.session.execute(db.update(ReviewCard).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    auth.login("lea")
    page = client.get("/student").get_data(as_text=True)
    # The wrong answer and the six questions left unanswered.
    assert "7 questions à réviser" in page and "Réviser maintenant" in page


def test_student_joins_a_class_from_home(client, auth, world):
    teacher, *_ = world
    other = make_class(teacher, "Géographie")
    auth.login("lea")
    response = post(client, "/student/join", {"join_code": other.join_code}, token_from="/student")
    assert response.headers["Location"].endswith("/student")
    assert "Géographie" in client.get("/student").get_data(as_text=True)


def test_a_code_that_joins_nothing_is_shown_again_to_correct(client, auth, world):
    auth.login("lea")
    post(client, "/student/join", {"join_code": "ZZZZ-9999"}, token_from="/student")
    page = client.get("/student").get_data(as_text=True)
    assert "Ce code ne correspond à aucune classe ouverte." in page
    assert 'value="ZZZZ-9999"' in page
    assert 'value="ZZZZ-9999"' not in client.get("/student").get_data(as_text=True)


# --- taking a quiz ------------------------------------------------------------------------
def test_perfect_score_through_the_script_endpoint(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    for slot, answer in right_answers(attempt).items():
        response = save_json(client, attempt_id, slot, answer)
        assert response.status_code == 200, response.get_json()
    assert response.get_json()["unanswered"] == []
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    attempt = attempt_row(attempt_id)
    assert attempt.state == "submitted" and attempt.score == pytest.approx(7.0)
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "100\u00a0%" in page and "Réussi" in page and "Temps passé" in page
    assert "50\u00a0%" in page


def test_plain_form_posts_save_and_navigate(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    short = slot_of(attempt, "short")
    response = post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(short), f"a{short}": "Moscou", "page": str(short), "go": "next"},
        token_from=f"/attempts/{attempt_id}?page={short}",
    )
    assert response.status_code == 302
    attempt = attempt_row(attempt_id)
    expected_page = min(short + 1, len(attempt.layout) - 1)
    assert attempt.current_page == expected_page
    assert f"page={expected_page}" in response.headers["Location"]
    saved = {r.slot: r.answer for r in attempt.responses}
    assert saved == {short: "Moscou"}
    # Finishing leads to the confirmation, which lists the questions left unanswered.
    response = post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(short), f"a{short}": "Moscou", "page": str(short), "go": "finish"},
        token_from=f"/attempts/{attempt_id}",
    )
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}/submit").get_data(as_text=True)
    assert "6 questions sont sans réponse" in page
    assert f"Question {short + 1}<" not in page and "Rendre ma copie" in page


def test_every_question_type_renders_and_saves_by_form(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], one_per_page=False)
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    form = {"go": "finish", "page": "0"}
    for slot, answer in right_answers(attempt).items():
        form.setdefault("slot", [])
        form["slot"].append(str(slot))
        if isinstance(answer, list) and attempt_type(attempt, slot) == "cloze":
            form.update({f"a{slot}-{n}": v for n, v in enumerate(answer, start=1)})
        elif isinstance(answer, dict):
            form.update({f"a{slot}-{p}": v for p, v in answer.items()})
        else:
            form[f"a{slot}"] = answer
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert page.count('class="question"') == 7
    response = post(client, f"/attempts/{attempt_id}", form, token_from=f"/attempts/{attempt_id}")
    assert response.status_code == 302
    assert svc.unanswered_slots(attempt_row(attempt_id)) == []
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert 'value="Moscou"' in page and 'value="Koursk"' in page and "checked" in page
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    assert attempt_row(attempt_id).score == pytest.approx(7.0)


def attempt_type(attempt, slot):
    return attempt_layout.versions_for(attempt)[attempt.layout[slot]["version_id"]].type


def test_resume_after_a_lost_session_on_another_device(app, client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], shuffle_questions=True)
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    short, mcq = slot_of(attempt, "short"), slot_of(attempt, "mcq")
    assert save_json(client, attempt_id, short, "Moscou").status_code == 200
    assert save_json(client, attempt_id, mcq, "2").status_code == 200
    auth.logout()  # the session ends everywhere
    assert client.get(f"/attempts/{attempt_id}").status_code == 302

    other_device = app.test_client()
    Auth(other_device).login("lea")
    assert start(other_device, quiz) == attempt_id  # the same attempt, not a new one
    resumed = other_device.get(f"/attempts/{attempt_id}")
    page = resumed.get_data(as_text=True)
    assert f"Question {mcq + 1} sur 7" in page  # where the student left it
    assert re.search(rf'name="a{mcq}" value="2" checked', page)
    page = other_device.get(f"/attempts/{attempt_id}?page={short}").get_data(as_text=True)
    assert 'value="Moscou"' in page
    assert count(Attempt) == 1


def test_time_limit_is_enforced_by_the_server(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], time_limit_minutes=10)
    auth.login("lea")
    attempt_id = start(client, quiz)
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    remaining = int(re.search(r'data-remaining="(\d+)"', page).group(1))
    assert 590 <= remaining <= 600
    attempt = attempt_row(attempt_id)
    short = slot_of(attempt, "short")
    assert save_json(client, attempt_id, short, "Moscou").status_code == 200
    attempt = move_back(attempt_id, timedelta(minutes=10, seconds=5))  # deadline: 5 s ago
    late = save_json(client, attempt_id, slot_of(attempt, "mcq"), "0")
    assert late.status_code == 409 and "temps est écoulé" in late.get_json()["error"]
    late_form = post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(short), f"a{short}": "Paris", "go": "next"},
        token_from=f"/attempts/{attempt_id}/submit",
    )
    assert late_form.headers["Location"].endswith(f"/attempts/{attempt_id}/submit")
    # Within the grace period the final submit is still taken, with what was saved in time.
    done = post(
        client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit"
    )
    attempt = attempt_row(attempt_id)
    assert attempt.state == "submitted" and attempt.score == pytest.approx(1.0)
    assert {r.slot: r.answer for r in attempt.responses if r.answer} == {short: "Moscou"}
    # The result says why the attempt ended, not just that it did.
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Temps écoulé : votre copie est rendue avec les réponses enregistrées à temps." in page


def test_an_attempt_past_its_grace_period_closes_itself(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], time_limit_minutes=5)
    auth.login("lea")
    attempt_id = start(client, quiz)
    move_back(attempt_id, timedelta(minutes=7))
    response = client.get(f"/attempts/{attempt_id}")
    assert response.headers["Location"].endswith(f"/attempts/{attempt_id}/result")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Temps écoulé" in page and "Votre copie est rendue." not in page
    attempt = attempt_row(attempt_id)
    assert (
        attempt.state == "submitted"
        and attempt.submitted_at <= attempt.deadline_at + quiz_status.SUBMIT_GRACE
    )


def test_closing_time_is_enforced(client, auth, world):
    teacher, student, school_class, bank = world
    closed = make_quiz(teacher, bank, [school_class], closes_at=utcnow() - timedelta(hours=1))
    auth.login("lea")
    response = post(
        client, f"/student/quizzes/{closed.id}/start", token_from="/student", follow_redirects=True
    )
    assert "pas ouvert" in response.get_data(as_text=True)
    assert count(Attempt) == 0

    closing = make_quiz(teacher, bank, [school_class], closes_at=utcnow() + timedelta(minutes=2))
    attempt_id = start(client, closing)
    attempt = attempt_row(attempt_id)
    assert attempt.deadline_at == closing.closes_at
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert 100 <= int(re.search(r'data-remaining="(\d+)"', page).group(1)) <= 120
    attempt = attempt_row(attempt_id)
    attempt.deadline_at = attempt.quiz.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert save_json(client, attempt_id, 0, None).status_code == 409


def test_attempt_limit_through_the_web(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], max_attempts=1)
    auth.login("lea")
    attempt_id = start(client, quiz)
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    response = post(
        client, f"/student/quizzes/{quiz.id}/start", token_from="/student", follow_redirects=True
    )
    assert "toutes vos tentatives" in response.get_data(as_text=True)
    assert count(Attempt) == 1
    assert "Commencer le quiz" not in client.get(f"/student/quizzes/{quiz.id}").get_data(
        as_text=True
    )


def test_double_submit_counts_once(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    save_json(client, attempt_id, slot_of(attempt_row(attempt_id), "short"), "Moscou")
    token = csrf_token(client, f"/attempts/{attempt_id}/submit")
    first = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    attempt = attempt_row(attempt_id)
    submitted_at, score = attempt.submitted_at, attempt.score
    second = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    assert first.status_code == second.status_code == 302
    attempt = attempt_row(attempt_id)
    assert (attempt.submitted_at, attempt.score) == (submitted_at, score) == (submitted_at, 1.0)
    assert count(Attempt) == 1
    assert count(ReviewLog) == 7  # once per question of the quiz, answered or not
    # A submitted attempt cannot be reopened or changed.
    assert save_json(client, attempt_id, 0, "0").status_code == 409
    assert client.get(f"/attempts/{attempt_id}").headers["Location"].endswith("/result")


def test_another_students_attempt_is_a_404_and_stays_unchanged(app, client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    short = slot_of(attempt_row(attempt_id), "short")
    save_json(client, attempt_id, short, "Moscou")
    db.session.rollback()  # the test's own session writes next
    make_user("student", "tom")
    thief = app.test_client()
    Auth(thief).login("tom")
    for path in ("", "/submit", "/result"):
        assert thief.get(f"/attempts/{attempt_id}{path}").status_code == 404
    token = csrf_token(thief, "/student")
    assert (
        thief.post(
            f"/attempts/{attempt_id}/answer",
            json={"slot": short, "answer": "Paris"},
            headers={"X-CSRFToken": token},
        ).status_code
        == 404
    )
    data = {"csrf_token": token, "slot": str(short), f"a{short}": "Paris"}
    assert thief.post(f"/attempts/{attempt_id}", data=data).status_code == 404
    assert (
        thief.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token}).status_code == 404
    )
    assert thief.get(f"/student/quizzes/{quiz.id}").status_code == 404  # not in the class
    attempt = attempt_row(attempt_id)
    assert attempt.state == "in_progress"
    assert [r.answer for r in attempt.responses] == ["Moscou"]


def test_an_empty_save_stores_nothing_new_and_empties_a_draft(client, auth, world):
    """The page's script sends an empty answer when a field is emptied: where nothing
    was given it stores no row; over an answer it empties it, and the question
    counts as unanswered again."""
    teacher, _student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    short = slot_of(attempt_row(attempt_id), "short")
    empty = save_json(client, attempt_id, short, "")
    assert empty.status_code == 200 and short in empty.get_json()["unanswered"]
    assert count(Response) == 0
    assert short not in save_json(client, attempt_id, short, "Moscou").get_json()["unanswered"]
    emptied = save_json(client, attempt_id, short, "")
    assert emptied.get_json()["saved"] is True and short in emptied.get_json()["unanswered"]
    assert [(r.slot, r.answer) for r in attempt_row(attempt_id).responses] == [(short, "")]


def test_a_save_held_back_on_the_network_does_not_overwrite_a_newer_one(client, auth, world):
    teacher, _student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    short = slot_of(attempt_row(attempt_id), "short")
    token = csrf_token(client, "/student")

    def send(answer, seq):
        return client.post(
            f"/attempts/{attempt_id}/answer",
            json={"slot": short, "answer": answer, "seq": seq},
            headers={"X-CSRFToken": token, "Accept": "application/json"},
        )

    # The page sent "Paris" (1), then the student's correction "Moscou" (2), which
    # arrived first; "Paris" arrives late and is dropped.
    assert send("Moscou", "00ff00ff00ff00ff:2").get_json()["saved"] is True
    late = send("Paris", "00ff00ff00ff00ff:1")
    assert late.status_code == 200 and late.get_json() == {
        "saved": False,
        "stale": True,
        "slot": short,
    }
    assert [r.answer for r in attempt_row(attempt_id).responses] == ["Moscou"]
    # The same save sent twice is stored (it is the same answer).
    assert send("Moscou", "00ff00ff00ff00ff:2").get_json()["saved"] is True
    # Another page load (a reload, another device) is not compared: the last one wins.
    assert send("Paris", "1234abcd1234abcd:1").get_json()["saved"] is True
    assert [r.answer for r in attempt_row(attempt_id).responses] == ["Paris"]
    # A malformed number is refused, and nothing changes.
    for seq in ("x:1", "00ff00ff00ff00ff", 7, "00ff00ff00ff00ff:-1"):
        bad = send("Lyon", seq)
        assert bad.status_code == 400 and "comprise" in bad.get_json()["error"]
    assert [r.answer for r in attempt_row(attempt_id).responses] == ["Paris"]


@pytest.mark.parametrize(
    "kind,answer,message",
    [
        ("mcq", "17", "inconnue"),
        ("mcq", "-1", "inconnue"),
        ("mcq", "²", "inconnue"),
        ("mcq", True, "numéro"),
        ("multi", ["0", "9"], "inconnue"),
        ("matching", {"7": "0"}, "élément n° 7 inconnu."),
        ("matching", {"0": "42"}, "inconnue"),
        ("truefalse", "peut-être", "vrai ou faux"),
        ("short", "x" * 5000, "trop longue"),
        ("cloze", ["1"], "mal formée"),
    ],
)
def test_tampered_answers_are_refused_and_change_nothing(
    client, auth, world, kind, answer, message
):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    slot = slot_of(attempt_row(attempt_id), kind)
    response = save_json(client, attempt_id, slot, answer)
    assert response.status_code == 400 and message in response.get_json()["error"]
    assert count(Response) == 0


def test_a_refused_answer_is_explained_in_the_students_language(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    post(client, "/language", {"lang": "en"}, token_from="/student")
    attempt_id = start(client, quiz)
    row = attempt_row(attempt_id)
    response = save_json(client, attempt_id, slot_of(row, "mcq"), "17")
    assert response.get_json()["error"] == "Invalid answer: unknown option no. 17."
    # A blank's reason inside the cloze question's, both translated.
    response = save_json(client, attempt_id, slot_of(row, "cloze"), ["x" * 5000, ""])
    assert response.get_json()["error"] == "Blank 1: Answer too long: 2000 characters at most."
    assert count(Response) == 0


def test_tampered_slots_are_refused(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    assert save_json(client, attempt_id, 99, "0").status_code == 400
    assert save_json(client, attempt_id, "0", "0").status_code == 400
    response = post(
        client, f"/attempts/{attempt_id}", {"slot": "99", "a99": "0"}, token_from="/student"
    )
    assert response.status_code == 400
    response = post(client, f"/attempts/{attempt_id}", {"slot": "zéro"}, token_from="/student")
    assert response.status_code == 400
    short = slot_of(attempt_row(attempt_id), "short")
    response = post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(short), f"a{short}": "y" * 3000},
        token_from="/student",
    )
    assert response.status_code == 400 and "trop longue" in response.get_data(as_text=True)
    assert count(Response) == 0


def test_immediate_feedback_makes_a_checked_answer_final(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(
        teacher,
        bank,
        [school_class],
        show_correctness="immediately",
        show_answers="immediately",
        show_explanations="immediately",
    )
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    short = slot_of(attempt, "short")
    # Typing saves a draft: nothing is shown yet and it can still change.
    assert save_json(client, attempt_id, short, "Paris").status_code == 200
    page = client.get(f"/attempts/{attempt_id}?page={short}").get_data(as_text=True)
    assert "Valider cette réponse" in page and "Moscou" not in page
    post(
        client,
        f"/attempts/{attempt_id}",
        {"slot": str(short), f"a{short}": "Moscou", "go": f"check{short}", "page": str(short)},
        token_from="/student",
    )
    page = client.get(f"/attempts/{attempt_id}?page={short}").get_data(as_text=True)
    assert "Correct" in page and "Réponse attendue" in page and "Moscou" in page
    assert save_json(client, attempt_id, short, "Paris").status_code == 409
    assert attempt_row(attempt_id).responses[0].answer == "Moscou"


# --- results -----------------------------------------------------------------------------------
def test_result_quotes_the_article_with_the_answer_marked(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    mcq = slot_of(attempt, "mcq")
    save_json(client, attempt_id, mcq, str(position(attempt, mcq, 1)))  # Blinken: wrong
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Incorrect" in page and "✘" in page and "Sans réponse" in page
    assert "<mark>Sergueï Lavrov</mark>" in page
    assert "Extrait de l’article" in page
    assert "Réponse attendue" in page and "Koursk" in page
    assert "0\u00a0%" in page and "Pas encore réussi" in page


def test_result_says_the_article_once_and_counts_the_outcomes(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    attempt = attempt_row(attempt_id)
    mcq = slot_of(attempt, "mcq")
    save_json(client, attempt_id, mcq, str(position(attempt, mcq, 0)))  # Lavrov: right
    save_json(client, attempt_id, slot_of(attempt, "short"), "Paris")  # wrong
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    # the MCQ's explanation was the article's sentence: it is quoted once, not twice
    assert page.count("remporteront") == 1
    assert "1 correcte" in page and "1 incorrecte" in page and "5 sans réponse" in page
    mistakes = client.get(f"/attempts/{attempt_id}/result?only=mistakes").get_data(as_text=True)
    assert "Quelle ville a accueilli la rencontre ?" in mistakes
    assert "Qui Choe Son Hui a-t-elle rencontré à Moscou ?" not in mistakes
    assert "Question 4 / 7" in mistakes  # numbered as in the quiz


def test_a_generated_explanation_says_nothing_the_feedback_shows_already():
    from quizapp.services.feedback import _beyond

    sentence = "Le 5 septembre 2017, l'armée syrienne a brisé le siège de Deir ez-Zor."
    said = f"Réponse : le 5 septembre 2017. L'article indique : « {sentence} »"
    assert _beyond(said, sentence, ["le 5 septembre 2017"]) == ""
    # without the right answer shown, the explanation still gives it
    assert _beyond(said, sentence, []) == "Réponse : le 5 septembre 2017."
    assert _beyond(f"Vrai. L'article indique : « {sentence} »", sentence, ["true"]) == ""
    false = f"Faux : il s'agit de Deir ez-Zor. L'article indique : « {sentence} »"
    assert _beyond(false, sentence, ["false"]) == "Faux : il s'agit de Deir ez-Zor."


def test_a_single_blank_answer_is_not_numbered():
    from quizapp.domain.questiondata import Answer, Blank, QuestionData
    from quizapp.services.feedback import right_answers

    one = QuestionData(
        type="cloze", stem="Signé en {1}.", blanks=[Blank("short", [Answer("2015", 1.0)])]
    )
    assert right_answers(one) == ["2015"]


@pytest.mark.parametrize("setting", ["never", "after_close"])
def test_results_wait_for_the_review_settings(client, auth, world, setting):
    teacher, student, school_class, bank = world
    quiz = make_quiz(
        teacher,
        bank,
        [school_class],
        closes_at=utcnow() + timedelta(days=1),
        show_correctness=setting,
        show_answers=setting,
        show_explanations=setting,
    )
    auth.login("lea")
    attempt_id = start(client, quiz)
    save_json(client, attempt_id, slot_of(attempt_row(attempt_id), "short"), "Moscou")
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Koursk" not in page and "<mark>" not in page and "Correct" not in page
    assert "Temps passé" in page
    history = client.get("/student/history").get_data(as_text=True)
    assert "pas encore publié" in history
    if setting == "after_close":
        db.session.rollback()
        quiz.closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
        assert "Koursk" in page and "<mark>" in page and "Correct" in page


# --- history and practice ----------------------------------------------------------------------------
def test_history_has_scores_chart_data_and_mastery(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], title="Moscou & Pyongyang")
    for answer in ("Paris", "Moscou"):
        attempt = svc.start_or_resume(quiz, student)
        svc.save_answer(attempt, slot_of(attempt, "short"), answer)
        db.session.commit()
        svc.submit(attempt)
    auth.login("lea")
    page = client.get("/student/history").get_data(as_text=True)
    assert '<script type="application/json" id="score-data">' in page
    data = re.search(r'id="score-data">(.*?)</script>', page).group(1)
    assert '"percent": 0.0' in data and '"percent": 14.3' in data
    assert "\\u0026" in data  # the title is escaped inside the JSON block
    assert "js/student-charts.js" in page and "<script>" not in page
    assert "Maîtrise par thème" in page and "rencontres" in page
    assert "chiffres" not in page  # no figure was answered: that topic has no mastery yet


def test_progress_names_topics_not_formats_and_dates_the_readers_way(client, auth, world):
    from quizapp.domain.questiondata import Answer, Blank, QuestionData

    teacher, student, school_class, _bank = world
    questions = [
        QuestionData(
            type="cloze",
            kind="cloze",
            stem="La rencontre a eu lieu à {1}.",
            blanks=[Blank("short", [Answer("Moscou", 1.0)])],
            tags=["cloze"],
        ),
        QuestionData(
            type="mcq",
            kind="role",
            stem="Qui est le ministre russe des Affaires étrangères ?",
            answers=[Answer("Sergueï Lavrov", 1.0), Answer("Antony Blinken", 0.0)],
            tags=["role"],
        ),
        QuestionData(
            type="truefalse",
            stem="La Chine soutient ouvertement l'alliance.",
            answers=[Answer("true", 0.0), Answer("false", 1.0)],
        ),
    ]
    bank = make_bank(teacher, questions, name="Formats")
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    for slot in range(3):
        data = attempt_layout.versions_for(attempt)[attempt.layout[slot]["version_id"]]
        answer = {"cloze": ["Moscou"], "mcq": "0", "truefalse": "false"}[data.type]
        if data.type == "mcq":
            answer = str(position(attempt, slot, 0))
        svc.save_answer(attempt, slot, answer)
    db.session.commit()
    svc.submit(attempt)
    auth.login("lea")
    page = client.get("/student/history").get_data(as_text=True)
    section = page[page.index("Maîtrise par thème") :]
    topics = re.findall(r'<span class="topic">([^<]+)</span>', section)
    assert topics == ["Fonction"]  # neither « Texte à trous » nor « Écrite à la main »
    data = re.search(r'id="score-data">(.*?)</script>', page).group(1)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", data)  # « 4 déc. 2026 », not ISO


def test_practice_reviews_due_questions_without_changing_grades(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    short = slot_of(attempt, "short")
    svc.save_answer(attempt, short, "Paris")
    db.session.commit()
    svc.submit(attempt)
    score = attempt.score
    question_id = attempt.layout[short]["question_id"]
    db.session.execute(
        db.update(ReviewCard)
        .where(ReviewCard.question_id == question_id)
        .values(due_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    auth.login("lea")
    page = client.get("/student/practice").get_data(as_text=True)
    assert "Quelle ville a accueilli la rencontre" in page and "Moscou" not in page
    response = post(
        client,
        f"/student/practice/{question_id}",
        {"a0": "moscou"},
        token_from="/student/practice",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Correct" in html and "Réponse attendue" in html
    db.session.rollback()
    card = db.session.scalar(db.select(ReviewCard).where(ReviewCard.question_id == question_id))
    assert card.reps == 2 and card.due_at > utcnow()
    assert db.session.get(Attempt, attempt.id).score == score
    # Answering again (a reload) is refused: the card is no longer due.
    again = post(
        client, f"/student/practice/{question_id}", {"a0": "x"}, token_from="/student/practice"
    )
    assert again.status_code == 302
    assert "Rien à réviser" in client.get("/student/practice").get_data(as_text=True)
    # A question the student never met in a quiz is not in their practice.
    other = make_bank(teacher, name="Autre banque").questions[0].id
    assert (
        post(client, f"/student/practice/{other}", {"a0": "0"}, token_from="/student").status_code
        == 404
    )


def test_practice_hides_answers_the_quiz_has_not_shown_yet(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(
        teacher,
        bank,
        [school_class],
        closes_at=utcnow() + timedelta(days=2),
        show_answers="after_close",
        show_explanations="after_close",
    )
    attempt = svc.start_or_resume(quiz, student)
    short = slot_of(attempt, "short")
    svc.save_answer(attempt, short, "Paris")
    db.session.commit()
    svc.submit(attempt)
    db.session.execute(db.update(ReviewCard).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    auth.login("lea")
    client.get("/student/practice")
    html = post(
        client,
        f"/student/practice/{attempt.layout[short]['question_id']}",
        {"a0": "Lyon"},
        token_from="/student/practice",
    ).get_data(as_text=True)
    assert "Incorrect" in html and "Moscou" not in html


def _submit_with_a_wrong_answer(quiz, student):
    attempt = svc.start_or_resume(quiz, student)
    short = slot_of(attempt, "short")
    svc.save_answer(attempt, short, "Lyon")
    db.session.commit()
    svc.submit(attempt)
    db.session.execute(db.update(ReviewCard).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    return attempt.layout[short]["question_id"]


def test_practice_never_grades_a_question_whose_quiz_never_shows_correctness(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(
        teacher,
        bank,
        [school_class],
        max_attempts=2,
        show_correctness="never",
        show_answers="never",
        show_explanations="never",
    )
    question_id = _submit_with_a_wrong_answer(quiz, student)
    auth.login("lea")
    assert "Rien à réviser" in client.get("/student/practice").get_data(as_text=True)
    refused = post(
        client, f"/student/practice/{question_id}", {"a0": "Moscou"}, token_from="/student"
    )
    assert refused.status_code == 404
    assert "Incorrect" not in refused.get_data(as_text=True)


def test_practice_waits_until_the_quiz_shows_correctness(client, auth, world):
    teacher, student, school_class, bank = world
    closes = utcnow() + timedelta(days=2)
    quiz = make_quiz(
        teacher, bank, [school_class], closes_at=closes, show_correctness="after_close"
    )
    question_id = _submit_with_a_wrong_answer(quiz, student)
    assert practice.due_count(student.id) == 0
    auth.login("lea")
    assert "Rien à réviser" in client.get("/student/practice").get_data(as_text=True)
    page = post(
        client,
        f"/student/practice/{question_id}",
        {"a0": "Moscou"},
        token_from="/student",
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Incorrect" not in page and "Correct" not in page
    assert "quand son quiz montrera les corrections" in page
    # Once the quiz is closed, its questions come back to practice.
    later = closes + timedelta(hours=1)
    assert practice.due_count(student.id, later) > 0
    assert practice.next_item(student.id, "k", later) is not None


def test_practice_holds_back_the_questions_of_an_attempt_in_progress(world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], max_attempts=2)
    question_id = _submit_with_a_wrong_answer(quiz, student)
    assert question_id in {c.question_id for c in practice.due_cards(student.id)}
    second = svc.start_or_resume(quiz, student)
    db.session.commit()
    assert second.state == "in_progress"
    assert question_id not in {c.question_id for c in practice.due_cards(student.id)}
    with pytest.raises(practice.PracticeError):
        practice.practice_item(student.id, question_id, "k")
    svc.submit(second)  # left blank: the card is due again a few minutes on
    soon = utcnow() + timedelta(hours=1)
    assert question_id in {c.question_id for c in practice.due_cards(student.id, soon)}


def test_teacher_sees_reviews_due_and_forgotten_questions(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    attempt = svc.start_or_resume(quiz, student)
    short = slot_of(attempt, "short")
    svc.save_answer(attempt, short, "Paris")
    db.session.commit()
    svc.submit(attempt)
    db.session.execute(
        db.update(ReviewCard)
        .where(ReviewCard.question_id == attempt.layout[short]["question_id"])
        .values(due_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    auth.login("prof")
    page = client.get(f"/classes/{school_class.id}/practice").get_data(as_text=True)
    assert re.search(r"Révisions à faire maintenant</dt><dd><strong>1<", page)
    assert "Quelle ville a accueilli la rencontre" in page
    make_user("teacher", "autre")
    auth.logout()
    auth.login("autre")
    assert client.get(f"/classes/{school_class.id}/practice").status_code == 404


def test_class_practice_counts_reviews_done_in_practice_not_quiz_answers(client, auth, world):
    teacher, student, school_class, bank = world
    question_id = _submit_with_a_wrong_answer(make_quiz(teacher, bank, [school_class]), student)
    auth.login("lea")
    client.get("/student/practice")
    post(
        client,
        f"/student/practice/{question_id}",
        {"a0": "Moscou"},
        token_from="/student/practice",
    )
    auth.logout()
    auth.login("prof")
    page = client.get(f"/classes/{school_class.id}/practice").get_data(as_text=True)
    # the quiz scheduled every one of its questions; the student reviewed one card
    assert re.search(r"Révisions faites ces 7 derniers jours</dt><dd>1<", page), page[-2000:]


def test_class_practice_shows_no_question_of_another_teacher(client, auth, world):
    teacher, student, school_class, _bank = world
    other = make_user("teacher", "autre")
    other_class = make_class(other, "2nde A", students=[student])
    private = sample_questions()
    for q in private:
        q.stem = "Privé : " + q.stem
    other_quiz = make_quiz(other, make_bank(other, private, name="Privée"), [other_class])
    attempt = svc.start_or_resume(other_quiz, student)
    svc.save_answer(attempt, slot_of(attempt, "short"), "Lyon")  # wrong: a forgotten card
    db.session.commit()
    svc.submit(attempt)
    db.session.execute(db.update(ReviewCard).values(due_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    auth.login("prof")
    page = client.get(f"/classes/{school_class.id}/practice").get_data(as_text=True)
    assert "Privé" not in page
    assert re.search(r"Révisions à faire maintenant</dt><dd><strong>0<", page)
    auth.logout()
    auth.login("autre")
    page = client.get(f"/classes/{other_class.id}/practice").get_data(as_text=True)
    assert "Privé : " in page


def test_a_long_quiz_still_submits(client, auth, world, monkeypatch):
    """The form's CSRF token is 90 minutes old when the student submits."""
    import time

    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    token = csrf_token(client, f"/attempts/{attempt_id}/submit")
    later = time.time() + 90 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(f"/attempts/{attempt_id}/submit", data={"csrf_token": token})
    assert response.status_code == 302
    assert attempt_row(attempt_id).state == "submitted"


def test_pages_in_english(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class], max_attempts=1)
    auth.login("lea")
    post(client, "/language", {"lang": "en"}, token_from="/student")
    assert "My space" in client.get("/student").get_data(as_text=True)
    attempt_id = start(client, quiz)
    page = client.get(f"/attempts/{attempt_id}").get_data(as_text=True)
    assert "Question 1 of 7" in page and "Finish and submit" in page
    post(client, f"/attempts/{attempt_id}/submit", token_from="/student")
    again = post(
        client, f"/student/quizzes/{quiz.id}/start", token_from="/student", follow_redirects=True
    )
    assert "You have used all your attempts." in again.get_data(as_text=True)
    result = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Pass mark" in result and "Time taken" in result and "Not answered" in result


def test_two_starts_at_once_make_one_attempt(world, monkeypatch):
    """The second start finds the attempt the first one made (same number) and resumes it."""
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    first = svc.start_or_resume(quiz, student)
    real_scalars = db.session.scalars
    calls = {"n": 0}

    def blind_once(query, *args, **kwargs):
        # The racing request read the attempts before the first one committed.
        calls["n"] += 1
        if calls["n"] == 1:
            return real_scalars(query.where(Attempt.id == -1), *args, **kwargs)
        return real_scalars(query, *args, **kwargs)

    monkeypatch.setattr(db.session, "scalars", blind_once)
    second = svc.start_or_resume(quiz, student)
    assert second.id == first.id and count(Attempt) == 1


def test_the_page_cannot_choose_its_score(client, auth, world):
    teacher, student, school_class, bank = world
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    short = slot_of(attempt_row(attempt_id), "short")
    token = csrf_token(client, "/student")
    client.post(
        f"/attempts/{attempt_id}/answer",
        json={"slot": short, "answer": "Paris", "fraction": 1, "mark": 7, "final": True},
        headers={"X-CSRFToken": token},
    )
    client.post(
        f"/attempts/{attempt_id}/submit",
        data={"csrf_token": token, "score": "7", "max_score": "7", "state": "in_progress"},
    )
    attempt = attempt_row(attempt_id)
    assert attempt.state == "submitted" and attempt.score == 0.0
    assert all((r.fraction or 0.0) == 0.0 for r in attempt.responses)


def test_result_says_which_articles_date_the_quoted_sentence_is_from(client, auth, world):
    """A fact is true as of its article: the feedback names the article's date."""
    import datetime as dt

    from quizapp.models import Article

    teacher, student, school_class, bank = world
    article = Article(
        owner_id=teacher.id,
        title="Valdorie et Castelie",
        text="Texte de l'article.",
        published_on=dt.date(2024, 11, 1),
    )
    db.session.add(article)
    db.session.flush()
    bank.article_id = article.id
    db.session.commit()
    quiz = make_quiz(teacher, bank, [school_class])
    auth.login("lea")
    attempt_id = start(client, quiz)
    post(client, f"/attempts/{attempt_id}/submit", token_from=f"/attempts/{attempt_id}/submit")
    page = client.get(f"/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Extrait de l’article du 1 nov. 2024" in page
