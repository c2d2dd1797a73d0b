"""Exercises of chapter 1, power laws. Expected values are computed by the package, never typed."""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from .. import kaplan, metrics, powerlaw, randomfeatures
from .graders import Verdict, as_number, choice, function_check, number
from .registry import exercise

#: The set-up of exercises 1.4 and 1.5: the chapter's experiment with another seed.
EXERCISE_SETUP = randomfeatures.Setup(seed=7)


@exercise("1.1")
def growth_for_ten_percent(answer) -> Verdict:
    """How many times larger must N be to cut the loss by 10 % when L ∝ N^(−0.076)?"""
    expected = powerlaw.scale_for_reduction(kaplan.ALPHA_N, 0.9)
    return number(answer, expected, rel_tol=0.01, unit="× larger model",
                  hint="solve 0.9 = k^(−α) for the growth factor k.")


@exercise("1.2")
def doublings_to_halve(answer) -> Verdict:
    """How many doublings of data halve the loss when L ∝ D^(−0.095)?"""
    expected = np.log2(powerlaw.scale_for_reduction(kaplan.ALPHA_D, 0.5))
    return number(answer, expected, rel_tol=0.01, unit="doublings",
                  hint="each doubling multiplies the loss by 2^(−α); how many such factors make 1/2?")


def _reference_data(seed: int = 11) -> tuple[np.ndarray, np.ndarray, float, float]:
    """Noisy power-law data with known a = 3 and α = 0.4, for testing the student's fitter."""
    rng = np.random.default_rng(seed)
    x = np.logspace(0, 4, 9)
    return x, 3.0 * x**-0.4 * np.exp(rng.normal(0, 0.02, x.size)), 3.0, 0.4


def _judge_fitter(x, y, result) -> str | None:
    a, alpha = result
    reference = powerlaw.fit_power_law(x, y)
    if alpha < 0 < reference.alpha:
        return "your alpha has the wrong sign: the law is a·x^(−α), so α is minus the slope."
    if not (np.isclose(a, reference.a, rtol=1e-6) and np.isclose(alpha, reference.alpha, rtol=1e-6)):
        return (f"on x = {np.round(x, 3).tolist()} you returned a = {a:.4g}, α = {alpha:.4g}; "
                "that is not the least-squares line through (log x, log y).")
    return None


@exercise("1.3")
def loglog_fitter(answer) -> Verdict:
    """Implement fit_loglog(x, y) -> (a, alpha) by linear regression in log space."""
    cases = [(np.array([1.0, 10.0, 100.0]), np.array([5.0, 2.5, 1.25])), _reference_data()[:2]]
    return function_check(answer, "fit_loglog", cases, _judge_fitter,
                          "your fitter agrees with the least-squares fit in log space on two data sets.",
                          returns=("a", "alpha"))


@cache
def _exponent_with_floor() -> float:
    sweep = randomfeatures.model_size_sweep(setup=EXERCISE_SETUP)
    return powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses).alpha


@exercise("1.4")
def floor_exponent(answer) -> Verdict:
    """Fit E + A·P^(−α) to the seed-7 model-size sweep and report α."""
    return number(answer, _exponent_with_floor(), rel_tol=0.03, unit="(the exponent α)",
                  hint="fit the law with a floor (fit_saturating_power_law), not a straight line.")


@exercise("1.5")
def naive_bias(answer) -> Verdict:
    """Why is the exponent of a straight-line fit smaller than the exponent with a floor?"""
    return choice(
        answer, "b", ("a", "b", "c"),
        why="near the floor the loss stops falling, so a straight line through all points is too flat.",
        hint="look at the largest models in the figure: what does the loss do there?",
    )


@exercise("1.6")
def token_accuracy_needed(answer) -> Verdict:
    """Per-token accuracy needed for 50 % exact match on a 20-token answer."""
    expected = metrics.accuracy_for_exact_match(0.5, 20)
    return number(answer, expected, rel_tol=0.002, unit="(a probability)",
                  hint="exact match on m tokens is p^m; solve p^20 = 0.5.")


