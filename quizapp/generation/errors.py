"""The one error the generator raises for bad input."""

from __future__ import annotations

from quizapp.domain.messages import CatalogueError


class GenerationError(CatalogueError):
    """Input the generator cannot turn into questions; the message is one readable
    line, a catalogue entry (French on the command line, the page's language on the
    teacher's form)."""
