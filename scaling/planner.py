"""The planner behind ``python -m scaling plan``: from what a practitioner has to a costed plan.

A budget (FLOPs, dollars, or a cluster for a number of days) or a fixed model (parameters,
optionally tokens) goes in; out comes the model and data, FLOPs, GPU-hours, days, dollars and
energy, the memory training needs, a serving estimate when serving is asked for, and warnings
for plans the numbers say are impossible or outside what the laws were fitted on. Everything is
arithmetic from ``scaling.compute``, ``scaling.hardware``, ``scaling.inference``,
``scaling.chinchilla`` and ``scaling.data``; ``scaling.cli`` only parses arguments and prints.

Two FLOP counts, on purpose. ``flops`` is 6·N·D, the training compute papers quote and the laws
are fitted on (N the *active* parameters of a mixture of experts). ``model_flops`` is what an MFU
is measured against: 6·N + 12·n_layer·d_model·T per token (``compute.model_flops_per_token``,
PaLM's App. B count, attention over the full context T, the causal mask *not* halving it). Time,
GPU-hours, dollars and energy come from ``model_flops``, the MFU and the goodput (the fraction of
wall-clock time spent on productive training). Units: FLOPs, parameters, tokens, bytes,
GPU-hours, days, US dollars, MWh, MW. Used by the appendix page "The planner".
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from . import _validate as check
from . import compute, data, hardware, inference
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

#: Attention types ``--attention`` accepts, and the values each caches per token per layer:
#: "gqa" 2 (keys, values) x 8 KV heads x 128 (Llama 3); "mha" 2 x d_model (every head keeps its
#: keys and values); "mla" the 512-value compressed latent plus the 64-value decoupled RoPE key of
#: DeepSeek-V3's multi-head latent attention (kv_lora_rank 512, qk_rope_head_dim 64 in its
#: config.json; the cache is (d_c + d_h^R) values per token per layer, DeepSeek-V2 §2.1). Checked
#: (secondary): several copies of the DeepSeek-V3 configuration agree.
ATTENTION_TYPES = ("gqa", "mha", "mla")
MLA_LATENT_DIM = 512
MLA_ROPE_DIM = 64

#: Fraction of wall-clock time spent on productive training. Llama 3: "we achieved higher than 90%
#: effective training time", "the time spent on useful training over the elapsed time", with 466
#: job interruptions in a 54-day snapshot of pre-training (Llama Team 2024, §3.3.4; checked: text copy).
DEFAULT_GOODPUT = 0.9

#: The lowest goodput a plan accepts: a run productive for less than 1% of its time is not a plan.
MIN_GOODPUT = 0.01

#: Share of served tokens that are prompt (input) tokens: an assumption, not a measurement;
#: change it with ``--prompt-share``.
DEFAULT_PROMPT_SHARE = 0.5

#: The law used unless ``--law`` says otherwise: Besiroglu et al. 2024's refit of Hoffmann et al.'s
#: own data (chapter 3 shows the rounded Approach-3 constants do not fit that data).
DEFAULT_LAW = "besiroglu"

#: When the laws' N (or D) differ by more than this factor, the plan says so and prints the spread.
LAW_SPREAD_FACTOR = 2.0

#: Bytes per weight when serving at each precision.
SERVING_BYTES = {"bf16": hardware.BYTES_BF16, "fp8": hardware.BYTES_FP8, "fp4": hardware.BYTES_INT4}


@dataclass(frozen=True)
class Law:
    """One way of choosing N and D: a loss law (``law``) or a fixed ratio (``tokens_per_param``)."""

    key: str
    label: str
    law: ChinchillaLaw | None = None
    tokens_per_param: float | None = None


#: The laws ``--law`` accepts, in the order ``--law all`` prints them (the default first).
LAWS = {
    "besiroglu": Law("besiroglu", "Besiroglu et al. 2024, refit of Hoffmann's data", BESIROGLU_2024),
    "hoffmann": Law("hoffmann", "Hoffmann et al. 2022, Approach 3, rounded constants (App. D.2)", HOFFMANN_ROUNDED),
    "hoffmann-unrounded": Law(
        "hoffmann-unrounded", "Hoffmann et al. 2022, Approach 3, unrounded constants", HOFFMANN_UNROUNDED
    ),
    "20-tokens": Law(
        "20-tokens",
        "20 tokens per parameter (Chinchilla's 1.4T / 70B; no loss law)",
        tokens_per_param=data.CHINCHILLA_TOKENS_PER_PARAM,
    ),
}

#: Why a mixture of experts gets no predicted loss.
MOE_LOSS_NOTE = "not predicted: the laws here are fitted on dense models and do not apply to a mixture of experts"


class PlanError(ValueError):
    """A request no plan can answer; the message names the command-line option at fault."""


def get_law(key) -> Law:
    """The ``Law`` for a ``--law`` key ("besiroglu", "hoffmann", "hoffmann-unrounded", "20-tokens"); a ``Law`` as is."""
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
    For a mixture of experts pass the *active* parameters: attention is part of every token's path.
    """
    n = check.positive(n_params, "The number of parameters", "parameters")
    layers = max(1, round((n / (12.0 * ASPECT_RATIO**2)) ** (1.0 / 3.0)))
    return layers, int(ASPECT_RATIO * layers)


