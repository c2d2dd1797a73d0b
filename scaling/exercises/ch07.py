"""Exercises of chapter 7, hardware and cost, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import hardware, models
from ..compute import training_flops
from .graders import how_far
from .registry import Choice, Function, Number, Slip, declare

#: Exercise 7.1: Chinchilla (70B on 1.4T tokens) on A100s at 40% MFU.
CHINCHILLA_ON_A100 = dict(gpu="A100", mfu=0.4)
#: Exercise 7.4: serve Llama 3 70B in BF16, 32 sequences of 8,192 tokens at once, on H100s.
SERVING_CASE = dict(model="Llama 3 70B", context=8192, batch=32, gpu="H100")
#: Exercise 7.5: Llama 3 8B (BF16 weights and cache) decoding on one H100 rented at $3/GPU-hour.
DECODE_CASE = dict(n_params=8e9, shape="Llama 3 8B", gpu="H100", price=3.0)
#: The (batch, context) pairs its check tries: the caches outweigh the weights; the compute bound binds
#: (the bandwidth bound alone is about 10 % too cheap); one sequence, where the weights dominate.
DECODE_CHECK_CASES = ((64, 4096), (1024, 256), (1, 4096))


def _chinchilla_gpu_hours() -> float:
    chinchilla = models.get_model("Chinchilla")
    peak = hardware.get_accelerator(CHINCHILLA_ON_A100["gpu"]).peak_flops
    return hardware.gpu_hours(training_flops(chinchilla.n_params, chinchilla.n_tokens), peak, CHINCHILLA_ON_A100["mfu"])


# 7.1 GPU-hours to train Chinchilla (6ND) on A100s at 40% MFU.
declare(Number(
    id="7.1", expected=_chinchilla_gpu_hours, rel_tol=0.01, unit="GPU-hours",
    hint="6·N·D FLOPs, divided by (dense peak × MFU) gives GPU-seconds; divide by 3,600.",
))


def _llama2_implied_mfu() -> float:
    llama2 = models.get_model("Llama 2 70B")
    return hardware.implied_mfu(llama2.flops_6nd, llama2.gpu_hours, hardware.get_accelerator("A100").peak_flops)


# 7.2 MFU implied by Llama 2 70B's published A100 GPU-hours (6ND useful FLOPs).
declare(Number(
    id="7.2", expected=_llama2_implied_mfu, rel_tol=0.02, unit="(a fraction)",
    hint="MFU = 6ND / (GPU-hours × 3,600 × dense peak); the A100's dense BF16 peak is 312 TFLOP/s.",
    slips=(Slip(lambda mfu: 100 * mfu,
                "{value:.4g} looks like a percentage: give the MFU as a fraction, e.g. 0.4 for 40 %."),),
))


def _days_and_dollars(flops, peak, mfu, gpus, price) -> tuple[float, float]:
    hours = hardware.gpu_hours(flops, peak, mfu)
    return hardware.days_on_cluster(hours, gpus), hardware.training_cost(hours, price)


def _explain_days_and_dollars(flops, peak, mfu, gpus, price, got, want) -> str:
    (days, dollars), (want_days, want_dollars) = got, want
    if not np.isclose(days, want_days, rtol=1e-6):
        return f"the days: {how_far(days, want_days, 1e-6)} Hint: GPU-hours / GPUs / 24."
    return (f"the dollars: {how_far(dollars, want_dollars, 1e-6)} "
            "Hint: the price is per GPU-hour, so multiply all the GPU-hours by it.")


# 7.3 Implement days_and_dollars(flops, peak_flops, mfu, n_gpus, price) -> (days, dollars).
declare(Function(
    id="7.3", name="days_and_dollars", returns=("days", "dollars"), reference=_days_and_dollars,
    cases=((6.3e24, 989.4e12, 0.4, 8192, 2.5), (5.88e23, 312e12, 0.45, 2048, 1.8), (1e22, 2.5e15, 0.3, 64, 6.0)),
    hidden=("2e24, 989e12, 0.35, 1024, 2.0", "3.8e25, 312e12, 0.5, 16384, 1.5", "1e21, 1e15, 0.2, 8, 3.0"),
    explain=_explain_days_and_dollars, passed="your days and dollars agree with the package on three runs.",
))


def _tensor_parallel_gpus(min_gpus: int, n_kv_heads: int) -> int:
    """Smallest GPU count >= ``min_gpus`` that divides the ``n_kv_heads`` evenly (tensor parallelism)."""
    for count in range(min_gpus, n_kv_heads + 1):
        if n_kv_heads % count == 0:
            return count
    # more GPUs than KV heads: each head is replicated, so any multiple of the head count works
    return int(np.ceil(min_gpus / n_kv_heads) * n_kv_heads)


_SERVED_SHAPE = models.LLAMA3_SHAPES[SERVING_CASE["model"]]


def _gpus_by_memory() -> int:
    """H100s whose memory holds the weights and the KV cache of exercise 7.4 (before tensor parallelism)."""
    shape = _SERVED_SHAPE
    kv = hardware.kv_cache_bytes(shape.n_layer, shape.n_kv_heads, shape.head_dim, SERVING_CASE["context"],
                                 batch=SERVING_CASE["batch"])
    return hardware.min_gpus_to_serve(models.get_model(SERVING_CASE["model"]).n_params, SERVING_CASE["gpu"], kv_cache=kv)


# 7.4 Fewest H100s holding Llama 3 70B in BF16 plus the KV cache of 32 sequences of 8,192 tokens,
#     split by tensor parallelism, so the GPU count must divide the 8 key/value heads.
declare(Number(
    id="7.4", expected=lambda: _tensor_parallel_gpus(_gpus_by_memory(), _SERVED_SHAPE.n_kv_heads), rel_tol=0.01,
    unit="GPUs", whole="GPUs",
    hint="weights: 2 bytes × N; cache: 2 (K and V) × layers × KV heads × head dim × 2 bytes × "
         "tokens × sequences; divide the sum by 80 GB, round up, then go up to a count that "
         "divides the number of key/value heads.",
    slips=(Slip(lambda _: _gpus_by_memory(), rel_tol=1e-9,
                says=f"{{value:.4g}} GPUs hold the bytes, but tensor parallelism gives each GPU an equal share of "
                     f"the {_SERVED_SHAPE.n_kv_heads} key/value heads: {{value:.4g}} does not divide "
                     f"{_SERVED_SHAPE.n_kv_heads}. Take the next count that does."),),
))


def _decode_cost_per_million(batch: int, context: int, *, compute_bound: bool = True, case=DECODE_CASE) -> float:
    """Dollars per million generated tokens when ``case``'s model decodes ``batch`` sequences of ``context`` tokens.

    Each step reads the weights and every sequence's KV cache once (bandwidth bound); the throughput
    is the lower of that and the compute bound (dense peak / 2N), unless ``compute_bound`` is False
    (the bandwidth-only mistake). Context 0 leaves the cache out (the cache-free mistake). Used by
    exercise 7.5.
    """
    acc = hardware.get_accelerator(case["gpu"])
    shape = models.LLAMA3_SHAPES[case["shape"]]
    kv_per_sequence = (hardware.kv_cache_bytes(shape.n_layer, shape.n_kv_heads, shape.head_dim, context)
                       if context > 0 else 0.0)
    weights = hardware.weight_bytes(case["n_params"])
    rate = hardware.bandwidth_bound_tokens_per_second(weights, acc.bandwidth, batch, kv_per_sequence)
    if compute_bound:
        rate = min(rate, hardware.compute_bound_tokens_per_second(case["n_params"], acc.peak_flops, 1.0))
    return hardware.cost_per_million_tokens(rate, case["price"])


def _explain_decode_cost(batch, context, got, want) -> str:
    if np.isclose(got, _decode_cost_per_million(batch, 0), rtol=1e-6):
        return ("that is the cost without the KV cache. Each step also reads every sequence's cache, "
                "which at long contexts and large batches outweighs the weights.")
    if np.isclose(got, _decode_cost_per_million(batch, context, compute_bound=False), rtol=1e-6):
        return ("that is the bandwidth bound alone. At this batch the GPU cannot do the arithmetic that fast: "
                "take the lower of the bandwidth bound and the compute bound, dense peak / 2N tokens per second.")
    return how_far(got, want, 1e-6)


# 7.5 Implement decode_cost(batch, context): dollars per million tokens for Llama 3 8B in BF16 on one H100
#     at $3/GPU-hour, reading the weights and every sequence's KV cache at each step, capped by the compute bound.
declare(Function(
    id="7.5", name="decode_cost", returns="one number of dollars", reference=_decode_cost_per_million,
    cases=DECODE_CHECK_CASES, explain=_explain_decode_cost,
    hidden=("32, 8192", "2048, 128", "8, 2048"),  # bandwidth-bound with the caches; compute-bound; weights-bound
    passed="your costs agree with the package on both sides of the roofline: where the "
           "caches set the price, and where the arithmetic does.",
))

# 7.6 What happens to an MFU computed against the sparse headline instead of the dense peak.
declare(Choice(
    id="7.6", correct="b", options=("a", "b", "c"),
    why="the sparse headline is twice the dense peak, so the same achieved FLOP/s reads as half the MFU; "
        "and a time estimate made with it comes out twice too short.",
    hint="MFU = achieved FLOP/s ÷ peak FLOP/s; what does doubling the denominator do?",
))


def _llama3_70b_energy() -> float:
    model = models.get_model("Llama 3 70B")
    return hardware.energy_mwh(model.gpu_hours, hardware.get_accelerator("H100").power_watts)


# 7.7 Facility energy of Llama 3 70B's published GPU-hours at the H100's 700 W and PUE 1.1.
declare(Number(
    id="7.7", expected=_llama3_70b_energy, rel_tol=0.01, unit="MWh",
    hint="GPU-hours × watts × PUE gives watt-hours; one MWh is 10^6 Wh.",
))
