"""Aiken, CSV and the YAML bank file: samples, columns, errors with lines."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from quizapp.domain.questiondata import Answer, Blank, QuestionData, Source
from quizapp.formats import dump, load, parse

DATA = Path(__file__).parent / "data" / "formats"


# --- Aiken -------------------------------------------------------------------
def test_aiken_sample():
    result = parse((DATA / "aiken_sample.txt").read_text("utf-8"), "aiken")
    assert result.errors == []
    first, second, third = result.questions
    assert first.stem == "Quelle ville accueille le Conseil européen ?"
    assert [(a.text, a.fraction) for a in first.answers] == [
        ("Strasbourg", 0.0),
        ("Bruxelles", 1.0),
        ("Luxembourg", 0.0),
    ]
    assert len(second.answers) == 6 and second.answers[0].fraction == 1.0
    assert third.stem == "Ce texte de question\ntient sur deux lignes."
    assert result.lines == [1, 7, 16]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("Q?\nA. a\nB. b\nANSWER: E\n", 4, "parmi A, B"),
        ("Q?\nA. a\nB. b\n\nNext?\nA. x\nB. y\nANSWER: A\n", 1, "'ANSWER: <lettre>' est attendu"),
        ("Q?\nA. a\nANSWER: A\n", 3, "au moins 2 options"),
        ("A. a\nB. b\nANSWER: A\n", 1, "texte de la question est attendu avant"),
        ("Just text\n", 1, "des options (A. ..., B. ...)"),
        ("A)a\nB)b\nANSWER: A\n", 1, "texte de la question est attendu avant"),
        ("Q?\nA)a\nB)\nANSWER: A\n", 1, "'ANSWER: <lettre>' est attendu"),
    ],
)
def test_aiken_errors(text, line, words):
    result = parse(text, "aiken")
    assert result.errors[0].line == line and words in result.errors[0].message
    assert result.importable == []


def test_aiken_options_without_a_space_are_read_as_moodle_reads_them():
    # as in Moodle's fixture question/format/aiken/tests/fixtures/aiken_errors.txt
    result = parse("Qui ?\nA)Correct\nB.Faux\nC) Autre\nANSWER: A\n", "aiken")
    assert result.errors == [], [str(e) for e in result.errors]
    assert [(a.text, a.fraction) for a in result.questions[0].answers] == [
        ("Correct", 1.0),
        ("Faux", 0.0),
        ("Autre", 0.0),
    ]


def test_aiken_writer_skips_other_types():
    qs = [
        QuestionData("mcq", "Q?", [Answer("a", 1.0), Answer("b", 0.0)]),
        QuestionData("truefalse", "T?", [Answer("true", 1.0), Answer("false", 0.0)]),
    ]
    result = dump(qs, "aiken")
    assert result.text == "Q?\nA. a\nB. b\nANSWER: A\n"
    assert result.skipped == [
        (1, "Aiken ne contient que des QCM à une bonne réponse, pas truefalse")
    ]


# --- CSV ---------------------------------------------------------------------
def test_csv_semicolon_with_bom_and_quoted_newline():
    result = load((DATA / "sample_semicolon_bom.csv").read_bytes(), "sample.csv")
    assert result.errors == [], [str(e) for e in result.errors]
    types = [q.type for q in result.questions]
    assert types == ["mcq", "multi", "truefalse", "short", "numeric", "matching", "cloze", "essay"]
    mcq, multi, tf, short, num, match, cloze, essay = result.questions
    assert mcq.stem == "Quelle est la capitale\nde la Belgique ?"
    assert (mcq.title, mcq.category, mcq.tags) == ("Capitale", "Europe", ["geo", "ue"])
    assert [(a.text, a.fraction, a.feedback) for a in mcq.answers] == [
        ("Bruxelles", 1.0, "Oui"),
        ("Paris", 0.0, "Non"),
        ("Lyon", 0.0, ""),
    ]
    assert mcq.explanation == "Le siège des institutions."
    assert [a.fraction for a in multi.answers] == [0.5, 0.5, -1.0]
    assert tf.answers == [Answer("true", 1.0, "Exact"), Answer("false", 0.0, "Non, 1957")]
    assert [(a.text, a.fraction) for a in short.answers] == [("Paris", 1.0), ("paris", 0.5)]
    assert (num.answers, num.options) == ([Answer("435", 1.0, "", 15.0)], {"unit": "km"})
    assert match.pairs == [("Parlement", "Strasbourg"), ("Commission", "Bruxelles"), ("", "Genève")]
    assert cloze.stem == "La capitale est {1} ({2})."
    assert cloze.blanks[1] == Blank("numeric", [Answer("1147", 1.0, "", 2.0)], 2.0)
    assert result.lines[:3] == [2, 4, 5]


def test_csv_answer_column_by_letter_number_or_text():
    text = (
        "type,stem,option_1,option_2,option_3,answer\n"
        "mcq,Q1,a,b,c,B\nmcq,Q2,a,b,c,3\nmcq,Q3,a,b,c,a\nmulti,Q4,a,b,c,1|3\n"
        "short,Q5,,,,Paris|paris\nnumeric,Q6,,,,3.5\n"
    )
    result = parse(text, "csv")
    assert result.errors == []
    right = [[a.text for a in q.answers if a.fraction > 0] for q in result.questions]
    assert right == [["b"], ["c"], ["a"], ["a", "c"], ["Paris", "paris"], ["3.5"]]
    assert [a.fraction for a in result.questions[3].answers] == [0.5, 0.0, 0.5]


def test_csv_missing_required_column():
    result = parse("type,title,option_1\nmcq,x,a\n", "csv", "q.csv")
    assert len(result.errors) == 1
    err = result.errors[0]
    assert (err.file, err.line) == ("q.csv", 1)
    assert "obligatoire(s) manquante(s) : stem" in err.message
    assert result.importable == []


def test_csv_collects_every_row_error():
    text = (
        "type,stem,option_1,option_2,fraction_1,fraction_2,answer\n"
        "mcq,ok,a,b,1,0,\n"
        "quiz,bad type,,,,,\n"
        'multi,"two\nlines",a,b,0.6,0.6,\n'
        "numeric,n,abc,,,,\n"
        "mcq,m,a,b,x,0,\n"
        "truefalse,t,,,,,peut-être\n"
    )
    result = parse(text, "csv")
    assert [(e.line, e.message.split(":")[0]) for e in result.errors] == [
        (3, "type inconnu 'quiz' ; types possibles "),
        (4, "question "),
        (6, "question "),
        (7, "fraction_1 "),
        (8, "answer "),
    ]
    assert "faire 1 au total" in result.errors[1].message
    assert "un nombre est attendu, pas 'abc'" in result.errors[2].message
    assert result.importable == []


def test_csv_writer_options_for_french_spreadsheets():
    qs = [QuestionData("mcq", "Q;1", [Answer("a", 1.0), Answer("b", 0.0)])]
    text = dump(qs, "csv", delimiter=";", bom=True).text
    assert text.startswith("\ufefftype;title;stem;")
    assert '"Q;1"' in text
    assert parse(text, "csv").questions == qs


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back():
    qs = [
        QuestionData(
            "mcq",
            '=HYPERLINK("http://x","cliquez")',
            [Answer("+33 1 23", 1.0), Answer("-le reste", 0.0), Answer("@moi", 0.0)],
            explanation="\t=1+1",
            tags=["-50"],
        )
    ]
    text = dump(qs, "csv").text
    rows = list(csv.reader(io.StringIO(text)))
    cells = [c for c in rows[1] if c]
    assert all(not c.startswith(("=", "+", "@", "\t")) for c in cells), cells
    assert "'=HYPERLINK" in text and "'+33 1 23" in text and "'-le reste" in text
    assert "-50" in cells  # a plain number stays a number
    assert parse(text, "csv").questions == qs


def test_csv_text_that_starts_like_a_neutralised_cell_is_read_back_as_it_was():
    qs = [QuestionData("mcq", "Signe ?", [Answer("'-", 1.0), Answer("'=", 0.0)])]
    assert parse(dump(qs, "csv").text, "csv").questions == qs


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv", "bank"])
def test_control_characters_refuse_the_whole_file_with_their_line(fmt):
    texts = {
        "gift": "::Q1:: Capitale ? {=Paris ~Lyon}\n\n::Q2:: Cap\x00itale ? {=Rome ~Milan}\n",
        "aiken": "Capitale ?\nA. Paris\nB. Lyon\nANSWER: A\n\nAutre\x01 ?\nA. Oui\nB. Non\nANSWER: A\n",
        "csv": "type,stem,answer\nshort,Capitale ?,Paris\nshort,Cap\x00itale ?,Rome\n",
        "bank": 'format: quizapp-bank\nversion: 1\nquestions:\n  - {type: essay, stem: "a\x00b"}\n',
    }
    line = {"gift": 3, "aiken": 6, "csv": 3, "bank": 4}[fmt]
    result = parse(texts[fmt], fmt, "f")
    assert result.importable == []
    assert result.errors[0].line == line and "U+00" in result.errors[0].message


# --- YAML bank ---------------------------------------------------------------
def test_bank_sample_keeps_everything():
    result = parse((DATA / "sample_bank.yaml").read_text("utf-8"), "bank", "sample_bank.yaml")
    assert result.errors == []
    assert result.bank_meta == {
        "name": "Sommet européen, novembre 2024",
        "tags": ["europe", "actualité"],
        "article": {
            "file": "sommet.txt",
            "title": "Le sommet de Bruxelles",
            "date": "2024-11-01",
            "language": "fr",
            "source": "Exemple",
            "attribution": "CC BY 4.0",
        },
    }
    q1, q2, q3 = result.questions
    assert q1.extra == {"id": "q01", "review_note": "vérifier la date"}
    assert (q1.kind, q1.status, q1.confidence) == ("meeting", "candidate", 0.82)
    assert q1.source == Source("Le sommet s'est tenu à Bruxelles.", 120, 154)
    assert q2.answers == [Answer("1957", 1.0, "", 0.0)]
    assert q3.blanks[0].answers[1] == Answer("moscow", 0.5)
    assert result.lines == [7, 20, 28]


def test_bank_dump_is_readable_and_round_trips():
    q = QuestionData(
        "mcq",
        "Où ?\nPrécisez.",
        [Answer("Bruxelles"), Answer("Paris", 0.0)],
        kind="meeting",
        source=Source("Le sommet…", 3, 13),
        confidence=0.5,
        status="candidate",
        extra={"id": "q01", "review_note": "ok", "x": 1},
    )
    text = dump(
        [q], "bank", name="Sommet", tags=["ue"], article={"file": "a.txt", "date": "2024-11-01"}
    ).text
    doc = yaml.safe_load(text)
    assert list(doc) == ["format", "version", "name", "tags", "article", "questions"]
    assert list(doc["questions"][0])[:3] == ["id", "review_note", "type"]
    assert doc["questions"][0]["answers"] == [
        {"text": "Bruxelles"},
        {"text": "Paris", "fraction": 0.0},
    ]
    assert "pairs" not in doc["questions"][0]  # defaults left out
    assert "date: 2024-11-01\n" in text and "stem: |-\n" in text
    again = parse(text, "bank")
    assert again.questions == [q]
    assert again.bank_meta["article"] == {"file": "a.txt", "date": "2024-11-01"}


@pytest.mark.parametrize(
    "text, line, words",
    [
        (
            "format: quizapp-bank\nversion: 1\nquestions:\n  - type: mcq\n    stem: [unclosed\n",
            6,
            "YAML invalide",
        ),
        ("name: x\nquestions: []\n", 1, "format: quizapp-bank"),
        ("format: quizapp-bank\nversion: 2\n", 1, "plus récente de quizapp"),
        (
            "format: quizapp-bank\nversion: 1\nquestions:\n  - type: essay\n    stem: s\n"
            "  - type: short\n    stme: typo\n",
            6,
            "champ(s) inconnu(s) stme",
        ),
        (
            "format: quizapp-bank\nversion: 1\nquestions:\n  - {id: a, type: essay, stem: s}\n"
            "  - {id: a, type: essay, stem: t}\n",
            5,
            "déjà pris",
        ),
        (
            "format: quizapp-bank\nversion: 1\nquestions:\n\n  - type: numeric\n    stem: s\n"
            "    answers: [{text: trois}]\n",
            5,
            "un nombre est attendu",
        ),
    ],
)
def test_bank_errors_have_lines(text, line, words):
    result = parse(text, "bank", "b.yaml")
    assert result.errors and result.importable == []
    assert result.errors[0].line == line, str(result.errors[0])
    assert words in result.errors[0].message


def test_bank_refuses_python_tags():
    text = "format: quizapp-bank\nversion: 1\nname: !!python/object/apply:os.system [ls]\n"
    result = parse(text, "bank")
    assert result.errors and "YAML invalide" in result.errors[0].message


def _alias_bomb(depth: int = 8) -> str:
    lines = ["format: quizapp-bank", "version: 1", 'a0: &a0 ["lol", "lol", "lol", "lol"]']
    for i in range(1, depth + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 8) + "]")
    lines.append(f"tags: *a{depth}")
    lines.append(f"questions: [{{type: essay, stem: *a{depth}}}]")
    return "\n".join(lines) + "\n"


def test_bank_refuses_yaml_aliases_before_expanding_them():
    text = _alias_bomb()
    assert len(text) < 700  # 4 × 8**8 ≈ 67 million strings once expanded
    result = parse(text, "bank", "bomb.yaml")
    assert result.questions == [] and len(result.errors) == 1
    error = result.errors[0]
    assert "alias" in error.message and error.line == 3
    assert len(str(error)) < 300


def test_bank_errors_show_a_long_value_cut_short():
    text = (
        "format: quizapp-bank\nversion: 1\nquestions:\n  - type: essay\n    stem: ["
        + ("x, " * 5000)
        + "y]\n"
    )
    result = parse(text, "bank", "long.yaml")
    assert result.errors and "du texte est attendu" in result.errors[0].message
    assert len(result.errors[0].message) < 300


def test_the_examples_in_the_documentation_parse():
    import re

    doc = (Path(__file__).parents[1] / "docs" / "formats.md").read_text("utf-8")
    for fmt, lang in (("csv", "csv"), ("bank", "yaml")):
        example = re.search(rf"```{lang}\n(.*?)```", doc, re.S).group(1)
        result = parse(example, fmt)
        assert result.errors == [] and result.questions, fmt


def test_bank_writes_extra_values_yaml_cannot_hold_as_is():
    q = QuestionData("essay", "Q", extra={"pair": ("a", "b"), "set": {2, 1}, "path": Path("x")})
    back = parse(dump([q], "bank").text, "bank").questions[0]
    assert back.extra == {"pair": ["a", "b"], "set": [1, 2], "path": "x"}


def test_bank_reads_what_the_generator_writes():
    """The generator writes bank files itself (quizapp.generation.output)."""
    import datetime as dt
    from types import SimpleNamespace

    from quizapp.generation.output import to_yaml

    q = QuestionData(
        "mcq",
        "Où ?",
        [Answer("Bruxelles"), Answer("Paris", 0.0)],
        kind="meeting",
        source=Source("Le sommet a eu lieu à Bruxelles.", 0, 31),
        confidence=0.7,
        status="candidate",
    )
    article = SimpleNamespace(title="Sommet", date=dt.date(2024, 11, 1), language="fr")
    text = to_yaml(SimpleNamespace(article=article, questions=[q]), file="sommet.txt")
    result = parse(text, "bank", "sommet.yaml")
    assert result.errors == []
    assert result.questions[0].source == q.source
    assert result.questions[0].extra == {"id": "q01"}
    assert result.bank_meta["article"]["date"] == "2024-11-01"