def model_flops_per_token(n_params, context=8192) -> float:
    """Training FLOPs per token as an MFU counts them, for the shape ``model_shape`` assumes.

    ``compute.model_flops_per_token(N, n_layer, d_model, context)``: 6·N + 12·n_layer·d_model·T,
    attention included over the full ``context`` T (the causal mask not halving it, as in PaLM's
    App. B). ``n_params``: the active parameters. FLOPs per token.
    """
    n = check.positive(n_params, "The number of parameters", "parameters")
    ctx = check.positive(context, "The context length", "tokens")
    layers, width = model_shape(n)
    return float(compute.model_flops_per_token(n, layers, width, ctx))


def kv_cache_bytes_per_token(n_params, attention="gqa") -> float:
    """Bytes of BF16 KV cache one token adds, summed over layers, for ``attention`` (see ``ATTENTION_TYPES``).

    Shape from ``model_shape(n_params)`` (``n_params``: the active parameters). "gqa":
    2·n_layer·8·128·2 bytes; "mha": 2·n_layer·d_model·2 bytes; "mla": n_layer·(512 + 64)·2 bytes.
    """
    n = check.positive(n_params, "The number of parameters", "parameters")
    kind = _attention(attention)
    layers, width = model_shape(n)
    if kind == "gqa":
        return float(hardware.kv_cache_bytes(layers, KV_HEADS, HEAD_DIM, 1))
    if kind == "mha":
        return float(hardware.kv_cache_bytes(layers, width // HEAD_DIM, HEAD_DIM, 1))
    return float(layers * (MLA_LATENT_DIM + MLA_ROPE_DIM) * hardware.BYTES_BF16)


def _attention(attention) -> str:
    kind = str(attention).strip().lower() if isinstance(attention, str) else None
    if kind not in ATTENTION_TYPES:
        raise PlanError(f"--attention must be one of {', '.join(ATTENTION_TYPES)}, got {check.shown(attention)}.")
    return kind


# --- Memory -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingMemory:
    """Bytes to train N parameters with Adam in mixed precision (ZeRO §3.1), plus one sequence's activations.

    ``weights`` (BF16, 2 B/param), ``gradients`` (BF16, 2 B), ``optimizer`` (FP32 master weights,
    Adam m and v: 12 B), ``activations`` (assumption in ``assumption``), ``total`` and
    ``min_gpus``: the fewest accelerators whose memory holds it all (a lower bound). For a mixture
    of experts every expert's weights and optimizer state are held: all bytes scale with the total.
    """

    weights: float
    gradients: float
    optimizer: float
    activations: float
    total: float
    min_gpus: int
    assumption: str


def training_memory(n_params, gpu, context=8192, active_params=None) -> TrainingMemory:
    """Training memory of ``n_params`` (total) parameters on ``gpu`` with ``context``-token sequences.

    Weights, gradients and Adam state: 16 bytes per parameter of the total (``hardware``'s
    mixed-precision split). Activations assume full recomputation: only each layer's BF16 input is
    kept, 2·d_model bytes per token per layer, for one sequence, with the shape ``model_shape``
    gives for ``active_params`` (default: all parameters active, a dense model).
    """
    acc = hardware.get_accelerator(gpu)
    n = check.positive(n_params, "The number of parameters", "parameters")
    active = n if active_params is None else _active(n, active_params)
    ctx = check.positive(context, "The context length", "tokens")
    layers, width = model_shape(active)
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


def _active(total, active_params) -> float:
    """The active parameters, checked to be at most the total."""
    active = check.positive(active_params, "The active parameters --active-params", "parameters")
    if active > total:
        raise PlanError(
            f"--active-params ({format_count(active)}) cannot exceed --params ({format_count(total)}), "
            "the total parameters of the mixture of experts."
        )
    return active


# --- Serving ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Serving:
    """What serving ``served_tokens`` tokens (a ``prompt_share`` of them prompt) over ``serving_days`` days costs.

    ``weight_bytes`` (all parameters, the total of a mixture of experts) and ``kv_cache_bytes``
    (the ``attention`` cache of ``batch`` sequences of ``context`` tokens) in bytes;
    ``gpus_per_replica`` the fewest accelerators holding both. Two roofline throughputs per GPU
    (upper bounds): ``prefill_tokens_per_second_per_gpu``, prompt tokens read in parallel,
    compute-bound at the dense peak, peak / 2·N_active; ``tokens_per_second_per_gpu`` for decoding,
    the lower of that compute ceiling and the bandwidth limit of reading every weight plus the
    cache at each step. ``dollars_per_million_input`` and ``dollars_per_million_output`` price
    them separately; ``dollars_per_million`` is the average at the prompt share. ``gpus_for_demand``
    whole replicas for the average demand; ``gpu_hours`` and ``dollars`` for all served tokens.
    """

    served_tokens: float
    serving_days: float
    context: int
    batch: int
    precision: str
    attention: str
    prompt_share: float
    weight_bytes: float
    kv_cache_bytes: float
    gpus_per_replica: int
    prefill_tokens_per_second_per_gpu: float
    tokens_per_second_per_gpu: float
    bound: str
    gpus_for_demand: int
    dollars_per_million_input: float
    dollars_per_million_output: float
    dollars_per_million: float
    gpu_hours: float
    dollars: float


def serving_estimate(
    n_params,
    gpu,
    precision="bf16",
    context=8192,
    batch=64,
    served_tokens=1e12,
    serving_days=365.0,
    price=2.5,
    active_params=None,
    attention="gqa",
    prompt_share=DEFAULT_PROMPT_SHARE,
) -> Serving:
    """Memory, throughput, GPUs and prices of serving ``n_params`` (total) parameters on ``gpu``.

    KV cache per sequence: ``kv_cache_bytes_per_token`` × ``context`` (BF16, shape from the active
    parameters). Prefill tokens/s per GPU = peak / 2·N_active (``hardware.compute_bound_tokens_per_second``);
    decoding tokens/s per GPU = min(that, ``hardware.bandwidth_bound_tokens_per_second`` reading all
    weights and the cache: every expert is read, since a batch routes to nearly all of them).
    ``served_tokens`` over ``serving_days`` sets the average demand; ``prompt_share`` in [0, 1]
    of it is prefill. Serving FLOPs leave attention over the context out, as in chapter 7.
    """
    acc = hardware.get_accelerator(gpu)
    n = check.positive(n_params, "The number of parameters", "parameters")
    active = n if active_params is None else _active(n, active_params)
    peak = acc.peak_at(precision)
    precision = str(precision).strip().lower()  # as peak_at reads it
    kind = _attention(attention)
    share = check.probability(prompt_share, "The prompt share --prompt-share")
    batch = check.integer(batch, "The batch of sequences per replica", minimum=1)
    ctx = check.positive(context, "The context length", "tokens")
    kv_per_sequence = kv_cache_bytes_per_token(active, kind) * ctx
    weights = hardware.weight_bytes(n, SERVING_BYTES[precision])
    cache = kv_per_sequence * batch
    per_replica = hardware.min_gpus(weights + cache, acc.memory_bytes)
    compute_rate = float(hardware.compute_bound_tokens_per_second(active, peak, 1.0))
    memory_rate = float(hardware.bandwidth_bound_tokens_per_second(weights, acc.bandwidth, batch, kv_per_sequence))
    decode_rate = min(compute_rate, memory_rate)
    demand = check.positive(served_tokens, "The served tokens", "tokens")
    days = check.positive(serving_days, "The serving period", "days")
    gpu_seconds = demand * share / compute_rate + demand * (1.0 - share) / decode_rate
    gpus_needed = gpu_seconds / (days * SECONDS_PER_DAY)
    if not math.isfinite(gpus_needed):
        raise PlanError(
            "Serving --served-tokens at this model size needs more GPUs than a float can count; "
            "lower --served-tokens or the model size."
        )
    replicas = max(1, math.ceil(round(gpus_needed / per_replica, 9)))
    gpu_hours = gpu_seconds / hardware.SECONDS_PER_HOUR
    dollars = float(hardware.training_cost(gpu_hours, price))
    return Serving(
        served_tokens=demand,
        serving_days=days,
        context=int(ctx),
        batch=int(batch),
        precision=precision,
        attention=kind,
        prompt_share=share,
        weight_bytes=weights,
        kv_cache_bytes=cache,
        gpus_per_replica=per_replica,
        prefill_tokens_per_second_per_gpu=compute_rate,
        tokens_per_second_per_gpu=decode_rate,
        bound="compute" if compute_rate < memory_rate else "memory bandwidth",
        gpus_for_demand=replicas * per_replica,
        dollars_per_million_input=float(hardware.cost_per_million_tokens(compute_rate, price)),
        dollars_per_million_output=float(hardware.cost_per_million_tokens(decode_rate, price)),
        dollars_per_million=dollars / demand * hardware.TOKENS_PER_MILLION,
        gpu_hours=gpu_hours,
        dollars=dollars,
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

    ``flops`` (FLOPs, 6·N_active·D, the number papers quote), ``model_flops`` (FLOPs counted as the
    MFU counts them, attention included: what time and cost come from), ``n_params`` (the total),
    ``active_params`` (= ``n_params`` for a dense model), ``n_tokens``, ``loss`` (nats/token,
    ``None`` without a loss law or for a mixture of experts; ``loss_note`` says why),
    ``gpu_hours``, ``days`` on ``n_gpus`` accelerators at ``mfu`` and ``goodput``, ``dollars``,
    ``mwh`` facility energy and ``power_mw`` facility power (``None`` when the vendor publishes no
    power), ``memory`` (a ``TrainingMemory``), ``law_spread`` (each law's choice of N, or of D for
    a fixed model, when the law chooses), ``serving`` and ``demand_aware`` (``None`` unless served
    tokens were given).
    """

    mode: str
    law: str
    law_label: str
    gpu: str
    gpu_name: str
    precision: str
    peak_flops: float
    mfu: float
    goodput: float
    price: float
    pue: float
    n_gpus: int
    context: int
    attention: str
    flops: float
    model_flops: float
    n_params: float
    active_params: float
    n_tokens: float
    unique_tokens: float | None
    epochs: float | None
    loss: float | None
    loss_note: str | None
    gpu_hours: float
    days: float
    dollars: float
    mwh: float | None
    power_watts: float | None
    power_mw: float | None
    memory: TrainingMemory
    law_spread: dict | None = None
    serving: Serving | None = None
    demand_aware: dict | None = None
    warnings: list = field(default_factory=list)

    @property
    def tokens_per_param(self) -> float:
        """D / N (N the active parameters)."""
        return self.n_tokens / self.active_params

    @property
    def is_moe(self) -> bool:
        """Whether fewer parameters are active per token than the model holds."""
        return self.active_params < self.n_params

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


def _budget(flops, dollars, days, n_gpus, delivered_per_gpu_second, price):
    """(FLOPs, kind, mode) of the budget given, exactly one of ``flops``, ``dollars``, ``days``, or (None,) * 3.

    ``kind`` is "6ND" for ``--flops`` (the papers' count) and "model" for a budget of hardware time,
    which delivers model FLOPs (``delivered_per_gpu_second`` = peak · MFU · goodput).
    """
    options = (("--flops", flops), ("--dollars", dollars), ("--days", days))
    given = [name for name, value in options if value is not None]
    if len(given) > 1:
        raise PlanError(f"Give one budget, not {' and '.join(given)}.")
    if flops is not None:
        return check.positive(flops, "The compute budget --flops", "FLOPs"), "6ND", "flops"
    if dollars is not None:
        hours = check.positive(dollars, "The budget --dollars", "US dollars") / price
        return hours * hardware.SECONDS_PER_HOUR * delivered_per_gpu_second, "model", "dollars"
    if days is not None:
        span = check.positive(days, "The time --days", "days")
        return n_gpus * span * SECONDS_PER_DAY * delivered_per_gpu_second, "model", "cluster"
    return None, None, None


def _sci(value) -> str:
    return f"{value:.3g}".replace("e+", "e")


def _finite(value, sentence):
    if not math.isfinite(value):
        raise PlanError(sentence)
    return value


def _allocate_model_flops(model_budget, context, law, unique_tokens):
    """(N, D) whose model FLOPs (attention included) equal ``model_budget``, N as ``law`` allocates.

    The law allocates 6ND; the 6ND share of a model-FLOP budget depends on N through the attention
    term, so a few fixed-point steps find it; D is then set so the model FLOPs match exactly.
    """
    six_nd = model_budget
    for _ in range(30):
        n, _ = _allocate_6nd(six_nd, law, unique_tokens)
        six_nd = model_budget * TRAINING_FLOPS_PER_PARAM_TOKEN * n / model_flops_per_token(n, context)
    n, _ = _allocate_6nd(six_nd, law, unique_tokens)
    return n, model_budget / model_flops_per_token(n, context)


def _allocate_6nd(flops, law, unique_tokens):
    if unique_tokens is not None and law.law is not None:
        fit = data.data_constrained_allocation(flops, unique_tokens, law.law)
        return float(fit.n_params), float(fit.n_tokens)
    return allocate(flops, law)


def _model_and_data(budget, kind, active, tokens, unique_tokens, law, context) -> tuple[float, float]:
    """(N_active, D): the model given (with its tokens, the budget's, or the law's), else the law's allocation."""
    if active is not None:
        if tokens is not None:
            return active, check.positive(tokens, "The training tokens --tokens", "tokens")
        if budget is None:
            return active, tokens_for_params(active, law)
        per_token = TRAINING_FLOPS_PER_PARAM_TOKEN * active if kind == "6ND" else model_flops_per_token(active, context)
        return active, budget / per_token
    if kind == "6ND":
        return _allocate_6nd(budget, law, unique_tokens)
    return _allocate_model_flops(budget, context, law, unique_tokens)


def make_plan(**request) -> Plan:
    """A costed plan for a budget (``flops``, ``dollars``, or ``n_gpus`` for ``days``) or a model (``params``).

    Keyword arguments and defaults as in ``_make_plan``, which documents them. With a budget, N and
    D are the compute-optimal allocation of ``law`` (under ``unique_tokens`` unique tokens, the
    data-constrained one of ``scaling.data``); with ``params`` and a budget, D is what the budget
    buys; with ``params`` alone, D is ``tokens`` or the law's compute-optimal D for N. Raises
    ``PlanError`` naming the option at fault (also when the numbers overflow floating point);
    returns a ``Plan`` whose ``warnings`` say why a plan is impossible or outside the studied range.
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
    active_params=None,
    tokens=None,
    n_gpus=1024,
    gpu="H100",
    precision="bf16",
    mfu=0.4,
    goodput=DEFAULT_GOODPUT,
    price=2.5,
    pue=hardware.DEFAULT_PUE,
    law=DEFAULT_LAW,
    unique_tokens=None,
    served_tokens=None,
    context=8192,
    batch=64,
    serving_days=365.0,
    attention="gqa",
    prompt_share=DEFAULT_PROMPT_SHARE,
) -> Plan:
    """The plan of ``make_plan``: budgets in 6ND FLOPs, US dollars or days on ``n_gpus`` accelerators ``gpu``.

    ``params`` the model's (total) parameters, ``active_params`` those each token uses (a mixture
    of experts; default all). ``mfu`` in (0, 1] of the dense peak at ``precision``, measured on
    model FLOPs (attention included, at ``context`` tokens per sequence); ``goodput`` in (0, 1] the
    productive fraction of wall-clock time; ``price`` in $/GPU-hour; ``pue`` ≥ 1. ``served_tokens``
    adds the serving block (``prompt_share`` of them prompt; ``context``-token sequences with the
    ``attention`` KV cache, ``batch`` per replica, over ``serving_days``) and, for a dense model and
    a loss law, the demand-aware alternative. Raises ``PlanError`` naming the option at fault.
    """
    chosen = get_law(law)
    acc, peak = _gpu_and_peak(gpu, precision)
    n_gpus = check.integer(n_gpus, "The number of GPUs --gpus", minimum=1)
    mfu = check.fraction(mfu, "The model FLOPs utilisation --mfu")
    goodput = check.fraction(goodput, "The goodput --goodput")
    if goodput < MIN_GOODPUT:
        raise PlanError(
            f"The goodput (--goodput) must be at least {MIN_GOODPUT:g}, got {goodput:g}: Llama 3 reports more than 0.9."
        )
    price = check.positive(price, "The price --price", "$/GPU-hour")
    context = check.integer(context, "The context length --context", minimum=1)
    kind_of_attention = _attention(attention)
    delivered = peak * mfu * goodput
    budget, kind, mode = _budget(flops, dollars, days, n_gpus, delivered, price)
    _finite(
        budget if budget is not None else 0.0,
        "The budget is larger than a floating-point number can hold; lower --gpus, --days or --dollars.",
    )
    if tokens is not None and params is None:
        raise PlanError("--tokens needs --params: give the model size the tokens are for.")
    if active_params is not None and params is None:
        raise PlanError("--active-params needs --params, the total parameters of the mixture of experts.")
    if budget is None and params is None:
        raise PlanError("Give a budget (--flops, --dollars, or --gpus with --days) or a model (--params).")
    if tokens is not None and budget is not None:
        raise PlanError("With --tokens the model fixes the compute; drop the budget or --tokens.")
    if unique_tokens is not None:
        unique_tokens = check.positive(unique_tokens, "The unique tokens --unique-tokens", "tokens")
    total = None if params is None else check.positive(params, "The model size --params", "parameters")
    active = total if active_params is None else _active(total, active_params)
    warnings = []
    if budget is not None and budget < delivered:
        option = {"flops": "--flops", "dollars": "--dollars", "cluster": "--days"}[mode]
        raise PlanError(
            f"The budget ({option}) is {_sci(budget)} FLOPs, less than one second of one {acc.name} at "
            f"{mfu:.0%} MFU ({_sci(delivered)} FLOPs): too small to train anything."
        )

    n, d = _model_and_data(budget, kind, active, tokens, unique_tokens, chosen, context)
    total = n if total is None else total
    mode = mode or "model"
    c = _finite(TRAINING_FLOPS_PER_PARAM_TOKEN * n * d, "The model is too large to cost: lower --params or --tokens.")
    model_c = _finite(
        model_flops_per_token(n, context) * d, "The model is too large to cost: lower --params or --tokens."
    )
    epochs = None if unique_tokens is None else d / unique_tokens
    moe = n < total
    loss = None if moe else loss_of(n, d, chosen, unique_tokens)

    hours = _finite(
        model_c / (delivered * hardware.SECONDS_PER_HOUR),
        "The run takes more GPU-hours than a float can count: raise --mfu or lower the budget.",
    )
    days_taken = hours / n_gpus / 24.0
    dollars_spent = hours * price
    if mode == "dollars":  # the budget is spent exactly, rounding aside
        dollars_spent = float(dollars)
    mwh = None if acc.power_watts is None else float(hardware.energy_mwh(hours, acc.power_watts, pue))
    power_mw = None if acc.power_watts is None else n_gpus * acc.power_watts * pue / hardware.WATT_HOURS_PER_MWH
    plan = Plan(
        mode=mode,
        law=chosen.key,
        law_label=chosen.label,
        gpu=_key_of(acc),
        gpu_name=acc.name,
        precision=precision,
        peak_flops=peak,
        mfu=mfu,
        goodput=goodput,
        price=price,
        pue=pue,
        n_gpus=n_gpus,
        context=context,
        attention=kind_of_attention,
        flops=c,
        model_flops=model_c,
        n_params=total,
        active_params=n,
        n_tokens=d,
        unique_tokens=unique_tokens,
        epochs=epochs,
        loss=loss,
        loss_note=MOE_LOSS_NOTE if moe else None if loss is not None else "no loss law: a fixed ratio of tokens",
        gpu_hours=hours,
        days=days_taken,
        dollars=dollars_spent,
        mwh=mwh,
        power_watts=acc.power_watts,
        power_mw=power_mw,
        memory=training_memory(total, acc, context, n),
        law_spread=_law_spread(params, tokens, budget, kind, context, unique_tokens),
        warnings=warnings,
    )
    if served_tokens is not None:
        served = check.nonnegative(served_tokens, "The served tokens --served-tokens", "tokens")
        if served > 0:
            plan.serving = serving_estimate(
                total, acc, precision, context, batch, served, serving_days, price, n, kind_of_attention, prompt_share
            )
            plan.demand_aware = _demand_aware(plan, chosen, budget is not None, served, warnings)
    warnings.extend(plan_warnings(plan))
    return plan


def _key_of(acc) -> str:
    return next((key for key, other in hardware.ACCELERATORS.items() if other == acc), acc.name)


def _law_spread(params, tokens, budget, kind, context, unique_tokens):
    """{law: N} for a budget, {law: D} for a model without tokens; ``None`` when no law chooses."""
    if params is not None and (tokens is not None or budget is not None):
        return None
    if params is not None:
        return {key: tokens_for_params(params, key) for key in LAWS}
    if kind == "6ND":
        return {key: _allocate_6nd(budget, LAWS[key], unique_tokens)[0] for key in LAWS}
    return {key: _allocate_model_flops(budget, context, LAWS[key], unique_tokens)[0] for key in LAWS}


def _demand_aware(plan, law, on_budget, served, warnings):
    """The demand-aware alternative as a dict, or ``None`` (with a warning) when it cannot be computed."""
    if plan.is_moe:
        warnings.append(
            "No demand-aware alternative for a mixture of experts: Sardana et al.'s trade uses a dense loss law."
        )
        return None
    if plan.unique_tokens is not None:
        warnings.append(
            "The demand-aware alternative is not combined with --unique-tokens (Sardana et al.'s "
            "trade assumes fresh data); drop --unique-tokens to see it."
        )
        return None
    if law.law is None:
        warnings.append(
            f"The {law.key} rule has no loss law, so it cannot trade model size against serving "
            "compute; use --law besiroglu (or another law) for the demand-aware alternative."
        )
        return None
    if on_budget:
        alt = demand_aware_within_budget(plan.flops, served, law.law)
        basis = "same training budget"
    else:
        alt = inference.demand_aware_optimum(plan.loss, served, law.law)
        basis = "same loss"
    return {
        "basis": basis,
        "n_params": float(alt.n_params),
        "n_tokens": float(alt.n_tokens),
        "tokens_per_param": float(alt.tokens_per_param),
        "loss": float(alt.loss),
        "loss_increase": float(alt.loss - plan.loss),
        "training_flops": float(alt.training_flops),
        "lifetime_flops": float(alt.lifetime_flops),
        "plan_lifetime_flops": float(plan.flops + 2.0 * plan.n_params * served),
        "serving_compute_saved": float(1.0 - alt.n_params / plan.n_params),
    }


def plan_warnings(plan) -> list[str]:
    """Sentences for each way ``plan`` (a ``Plan``) is impossible or outside what the laws were fitted on."""
    if not isinstance(plan, Plan):
        raise ValueError(f"plan_warnings needs a Plan (from make_plan), got {type(plan).__name__}.")
    found = _data_warnings(plan) + _spread_warnings(plan)
    if plan.days > DECADE_DAYS:
        found.append(
            f"The run takes {format_count(plan.days / DAYS_PER_YEAR)} years on {_whole(plan.n_gpus)} GPUs, "
            "longer than a decade: add GPUs (--gpus) or lower the budget."
        )
    for who, n in [("The model", plan.active_params)] + (
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


def _data_warnings(plan) -> list[str]:
    """The stock of text: the plan's tokens without --unique-tokens, the unique tokens' worth with it."""
    stock = data.PUBLIC_TEXT_STOCK_TOKENS
    found = []
    if plan.unique_tokens is not None:
        epochs = max(1.0, plan.epochs)
        equivalent = float(data.unique_tokens_for_effective(stock, epochs))
        if plan.unique_tokens > equivalent * (1 + 1e-9):
            worth = float(data.effective_data(plan.unique_tokens, epochs))
            found.append(
                f"--unique-tokens {format_count(plan.unique_tokens)} over {format_count(epochs)} epochs is worth "
                f"{format_count(worth)} fresh tokens, {_times(worth / stock)} the ~300T-token effective stock of "
                "public human text (Villalobos et al. 2024), a stock that already counts repeated epochs: at "
                f"{format_count(epochs)} epochs it stands for only {format_count(equivalent)} unique tokens. "
                f"Lower --unique-tokens to at most {format_count(equivalent)}."
            )
        if plan.epochs > HARMLESS_EPOCHS:
            found.append(
                f"The plan repeats its unique data {format_count(plan.epochs)} times; Muennighoff et al. 2023 "
                "find up to 4 epochs almost as good as fresh data and fast-diminishing returns beyond."
            )
    tokens = [("The plan", plan.n_tokens)] if plan.unique_tokens is None else []
    if plan.demand_aware:
        tokens.append(("The demand-aware alternative", plan.demand_aware["n_tokens"]))
    for who, d in tokens:
        if d > stock:
            found.append(
                f"{who} trains on {format_count(d)} tokens, {_times(d / stock)} the ~300T-token "
                "effective stock of public human text (Villalobos et al. 2024, a stock that already "
                "allows for repeated epochs); pass --unique-tokens to plan with the data that exists."
            )
    return found


def _spread_warnings(plan) -> list[str]:
    if not plan.law_spread:
        return []
    what = "N" if plan.mode != "model" else "D"
    low = min(plan.law_spread, key=plan.law_spread.get)
    high = max(plan.law_spread, key=plan.law_spread.get)
    ratio = plan.law_spread[high] / plan.law_spread[low]
    if ratio <= LAW_SPREAD_FACTOR:
        return []
    return [
        f"The laws disagree on {what} by {_times(ratio)} (more than {LAW_SPREAD_FACTOR:g}x): from "
        f"{format_count(plan.law_spread[low])} ({low}) to {format_count(plan.law_spread[high])} ({high}); "
        "--law all prints each plan."
    ]


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
