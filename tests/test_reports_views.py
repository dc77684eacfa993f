"""Report pages and downloads, empty states, filters, the CLI and the number of SQL statements."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import sqlalchemy as sa
from conftest import make_bank, make_class, make_quiz, make_user
from test_reports import add_attempt, build_world, three_questions

from quizapp.extensions import db


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def teacher_client(client, auth, world):
    auth.login("prof")
    return client


def _chart_data(html: str, element_id: str) -> dict:
    match = re.search(
        rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S
    )
    assert match, element_id
    return json.loads(match.group(1))


def test_quiz_page_lists_attempts_and_draws_the_distribution(teacher_client, world):
    html = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}").get_data(as_text=True)
    assert "Alice Martin" in html and "pas commencé" in html
    assert "=HYPERLINK" in html and "<script>" not in html  # escaped, no inline script
    chart = _chart_data(html, "distribution-data")
    assert chart["values"] == [1, 0, 0, 1, 0, 0, 0, 0, 0, 1]  # 0 %, 33 %, 100 %
    assert 'data-chart="distribution-data"' in html and "chart.umd.min.js" in html
    # Alice's first attempt: marks 1, 1, 0 on Q1 to Q3, sortable by their value.
    assert (
        '<td data-value="1.0">1</td><td data-value="1.0">1</td><td data-value="0.0">0</td>'
    ) in html


def test_quiz_page_filters_by_class_and_date(teacher_client, world):
    other = make_class(world["teacher"], "4e A", students=[world["bob"]])
    html = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}?class_id={other.id}").get_data(
        as_text=True
    )
    assert "bob" in html and "Alice Martin" not in html
    html = teacher_client.get(
        f"/reports/quizzes/{world['quiz'].id}?from=2026-11-03&to=2026-11-03"
    ).get_data(as_text=True)
    assert "Alice Martin" in html and ">bob<" not in html
    bad = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}?from=hier")
    assert bad.status_code == 200 and "AAAA-MM-JJ" in bad.get_data(as_text=True)


def test_another_teachers_class_as_filter_is_a_404(client, auth, world):
    stranger = make_user("teacher", "stranger")
    theirs = make_class(stranger, "Ailleurs")
    auth.login("prof")
    assert (
        client.get(f"/reports/quizzes/{world['quiz'].id}?class_id={theirs.id}").status_code == 404
    )


def test_downloads_use_the_same_exports(teacher_client, world):
    response = teacher_client.get(
        f"/reports/quizzes/{world['quiz'].id}/export?format=csv&dialect=excel-fr"
    )
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.data[3:].decode()), delimiter=";"))
    assert rows[1][9] == "66,7"
    xlsx = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}/export?format=xlsx")
    assert xlsx.data[:2] == b"PK"
    pdf = teacher_client.get(f"/reports/classes/{world['class'].id}/export?format=pdf")
    assert pdf.data.startswith(b"%PDF")
    student = teacher_client.get(f"/reports/students/{world['alice'].id}/export?format=csv")
    assert "Moscou et Pyongyang" in student.data.decode("utf-8-sig")
    assert (
        teacher_client.get(f"/reports/quizzes/{world['quiz'].id}/export?format=doc").status_code
        == 400
    )


def test_statistics_page_links_flagged_questions_to_their_edit_page(teacher_client, world):
    for n in range(3):
        add_attempt(world["quiz"], make_user("student", f"extra{n}"), [0, 0, "true"])
    html = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}/statistics").get_data(
        as_text=True
    )
    q1 = world["quiz"].slots[0].question_id
    assert "Questions à revoir" in html
    assert f'href="/teacher/questions/{q1}/edit"' in html
    assert "Un distracteur n&#39;a été choisi par personne." in html
    chart = _chart_data(html, "facility-data")
    assert chart["labels"] == ["Q1", "Q2", "Q3"] and chart["values"][0] == pytest.approx(83.3)
    first = teacher_client.get(f"/reports/quizzes/{world['quiz'].id}/statistics?on=first")
    assert "premières tentatives" in first.get_data(as_text=True)


def test_empty_states_never_fail(client, auth, app):
    teacher = make_user("teacher", "lonely")
    quiz = make_quiz(teacher, make_bank(teacher, three_questions()), title="Personne")
    empty = make_class(teacher, "Vide")
    student = make_user("student", "idle")
    make_class(teacher, "Avec un élève", students=[student])
    auth.login("lonely")
    pages = {
        f"/reports/quizzes/{quiz.id}": "Personne n’a encore passé ce quiz",
        f"/reports/quizzes/{quiz.id}/statistics": "Aucune tentative rendue",
        f"/reports/quizzes/{quiz.id}/regrade": "Aucune note ne changerait",
        f"/reports/classes/{empty.id}": "Aucun élève dans cette classe",
        f"/reports/students/{student.id}": "Aucun quiz pour cet élève",
        f"/reports/banks/{quiz.bank_id}": "Rencontre",
        "/reports/": "Personne",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.get_data(as_text=True), url
    for fmt in ("csv", "xlsx", "pdf"):
        assert client.get(f"/reports/quizzes/{quiz.id}/export?format={fmt}").status_code == 200
        assert client.get(f"/reports/classes/{empty.id}/export?format={fmt}").status_code == 200


def test_the_index_counts_the_submitted_attempts_of_the_teachers_own_quizzes(
    app, client, auth, world, count_statements
):
    """Another teacher's index shows their quizzes' counts only, and never counts the
    attempts of quizzes that are not theirs."""
    from flask import template_rendered

    other = make_user("teacher", "voisin")
    theirs = make_quiz(other, make_bank(other, three_questions()), title="Le leur")
    auth.login("voisin")
    seen = []

    def record(sender, template, context, **extra):
        seen.append(context)

    template_rendered.connect(record, app)
    try:
        html = client.get("/reports/").get_data(as_text=True)
    finally:
        template_rendered.disconnect(record, app)
    assert "Le leur" in html and "Moscou et Pyongyang" not in html
    assert seen[0]["counts"] == {}  # the other teacher's quiz has 4 submitted attempts
    counting = [s for s in count_statements if "count(attempt.id)" in s.lower()]
    assert counting and all("quiz_id IN" in s or "quiz.owner_id" in s for s in counting)
    auth.login("prof")
    seen.clear()
    template_rendered.connect(record, app)
    try:
        client.get("/reports/")
    finally:
        template_rendered.disconnect(record, app)
    assert seen[0]["counts"] == {world["quiz"].id: 4}
    assert theirs.id not in seen[0]["counts"]


def test_a_student_of_another_teacher_is_a_404(client, auth, world):
    make_user("teacher", "stranger")
    auth.login("stranger")
    assert client.get(f"/reports/students/{world['alice'].id}").status_code == 404
    assert client.get(f"/reports/banks/{world['bank'].id}").status_code == 404


def test_bank_page_shows_how_each_kind_fared(teacher_client, world):
    html = teacher_client.get(f"/reports/banks/{world['bank'].id}").get_data(as_text=True)
    for kind in ("Rencontre", "Citation", "Chiffre"):
        assert f"<td>{kind}</td>" in html
    assert "75,0\u00a0%" in html and "25,0\u00a0%" in html  # meeting 3/4, figure 1/4


# --- SQL statements do not grow with the class size -----------------------------------
@pytest.fixture
def count_statements(app):
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", before)
    yield statements
    sa.event.remove(db.engine, "before_cursor_execute", before)


def _many_students(world, n: int):
    from quizapp.models import Membership, User

    users = [
        User(username=f"s{i:03}", password_hash="x", role="student", display_name=f"Élève {i}")
        for i in range(n)
    ]
    db.session.add_all(users)
    db.session.flush()
    db.session.add_all(Membership(class_id=world["class"].id, student_id=u.id) for u in users)
    db.session.commit()
    for i, user in enumerate(users):
        add_attempt(world["quiz"], user, [i % 3, 0, "true" if i % 2 else "false"])


@pytest.mark.parametrize(
    "url",
    [
        "/reports/quizzes/{quiz}",
        "/reports/quizzes/{quiz}/statistics",
        "/reports/classes/{klass}",
        "/reports/quizzes/{quiz}/export?format=xlsx",
    ],
)
def test_report_queries_are_grouped_not_one_per_student(
    teacher_client, world, count_statements, url
):
    target = url.format(quiz=world["quiz"].id, klass=world["class"].id)
    teacher_client.get(target)  # the first request of a session writes the session's bookkeeping
    count_statements.clear()
    teacher_client.get(target)
    few = len(count_statements)
    _many_students(world, 60)
    count_statements.clear()
    response = teacher_client.get(target)
    assert response.status_code == 200
    assert len(count_statements) == few, count_statements
    assert len(count_statements) <= 15


# --- CLI ---------------------------------------------------------------------------
def test_cli_report_writes_each_format(app, world, tmp_path):
    runner = app.test_cli_runner()
    for fmt in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"r.{fmt}"
        result = runner.invoke(
            args=["report", str(world["quiz"].id), "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes() == _web_bytes(app, world, fmt) or fmt != "csv"
    out = tmp_path / "class.csv"
    result = runner.invoke(
        args=["report", "--class", str(world["class"].id), "--format", "csv", "-o", str(out)]
    )
    assert result.exit_code == 0 and "Carnet" not in out.read_text("utf-8-sig")
    assert out.read_text("utf-8-sig").splitlines()[1].startswith("alice,Alice Martin,100")
    out = tmp_path / "student.pdf"
    result = runner.invoke(
        args=["report", "--student", str(world["alice"].id), "--format", "pdf", "-o", str(out)]
    )
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")


def _web_bytes(app, world, fmt):
    from quizapp.reports.exports import export_quiz

    return export_quiz(world["quiz"], fmt).data


def test_cli_report_refuses_an_ambiguous_subject(app, world, tmp_path):
    runner = app.test_cli_runner()
    out = str(tmp_path / "x.csv")
    result = runner.invoke(args=["report", "-o", out])
    assert result.exit_code == 2 and "exactly one" in result.output
    result = runner.invoke(args=["report", "999", "-o", out])
    assert result.exit_code == 2 and "no quiz with id 999" in result.output
    result = runner.invoke(
        args=["report", str(world["quiz"].id), "--student", str(world["alice"].id), "-o", out]
    )
    assert result.exit_code == 2


def test_cli_stats_json_prints_the_page_figures(app, world):
    result = app.test_cli_runner().invoke(args=["stats", str(world["quiz"].id), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["quiz"]["attempts"] == 3 and data["quiz"]["alpha"] == pytest.approx(6 / 7, abs=1e-4)
    assert [q["facility"] for q in data["questions"]] == pytest.approx(
        [2 / 3, 1 / 3, 1 / 3], abs=1e-4
    )
    assert data["questions"][0]["options"][0] == {"text": "Lavrov", "right": True, "picked": 2}
    table = app.test_cli_runner().invoke(args=["stats", str(world["quiz"].id), "--on", "first"])
    assert table.exit_code == 0 and "3 attempts (first)" in table.output
