"""Widgets of chapter 2, Kaplan et al. 2020: Kaplan's allocation against Chinchilla's over a compute budget."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import chinchilla, kaplan
from .._validate import clamped
from ..compute import format_flops

#: The budgets the curves are drawn over: 10^18 to 10^26 FLOPs.
BUDGET_GRID = np.logspace(18, 26, 81)
#: Slider choices for the budget, half a decade apart (FLOPs).
BUDGET_CHOICES = tuple((format_flops(c, 2), float(c)) for c in np.logspace(18, 26, 17))
#: The two readings of Kaplan's compute (see scaling.kaplan.optimal_allocation).
READING_CHOICES = (("actual compute (≈ 2·C_min)", "actual"), ("minimum compute C_min", "minimum"))


@dataclass(frozen=True)
class Allocation:
    """One plan for one budget: ``N`` parameters, ``D`` tokens (floats)."""

    N: float
    D: float

    @property
    def tokens_per_param(self) -> float:
        """D / N, training tokens per parameter."""
        return self.D / self.N


@dataclass(frozen=True)
class AllocationView:
    """What the chapter-2 view draws for one budget and one reading of Kaplan's compute.

    ``flops`` is the chosen budget (FLOPs) and ``reading`` "actual" or "minimum". Over
    ``budgets`` (FLOPs): Kaplan's allocation (``kaplan_n`` non-embedding parameters, ``kaplan_d``
    tokens), the Table 3 interpolation of Hoffmann's Approach 1 (``table3_n``, ``table3_d``) and
    the Approach-3 law of Hoffmann's Eq. 10 (``approach3_n``, ``approach3_d``). The same three at
    the chosen budget are ``kaplan``, ``table3`` and ``approach3``.
    """

    flops: float
    reading: str
    budgets: np.ndarray
    kaplan_n: np.ndarray
    kaplan_d: np.ndarray
    table3_n: np.ndarray
    table3_d: np.ndarray
    approach3_n: np.ndarray
    approach3_d: np.ndarray
    kaplan: Allocation
    table3: Allocation
    approach3: Allocation


def allocation_update(flops: float, reading: str = "actual") -> AllocationView:
    """Chapter 2 widget update: Kaplan's and Chinchilla's compute-optimal N and D for a budget.

    ``flops`` (FLOPs) is clamped to [10^18, 10^26]; ``reading`` is "actual" (the budget is the
    compute actually spent at the critical batch size, ≈ 2·C_min) or "minimum" (the budget is
    C_min); anything else is read as "actual". Pure numpy, no fitting.
    """
    flops = clamped(flops, BUDGET_GRID[0], BUDGET_GRID[-1], 1e23)
    reading = reading if isinstance(reading, str) and reading in ("actual", "minimum") else "actual"
    budgets = np.append(BUDGET_GRID, flops)
    k = kaplan.optimal_allocation(budgets, compute=reading)
    t_n = chinchilla.table_3_optimal_params(budgets)
    t_d = chinchilla.table_3_optimal_tokens(budgets)
    a3 = chinchilla.compute_optimal(budgets, chinchilla.HOFFMANN_ROUNDED)
    return AllocationView(
        flops=flops,
        reading=reading,
        budgets=BUDGET_GRID,
        kaplan_n=k.N[:-1],
        kaplan_d=k.D[:-1],
        table3_n=t_n[:-1],
        table3_d=t_d[:-1],
        approach3_n=a3.N[:-1],
        approach3_d=a3.D[:-1],
        kaplan=Allocation(float(k.N[-1]), float(k.D[-1])),
        table3=Allocation(float(t_n[-1]), float(t_d[-1])),
        approach3=Allocation(float(a3.N[-1]), float(a3.D[-1])),
    )


def allocation_explorer(flops: float = 1e23, reading: str = "actual"):
    """Chapter 2: a budget slider and Kaplan's compute reading, redrawing both allocations."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import kaplan as figures

    flops = clamped(flops, BUDGET_GRID[0], BUDGET_GRID[-1], 1e23)
    nearest = min(BUDGET_CHOICES, key=lambda c: abs(np.log(c[1] / flops)))[1]
    budget = widgets.SelectionSlider(
        options=BUDGET_CHOICES, value=nearest, description="budget C", continuous_update=False
    )
    compute = widgets.Dropdown(
        options=READING_CHOICES,
        value=reading if reading in ("actual", "minimum") else "actual",
        description="Kaplan's C",
    )

    def draw(c, r):
        figures.allocation_view(allocation_update(c, r))
        plt.show()

    output = widgets.interactive_output(draw, {"c": budget, "r": compute})
    return widgets.VBox([widgets.HBox([budget, compute]), output])


def _bench_update():
    return lambda: allocation_update(1e23, "actual")


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch2 Kaplan vs Chinchilla allocation: update", _bench_update)]
