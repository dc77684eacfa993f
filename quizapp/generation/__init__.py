"""Question generation: a French news article in, a ranked bank of grounded questions out.

Pure functions over text and spaCy docs; no Flask, no database. Importing this
package loads no spaCy model: the model is loaded on the first ``generate`` call.
"""

from __future__ import annotations

from .article import Article, load_article
from .errors import GenerationError
from .output import to_json_dict, to_yaml
from .pipeline import GenerationResult, generate, generate_many

__all__ = [
    "Article",
    "GenerationError",
    "GenerationResult",
    "generate",
    "generate_many",
    "load_article",
    "to_json_dict",
    "to_yaml",
]
