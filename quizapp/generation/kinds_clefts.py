"""Who did it, when the article puts it first: « C'est finalement Anne Morel qui a
remporté l'élection » asks « Qui a remporté l'élection ? ».

A cleft sentence (« C'est … qui … ») names its actor at the front and keeps the verb
for after « qui »: the clause reader sees « c' » as its subject and ``actor_questions``
asks nothing. Here the named person, country or organisation is the answer and what
follows « qui » the question, its wrong options of the answer's kind and world
(``distractors.entity_options``).
"""

from __future__ import annotations

import re

from .clefts import cleft_focus
from .context import Candidate, Context, SentenceInfo, fact_candidate
from .distractors import entity_options
from .question_wording import strip_discourse, tidy
from .text import fold

#: What the answer's type asks, with the verb in the singular.
_WH = {"person": "Qui", "country": "Quel pays", "org": "Quelle organisation"}
#: A verb after « qui » that asks nothing on its own (« qui a dit », « qui est »).
_EMPTY = re.compile(r"^(?:a|est|était|sera)\s*(?:dit|déclaré|affirmé)?\s*$")


def cleft_questions(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for sent in ctx.sentences:
        candidate = _cleft_question(ctx, sent)
        if candidate is not None:
            out.append(candidate)
    return out


def _cleft_question(ctx: Context, sent: SentenceInfo) -> Candidate | None:
    found = cleft_focus(ctx, sent)
    if found is None:
        return None
    m, vp = found
    word = _WH.get(m.entity.type)
    pred = tidy(strip_discourse(" " + vp)).strip()
    if word is None or _EMPTY.match(pred) or re.match(r"(?:ont|sont|vont|font)\b", pred):
        return None  # plural after « qui »: « Quel pays ont … » cannot be said
    stem = f"{word} {pred} ?"
    answer = ctx.display(m.entity) if m.entity.type == "person" else m.text
    if fold(answer) in fold(pred):
        return None
    opts, gaz = entity_options(ctx, m.entity, answer, stem)
    if len(opts) < 3:
        return None
    score = 0.82 - 0.02 * gaz - (0.05 if len(stem) > 150 else 0)
    forms = [answer, m.text, *m.entity.aliases]
    return fact_candidate(sent, stem, answer, opts, score, forms, kind="event")
