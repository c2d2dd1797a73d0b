"""The planner behind ``python -m scaling plan``: from what a practitioner has to a costed plan.

A budget (FLOPs, dollars, or a cluster for a number of days) or a fixed model (parameters,
optionally tokens) goes in; out comes the model and data, FLOPs, GPU-hours, days, dollars and
energy, the memory training needs, a serving estimate when serving is asked for, and warnings
for plans the numbers say are impossible or outside what the laws were fitted on. Everything is
arithmetic from ``scaling.hardware``, ``scaling.inference``, ``scaling.chinchilla`` and
``scaling.data``; ``scaling.cli`` only parses arguments and prints. Units: FLOPs, parameters,
tokens, bytes, GPU-hours, days, US dollars, MWh. Used by the appendix page "The planner".
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from . import _validate as check
from . import data, hardware, inference
from .chinchilla import BESIROGLU_2024, HOFFMANN_ROUNDED, HOFFMANN_UNROUNDED, ChinchillaLaw, compute_optimal
from .compute import TRAINING_FLOPS_PER_PARAM_TOKEN, format_count

SECONDS_PER_DAY = 86_400.0
DAYS_PER_YEAR = 365.25

#: The smallest model Hoffmann et al. 2022 trained: "over 400 language models ranging from 70 million
#: to over 16 billion parameters" (abstract). Below it every law here is an extrapolation.
SMALLEST_STUDIED_PARAMS = 70e6

#: Muennighoff et al. 2023 (abstract): "up to 4 epochs of repeated data yields negligible changes to
#: loss compared to having unique data"; beyond that the value of a repeat decays.
HARMLESS_EPOCHS = 4.0

#: Ten years of wall-clock time, in days: a run longer than this is not a plan.
DECADE_DAYS = 10 * DAYS_PER_YEAR

# --- The shape assumed for a model of N parameters (our assumption, stated in every plan) -----------
#: d_model = 128 · n_layer: Llama 3 8B's aspect ratio (4,096 / 32; 70B has 8,192 / 80 = 102).
ASPECT_RATIO = 128.0
#: Grouped-query attention with 8 key/value heads of dimension 128, as in every Llama 3 model.
KV_HEADS = 8
HEAD_DIM = 128

#: Bytes per weight when serving at each precision.
SERVING_BYTES = {"bf16": hardware.BYTES_BF16, "fp8": hardware.BYTES_FP8, "fp4": hardware.BYTES_INT4}


@dataclass(frozen=True)
class Law:
    """One way of choosing N and D: a loss law (``law``) or a fixed ratio (``tokens_per_param``)."""

    key: str
    label: str
    law: ChinchillaLaw | None = None
    tokens_per_param: float | None = None


#: The laws ``--law`` accepts, in the order ``--law all`` prints them.
LAWS = {
    "hoffmann": Law("hoffmann", "Hoffmann et al. 2022, Approach 3, rounded constants (App. D.2)", HOFFMANN_ROUNDED),
    "hoffmann-unrounded": Law(
        "hoffmann-unrounded", "Hoffmann et al. 2022, Approach 3, unrounded constants", HOFFMANN_UNROUNDED
    ),
    "besiroglu": Law("besiroglu", "Besiroglu et al. 2024, refit of Hoffmann's data", BESIROGLU_2024),
    "20-tokens": Law(
        "20-tokens",
        "20 tokens per parameter (Chinchilla's 1.4T / 70B; no loss law)",
        tokens_per_param=data.CHINCHILLA_TOKENS_PER_PARAM,
    ),
}


class PlanError(ValueError):
    """A request no plan can answer; the message names the command-line option at fault."""


def get_law(key) -> Law:
    """The ``Law`` for a ``--law`` key ("hoffmann", "hoffmann-unrounded", "besiroglu", "20-tokens"); a ``Law`` as is."""
    if isinstance(key, Law):
        return key
    if not isinstance(key, str) or key not in LAWS:
        raise PlanError(f"--law must be one of {', '.join(LAWS)} or all, got {check.shown(key)}.")
    return LAWS[key]


# --- Model and data ---------------------------------------------------------------------------------


def allocate(flops, law) -> tuple[float, float]:
    """Compute-optimal (N, D) for ``flops`` FLOPs under ``law`` (a ``Law`` or its key); C = 6ND.

    A loss law uses Hoffmann et al.'s Eq. 4; the fixed ratio r gives N = √(C / 6r), D = r·N.
    """
    c = check.positive(flops, "The compute budget", "FLOPs")
    law = get_law(law)
    if law.law is not None:
        best = compute_optimal(c, law.law)
        return float(best.N), float(best.D)
    n = math.sqrt(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * law.tokens_per_param))
    return n, law.tokens_per_param * n


def tokens_for_params(n_params, law) -> float:
    """Compute-optimal tokens for a model of ``n_params`` parameters under ``law`` (a ``Law`` or its key)."""
    n = check.positive(n_params, "The number of parameters", "parameters")
    law = get_law(law)
    if law.law is not None:
        return float(inference.compute_optimal_for_params(n, law.law).n_tokens)
    return law.tokens_per_param * n


def loss_of(n_params, n_tokens, law, unique_tokens=None):
    """Predicted loss in nats per token of N parameters trained on D tokens, or ``None`` for a rule
    without a loss law (``law``: a ``Law`` or its key).

    With ``unique_tokens``, repeated data counts for less (Muennighoff et al. 2023's decay, as in
    ``scaling.data.data_constrained_loss``).
    """
    n = check.positive(n_params, "The number of parameters", "parameters")
    d = check.positive(n_tokens, "The number of training tokens", "tokens")
    law = get_law(law)
    if unique_tokens is not None:
        unique_tokens = check.positive(unique_tokens, "The unique tokens", "tokens")
    if law.law is None:
        return None
    if unique_tokens is not None and d > unique_tokens:
        return float(data.data_constrained_loss(n, d, unique_tokens, law.law))
    return float(law.law.loss(n, d))


def model_shape(n_params) -> tuple[int, int]:
    """(n_layer, d_model) assumed for ``n_params`` parameters: N ≈ 12·n_layer·d_model², d_model = 128·n_layer.

    Our assumption (Llama 3 8B's aspect ratio), stated wherever it is used; at least one layer.
    """
    n = check.positive(n_params, "The number of parameters", "parameters")
    layers = max(1, round((n / (12.0 * ASPECT_RATIO**2)) ** (1.0 / 3.0)))
    return layers, int(ASPECT_RATIO * layers)


# --- Memory -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingMemory:
    """Bytes to train N parameters with Adam in mixed precision (ZeRO §3.1), plus one sequence's activations.

    ``weights`` (BF16, 2 B/param), ``gradients`` (BF16, 2 B), ``optimizer`` (FP32 master weights,
    Adam m and v: 12 B), ``activations`` (assumption in ``assumption``), ``total`` and
    ``min_gpus``: the fewest accelerators whose memory holds it all (a lower bound).
    """

    weights: float
    gradients: float
    optimizer: float
    activations: float
    total: float
    min_gpus: int
    assumption: str


def training_memory(n_params, gpu, context=8192) -> TrainingMemory:
    """Training memory of ``n_params`` parameters on ``gpu`` with ``context``-token sequences.

    Activations assume full recomputation: only each layer's BF16 input is kept, 2·d_model bytes
    per token per layer, for one sequence (the shape from ``model_shape``).
    """
    acc = hardware.get_accelerator(gpu)
    n = check.positive(n_params, "The number of parameters", "parameters")
    ctx = check.positive(context, "The context length", "tokens")
    layers, width = model_shape(n)
    weights = n * hardware.TRAIN_WEIGHT_BYTES
    gradients = n * hardware.TRAIN_GRADIENT_BYTES
    optimizer = n * (hardware.TRAIN_MASTER_WEIGHT_BYTES + hardware.TRAIN_ADAM_M_BYTES + hardware.TRAIN_ADAM_V_BYTES)
    activations = hardware.BYTES_BF16 * width * layers * ctx
    total = weights + gradients + optimizer + activations
    assumption = (
        f"full recomputation keeps each layer's BF16 input: 2 x d_model x n_layer bytes per token, "
        f"one {ctx:,.0f}-token sequence, shape n_layer={_whole(layers)}, d_model={_whole(width)} "
        "(d_model = 128 x n_layer)"
    )
    return TrainingMemory(
        weights, gradients, optimizer, activations, total, hardware.min_gpus(total, acc.memory_bytes), assumption
    )


# --- Serving ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Serving:
    """What serving ``served_tokens`` tokens over ``serving_days`` days costs.

    ``weight_bytes`` and ``kv_cache_bytes`` (the cache of ``batch`` sequences of ``context``
    tokens) in bytes; ``gpus_per_replica`` the fewest accelerators holding both;
    ``tokens_per_second_per_gpu`` decoding throughput from the roofline (the lower of the compute
    ceiling at the dense peak and the bandwidth limit reading weights plus cache every step: an
    upper bound); ``gpus_for_demand`` whole replicas for the average demand; ``dollars_per_million``;
    ``gpu_hours`` and ``dollars`` for all the served tokens; ``bound`` "memory bandwidth" or "compute".
    """

    served_tokens: float
    serving_days: float
    context: int
    batch: int
    precision: str
    weight_bytes: float
    kv_cache_bytes: float
    gpus_per_replica: int
    tokens_per_second_per_gpu: float
    bound: str
    gpus_for_demand: int
    dollars_per_million: float
    gpu_hours: float
    dollars: float


def serving_estimate(
    n_params, gpu, precision="bf16", context=8192, batch=64, served_tokens=1e12, serving_days=365.0, price=2.5
) -> Serving:
    """Memory, throughput, GPUs and price of serving ``n_params`` parameters on ``gpu``.

    KV cache per sequence: 2 (keys, values) · n_layer · 8 KV heads · 128 · 2 bytes · ``context``
    (shape from ``model_shape``; BF16 cache). Decoding tokens/s per GPU = min(peak / 2N,
    batch · bandwidth / (weight bytes + batch · cache bytes per sequence)), independent of how many
    GPUs share a replica. ``served_tokens`` over ``serving_days`` sets the average demand.
    """
    acc = hardware.get_accelerator(gpu)
    n = check.positive(n_params, "The number of parameters", "parameters")
    peak = acc.peak_at(precision)
    precision = str(precision).strip().lower()  # as peak_at reads it
    batch = check.integer(batch, "The batch of sequences per replica", minimum=1)
    layers, _ = model_shape(n)
    kv_per_sequence = hardware.kv_cache_bytes(layers, KV_HEADS, HEAD_DIM, context)
    weights = hardware.weight_bytes(n, SERVING_BYTES[precision])
    cache = kv_per_sequence * batch
    per_replica = hardware.min_gpus(weights + cache, acc.memory_bytes)
    compute_rate = hardware.compute_bound_tokens_per_second(n, peak, 1.0)
    memory_rate = hardware.bandwidth_bound_tokens_per_second(weights, acc.bandwidth, batch, kv_per_sequence)
    rate = min(compute_rate, memory_rate)
    demand = check.positive(served_tokens, "The served tokens", "tokens")
    days = check.positive(serving_days, "The serving period", "days")
    gpus_needed = demand / (days * SECONDS_PER_DAY) / rate
    if not math.isfinite(gpus_needed):
        raise PlanError(
            "Serving --served-tokens at this model size needs more GPUs than a float can count; "
            "lower --served-tokens or the model size."
        )
    replicas = max(1, math.ceil(round(gpus_needed / per_replica, 9)))
    gpu_hours = demand / rate / hardware.SECONDS_PER_HOUR
    return Serving(
        served_tokens=demand,
        serving_days=days,
        context=int(context),
        batch=int(batch),
        precision=precision,
        weight_bytes=weights,
        kv_cache_bytes=cache,
        gpus_per_replica=per_replica,
        tokens_per_second_per_gpu=rate,
        bound="compute" if compute_rate < memory_rate else "memory bandwidth",
        gpus_for_demand=replicas * per_replica,
        dollars_per_million=hardware.cost_per_million_tokens(rate, price),
        gpu_hours=gpu_hours,
        dollars=hardware.training_cost(gpu_hours, price),
    )


# --- Demand-aware alternative -----------------------------------------------------------------------


def demand_aware_within_budget(flops, served_tokens, law):
    """The demand-aware model (Sardana et al. 2024) whose *training* compute is exactly ``flops``.

    Sardana et al. fix the loss and minimise 6ND + 2NT; that model trains on more compute than the
    compute-optimal one, so it overruns a stated budget. Here the loss is raised until the
    demand-aware model's training compute equals the budget (bisection on the loss: its training
    compute falls as the target loss rises). ``law`` is a loss law (a ``ChinchillaLaw``) or a
    ``Law`` with one, or its key. Returns a ``scaling.inference.DemandAwareOptimum``.
    """
    c = check.positive(flops, "The compute budget", "FLOPs")
    served_tokens = check.nonnegative(served_tokens, "The served tokens", "tokens")
    if isinstance(law, (str, Law)):
        chosen = get_law(law)
        if chosen.law is None:
            raise PlanError(f"The {chosen.key} rule has no loss law, so it has no demand-aware model.")
        law = chosen.law
    best = inference.compute_optimal_allocation(c, law)
    low = float(best.loss)
    high = law.E + 2.0 * (low - law.E)
    while inference.demand_aware_optimum(high, served_tokens, law).training_flops > c:
        high = law.E + 2.0 * (high - law.E)
    for _ in range(100):
        mid = 0.5 * (low + high)
        if inference.demand_aware_optimum(mid, served_tokens, law).training_flops > c:
            low = mid
        else:
            high = mid
    return inference.demand_aware_optimum(high, served_tokens, law)


# --- The plan ---------------------------------------------------------------------------------------


@dataclass
class Plan:
    """A costed training plan. Counts are floats; ``warnings`` are sentences for the reader.

    ``flops`` (FLOPs, 6ND), ``n_params``, ``n_tokens``, ``loss`` (nats/token, ``None`` without a
    loss law), ``gpu_hours``, ``days`` on ``n_gpus`` accelerators, ``dollars``, ``mwh`` (``None``
    when the vendor publishes no power), ``memory`` (a ``TrainingMemory``), ``serving`` and
    ``demand_aware`` (``None`` unless served tokens were given).
    """

    mode: str
    law: str
    law_label: str
    gpu: str
    gpu_name: str
    precision: str
    peak_flops: float
    mfu: float
    price: float
    pue: float
    n_gpus: int
    flops: float
    n_params: float
    n_tokens: float
    unique_tokens: float | None
    epochs: float | None
    loss: float | None
    gpu_hours: float
    days: float
    dollars: float
    mwh: float | None
    power_watts: float | None
    memory: TrainingMemory
    serving: Serving | None = None
    demand_aware: dict | None = None
    warnings: list = field(default_factory=list)

    @property
    def tokens_per_param(self) -> float:
        """D / N."""
        return self.n_tokens / self.n_params

    def to_dict(self) -> dict:
        """The plan as plain JSON-ready values (the ``--json`` output)."""
        out = asdict(self)
        out["tokens_per_param"] = self.tokens_per_param
        return out


def _gpu_and_peak(gpu, precision):
    try:
        acc = hardware.get_accelerator(gpu)
    except ValueError as err:
        raise PlanError(f"--gpu: {err}") from None
    try:
        return acc, acc.peak_at(precision)
    except ValueError as err:
        raise PlanError(f"--precision {precision}: {err}") from None


def _budget_flops(flops, dollars, days, n_gpus, peak, mfu, price):
    """(FLOPs, mode) of the budget given, exactly one of ``flops``, ``dollars``, ``days``, or (None, None)."""
    options = (("--flops", flops), ("--dollars", dollars), ("--days", days))
    given = [name for name, value in options if value is not None]
    if len(given) > 1:
        raise PlanError(f"Give one budget, not {' and '.join(given)}.")
    if flops is not None:
        return check.positive(flops, "The compute budget --flops", "FLOPs"), "flops"
    if dollars is not None:
        return hardware.flops_for_dollars(dollars, price, peak, mfu), "dollars"
    if days is not None:
        span = check.positive(days, "The time --days", "days")
        return n_gpus * span * SECONDS_PER_DAY * peak * mfu, "cluster"
    return None, None


def _sci(value) -> str:
    return f"{value:.3g}".replace("e+", "e")


def _finite(value, sentence):
    if not math.isfinite(value):
        raise PlanError(sentence)
    return value


def _model_and_data(budget, params, tokens, unique_tokens, law) -> tuple[float, float]:
    """(N, D): the model given (with its tokens, the budget's, or the law's), else the law's allocation."""
    if params is not None:
        n = check.positive(params, "The model size --params", "parameters")
        if tokens is not None:
            return n, check.positive(tokens, "The training tokens --tokens", "tokens")
        if budget is not None:
            return n, budget / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        return n, tokens_for_params(n, law)
    if unique_tokens is not None and law.law is not None:
        fit = data.data_constrained_allocation(budget, unique_tokens, law.law)
        return fit.n_params, fit.n_tokens
    return allocate(budget, law)


