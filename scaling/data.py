"""Running out of data: repeated epochs, data-constrained allocation, the stock of public text.

Chapter 5 (the data wall) builds everything here.

Three ideas:

* **Repeated data is worth less than fresh data** (Muennighoff et al. 2023). Training for
  several epochs on U unique tokens gives an *effective* number of tokens D′ that grows with
  each epoch but saturates at U·(1 + R*_D) ≈ 16.4·U. Parameters in excess of what U tokens
  can feed decay the same way (N′).
* **When unique tokens are capped, the best run changes.** With a budget C = 6·N·D and at most
  U unique tokens, the optimum repeats data and shifts compute between N and epochs.
* **The stock of public human text is finite** (Villalobos et al. 2024): about 300T tokens.
  Simple growth arithmetic says when training sets reach it and at what budget a
  compute-optimal run would use all of it.

Symbols follow the papers: U (unique tokens), D (tokens seen, repeats included), R_D = D/U − 1
(repetitions beyond the first epoch), R*_D and R*_N (decay constants), D′ and N′ (effective
data and parameters). The loss law is L = E + A/N′^alpha + B/D′^beta.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from . import _validate as check
from .chinchilla import HOFFMANN_ROUNDED, ChinchillaLaw, compute_optimal
from .compute import TRAINING_FLOPS_PER_PARAM_TOKEN, training_flops
from .models import get_model

# ---------------------------------------------------------------------------------------------
# Published constants
# ---------------------------------------------------------------------------------------------

#: Decay constant of repeated data: after R repetitions a token is worth about e^(−R/R*_D) of a
#: fresh one. Muennighoff et al. 2023, App. A, fitted value as printed in the "Parametric Fit"
#: section of the huggingface/datablations README (the paper rounds it to ≈15.4).
MUENNIGHOFF_R_D_STAR = 15.387756

#: Decay constant of excess parameters, same source (paper: ≈5.3).
MUENNIGHOFF_R_N_STAR = 5.309743

#: Log-space coefficients of Muennighoff et al.'s own loss fit (C4, GPT-2 tokenizer), same source:
#: A = e^log_A ≈ 520.8, B = e^log_B ≈ 1487.7, E = e^log_E ≈ 1.869.
MUENNIGHOFF_LOG_A = 6.255414
MUENNIGHOFF_LOG_B = 7.3049974
MUENNIGHOFF_LOG_E = 0.6254804

#: Both exponents of Muennighoff et al.'s fit (the fit gives alpha = beta), same source.
MUENNIGHOFF_ALPHA = 0.3526596
MUENNIGHOFF_BETA = 0.3526596


#: Muennighoff et al. 2023's loss fit (App. A; huggingface/datablations README), for use with
#: the R*_D, R*_N above: the decay constants were fitted together with these five numbers.
MUENNIGHOFF_FIT = ChinchillaLaw(
    E=math.exp(MUENNIGHOFF_LOG_E),
    A=math.exp(MUENNIGHOFF_LOG_A),
    B=math.exp(MUENNIGHOFF_LOG_B),
    alpha=MUENNIGHOFF_ALPHA,
    beta=MUENNIGHOFF_BETA,
)

#: Muennighoff et al. 2023, abstract and §6: an 8.7B-parameter model trained on 178B tokens that
#: are 4 epochs over 44B unique tokens ends with a validation loss only 0.5 % higher than the
#: same model trained on 178B unique tokens (one epoch).
MUENNIGHOFF_EXAMPLE_PARAMS = 8.7e9
MUENNIGHOFF_EXAMPLE_TOKENS = 178e9
MUENNIGHOFF_EXAMPLE_UNIQUE_TOKENS = 44e9
MUENNIGHOFF_EXAMPLE_LOSS_INCREASE = 0.005

#: Muennighoff et al. 2023, abstract: the experiments span up to 900B training tokens and models of
#: up to 9B parameters (the largest has 8.7B), about 400 training runs: the range where R*_D and
#: R*_N were measured.
MUENNIGHOFF_MAX_TOKENS = 900e9
MUENNIGHOFF_MAX_PARAMS = 9e9

#: Muennighoff et al. 2023, §7 (code augmentation): filling up to 50 % of the training data with
#: Python code showed no deterioration on natural-language tasks; beyond that, performance fell.
#: Seen in a secondary transcription of the paper only.
MUENNIGHOFF_MAX_CODE_SHARE = 0.5

#: Tokens per parameter of Chinchilla itself: 1.4T tokens / 70B parameters = 20 (Hoffmann et
#: al. 2022, Table 1, as recorded in ``scaling.models``); the rule of thumb "20 tokens per parameter".
#: (The default law of this module, HOFFMANN_ROUNDED, is imported from ``scaling.chinchilla``.)
CHINCHILLA_TOKENS_PER_PARAM = get_model("Chinchilla").tokens_per_param

#: Effective stock of human-generated public text, ≈300T tokens, with a 90% confidence
#: interval of 100T to 1000T tokens. Villalobos et al. 2024, "Will we run out of data?"
#: (arXiv:2211.04325v2), as stated in Epoch AI's blog post presenting the paper.
PUBLIC_TEXT_STOCK_TOKENS = 300e12
PUBLIC_TEXT_STOCK_90CI_TOKENS = (100e12, 1000e12)

#: Villalobos et al. 2024's own forecast: the stock is fully used between 2026 and 2032, median
#: 2028, "if current LLM development trends continue" (abstract; Figure 1 caption of v2).
VILLALOBOS_EXHAUSTION_YEARS = (2026, 2032)
VILLALOBOS_MEDIAN_EXHAUSTION_YEAR = 2028

#: Training tokens of GPT-3 (300B) and Llama 3 (15T), read from the model catalogue
#: (``scaling.models``, where their sources are recorded), with their release years:
#: GPT-3 in 2020 (Brown et al. 2020), Llama 3 8B/70B in April 2024 (Meta's model card).
GPT3_TRAINING_TOKENS = get_model("GPT-3").n_tokens
GPT3_YEAR = 2020.0
LLAMA3_TRAINING_TOKENS = get_model("Llama 3 70B").n_tokens
LLAMA3_YEAR = 2024.0

#: Default growth of the largest training sets, ×2.66 per year: our own arithmetic from the two
#: rows above, (15e12 / 300e9)^(1/4). Not a fitted trend from any paper; pass your own.
DEFAULT_DATASET_GROWTH_PER_YEAR = (LLAMA3_TRAINING_TOKENS / GPT3_TRAINING_TOKENS) ** (1.0 / (LLAMA3_YEAR - GPT3_YEAR))


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _as_law(law) -> ChinchillaLaw:
    """A ChinchillaLaw as is; any other object with E, A, B, alpha, beta is converted (and checked)."""
    if isinstance(law, ChinchillaLaw):
        return law
    missing = [name for name in ("E", "A", "B", "alpha", "beta") if not hasattr(law, name)]
    if missing:
        raise ValueError(
            f"The loss law must have attributes E, A, B, alpha and beta (for example HOFFMANN_ROUNDED); "
            f"{check.shown(law)} lacks {', '.join(missing)}."
        )
    for name in ("E", "A", "B", "alpha", "beta"):
        if np.ndim(getattr(law, name)) != 0:
            raise ValueError(f"The loss law's {name} must be one number, got an array.")
    return ChinchillaLaw(E=law.E, A=law.A, B=law.B, alpha=law.alpha, beta=law.beta)


def _out(x):
    """Scalar in, scalar out: a 0-d result becomes a plain float."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


