"""Errors whose message is a catalogue entry: French where there is no request (command
line, logs), in the request's language on a page (``quizapp.display.i18n.translated``)."""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Marks a message for the catalogue; ``quizapp.display.i18n.translated`` translates it."""
    return message


class CatalogueError(ValueError):
    """``msgid`` is a catalogue message (French, the source language) with
    ``%(name)s`` placeholders filled from ``params``; a param may itself be a
    CatalogueError (one reason inside another). ``message`` is the French sentence;
    ``quizapp.display.i18n.translated`` gives it in the language of the request."""

    def __init__(self, msgid: str, **params: Any) -> None:
        self.msgid, self.params = msgid, params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if not self.params:
            return self.msgid
        return self.msgid % {k: _plain(v) for k, v in self.params.items()}

    def __str__(self) -> str:
        return self.message


def _plain(value: Any) -> Any:
    return value.message if isinstance(value, CatalogueError) else value
