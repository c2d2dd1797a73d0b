"""Exercises of chapter 1, power laws, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import kaplan, metrics, powerlaw, randomfeatures
from .registry import Choice, Function, Number, Slip, declare

#: The set-up of exercises 1.4 and 1.5: the chapter's experiment with another seed.
EXERCISE_SETUP = randomfeatures.Setup(seed=7)

# 1.1 How many times larger must N be to cut the loss by 10 % when L ∝ N^(−0.076)?
declare(Number(
    id="1.1", expected=lambda: powerlaw.scale_for_reduction(kaplan.ALPHA_N, 0.9), rel_tol=0.01,
    unit="× larger model", hint="solve 0.9 = k^(−α) for the growth factor k.",
))

# 1.2 How many doublings of data halve the loss when L ∝ D^(−0.095)?
declare(Number(
    id="1.2", expected=lambda: np.log2(powerlaw.scale_for_reduction(kaplan.ALPHA_D, 0.5)), rel_tol=0.01,
    unit="doublings", hint="each doubling multiplies the loss by 2^(−α); how many such factors make 1/2?",
))


def _reference_data(seed: int = 11) -> tuple[np.ndarray, np.ndarray]:
    """Noisy power-law data with known a = 3 and α = 0.4, for testing the student's fitter."""
    rng = np.random.default_rng(seed)
    x = np.logspace(0, 4, 9)
    return x, 3.0 * x**-0.4 * np.exp(rng.normal(0, 0.02, x.size))


def _a_and_alpha(fit: powerlaw.PowerLawFit) -> tuple[float, float]:
    return fit.a, fit.alpha


def _explain_fitter(x, y, got, want) -> str:
    if got[1] < 0 < want[1]:
        return "your alpha has the wrong sign: the law is a·x^(−α), so α is minus the slope."
    return (f"on x = {np.round(x, 3).tolist()} you returned a = {got[0]:.4g}, α = {got[1]:.4g}; "
            "that is not the least-squares line through (log x, log y).")


# 1.3 Implement fit_loglog(x, y) -> (a, alpha) by linear regression in log space.
declare(Function(
    id="1.3", name="fit_loglog", returns=("a", "alpha"),
    reference=lambda x, y: _a_and_alpha(powerlaw.fit_power_law(x, y)),
    cases=((np.array([1.0, 10.0, 100.0]), np.array([5.0, 2.5, 1.25])), _reference_data()),
    hidden=(
        "numpy.array([2.0, 20.0, 200.0, 2000.0]), numpy.array([7.0, 3.6, 1.7, 0.88])",
        "numpy.array([1.0, 3.0, 9.0, 27.0, 81.0]), numpy.array([0.9, 0.52, 0.31, 0.18, 0.1])",
        "numpy.array([10.0, 1000.0]), numpy.array([2.0, 0.5])",
    ),
    explain=_explain_fitter, passed="your fitter agrees with the least-squares fit in log space on two data sets.",
))


@cache
def _exponent_with_floor() -> float:
    sweep = randomfeatures.model_size_sweep(setup=EXERCISE_SETUP)
    return powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses).alpha


# 1.4 Fit E + A·P^(−α) to the seed-7 model-size sweep and report α.
declare(Number(
    id="1.4", expected=_exponent_with_floor, rel_tol=0.03, unit="(the exponent α)",
    hint="fit the law with a floor (fit_saturating_power_law), not a straight line.",
))

# 1.5 Why is the exponent of a straight-line fit smaller than the exponent with a floor?
declare(Choice(
    id="1.5", correct="b", options=("a", "b", "c"),
    why="near the floor the loss stops falling, so a straight line through all points is too flat.",
    hint="look at the largest models in the figure: what does the loss do there?",
))

# 1.6 Per-token accuracy needed for 50 % exact match on a 20-token answer.
declare(Number(
    id="1.6", expected=lambda: metrics.accuracy_for_exact_match(0.5, 20), rel_tol=0.002, unit="(a probability)",
    hint="exact match on m tokens is p^m; solve p^20 = 0.5.",
))

# --- Judgement: predict before you fit, and diagnose a flawed study -----------------------------

#: Exercise 1.7: a straight line through the chapter's ``EXERCISE_1_7_SMALLEST`` smallest models,
#: extrapolated to the largest.
EXERCISE_1_7_SMALLEST = 4


def _small_model_line_ratio(n_smallest: int = EXERCISE_1_7_SMALLEST) -> float:
    """Predicted / measured loss of the chapter's largest model, from a straight line through the smallest."""
    sweep = randomfeatures.model_size_sweep()
    line = powerlaw.fit_power_law(sweep.sizes[:n_smallest], sweep.losses[:n_smallest])
    return float(line.predict(sweep.sizes[-1]) / sweep.losses[-1])


# 1.7 A straight line through the 4 smallest models predicts the largest: predicted / measured loss.
declare(Number(
    id="1.7", expected=_small_model_line_ratio, rel_tol=0.03, unit="(predicted / measured)",
    hint="fit_power_law on sweep.sizes[:4] and sweep.losses[:4], then predict(512) / losses[-1].",
))

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


def _flawed_study_gap() -> float:
    """Floored / straight-line prediction at 1000× the largest model."""
    sizes, losses = flawed_study()
    far = FLAWED_STUDY_EXTRAPOLATION * sizes[-1]
    line = powerlaw.fit_power_law(sizes, losses).predict(far)
    return float(powerlaw.fit_saturating_power_law(sizes, losses).predict(far) / line)


# 1.8 The flawed study: how many times the floored fit's prediction at 1000× exceeds the straight line's.
declare(Number(
    id="1.8", expected=_flawed_study_gap, rel_tol=0.03, unit="(floored / straight-line prediction)",
    hint="predict the loss at 1000 × sizes[-1] with both fits and divide the floored one by the line's.",
    slips=(Slip(lambda gap: 1 / gap, "{value:.4g} is the straight line's prediction over the floored one: "
                                     "divide the other way round."),),
))


# 1.9 Decision with a rubric: which analysis of bending losses to report for a 100x extrapolation.
declare(Choice(
    id="1.9", correct="b", options=("a", "b", "c", "d"),
    why="the law with a floor matches the bend the data show, and its spread over seeds (or a bootstrap) "
        "says how loosely six points pin the floor; a larger run is the only real check.",
    hint="apply the rubric in order: which option matches the curvature, states its uncertainty, and keeps "
         "every measured point?",
))