# --- Judgement: predict before you fit, and diagnose a flawed study -----------------------------

#: Exercise 1.7: a straight line through the chapter's ``EXERCISE_1_7_SMALLEST`` smallest models,
#: extrapolated to the largest.
EXERCISE_1_7_SMALLEST = 4


def small_model_line_ratio(n_smallest: int = EXERCISE_1_7_SMALLEST) -> float:
    """Predicted / measured loss of the chapter's largest model, from a straight line through the smallest."""
    sweep = randomfeatures.model_size_sweep()
    line = powerlaw.fit_power_law(sweep.sizes[:n_smallest], sweep.losses[:n_smallest])
    return float(line.predict(sweep.sizes[-1]) / sweep.losses[-1])


@exercise("1.7")
def predict_before_fitting(answer) -> Verdict:
    """A straight line through the 4 smallest models predicts the largest: predicted / measured loss."""
    return number(answer, small_model_line_ratio(), rel_tol=0.03, unit="(predicted / measured)",
                  hint="fit_power_law on sweep.sizes[:4] and sweep.losses[:4], then predict(512) / losses[-1].")


#: Exercise 1.8: the flawed study's hidden law (E, A, α), its sizes, noise and seed, and how far it extrapolates.
FLAWED_STUDY_LAW = (1.8, 60.0, 0.3)
FLAWED_STUDY_SIZES = tuple(float(v) for v in np.geomspace(1e6, 3.2e7, 6))
FLAWED_STUDY_NOISE = 0.003
FLAWED_STUDY_SEED = 8
FLAWED_STUDY_EXTRAPOLATION = 1000.0


def flawed_study() -> tuple[np.ndarray, np.ndarray]:
    """The (model sizes, losses) of exercise 1.8: six models whose losses bend towards a floor."""
    floor, coefficient, alpha = FLAWED_STUDY_LAW
    sizes = np.array(FLAWED_STUDY_SIZES)
    rng = np.random.default_rng(FLAWED_STUDY_SEED)
    losses = powerlaw.saturating_power_law(sizes, floor, coefficient, alpha) * np.exp(
        rng.normal(0.0, FLAWED_STUDY_NOISE, sizes.size))
    return sizes, losses


def flawed_study_gap() -> tuple[float, float]:
    """(floored / straight-line prediction, straight-line / floored) at 1000× the largest model."""
    sizes, losses = flawed_study()
    far = FLAWED_STUDY_EXTRAPOLATION * sizes[-1]
    line = powerlaw.fit_power_law(sizes, losses).predict(far)
    floored = powerlaw.fit_saturating_power_law(sizes, losses).predict(far)
    return float(floored / line), float(line / floored)


@exercise("1.8")
def diagnose_flawed_study(answer) -> Verdict:
    """The flawed study: how many times the floored fit's prediction at 1000× exceeds the straight line's."""
    expected, inverted = flawed_study_gap()
    value = as_number(answer)
    if value is not None and math.isclose(value, inverted, rel_tol=0.03):
        return Verdict("fail", f"{value:.4g} is the straight line's prediction over the floored one: "
                               "divide the other way round.")
    return number(answer, expected, rel_tol=0.03, unit="(floored / straight-line prediction)",
                  hint="predict the loss at 1000 × sizes[-1] with both fits and divide the floored one by the line's.")


@exercise("1.9")
def decide_what_to_report(answer) -> Verdict:
    """Decision with a rubric: which analysis of bending losses to report for a 100x extrapolation."""
    return choice(
        answer, "b", ("a", "b", "c", "d"),
        why="the law with a floor matches the bend the data show, and its spread over seeds (or a bootstrap) "
            "says how loosely six points pin the floor; a larger run is the only real check.",
        hint="apply the rubric in order: which option matches the curvature, states its uncertainty, and keeps "
             "every measured point?",
    )
