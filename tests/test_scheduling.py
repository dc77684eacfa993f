"""Spaced repetition over FSRS: ratings, due dates and JSON states."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from quizapp.domain.scheduling import (
    Rating,
    due_date,
    make_scheduler,
    new_card_state,
    rating_for,
    review,
)

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
EXACT = make_scheduler(fuzz=False)


def through_json(state: dict) -> dict:
    return json.loads(json.dumps(state))


def learnt_card(reviews: int = 4) -> tuple[dict, datetime]:
    """A card answered right ``reviews`` times, each time when due."""
    state, when = new_card_state(NOW), NOW
    for _ in range(reviews):
        state, when = review(through_json(state), Rating.Good, when, scheduler=EXACT)
    return state, when


@pytest.mark.parametrize(
    ("correct", "seconds", "expected", "rating"),
    [
        (False, 3, 20, Rating.Again),
        (False, 60, 20, Rating.Again),
        (True, 10, 20, Rating.Easy),  # at most half the expected time
        (True, 10.1, 20, Rating.Good),
        (True, 20, 20, Rating.Good),
        (True, 40, 20, Rating.Good),  # twice the time is still Good
        (True, 40.1, 20, Rating.Hard),
        (True, None, 20, Rating.Good),  # unknown time
        (True, 5, None, Rating.Good),
        (True, 5, 0, Rating.Good),
        (True, -1, 20, Rating.Good),
        (True, float("nan"), 20, Rating.Good),
    ],
)
def test_rating_for(correct, seconds, expected, rating):
    assert rating_for(correct, seconds, expected) is rating


def test_new_card_is_due_now_and_json_ready():
    state = new_card_state(NOW)
    assert through_json(state) == state
    assert due_date(state) == NOW
    assert "card_id" not in state


def test_new_card_defaults_to_the_current_time():
    before = datetime.now(UTC)
    assert before <= due_date(new_card_state()) <= datetime.now(UTC)


@pytest.mark.parametrize("state", [None, "new"])
def test_wrong_answer_comes_back_sooner_than_a_right_one(state):
    start = new_card_state(NOW) if state == "new" else None
    _, due_wrong = review(start, Rating.Again, NOW, scheduler=EXACT)
    _, due_right = review(start, Rating.Good, NOW, scheduler=EXACT)
    assert NOW < due_wrong < due_right


def test_ratings_order_due_dates_on_a_new_card():
    dues = [review(None, r, NOW, scheduler=EXACT)[1] for r in Rating]
    assert dues == sorted(dues) and len(set(dues)) == 4
    assert dues[Rating.Easy - 1] - NOW >= timedelta(days=1)


def test_ratings_order_due_dates_on_a_learnt_card():
    state, when = learnt_card()
    dues = {r: review(state, r, when, scheduler=EXACT)[1] for r in Rating}
    assert dues[Rating.Again] < dues[Rating.Hard] < dues[Rating.Good] < dues[Rating.Easy]
    assert dues[Rating.Again] - when < timedelta(days=1)  # forgotten: relearn today


def test_right_answers_space_out_reviews():
    state, when = new_card_state(NOW), NOW
    gaps = []
    for _ in range(5):
        state, due = review(state, Rating.Good, when, scheduler=EXACT)
        gaps.append(due - when)
        when = due
    assert gaps == sorted(gaps)
    assert gaps[-1] > timedelta(days=30)


def test_easy_is_later_than_good_even_with_fuzz():
    state, when = learnt_card()
    fuzzy = make_scheduler(fuzz=True)
    for _ in range(20):
        good = review(state, Rating.Good, when, scheduler=fuzzy)[1]
        easy = review(state, Rating.Easy, when, scheduler=fuzzy)[1]
        assert easy > good


def test_state_round_trips_through_json():
    state, when = learnt_card(3)
    again = through_json(state)
    assert again == state
    assert review(again, Rating.Good, when, scheduler=EXACT) == review(
        state, Rating.Good, when, scheduler=EXACT
    )
    assert due_date(again) == when  # learnt_card returns the state with its due date


def test_review_accepts_rating_values():
    assert review(None, 4, NOW, scheduler=EXACT) == review(None, Rating.Easy, NOW, scheduler=EXACT)
    with pytest.raises(ValueError):
        review(None, 5, NOW)


def test_naive_and_other_zones_are_read_as_utc():
    paris = timezone(timedelta(hours=1))
    naive = review(None, Rating.Good, NOW.replace(tzinfo=None), scheduler=EXACT)
    local = review(None, Rating.Good, NOW.astimezone(paris), scheduler=EXACT)
    assert naive == local == review(None, Rating.Good, NOW, scheduler=EXACT)
    assert naive[1].tzinfo is not None and naive[1].utcoffset() == timedelta(0)


def test_malformed_state_is_refused():
    with pytest.raises(ValueError):
        review({"due": "hier"}, Rating.Good, NOW)
