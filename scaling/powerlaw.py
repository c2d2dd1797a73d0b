"""Power laws y = a·x^(−α), with and without an irreducible floor, and their fits.

Chapter 1 builds everything here; chapters 2-6 use the fitters on their own data.

Two laws:

* pure power law      y = a · x^(−α)          a straight line of slope −α on log-log axes;
* saturating law      y = E + A · x^(−α)      bends to the floor E as x grows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from . import _validate as check


def power_law(x, a, alpha):
    """Evaluate y = a·x^(−α) for x > 0 (any units). Used in chapter 1."""
    x = check.positive(x, "x")
    a = check.positive(a, "The coefficient a")
    alpha = check._as_float(alpha, "The exponent alpha")
    return a * x ** (-alpha)


def saturating_power_law(x, E, A, alpha):
    """Evaluate y = E + A·x^(−α): a power law that levels off at the floor E. Used in chapter 1."""
    x = check.positive(x, "x")
    E = check.nonnegative(E, "The floor E")
    A = check.positive(A, "The coefficient A")
    alpha = check.positive(alpha, "The exponent alpha")
    return E + A * x ** (-alpha)


def gain_per_doubling(alpha):
    """Factor by which y = a·x^(−α) is multiplied when x doubles: 2^(−α).

    For α = 0.076 (Kaplan's model-size exponent) this is 0.949: a 5.1 % drop. Used in chapter 1.
    """
    alpha = check.in_range(alpha, "The exponent alpha", 0.0, 10.0)
    return 2.0 ** (-alpha)


def gain_per_tenfold(alpha):
    """Factor by which y = a·x^(−α) is multiplied when x grows 10×: 10^(−α). Used in chapter 1."""
    alpha = check.in_range(alpha, "The exponent alpha", 0.0, 10.0)
    return 10.0 ** (-alpha)


def scale_for_reduction(alpha, factor):
    """How many times larger x must be to multiply y by ``factor`` (< 1): factor^(−1/α).

    Example: to halve the loss with α = 0.1 takes 2^10 = 1024× more of x. Used in chapter 1.
    """
    alpha = check.in_range(alpha, "The exponent alpha", 0.0, 10.0, low_open=True)
    factor = check.in_range(factor, "The reduction factor", 0.0, 1.0, low_open=True)
    return factor ** (-1.0 / alpha)


@dataclass(frozen=True)
class PowerLawFit:
    """Result of fitting y = a·x^(−α) by least squares on log y against log x."""

    a: float
    alpha: float
    r_squared: float

    def predict(self, x):
        """The fitted law at ``x``."""
        return power_law(x, self.a, self.alpha)


def fit_power_law(x, y) -> PowerLawFit:
    """Fit y = a·x^(−α) by ordinary least squares in log space.

    log y = log a − α·log x is a straight line, so the fit is a linear regression.
    Needs at least two distinct positive x and positive y. Used in chapters 1-6.
    """
    x, y = check.positive_columns(2, (x, "x", ""), (y, "y", ""))
    log_x, log_y = np.log(x), np.log(y)
    if np.ptp(log_x) == 0:
        raise ValueError("x must contain at least two different values to fit a slope.")
    slope, intercept = np.polyfit(log_x, log_y, 1)
    residual = log_y - (intercept + slope * log_x)
    total = np.sum((log_y - log_y.mean()) ** 2)
    r_squared = 1.0 - np.sum(residual**2) / total if total > 0 else 1.0
    return PowerLawFit(a=float(np.exp(intercept)), alpha=float(-slope), r_squared=float(r_squared))


@dataclass(frozen=True)
class SaturatingFit:
    """Result of fitting y = E + A·x^(−α).

    ``objective`` is the robust loss reached: the sum of Huber losses of log residuals.
    """

    E: float
    A: float
    alpha: float
    objective: float

    def predict(self, x):
        """The fitted law at ``x``."""
        return saturating_power_law(x, self.E, self.A, self.alpha)


def _log_model(theta, log_x):
    """log(E + A·x^(−α)) with E = e^θ0, A = e^θ1, α = θ2, computed stably (log-sum-exp)."""
    log_e, log_a, alpha = theta
    return np.logaddexp(log_e, log_a - alpha * log_x)


def _jacobian(theta, log_x, _log_y):
    """Exact derivatives of the log-model residuals with respect to (log E, log A, α)."""
    log_e, log_a, alpha = theta
    term = log_a - alpha * log_x
    share = np.exp(term - np.logaddexp(log_e, term))  # share of y explained by the power-law term
    return np.column_stack([1.0 - share, share, -share * log_x])


def _residuals(theta, log_x, log_y):
    return _log_model(theta, log_x) - log_y


_GRID_POINTS = 1000
_EXTRA_STARTS = 2


def _grid_starts(log_x, log_y, y_min, count=_EXTRA_STARTS + 1):
    """Starting points from a coarse grid over (α, E), with the best A for each in closed form.

    Fitting from the best of 1,200 grid points avoids the local minima a single guess can
    fall into, at the cost of one vectorised evaluation instead of many optimiser runs.
    Returns the best grid point first, then the best point of each of the next-best floors
    (``count`` in all): a start whose floor is near zero can stall on the plateau where E no
    longer changes the fit, and another floor rescues it. Above _GRID_POINTS points the grid
    is scored on that many evenly spread points, so its memory stays bounded.
    """
    if log_x.size > _GRID_POINTS:
        keep = np.unique(np.linspace(0, log_x.size - 1, _GRID_POINTS).round().astype(int))
        log_x, log_y = log_x[keep], log_y[keep]
    alphas = np.linspace(0.02, 3.0, 60)[:, None, None]
    floors = (y_min * np.linspace(0.0, 0.98, 20))[None, :, None]
    log_reducible = np.log(np.exp(log_y)[None, None, :] - floors)
    log_a = np.mean(log_reducible + alphas * log_x, axis=-1, keepdims=True)
    fitted = np.log(floors + np.exp(log_a - alphas * log_x))
    cost = np.sum((fitted - log_y) ** 2, axis=-1)
    best_alpha = np.argmin(cost, axis=0)  # per floor
    floor_order = np.argsort(cost[best_alpha, np.arange(cost.shape[1])], kind="stable")
    starts = []
    for j in floor_order[:count]:
        i = best_alpha[j]
        floor = max(float(floors[0, j, 0]), 1e-6 * y_min)
        starts.append(np.array([np.log(floor), float(log_a[i, j, 0]), float(alphas[i, 0, 0])]))
    return starts


def _best_of(starts, log_x, log_y, delta):
    """The trust-region fit from each start; a later start replaces the first only if clearly better."""
    result, best = None, np.inf
    for start in starts:
        trial = least_squares(
            _residuals,
            start,
            jac=_jacobian,
            args=(log_x, log_y),
            loss="huber",
            f_scale=delta,
            method="trf",
            x_scale="jac",
            xtol=1e-12,
            ftol=1e-12,
            gtol=1e-12,
            max_nfev=2000,
        )
        objective = _huber_sum(trial.fun, delta)
        if objective < best * (1 - 1e-6):
            result, best = trial, objective
    return result


def fit_saturating_power_law(x, y, *, delta: float = 1e-3) -> SaturatingFit:
    """Fit y = E + A·x^(−α) robustly.

    Minimises the sum of Huber losses (threshold ``delta``) of log residuals
    log(E + A·x^(−α)) − log y, the objective Hoffmann et al. (2022) used, with exact
    derivatives (scipy's trust-region least squares). E and A are fitted as logarithms so
    they stay positive. The optimiser starts from the best point of a grid over α in
    [0.02, 3] and E in [0, 0.98·min y] (and from the best points of two other floors,
    keeping the lowest objective). Needs at least four points, and refuses data that do
    not fall with x (a fitted α ≤ 0). Cost grows linearly with the points: 10^6 points take a few
    seconds and about 250 MB. Used in chapters 1 and 3.
    """
    x, y = check.positive_columns(4, (x, "x", ""), (y, "y", ""))
    delta = check.positive(delta, "The Huber threshold delta")
    log_x, log_y = np.log(x), np.log(y)
    if np.ptp(log_x) == 0:
        raise ValueError("x must contain at least two different values to fit a law.")
    starts = _grid_starts(log_x, log_y, y.min())
    if log_x.size > _GRID_POINTS:  # choose among the starts on a subsample, then fit all points once
        keep = np.unique(np.linspace(0, log_x.size - 1, _GRID_POINTS).round().astype(int))
        starts = [_best_of(starts, log_x[keep], log_y[keep], delta).x]
    result = _best_of(starts, log_x, log_y, delta)
    log_e, log_a, alpha = result.x
    if alpha <= 0:
        raise ValueError(
            f"y does not fall with x (the best fit has alpha = {alpha:.3g}); a saturating power law "
            "needs values that decrease towards a floor as x grows."
        )
    return SaturatingFit(
        E=float(np.exp(log_e)), A=float(np.exp(log_a)), alpha=float(alpha), objective=_huber_sum(result.fun, delta)
    )


def _huber_sum(residuals, delta):
    """Σ Huber_δ(r): r²/2 inside |r| ≤ δ, δ·(|r| − δ/2) outside."""
    r = np.abs(residuals)
    return float(np.sum(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))))


def best_coefficient(x, y, E, alpha):
    """For a fixed floor E and exponent α, the coefficient A that best fits y ≈ E + A·x^(−α).

    In log space log(y − E) = log A − α·log x, so the least-squares log A is a mean.
    Returns (A, rms) where rms is the root-mean-square miss of the law in log y.
    E must lie below every y. Used by the chapter 1 widget.
    """
    x = check.samples(x, "x", 1)
    y = check.samples(y, "y", 1)
    check.same_length("x", x, "y", y)
    check.positive(x, "x")
    E = check.nonnegative(E, "The floor E")
    alpha = check.positive(alpha, "The exponent alpha")
    if E >= y.min():
        raise ValueError(
            f"The floor E must lie below every measured value (the smallest is {y.min():.4g}), got {E:.4g}."
        )
    log_a = np.mean(np.log(y - E) + alpha * np.log(x))
    fitted = E + np.exp(log_a) * x**-alpha
    return float(np.exp(log_a)), float(np.sqrt(np.mean(np.log(fitted / y) ** 2)))


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
