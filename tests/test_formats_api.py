"""The common API: decoding, limits, detection, validation, all-or-nothing."""

from __future__ import annotations

import io
import time

import pytest

from quizapp.domain.questiondata import Answer, Blank, QuestionData
from quizapp.formats import (
    FORMATS,
    MAX_UPLOAD_BYTES,
    FormatInputError,
    ImportFailed,
    decode_upload,
    detect_format,
    dump,
    load,
    parse,
    read_upload,
    validate,
)


def test_decode_utf8_with_and_without_bom():
    assert decode_upload("é".encode()) == "é"
    assert decode_upload(b"\xef\xbb\xbf" + "é".encode()) == "é"
    assert decode_upload("é".encode("utf-16")) == "é"


def test_xml_declaring_another_encoding_is_read_in_it():
    xml = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<quiz><question type="essay">'
        "<name><text>Été</text></name><questiontext><text>Écrivez.</text></questiontext>"
        "</question></quiz>"
    )
    result = load(xml.encode("latin-1"), "ete.xml")
    assert result.errors == [] and result.questions[0].title == "Été"


def test_a_bom_left_in_text_is_ignored():
    assert parse("\ufeff::Q1:: x {T}", "gift").questions[0].title == "Q1"


def test_wrong_encoding_says_where_and_what_to_do():
    data = "type,stem\nmcq,Où est-il ?\n".encode("latin-1")
    with pytest.raises(FormatInputError) as info:
        decode_upload(data, filename="q.csv")
    err = info.value.error
    assert (err.file, err.line, err.column) == ("q.csv", 2, 6)
    assert "pas en UTF-8 (octet 0xf9)" in err.message and "enregistrez-le" in err.message
    result = load(data, "q.csv")
    assert result.errors == [err] and result.importable == []