def make_plan(**request) -> Plan:
    """A costed plan for a budget (``flops``, ``dollars``, or ``n_gpus`` for ``days``) or a model (``params``).

    Keyword arguments and defaults as in ``_make_plan``, which documents them. With a budget, N and
    D are the compute-optimal allocation of ``law`` (under ``unique_tokens`` unique tokens, the
    data-constrained one of ``scaling.data``); with ``params`` and a budget, D = budget / 6N; with
    ``params`` alone, D is ``tokens`` or the law's compute-optimal D for N. Raises ``PlanError``
    naming the option at fault (also when the numbers overflow floating point); returns a
    ``Plan`` whose ``warnings`` say why a plan is impossible or outside the studied range.
    """
    try:
        return _make_plan(**request)
    except PlanError:
        raise
    except ValueError as err:
        if "floating point" not in str(err):
            raise
        raise PlanError(
            "These numbers lie beyond what floating point can represent: lower the budget (--flops, "
            "--dollars, --days), --params, --tokens or --served-tokens."
        ) from None


def _make_plan(
    *,
    flops=None,
    dollars=None,
    days=None,
    params=None,
    tokens=None,
    n_gpus=1024,
    gpu="H100",
    precision="bf16",
    mfu=0.4,
    price=2.5,
    pue=hardware.DEFAULT_PUE,
    law="hoffmann",
    unique_tokens=None,
    served_tokens=None,
    context=8192,
    batch=64,
    serving_days=365.0,
) -> Plan:
    """The plan of ``make_plan``: budgets in FLOPs, US dollars or days on ``n_gpus`` accelerators of type ``gpu``.

    ``mfu`` in (0, 1] of the dense peak at ``precision``; ``price`` in $/GPU-hour; ``pue`` ≥ 1.
    ``served_tokens`` adds the serving block (``context``-token sequences, ``batch`` per
    replica, spread over ``serving_days``) and, for a loss law, the demand-aware alternative.
    Raises ``PlanError`` naming the option at fault; returns a ``Plan`` whose ``warnings`` say
    why a plan is impossible or outside the studied range.
    """
    chosen = get_law(law)
    acc, peak = _gpu_and_peak(gpu, precision)
    n_gpus = check.integer(n_gpus, "The number of GPUs --gpus", minimum=1)
    mfu = check.fraction(mfu, "The model FLOPs utilisation --mfu")
    price = check.positive(price, "The price --price", "$/GPU-hour")
    budget, mode = _budget_flops(flops, dollars, days, n_gpus, peak, mfu, price)
    _finite(
        budget if budget is not None else 0.0,
        "The budget is larger than a floating-point number can hold; lower --gpus, --days or --dollars.",
    )
    if tokens is not None and params is None:
        raise PlanError("--tokens needs --params: give the model size the tokens are for.")
    if budget is None and params is None:
        raise PlanError("Give a budget (--flops, --dollars, or --gpus with --days) or a model (--params).")
    if tokens is not None and budget is not None:
        raise PlanError("With --tokens the model fixes the compute; drop the budget or --tokens.")
    if unique_tokens is not None:
        unique_tokens = check.positive(unique_tokens, "The unique tokens --unique-tokens", "tokens")
    warnings = []
    one_second = peak * mfu
    if budget is not None and budget < one_second:
        option = {"flops": "--flops", "dollars": "--dollars", "cluster": "--days"}[mode]
        raise PlanError(
            f"The budget ({option}) is {_sci(budget)} FLOPs, less than one second of one {acc.name} at "
            f"{mfu:.0%} MFU ({_sci(one_second)} FLOPs): too small to train anything."
        )

    n, d = _model_and_data(budget, params, tokens, unique_tokens, chosen)
    mode = mode or "model"
    c = _finite(TRAINING_FLOPS_PER_PARAM_TOKEN * n * d, "The model is too large to cost: lower --params or --tokens.")
    epochs = None if unique_tokens is None else d / unique_tokens
    loss = loss_of(n, d, chosen, unique_tokens)

    hours = _finite(
        c / (peak * mfu * hardware.SECONDS_PER_HOUR),
        "The run takes more GPU-hours than a float can count: raise --mfu or lower the budget.",
    )
    days_taken = hours / n_gpus / 24.0
    dollars_spent = hours * price
    if mode == "dollars":  # the budget is spent exactly (C = 6ND = the FLOPs the dollars buy), rounding aside
        dollars_spent = float(dollars)
    mwh = None if acc.power_watts is None else float(hardware.energy_mwh(hours, acc.power_watts, pue))
    memory = training_memory(n, acc, context)
    plan = Plan(
        mode=mode,
        law=chosen.key,
        law_label=chosen.label,
        gpu=_key_of(acc),
        gpu_name=acc.name,
        precision=precision,
        peak_flops=peak,
        mfu=mfu,
        price=price,
        pue=pue,
        n_gpus=n_gpus,
        flops=c,
        n_params=n,
        n_tokens=d,
        unique_tokens=unique_tokens,
        epochs=epochs,
        loss=loss,
        gpu_hours=hours,
        days=days_taken,
        dollars=dollars_spent,
        mwh=mwh,
        power_watts=acc.power_watts,
        memory=memory,
        warnings=warnings,
    )
    if served_tokens is not None:
        served = check.nonnegative(served_tokens, "The served tokens --served-tokens", "tokens")
        if served > 0:
            plan.serving = serving_estimate(n, acc, precision, context, batch, served, serving_days, price)
            plan.demand_aware = _demand_aware(plan, chosen, budget, served, warnings)
    warnings.extend(plan_warnings(plan))
    return plan


