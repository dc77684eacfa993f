"""Every interface string has its English translation, and the compiled
catalogue matches its source."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "quizapp/translations/en/LC_MESSAGES/messages.po"
MO = ROOT / "quizapp/translations/en/LC_MESSAGES/messages.mo"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
}
METHODS = [("quizapp/**.py", "python"), ("templates/**.html", "jinja2")]


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, options_map={"templates/**.html": {}}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalogue():
    with PO.open("rb") as fh:
        return read_po(fh, locale="en")


def test_every_interface_string_has_an_english_translation():
    catalogue = _catalogue()
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(_source_messages() - translated)
    assert missing == [], f"{len(missing)} strings without English: {missing[:10]}"


def _key(value):
    return tuple(value) if isinstance(value, list | tuple) else value


def test_compiled_catalogue_is_up_to_date():
    catalogue = {_key(m.id): _key(m.string) for m in _catalogue() if m.id and m.string}
    with MO.open("rb") as fh:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
    assert compiled == catalogue, "run: pybabel compile -d quizapp/translations"
