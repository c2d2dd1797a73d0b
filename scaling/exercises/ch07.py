"""Exercises of chapter 7, hardware and cost. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import hardware, models
from ..compute import training_flops
from .graders import Verdict, as_number, choice, function_check, how_far, number, unanswered
from .registry import exercise

#: Exercise 7.1: Chinchilla (70B on 1.4T tokens) on A100s at 40% MFU.
CHINCHILLA_ON_A100 = dict(gpu="A100", mfu=0.4)
#: Exercise 7.4: serve Llama 3 70B in BF16, 32 sequences of 8,192 tokens at once, on H100s.
SERVING_CASE = dict(model="Llama 3 70B", context=8192, batch=32, gpu="H100")
#: Exercise 7.5: Llama 3 8B (BF16 weights and cache) decoding on one H100 rented at $3/GPU-hour.
DECODE_CASE = dict(n_params=8e9, shape="Llama 3 8B", gpu="H100", price=3.0)
#: The (batch, context) pairs its check tries: the caches outweigh the weights; the compute bound binds
#: (the bandwidth bound alone is about 10 % too cheap); one sequence, where the weights dominate.
DECODE_CHECK_CASES = ((64, 4096), (1024, 256), (1, 4096))


@exercise("7.1")
def chinchilla_gpu_hours(answer) -> Verdict:
    """GPU-hours to train Chinchilla (6ND) on A100s at 40% MFU."""
    chinchilla = models.get_model("Chinchilla")
    acc = hardware.get_accelerator(CHINCHILLA_ON_A100["gpu"])
    expected = hardware.gpu_hours(training_flops(chinchilla.n_params, chinchilla.n_tokens), acc.peak_flops,
                                  CHINCHILLA_ON_A100["mfu"])
    return number(answer, expected, rel_tol=0.01, unit="GPU-hours",
                  hint="6·N·D FLOPs, divided by (dense peak × MFU) gives GPU-seconds; divide by 3,600.")


@exercise("7.2")
def llama2_implied_mfu(answer) -> Verdict:
    """MFU implied by Llama 2 70B's published A100 GPU-hours (6ND useful FLOPs)."""
    llama2 = models.get_model("Llama 2 70B")
    expected = hardware.implied_mfu(llama2.flops_6nd, llama2.gpu_hours, hardware.get_accelerator("A100").peak_flops)
    verdict = number(answer, expected, rel_tol=0.02, unit="(a fraction)",
                     hint="MFU = 6ND / (GPU-hours × 3,600 × dense peak); the A100's dense BF16 peak is 312 TFLOP/s.")
    value = as_number(answer)
    if verdict.status == "fail" and value is not None and np.isclose(value, 100 * expected, rtol=0.02):
        return Verdict("fail", f"{value:.4g} looks like a percentage: give the MFU as a fraction, e.g. 0.4 for 40 %.")
    return verdict


def _judge_days_and_dollars(flops, peak, mfu, gpus, price, result) -> str | None:
    days, dollars = result
    hours = hardware.gpu_hours(flops, peak, mfu)
    want_days, want_dollars = hardware.days_on_cluster(hours, gpus), hardware.training_cost(hours, price)
    if not np.isclose(days, want_days, rtol=1e-6):
        return f"the days: {how_far(days, want_days, 1e-6)} Hint: GPU-hours / GPUs / 24."
    if not np.isclose(dollars, want_dollars, rtol=1e-6):
        return (f"the dollars: {how_far(dollars, want_dollars, 1e-6)} "
                "Hint: the price is per GPU-hour, so multiply all the GPU-hours by it.")
    return None


@exercise("7.3")
def days_and_dollars_function(answer) -> Verdict:
    """Implement days_and_dollars(flops, peak_flops, mfu, n_gpus, price) -> (days, dollars)."""
    cases = [(6.3e24, 989.4e12, 0.4, 8192, 2.5), (5.88e23, 312e12, 0.45, 2048, 1.8), (1e22, 2.5e15, 0.3, 64, 6.0)]
    return function_check(answer, "days_and_dollars", cases, _judge_days_and_dollars,
                          "your days and dollars agree with the package on three runs.", returns=("days", "dollars"))


def _tensor_parallel_gpus(min_gpus: int, n_kv_heads: int) -> int:
    """Smallest GPU count >= ``min_gpus`` that divides the ``n_kv_heads`` evenly (tensor parallelism)."""
    for count in range(min_gpus, n_kv_heads + 1):
        if n_kv_heads % count == 0:
            return count
    # more GPUs than KV heads: each head is replicated, so any multiple of the head count works
    return int(np.ceil(min_gpus / n_kv_heads) * n_kv_heads)


