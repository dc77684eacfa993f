"""The question generator: API, input checks, cleaning, dates, figures, CLI and per-question quality."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.domain.questiondata import Answer, QuestionData
from quizapp.generation import GenerationError, generate, load_article, to_json_dict, to_yaml
from quizapp.generation.cli import generate_command
from quizapp.generation.dates import find_dates
from quizapp.generation.distractors import distinct
from quizapp.generation.figures import find_figures
from quizapp.generation.text import clean_text, fold, split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "questions" / "moscou-pyongyang-2024-11-01.txt"
EVAL = ROOT / "tests" / "data" / "eval"
ARTICLES = [SEED, EVAL / "2017-03-25-traite-de-rome.txt", EVAL / "2016-01-31-donbass.txt"]


@pytest.fixture(scope="module")
def results():
    """Each article generated once for the whole module (the model loads once per process)."""
    out = {}
    for path in ARTICLES:
        text, title, date = load_article(path)
        out[path.stem] = generate(text, title=title, date=date)
    return out


@pytest.fixture(scope="module")
def seed(results):
    return results[SEED.stem]


# --- input checks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "vide"),
        ("   \n\t  ", "vide"),
        ("\x00\x01\x02binary" * 10, "binaire"),
        ("x" * (200 * 1024 + 1), "trop"),
    ],
)
def test_bad_input_raises_a_readable_error(text, message):
    with pytest.raises(GenerationError) as err:
        generate(text)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_english_text_names_the_detected_language():
    text = (
        "The foreign minister met her counterpart in Moscow on Friday and said that her country "
        "would stand by Russia until its victory in Ukraine, according to officials."
    )
    with pytest.raises(GenerationError, match=r"pas en français \(langue détectée : en\)"):
        generate(text)


def test_oversized_and_binary_files(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (200 * 1024 + 10))
    with pytest.raises(GenerationError, match="trop gros"):
        load_article(big)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(GenerationError, match="binaire"):
        load_article(binary)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text):
    try:
        result = generate(text)
    except GenerationError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        for q in result.questions:
            assert result.article.text[q.source.start : q.source.end] == q.source.sentence


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=200))
def test_arbitrary_unicode_inside_french_text(noise):
    base = SEED.read_text(encoding="utf-8")
    try:
        result = generate(base[:1500] + noise + base[1500:3000], date=dt.date(2024, 11, 1))
    except GenerationError:
        return
    for q in result.questions:
        assert result.article.text[q.source.start : q.source.end] == q.source.sentence


_WORDS = SEED.read_text(encoding="utf-8").split() + [
    "«",
    "»",
    "\u00a0",
    "l'",
    "10 000",
    "1er",
    "juin",
    "dernier",
    ",",
    ".",
    "\n\n",
    "’",
    "environ",
    "dont",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=120).map(" ".join))
def test_shuffled_french_words_never_crash(text):
    try:
        result = generate(text, date=dt.date(2024, 11, 1))
    except GenerationError:
        return
    for q in result.questions:
        assert result.article.text[q.source.start : q.source.end] == q.source.sentence


def test_importing_the_package_loads_no_model():
    code = (
        "import sys, quizapp.generation; "
        "assert 'spacy' not in sys.modules, 'spacy imported'; "
        "import quizapp.generation.cli; assert 'spacy' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --- cleaning, sentences, dates, figures ---------------------------------------


def test_cleaning_normalises_typography_and_scraping_leftovers():
    raw = "Titre\n\nEntrevue 1\n\nL\u2019UE a dit\u00a0: \u201cnon\u201d. Le conflit du Donbass .\nl' UE , ok\n\nThumbnail"
    text = clean_text(raw)
    assert "Entrevue" not in text and "Thumbnail" not in text
    assert "L'UE a dit : « non »." in text
    assert "Donbass." in text and "l'UE, ok" in text
    assert "\u2019" not in text and "\u00a0" not in text


def test_sentences_keep_quotations_whole_and_index_the_text():
    text = clean_text(SEED.read_text(encoding="utf-8"))
    sents = split_sentences(text)
    for s in sents:
        assert text[s.start : s.end] == s.text
    quote = next(s for s in sents if "Il n'y a pas de doute" in s.text)
    assert quote.text.startswith("Lors d'une rencontre") and quote.text.endswith("Ukraine. »")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ce vendredi 1er novembre 2024, la ministre", "le 1er novembre 2024"),
        ("lors de la visite en juin dernier.", "en juin 2024"),
        ("a perdu du terrain depuis août.", "en août 2024"),
        ("le début de l'invasion en février 2022.", "en février 2022"),
        ("La FIDH a lancé hier une campagne", "le 31 octobre 2024"),
        ("a annoncé ce vendredi", "le 1er novembre 2024"),
        ("a été reçu mardi par le ministre", "le 29 octobre 2024"),
        ("a annoncé lundi sa décision", "le 28 octobre 2024"),  # Friday's article: 4 days before
        ("a signé jeudi", "le 31 octobre 2024"),
        ("a annoncé ce même lundi qu'il partira", "le 28 octobre 2024"),
        ("sera reçu lundi prochain", "le 4 novembre 2024"),
        ("comme le mois dernier", "en octobre 2024"),
        ("avant la fin de cette année", "en 2024"),
    ],
)
def test_dates_are_resolved_against_the_article_date(text, expected):
    found = find_dates(text, dt.date(2024, 11, 1))
    assert [d.value.text() for d in found] == [expected]


def test_a_weekday_that_contradicts_the_date_is_not_moved():
    # 29 October 2024 is a Tuesday: « mercredi 29 » names no day near 1 November 2024.
    assert find_dates("le Brexit, qui sera lancé mercredi 29,", dt.date(2024, 11, 1)) == []
    # 3 March 2024 was a Sunday, 3 March 2025 a Monday: the weekday says which year.
    assert [d.value.text() for d in find_dates("lundi 3 mars", dt.date(2024, 11, 1))] == [
        "le 3 mars 2025"
    ]
    found = find_dates("le Brexit, qui sera lancé mercredi 29,", dt.date(2017, 3, 25))
    assert [d.value.text() for d in found] == ["le 29 mars 2017"]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        (
            "Quand l'association a-t-elle lancé hier une campagne ?",
            "Quand l'association a-t-elle lancé le 7 décembre 2016 une campagne ?",
        ),
        ("Le juge a statué jeudi 8 décembre.", "Le juge a statué le 8 décembre 2016."),
        ("Ce mardi, le vote a eu lieu.", "Le 6 décembre 2016, le vote a eu lieu."),
        ("Il est en poste depuis le 3 décembre.", "Il est en poste depuis le 3 décembre 2016."),
        ("Le 8 décembre 2016, rien.", "Le 8 décembre 2016, rien."),
        ("Il a dit : « hier encore, rien ».", "Il a dit : « hier encore, rien »."),
    ],
)
def test_stems_name_relative_days_in_full(stem, expected):
    from quizapp.generation.dates import absolute_dates

    assert absolute_dates(stem, dt.date(2016, 12, 8)) == expected
    assert absolute_dates(stem, None) == stem  # without the article's date, nothing to say


def test_figures_keep_hedges_and_units():
    text = "environ 10 000 soldats nord-coréens ont pénétré en Russie, dont jusqu'à 8 000 seraient déployés"
    figs = find_figures(text)
    assert [(f.hedge, f.value) for f in figs] == [("environ", 10000.0), ("jusqu'à", 8000.0)]
    assert figs[0].unit == "soldats nord-coréens" and figs[0].tolerance == 1000.0


def test_number_words_are_read():
    assert [f.value for f in find_figures("vingt-sept pays et trois langues")] == [27.0, 3.0]


def test_fold_ignores_case_accents_and_articles():
    assert fold("la Corée du Nord") == fold("Corée du nord") == fold("COREE DU NORD")
    assert fold("l'Ukraine") == fold("Ukraine")


# --- the seed article ---------------------------------------------------------


def test_result_shape(seed):
    assert seed.article.language == "fr"
    assert seed.article.date == dt.date(2024, 11, 1)
    assert seed.article.title.startswith("Moscou et Pyongyang")
    assert all(isinstance(q, QuestionData) for q in seed.questions)
    conf = [q.confidence for q in seed.questions]
    assert conf == sorted(conf, reverse=True) and all(0 <= c <= 1 for c in conf)
    assert {q.kind for q in seed.questions} >= {
        "meeting",
        "quote",
        "figure",
        "date",
        "role",
        "position",
        "truefalse",
        "cloze",
    }
    assert {q.type for q in seed.questions} >= {"mcq", "numeric", "truefalse", "cloze"}


def test_seed_asks_who_met_whom_where_and_when(seed):
    q = next(q for q in seed.questions if q.kind == "meeting" and q.stem.startswith("Qui"))
    assert q.stem == "Qui Choe Son Hui a-t-elle rencontré à Moscou le 1er novembre 2024 ?"
    assert q.correct_answers == ["Sergueï Lavrov"]


def test_seed_figures_have_tolerance_and_mcq_variant(seed):
    figures = [q for q in seed.questions if q.kind == "figure"]
    numeric = next(q for q in figures if q.type == "numeric" and "environ" in q.stem)
    assert numeric.answers[0].text == "10000" and numeric.answers[0].tolerance > 0
    mcq = next(q for q in figures if q.type == "mcq" and "environ" in q.stem)
    assert mcq.correct_answers == ["10 000"]
    assert any("jusqu'à combien" in q.stem and q.correct_answers == ["8 000"] for q in figures)


def test_max_questions_keeps_the_best(seed):
    text, title, date = load_article(SEED)
    top = generate(text, title=title, date=date, max_questions=5).questions
    assert [q.stem for q in top] == [q.stem for q in seed.questions[:5]]


def test_json_and_yaml_output(seed):
    data = to_json_dict(seed)
    assert data["article"] == {"title": seed.article.title, "date": "2024-11-01", "language": "fr"}
    first = data["questions"][0]
    assert set(first) == {
        "type",
        "kind",
        "stem",
        "choices",
        "answers",
        "source",
        "explanation",
        "confidence",
    }
    json.dumps(data, ensure_ascii=False)
    bank = yaml.safe_load(to_yaml(seed, file=SEED.name))
    assert bank["format"] == "quizapp-bank" and bank["version"] == 1
    assert bank["questions"][0]["id"] == "q01"
    back = QuestionData.from_dict({k: v for k, v in bank["questions"][0].items() if k != "id"})
    assert back.stem == seed.questions[0].stem


# --- quality of every generated question (seed + dev articles) -----------------


def _all(results):
    return [(name, q, r.article.text) for name, r in results.items() for q in r.questions]


def test_every_question_is_grounded_in_its_sentence(results):
    for _name, q, text in _all(results):
        assert q.source is not None
        assert text[q.source.start : q.source.end] == q.source.sentence
        assert q.explanation and "«" in q.explanation
        assert q.status == "candidate" and q.kind and q.tags


def test_stems_end_with_a_question_mark(results):
    for _name, q, _ in _all(results):
        if q.type not in ("cloze", "truefalse"):
            assert q.stem.endswith("?"), q.stem
        if q.type == "cloze":
            assert "{1}" in q.stem and q.blanks


def test_answer_not_given_away_by_the_stem(results):
    for _name, q, _ in _all(results):
        if q.type == "truefalse":
            continue
        for answer in q.correct_answers:
            assert fold(answer) not in fold(q.stem.replace("{1}", " ")), (q.stem, answer)


def test_choices_hold_the_answer_once_and_are_distinct(results):
    for _name, q, _ in _all(results):
        if q.type == "mcq":
            options = q.choices
        elif q.type == "cloze" and q.blanks[0].type == "mcq":
            options = [a.text for a in q.blanks[0].answers]
        else:
            continue
        answer = q.correct_answers[0]
        assert len(options) == 4, q.stem
        assert options.count(answer) == 1, q.stem
        assert distinct(options), (q.stem, options)


# --- the CLI ------------------------------------------------------------------


def test_cli_json(tmp_path):
    out = tmp_path / "bank.json"
    result = CliRunner().invoke(generate_command, [str(SEED), "-o", str(out), "--max", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["questions"]) == 3


def test_cli_yaml_several_files_with_progress():
    result = CliRunner().invoke(
        generate_command, [*map(str, ARTICLES[1:]), "--format", "yaml", "--max", "2"]
    )
    assert result.exit_code == 0, result.output
    docs = list(yaml.safe_load_all(result.stdout))
    assert len(docs) == 2 and all(d["format"] == "quizapp-bank" for d in docs)


def test_cli_bad_input_is_one_line_and_status_1(tmp_path):
    english = tmp_path / "en.txt"
    english.write_text(
        "The minister met her counterpart in Moscow on Friday and praised the very close "
        "contacts between the armed forces of both nations.",
        encoding="utf-8",
    )
    result = CliRunner().invoke(generate_command, [str(english)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "langue détectée : en" in lines[0]


def test_cli_missing_file_fails_cleanly(tmp_path):
    result = CliRunner().invoke(generate_command, [str(tmp_path / "absent.txt")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_reviewed_seed_bank_is_well_formed():
    path = ROOT / "questions" / "moscou-pyongyang-2024-11-01.bank.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert bank["format"] == "quizapp-bank" and bank["version"] == 1
    assert bank["article"]["file"] == SEED.name and bank["article"]["date"] == dt.date(2024, 11, 1)
    text, title, date = load_article(SEED)
    cleaned = generate(text, title=title, date=date, max_questions=1).article.text
    ids = [q["id"] for q in bank["questions"]]
    assert len(ids) == len(set(ids))
    for raw in bank["questions"]:
        q = QuestionData.from_dict({k: v for k, v in raw.items() if k not in ("id", "review_note")})
        assert q.status == "accepted"
        assert cleaned[q.source.start : q.source.end] == q.source.sentence
        if q.type == "mcq":
            assert len(q.correct_answers) == 1 and distinct(q.choices)


def test_load_html_keeps_the_article_and_drops_the_page(tmp_path):
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")[2:-1]
    html = (
        "<html><head><title>Moscou et Pyongyang affichent leur unité</title></head><body>"
        "<nav>Accueil | Monde | Contact</nav><article><h1>Moscou et Pyongyang affichent leur unité</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer>Mentions légales</footer></body></html>"
    )
    path = tmp_path / "2024-11-01-moscou.html"
    path.write_text(html, encoding="utf-8")
    text, title, date = load_article(path)
    assert title == "Moscou et Pyongyang affichent leur unité" and date == dt.date(2024, 11, 1)
    assert (
        text.lstrip().startswith("Ce vendredi") and "Accueil" not in text and "Mentions" not in text
    )
    assert generate(text, title=title, date=date).questions


def test_load_markdown(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "# Un titre\n\nLe **président** a parlé à [Paris](https://example.org) hier soir, "
        "devant des milliers de personnes réunies sur la place.\n",
        encoding="utf-8",
    )
    text, title, date = load_article(path)
    assert title == "Un titre" and date is None
    assert "président a parlé à Paris hier" in text


def test_distractors_are_never_aliases_of_the_answer(seed):
    for q in seed.questions:
        options = q.choices if q.type == "mcq" else []
        folded = [fold(o) for o in options]
        if "russie" in folded:
            assert "moscou" not in folded, q.stem  # the capital stands for the country
        if "coree du nord" in folded:
            assert "pyongyang" not in folded, q.stem


def test_the_right_option_takes_each_place_in_turn():
    from quizapp.generation.pipeline import place_keys

    def choice(i: int) -> QuestionData:
        answers = [Answer(f"juste {i}", 1.0)] + [Answer(f"faux {i}.{k}", 0.0) for k in range(3)]
        return QuestionData(type="mcq", stem=f"Question {i} ?", answers=answers)

    questions = [choice(i) for i in range(20)]
    place_keys(questions, "un article")
    places = [[a.fraction for a in q.answers].index(1.0) for q in questions]
    for start in range(0, 20, 4):  # each run of four puts the key once at each place
        assert sorted(places[start : start + 4]) == [0, 1, 2, 3]
    assert places != [0, 1, 2, 3] * 5  # and not in a fixed order a student could learn
    for i, q in enumerate(questions):  # the distractors keep their order around it
        assert [a.text for a in q.answers if a.fraction == 0.0] == [
            f"faux {i}.{k}" for k in range(3)
        ]


def test_a_figure_blank_is_answered_as_the_number_is_written():
    article = (
        "Le contrat\n\nLe montant du contrat signé par l'entreprise pourrait dépasser "
        "les 10 milliards de dollars, selon le ministre. L'usine emploiera 3 500 personnes.\n"
    )
    clozes = [
        q for q in generate(article, date=dt.date(2016, 1, 24)).questions if q.type == "cloze"
    ]
    # the blank holds the figure with what it counts, the number as the article writes
    # it: 10 milliards de dollars, never 10 000 000 000
    billions = [q for q in clozes if q.correct_answers == ["10 milliards de dollars"]]
    assert billions
    for q in billions:
        assert "les {1}, selon" in q.stem
        options = [a.text for a in q.blanks[0].answers]
        assert len(set(options)) == 4
        assert all(o.endswith(" milliards de dollars") for o in options)