def _scalar(value, name):
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be one number here; loop over the values to sweep a range.")
    return float(value)


def _one_positive(value, name, unit=""):
    """One finite number > 0 (used where a function works on a single value)."""
    return _scalar(check.positive(value, name, unit), name)


def _decay_constant(r_star, name):
    r = check.positive(r_star, name)
    return _scalar(r, name)


def _saturating_repeats(unique, repeats, r_star):
    """U + U·R*·(1 − e^(−R/R*)): the shared form of Muennighoff et al.'s Eqs. 5 and 6."""
    return unique + unique * r_star * (-np.expm1(-repeats / r_star))


# ---------------------------------------------------------------------------------------------
# Effective data and parameters (Muennighoff et al. 2023)
# ---------------------------------------------------------------------------------------------


def effective_data(unique_tokens, epochs, r_star=MUENNIGHOFF_R_D_STAR):
    """Effective tokens D′ of ``epochs`` passes over ``unique_tokens`` (Muennighoff et al. 2023, Eq. 5).

    D′ = U + U·R*_D·(1 − e^(−R_D/R*_D)) with R_D = epochs − 1. A fraction of an epoch
    (epochs ≤ 1) sees only fresh tokens, so D′ = epochs·U there. ``unique_tokens`` U in tokens,
    ``epochs`` (> 0) a number of passes, ``r_star`` dimensionless; result in tokens.
    Example: 4 epochs are worth 1 + 15.39·(1 − e^(−3/15.39)) ≈ 3.73 fresh epochs.
    Used in chapter 5.
    """
    U = check.positive(unique_tokens, "The number of unique tokens U", "tokens")
    e = check.positive(epochs, "The number of epochs")
    r_star = _decay_constant(r_star, "The decay constant R*_D")
    repeats = np.maximum(np.asarray(e) - 1.0, 0.0)
    fresh_fraction = np.minimum(e, 1.0)
    result = _saturating_repeats(U * fresh_fraction, repeats, r_star)
    return _out(result)


