"""Training plus serving: lifetime compute, iso-loss curves, the demand-aware optimum, break-even.

A model that will serve T tokens over its life costs

    C_life = 6·N·D (training) + 2·N·T (inference)  FLOPs,

so once demand is large a smaller model trained on more data can reach the same
loss for less total compute (Sardana et al. 2024, "Beyond Chinchilla-Optimal").

The loss law is L(N, D) = E + A/N^alpha + B/D^beta. Every function takes it as
``law``: any object with attributes ``E``, ``A``, ``B``, ``alpha``, ``beta`` (for
example ``scaling.chinchilla.ChinchillaLaw``). ``law=None`` means ``DEFAULT_LAW``,
Hoffmann et al.'s rounded Approach-3 fit.
Used in chapter 4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check
from .chinchilla import HOFFMANN_ROUNDED as DEFAULT_LAW  # the published constants live there
from .chinchilla import ChinchillaLaw, compute_optimal
from .compute import (
    INFERENCE_FLOPS_PER_PARAM_TOKEN,
    TRAINING_FLOPS_PER_PARAM_TOKEN,
    inference_flops,
    training_flops,
)

#: How the default law is described in printed output.
DEFAULT_LAW_LABEL = "Hoffmann et al. 2022, App. D.2 (Approach 3, rounded constants)"

_C_TRAIN = TRAINING_FLOPS_PER_PARAM_TOKEN
_C_SERVE = INFERENCE_FLOPS_PER_PARAM_TOKEN

# Sardana, Portes, Doubov & Frankle 2024, "Beyond Chinchilla-Optimal" (ICML), §2: the worked example.
# Checked: text of the ICML paper. They used Hoffmann et al.'s law, not a fit of their own (§2: "We use the
# constant values from the Chinchilla paper"), but with the exponents alpha = 0.336, beta = 0.283 instead of
# the printed 0.34, 0.28 (App. A and its footnote 2: the printed values are rounded; 0.336 and 0.283 "better
# fit the results reported in Table A.3", as in De Vries 2023). With those exponents ``demand_aware_optimum``
# reproduces the example and App. B.1 Table 2; with the printed ones it does not (chapter 4).
#: The loss law Sardana et al. computed with: Hoffmann's E, A, B and De Vries's exponents (App. A, fn. 2).
SARDANA_LAW = ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.336, beta=0.283)
#: The quality target: that of a Chinchilla-optimal model of 30B parameters.
SARDANA_EXAMPLE_REFERENCE_PARAMS = 30e9
#: The expected lifetime demand: 10^13 inference tokens.
SARDANA_EXAMPLE_SERVED_TOKENS = 1e13
#: Their answer: a 13.6B-parameter model ...
SARDANA_EXAMPLE_PARAMS = 13.6e9
#: ... trained on 2.84 times the Chinchilla-prescribed data ...
SARDANA_EXAMPLE_DATA_FACTOR = 2.84
#: ... for 28% less total (training + inference) compute.
SARDANA_EXAMPLE_SAVING = 0.28
#: App. B.1 Table 2, as printed: (served tokens, Chinchilla-style params, its tokens, compute-optimal params,
#: its tokens, FLOP reduction). The FLOPs columns are lifetime compute 6ND + 2NT. The first row prints "6.33M"
#: parameters, a typo for 633M: its own lifetime FLOPs, 2.41e20, need 6·N·46.8e9 + 2·N·50e9 = 2.41e20, so
#: N = 633M (6.33M would give 2.4e18). Kept as printed; the test pins 633M and says why.
SARDANA_TABLE_2 = (
    (50e9, 1e9, 27.4e9, 6.33e6, 46.8e9, 0.091),
    (200e9, 7e9, 276e9, 5.4e9, 367e9, 0.026),
    (1e12, 13e9, 577e9, 8.32e9, 967e9, 0.085),
    (5e12, 30e9, 1.56e12, 16.4e9, 3.27e12, 0.16),
    (10e12, 70e9, 4.26e12, 41.6e9, 7.92e12, 0.12),
)


def _constants(law):
    """Read and check E, A, B, alpha, beta from ``law`` (duck typing)."""
    law = DEFAULT_LAW if law is None else law
    try:
        values = [getattr(law, name) for name in ("E", "A", "B", "alpha", "beta")]
    except AttributeError:
        raise ValueError(
            f"The loss law must have attributes E, A, B, alpha and beta (for example a ChinchillaLaw), got {check.shown(law)}."
        ) from None
    e = check.nonnegative(values[0], "The irreducible loss E")
    a = check.positive(values[1], "The model-size coefficient A")
    b = check.positive(values[2], "The data coefficient B")
    alpha = check.positive(values[3], "The model-size exponent alpha")
    beta = check.positive(values[4], "The data exponent beta")
    for value, name in ((e, "E"), (a, "A"), (b, "B"), (alpha, "alpha"), (beta, "beta")):
        if np.ndim(value) != 0:
            raise ValueError(f"The loss-law constant {name} must be a single number, got {check.shown(value)}.")
    return float(e), float(a), float(b), float(alpha), float(beta)


def _target_loss(loss, e):
    target = check.positive(loss, "The target loss", "nats per token")
    bad = np.asarray(target) <= e
    if np.any(bad):
        raise ValueError(
            f"The target loss must be above the irreducible loss E = {e:g}, got {check._describe(target, bad)}: "
            "no model reaches it."
        )
    return target


@dataclass(frozen=True)
class Allocation:
    """A model size and data size with its training compute and predicted loss.

    ``n_params`` in parameters, ``n_tokens`` in tokens, ``flops`` = 6·N·D in FLOPs,
    ``loss`` in nats per token. Arrays when the inputs were arrays.
    """

    n_params: float
    n_tokens: float
    flops: float
    loss: float

    @property
    def tokens_per_param(self):
        """D / N."""
        return self.n_tokens / self.n_params


@dataclass(frozen=True)
class DemandAwareOptimum:
    """The model that reaches ``loss`` with the least lifetime compute for ``served_tokens``.

    ``n_params``, ``n_tokens``: the demand-aware choice; ``training_flops`` = 6ND and
    ``lifetime_flops`` = 6ND + 2NT, in FLOPs. ``compute_optimal`` is the
    Chinchilla-optimal ``Allocation`` at the same loss (the answer at zero demand);
    ``compute_optimal_lifetime_flops`` its lifetime compute serving the same tokens;
    ``saving`` = 1 − lifetime / compute-optimal lifetime (a fraction).
    """

    loss: float
    served_tokens: float
    n_params: float
    n_tokens: float
    training_flops: float
    lifetime_flops: float
    compute_optimal: Allocation
    compute_optimal_lifetime_flops: float
    saving: float

    @property
    def tokens_per_param(self):
        """D / N of the demand-aware choice."""
        return self.n_tokens / self.n_params


def lifetime_flops(n_params, n_tokens, served_tokens):
    """Lifetime compute 6·N·D + 2·N·T in FLOPs: training on D tokens, then serving T tokens.

    ``n_params`` in parameters (active ones for a mixture of experts), ``n_tokens``
    training tokens, ``served_tokens`` tokens processed at inference (prompt and
    output). Scalars or arrays. Used in chapter 4.
    """
    return training_flops(n_params, n_tokens) + inference_flops(n_params, served_tokens)


def predicted_loss(n_params, n_tokens, law=None):
    """Loss L(N, D) = E + A/N^alpha + B/D^beta in nats per token.

    ``n_params`` in parameters, ``n_tokens`` in tokens, ``law`` any object with
    E, A, B, alpha, beta (default: Hoffmann's rounded fit). Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    n = check.positive(n_params, "The number of parameters N", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    return e + a * n**-alpha + b * d**-beta


def min_params_for_loss(loss, law=None):
    """Smallest model that can reach ``loss`` at all (with infinite data): (A / (loss − E))^(1/alpha).

    Result in parameters; any model at or below it cannot reach ``loss``.
    Used in chapter 4.
    """
    e, a, _, alpha, _ = _constants(law)
    target = _target_loss(loss, e)
    return (a / (target - e)) ** (1.0 / alpha)


def iso_loss_tokens(n_params, loss, law=None):
    """Training tokens D that bring a model of ``n_params`` to ``loss``: the iso-loss curve.

    D(N) = (B / (loss − E − A/N^alpha))^(1/beta), in tokens. Raises ``ValueError``
    when ``loss`` is unreachable at that N, i.e. loss ≤ E + A/N^alpha (even infinite
    data would not get there). ``n_params`` and ``loss`` broadcast. Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    n = check.positive(n_params, "The number of parameters N", "parameters")
    target = _target_loss(loss, e)
    n, target = np.broadcast_arrays(np.asarray(n, dtype=float), np.asarray(target, dtype=float))
    floor = e + a * n**-alpha
    room = target - floor
    bad = room <= 0
    if np.any(bad):
        first = tuple(np.argwhere(np.atleast_1d(bad))[0]) if bad.ndim else ()
        raise ValueError(
            f"A loss of {target[first]:g} is unreachable with N = {n[first]:g} parameters: even infinite data "
            f"only gets to E + A/N^alpha = {floor[first]:.4g}. Use a larger model or a higher target loss."
        )
    tokens = (b / room) ** (1.0 / beta)
    return float(tokens) if tokens.ndim == 0 else tokens


def compute_optimal_allocation(flops, law=None):
    """Compute-optimal N and D for a budget of ``flops`` FLOPs (Hoffmann et al. 2022, Eq. 4).

    N_opt = G·(C/6)^a_N and D_opt = (C/6)^b_D / G, with G = (alpha·A / (beta·B))^(1/(alpha+beta)),
    a_N = beta/(alpha+beta), b_D = alpha/(alpha+beta). Returns an ``Allocation``
    (parameters, tokens, FLOPs, loss). Used in chapter 4 and by ``python -m scaling plan``.
    """
    e, a, b, alpha, beta = _constants(law)
    best = compute_optimal(check.positive(flops, "The compute budget C", "FLOPs"), ChinchillaLaw(e, a, b, alpha, beta))
    return Allocation(n_params=best.N, n_tokens=best.D, flops=training_flops(best.N, best.D), loss=best.loss)


def compute_optimal_for_loss(loss, law=None):
    """The model with the least training compute that reaches ``loss`` (zero serving demand).

    On the compute-optimal frontier the parameter term takes the share
    beta/(alpha+beta) of the reducible loss (loss − E), so
    N = (A / (share·(loss − E)))^(1/alpha) and D = (B / ((1 − share)·(loss − E)))^(1/beta).
    Returns an ``Allocation``. Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    target = _target_loss(loss, e)
    share = beta / (alpha + beta)
    reducible = target - e
    n = (a / (share * reducible)) ** (1.0 / alpha)
    d = (b / ((1.0 - share) * reducible)) ** (1.0 / beta)
    return Allocation(n_params=n, n_tokens=d, flops=training_flops(n, d), loss=target)


def compute_optimal_for_params(n_params, law=None):
    """The compute-optimal model with ``n_params`` parameters: its tokens, compute and loss.

    On the compute-optimal frontier B/D^beta = (alpha/beta)·A/N^alpha, so
    D = (beta·B·N^alpha / (alpha·A))^(1/beta) and loss = E + (A/N^alpha)·(alpha+beta)/beta.
    ``n_params`` in parameters; returns an ``Allocation`` (tokens, FLOPs = 6ND, loss in nats
    per token). Its loss is what "the quality of a Chinchilla-optimal 30B model" means.
    Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    n = check.positive(n_params, "The number of parameters N", "parameters")
    param_term = a * n**-alpha
    d = (beta * b / (alpha * param_term)) ** (1.0 / beta)
    loss = e + param_term * (alpha + beta) / beta
    return Allocation(n_params=n, n_tokens=d, flops=training_flops(n, d), loss=loss)


def implied_served_tokens(n_params, n_tokens, law=None):
    """The lifetime demand T for which (N, D) is exactly the demand-aware optimum for its own loss.

    Inverts ``demand_aware_optimum``: with s = (A/N^alpha)/(L(N, D) − E), the optimum satisfies
    6·D·((alpha/beta)·s/(1−s) − 1) = 2·T, so T = 3·D·((alpha/beta)·s/(1−s) − 1), in served tokens.
    ``n_params`` in parameters, ``n_tokens`` training tokens. T = 0 on the compute-optimal
    frontier. Raises ``ValueError`` when the model has fewer tokens than the compute-optimal
    model of its size: then no demand makes it the best choice. The answer depends on the law,
    which is the point: a tokens-per-parameter ratio alone does not reveal the objective.
    Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    n = check.positive(n_params, "The number of parameters N", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    param_term = a * n**-alpha
    data_term = b * d**-beta
    # s/(1 − s) = param_term / data_term, so the bracket is (alpha/beta)·param/data − 1.
    tokens = (_C_TRAIN / _C_SERVE) * d * ((alpha / beta) * param_term / data_term - 1.0)
    bad = np.asarray(tokens) < -1e-9 * np.asarray(d)
    if np.any(bad):
        where = check._describe(n * np.ones_like(tokens), bad) if np.ndim(tokens) else f"{n:.3g}"
        raise ValueError(
            "The model has fewer training tokens D than the compute-optimal model of its size "
            f"(N = {where}), so it is never the lifetime-optimal choice: a smaller model trained "
            "longer reaches its loss for less compute at every demand."
        )
    tokens = np.maximum(tokens, 0.0)
    return float(tokens) if np.ndim(tokens) == 0 else tokens


def demand_aware_optimum(loss, served_tokens, law=None):
    """The (N, D) reaching ``loss`` with the least lifetime compute 6ND + 2NT (Sardana et al. 2024, §2).

    ``loss`` in nats per token; ``served_tokens`` T, the expected tokens served over
    the model's life (scalar or array: the answer is vectorised over demand);
    ``law`` any object with E, A, B, alpha, beta. Returns a ``DemandAwareOptimum``,
    with the compute-optimal model at the same loss for comparison. At T = 0 the
    answer is the compute-optimal model; as T grows, N shrinks and D grows.

    Method: write the iso-loss curve through s = (A/N^alpha)/(loss − E), the share
    of reducible loss due to finite N (s in (0, 1); s → 1 as N approaches the smallest
    model that can reach the loss). The lifetime compute is stationary where
    6·D·((alpha/beta)·s/(1−s) − 1) = 2·T. The left side increases strictly for
    s above beta/(alpha+beta), the compute-optimal share, so the stationary point is
    unique and is the global minimum; it is found by bisection on log(1 − s), in log
    space, so even 10^20 served tokens neither overflow nor lose precision.

    The answer depends strongly on the exponents. For a 30B Chinchilla-quality model
    serving 10^13 tokens, Sardana et al. report 13.6B on 2.84× the data and 28% less
    compute: ``SARDANA_LAW`` (Hoffmann's law with alpha = 0.336, beta = 0.283)
    reproduces it. Hoffmann's printed, rounded exponents (0.34, 0.28) give about
    15.9B on 2.2× the data and 18% less. The chapter must say which constants it
    used. Used in chapter 4.
    """
    e, a, b, alpha, beta = _constants(law)
    target = _target_loss(loss, e)
    demand = check.nonnegative(served_tokens, "The expected served tokens T", "tokens")
    target, demand = np.broadcast_arrays(np.asarray(target, dtype=float), np.asarray(demand, dtype=float))
    reducible = target - e
    ratio = alpha / beta

    # y = log(1 - s); the compute-optimal point is y_opt = log(alpha / (alpha + beta)).
    y_opt = np.log(alpha / (alpha + beta))
    log_c_train = np.log(_C_TRAIN)
    positive_demand = demand > 0
    log_demand_term = np.log(_C_SERVE * np.where(positive_demand, demand, 1.0))

    def excess(y):
        """log(6·D·((alpha/beta)·s/(1−s) − 1)) − log(2T): decreasing in y, −inf at y_opt."""
        log_d = (np.log(b) - y - np.log(reducible)) / beta
        bracket = ratio * np.expm1(-y) - 1.0
        with np.errstate(divide="ignore"):
            return log_c_train + log_d + np.log(np.maximum(bracket, 0.0)) - log_demand_term

    high = np.full(target.shape, y_opt)
    step = np.ones(target.shape)
    low = high - step
    for _ in range(64):  # widen the bracket until the excess is positive at the low end
        short = excess(low) <= 0
        if not np.any(short & positive_demand):
            break
        step = np.where(short, 2.0 * step, step)
        low = np.where(short, high - step, low)
    for _ in range(200):  # bisection: the bracket halves each time
        mid = 0.5 * (low + high)
        above = excess(mid) > 0
        low = np.where(above, mid, low)
        high = np.where(above, high, mid)
    y = np.where(positive_demand, 0.5 * (low + high), y_opt)

    share = -np.expm1(y)  # s = 1 - e^y
    n = (a / (share * reducible)) ** (1.0 / alpha)
    d = np.exp((np.log(b) - y - np.log(reducible)) / beta)
    reference = compute_optimal_for_loss(target, law)
    life = lifetime_flops(n, d, demand)
    reference_life = lifetime_flops(reference.n_params, reference.n_tokens, demand)

    def out(x):
        return float(x) if np.ndim(x) == 0 else x

    return DemandAwareOptimum(
        loss=out(target),
        served_tokens=out(demand),
        n_params=out(n),
        n_tokens=out(d),
        training_flops=out(training_flops(n, d)),
        lifetime_flops=out(life),
        compute_optimal=Allocation(
            n_params=out(reference.n_params),
            n_tokens=out(reference.n_tokens),
            flops=out(reference.flops),
            loss=out(reference.loss),
        ),
        compute_optimal_lifetime_flops=out(reference_life),
        saving=out(1.0 - life / reference_life),
    )


def break_even_served_tokens(n_params_1, n_tokens_1, n_params_2, n_tokens_2):
    """Served tokens T at which two models have equal lifetime compute 6ND + 2NT.

    T = (6·N2·D2 − 6·N1·D1) / (2·(N1 − N2)), in tokens. Beyond T the smaller model
    (trained on more data) has used less total compute. Example: 70B on 1.4T tokens
    against 30B on 4T tokens breaks even at 1.65e12 served tokens. Raises
    ``ValueError`` when the models have the same size or when the smaller one is
    also cheaper to train (it is then cheaper at every demand). Used in chapter 4.
    """
    n1 = check.positive(n_params_1, "The number of parameters of model 1", "parameters")
    n2 = check.positive(n_params_2, "The number of parameters of model 2", "parameters")
    train_1 = training_flops(n1, n_tokens_1)
    train_2 = training_flops(n2, n_tokens_2)
    size_gap = np.asarray(n1 - n2, dtype=float)
    if np.any(size_gap == 0):
        raise ValueError(
            "The two models have the same number of parameters, so their lifetime compute differs only by "
            "training compute and never crosses; give models of different sizes."
        )
    tokens = (train_2 - train_1) / (_C_SERVE * size_gap)
    bad = np.asarray(tokens) < 0
    if np.any(bad):
        raise ValueError(
            "There is no break-even: the smaller model is also cheaper to train, so it uses less lifetime "
            f"compute at every demand (the formula gives {check._describe(tokens, bad)} served tokens)."
        )
    return tokens


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