def _key_of(acc) -> str:
    return next((key for key, other in hardware.ACCELERATORS.items() if other == acc), acc.name)


def _demand_aware(plan, law, budget, served, warnings):
    """The demand-aware alternative as a dict, or ``None`` (with a warning) when the law has no loss."""
    if plan.unique_tokens is not None:
        warnings.append(
            "The demand-aware alternative is not combined with --unique-tokens (Sardana et al.'s "
            "trade assumes fresh data); drop --unique-tokens to see it."
        )
        return None
    if law.law is None:
        warnings.append(
            f"The {law.key} rule has no loss law, so it cannot trade model size against serving "
            "compute; use --law hoffmann (or another law) for the demand-aware alternative."
        )
        return None
    if budget is not None:
        alt = demand_aware_within_budget(budget, served, law.law)
        basis = "same training budget"
    else:
        alt = inference.demand_aware_optimum(plan.loss, served, law.law)
        basis = "same loss"
    serving_saved = 1.0 - alt.n_params / plan.n_params
    return {
        "basis": basis,
        "n_params": float(alt.n_params),
        "n_tokens": float(alt.n_tokens),
        "tokens_per_param": float(alt.tokens_per_param),
        "loss": float(alt.loss),
        "training_flops": float(alt.training_flops),
        "lifetime_flops": float(alt.lifetime_flops),
        "plan_lifetime_flops": float(plan.flops + 2.0 * plan.n_params * served),
        "serving_compute_saved": float(serving_saved),
    }


