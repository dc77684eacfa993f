"""Item analysis of a quiz, computed as Moodle's quiz statistics report does.

Pure Python over plain data: a list of attempts, each a mapping
``question_id -> mark``, and the maximum mark of every question. Definitions
follow Moodle's "Quiz statistics calculations" (S attempts, P questions,
x_i the mark on question i, T the total, X_i = T - x_i the rest of the test;
variances and covariances are sample ones, divided by S - 1):

* facility F_i = mean(x_i) / max_i;
* standard deviation SD_i = sqrt(V(x_i)) / max_i;
* discrimination index D_i = C(x_i, X_i) / sqrt(V(x_i) V(X_i)), the Pearson
  correlation between the question and the rest of the test;
* discriminative efficiency DE_i = C(x_i, X_i) / Cmax(x_i, X_i), where Cmax
  pairs both lists sorted in the same order (the best covariance possible);
* for the quiz: mean, median, SD, skewness k3 / k2^(3/2), kurtosis k4 / k2^2,
  Cronbach's alpha P / (P - 1) (1 - sum V(x_i) / V(T)) (Moodle's "coefficient
  of internal consistency"; KR-20 when every mark is 0 or 1), error ratio
  sqrt(1 - alpha) and standard error SD(T) sqrt(1 - alpha).

Every figure is a plain fraction (facility 0..1, discrimination -1..1);
Moodle shows them ×100 as percentages. A figure that cannot be computed
(too few attempts, a variance of zero) is ``None``, never a division error.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

#: Flags are only raised from this many attempts on: below, the figures are noise.
MIN_ATTEMPTS_FOR_FLAGS = 5
#: Moodle's guide: below 20 % a discrimination index is "very weak, probably invalid".
LOW_DISCRIMINATION = 0.2
#: Moodle's report highlights a question whose discriminative efficiency is below 15 %.
LOW_EFFICIENCY = 0.15
#: Facility bounds outside which a question tells little ("difficult" / "extremely easy").
TOO_HARD = 0.2
TOO_EASY = 0.95

#: What each flag means, for the report (French first).
FLAG_MESSAGES = {
    "negative_discrimination": "Discrimination négative : la clé est probablement fausse.",
    "low_discrimination": "Discrimination faible : la question sépare mal les forts des faibles.",
    "low_efficiency": "Efficacité discriminante faible (moins de 15 %).",
    "too_hard": "Très difficile : moins de 20 % de réussite.",
    "too_easy": "Très facile : plus de 95 % de réussite.",
    "unused_distractor": "Un distracteur n'a été choisi par personne.",
    "unused_option": "Une option n'a été choisie par personne.",
}


@dataclass
class QuestionStats:
    question_id: Hashable
    max_mark: float
    attempts: int
    mean: float | None = None  # in marks
    facility: float | None = None  # 0..1
    sd: float | None = None  # of the mark as a fraction of max_mark
    discrimination: float | None = None  # -1..1
    discriminative_efficiency: float | None = None  # -1..1
    unused_options: list[int] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


@dataclass
class QuizStats:
    attempts: int
    questions: int  # graded questions only (maximum mark above 0)
    max_total: float
    mean: float | None = None  # in marks
    median: float | None = None
    sd: float | None = None
    skewness: float | None = None
    kurtosis: float | None = None
    alpha: float | None = None
    error_ratio: float | None = None
    standard_error: float | None = None


@dataclass
class ItemAnalysis:
    quiz: QuizStats
    questions: list[QuestionStats]


def _mean(xs: Sequence[float]) -> float:
    return math.fsum(xs) / len(xs)


def _constant(xs: Sequence[float]) -> bool:
    return max(xs) == min(xs)


def _covariance(xs: Sequence[float], ys: Sequence[float]) -> float:
    mx, my = _mean(xs), _mean(ys)
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (len(xs) - 1)


def _variance(xs: Sequence[float]) -> float:
    return 0.0 if _constant(xs) else _covariance(xs, xs)


def _marks_matrix(
    attempts: Sequence[Mapping[Hashable, float | None]], ids: Sequence[Hashable]
) -> list[list[float]]:
    """One row per attempt, one column per question; a missing mark counts 0."""
    known = set(ids)
    rows = []
    for n, attempt in enumerate(attempts):
        unknown = set(attempt) - known
        if unknown:
            raise ValueError(f"attempt {n}: no maximum mark for {sorted(map(str, unknown))}")
        rows.append([float(attempt.get(q) or 0.0) for q in ids])
    return rows


def _question_stats(
    qid: Hashable, max_mark: float, xs: list[float], totals: list[float]
) -> QuestionStats:
    stats = QuestionStats(qid, max_mark, len(xs))
    if not xs or max_mark <= 0:
        return stats
    stats.mean = _mean(xs)
    stats.facility = stats.mean / max_mark
    if len(xs) < 2:
        return stats
    stats.sd = math.sqrt(_variance(xs)) / max_mark
    rest = [t - x for t, x in zip(totals, xs, strict=True)]
    if _constant(xs) or _constant(rest):
        return stats
    cov = _covariance(xs, rest)
    stats.discrimination = max(-1.0, min(1.0, cov / math.sqrt(_variance(xs) * _variance(rest))))
    best = _covariance(sorted(xs), sorted(rest))
    if best > 0:
        stats.discriminative_efficiency = cov / best
    return stats


def _quiz_stats(
    totals: list[float], item_variance_sum: float | None, questions: int, max_total: float
) -> QuizStats:
    s = len(totals)
    quiz = QuizStats(s, questions, max_total)
    if s == 0:
        return quiz
    quiz.mean = _mean(totals)
    quiz.median = statistics.median(totals)
    if s < 2:
        return quiz
    k2 = _variance(totals)
    quiz.sd = math.sqrt(k2)
    if k2 == 0:
        return quiz
    m2, m3, m4 = (math.fsum((t - quiz.mean) ** k for t in totals) / s for k in (2, 3, 4))
    if s > 2:
        k3 = s * s * m3 / ((s - 1) * (s - 2))
        quiz.skewness = k3 / k2**1.5
    if s > 3:
        k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
        quiz.kurtosis = k4 / (k2 * k2)
    if questions > 1 and item_variance_sum is not None:
        quiz.alpha = questions / (questions - 1) * (1 - item_variance_sum / k2)
        quiz.error_ratio = math.sqrt(max(0.0, 1 - quiz.alpha))  # alpha <= 1, bar rounding
        quiz.standard_error = quiz.error_ratio * quiz.sd
    return quiz


def _flag(
    stats: QuestionStats,
    counts: Sequence[int] | None,
    key: Collection[int] | None,
    min_attempts: int,
) -> None:
    if counts is not None:
        stats.unused_options = [i for i, n in enumerate(counts) if n == 0]
    if stats.attempts < min_attempts:
        return
    d, de, f = stats.discrimination, stats.discriminative_efficiency, stats.facility
    if d is not None and d < 0:
        stats.flags.append("negative_discrimination")
    elif d is not None and d < LOW_DISCRIMINATION:
        stats.flags.append("low_discrimination")
    if de is not None and 0 <= de < LOW_EFFICIENCY:
        stats.flags.append("low_efficiency")
    if f is not None and f < TOO_HARD:
        stats.flags.append("too_hard")
    if f is not None and f > TOO_EASY:
        stats.flags.append("too_easy")
    if key is not None:
        if any(i not in key for i in stats.unused_options):
            stats.flags.append("unused_distractor")
    elif stats.unused_options:
        stats.flags.append("unused_option")


def item_analysis(
    attempts: Sequence[Mapping[Hashable, float | None]],
    max_marks: Mapping[Hashable, float],
    *,
    choice_counts: Mapping[Hashable, Sequence[int]] | None = None,
    keys: Mapping[Hashable, Collection[int]] | None = None,
    min_attempts_for_flags: int = MIN_ATTEMPTS_FOR_FLAGS,
) -> ItemAnalysis:
    """Statistics of every question and of the quiz.

    ``attempts``: one mapping ``question_id -> mark`` per attempt (include only
    the attempts to analyse, e.g. first attempts); a missing or ``None`` mark
    counts 0. ``max_marks``: ``question_id -> maximum mark``, in the order of
    the report; questions with a maximum of 0 (descriptions) get no figures
    and do not count in the quiz's. ``choice_counts``: for choice questions,
    how many attempts picked each option (by index); ``keys``: the indices of
    the right options, so that an option nobody chose is reported as an unused
    distractor (without keys, as an unused option). Marks outside
    ``[0, max_mark]`` raise ``ValueError``.
    """
    ids = list(max_marks)
    rows = _marks_matrix(attempts, ids)
    for row in rows:
        for q, x in zip(ids, row, strict=True):
            if not -1e-9 <= x <= max_marks[q] + 1e-9:
                raise ValueError(f"mark {x} outside [0, {max_marks[q]}] for question {q!r}")
    graded = [j for j, q in enumerate(ids) if max_marks[q] > 0]
    totals = [math.fsum(row[j] for j in graded) for row in rows]
    questions = []
    for j, q in enumerate(ids):
        stats = _question_stats(q, float(max_marks[q]), [row[j] for row in rows], totals)
        counts = (choice_counts or {}).get(q)
        _flag(stats, counts, (keys or {}).get(q) if keys else None, min_attempts_for_flags)
        questions.append(stats)
    variance_sum = (
        math.fsum(_variance([row[j] for row in rows]) for j in graded) if len(rows) > 1 else None
    )
    max_total = math.fsum(max_marks[ids[j]] for j in graded)
    return ItemAnalysis(_quiz_stats(totals, variance_sum, len(graded), max_total), questions)


__all__ = [
    "FLAG_MESSAGES",
    "LOW_DISCRIMINATION",
    "LOW_EFFICIENCY",
    "MIN_ATTEMPTS_FOR_FLAGS",
    "TOO_EASY",
    "TOO_HARD",
    "ItemAnalysis",
    "QuestionStats",
    "QuizStats",
    "item_analysis",
]