@exercise("7.4")
def gpus_to_serve(answer) -> Verdict:
    """Fewest H100s holding Llama 3 70B in BF16 plus the KV cache of 32 sequences of 8,192 tokens,
    split by tensor parallelism, so the GPU count must divide the 8 key/value heads."""
    model = models.get_model(SERVING_CASE["model"])
    shape = models.LLAMA3_SHAPES[SERVING_CASE["model"]]
    kv = hardware.kv_cache_bytes(shape.n_layer, shape.n_kv_heads, shape.head_dim, SERVING_CASE["context"],
                                 batch=SERVING_CASE["batch"])
    by_memory = hardware.min_gpus_to_serve(model.n_params, SERVING_CASE["gpu"], kv_cache=kv)
    expected = _tensor_parallel_gpus(by_memory, shape.n_kv_heads)
    value = as_number(answer)
    if value is not None and not float(value).is_integer() and not unanswered(answer):
        return Verdict("fail", f"{value:.4g} is not a whole number of GPUs: round up.")
    if value is not None and value == by_memory != expected:
        return Verdict("fail", f"{by_memory} GPUs hold the bytes, but tensor parallelism gives each GPU an equal "
                               f"share of the {shape.n_kv_heads} key/value heads: {by_memory} does not divide "
                               f"{shape.n_kv_heads}. Take the next count that does.")
    return number(answer, expected, rel_tol=0.01, unit="GPUs",
                  hint="weights: 2 bytes × N; cache: 2 (K and V) × layers × KV heads × head dim × 2 bytes × "
                       "tokens × sequences; divide the sum by 80 GB, round up, then go up to a count that "
                       "divides the number of key/value heads.")


def decode_cost_per_million(batch: int, context: int, *, compute_bound: bool = True, case=DECODE_CASE) -> float:
    """Dollars per million generated tokens when ``case``'s model decodes ``batch`` sequences of ``context`` tokens.

    Each step reads the weights and every sequence's KV cache once (bandwidth bound); the throughput
    is the lower of that and the compute bound (dense peak / 2N), unless ``compute_bound`` is False
    (the bandwidth-only mistake). Context 0 leaves the cache out (the cache-free mistake). Used by
    exercise 7.5 and its worked solution.
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


def _judge_decode_cost(batch, context, value) -> str | None:
    if np.isclose(value, decode_cost_per_million(batch, context), rtol=1e-6):
        return None
    if np.isclose(value, decode_cost_per_million(batch, 0), rtol=1e-6):
        return ("that is the cost without the KV cache. Each step also reads every sequence's cache, "
                "which at long contexts and large batches outweighs the weights.")
    if np.isclose(value, decode_cost_per_million(batch, context, compute_bound=False), rtol=1e-6):
        return ("that is the bandwidth bound alone. At this batch the GPU cannot do the arithmetic that fast: "
                "take the lower of the bandwidth bound and the compute bound, dense peak / 2N tokens per second.")
    return how_far(value, decode_cost_per_million(batch, context), 1e-6)


@exercise("7.5")
def decode_cost(answer) -> Verdict:
    """Implement decode_cost(batch, context): dollars per million tokens for Llama 3 8B in BF16 on one H100
    at $3/GPU-hour, reading the weights and every sequence's KV cache at each step, capped by the compute bound."""
    return function_check(answer, "decode_cost", DECODE_CHECK_CASES, _judge_decode_cost,
                          "your costs agree with the package on both sides of the roofline: where the "
                          "caches set the price, and where the arithmetic does.", returns="one number of dollars")


@exercise("7.6")
def sparse_peak_in_mfu(answer) -> Verdict:
    """What happens to an MFU computed against the sparse headline instead of the dense peak."""
    return choice(
        answer, "b", ("a", "b", "c"),
        why="the sparse headline is twice the dense peak, so the same achieved FLOP/s reads as half the MFU; "
            "and a time estimate made with it comes out twice too short.",
        hint="MFU = achieved FLOP/s ÷ peak FLOP/s; what does doubling the denominator do?",
    )


@exercise("7.7")
def llama3_70b_energy(answer) -> Verdict:
    """Facility energy of Llama 3 70B's published GPU-hours at the H100's 700 W and PUE 1.1."""
    model = models.get_model("Llama 3 70B")
    expected = hardware.energy_mwh(model.gpu_hours, hardware.get_accelerator("H100").power_watts)
    return number(answer, expected, rel_tol=0.01, unit="MWh",
                  hint="GPU-hours × watts × PUE gives watt-hours; one MWh is 10^6 Wh.")
