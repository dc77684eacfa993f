"""Exports read back: CSV with the csv module, XLSX with openpyxl, PDF with pypdf."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import make_bank, make_class, make_quiz, make_user
from test_reports import build_world, three_questions

from quizapp.reports.exports import ExportError, export_class, export_quiz, export_student
from quizapp.reports.pdf import latin1
from quizapp.reports.writers import neutralise, write_csv

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture
def world(app):
    return build_world()


def read_csv(data: bytes, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, for Excel
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def pdf_text(data: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_quiz_csv_cell_by_cell(world):
    export = export_quiz(world["quiz"], "csv")
    assert export.filename == f"quiz-{world['quiz'].id}-moscou-et-pyongyang.csv"
    rows = read_csv(export.data)
    assert rows[0] == [
        "Identifiant", "Nom", "Tentative", "État", "Début (Europe/Paris)", "Fin (Europe/Paris)", "Durée (min)",
        "Note", "Sur", "Pourcentage", "Compte", "Q1", "Q2", "Q3",
    ]  # fmt: skip
    assert rows[1] == [
        "alice", "Alice Martin", "1", "rendu", "2026-11-02 10:00:00", "2026-11-02 10:10:00",
        "10", "2", "3", "66.7", "non", "1", "1", "0",
    ]  # fmt: skip
    assert rows[3][:3] == ["bob", "bob", "1"] and rows[3][9] == "33.3"
    assert rows[4][1] == '\'=HYPERLINK("http://x")'  # neutralised
    assert rows[5] == ["dan", "dan", "", "pas commencé"] + [""] * 10
    assert len(rows) == 6


def test_quiz_csv_french_excel_dialect_and_english(world):
    rows = read_csv(export_quiz(world["quiz"], "csv", dialect="excel-fr").data, ";")
    assert rows[1][9] == "66,7" and rows[3][9] == "33,3"
    english = read_csv(export_quiz(world["quiz"], "csv", lang="en").data)
    assert english[0][:4] == ["Username", "Name", "Attempt", "Status"]
    assert english[1][3] == "submitted" and english[1][10] == "no"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_injection_is_neutralised(start):
    assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Paris") == "Paris" and neutralise("") == ""


def test_formula_injection_in_every_format(world):
    world["bob"].display_name = "+cmd|' /C calc'!A0"
    world["alice"].display_name = "@SUM(1+1)*cmd"
    from quizapp.extensions import db

    db.session.commit()
    rows = read_csv(export_quiz(world["quiz"], "csv").data)
    names = {r[0]: r[1] for r in rows[1:]}
    assert names["bob"] == "'+cmd|' /C calc'!A0" and names["alice"] == "'@SUM(1+1)*cmd"
    wb = openpyxl.load_workbook(io.BytesIO(export_quiz(world["quiz"], "xlsx").data))
    ws = wb["Élèves"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert {ws.cell(r, 2).value for r in range(2, 7)} >= {"'+cmd|' /C calc'!A0", "'@SUM(1+1)*cmd"}


def test_write_csv_rejects_an_unknown_dialect():
    from quizapp.reports.tables import Column, Table

    with pytest.raises(ValueError):
        write_csv(Table("t", [Column("a")]), "tsv")


def test_quiz_xlsx_sheets_cell_by_cell(world):
    wb = openpyxl.load_workbook(io.BytesIO(export_quiz(world["quiz"], "xlsx").data))
    assert wb.sheetnames == ["Résumé", "Élèves", "Questions"]
    summary = {r[0]: r[1] for r in wb["Résumé"].iter_rows(min_row=2, values_only=True)}
    assert summary["Quiz"] == "Moscou et Pyongyang"
    assert summary["Élèves"] == 4 and summary["Tentatives"] == 4
    assert summary["Moyenne"] == pytest.approx((1 + 1 / 3) / 3)
    assert summary["Alpha de Cronbach"] == pytest.approx(6 / 7)

    ws = wb["Élèves"]
    assert ws.freeze_panes == "C2"
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Identifiant", "Nom", "Tentative"] and header[-3:] == ["Q1", "Q2", "Q3"]
    alice1 = [c for c in ws[2]]
    assert [c.value for c in alice1[:4]] == ["alice", "Alice Martin", 1, "rendu"]
    # stored as 09:00 UTC, written in the school's zone (Europe/Paris, UTC+1 in November)
    assert alice1[4].value.isoformat() == "2026-11-02T10:00:00" and alice1[4].is_date
    assert alice1[6].value == 10.0 and alice1[7].value == 2.0 and alice1[8].value == 3.0
    assert alice1[9].value == pytest.approx(2 / 3) and alice1[9].number_format == "0.0%"
    assert [c.value for c in alice1[11:]] == [1.0, 1.0, 0.0]
    assert [c.value for c in ws[6]][:4] == ["dan", "dan", None, "pas commencé"]

    qs = wb["Questions"]
    assert qs.freeze_panes == "B2"
    q1 = [c.value for c in qs[2]]
    assert q1[:6] == [
        "Q1",
        "Qui Choe Son Hui a-t-elle rencontré ?",
        "Choix unique",
        "Rencontre",
        1.0,
        3,
    ]
    assert q1[6] == pytest.approx(2 / 3) and qs.cell(2, 7).number_format == "0.0%"
    assert q1[10] == "*Lavrov: 2 | Blinken: 1 | Zelensky: 0"


def test_quiz_pdf_has_summary_charts_questions_and_students(world):
    export = export_quiz(world["quiz"], "pdf")
    assert export.data.startswith(b"%PDF") and export.mimetype == "application/pdf"
    text = pdf_text(export.data)
    for expected in (
        "Moscou et Pyongyang",
        "Répartition des notes",
        "Facilité par question",
        "Statistiques des questions",
        "Qui Choe Son Hui a-t-elle rencontré ?",
        "Alice Martin",
        "66,7\xa0%",  # the French way, as the pages write it
        "Discrimination",  # a column title wraps instead of being cut
        "pas commencé",
    ):
        assert expected in text, expected
    english = pdf_text(export_quiz(world["quiz"], "pdf", lang="en").data)
    assert "Score distribution" in english and "Question statistics" in english
    assert "not started" in english and "66.7%" in english


def test_pdf_survives_characters_outside_latin1(app):
    teacher = make_user("teacher")
    quiz = make_quiz(
        teacher, make_bank(teacher, three_questions()), title="Zelensky — «Київ» ★ œuvre"
    )
    text = pdf_text(export_quiz(quiz, "pdf").data)
    assert "«Kи" not in text  # Cyrillic cannot pass
    assert "Zelensky — «????» ? œuvre" in text  # French typography can
    assert latin1("l’été “chaud” …") == "l’été “chaud” …"


def test_pdf_keeps_the_dashes_of_titles_and_ranges(world):
    world["quiz"].title = "Révision – quiz"
    text = pdf_text(export_quiz(world["quiz"], "pdf").data)
    assert "Révision – quiz" in text and "Révision - quiz" not in text
    assert "90–100" in text  # the score distribution's last bar


def test_empty_reports_export_without_error(app):
    teacher = make_user("teacher")
    quiz = make_quiz(teacher, make_bank(teacher, three_questions()), title="Vide")
    empty_class = make_class(teacher, "Personne")
    student = make_user("student")
    for fmt in ("csv", "xlsx", "pdf"):
        assert export_quiz(quiz, fmt).data
        assert export_class(empty_class, fmt).data
        assert export_student(student, fmt).data
    assert "Aucun élève n'a encore passé ce quiz." in pdf_text(export_quiz(quiz, "pdf").data)
    assert "Aucun élève dans cette classe." in pdf_text(export_class(empty_class, "pdf").data)
    assert len(read_csv(export_class(empty_class, "csv").data)) == 1


def test_class_and_student_exports(world):
    rows = read_csv(export_class(world["class"], "csv").data)
    assert rows[0] == ["Identifiant", "Nom", "Moscou et Pyongyang", "Moyenne"]
    assert rows[1] == ["alice", "Alice Martin", "100", "100"]
    assert rows[2] == ["bob", "bob", "33.3", "33.3"]
    assert rows[4] == ["dan", "dan", "", ""]
    wb = openpyxl.load_workbook(io.BytesIO(export_class(world["class"], "xlsx").data))
    assert wb.sheetnames == ["Quiz", "Carnet de notes"]
    assert [c.value for c in wb["Quiz"][2]] == ["Moscou et Pyongyang", 3, 4, pytest.approx(4 / 9)]
    assert "Carnet de notes" in pdf_text(export_class(world["class"], "pdf").data)

    student = read_csv(export_student(world["alice"], "csv").data)
    assert student[1] == ["Moscou et Pyongyang", "2", "2", "100", "2026-11-03 10:10:00"]
    wb = openpyxl.load_workbook(io.BytesIO(export_student(world["alice"], "xlsx").data))
    progress = list(wb["Progression"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], round(r[3], 4)) for r in progress] == [
        ("Moscou et Pyongyang", 1, 0.6667),
        ("Moscou et Pyongyang", 2, 1.0),
    ]
    assert "Notes au fil du temps" in pdf_text(export_student(world["alice"], "pdf").data)


def test_unknown_format_or_language(world):
    with pytest.raises(ExportError):
        export_quiz(world["quiz"], "docx")
    with pytest.raises(ExportError):
        export_quiz(world["quiz"], "csv", lang="de")


def test_true_false_options_are_shown_in_words(world):
    wb = openpyxl.load_workbook(io.BytesIO(export_quiz(world["quiz"], "xlsx").data))
    assert wb["Questions"].cell(4, 11).value == "*Vrai: 1 | Faux: 2"
    wb = openpyxl.load_workbook(io.BytesIO(export_quiz(world["quiz"], "xlsx", lang="en").data))
    assert wb["Questions"].cell(4, 11).value == "*True: 1 | False: 2"
