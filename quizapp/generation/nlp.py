"""The spaCy pipeline, loaded on first use and kept for the life of the process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: importing quizapp must stay cheap
    from spacy.language import Language

MODEL = "fr_core_news_sm"


@functools.cache
def get_nlp() -> Language:
    """Load ``fr_core_news_sm`` once per process (a few seconds), never at import time."""
    import spacy

    return spacy.load(MODEL)
