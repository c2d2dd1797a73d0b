"""What the frontier fits (Approaches 1 and 2) return, and the warnings every fit may issue.

Used in chapter 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _validate as check
from ..compute import tokens_for_budget

# =============================================================================================
# Warnings shared by the fits ("the two ways a scaling-law fit quietly lies")
# =============================================================================================


class FitWarning(UserWarning):
    """A fit ran but its answer may be unreliable (the optimum is not bracketed by the data or grid)."""


class GridEdgeWarning(FitWarning):
    """The best starting point, or the optimum, lies on the edge of the grid that was searched."""


@dataclass(frozen=True)
class FrontierFit:
    """Compute-optimal frontier fitted from data: N_opt = n_coefficient·C^a_N, D_opt = d_coefficient·C^b_D.

    ``budgets`` (FLOPs), ``n_opt`` (parameters), ``d_opt`` (tokens) and ``loss_opt`` (nats per
    token) are the per-budget optima the power laws were fitted to; ``method`` names the approach;
    ``n_dropped`` counts budgets left out because their optimum was not bracketed.
    """

    method: str
    a_N: float
    b_D: float
    n_coefficient: float
    d_coefficient: float
    budgets: np.ndarray
    n_opt: np.ndarray
    d_opt: np.ndarray
    loss_opt: np.ndarray
    n_dropped: int = 0

    def predict_n(self, flops):
        """Compute-optimal parameters at ``flops`` FLOPs from the fitted power law."""
        c = check.positive(flops, "The compute budget C", "FLOPs")
        return self.n_coefficient * c**self.a_N

    def predict_d(self, flops):
        """Compute-optimal tokens at ``flops`` FLOPs from the fitted power law."""
        c = check.positive(flops, "The compute budget C", "FLOPs")
        return self.d_coefficient * c**self.b_D


def _power_law(x, y):
    """Least squares of log y on log x: returns (exponent, coefficient) of y = coefficient·x^exponent."""
    slope, intercept = np.polyfit(np.log(x), np.log(y), 1)
    return float(slope), float(np.exp(intercept))


def _frontier(method, budgets, n_opt, loss_opt, n_dropped) -> FrontierFit:
    budgets = np.asarray(budgets, dtype=float)
    n_opt = np.asarray(n_opt, dtype=float)
    if np.unique(budgets).size < 2:
        raise ValueError(
            "The optima lie at a single budget; a power law in C needs optima at 2 or more distinct budgets."
        )
    if np.unique(n_opt).size < 2:
        raise ValueError(
            f"The compute-optimal size is the same model ({n_opt[0]:.3g} parameters) at every budget: too "
            "few model sizes to trace how the optimum moves. Train more sizes between the smallest and largest."
        )
    d_opt = tokens_for_budget(budgets, n_opt)
    a_N, k_N = _power_law(budgets, n_opt)
    b_D, k_D = _power_law(budgets, d_opt)
    return FrontierFit(
        method=method,
        a_N=a_N,
        b_D=b_D,
        n_coefficient=k_N,
        d_coefficient=k_D,
        budgets=budgets,
        n_opt=n_opt,
        d_opt=d_opt,
        loss_opt=np.asarray(loss_opt, dtype=float),
        n_dropped=n_dropped,
    )


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
