"""Checks the hand-annotated evaluation data for story follow-ups.

The data lives in tests/data/stories (development set) and
tests/data/stories-heldout (held-out set, never used to write rules):
French Wikinews articles and changes.yaml, which pairs an earlier and a
later article of one story and lists the facts whose value changed (and
look-alikes that did not).
"""

import re
from pathlib import Path

import pytest
import yaml

DATA_ROOT = Path(__file__).parent / "data"
FOLDERS = ["stories", "stories-heldout"]
# Minimum pairs, stories, same-story pairs without change, wrong-story
# controls and not_changes, per folder.
MINIMUMS = {
    "stories": {"pairs": 12, "stories": 8, "no_change": 2, "controls": 2, "not_changes": 15},
    "stories-heldout": {
        "pairs": 10,
        "stories": 7,
        "no_change": 2,
        "controls": 2,
        "not_changes": 10,
    },
}
KINDS = {"figure", "role", "position", "place", "date", "status"}
CHANGE_FIELDS = {"kind", "subject", "before", "after", "before_sentence", "after_sentence"}
NOT_CHANGE_FIELDS = {"why", "before_sentence", "after_sentence"}


def _collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def _pairs(folder):
    with open(DATA_ROOT / folder / "changes.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


PAIRS = {folder: _pairs(folder) for folder in FOLDERS}
ALL_PAIRS = [(folder, pair) for folder in FOLDERS for pair in PAIRS[folder]]


def _pair_id(item):
    folder, pair = item
    return f"{folder}:{pair['earlier']}->{pair['later']}"


def _articles(folder):
    return DATA_ROOT / folder / "articles"


def _article(folder, name):
    return _collapse((_articles(folder) / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", FOLDERS)
def test_enough_pairs_and_stories(folder):
    pairs = PAIRS[folder]
    minimum = MINIMUMS[folder]
    assert len(pairs) >= minimum["pairs"]
    assert len({p["story"] for p in pairs}) >= minimum["stories"]
    assert sum(1 for p in pairs if p["same_story"] and not p["changes"]) >= minimum["no_change"]
    assert sum(1 for p in pairs if not p["same_story"]) >= minimum["controls"]
    assert sum(len(p.get("not_changes") or []) for p in pairs) >= minimum["not_changes"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_article_is_used(folder):
    pairs = PAIRS[folder]
    used = {p["earlier"] for p in pairs} | {p["later"] for p in pairs}
    on_disk = {path.name for path in _articles(folder).glob("*.txt")}
    assert used == on_disk


def test_held_out_set_shares_no_article_or_story_with_development_set():
    dev, held_out = PAIRS["stories"], PAIRS["stories-heldout"]
    dev_files = {p["earlier"] for p in dev} | {p["later"] for p in dev}
    held_out_files = {p["earlier"] for p in held_out} | {p["later"] for p in held_out}
    assert not dev_files & held_out_files
    assert not {p["story"] for p in dev} & {p["story"] for p in held_out}


@pytest.mark.parametrize("item", ALL_PAIRS, ids=_pair_id)
def test_pair_fields(item):
    _, pair = item
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
    for not_change in pair.get("not_changes") or []:
        assert NOT_CHANGE_FIELDS <= set(not_change), not_change


@pytest.mark.parametrize("item", ALL_PAIRS, ids=_pair_id)
def test_files_exist(item):
    folder, pair = item
    assert (_articles(folder) / pair["earlier"]).is_file()
    assert (_articles(folder) / pair["later"]).is_file()


@pytest.mark.parametrize("item", ALL_PAIRS, ids=_pair_id)
def test_sentences_occur_in_their_article(item):
    folder, pair = item
    earlier = _article(folder, pair["earlier"])
    later = _article(folder, pair["later"])
    quoted = pair["changes"] + (pair.get("not_changes") or [])
    for entry in quoted:
        assert _collapse(entry["before_sentence"]) in earlier, entry["before_sentence"]
        assert _collapse(entry["after_sentence"]) in later, entry["after_sentence"]
    for change in pair["changes"]:
        if change["kind"] == "figure":
            assert str(change["before"]) in change["before_sentence"]
            assert str(change["after"]) in change["after_sentence"]
