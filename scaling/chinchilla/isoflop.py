"""Approach 2 of Hoffmann et al. 2022 (§3.2): IsoFLOP profiles, and how the grid of sizes moves the answer.

Used in chapter 3.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from .. import _validate as check
from ..compute import tokens_for_budget
from .frontier import FitWarning, FrontierFit, GridEdgeWarning, _frontier
from .law import GOPHER_BUDGET_FLOPS, HOFFMANN_ROUNDED, ChinchillaLaw, _check_law, compute_optimal

# =============================================================================================
# Approach 2: IsoFLOP profiles
# =============================================================================================


@dataclass(frozen=True)
class IsoFLOPProfile:
    """One IsoFLOP profile's parabola loss = curvature·(ln N − ln N_opt)² + loss_opt."""

    flops: float
    n_opt: float
    loss_opt: float
    curvature: float
    n_min: float
    n_max: float

    @property
    def bracketed(self) -> bool:
        """True when the parabola's minimum lies inside the sizes that were trained."""
        return self.n_min <= self.n_opt <= self.n_max


def _group_budgets(c):
    """Indices grouped by budget, treating budgets equal to 1 part in 10^9 as the same."""
    order = np.argsort(c)
    sc = c[order]
    breaks = np.nonzero(sc[1:] > sc[:-1] * (1 + 1e-9))[0] + 1
    return [order[g] for g in np.split(np.arange(c.size), breaks)]


#: A profile whose parabola rises by less than this share of its loss across the sizes trained is
#: flat: its curvature is rounding, not data (all-equal losses once gave a curvature of 3.7e-17).
FLAT_SHARE = 1e-9


def isoflop_profiles(flops, n_params, loss) -> list:
    """Fit a parabola in ln N to the final losses of each budget; one :class:`IsoFLOPProfile` per budget.

    ``flops`` (FLOPs), ``n_params`` (parameters) and ``loss`` (nats per token) are flat arrays,
    one entry per run; runs with the same budget form a profile (at least 3 runs each).
    Used in chapter 3.
    """
    c, n, L = check.positive_columns(
        3,
        (flops, "The budgets C", "FLOPs"),
        (n_params, "The model sizes N", "parameters"),
        (loss, "The losses", "nats per token"),
    )
    profiles = []
    for idx in _group_budgets(c):
        budget = float(np.exp(np.mean(np.log(c[idx]))))
        if idx.size < 3:
            raise ValueError(
                f"The IsoFLOP profile at {budget:.3g} FLOPs has {idx.size} runs; a parabola needs at least 3."
            )
        x = np.log(n[idx])
        distinct = np.unique(x).size
        if distinct < 3:
            raise ValueError(
                f"The IsoFLOP profile at {budget:.3g} FLOPs has {distinct} distinct model sizes; a parabola "
                "needs at least 3."
            )
        centre = x.mean()
        c2, c1, c0 = np.polyfit(x - centre, L[idx], 2)
        if c2 <= 0:
            raise ValueError(
                f"The IsoFLOP profile at {budget:.3g} FLOPs curves downwards (no minimum); "
                "train sizes on both sides of its optimum."
            )
        if c2 * np.ptp(x) ** 2 <= FLAT_SHARE * np.mean(L[idx]):
            raise ValueError(
                f"The IsoFLOP profile at {budget:.3g} FLOPs is flat: its losses barely change with N, so it has "
                "no minimum to find. Train sizes further apart, on both sides of the optimum."
            )
        x_opt = -c1 / (2 * c2)
        if abs(x_opt) > 50 + np.ptp(x):
            raise ValueError(
                f"The IsoFLOP profile at {budget:.3g} FLOPs is almost flat: its parabola's minimum lies "
                "many decades away from the sizes trained, so it has no usable minimum."
            )
        profiles.append(
            IsoFLOPProfile(
                flops=budget,
                n_opt=float(np.exp(centre + x_opt)),
                loss_opt=float(c0 - c1 * c1 / (4 * c2)),
                curvature=float(c2),
                n_min=float(np.exp(x.min())),
                n_max=float(np.exp(x.max())),
            )
        )
    return profiles


def fit_isoflop(flops, n_params, loss) -> FrontierFit:
    """Approach 2: per IsoFLOP profile, the minimum of a parabola in ln N gives N_opt; then power laws.

    Inputs as in :func:`isoflop_profiles` (at least 2 budgets). A :class:`GridEdgeWarning` is
    issued for each profile whose minimum lies outside the sizes trained (the grid never
    brackets it); those profiles are still used. Returns a :class:`FrontierFit`.
    Used in chapter 3.
    """
    profiles = isoflop_profiles(flops, n_params, loss)
    if len(profiles) < 2:
        raise ValueError(f"Approach 2 needs IsoFLOP profiles at 2 or more budgets, got {len(profiles)}.")
    for p in profiles:
        if not p.bracketed:
            warnings.warn(
                f"The IsoFLOP profile at {p.flops:.3g} FLOPs has its minimum at N = {p.n_opt:.3g}, outside "
                f"the sizes trained ({p.n_min:.3g} to {p.n_max:.3g}): the grid does not bracket the optimum.",
                GridEdgeWarning,
                stacklevel=2,
            )
    return _frontier(
        "Approach 2 (IsoFLOP parabolas)",
        [p.flops for p in profiles],
        [p.n_opt for p in profiles],
        [p.loss_opt for p in profiles],
        0,
    )