def test_fifty_megabytes_are_refused_quickly_without_reading_them_all():
    class Endless(io.RawIOBase):
        """A stream that would yield 50 MB; counts what was read."""

        def __init__(self):
            self.read_bytes = 0

        def readable(self):
            return True

        def read(self, n=-1):
            n = 50 * 1024 * 1024 if n is None or n < 0 else min(n, 50 * 1024 * 1024)
            self.read_bytes += n
            return b"{" * n

    stream = Endless()
    start = time.perf_counter()
    with pytest.raises(FormatInputError) as info:
        read_upload(stream, filename="big.gift")
    assert "dépasse 10.0 Mo" in info.value.error.message
    assert stream.read_bytes == MAX_UPLOAD_BYTES + 1

    big = b"::t:: x {" * (50 * 1024 * 1024 // 9)
    result = load(big, "big.gift")
    assert "dépasse 10.0 Mo" in result.errors[0].message
    assert parse(big.decode(), "gift").errors[0].message.startswith("le fichier dépasse")
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("text", ["", "  \n\n", "\ufeff"])
def test_empty_files(fmt, text):
    result = parse(text, fmt, "empty")
    assert len(result.errors) == 1 and result.errors[0].line == 1
    assert "vide" in result.errors[0].message
    assert result.importable == []


@pytest.mark.parametrize(
    "text",
    [
        "{" * 300_000,
        "\\" * 300_000,
        "%" * 300_000,
        "::" * 150_000,
        "~" * 300_000,
        "x {" + "~%" * 150_000 + "}",
        "x {#" + "=" * 300_000 + "}",
        "// " * 100_000,
        "{1:SA:" * 50_000,
        "{1:MC:" + "~" * 300_000,
        "A. x\n" * 60_000,
    ],
)
@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv", "moodle_xml"])
def test_pathological_inputs_never_hang(fmt, text):
    start = time.perf_counter()
    parse(text, fmt)
    assert time.perf_counter() - start < 2.5


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("a.gift", "", "gift"),
        ("a.xml", "", "moodle_xml"),
        ("a.csv", "", "csv"),
        ("a.yaml", "", "bank"),
        ("a.yml", "", "bank"),
        ("a.aiken", "", "aiken"),
        ("a.txt", "::T:: x {T}", "gift"),
        ("a.txt", "Q?\nA. a\nB. b\nANSWER: A", "aiken"),
        ("upload", "\ufeff<?xml version='1.0'?><quiz/>", "moodle_xml"),
        ("upload", "format: quizapp-bank\nversion: 1", "bank"),
        ("upload", "type;stem;option_1\n", "csv"),
        ("a.txt", "Combien font {a} + {b} ?\nA. 2\nB. 3\nANSWER: A", "aiken"),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(name, text) == expected


def test_detect_format_unknown_says_what_is_expected():
    with pytest.raises(FormatInputError) as info:
        detect_format("notes.txt", "Just some notes.")
    assert "GIFT (.gift), Moodle XML (.xml)" in info.value.error.message


def mcq(*fractions):
    return QuestionData("mcq", "Q?", [Answer(f"o{i}", f) for i, f in enumerate(fractions)])


@pytest.mark.parametrize(
    "q, words",
    [
        (mcq(1.0, 0.0), None),
        (mcq(1.0, 1.0, 0.0), None),  # as in Moodle: either right option scores full marks
        (mcq(0.5, 0.0), "au moins une bonne option"),
        (mcq(1.0), "au moins 2 options"),
        (QuestionData("multi", "Q", [Answer("a", 0.5), Answer("b", 0.5), Answer("c", -1)]), None),
        (
            QuestionData(
                "multi", "Q", [Answer("a", 0.333), Answer("b", 0.333), Answer("c", 0.333)]
            ),
            None,
        ),
        (QuestionData("multi", "Q", [Answer("a", 0.5), Answer("b", 0.3)]), "faire 1 au total"),
        (QuestionData("truefalse", "Q", [Answer("true", 1.0)]), "'true' puis 'false'"),
        (QuestionData("truefalse", "Q", [Answer("true", 1.0), Answer("false", 1.0)]), "vaut 1"),
        (QuestionData("short", "Q", [Answer("a", 0.5)]), "vaut 100 %"),
        (QuestionData("numeric", "Q", [Answer("trois")]), "un nombre est attendu, pas 'trois'"),
        (QuestionData("numeric", "Q", [Answer("3", tolerance=-1)]), "négative"),
        (QuestionData("numeric", "Q", [Answer("3"), Answer("*", 0.0)]), None),
        (QuestionData("matching", "Q", pairs=[("a", "b"), ("", "c")]), "au moins 2 paires"),
        (QuestionData("matching", "Q", pairs=[("a", "b"), ("c", "")]), "pas de correspondance"),
        (QuestionData("cloze", "{1} {2}", blanks=[Blank("short", [Answer("a")])]), "{1}..{1}"),
        (
            QuestionData(
                "cloze", "{1}", blanks=[Blank("mcq", [Answer("a", 0.0), Answer("b", 0.0)])]
            ),
            "trou {1} : il faut au moins une bonne option",
        ),
        (QuestionData("essay", "Write."), None),
        (QuestionData("description", "Read."), None),
        (QuestionData("description", "  "), "texte de la question est vide"),
        (QuestionData("quiz", "Q"), "type de question inconnu"),
        (QuestionData("essay", "Q", status="maybe"), "statut inconnu"),
        (QuestionData("essay", "Q", text_format="rtf"), "format de texte inconnu"),
        (QuestionData("essay", "Q", confidence=2.0), "entre 0 et 1"),
    ],
)
def test_validate(q, words):
    problems = validate(q)
    if words is None:
        assert problems == []
    else:
        assert any(words in p for p in problems), problems


def test_import_failed_lists_every_error():
    result = parse("A {#x}\n\nB {=a\n", "gift", "q.gift")
    failed = ImportFailed(result.errors)
    assert len(failed.errors) == 2
    assert "q.gift:1:3" in str(failed) and "q.gift:3:3" in str(failed)


def test_unscorable_types_are_kept():
    for fmt in ("gift", "moodle_xml", "csv", "bank"):
        qs = [
            QuestionData("essay", "Write.", title="e"),
            QuestionData("description", "Read.", title="d"),
        ]
        assert [q.type for q in parse(dump(qs, fmt).text, fmt).questions] == [
            "essay",
            "description",
        ]


def test_unknown_format_name():
    with pytest.raises(ValueError, match="expected one of gift"):
        parse("x", "word")