def value_of_epoch(epoch, r_star=MUENNIGHOFF_R_D_STAR):
    """What the ``epoch``-th pass over the data adds, in fresh epochs: (D′(e) − D′(e−1))/U.

    The first epoch is worth 1; the e-th (e ≥ 2) is worth R*·(e^(−(e−2)/R*) − e^(−(e−1)/R*)),
    which shrinks by a factor e^(−1/R*) ≈ 0.937 per epoch. ``epoch`` ≥ 1 (a count of passes,
    fractional values allowed); result dimensionless. Used in chapter 5.
    """
    e = check.in_range(epoch, "The epoch number", 1.0, np.inf)
    r_star = _decay_constant(r_star, "The decay constant R*_D")
    before = np.maximum(np.asarray(e) - 1.0, 0.0)
    after_repeats = np.asarray(e) - 1.0
    # D′/U at e and at e − 1 (the latter may be a fraction of a first epoch when 1 ≤ e < 2).
    at_e = _saturating_repeats(1.0, after_repeats, r_star)
    at_before = np.where(before <= 1.0, before, _saturating_repeats(1.0, before - 1.0, r_star))
    result = at_e - at_before
    return _out(result)


def repeated_data_ceiling(unique_tokens, r_star=MUENNIGHOFF_R_D_STAR):
    """Most effective tokens that any number of epochs over U unique tokens can give: U·(1 + R*_D).

    With R*_D = 15.39 that is ≈16.4·U: repeating forever is worth at most 16.4 fresh epochs.
    ``unique_tokens`` in tokens; result in tokens. Used in chapter 5.
    """
    U = check.positive(unique_tokens, "The number of unique tokens U", "tokens")
    r_star = _decay_constant(r_star, "The decay constant R*_D")
    return U * (1.0 + r_star)


def params_for_tokens(n_tokens, law=MUENNIGHOFF_FIT):
    """The compute-optimal model size N_opt(D) for which ``n_tokens`` is the optimal data.

    Inverts Hoffmann et al.'s frontier (Eq. 4): N_opt = G·(D·G)^(beta/alpha) with
    G = (alpha·A / (beta·B))^(1/(alpha+beta)). This is the N_opt(U_D) in Muennighoff et al.'s
    Eq. 6, computed as their released code does (huggingface/datablations README). With
    alpha = beta it reduces to N_opt = (A/B)^(1/alpha)·D. ``n_tokens`` in tokens; result in
    parameters. Used in chapter 5.
    """
    D = check.positive(n_tokens, "The number of tokens D", "tokens")
    law = _as_law(law)
    return law.G * (D * law.G) ** (law.beta / law.alpha)


