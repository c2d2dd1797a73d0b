"""Hoffmann et al. 2022 ("Chinchilla"): the loss law L(N, D) = E + A/N^α + B/D^β, its published
parameter sets and the compute-optimal allocation under C = 6ND (Eq. 4).

N counts all parameters (embeddings included); D is training tokens. Used in chapters 2-5.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from .. import _validate as check
from ..compute import TRAINING_FLOPS_PER_PARAM_TOKEN, tokens_for_budget

#: The smallest exponent α or β a fitted law may have and still allocate a budget. Every published
#: value is above 0.05 (Kaplan's α_N = 0.076 is the smallest in the book); below 0.01 the term is
#: indistinguishable from a constant over any range of N or D that can be trained, and the optimal
#: split runs off to absurd sizes (an exponent of 1e-17 once gave N_opt = 1e56).
MIN_EXPONENT = 0.01

# =============================================================================================
# The law and its published parameter sets
# =============================================================================================


@dataclass(frozen=True)
class ChinchillaLaw:
    """The parametric loss L(N, D) = E + A/N^α + B/D^β (Hoffmann et al. 2022, Eq. 2).

    ``E`` (nats per token) is the irreducible loss; ``A``, ``B`` are scales; ``alpha``, ``beta``
    the exponents of parameters and tokens. N counts all parameters.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float

    def __post_init__(self):
        check.positive(self.E, "The irreducible loss E", "nats per token")
        check.positive(self.A, "The scale A")
        check.positive(self.B, "The scale B")
        check.positive(self.alpha, "The exponent alpha")
        check.positive(self.beta, "The exponent beta")

    def loss(self, n_params, n_tokens):
        """Final training loss, in nats per token, of ``n_params`` parameters trained on ``n_tokens`` tokens.

        Scalars or arrays (broadcast). Used in chapter 3.
        """
        n = check.positive(n_params, "The number of parameters N", "parameters")
        d = check.positive(n_tokens, "The number of training tokens D", "tokens")
        return self.E + self.A / n**self.alpha + self.B / d**self.beta

    @property
    def a_N(self) -> float:
        """Compute-optimal exponent of N: N_opt ∝ C^a_N with a_N = β/(α+β) (Eq. 4)."""
        return self.beta / (self.alpha + self.beta)

    @property
    def b_D(self) -> float:
        """Compute-optimal exponent of D: D_opt ∝ C^b_D with b_D = α/(α+β) (Eq. 4)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def G(self) -> float:
        """G = (αA/(βB))^(1/(α+β)), the coefficient of the frontier N_opt = G·(C/6)^a_N (Eq. 4)."""
        return (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))

    @property
    def log_params(self) -> tuple:
        """(log_A, log_B, log_E, alpha, beta): the coordinates the Approach-3 fit works in."""
        return (float(np.log(self.A)), float(np.log(self.B)), float(np.log(self.E)), self.alpha, self.beta)


#: Approach-3 fit as printed: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28. Hoffmann et al. 2022, App. D.2, Eq. 10.
HOFFMANN_ROUNDED = ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)

#: Unrounded values from the paper's LaTeX source: E 1.6934, α 0.33917, β 0.28491 (A, B as printed).
#: Besiroglu et al. 2024, epoch-research/analyzing-chinchilla data_analysis.ipynb
#: (log_A 6.0073404, log_B 6.0179186, log_E 0.5267228, α 0.33917084, β 0.2849083).
HOFFMANN_UNROUNDED = ChinchillaLaw(E=1.6934, A=406.4, B=410.7, alpha=0.33917, beta=0.28491)

#: Refit on data digitised from Hoffmann Fig. 4: E 1.817, A 482.0, B 2085.4, α 0.348, β 0.366.
#: Besiroglu et al. 2024, main results table; analyzing-chinchilla notebook output.
BESIROGLU_2024 = ChinchillaLaw(E=1.817, A=482.0, B=2085.4, alpha=0.348, beta=0.366)

#: Hoffmann et al. 2022, Table 2: compute-optimal exponents (a_N, b_D) with their 10th-90th
#: percentile intervals, per approach; the Kaplan row for comparison.
TABLE_2_EXPONENTS = MappingProxyType(
    {
        "Approach 1": {"a_N": 0.50, "a_N_interval": (0.488, 0.502), "b_D": 0.50, "b_D_interval": (0.501, 0.512)},
        "Approach 2": {"a_N": 0.49, "a_N_interval": (0.462, 0.534), "b_D": 0.51, "b_D_interval": (0.483, 0.529)},
        "Approach 3": {"a_N": 0.46, "a_N_interval": (0.454, 0.455), "b_D": 0.54, "b_D_interval": (0.542, 0.543)},
        "Kaplan et al. (2020)": {"a_N": 0.73, "a_N_interval": None, "b_D": 0.27, "b_D_interval": None},
    }
)

#: Hoffmann et al. 2022, Table 3 (Approach 1): (parameters, FLOPs, tokens) per row.
TABLE_3 = (
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
)

#: Hoffmann et al. 2022, App. D.4: at 1e21 FLOPs Kaplan's allocation gives 4.68e9 parameters,
#: Approach 1 gives 2.86e9.
APP_D4_FLOPS = 1e21
APP_D4_KAPLAN_PARAMS = 4.68e9
APP_D4_APPROACH1_PARAMS = 2.86e9

#: The training compute of Chinchilla (and Gopher) with 6ND: 5.76e23 FLOPs. Hoffmann et al. 2022, Table 3; Fig. 2.
GOPHER_BUDGET_FLOPS = 5.76e23

#: Approach 3's compute-optimal size at the Gopher budget, as the paper reports it: 40B parameters.
#: Hoffmann et al. 2022, §3.3 and Fig. 4. The printed (rounded) constants give 32B; the unrounded, 40B.
APPROACH3_GOPHER_BUDGET_PARAMS = 40e9

#: Midpoint of Table 2's Approach-3 interval for a_N, (0.454 + 0.455)/2. Besiroglu et al.'s notebook
#: draws "Hoffmann's" tokens-per-parameter curve with this a_N and G from the unrounded constants.
TABLE_2_APPROACH3_A_N_MIDPOINT = 0.4545

#: Tokens per parameter that Besiroglu et al. 2024 quote for their refit at Chinchilla's budget: "our
#: point estimates imply that 25.6 tokens per parameters is optimal" (optimal-scaling section). It is
#: the ratio at 1e18 FLOPs, not at Chinchilla's 5.88e23: in epoch-research/analyzing-chinchilla,
#: data_analysis.ipynb (cell 69 at commit 9225883), ``compute_thresholds`` is overwritten with the
#: array of ratios before the "closest to Chinchilla compute" lookup, so the lookup returns the
#: largest ratio of the grid 1e18..1e28, the one at 1e18 (printed 25.65875). Their point estimates
#: give 25.65 at 1e18 and 18.4 at 5.88e23 FLOPs (tests/test_chinchilla.py pins both).
BESIROGLU_QUOTED_TOKENS_PER_PARAM = 25.6
#: The budget at which the quoted 25.6 actually holds: the first point of the notebook's grid, FLOPs.
BESIROGLU_QUOTED_AT_FLOPS = 1e18

#: Smallest and largest model trained: "from 70 million to over 16 billion parameters".
#: Hoffmann et al. 2022, abstract.
MODEL_SIZE_RANGE = (70e6, 16e9)

#: Hoffmann et al. 2022, Table A3: compute-optimal tokens for the model sizes of Table 3, by
#: Approach 2 and Approach 3: (parameters, Approach-2 tokens, Approach-3 tokens). The 175B row's
#: Approach-3 FLOPs are printed as 1.26e24, but 6ND gives 1.26e25 (a typo in the table).
TABLE_A3 = (
    (400e6, 7.7e9, 9.2e9),
    (1e9, 20.0e9, 27.1e9),
    (10e9, 219.5e9, 410.1e9),
    (67e9, 1.7e12, 4.1e12),
    (175e9, 4.3e12, 12.0e12),
    (280e9, 7.1e12, 20.1e12),
    (520e9, 13.4e12, 43.5e12),
    (1e12, 26.5e12, 94.1e12),
    (10e12, 292.0e12, 1425.5e12),
)

#: Hoffmann et al. 2022, §3.4: a 175B model needs 4.41e24 FLOPs and "over 4.2 trillion tokens"
#: (the prose matches neither Table 3 nor Table A3 exactly).
SECTION_3_4_175B_FLOPS = 4.41e24
SECTION_3_4_175B_TOKENS = 4.2e12

# =============================================================================================
# The compute-optimal frontier under C = 6ND (Eq. 4)
# =============================================================================================


@dataclass(frozen=True)
class ComputeOptimal:
    """The compute-optimal point of a law for a budget: ``N`` parameters, ``D`` tokens, ``loss``."""

    flops: object
    N: object
    D: object
    loss: object

    @property
    def tokens_per_param(self):
        """D / N at the optimum."""
        return self.D / self.N


def _check_law(law) -> ChinchillaLaw:
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(
            f"law must be a ChinchillaLaw (for example chinchilla.HOFFMANN_ROUNDED), got {check.shown(law)}."
        )
    return law


def compute_optimal(flops, law: ChinchillaLaw = HOFFMANN_ROUNDED) -> ComputeOptimal:
    """The loss-minimising N and D for a budget of ``flops`` FLOPs under C = 6ND (Hoffmann Eq. 4).

    N_opt = G·(C/6)^a_N and D_opt = G^-1·(C/6)^b_D, with G = (αA/(βB))^(1/(α+β)),
    a_N = β/(α+β), b_D = α/(α+β). ``N`` in parameters, ``D`` in tokens, ``loss`` in nats per
    token. Scalars or arrays. Used in chapter 3.
    """
    law = _check_law(law)
    _require_allocating(law)
    c = check.positive(flops, "The compute budget C", "FLOPs")
    per = c / TRAINING_FLOPS_PER_PARAM_TOKEN
    n = law.G * per**law.a_N
    d = per**law.b_D / law.G
    return ComputeOptimal(flops=c, N=n, D=d, loss=law.loss(n, d))


def _require_allocating(law: ChinchillaLaw) -> None:
    """Refuse a law with an exponent indistinguishable from zero (see MIN_EXPONENT)."""
    for name, value, what in (("alpha", law.alpha, "N"), ("beta", law.beta, "D")):
        if value < MIN_EXPONENT:
            raise ValueError(
                f"The law's {name} = {value:.3g} is indistinguishable from zero (below {MIN_EXPONENT:g}): its loss "
                f"does not fall with {what}, so it cannot say how to split a budget. Fit it on runs whose loss "
                f"falls with {what}."
            )


def optimal_loss(flops, law: ChinchillaLaw = HOFFMANN_ROUNDED):
    """The lowest loss (nats per token) the law allows for ``flops`` FLOPs under C = 6ND. Used in chapter 3."""
    return compute_optimal(flops, law).loss


def tokens_per_param(flops, law: ChinchillaLaw = HOFFMANN_ROUNDED):
    """Compute-optimal tokens per parameter D_opt/N_opt = G^-2·(C/6)^(b_D − a_N) at ``flops`` FLOPs.

    With the rounded Approach-3 constants this is ≈93 at 5.9e23 FLOPs, far from the "20 tokens
    per parameter" of Table 3. Used in chapter 3.
    """
    return compute_optimal(flops, law).tokens_per_param


def flops_for_params(n_params, law: ChinchillaLaw = HOFFMANN_ROUNDED):
    """The budget, in FLOPs, for which ``n_params`` parameters is compute-optimal: C = 6·(N/G)^(1/a_N).

    The inverse of :func:`compute_optimal`. Used in chapter 3.
    """
    law = _check_law(law)
    n = check.positive(n_params, "The number of parameters N", "parameters")
    return TRAINING_FLOPS_PER_PARAM_TOKEN * (n / law.G) ** (1.0 / law.a_N)


def frontier_from_coefficient(flops, G, a_N):
    """(N_opt, D_opt) = (G·(C/6)^a_N, G^-1·(C/6)^(1−a_N)) for a given coefficient G and exponent a_N.

    Lets the chapter reproduce curves drawn with an exponent other than β/(α+β), for example
    Besiroglu et al.'s "Hoffmann" curve (G of the unrounded constants, a_N = 0.4545).
    ``flops`` in FLOPs; returns parameters and tokens. Used in chapter 3.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    g = check.positive(G, "The frontier coefficient G")
    a = check.in_range(a_N, "The compute-optimal exponent a_N", 0.0, 1.0, low_open=True, high_open=True)
    per = c / TRAINING_FLOPS_PER_PARAM_TOKEN
    return g * per**a, per ** (1.0 - a) / g


