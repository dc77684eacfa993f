"""Who a question is about: the article's main actors before the people it names in passing.

A teacher asks who the article is about (the minister named in every paragraph), not
who was quoted once in the seventh (a regional official, a spokesman, a passer-by). A
choice question whose answer and stem name only people the article mentions once goes
below the questions on its main actors; it stays in the bank for the
teacher who wants it.
"""

from __future__ import annotations

import re

from .context import Candidate, Context
from .text import fold

#: A person named this often or less is a side actor, when someone else is named more
#: (a news report names its main actors two or three times, in full then by surname).
SIDE_MENTIONS = 1
PENALTY = 0.15


def demote_side_actors(ctx: Context, cands: list[Candidate]) -> None:
    """Lower the score of the questions that are only about side actors."""
    people = [e for e in ctx.ents.entities.values() if e.type == "person"]
    counts = {e.id: ctx.ents.counts.get(e.id, 0) for e in people}
    if not any(n > SIDE_MENTIONS for n in counts.values()):
        return  # nobody stands out: every person is a main actor
    names = [(e.id, {fold(ctx.display(e)), fold(e.name)}) for e in people]
    for c in cands:
        if c.question.type not in ("mcq", "cloze"):
            continue
        text = fold(" ".join([c.question.stem, *c.question.correct_answers]))
        named = [i for i, forms in names if any(f and f in text for f in forms)]
        if named and max(counts[i] for i in named) <= SIDE_MENTIONS:
            c.score -= PENALTY


#: Words of a headline that say nothing of its subject.
_HEADLINE_STOP = frozenset(
    "les des une pour par avec sans sur sous dans entre vers chez leur leurs son ses aux "
    "du de la le un et ou en est sont a ont qui que dont plus moins après avant contre "
    "face selon depuis".split()
)
#: Questions on a sentence that shares this many words with the headline are on the
#: article's subject; reviewers found them usable twice as often as the others.
HEADLINE_WORDS = 3
HEADLINE_BONUS = 0.1


def headline_words(text: str) -> set[str]:
    """The headline's words that carry its subject, cut to their first five letters (so
    « libération » meets « libérés », « otages » « otage »)."""
    words = re.findall(r"[^\W\d_]{3,}|\d[\d  ]*", fold(text))
    return {w.replace(" ", "")[:5] for w in words if w not in _HEADLINE_STOP}


def favour_the_headline(ctx: Context, cands: list[Candidate]) -> None:
    """Raise the questions whose sentence speaks of what the headline says."""
    title = headline_words(ctx.article.title or "")
    if len(title) < HEADLINE_WORDS:
        return
    shared: dict[int, int] = {}
    for c in cands:
        i = c.sentence.index
        if i not in shared:
            shared[i] = len(title & headline_words(c.sentence.text))
        if shared[i] >= HEADLINE_WORDS:
            c.score += HEADLINE_BONUS
