"""parse(dump(bank)) == bank, for every format, on the fields that format carries."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.domain.questiondata import Answer, Blank, QuestionData, Source
from quizapp.formats import dump, parse, validate
from quizapp.formats.base import fmt_num

# Every character the formats treat specially, plus accents and a new line.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 éèàçÉœ’«»-.,;!?'\""
    "()~=#{}:\\[]%/<>&*_$\t\n"
)
SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def text(alphabet: str = ALPHABET, max_size: int = 25) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def maybe(s: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), s)


CLOZE_TEXT = ALPHABET.replace("&", "").replace("{", "").replace("}", "")
PARTIAL = st.sampled_from([0.0, 0.5, 0.25, 0.3333333, -0.5, -1.0])
NUMBER = st.one_of(
    st.integers(-5000, 5000).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: fmt_num(round(x, 4))),
)
TOLERANCE = st.sampled_from([0.0, 0.5, 2.0, 0.01, 15.0])


@st.composite
def choice_answers(draw, single: bool, alphabet: str = ALPHABET) -> list[Answer]:
    n = draw(st.integers(2, 5))
    texts = draw(st.lists(text(alphabet), min_size=n, max_size=n, unique=True))
    if single:
        right = draw(st.integers(0, n - 1))
        fractions = [1.0 if i == right else draw(PARTIAL) for i in range(n)]
    else:
        k = draw(st.integers(1, n))
        share = round(1 / k, 7)
        fractions = [share if i < k else draw(st.sampled_from([0.0, -0.5, -1.0])) for i in range(n)]
        fractions = draw(st.permutations(fractions))
    return [
        Answer(t, f, draw(maybe(text(alphabet)))) for t, f in zip(texts, fractions, strict=True)
    ]


@st.composite
def open_answers(draw, numeric: bool, alphabet: str = ALPHABET) -> list[Answer]:
    n = draw(st.integers(1, 3))
    out = []
    for i in range(n):
        fraction = 1.0 if i == 0 else draw(st.sampled_from([1.0, 0.5, 0.25]))
        value = draw(NUMBER) if numeric else draw(text(alphabet))
        out.append(
            Answer(
                value, fraction, draw(maybe(text(alphabet))), draw(TOLERANCE) if numeric else 0.0
            )
        )
    if numeric and draw(st.booleans()):
        out.append(Answer("*", 0.0, draw(maybe(text(alphabet)))))
    return out


@st.composite
def blank(draw) -> Blank:
    btype = draw(st.sampled_from(["short", "mcq", "numeric"]))
    if btype == "mcq":
        answers = draw(choice_answers(True, CLOZE_TEXT))
    else:
        answers = draw(open_answers(btype == "numeric", CLOZE_TEXT))
    return Blank(btype, answers, draw(st.sampled_from([1.0, 2.0, 3.0])))


@st.composite
def question(draw, types: tuple[str, ...]) -> QuestionData:
    qtype = draw(st.sampled_from(types))
    q = QuestionData(
        type=qtype,
        stem=draw(text(max_size=60)),
        title=draw(maybe(text())),
        explanation=draw(maybe(text())),
        tags=draw(st.lists(text(ALPHABET.replace("\n", "")), max_size=2)),
        category=draw(st.sampled_from(["Europe", "Europe/Dates", "$course$/top/Histoire"])),
        text_format=draw(st.sampled_from(["plain", "html", "markdown", "moodle"])),
    )
    if qtype in ("mcq", "multi"):
        q.answers = draw(choice_answers(qtype == "mcq"))
    elif qtype == "truefalse":
        right = draw(st.booleans())
        q.answers = [
            Answer("true", 1.0 if right else 0.0, draw(maybe(text()))),
            Answer("false", 0.0 if right else 1.0, draw(maybe(text()))),
        ]
    elif qtype in ("short", "numeric"):
        q.answers = draw(open_answers(qtype == "numeric"))
        if qtype == "numeric" and draw(st.booleans()):
            q.options["unit"] = draw(st.sampled_from(["km", "m²", "€"]))
        if qtype == "short" and draw(st.booleans()):
            q.options["case_sensitive"] = True
    elif qtype == "matching":
        n = draw(st.integers(2, 4))
        prompts = draw(st.lists(text(), min_size=n, max_size=n, unique=True))
        q.pairs = [(p, draw(text())) for p in prompts]
        if draw(st.booleans()):
            q.pairs.append(("", draw(text())))
    elif qtype == "cloze":
        blanks = draw(st.lists(blank(), min_size=1, max_size=3))
        segments = draw(
            st.lists(maybe(text(CLOZE_TEXT)), min_size=len(blanks) + 1, max_size=len(blanks) + 1)
        )
        q.blanks = blanks
        q.stem = segments[0] + "".join(f"{{{i}}}{s}" for i, s in enumerate(segments[1:], 1))
    if draw(st.booleans()):
        q.extra["idnumber"] = draw(text(ALPHABET.replace("\n", "")))
    assert validate(q) == [], (q, validate(q))
    return q


def bank(types: tuple[str, ...]) -> st.SearchStrategy[list[QuestionData]]:
    return st.lists(question(types), min_size=1, max_size=6)


def _answers(q: QuestionData) -> list[tuple]:
    return [(a.text, a.fraction, a.feedback, a.tolerance) for a in q.answers]


def carried(q: QuestionData, fmt: str) -> dict[str, Any]:
    """The fields a format keeps, as it keeps them."""
    d: dict[str, Any] = {
        "type": q.type,
        "stem": q.stem,
        "answers": _answers(q),
        "pairs": q.pairs,
        "explanation": q.explanation,
        "tags": q.tags,
        "category": q.category,
    }
    if fmt == "gift":
        d.update(title=q.title, text_format=q.text_format, id=q.extra.get("idnumber"))
        if q.type == "description":
            d["explanation"] = ""
    elif fmt == "moodle_xml":
        d.update(
            title=q.title,
            text_format=q.text_format,
            id=q.extra.get("idnumber"),
            blanks=q.blanks,
            options=q.options,
            mark=q.default_mark,
            penalty=q.penalty,
        )
    elif fmt == "csv":
        d.update(title=q.title, blanks=q.blanks, unit=q.options.get("unit"))
    return d


def gift_can_write(q: QuestionData) -> bool:
    return not (
        q.type == "short"
        and ("->" in q.explanation or any("->" in a.text + a.feedback for a in q.answers))
        or q.type == "matching"
        and any("->" in p for p, _ in q.pairs)
    )


def check(questions: list[QuestionData], fmt: str, **meta) -> None:
    out = dump(questions, fmt, **meta)
    skipped = {i for i, _ in out.skipped}
    if len(skipped) == len(questions):
        assert "{" not in out.text  # nothing but, at most, a header
        return
    result = parse(out.text, fmt, "roundtrip")
    assert result.errors == [], ([str(e) for e in result.errors], out.text)
    kept = [q for i, q in enumerate(questions) if i not in skipped]
    assert [carried(q, fmt) for q in result.questions] == [carried(q, fmt) for q in kept], out.text


GIFT_TYPES = ("mcq", "multi", "truefalse", "short", "numeric", "matching", "essay", "description")
ALL_TYPES = GIFT_TYPES + ("cloze",)


@SETTINGS
@given(bank(GIFT_TYPES))
def test_gift_round_trip(questions):
    out = dump(questions, "gift")
    assert {i for i, _ in out.skipped} == {
        i for i, q in enumerate(questions) if not gift_can_write(q)
    }
    check(questions, "gift")


@SETTINGS
@given(bank(ALL_TYPES), st.sampled_from([0.0, 0.3333333, 1.0]), st.sampled_from([1.0, 2.5]))
def test_moodle_xml_round_trip(questions, penalty, mark):
    for q in questions:
        q.title = q.title or "Sans titre"  # Moodle needs a name; the writer makes one up
        q.penalty, q.default_mark = penalty, mark
        if q.type == "cloze":
            q.text_format = "html"
    check(questions, "moodle_xml")


@SETTINGS
@given(bank(ALL_TYPES), st.sampled_from([",", ";"]), st.booleans())
def test_csv_round_trip(questions, delimiter, bom):
    check(questions, "csv", delimiter=delimiter, bom=bom)


def aiken_view(q: QuestionData) -> tuple:
    return (q.stem, [a.text for a in q.answers], [a.fraction for a in q.answers])


@SETTINGS
@given(st.lists(question(("mcq",)), min_size=1, max_size=6))
def test_aiken_round_trip(questions):
    for q in questions:
        q.stem = " ".join(q.stem.split())  # Aiken is one line per thing (of 2+ characters)
        for a in q.answers:
            a.text = " ".join(a.text.split())
            a.fraction = 1.0 if a.fraction == 1.0 else 0.0
    out = dump(questions, "aiken")
    skipped = {i for i, _ in out.skipped}
    if len(skipped) == len(questions):
        return
    result = parse(out.text, "aiken")
    assert result.errors == []
    assert [aiken_view(q) for q in result.questions] == [
        aiken_view(q) for i, q in enumerate(questions) if i not in skipped
    ]


ANY_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co"), blacklist_characters="\x85\ufeff"
    )
    | st.sampled_from("\n\t "),
    max_size=40,
)


@SETTINGS
@given(
    bank(ALL_TYPES),
    ANY_TEXT,
    ANY_TEXT,
    st.one_of(st.none(), st.floats(0, 1)),
    st.sampled_from(["candidate", "accepted"]),
)
def test_bank_round_trip_keeps_everything(questions, kind, note, confidence, status):
    for i, q in enumerate(questions):
        q.kind, q.confidence, q.status = kind, confidence, status
        q.source = Source(note or "phrase", i, i + 10)
        q.extra.update(id=f"q{i:02d}", review_note=note, score=[1, 2.5, None])
    meta = {
        "name": "Sommet",
        "tags": ["ue"],
        "article": {"file": "a.txt", "date": "2024-11-01", "language": "fr"},
    }
    out = dump(questions, "bank", **meta)
    result = parse(out.text, "bank")
    assert result.errors == [], [str(e) for e in result.errors]
    assert result.questions == questions
    assert result.bank_meta == meta


@SETTINGS
@given(st.lists(question(("short",)), min_size=1, max_size=3), ANY_TEXT)
def test_bank_keeps_any_text(questions, stem):
    questions[0].stem = stem.strip() or "x"
    assert parse(dump(questions, "bank").text, "bank").questions == questions


# --- no input makes a parser crash ------------------------------------------
NOISE = st.lists(
    st.sampled_from(
        list(ALPHABET + "|,;\r<>?!/ABCDE")
        + [
            "{1:SA:",
            "{2:MC:",
            "{:NM:",
            "ANSWER: ",
            "A. ",
            "B) ",
            "::",
            "$CATEGORY:",
            "//",
            "####",
            "->",
            "%50%",
            "\\",
            "<quiz>",
            "<question type='cloze'>",
            "<questiontext><text>",
            "</text>",
            "</questiontext>",
            "</question>",
            "</quiz>",
            "<![CDATA[",
            "]]>",
            "format: quizapp-bank\n",
            "version: 1\n",
            "questions:\n",
            "  - type: mcq\n",
            "    stem: ",
            "type,stem,option_1\n",
            "\n\n",
            "\n",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["gift", "moodle_xml", "aiken", "csv", "bank"]), NOISE)
def test_no_input_makes_a_parser_crash(fmt, text):
    result = parse(text, fmt, "noise")
    assert result.ok or result.importable == []


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["q.gift", "q.xml", "q.csv", "q.yaml", "q.txt"]))
def test_no_upload_makes_load_crash(data, name):
    from quizapp.formats import load

    load(data, name)