def _table_3_power_law():
    n, c = (np.array(col, dtype=float) for col in list(zip(*TABLE_3))[:2])
    a_N, log_k = np.polyfit(np.log(c), np.log(n), 1)
    return float(a_N), float(np.exp(log_k))


def table_a3_frontier(approach: int = 3):
    """(a_N, G) of the power law N_opt = G·(C/6)^a_N through one approach's rows of Table A3.

    Least squares of ln N on ln(C/6) = ln(N·D), with C = 6ND, over the nine rows of Hoffmann et
    al. 2022, Table A3. For Approach 3 this gives a_N ≈ 0.459 and G ≈ 1.21, not the 0.4565 and
    1.300 of the unrounded Eq. 10 constants: the table was not computed from Eq. 10 as printed.
    ``approach`` is 2 or 3. Used in chapter 3.
    """
    if approach not in (2, 3):
        raise ValueError(
            f"Table A3 has columns for Approach 2 and Approach 3 only, got approach={check.shown(approach)}."
        )
    n = np.array([row[0] for row in TABLE_A3])
    d = np.array([row[approach - 1] for row in TABLE_A3])
    a_N, log_g = np.polyfit(np.log(n * d), np.log(n), 1)
    return float(a_N), float(np.exp(log_g))


def table_3_optimal_params(flops):
    """Compute-optimal parameters at ``flops`` FLOPs read off Table 3 (Approach 1, as published).

    A power law N_opt = k·C^a_N fitted by least squares in log space to the nine rows of Hoffmann
    et al. 2022, Table 3 (a_N ≈ 0.50; about 20 tokens per parameter). It reproduces App. D.4's
    2.86e9 parameters at 1e21 FLOPs to within 1%. The paper does not publish its Approach-1
    coefficient, so this is an interpolation of the table, not the paper's fit. Result in
    parameters (scalar or array). Used in chapters 2 and 3.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    a_N, k = _table_3_power_law()
    return k * c**a_N


def table_3_optimal_tokens(flops):
    """Training tokens D = C/(6·N_opt) of the Table 3 interpolation (:func:`table_3_optimal_params`).

    ``flops`` in FLOPs; result in tokens. Used in chapters 2 and 3.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    return tokens_for_budget(c, table_3_optimal_params(c))


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
