"""The bootstrap of an Approach-3 fit: every resample refitted at once.

Used in chapter 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .. import _validate as check
from .parametric import HUBER_DELTA, Approach3Fit, _levenberg_marquardt, _prepare, _require_spread, fit

# =============================================================================================
# Bootstrap
# =============================================================================================

BOOTSTRAP_QUANTITIES = ("E", "A", "B", "alpha", "beta", "a_N")

#: Largest n_resamples × points a bootstrap accepts (its resample counts take 8 bytes each: 160 MB).
MAX_RESAMPLED_POINTS = 20_000_000


@dataclass(frozen=True)
class BootstrapResult:
    """Bootstrap of an Approach-3 fit.

    ``estimate`` is the fit on all the data; ``samples`` an (n_usable, 6) array with columns
    E, A, B, alpha, beta, a_N (see :data:`BOOTSTRAP_QUANTITIES`), one row per resample whose refit
    is a law (positive exponents, finite scales); ``n_failed`` counts the resamples left out.
    ``standard_errors`` and ``intervals`` (percentile intervals at level ``confidence``) map each
    name to a value.
    """

    estimate: Approach3Fit
    samples: np.ndarray
    standard_errors: MappingProxyType
    intervals: MappingProxyType
    confidence: float
    n_resamples: int
    seed: int
    n_failed: int = 0

    def covers(self, name: str, value: float) -> bool:
        """True when ``value`` lies inside the percentile interval of ``name``."""
        if name not in BOOTSTRAP_QUANTITIES:
            raise ValueError(f"name must be one of {', '.join(BOOTSTRAP_QUANTITIES)}, got {check.shown(name)}.")
        low, high = self.intervals[name]
        return low <= value <= high


def bootstrap(
    N,
    D,
    loss,
    *,
    n_resamples=1000,
    confidence=0.95,
    seed=0,
    delta=HUBER_DELTA,
    estimate: Approach3Fit | None = None,
    clusters=None,
) -> BootstrapResult:
    """Resample the data points with replacement and refit, all resamples at once.

    Each resample is a vector of multinomial counts (a resample drawn with replacement is the
    data weighted by how often each point was drawn); all refits start from the point estimate
    (``estimate``, by default :func:`fit` on the data) and advance together by batched damped
    Newton steps with exact derivatives. Returns standard errors and percentile intervals for E, A, B, α, β and
    the implied a_N = β/(α+β). Inputs as in :func:`fit`; ``seed`` seeds
    ``numpy.random.default_rng``. A resample whose refit is not a law (an exponent ≤ 0 or a scale
    beyond floating point) is left out and counted in ``n_failed``; when fewer than half the
    resamples are usable the data are refused as too degenerate to bootstrap.
    ``clusters`` (optional, one label per point, for example the model size N): resample whole
    clusters with replacement instead of points (a clustered bootstrap). Runs of one model size
    share its architecture and training code, so their errors are not independent; resampling
    sizes shows how much the fit depends on *which* sizes were trained.
    Limit: n_resamples × points ≤ 2·10^7 (the resample counts take 8 bytes each).
    Used in chapters 3 and 8.
    """
    x, y, t, dl = _prepare(N, D, loss, delta)
    count = check.integer(n_resamples, "The number of resamples", minimum=10)
    if count * x.size > MAX_RESAMPLED_POINTS:
        raise ValueError(
            f"{count} resamples of {x.size} points would weigh {count * x.size:.3g} counts; the limit is "
            f"{MAX_RESAMPLED_POINTS:.0e}. Use fewer resamples."
        )
    level = check.in_range(confidence, "The confidence level", 0.0, 1.0, low_open=True, high_open=True)
    seed = check.integer(seed, "The seed", minimum=0)
    if estimate is None:
        estimate = fit(N, D, loss, delta=dl)
    elif not isinstance(estimate, Approach3Fit):
        raise ValueError(f"estimate must be an Approach3Fit returned by chinchilla.fit, got {check.shown(estimate)}.")
    _require_spread(x, y, t)
    rng = np.random.default_rng(seed)
    n = x.size
    if clusters is None:
        counts = rng.multinomial(n, np.full(n, 1.0 / n), size=count).astype(float)
    else:
        labels = np.asarray(clusters)
        if labels.shape != (n,):
            raise ValueError(f"clusters needs one label per data point ({n}), got shape {labels.shape}.")
        _, member = np.unique(labels, return_inverse=True)
        k = int(member.max()) + 1
        if k < 3:
            raise ValueError(f"A clustered bootstrap needs at least 3 clusters, got {k}.")
        counts = rng.multinomial(k, np.full(k, 1.0 / k), size=count).astype(float)[:, member]
    theta0 = np.tile(
        np.array([estimate.log_A, estimate.log_B, estimate.log_E, estimate.alpha, estimate.beta]), (count, 1)
    )
    theta, _ = _levenberg_marquardt(theta0, x, y, t, dl, 500, counts=counts)
    usable = (
        np.all(np.isfinite(theta), axis=1)
        & (theta[:, 3] > 0)
        & (theta[:, 4] > 0)
        & np.all(np.abs(theta[:, :3]) < 700, axis=1)
    )
    if usable.sum() < max(10, count / 2):
        raise ValueError(
            f"Only {int(usable.sum())} of {count} resamples gave a usable fit (positive exponents, finite "
            "scales): the data are too few or too degenerate to bootstrap. Add runs at more distinct N and D."
        )
    theta = theta[usable]
    alpha, beta = theta[:, 3], theta[:, 4]
    samples = np.column_stack(
        [
            np.exp(theta[:, 2]),
            np.exp(theta[:, 0]),
            np.exp(theta[:, 1]),
            alpha,
            beta,
            beta / (alpha + beta),
        ]
    )
    tail = 50.0 * (1.0 - level)
    low, high = np.percentile(samples, [tail, 100.0 - tail], axis=0)
    se = samples.std(axis=0, ddof=1)
    return BootstrapResult(
        estimate=estimate,
        samples=samples,
        standard_errors=MappingProxyType({k: float(v) for k, v in zip(BOOTSTRAP_QUANTITIES, se)}),
        intervals=MappingProxyType({k: (float(lo), float(hi)) for k, lo, hi in zip(BOOTSTRAP_QUANTITIES, low, high)}),
        confidence=float(level),
        n_resamples=count,
        seed=seed,
        n_failed=int(count - usable.sum()),
    )


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