def effective_params(n_params, unique_tokens, law=MUENNIGHOFF_FIT, r_star=MUENNIGHOFF_R_N_STAR):
    """Effective parameters N′ of a model trained on ``unique_tokens`` (Muennighoff et al. 2023, Eq. 6).

    N′ = U_N + U_N·R*_N·(1 − e^(−R_N/R*_N)), with U_N = min(N_opt(U_D), N) and R_N = N/U_N − 1:
    parameters beyond the compute-optimal size for U_D unique tokens (``params_for_tokens``)
    are worth less and less. ``unique_tokens`` are the unique tokens the run actually sees.
    ``n_params`` in parameters, ``unique_tokens`` in tokens; result in parameters.
    Used in chapter 5.
    """
    N = check.positive(n_params, "The number of parameters N", "parameters")
    U = check.positive(unique_tokens, "The number of unique tokens U", "tokens")
    r_star = _decay_constant(r_star, "The decay constant R*_N")
    U_N = np.minimum(params_for_tokens(U, law), N)
    R_N = np.asarray(N) / U_N - 1.0
    result = _saturating_repeats(U_N, R_N, r_star)
    return _out(result)


def data_constrained_loss(
    n_params,
    n_tokens,
    unique_tokens,
    law=MUENNIGHOFF_FIT,
    r_d_star=MUENNIGHOFF_R_D_STAR,
    r_n_star=MUENNIGHOFF_R_N_STAR,
):
    """Loss L = E + A/N′^alpha + B/D′^beta of N parameters trained on D tokens drawn from U unique ones.

    The run sees min(U, D) unique tokens; R_D = D/min(U, D) − 1 repetitions (Muennighoff et al.
    2023, §3.1 with Eqs. 5 and 6; the same recipe as their released code). ``law`` is any
    object with attributes E, A, B, alpha, beta (default: Muennighoff et al.'s own C4 fit; the
    decay constants were fitted with it, so mixing them with another law is an assumption).
    ``n_params`` in parameters, ``n_tokens`` and ``unique_tokens`` in tokens; result in nats
    per token. Used in chapter 5.
    """
    N = check.positive(n_params, "The number of parameters N", "parameters")
    D = check.positive(n_tokens, "The number of training tokens D", "tokens")
    U = check.positive(unique_tokens, "The number of unique tokens U", "tokens")
    law = _as_law(law)
    seen = np.minimum(U, D)
    D_eff = effective_data(seen, np.asarray(D) / seen, r_d_star)
    N_eff = effective_params(N, seen, law, r_n_star)
    result = law.E + law.A / np.asarray(N_eff) ** law.alpha + law.B / np.asarray(D_eff) ** law.beta
    return _out(result)


def data_constrained_loss_floor(
    unique_tokens,
    law=MUENNIGHOFF_FIT,
    r_d_star=MUENNIGHOFF_R_D_STAR,
    r_n_star=MUENNIGHOFF_R_N_STAR,
):
    """Lowest loss any model and any number of epochs can reach with U unique tokens.

    Both effective quantities saturate: D′ → U·(1 + R*_D) and N′ → N_opt(U)·(1 + R*_N), so
    L_floor = E + A/(N_opt(U)·(1 + R*_N))^alpha + B/(U·(1 + R*_D))^beta. Beyond this, extra
    compute buys nothing. ``unique_tokens`` in tokens; result in nats per token. Used in chapter 5.
    """
    U = check.positive(unique_tokens, "The number of unique tokens U", "tokens")
    law = _as_law(law)
    r_d_star = _decay_constant(r_d_star, "The decay constant R*_D")
    r_n_star = _decay_constant(r_n_star, "The decay constant R*_N")
    n_ceiling = np.asarray(params_for_tokens(U, law)) * (1.0 + r_n_star)
    return _out(law.loss(n_ceiling, np.asarray(U) * (1.0 + r_d_star)))


# ---------------------------------------------------------------------------------------------
# Allocation when unique tokens are capped
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataConstrainedAllocation:
    """The best run for a budget when at most ``unique_tokens`` unique tokens exist.

    ``n_params`` (parameters), ``n_tokens`` (tokens seen, repeats included), ``epochs`` = D/U
    (below 1 when the run does not need the whole stock), ``loss`` of that run; the same for the
    unconstrained compute-optimal run (``*_unlimited``), and ``loss_gap`` = loss − loss_unlimited
    (≥ 0). ``data_limited`` says whether the cap changed the answer.
    """

    flops: float
    unique_tokens: float
    n_params: float
    n_tokens: float
    epochs: float
    loss: float
    n_params_unlimited: float
    n_tokens_unlimited: float
    loss_unlimited: float
    loss_gap: float
    data_limited: bool


