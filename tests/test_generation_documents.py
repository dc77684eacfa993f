"""Articles sent as PDF or Word documents read as the same text a .txt gives."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from fpdf import FPDF

from quizapp.generation import GenerationError, generate, load_article

PARAGRAPHS = [
    "Ce mardi 3 décembre 2024, le ministre français des Affaires étrangères a reçu à Paris "
    "son homologue allemand pour préparer le sommet européen de la semaine prochaine.",
    "Les deux ministres ont annoncé une aide de 500 millions d'euros pour la reconstruction "
    "des régions touchées par les inondations, selon un communiqué commun.",
    "« Nous devons agir ensemble et vite », a déclaré le ministre allemand devant la presse, "
    "avant de rejoindre Berlin dans la soirée.",
]


def _pdf(paragraphs: list[str], title: str | None = "Sommet européen") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    for text in paragraphs:
        pdf.multi_cell(0, 6, text)  # long lines wrap: the reader must join them again
        pdf.ln(6)
    return bytes(pdf.output())


def _docx(paragraphs: list[str], title: str | None = "Sommet européen") -> bytes:
    document = docx.Document()
    if title:
        document.add_heading(title, level=0)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("suffix", "make"), [(".pdf", _pdf), (".docx", _docx)])
def test_a_document_gives_the_article_its_title_and_date(tmp_path, suffix, make):
    path = tmp_path / f"2024-12-03-sommet{suffix}"
    path.write_bytes(make(PARAGRAPHS))
    text, title, date = load_article(path)
    assert title == "Sommet européen" and date == dt.date(2024, 12, 3)
    flat = " ".join(text.split())
    for paragraph in PARAGRAPHS:
        assert paragraph in flat  # every word back, lines joined, accents kept
    assert generate(text, title=title, date=date).questions


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.4 rien de plus", "PDF est illisible"),
        ("a.pdf", _pdf([], title=None), "ne contient pas de texte"),
        ("a.docx", b"PK\x03\x04 pas un document", "document Word est illisible"),
    ],
)
def test_a_document_that_cannot_be_read_says_why(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(GenerationError) as error:
        load_article(path)
    assert message in str(error.value)
