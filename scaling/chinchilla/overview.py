"""A map of the compute-optimal laws chapter 3 compares: who fitted what, how, and what it implies.

Each row gives a law's compute-optimal exponent a_N (N_opt ∝ C^a_N) and its tokens per parameter
at one budget, computed from the published constants or table rows. Used in chapter 3.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import _validate as check
from .. import kaplan
from ..compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from .law import (
    BESIROGLU_2024,
    HOFFMANN_ROUNDED,
    HOFFMANN_UNROUNDED,
    _table_3_power_law,
    table_3_optimal_params,
    table_a3_frontier,
    tokens_per_param,
)


@dataclass(frozen=True)
class FrontierSummary:
    """One law on the map: ``name``, ``source`` (paper and table), ``method`` (how it was fitted),
    ``a_N`` (N_opt ∝ C^a_N) and ``tokens_per_param`` (D_opt/N_opt at the budget asked for)."""

    name: str
    source: str
    method: str
    a_N: float
    tokens_per_param: float


def _from_coefficient(flops, G, a_N):
    per = flops / TRAINING_FLOPS_PER_PARAM_TOKEN
    n = G * per**a_N
    return per / n**2  # D/N with D = C/(6N)


def frontier_map(flops) -> list[FrontierSummary]:
    """The laws of chapter 3 (and Kaplan's, for contrast) at a budget of ``flops`` FLOPs.

    Approach 1 is the power law through Table 3's rows; Approach 2 the one through Table A3's
    Approach-2 rows (the paper prints neither coefficient); the three Approach-3 laws use their
    constants and a_N = β/(α+β). Kaplan's row reads ``flops`` as the compute spent and counts
    non-embedding parameters. Used in chapter 3.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    a2_exponent, a2_coefficient = table_a3_frontier(2)
    a1_exponent = _table_3_power_law()[0]
    return [
        FrontierSummary(
            "Approach 1",
            "Hoffmann et al., Table 3",
            "envelope of training curves",
            a1_exponent,
            float(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * table_3_optimal_params(c) ** 2)),
        ),
        FrontierSummary(
            "Approach 2",
            "Hoffmann et al., Table A3",
            "parabolas through IsoFLOP profiles",
            a2_exponent,
            float(_from_coefficient(c, a2_coefficient, a2_exponent)),
        ),
        FrontierSummary(
            "Approach 3, Eq. 10",
            "Hoffmann et al., App. D.2",
            "Huber fit of L(N, D), rounded",
            HOFFMANN_ROUNDED.a_N,
            float(tokens_per_param(c, HOFFMANN_ROUNDED)),
        ),
        FrontierSummary(
            "Approach 3, unrounded",
            "Eq. 10 in the LaTeX source",
            "the same fit, all digits",
            HOFFMANN_UNROUNDED.a_N,
            float(tokens_per_param(c, HOFFMANN_UNROUNDED)),
        ),
        FrontierSummary(
            "Refit",
            "Besiroglu et al. 2024",
            "Huber fit to digitised Fig. 4 runs",
            BESIROGLU_2024.a_N,
            float(tokens_per_param(c, BESIROGLU_2024)),
        ),
        FrontierSummary(
            "Kaplan (chapter 2)",
            "Kaplan et al. 2020, Table 6",
            "frontier of training curves",
            kaplan.N_OPT_EXPONENT,
            float(kaplan.tokens_per_param(c, compute="actual")),
        ),
    ]


__all__ = ["FrontierSummary", "frontier_map"]


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