def data_constrained_allocation(
    flops,
    unique_tokens,
    law=HOFFMANN_ROUNDED,
    r_d_star=MUENNIGHOFF_R_D_STAR,
    r_n_star=MUENNIGHOFF_R_N_STAR,
) -> DataConstrainedAllocation:
    """Best model size and number of epochs for a budget C when unique tokens are capped at U.

    Without a cap, the optimum is Hoffmann et al.'s frontier (Eq. 4). If its D_opt fits in U,
    that is the answer. Otherwise we minimise the data-constrained loss
    (``data_constrained_loss``, Muennighoff et al. 2023) over N with D = C/(6N): a log-spaced
    grid over N, refined by bounded Brent search. The loss never falls below the unconstrained
    optimum, because N′ ≤ N and D′ ≤ D, so ``loss_gap`` ≥ 0. When U is tiny next to C, N′ and D′
    both saturate and the loss is flat in N: more compute buys nothing, and we return the
    smallest N on that plateau.

    Assumptions: C = 6·N·D; ``law`` (any object with E, A, B, alpha, beta; default Hoffmann et
    al.'s rounded App. D.2 fit) is combined with Muennighoff et al.'s decay constants R*_D and
    R*_N, which were fitted with a different base law; the combination is ours, not a paper's.
    ``flops`` in FLOPs, ``unique_tokens`` in tokens; one budget at a time. Used in chapter 5.
    """
    C = _one_positive(flops, "The compute budget C", "FLOPs")
    U = _one_positive(unique_tokens, "The number of unique tokens U", "tokens")
    law = _as_law(law)
    r_d_star = _decay_constant(r_d_star, "The decay constant R*_D")
    r_n_star = _decay_constant(r_n_star, "The decay constant R*_N")

    optimum = compute_optimal(C, law)
    N0, D0, loss0 = float(optimum.N), float(optimum.D), float(optimum.loss)
    if D0 <= U:
        return DataConstrainedAllocation(C, U, N0, D0, D0 / U, loss0, N0, D0, loss0, 0.0, False)

    def loss_at(log_n):
        n = np.exp(log_n)
        return data_constrained_loss(n, C / (TRAINING_FLOPS_PER_PARAM_TOKEN * n), U, law, r_d_star, r_n_star)

    # The optimum lies between far fewer parameters than N0 or N_opt(U) (many epochs) and
    # enough parameters that the run needs less than one epoch (N ≥ C/(6U) > N0).
    n_one_epoch = C / (TRAINING_FLOPS_PER_PARAM_TOKEN * U)
    n_low = min(N0, params_for_tokens(U, law)) / 1e3
    grid = np.linspace(math.log(n_low), math.log(n_one_epoch) + math.log(1e2), 801)
    values = loss_at(grid)
    # When U is tiny next to C, both N′ and D′ saturate and the loss is flat over a wide range
    # of N: take the smallest N on that plateau (same loss, cheapest model to serve).
    best = int(np.argmax(values <= values.min() * (1.0 + 1e-12)))
    low, high = grid[max(best - 1, 0)], grid[min(best + 1, grid.size - 1)]
    refined = minimize_scalar(loss_at, bounds=(low, high), method="bounded", options={"xatol": 1e-10})
    log_n = refined.x if refined.fun <= values[best] else grid[best]
    N = float(np.exp(log_n))
    D = C / (TRAINING_FLOPS_PER_PARAM_TOKEN * N)
    loss = float(loss_at(log_n))
    return DataConstrainedAllocation(C, U, N, D, D / U, loss, N0, D0, loss0, max(loss - loss0, 0.0), True)


#: Budgets evaluated together by :func:`best_data_constrained_loss`: 801 sizes each, so a block holds
#: about 13 MB per temporary array, and memory stays flat however many budgets are asked for
#: (10^5 budgets at once once took 6.6 GiB).
BUDGETS_PER_BLOCK = 2048
#: The most budgets :func:`best_data_constrained_loss` takes in one call (10^5 take about 12 s and 220 MB).
MAX_BUDGETS = 100_000


