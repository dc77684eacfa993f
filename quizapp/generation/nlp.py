"""The spaCy pipeline, loaded on first use and kept for the life of the process."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily: importing quizapp must stay cheap
    from spacy.language import Language

#: The medium French model: its parser and tagger read news sentences better than the
#: small one's (more figures, objects and appositions found, fewer misread clauses); its
#: word vectors are not used.
MODEL = "fr_core_news_md"


@functools.cache
def get_nlp() -> Language:
    """Load the model once per process (a few seconds), never at import time."""
    import spacy

    return spacy.load(MODEL)
