"""Exercises of chapter 10, from loss to capabilities. Expected values are computed by the package, never typed."""

from __future__ import annotations

from .. import capabilities
from .graders import NOT_ANSWERED, Verdict, as_pair, number, unanswered
from .registry import exercise

#: Exercise 10.1: the held-out run (training set, shape, multiplier), the task set, the interval's
#: alpha (an 80 % central interval) and the interval score (a fraction of error) that passes.
EXERCISE_10_1_RUN = ("rw_original", "open_lm_7b", 1.0)
EXERCISE_10_1_TASKS = "46"
EXERCISE_10_1_ALPHA = 0.2
EXERCISE_10_1_BAR = 0.08
#: Exercise 10.2: a two-option task, and the standard error of a guesser asked for (a fraction).
EXERCISE_10_2_SE = 0.01
#: Exercise 10.3: the run and task.
EXERCISE_10_3 = ("rpj", "open_lm_7b", 1.0, "hellaswag")
#: Exercise 10.4: the error law's training set and the run it is applied to.
EXERCISE_10_4 = ("rpj", "c4_original", "open_lm_7b", 1.0)


def held_out_error() -> float:
    """The measured average top-1 error (fraction) of exercise 10.1's held-out run."""
    dataset, shape, m = EXERCISE_10_1_RUN
    table = capabilities.run_table(dataset)
    return float(table.average_error(EXERCISE_10_1_TASKS)[table.index(shape, m)])


def interval(answer, truth: float, *, alpha: float, bar: float) -> Verdict:
    """Pass an interval (low, high) whose interval score at ``alpha`` against ``truth`` is at most ``bar``.

    The feedback says whether the truth fell inside and whether the width alone is over the bar,
    never the truth or the score.
    """
    if unanswered(answer):
        return NOT_ANSWERED
    pair = as_pair(answer)
    if pair is None:
        return Verdict("fail", f"expected a pair (low, high) of two numbers, got {answer!r}.")
    low, high = pair
    if high < low:
        return Verdict("fail", "the interval's upper end is below its lower end: give (low, high).")
    if high > 1.0 or low < 0.0:
        return Verdict("fail", "an error is a fraction between 0 and 1 (0.45, not 45 %).")
    score = float(capabilities.interval_score(low, high, truth, alpha))
    if score <= bar:
        inside = "the measured value is inside it" if low <= truth <= high else "a near miss, cheaply"
        return Verdict("pass", f"your interval scores within the bar ({inside}).")
    if high - low > bar:
        return Verdict("fail", f"the interval is wider than the bar ({bar:g}) by itself: narrow it.")
    side = "below" if truth < low else "above" if truth > high else None
    if side is None:
        return Verdict("fail", "the measured value is inside, but the interval is too wide for the bar.")
    return Verdict("fail", f"the measured value lies {side} your interval, and the miss costs more than the bar.")


@exercise("10.1")
def interval_for_the_big_run(answer) -> Verdict:
    """An 80 % interval for the RefinedWeb 6.9B model's 46-task average error, scored by the interval score."""
    return interval(answer, held_out_error(), alpha=EXERCISE_10_1_ALPHA, bar=EXERCISE_10_1_BAR)


@exercise("10.2")
def questions_for_one_point(answer) -> Verdict:
    """Questions a two-option task needs for a guesser's standard error of one point."""
    expected = 0.5 * 0.5 / EXERCISE_10_2_SE**2
    return number(answer, expected, rel_tol=0.01, unit="questions",
                  hint="solve sqrt(p(1 - p)/n) = 0.01 for n with p = 0.5 (one point is 0.01, not 1).")


def centred_hellaswag() -> float:
    """Exercise 10.3's centred accuracy (fraction)."""
    dataset, shape, m, task = EXERCISE_10_3
    table = capabilities.run_table(dataset)
    k = table.tasks.index(task)
    return float(capabilities.centered_accuracy(table.accuracy[table.index(shape, m), k], table.chance[k]))


@exercise("10.3")
def centred_accuracy_of_the_big_run(answer) -> Verdict:
    """Centred 10-shot HellaSwag accuracy of the RedPajama 6.9B model."""
    return number(answer, centred_hellaswag(), rel_tol=0.01, unit="(centred accuracy, a fraction)",
                  hint="(accuracy − chance)/(1 − chance), with chance 0.25 for four options.")


def c4_gap_points() -> float:
    """Exercise 10.4: measured minus predicted 17-task error (points) of the C4 6.9B run under RedPajama's law."""
    source, target, shape, m = EXERCISE_10_4
    table = capabilities.run_table(source)
    small = table.N < capabilities.SMALL_RUN_LIMIT
    law = capabilities.fit_error_law(table.loss[small], table.average_error("17")[small])
    other = capabilities.run_table(target)
    i = other.index(shape, m)
    return float(100.0 * (other.average_error("17")[i] - law.error(other.loss[i])))


@exercise("10.4")
def transfer_gap(answer) -> Verdict:
    """Points by which the C4 6.9B model's error exceeds RedPajama's Err(L) at its own C4 loss."""
    return number(answer, c4_gap_points(), rel_tol=0.03, unit="points of error",
                  hint="fit Err(L) on the RedPajama runs below 1B, evaluate it at the C4 run's loss, "
                       "and give 100 × (measured − predicted).")