def _best_loss_block(c, U, law, r_d_star, r_n_star):
    """:func:`best_data_constrained_loss` for one block of budgets ``c`` (a flat array)."""
    optimum = compute_optimal(c, law)
    n_low = np.minimum(optimum.N, params_for_tokens(U, law)) / 1e3
    n_high = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * U) * 1e2
    low, high = np.log(n_low), np.log(n_high)
    steps = np.linspace(0.0, 1.0, 801)
    log_n = low[:, None] + steps[None, :] * (high - low)[:, None]

    def loss_at(log_params):  # one row of model sizes per budget (or one size per budget)
        n = np.exp(log_params)
        budget = c.reshape(c.shape + (1,) * (n.ndim - 1))
        d = budget / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        return np.asarray(data_constrained_loss(n, d, U, law, r_d_star, r_n_star), dtype=float)

    values = loss_at(log_n)
    rows = np.arange(c.size)
    best = np.clip(np.argmin(values, axis=1), 1, steps.size - 2)
    y0, y1, y2 = values[rows, best - 1], values[rows, best], values[rows, best + 1]
    curvature = y0 - 2.0 * y1 + y2
    spacing = (high - low) / (steps.size - 1)
    shift = np.where(curvature > 0, 0.5 * (y0 - y2) / np.where(curvature > 0, curvature, 1.0), 0.0)
    vertex = log_n[rows, best] + np.clip(shift, -1.0, 1.0) * spacing
    refined = np.minimum(np.minimum(values.min(axis=1), loss_at(vertex)), y1)
    return np.where(optimum.D <= U, optimum.loss, refined)


def best_data_constrained_loss(
    flops,
    unique_tokens,
    law=HOFFMANN_ROUNDED,
    r_d_star=MUENNIGHOFF_R_D_STAR,
    r_n_star=MUENNIGHOFF_R_N_STAR,
):
    """Lowest loss reachable with budget C and at most U unique tokens, for many budgets at once.

    The loss of ``data_constrained_allocation`` (same model, same assumptions), vectorised over
    ``flops``: for each budget, a log-spaced grid of 801 model sizes over the same range, then
    the parabola through the best grid point and its neighbours. Where Hoffmann's D_opt fits in U,
    it is the compute-optimal loss itself. Agrees with ``data_constrained_allocation`` to about
    1e-7 nats. ``flops`` in FLOPs (scalar or array), ``unique_tokens`` one number of tokens;
    result in nats per token. Used in chapter 5 (the widget's loss-against-budget panel).
    """
    C = check.positive(flops, "The compute budget C", "FLOPs")
    U = _one_positive(unique_tokens, "The number of unique tokens U", "tokens")
    law = _as_law(law)
    r_d_star = _decay_constant(r_d_star, "The decay constant R*_D")
    r_n_star = _decay_constant(r_n_star, "The decay constant R*_N")
    c = np.atleast_1d(np.asarray(C, dtype=float)).ravel()
    if c.size > MAX_BUDGETS:
        raise ValueError(
            f"{c.size:,} budgets is more than this function evaluates in one call ({MAX_BUDGETS:,}, about 12 s); "
            "pass fewer budgets, or call it in batches."
        )
    blocks = [
        _best_loss_block(c[start : start + BUDGETS_PER_BLOCK], U, law, r_d_star, r_n_star)
        for start in range(0, c.size, BUDGETS_PER_BLOCK)
    ]
    result = np.concatenate(blocks).reshape(np.shape(C))
    return _out(result if np.ndim(C) else float(result))


# ---------------------------------------------------------------------------------------------
# The stock of public text
# ---------------------------------------------------------------------------------------------


def dataset_growth_per_year(tokens_then, year_then, tokens_now, year_now):
    """Average yearly growth factor of training-set size between two runs: (D_now/D_then)^(1/years).

    Example: GPT-3's 300B tokens (2020) to Llama 3's 15T (2024) is 50× in 4 years, ×2.66 a
    year. Tokens in tokens, years as (decimal) calendar years; result dimensionless.
    Used in chapter 5.
    """
    d0 = _one_positive(tokens_then, "The earlier training-set size", "tokens")
    d1 = _one_positive(tokens_now, "The later training-set size", "tokens")
    y0 = _scalar(check._as_float(year_then, "The earlier year"), "The earlier year")
    y1 = _scalar(check._as_float(year_now, "The later year"), "The later year")
    if y1 <= y0:
        raise ValueError(f"The later year must come after the earlier year, got {y0:g} and {y1:g}.")
    return (d1 / d0) ** (1.0 / (y1 - y0))


