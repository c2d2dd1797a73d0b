"""Chinchilla-like experiments generated from a known loss law, with seeded noise.

The course ships no third-party data: every "experiment" in chapter 3 is drawn from a
:class:`scaling.chinchilla.ChinchillaLaw` (by default the rounded Hoffmann et al. 2022 fit)
with multiplicative noise, loss × exp(σ·ε), ε standard normal, from
``numpy.random.default_rng(seed)``. Because the truth is known, every fitting approach can be
checked against it.

Three shapes of data, one per approach of Hoffmann et al. §3:

* :func:`training_curves`: model sizes, each with a loss curve over the tokens seen (Approach 1);
* :func:`isoflop_grid`: IsoFLOP profiles, several sizes per budget (Approach 2);
* :func:`loss_dataset`: a flat table of (N, D, loss) runs (Approach 3).

Used in chapter 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check
from .chinchilla import HOFFMANN_ROUNDED, ISOFLOP_BUDGETS, ChinchillaLaw, compute_optimal
from .compute import tokens_for_budget, training_flops

#: Model sizes of the synthetic family: 24 sizes from 44M to 16B parameters, log-spaced
#: (the span of Hoffmann et al. 2022, Table A9).
MODEL_SIZES = tuple(float(v) for v in np.geomspace(44e6, 16e9, 24))


#: Most checkpoints per curve, or sizes per IsoFLOP budget, the generators accept (memory and time).
MAX_POINTS_PER_SERIES = 10_000


def _at_most(count, name):
    if count > MAX_POINTS_PER_SERIES:
        raise ValueError(f"{name} must be at most {MAX_POINTS_PER_SERIES:,}, got {count:,}.")
    return count


@dataclass(frozen=True)
class TrainingCurves:
    """Loss curves: ``loss[i, j]`` (nats per token) of model ``n_params[i]`` after ``tokens[i, j]`` tokens."""

    n_params: np.ndarray
    tokens: np.ndarray
    loss: np.ndarray
    law: ChinchillaLaw
    noise: float
    seed: int

    @property
    def flops(self) -> np.ndarray:
        """6·N·D at every checkpoint, FLOPs."""
        return training_flops(self.n_params[:, None], self.tokens)


@dataclass(frozen=True)
class IsoFLOPGrid:
    """IsoFLOP runs, one entry per run: budget ``flops``, ``n_params``, ``tokens`` = C/(6N), final ``loss``."""

    flops: np.ndarray
    n_params: np.ndarray
    tokens: np.ndarray
    loss: np.ndarray
    law: ChinchillaLaw
    noise: float
    seed: int


@dataclass(frozen=True)
class LossDataset:
    """Final losses of individual runs: ``n_params``, ``tokens``, ``flops`` = 6ND and ``loss`` per run."""

    n_params: np.ndarray
    tokens: np.ndarray
    flops: np.ndarray
    loss: np.ndarray
    law: ChinchillaLaw
    noise: float
    seed: int


def _law(law) -> ChinchillaLaw:
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(
            f"law must be a ChinchillaLaw (for example chinchilla.HOFFMANN_ROUNDED), got {check.shown(law)}."
        )
    return law


def _noisy(law, n, d, noise, rng):
    return law.loss(n, d) * np.exp(noise * rng.standard_normal(np.shape(n)))


def training_curves(
    law: ChinchillaLaw = HOFFMANN_ROUNDED,
    model_sizes=MODEL_SIZES,
    *,
    min_flops=1e17,
    max_flops=3e21,
    n_checkpoints=40,
    noise=0.001,
    seed=0,
) -> TrainingCurves:
    """Training curves for Approach 1: each model trained up to ``max_flops`` FLOPs, loss logged on the way.

    Model i is trained on max_flops/(6·N_i) tokens; its loss is recorded at ``n_checkpoints`` (at most 10,000)
    log-spaced token counts from min_flops/(6·N_i). Simplification: the loss at an intermediate
    checkpoint is the final-loss law at that token count. Real curves are not: under a cosine
    schedule sized for the full run, the loss part-way through is higher than the final loss of
    a shorter run with its own schedule, which is why Hoffmann et al. trained each size at
    several horizons. The noise is independent per checkpoint (real curves are smoother); keep
    it small (default 0.1%): near the optimum the loss is flat in N, so the envelope's choice
    of model, and Approach 1's a_N, is sensitive to checkpoint noise.
    ``model_sizes`` in parameters, FLOPs in FLOPs, ``noise`` the σ of the log-loss noise.
    Used in chapter 3.
    """
    law = _law(law)
    sizes = check.samples(model_sizes, "The model sizes", minimum=3)
    check.positive(sizes, "The model sizes", "parameters")
    lo = check.positive(min_flops, "The smallest checkpoint compute", "FLOPs")
    hi = check.positive(max_flops, "The largest training compute", "FLOPs")
    if hi <= lo:
        raise ValueError(f"max_flops must exceed min_flops, got {hi:g} and {lo:g}.")
    k = _at_most(check.integer(n_checkpoints, "The number of checkpoints", minimum=2), "The number of checkpoints")
    sigma = check.nonnegative(noise, "The noise level")
    seed = check.integer(seed, "The seed", minimum=0)
    rng = np.random.default_rng(seed)
    budgets = np.geomspace(lo, hi, k)
    tokens = tokens_for_budget(budgets[None, :], sizes[:, None])
    n = np.broadcast_to(sizes[:, None], tokens.shape)
    return TrainingCurves(
        n_params=sizes, tokens=tokens, loss=_noisy(law, n, tokens, sigma, rng), law=law, noise=sigma, seed=seed
    )


def isoflop_grid(
    law: ChinchillaLaw = HOFFMANN_ROUNDED,
    budgets=ISOFLOP_BUDGETS,
    *,
    n_sizes=9,
    half_width_decades=0.8,
    offset_decades=0.0,
    noise=0.005,
    seed=0,
) -> IsoFLOPGrid:
    """IsoFLOP profiles for Approach 2: at each budget, ``n_sizes`` model sizes (at most 10,000) trained on D = C/(6N).

    The sizes are log-spaced over ±``half_width_decades`` around the law's true optimum, shifted
    by ``offset_decades`` (a real experimenter does not know the optimum: shift the grid, or
    see :func:`scaling.chinchilla.isoflop_grid_effect`, to show what that costs).
    ``budgets`` in FLOPs; ``noise`` the σ of the log-loss noise. Used in chapter 3.
    """
    law = _law(law)
    c = check.samples(budgets, "The budgets", minimum=1)
    check.positive(c, "The budgets", "FLOPs")
    k = _at_most(check.integer(n_sizes, "The number of sizes per budget", minimum=3), "The number of sizes per budget")
    w = check.positive(half_width_decades, "The grid half-width", "decades")
    shift = check._as_float(offset_decades, "The grid offset (decades)")
    sigma = check.nonnegative(noise, "The noise level")
    seed = check.integer(seed, "The seed", minimum=0)
    rng = np.random.default_rng(seed)
    centre = np.log10(compute_optimal(c, law).N) + shift
    n = 10 ** (np.atleast_1d(centre)[:, None] + np.linspace(-w, w, k)[None, :])
    flops = np.broadcast_to(c[:, None], n.shape).ravel()
    n = n.ravel()
    d = tokens_for_budget(flops, n)
    return IsoFLOPGrid(
        flops=flops.copy(), n_params=n, tokens=d, loss=_noisy(law, n, d, sigma, rng), law=law, noise=sigma, seed=seed
    )


def loss_dataset(
    law: ChinchillaLaw = HOFFMANN_ROUNDED,
    budgets=ISOFLOP_BUDGETS,
    *,
    model_sizes=MODEL_SIZES,
    min_tokens_per_param=0.5,
    max_tokens_per_param=500.0,
    noise=0.01,
    seed=0,
) -> LossDataset:
    """A flat (N, D, loss) table for Approach 3, shaped like the data of Hoffmann et al. Fig. 4.

    Every model size of ``model_sizes`` (parameters) is trained at every budget of ``budgets``
    (FLOPs) for which its tokens per parameter D/N lies in [min_tokens_per_param,
    max_tokens_per_param]. ``noise`` is the σ of the log-loss noise. Used in chapter 3.
    """
    law = _law(law)
    c = check.samples(budgets, "The budgets", minimum=1)
    check.positive(c, "The budgets", "FLOPs")
    sizes = check.samples(model_sizes, "The model sizes", minimum=2)
    check.positive(sizes, "The model sizes", "parameters")
    lo = check.positive(min_tokens_per_param, "The smallest tokens per parameter")
    hi = check.positive(max_tokens_per_param, "The largest tokens per parameter")
    if hi <= lo:
        raise ValueError(f"max_tokens_per_param must exceed min_tokens_per_param, got {hi:g} and {lo:g}.")
    sigma = check.nonnegative(noise, "The noise level")
    seed = check.integer(seed, "The seed", minimum=0)
    n = np.broadcast_to(sizes[None, :], (c.size, sizes.size))
    flops = np.broadcast_to(c[:, None], n.shape)
    d = tokens_for_budget(flops, n)
    keep = (d / n >= lo) & (d / n <= hi)
    if keep.sum() < 6:
        raise ValueError(
            f"Only {int(keep.sum())} (size, budget) pairs have between {lo:g} and {hi:g} tokens per "
            "parameter; Approach 3 needs at least 6. Widen the budgets, sizes or ratio range."
        )
    n, d, flops = n[keep], d[keep], flops[keep]
    rng = np.random.default_rng(seed)
    return LossDataset(
        n_params=n.copy(),
        tokens=d.copy(),
        flops=flops.copy(),
        loss=_noisy(law, n, d, sigma, rng),
        law=law,
        noise=sigma,
        seed=seed,
    )


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
