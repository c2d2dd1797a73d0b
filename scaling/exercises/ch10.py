"""Exercises of chapter 10, from loss to capabilities, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from .. import capabilities
from .registry import Interval, Number, declare

#: Exercise 10.1: the held-out run (training set, shape, multiplier) and the task set.
EXERCISE_10_1_RUN = ("rw_original", "open_lm_7b", 1.0)
EXERCISE_10_1_TASKS = "46"
#: Exercise 10.2: the standard error asked for (a fraction) of a guesser on a two-option task.
EXERCISE_10_2_SE = 0.01
#: Exercise 10.3: the run and the task.
EXERCISE_10_3 = ("rpj", "open_lm_7b", 1.0, "hellaswag")
#: Exercise 10.4: the error law's training set, and the training set, shape and multiplier of the run.
EXERCISE_10_4 = ("rpj", "c4_original", "open_lm_7b", 1.0)


def _held_out_error() -> float:
    """The measured average top-1 error (fraction) of exercise 10.1's held-out run."""
    dataset, shape, m = EXERCISE_10_1_RUN
    table = capabilities.run_table(dataset)
    return float(table.average_error(EXERCISE_10_1_TASKS)[table.index(shape, m)])


# 10.1 An 80 % interval for the RefinedWeb 6.9B model's 46-task average error, scored by the interval score.
declare(Interval(id="10.1", truth=_held_out_error, alpha=0.2, bar=0.08))

# 10.2 Questions a two-option task needs for a guesser's standard error of one point.
declare(Number(
    id="10.2", expected=lambda: 0.5 * 0.5 / EXERCISE_10_2_SE**2, rel_tol=0.01, unit="questions",
    hint="solve sqrt(p(1 - p)/n) = 0.01 for n with p = 0.5 (one point is 0.01, not 1).",
))


def _centred_hellaswag() -> float:
    dataset, shape, m, task = EXERCISE_10_3
    table = capabilities.run_table(dataset)
    k = table.tasks.index(task)
    return float(capabilities.centered_accuracy(table.accuracy[table.index(shape, m), k], table.chance[k]))


# 10.3 Centred 10-shot HellaSwag accuracy of the RedPajama 6.9B model.
declare(Number(
    id="10.3", expected=_centred_hellaswag, rel_tol=0.01, unit="(centred accuracy, a fraction)",
    hint="(accuracy − chance)/(1 − chance), with chance 0.25 for four options.",
))


def _c4_gap_points() -> float:
    source, target, shape, m = EXERCISE_10_4
    table = capabilities.run_table(source)
    small = table.N < capabilities.SMALL_RUN_LIMIT
    law = capabilities.fit_error_law(table.loss[small], table.average_error("17")[small])
    other = capabilities.run_table(target)
    i = other.index(shape, m)
    return float(100.0 * (other.average_error("17")[i] - law.error(other.loss[i])))


# 10.4 Points by which the C4 6.9B model's error exceeds RedPajama's Err(L) at its own C4 loss.
declare(Number(
    id="10.4", expected=_c4_gap_points, rel_tol=0.03, unit="points of error",
    hint="fit Err(L) on the RedPajama runs below 1B, evaluate it at the C4 run's loss, "
         "and give 100 × (measured − predicted).",
))