def year_dataset_reaches(
    target_tokens=PUBLIC_TEXT_STOCK_TOKENS,
    reference_tokens=LLAMA3_TRAINING_TOKENS,
    reference_year=LLAMA3_YEAR,
    growth_per_year=DEFAULT_DATASET_GROWTH_PER_YEAR,
):
    """Year in which the largest training set reaches ``target_tokens`` if it keeps growing geometrically.

    year = reference_year + ln(target / reference) / ln(growth). This is our simple
    extrapolation, not Villalobos et al.'s model (which projects dataset sizes from compute
    trends and gives 2026–2032, median 2028, see ``VILLALOBOS_EXHAUSTION_YEARS``). Defaults:
    the ≈300T-token stock, Llama 3's 15T tokens in 2024, ×2.66 a year
    (``DEFAULT_DATASET_GROWTH_PER_YEAR``), giving 2024 + ln 20 / ln 2.66 ≈ 2027.1.
    Tokens in tokens, year as a decimal calendar year, growth a factor per year (> 1).
    Used in chapter 5.
    """
    target = check.positive(target_tokens, "The target number of tokens", "tokens")
    ref = _one_positive(reference_tokens, "The reference training-set size", "tokens")
    year = _scalar(check._as_float(reference_year, "The reference year"), "The reference year")
    growth = check.in_range(growth_per_year, "The growth factor per year", 1.0, np.inf, low_open=True)
    growth = _scalar(growth, "The growth factor per year")
    return _out(year + np.log(np.asarray(target) / ref) / math.log(growth))


def stock_exhaustion_flops(
    stock_tokens=PUBLIC_TEXT_STOCK_TOKENS,
    tokens_per_param=CHINCHILLA_TOKENS_PER_PARAM,
    overtraining=1.0,
):
    """Training budget C at which a run with a fixed tokens-per-parameter ratio uses the whole stock.

    D = stock, N = D / (ratio·k), C = 6·N·D = 6·D²/(ratio·k). Over-training k× (k times more
    tokens per parameter than ``tokens_per_param``) divides the budget by k: the wall arrives
    at a k-fold smaller budget. Example: 300T tokens at 20 tokens/param is N = 15T parameters
    and C = 6·15e12·300e12 = 2.7e28 FLOPs. ``stock_tokens`` in tokens, ``tokens_per_param``
    in tokens per parameter, ``overtraining`` a factor ≥ 1; result in FLOPs. Used in chapter 5.
    """
    D = check.positive(stock_tokens, "The stock of tokens", "tokens")
    ratio = check.positive(tokens_per_param, "The number of tokens per parameter")
    k = check.in_range(overtraining, "The over-training factor k", 1.0, np.inf)
    return training_flops(np.asarray(D) / (np.asarray(ratio) * np.asarray(k)), D)


def stock_exhaustion_flops_chinchilla(
    stock_tokens=PUBLIC_TEXT_STOCK_TOKENS,
    law=HOFFMANN_ROUNDED,
    overtraining=1.0,
):
    """Training budget C at which a compute-optimal run under ``law`` (times over-training) uses the whole stock.

    On Hoffmann et al.'s frontier D_opt = (C/6)^b_D / G (Eq. 4). Over-training k× at the same
    budget means N = N_opt/√k and D = D_opt·√k (k times the optimal tokens per parameter).
    Setting D = stock gives C = 6·(G·stock/√k)^(1/b_D). With the rounded Approach-3 fit the
    optimal ratio grows with C (≈200 tokens per parameter by then), so this budget is about
    ten times below ``stock_exhaustion_flops`` at 20 tokens per parameter.
    ``stock_tokens`` in tokens, ``overtraining`` ≥ 1; result in FLOPs. Used in chapter 5.
    """
    D = check.positive(stock_tokens, "The stock of tokens", "tokens")
    k = check.in_range(overtraining, "The over-training factor k", 1.0, np.inf)
    law = _as_law(law)
    return _out(TRAINING_FLOPS_PER_PARAM_TOKEN * (law.G * np.asarray(D) / np.sqrt(k)) ** (1.0 / law.b_D))