#: Hoffmann's nine IsoFLOP budgets, "ranging from 6e18 to 3e21 FLOPs" (§3.2, Fig. 3). The
#: intermediate values are not printed in the paper; these are the ones the runs digitised from
#: its figures cluster on (as used in several public replications).
ISOFLOP_BUDGETS = (6e18, 1e19, 3e19, 6e19, 1e20, 3e20, 6e20, 1e21, 3e21)


@dataclass(frozen=True)
class GridDesign:
    """An IsoFLOP grid: ``n_points`` sizes spanning ±``half_width_decades`` (log10) around a centre.

    The centre is the true optimum shifted by ``offset_decades`` (negative: below the optimum).
    With ``fixed=True`` the same sizes are used at every budget, centred on the optimum of the
    middle (geometric-mean) budget, as with a fixed family of models.
    """

    label: str
    n_points: int
    half_width_decades: float
    offset_decades: float = 0.0
    fixed: bool = False


#: Grid designs the chapter compares.
GRID_DESIGNS = (
    GridDesign("fine, centred (15 sizes, ±1 decade)", 15, 1.0),
    GridDesign("coarse, centred (5 sizes, ±1 decade)", 5, 1.0),
    GridDesign("narrow, centred (5 sizes, ±0.3 decade)", 5, 0.3),
    GridDesign("wide, centred (9 sizes, ±1.5 decades)", 9, 1.5),
    GridDesign("asymmetric (9 sizes, centre 0.5 decade low)", 9, 1.0, -0.5),
    GridDesign("asymmetric (9 sizes, centre 0.5 decade high)", 9, 1.0, 0.5),
    GridDesign("fixed family (9 sizes, ±1.5 decades, same at every budget)", 9, 1.5, 0.0, True),
)


@dataclass(frozen=True)
class GridEffect:
    """How one grid design moves Approach 2's answer on noiseless data from a known law."""

    design: GridDesign
    a_N: float
    n_opt_at_target: float
    true_n_opt_at_target: float

    @property
    def relative_error(self) -> float:
        """(fitted − true) / true N_opt at the target budget."""
        return self.n_opt_at_target / self.true_n_opt_at_target - 1.0


def isoflop_grid_effect(
    law: ChinchillaLaw = HOFFMANN_ROUNDED,
    designs=GRID_DESIGNS,
    *,
    budgets=ISOFLOP_BUDGETS,
    target_flops=GOPHER_BUDGET_FLOPS,
) -> list:
    """Run Approach 2 on noiseless IsoFLOP losses from ``law`` with each grid design; one :class:`GridEffect` each.

    The loss is not a parabola in ln N, so the fitted minimum depends on where and how widely
    the sizes are spread. A grid that follows the optimum (same width and offset at every
    budget) shifts every N_opt by the same factor: a_N stays right, the coefficient does not.
    A grid whose offset changes with the budget (``fixed=True``) also tilts a_N. The result
    gives the fitted a_N (truth: ``law.a_N``) and N_opt extrapolated to ``target_flops`` (FLOPs).
    Used in chapter 3.
    """
    law = _check_law(law)
    c = check.samples(budgets, "The budgets", minimum=2)
    check.positive(c, "The budgets", "FLOPs")
    target = check.positive(target_flops, "The target budget", "FLOPs")
    out = []
    for design in designs:
        if not isinstance(design, GridDesign):
            raise ValueError(f"Each design must be a GridDesign, got {check.shown(design)}.")
        k = check.integer(design.n_points, "The number of sizes per profile", minimum=3)
        w = check.positive(design.half_width_decades, "The grid half-width", "decades")
        flat_c, flat_n = [], []
        middle = float(np.exp(np.mean(np.log(c))))
        for budget in c:
            reference = middle if design.fixed else budget
            centre = np.log10(compute_optimal(reference, law).N) + design.offset_decades
            sizes = 10 ** (centre + np.linspace(-w, w, k))
            flat_c.append(np.full(k, budget))
            flat_n.append(sizes)
        flat_c = np.concatenate(flat_c)
        flat_n = np.concatenate(flat_n)
        losses = law.loss(flat_n, tokens_for_budget(flat_c, flat_n))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FitWarning)
            frontier = fit_isoflop(flat_c, flat_n, losses)
        out.append(
            GridEffect(
                design=design,
                a_N=frontier.a_N,
                n_opt_at_target=float(frontier.predict_n(target)),
                true_n_opt_at_target=float(compute_optimal(target, law).N),
            )
        )
    return out


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
