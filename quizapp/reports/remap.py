"""Carrying a stored answer from the version of a question a student saw to a newer one.

A stored answer names options by their index in the version the attempt was laid
out with (``Response.answer``, ``layout[slot]["order"]`` and ``"blank_orders"``).
An edit can remove, add or reorder options, so an index means nothing in another
version: "option 2" of A-B-C-D is C, of A-B-D it is D. Options have no id of their
own, so an option is known by its text (spaces and case aside; two options with the
same text are paired in order). Matching prompts are known by their text too,
cloze blanks by their number.

:func:`carry` gives the answer in the new version's terms, and the attempt's layout
slot moved to the new version when every option the student was shown is still
there; when one is gone the slot keeps the version seen (the student's review shows
what they answered), and an answer that picked a removed option cannot be carried
at all. Plain functions over :class:`~quizapp.domain.questiondata.QuestionData`: no Flask,
no database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quizapp.domain.grading import InvalidResponse
from quizapp.domain.messages import N_
from quizapp.domain.questiondata import QuestionData

#: Question types whose stored answers hold no option index.
_TEXT_TYPES = ("truefalse", "short", "numeric", "essay", "description")
_TYPE_CHANGED = N_(
    "La question a changé de type : cette réponse ne peut pas être corrigée à nouveau."
)


@dataclass
class Carried:
    """``answer`` in the new version's terms; ``entry`` the layout slot pointing at the
    new version, or ``None`` when the slot must stay on the version seen."""

    answer: Any
    entry: dict[str, Any] | None


def option_key(text: str) -> str:
    """What makes two option texts the same option: spaces and case do not count."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def index_map(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old index → new index of each option found in both lists by its text."""
    free: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        free.setdefault(option_key(text), []).append(j)
    mapped = {}
    for i, text in enumerate(old):
        left = free.get(option_key(text))
        if left:
            mapped[i] = left.pop(0)
    return mapped


def _gone(text: str) -> InvalidResponse:
    return InvalidResponse(
        N_("L'option « %(value)s » choisie n'existe plus dans la version actuelle."),
        value=str(text)[:40],
    )


def _carry_index(value: Any, mapping: dict[int, int], texts: Sequence[str]) -> Any:
    """One chosen option index; a value that is no index is left for grading to refuse."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < len(texts):
        return value
    if value not in mapping:
        raise _gone(texts[value])
    return mapping[value]


def _carry_order(
    order: Sequence[int] | None, size: int, mapping: dict[int, int]
) -> list[int] | None:
    """The options shown, in the new version's indexes; ``None`` when one of them is gone."""
    shown = list(order) if order else list(range(size))
    if not all(isinstance(i, int) and i in mapping for i in shown):
        return None
    return [mapping[i] for i in shown]


def carry(old: QuestionData, new: QuestionData, entry: dict[str, Any], answer: Any) -> Carried:
    """``answer`` (stored against ``old``, shown as ``entry`` says) carried to ``new``.

    Raises :class:`~quizapp.domain.grading.InvalidResponse` when the answer picked an option
    that ``new`` no longer has, or when the question changed type.
    """
    if old.type != new.type:
        if old.type in _TEXT_TYPES and new.type in _TEXT_TYPES:
            return Carried(answer, None)
        raise InvalidResponse(_TYPE_CHANGED)
    moved = dict(entry)
    if old.type in ("mcq", "multi"):
        texts = [a.text for a in old.answers]
        mapping = index_map(texts, [a.text for a in new.answers])
        if isinstance(answer, list):
            answer = [_carry_index(v, mapping, texts) for v in answer]
            if all(isinstance(v, int) for v in answer):
                answer = sorted(answer)
        elif answer is not None:
            answer = _carry_index(answer, mapping, texts)
        order = _carry_order(entry.get("order"), len(texts), mapping)
        if order is None:
            return Carried(answer, None)
        moved["order"] = order
        return Carried(answer, moved)
    if old.type == "matching":
        return _carry_matching(old, new, entry, answer)
    if old.type == "cloze":
        return _carry_cloze(old, new, entry, answer)
    return Carried(answer, moved)


def _carry_matching(
    old: QuestionData, new: QuestionData, entry: dict[str, Any], answer: Any
) -> Carried:
    """Prompts are keyed by their index in ``pairs``, matches stored as their text."""
    prompts = index_map([p for p, _ in old.pairs], [p for p, _ in new.pairs])
    old_prompts = [i for i, (p, _) in enumerate(old.pairs) if p]
    new_prompts = [j for j, (p, _) in enumerate(new.pairs) if p]
    if isinstance(answer, dict):
        carried = {}
        for key, value in answer.items():
            i = int(key) if str(key).isdigit() else None
            if i is None or i not in old_prompts:
                carried[key] = value  # for grading to refuse
            elif i in prompts:
                carried[str(prompts[i])] = value
            # A prompt that is gone is no longer asked: its answer goes with it.
        answer = carried
    matches = index_map([m for _, m in old.pairs], [m for _, m in new.pairs])
    order = _carry_order(entry.get("order"), len(old.pairs), matches)
    same_prompts = all(i in prompts for i in old_prompts) and len(old_prompts) == len(new_prompts)
    if order is None or not same_prompts:
        return Carried(answer, None)
    return Carried(answer, {**entry, "order": order})


def _carry_cloze(
    old: QuestionData, new: QuestionData, entry: dict[str, Any], answer: Any
) -> Carried:
    """Blanks are known by their number; the options of a choice blank by their text."""
    fits = answer is None or (isinstance(answer, list) and len(answer) == len(old.blanks))
    if len(old.blanks) != len(new.blanks) or not fits:
        return Carried(answer, None)  # grading says the answer does not fit
    blank_orders = entry.get("blank_orders") or [[] for _ in old.blanks]
    carried, orders, stays = [], [], False
    for n, (was, now) in enumerate(zip(old.blanks, new.blanks, strict=True)):
        said = None if answer is None else answer[n]
        if was.type != now.type and "mcq" in (was.type, now.type):
            if said is not None:
                raise InvalidResponse(_TYPE_CHANGED)
            stays = True
        if was.type == "mcq" and now.type == "mcq":
            texts = [a.text for a in was.answers]
            mapping = index_map(texts, [a.text for a in now.answers])
            said = None if said is None else _carry_index(said, mapping, texts)
            order = _carry_order(
                blank_orders[n] if n < len(blank_orders) else None, len(texts), mapping
            )
            stays = stays or order is None
            orders.append(order or [])
        else:
            orders.append([])
        carried.append(said)
    answer = None if answer is None else carried
    if stays:
        return Carried(answer, None)
    moved = dict(entry)
    if any(orders):
        moved["blank_orders"] = orders
    else:
        moved.pop("blank_orders", None)
    return Carried(answer, moved)