def plan_warnings(plan) -> list[str]:
    """Sentences for each way ``plan`` (a ``Plan``) is impossible or outside what the laws were fitted on."""
    if not isinstance(plan, Plan):
        raise ValueError(f"plan_warnings needs a Plan (from make_plan), got {type(plan).__name__}.")
    found = []
    stock = data.PUBLIC_TEXT_STOCK_TOKENS
    if plan.unique_tokens is not None and plan.unique_tokens > stock:
        found.append(
            f"--unique-tokens {format_count(plan.unique_tokens)} is {_times(plan.unique_tokens / stock)} "
            "the ~300T-token effective stock of public human text (Villalobos et al. 2024): that much "
            "unique text does not exist."
        )
    tokens = [("The plan", plan.n_tokens)]
    if plan.demand_aware:
        tokens.append(("The demand-aware alternative", plan.demand_aware["n_tokens"]))
    for who, d in tokens:
        if d > stock:
            found.append(
                f"{who} trains on {format_count(d)} tokens, {_times(d / stock)} the ~300T-token "
                "effective stock of public human text (Villalobos et al. 2024, a stock that already "
                "allows for repeated epochs); pass --unique-tokens to plan with the data that exists."
            )
    if plan.epochs is not None and plan.epochs > HARMLESS_EPOCHS:
        found.append(
            f"The plan repeats its unique data {format_count(plan.epochs)} times; Muennighoff et al. 2023 "
            "find up to 4 epochs almost as good as fresh data and fast-diminishing returns beyond."
        )
    if plan.days > DECADE_DAYS:
        found.append(
            f"The run takes {format_count(plan.days / DAYS_PER_YEAR)} years on {_whole(plan.n_gpus)} GPUs, "
            "longer than a "
            "decade: add GPUs (--gpus) or lower the budget."
        )
    for who, n in [("The model", plan.n_params)] + (
        [("The demand-aware model", plan.demand_aware["n_params"])] if plan.demand_aware else []
    ):
        if n < SMALLEST_STUDIED_PARAMS:
            found.append(
                f"{who} has {format_count(n)} parameters, below the smallest model Hoffmann et al. 2022 "
                "trained (70M): the laws are extrapolated here."
            )
    if plan.memory.min_gpus > plan.n_gpus:
        found.append(
            f"Training state and one sequence's activations need at least {_whole(plan.memory.min_gpus)} "
            f"{plan.gpu}s of memory, more than the {_whole(plan.n_gpus)} in --gpus."
        )
    if plan.mwh is None:
        found.append(f"The vendor publishes no power figure for the {plan.gpu_name}: no energy estimate.")
    return found


def _whole(count) -> str:
    """A count of GPUs: 2,048 in full, 1e300 in engineering form."""
    return f"{count:,}" if count < 1e7 else format_count(count)


def _times(ratio) -> str:
    return f"{ratio:.1f}x" if ratio < 1e3 else f"{format_count(ratio)} times"


def plan_all_laws(**kwargs) -> list[Plan]:
    """One plan per law of ``LAWS`` (same inputs otherwise): the spread ``--law all`` prints."""
    kwargs.pop("law", None)
    return [make_plan(law=key, **kwargs) for key in LAWS]


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