def years_brought_forward(overtraining, compute_growth_per_year):
    """How many years earlier the data wall arrives when runs are over-trained k×: ln k / ln g.

    Under a fixed tokens-per-parameter rule the budget that exhausts the stock falls k-fold
    (``stock_exhaustion_flops``); if frontier compute grows g× a year, that budget is reached
    ln k / ln g years sooner. Example: k = 10, g = 4 → ln 10 / ln 4 ≈ 1.66 years. The growth
    rate is the caller's assumption; no default. Used in chapter 5.
    """
    k = check.in_range(overtraining, "The over-training factor k", 1.0, np.inf)
    g = check.in_range(compute_growth_per_year, "The compute growth factor per year", 1.0, np.inf, low_open=True)
    return _out(np.log(k) / np.log(g))


# --- The stock as effective data (Villalobos et al.'s definition, used once) ----------------------------------


def unique_tokens_for_effective(effective_tokens, epochs, r_star=MUENNIGHOFF_R_D_STAR):
    """Unique tokens U whose repetition over ``epochs`` epochs is worth ``effective_tokens`` fresh ones.

    Inverts Muennighoff et al.'s Eq. 5: U = D' / (1 + R*·(1 − e^(−(epochs − 1)/R*))). Use it to ask
    what unique stock an *effective* stock (such as Villalobos et al.'s ≈300T tokens, which already
    allows for multi-epoch training) stands for under a given number of epochs: 300T at 4 epochs is
    300T / 3.73 ≈ 80T unique tokens. Tokens in tokens, ``epochs`` ≥ 1. Used in chapter 5.
    """
    effective = check.positive(effective_tokens, "The effective number of tokens", "tokens")
    epochs = check.in_range(epochs, "The number of epochs", 1.0, np.inf)
    worth = effective_data(1.0, epochs, r_star)
    return _out(np.asarray(effective) / worth)


@dataclass(frozen=True)
class EffectiveStockAllocation:
    """The best run for a budget when the *effective* data cannot exceed ``effective_stock``.

    ``n_params`` (parameters) and ``n_tokens`` (effective tokens, ≤ the stock) of that run and its
    ``loss``; ``loss_unlimited`` the compute-optimal loss with no cap; ``loss_gap`` = loss −
    loss_unlimited (≥ 0); ``data_limited`` whether the cap binds. Losses in nats per token.
    """

    flops: float
    effective_stock: float
    n_params: float
    n_tokens: float
    loss: float
    loss_unlimited: float
    loss_gap: float
    data_limited: bool


def effective_stock_allocation(flops, effective_stock=PUBLIC_TEXT_STOCK_TOKENS, law=HOFFMANN_ROUNDED):
    """The best run for ``flops`` FLOPs when at most ``effective_stock`` effective tokens exist.

    The stock already counts what repetition is worth (Villalobos et al.'s effective stock), so no
    repetition is credited on top: if the compute-optimal run needs no more data than the stock it is
    the answer; otherwise the loss, convex along C = 6ND, is lowest at the cap, D = stock and
    N = C / (6·stock). Extra compute then only grows the model, and the loss approaches the floor
    E + B/stock^β. ``flops`` in FLOPs (a single number), ``effective_stock`` in tokens, ``law`` a
    ``ChinchillaLaw``. Returns an ``EffectiveStockAllocation``. Used in chapter 5.
    """
    c = _one_positive(flops, "The compute budget C", "FLOPs")
    stock = _one_positive(effective_stock, "The effective stock", "tokens")
    law = _as_law(law)
    best = compute_optimal(c, law)
    limited = bool(best.D > stock)
    n, d = (c / (TRAINING_FLOPS_PER_PARAM_TOKEN * stock), stock) if limited else (float(best.N), float(best.D))
    loss = float(law.loss(n, d))
    return EffectiveStockAllocation(
        flops=c,
        effective_stock=stock,
        n_params=n,
        n_tokens=d,
        loss=loss,
        loss_unlimited=float(best.loss),
        loss_gap=loss - float(best.loss),
        data_limited=limited,
    )


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
