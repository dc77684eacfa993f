"""How good the generated banks are: key-fact coverage, agreement with PIAF's human
questions, and the share of questions a teacher found usable as is.

Run with ``pytest -s tests/test_generation_eval.py`` to see the figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from quizapp.generation import GenerationError, generate, generate_many, load_article
from quizapp.generation.evaluation import coverage, human_answer_asked, review_stats

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
KEYFACTS = yaml.safe_load((EVAL / "keyfacts.yaml").read_text(encoding="utf-8"))["articles"]
VERDICTS = yaml.safe_load((EVAL / "verdicts.yaml").read_text(encoding="utf-8"))["articles"]
#: Coverage floors actually reached (seed: every fact).
FLOORS = {
    "moscou-pyongyang-2024-11-01": 1.0,
    "2017-03-25-traite-de-rome": 0.5,
    "2016-01-31-donbass": 0.5,
}


@pytest.fixture(scope="module")
def banks():
    out = {}
    for name, spec in KEYFACTS.items():
        text, title, date = load_article(ROOT / spec["file"])
        out[name] = generate(text, title=title, date=date).questions
    return out


@pytest.mark.parametrize("name", list(KEYFACTS))
def test_key_fact_coverage(banks, name):
    facts = KEYFACTS[name]["facts"]
    covered, missed = coverage(facts, banks[name])
    print(
        f"\n{name}: {covered}/{len(facts)} key facts covered ({covered / len(facts):.0%}); missed: {missed}"
    )
    assert covered / len(facts) >= FLOORS[name]


def test_piaf_human_answers_also_asked():
    data = json.loads((EVAL / "piaf-dev.json").read_text(encoding="utf-8"))["data"]
    try:
        results = generate_many([(p["context"], None, None) for p in data])
    except GenerationError:  # one bad paragraph: fall back to one at a time
        results = []
        for p in data:
            try:
                results.append(generate(p["context"]))
            except GenerationError:
                results.append(None)
    total = hit = 0
    for p, r in zip(data, results, strict=True):
        qs = r.questions if r else []
        for qa in p["qas"]:
            total += 1
            hit += human_answer_asked(qa["answer"], qs)
    print(
        f"\nPIAF: {hit}/{total} human answers ({hit / total:.0%}) are also answers of generated questions"
    )
    assert hit / total >= 0.2


def test_reviewed_usable_share(banks):
    lines, top_all, all_all = [], [0, 0], [0, 0]
    for name, questions in banks.items():
        top = review_stats(questions[:20], VERDICTS[name])
        every = review_stats(questions, VERDICTS[name])
        assert not every.missing, (
            f"{name}: questions without a verdict (read them, then add them): {every.missing}"
        )
        lines.append(
            f"{name}: top 20 usable {top.usable}/{top.total} ({top.share:.0%}); "
            f"all {every.usable}/{every.total} ({every.share:.0%}), edit {every.edit}, reject {every.reject}"
        )
        top_all[0] += top.usable
        top_all[1] += top.total
        all_all[0] += every.usable
        all_all[1] += every.total
        assert top.share >= 0.9, lines[-1]
    lines.append(
        f"overall: top 20 usable {top_all[0]}/{top_all[1]} ({top_all[0] / top_all[1]:.0%}); "
        f"all {all_all[0]}/{all_all[1]} ({all_all[0] / all_all[1]:.0%})"
    )
    print("\n" + "\n".join(lines))


def test_a_verdict_is_for_the_whole_question_not_its_stem():
    from quizapp.domain.questiondata import Answer, QuestionData
    from quizapp.generation.evaluation import verdict_key

    def quote(speaker: str) -> QuestionData:
        others = [n for n in ("Choe Son Hui", "Sergueï Lavrov", "Antony Blinken") if n != speaker]
        answers = [Answer(speaker, 1.0)] + [Answer(n, 0.0) for n in others]
        return QuestionData(type="mcq", stem="Qui a déclaré : « … » ?", answers=answers)

    read = quote("Choe Son Hui")
    verdicts = [
        {
            **dict(zip(("type", "stem"), verdict_key(read)[:2], strict=True)),
            "options": list(verdict_key(read)[2]),
            "answers": ["Choe Son Hui"],
            "verdict": "usable",
        }
    ]
    assert review_stats([read], verdicts).usable == 1
    read.answers.reverse()  # the same question with its options in another order
    assert review_stats([read], verdicts).usable == 1
    changed = quote("Sergueï Lavrov")  # same stem and options, another key: read it again
    assert review_stats([changed], verdicts).missing == ["Qui a déclaré : « … » ? → Sergueï Lavrov"]
