"""Hoffmann et al. 2022 ("Chinchilla"): the loss law, the compute-optimal frontier and the three fits.

Conventions (they differ from Kaplan et al. 2020; label them in the text):

* ``N`` counts **all** parameters, embeddings included; ``D`` is training tokens;
* compute is C = 6·N·D FLOPs (``scaling.compute.training_flops``) unless the detailed
  App. F count is asked for (:func:`training_flops_detailed`);
* the loss law is L(N, D) = E + A/N^α + B/D^β (nats per token);
* the compute-optimal exponents (N_opt ∝ C^a_N, D_opt ∝ C^b_D) are called ``a_N`` and ``b_D``;
  the Approach-3 log-coefficients are ``log_A``, ``log_B``, ``log_E`` (A = exp(log_A) ...).
  The paper writes both pairs as a and b; we never do.

The three approaches of §3:

1. :func:`fit_envelope`: minimum-loss envelope of training curves, then power laws;
2. :func:`fit_isoflop`: a parabola in log N per IsoFLOP profile, then power laws;
   :func:`isoflop_grid_effect` shows how its answer moves with the grid;
3. :func:`fit`: the parametric law, Huber loss on log residuals over the paper's 4,500-start grid,
   with exact gradients; :func:`fit_reference_loop` is the slow per-start loop that stops early;
   :func:`bootstrap` gives standard errors and intervals.

The package is split by idea; every public name is importable from ``scaling.chinchilla``:

* ``law``: the law, its published parameter sets and the compute-optimal allocation;
* ``flops``: the detailed App. F FLOP count and parameters from an architecture;
* ``frontier``: what Approaches 1 and 2 return, and the fit warnings;
* ``envelope`` (Approach 1) and ``isoflop`` (Approach 2, and the grid-design experiment);
* ``parametric`` (the Approach-3 fit) and ``resampling`` (its bootstrap).

Used in chapters 2-5.
"""

from ..compute import TRAINING_FLOPS_PER_PARAM_TOKEN, tokens_for_budget, training_flops
from .envelope import fit_envelope
from .flops import (
    CHINCHILLA_ARCHITECTURE,
    CHINCHILLA_VOCAB_SIZE,
    TABLE_A4,
    TABLE_A4_SEQ_LEN,
    flops_ratio_to_6nd,
    forward_flops_per_sequence,
    params_from_architecture,
    training_flops_detailed,
)
from .frontier import FitWarning, FrontierFit, GridEdgeWarning
from .isoflop import (
    GRID_DESIGNS,
    ISOFLOP_BUDGETS,
    GridDesign,
    GridEffect,
    IsoFLOPProfile,
    fit_isoflop,
    isoflop_grid_effect,
    isoflop_profiles,
)
from .law import (
    APP_D4_APPROACH1_PARAMS,
    APP_D4_FLOPS,
    APP_D4_KAPLAN_PARAMS,
    APPROACH3_GOPHER_BUDGET_PARAMS,
    BESIROGLU_2024,
    BESIROGLU_QUOTED_AT_FLOPS,
    BESIROGLU_QUOTED_TOKENS_PER_PARAM,
    GOPHER_BUDGET_FLOPS,
    HOFFMANN_ROUNDED,
    HOFFMANN_UNROUNDED,
    MODEL_SIZE_RANGE,
    SECTION_3_4_175B_FLOPS,
    SECTION_3_4_175B_TOKENS,
    TABLE_2_APPROACH3_A_N_MIDPOINT,
    TABLE_2_EXPONENTS,
    TABLE_3,
    TABLE_A3,
    ChinchillaLaw,
    ComputeOptimal,
    compute_optimal,
    flops_for_params,
    frontier_from_coefficient,
    optimal_loss,
    table_3_optimal_params,
    table_3_optimal_tokens,
    table_a3_frontier,
    tokens_per_param,
)
from .overview import FrontierSummary, frontier_map
from .parametric import (
    HUBER_DELTA,
    INITIALISATION_GRID,
    Approach3Fit,
    fit,
    fit_reference_loop,
    huber_objective,
    initialisation_grid,
)
from .resampling import BOOTSTRAP_QUANTITIES, BootstrapResult, bootstrap

__all__ = [
    "APPROACH3_GOPHER_BUDGET_PARAMS",
    "APP_D4_APPROACH1_PARAMS",
    "APP_D4_FLOPS",
    "APP_D4_KAPLAN_PARAMS",
    "Approach3Fit",
    "BESIROGLU_2024",
    "BESIROGLU_QUOTED_AT_FLOPS",
    "BESIROGLU_QUOTED_TOKENS_PER_PARAM",
    "BOOTSTRAP_QUANTITIES",
    "BootstrapResult",
    "CHINCHILLA_ARCHITECTURE",
    "CHINCHILLA_VOCAB_SIZE",
    "ChinchillaLaw",
    "ComputeOptimal",
    "FitWarning",
    "FrontierFit",
    "FrontierSummary",
    "GOPHER_BUDGET_FLOPS",
    "GRID_DESIGNS",
    "GridDesign",
    "GridEdgeWarning",
    "GridEffect",
    "HOFFMANN_ROUNDED",
    "HOFFMANN_UNROUNDED",
    "HUBER_DELTA",
    "INITIALISATION_GRID",
    "ISOFLOP_BUDGETS",
    "MODEL_SIZE_RANGE",
    "SECTION_3_4_175B_FLOPS",
    "SECTION_3_4_175B_TOKENS",
    "IsoFLOPProfile",
    "TABLE_2_APPROACH3_A_N_MIDPOINT",
    "TABLE_2_EXPONENTS",
    "TABLE_3",
    "TABLE_A3",
    "TABLE_A4",
    "TABLE_A4_SEQ_LEN",
    "TRAINING_FLOPS_PER_PARAM_TOKEN",
    "bootstrap",
    "compute_optimal",
    "fit",
    "fit_envelope",
    "fit_isoflop",
    "fit_reference_loop",
    "flops_for_params",
    "flops_ratio_to_6nd",
    "forward_flops_per_sequence",
    "frontier_from_coefficient",
    "frontier_map",
    "huber_objective",
    "initialisation_grid",
    "isoflop_grid_effect",
    "isoflop_profiles",
    "optimal_loss",
    "params_from_architecture",
    "table_3_optimal_params",
    "table_a3_frontier",
    "table_3_optimal_tokens",
    "tokens_for_budget",
    "tokens_per_param",
    "training_flops",
    "training_flops_detailed",
]
