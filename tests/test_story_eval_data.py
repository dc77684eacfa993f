"""Checks the hand-annotated evaluation data for story follow-ups.

The data lives in tests/data/stories: French Wikinews articles and
changes.yaml, which pairs an earlier and a later article of one story and
lists the facts whose value changed (and look-alikes that did not).
"""

import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data" / "stories"
ARTICLES = DATA / "articles"
KINDS = {"figure", "role", "position", "place", "date", "status"}
CHANGE_FIELDS = {"kind", "subject", "before", "after", "before_sentence", "after_sentence"}
NOT_CHANGE_FIELDS = {"why", "before_sentence", "after_sentence"}


def _collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def _pairs():
    with open(DATA / "changes.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


PAIRS = _pairs()


def _pair_id(pair):
    return f"{pair['earlier']}->{pair['later']}"


def _article(name):
    return _collapse((ARTICLES / name).read_text(encoding="utf-8"))


def test_enough_pairs_and_stories():
    assert len(PAIRS) >= 12
    assert len({p["story"] for p in PAIRS}) >= 8
    assert sum(1 for p in PAIRS if p["same_story"] and not p["changes"]) >= 2
    assert sum(1 for p in PAIRS if not p["same_story"]) >= 2
    assert sum(len(p.get("not_changes") or []) for p in PAIRS) >= 15


def test_every_article_is_used():
    used = {p["earlier"] for p in PAIRS} | {p["later"] for p in PAIRS}
    on_disk = {path.name for path in ARTICLES.glob("*.txt")}
    assert used == on_disk


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_pair_fields(pair):
    assert isinstance(pair["story"], str) and pair["story"]
    assert isinstance(pair["same_story"], bool)
    assert isinstance(pair["changes"], list)
    assert isinstance(pair.get("not_changes", []), list)
    assert pair["earlier"] != pair["later"]
    # File names start with the date, so the earlier one sorts first.
    assert pair["earlier"][:10] <= pair["later"][:10]
    if not pair["same_story"]:
        assert pair["changes"] == []
        assert pair.get("note")
    for change in pair["changes"]:
        assert CHANGE_FIELDS <= set(change), change
        assert change["kind"] in KINDS
        assert str(change["before"]) != str(change["after"])
        if change["kind"] == "figure":
            assert change.get("unit")
    for item in pair.get("not_changes") or []:
        assert NOT_CHANGE_FIELDS <= set(item), item


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_files_exist(pair):
    assert (ARTICLES / pair["earlier"]).is_file()
    assert (ARTICLES / pair["later"]).is_file()


@pytest.mark.parametrize("pair", PAIRS, ids=_pair_id)
def test_sentences_occur_in_their_article(pair):
    earlier = _article(pair["earlier"])
    later = _article(pair["later"])
    items = pair["changes"] + (pair.get("not_changes") or [])
    for item in items:
        assert _collapse(item["before_sentence"]) in earlier, item["before_sentence"]
        assert _collapse(item["after_sentence"]) in later, item["after_sentence"]
    for change in pair["changes"]:
        if change["kind"] == "figure":
            assert str(change["before"]) in change["before_sentence"]
            assert str(change["after"]) in change["after_sentence"]
