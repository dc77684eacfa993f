"""Item analysis, checked against figures worked out by hand on small datasets."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.reports.stats import FLAG_MESSAGES, item_analysis


def attempts_from(rows: list[list[float]], ids: list[str]) -> list[dict[str, float]]:
    return [dict(zip(ids, row, strict=True)) for row in rows]


# A perfect "Guttman" pattern: 5 students, 4 items scored 0/1, each item
# harder than the one before.
#
#   student  q1 q2 q3 q4  total
#   S1        1  1  1  1    4
#   S2        1  1  1  0    3
#   S3        1  1  0  0    2
#   S4        1  0  0  0    1
#   S5        0  0  0  0    0
#
# Facilities p = .8 .6 .4 .2. Sample item variances 5 p (1 - p) / 4 =
# .2 .3 .3 .2, sum 1.0. Totals 4 3 2 1 0: mean 2, median 2, sample
# variance (4 + 1 + 0 + 1 + 4) / 4 = 2.5.
# KR-20 = alpha = 4/3 (1 - 1.0 / 2.5) = 0.8 (with population variances:
# sum pq = .8, variance 2, 4/3 (1 - .8/2) = 0.8 too).
# Standard error = sqrt(2.5) sqrt(1 - .8) = sqrt(.5); error ratio sqrt(.2).
# Skewness 0 (symmetric). Kurtosis: m2 = 2, m4 = 34/5 = 6.8, k2 = 2.5,
# k4 = 25 (6 × 6.8 - 3 × 4 × 4) / (4 × 3 × 2) = -7.5, k4 / k2² = -1.2.
#
# q1: x = 1 1 1 1 0, rest = 3 2 1 0 0 (means .8 and 1.2).
#   C = (.2×1.8 + .2×.8 + .2×-.2 + .2×-1.2 + -.8×-1.2) / 4 = 1.2 / 4 = .3
#   V(rest) = (3.24 + .64 + .04 + 1.44 + 1.44) / 4 = 1.7
#   D = .3 / sqrt(.2 × 1.7) = .3 / sqrt(.34) = 0.5144958...
#   Sorted pairs (0,0) (1,0) (1,1) (1,2) (1,3) give the same covariance: DE = 1.
# q2: x = 1 1 1 0 0, rest = 3 2 1 1 0 (means .6 and 1.4).
#   C = (.4×1.6 + .4×.6 + .4×-.4 + -.6×-.4 + -.6×-1.4) / 4 = 1.8 / 4 = .45
#   V(rest) = (2.56 + .36 + .16 + .16 + 1.96) / 4 = 1.3
#   D = .45 / sqrt(.3 × 1.3) = .45 / sqrt(.39) = 0.7205766...
GUTTMAN_IDS = ["q1", "q2", "q3", "q4"]
GUTTMAN = attempts_from(
    [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]], GUTTMAN_IDS
)
ONE_EACH = dict.fromkeys(GUTTMAN_IDS, 1.0)


def test_quiz_figures_by_hand():
    quiz = item_analysis(GUTTMAN, ONE_EACH).quiz
    assert (quiz.attempts, quiz.questions, quiz.max_total) == (5, 4, 4.0)
    assert quiz.mean == 2.0 and quiz.median == 2.0
    assert quiz.sd == pytest.approx(math.sqrt(2.5))
    assert quiz.skewness == pytest.approx(0.0, abs=1e-12)
    assert quiz.kurtosis == pytest.approx(-1.2)
    assert quiz.alpha == pytest.approx(0.8)
    assert quiz.error_ratio == pytest.approx(math.sqrt(0.2))
    assert quiz.standard_error == pytest.approx(math.sqrt(0.5))


def test_question_figures_by_hand():
    q1, q2, q3, q4 = item_analysis(GUTTMAN, ONE_EACH).questions
    assert [q.facility for q in (q1, q2, q3, q4)] == pytest.approx([0.8, 0.6, 0.4, 0.2])
    assert [q.sd for q in (q1, q2, q3, q4)] == pytest.approx(
        [math.sqrt(0.2), math.sqrt(0.3), math.sqrt(0.3), math.sqrt(0.2)]
    )
    assert q1.discrimination == pytest.approx(0.3 / math.sqrt(0.34))
    assert q2.discrimination == pytest.approx(0.45 / math.sqrt(0.39))
    # The pattern is symmetric: q4 mirrors q1, q3 mirrors q2.
    assert q4.discrimination == pytest.approx(q1.discrimination)
    assert q3.discrimination == pytest.approx(q2.discrimination)
    assert q1.discriminative_efficiency == pytest.approx(1.0)
    assert q2.discriminative_efficiency == pytest.approx(1.0)
    assert all(q.flags == [] for q in (q1, q2, q3))
    assert q4.flags == []  # facility .2 is not below .2


# A question the weaker students get right: a wrong key.
#
#   student  q1 q2 q3  total
#   S1        1  1  0    2
#   S2        1  1  0    2
#   S3        1  0  0    1
#   S4        0  0  1    1
#   S5        0  0  1    1
#
# q3: x = 0 0 0 1 1 (mean .4, V = 5 × .24 / 4 = .3), rest = 2 2 1 0 0
#   (mean 1, V = (1 + 1 + 0 + 1 + 1) / 4 = 1).
#   C = (-.4×1 + -.4×1 + -.4×0 + .6×-1 + .6×-1) / 4 = -2 / 4 = -.5
#   D = -.5 / sqrt(.3 × 1) = -0.9128709...
#   Sorted: x 0 0 0 1 1 with rest 0 0 1 2 2: Cmax = +.5, so DE = -1.
# Totals 2 2 1 1 1: mean 1.4, V(T) = (.36 + .36 + .16 × 3) / 4 = .3.
# Item variances: q1 .3 (p = .6), q2 .3 (p = .4), q3 .3: sum .9 > V(T),
# alpha = 3/2 (1 - .9 / .3) = -3: the items do not measure the same thing.
WRONG_KEY = attempts_from(
    [[1, 1, 0], [1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]], ["q1", "q2", "q3"]
)


def test_negative_discrimination_flags_a_wrong_key():
    result = item_analysis(WRONG_KEY, {"q1": 1, "q2": 1, "q3": 1})
    q3 = result.questions[2]
    assert q3.facility == pytest.approx(0.4)
    assert q3.discrimination == pytest.approx(-0.5 / math.sqrt(0.3))
    assert q3.discriminative_efficiency == pytest.approx(-1.0)
    assert "negative_discrimination" in q3.flags
    assert result.quiz.alpha == pytest.approx(-3.0)
    assert result.quiz.standard_error == pytest.approx(math.sqrt(0.3) * 2)  # sqrt(1 - -3) = 2


def test_partial_marks_use_the_maximum():
    # Marks 2 1 1 0 out of 2: mean 1, facility .5; V = (1 + 0 + 0 + 1) / 3 = 2/3,
    # SD of the fraction = sqrt(2/3) / 2.
    result = item_analysis(
        [{"a": 2, "b": 1}, {"a": 1, "b": 1}, {"a": 1, "b": 0}, {"a": 0, "b": 0}],
        {"a": 2, "b": 1},
    )
    a = result.questions[0]
    assert a.mean == 1.0 and a.facility == 0.5
    assert a.sd == pytest.approx(math.sqrt(2 / 3) / 2)
    assert result.quiz.max_total == 3.0


def test_flags_for_facility():
    # easy: everyone right; hard: one in ten.
    rows = [{"easy": 1, "hard": int(n == 0), "other": n % 2} for n in range(10)]
    easy, hard, _ = item_analysis(rows, dict.fromkeys(rows[0], 1)).questions
    assert easy.facility == 1.0 and easy.discrimination is None
    assert easy.flags == ["too_easy"]
    assert hard.facility == pytest.approx(0.1) and "too_hard" in hard.flags


# A question unrelated to the rest of the test:
#   q1 = 1 1 1 1 0 0, q2 = 1 1 0 0 0 0, so for q3 the rest is 2 2 1 1 0 0 (mean 1);
#   q3 = 1 0 1 0 1 0 (mean .5). Products of deviations:
#   .5×1 - .5×1 + .5×0 - .5×0 + .5×-1 - .5×-1 = 0, so D = 0 and DE = 0.
def test_flags_for_weak_discrimination():
    rows = attempts_from(
        [[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 0, 1], [0, 0, 0]], ["q1", "q2", "q3"]
    )
    q3 = item_analysis(rows, {"q1": 1, "q2": 1, "q3": 1}).questions[2]
    assert q3.discrimination == pytest.approx(0.0, abs=1e-12)
    assert q3.discriminative_efficiency == pytest.approx(0.0, abs=1e-12)
    assert q3.flags == ["low_discrimination", "low_efficiency"]
    assert set(q3.flags) <= set(FLAG_MESSAGES)


def test_unused_distractor_needs_the_key():
    counts = {"q1": [4, 1, 0], "q2": [0, 3, 2]}
    with_keys = item_analysis(GUTTMAN, ONE_EACH, choice_counts=counts, keys={"q1": {0}, "q2": {0}})
    q1, q2 = with_keys.questions[:2]
    assert q1.unused_options == [2] and "unused_distractor" in q1.flags
    assert q2.unused_options == [0] and "unused_distractor" not in q2.flags  # the key itself
    without = item_analysis(GUTTMAN, ONE_EACH, choice_counts=counts)
    assert "unused_option" in without.questions[0].flags


def test_no_flags_below_the_minimum_of_attempts():
    result = item_analysis(WRONG_KEY[:4], {"q1": 1, "q2": 1, "q3": 1})
    assert all(q.flags == [] for q in result.questions)
    result = item_analysis(WRONG_KEY[:4], {"q1": 1, "q2": 1, "q3": 1}, min_attempts_for_flags=2)
    assert "negative_discrimination" in result.questions[2].flags


# ---------------------------------------------------------------- edge cases
def test_no_attempts():
    result = item_analysis([], ONE_EACH)
    assert result.quiz.attempts == 0 and result.quiz.mean is None and result.quiz.alpha is None
    assert all(q.facility is None and q.flags == [] for q in result.questions)


def test_one_attempt():
    result = item_analysis(GUTTMAN[1:2], ONE_EACH)
    assert result.quiz.mean == 3.0 and result.quiz.median == 3.0
    assert result.quiz.sd is None and result.quiz.alpha is None
    q1 = result.questions[0]
    assert q1.facility == 1.0 and q1.sd is None and q1.discrimination is None


def test_zero_variance_gives_none_not_an_error():
    same = [{"q1": 1, "q2": 0}] * 6
    result = item_analysis(same, {"q1": 1, "q2": 1})
    assert result.quiz.sd == 0.0
    assert result.quiz.skewness is None and result.quiz.alpha is None
    assert all(q.discrimination is None and q.sd == 0.0 for q in result.questions)


def test_a_single_question_has_no_rest_of_test():
    result = item_analysis([{"q": 1}, {"q": 0}, {"q": 1}], {"q": 1})
    assert result.questions[0].discrimination is None
    assert result.quiz.alpha is None and result.quiz.sd is not None


def test_missing_marks_count_zero_and_descriptions_are_left_out():
    result = item_analysis([{"q1": 1}, {"q1": 0, "q2": None}], {"q1": 1, "q2": 1, "intro": 0})
    assert result.questions[1].mean == 0.0
    intro = result.questions[2]
    assert intro.facility is None and intro.flags == []
    assert result.quiz.questions == 2 and result.quiz.max_total == 2.0


def test_bad_input():
    with pytest.raises(ValueError):
        item_analysis([{"q9": 1}], {"q1": 1})
    with pytest.raises(ValueError):
        item_analysis([{"q1": 2}], {"q1": 1})


# ---------------------------------------------------------------- properties
marks = st.lists(
    st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=3, max_size=3), min_size=2, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(marks)
def test_discrimination_is_the_correlation_with_the_rest(rows):
    ids = ["a", "b", "c"]
    result = item_analysis(attempts_from(rows, ids), dict.fromkeys(ids, 1))
    for j, q in enumerate(result.questions):
        xs = [row[j] for row in rows]
        rest = [sum(row) - row[j] for row in rows]
        if len(set(xs)) > 1 and len(set(rest)) > 1:
            assert q.discrimination == pytest.approx(statistics.correlation(xs, rest), abs=1e-9)
            assert q.discriminative_efficiency is None or q.discriminative_efficiency <= 1 + 1e-9
        else:
            assert q.discrimination is None
    quiz = result.quiz
    totals = [sum(row) for row in rows]
    assert quiz.mean == pytest.approx(statistics.fmean(totals))
    assert quiz.median == statistics.median(totals)
    if quiz.alpha is not None:
        assert quiz.alpha <= 1 + 1e-9
