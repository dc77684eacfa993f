"""Spaced repetition: when should a learner see a question again?

A thin layer over the ``fsrs`` package (FSRS, the scheduler Anki uses), so
the rest of quizapp deals only in plain JSON-ready dicts and UTC datetimes:

* :func:`rating_for` turns a graded answer and its time into an FSRS rating;
* :func:`new_card_state` is the state of a question never reviewed;
* :func:`review` gives the next state and when the question is due again.

A state is the dict ``fsrs.Card.to_dict()`` makes, without ``card_id`` (the
database row already identifies the card): ``state`` (1 learning, 2 review,
3 relearning), ``step``, ``stability``, ``difficulty``, ``due`` and
``last_review`` (ISO 8601 in UTC). Store it as JSON as is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

#: An answer given in at most this share of the expected time is rated Easy.
FAST_SHARE = 0.5
#: An answer taking more than this many times the expected time is rated Hard.
SLOW_FACTOR = 2.0

#: Intervals get a little random spread (as in Anki) so that questions learnt
#: together do not all fall due on the same day.
DEFAULT_SCHEDULER = Scheduler(desired_retention=0.9, enable_fuzzing=True)


def make_scheduler(desired_retention: float = 0.9, *, fuzz: bool = True) -> Scheduler:
    """A scheduler aiming at ``desired_retention`` (0.9: nine answers in ten
    right when due); ``fuzz=False`` makes intervals deterministic."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def rating_for(correct: bool, seconds: float | None, expected_seconds: float | None) -> Rating:
    """The FSRS rating of one answer.

    Wrong (or partly wrong) → Again. Right → Good; Easy when it took at most
    half the expected time; Hard when it took more than twice the expected
    time (right, but laboured). An unknown or nonsensical time (``None``,
    negative, not finite, or no expected time) → Good.
    """
    if not correct:
        return Rating.Again
    if (
        seconds is None
        or expected_seconds is None
        or not math.isfinite(seconds)
        or not math.isfinite(expected_seconds)
        or seconds < 0
        or expected_seconds <= 0
    ):
        return Rating.Good
    if seconds <= FAST_SHARE * expected_seconds:
        return Rating.Easy
    if seconds > SLOW_FACTOR * expected_seconds:
        return Rating.Hard
    return Rating.Good


def _utc(moment: datetime) -> datetime:
    """FSRS wants aware UTC datetimes; a naive one is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _to_state(card: Card) -> dict[str, Any]:
    state = card.to_dict()
    state.pop("card_id", None)
    return dict(state)


def _to_card(state: Mapping[str, Any]) -> Card:
    try:
        card = Card.from_dict({**state, "card_id": 0})  # type: ignore[typeddict-item]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a card state: {exc}") from exc
    card.due = _utc(card.due)
    if card.last_review is not None:
        card.last_review = _utc(card.last_review)
    return card


def new_card_state(now: datetime | None = None) -> dict[str, Any]:
    """The state of a question never reviewed, due at once (``now``, default the current time)."""
    return _to_state(Card(card_id=0, due=_utc(now or datetime.now(UTC))))


def review(
    card_state: Mapping[str, Any] | None,
    rating: Rating | int,
    now: datetime,
    *,
    scheduler: Scheduler | None = None,
) -> tuple[dict[str, Any], datetime]:
    """Record one review at ``now``: the new state and when the card is due next (UTC).

    ``card_state`` ``None`` means a card never reviewed. ``rating`` is a
    :class:`fsrs.Rating` or its value (1 Again, 2 Hard, 3 Good, 4 Easy).
    A malformed state raises ``ValueError``.
    """
    now = _utc(now)
    card = _to_card(card_state) if card_state is not None else Card(card_id=0, due=now)
    card, _log = (scheduler or DEFAULT_SCHEDULER).review_card(card, Rating(rating), now)
    return _to_state(card), card.due


def due_date(card_state: Mapping[str, Any]) -> datetime:
    """When the card in ``card_state`` is due (UTC)."""
    return _utc(datetime.fromisoformat(card_state["due"]))


__all__ = [
    "DEFAULT_SCHEDULER",
    "FAST_SHARE",
    "SLOW_FACTOR",
    "Rating",
    "due_date",
    "make_scheduler",
    "new_card_state",
    "rating_for",
    "review",
]
