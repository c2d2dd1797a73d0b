"""Exercises of chapter 7, hardware and cost. Expected values are computed by the package, never typed."""

from __future__ import annotations

import math

import numpy as np

from .. import hardware, models
from ..compute import training_flops
from .graders import NOT_ANSWERED, Verdict, as_number, choice, number, unanswered
from .registry import exercise

#: Exercise 7.1: Chinchilla (70B on 1.4T tokens) on A100s at 40% MFU.
CHINCHILLA_ON_A100 = dict(gpu="A100", mfu=0.4)
#: Exercise 7.4: serve Llama 3 70B in BF16, 32 sequences of 8,192 tokens at once, on H100s.
SERVING_CASE = dict(model="Llama 3 70B", context=8192, batch=32, gpu="H100")
#: Exercise 7.5: Llama 3 8B (BF16 weights and cache) decoding 64 sequences of 4,096 tokens on one H100 rented
#: at $3/GPU-hour.
DECODE_CASE = dict(n_params=8e9, shape="Llama 3 8B", context=4096, batch=64, gpu="H100", price=3.0)


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
    verdict = number(answer, expected, rel_tol=0.01, unit="(a fraction)",
                     hint="MFU = 6ND / (GPU-hours × 3,600 × dense peak); the A100's dense BF16 peak is 312 TFLOP/s.")
    value = as_number(answer)
    if verdict.status == "fail" and value is not None and np.isclose(value, 100 * expected, rtol=0.01):
        return Verdict("fail", f"{value:.4g} looks like a percentage: give the MFU as a fraction, e.g. 0.4 for 40 %.")
    return verdict


@exercise("7.3")
def days_and_dollars_function(answer) -> Verdict:
    """Implement days_and_dollars(flops, peak_flops, mfu, n_gpus, price) -> (days, dollars)."""
    if unanswered(answer):
        return NOT_ANSWERED
    if not callable(answer):
        return Verdict("fail", f"pass your function itself (days_and_dollars, without brackets), got {answer!r}.")
    cases = [(6.3e24, 989.4e12, 0.4, 8192, 2.5), (5.88e23, 312e12, 0.45, 2048, 1.8), (1e22, 2.5e15, 0.3, 64, 6.0)]
    for flops, peak, mfu, gpus, price in cases:
        try:
            result = answer(flops, peak, mfu, gpus, price)
        except Exception as error:  # the student's code may fail in any way: report it in one line
            return Verdict("fail", f"your function raised {type(error).__name__}: {error}")
        if unanswered(result):
            return NOT_ANSWERED
        try:
            days, dollars = (float(v) for v in result)
        except (TypeError, ValueError):
            return Verdict("fail", f"your function should return two numbers (days, dollars), got {result!r}.")
        hours = hardware.gpu_hours(flops, peak, mfu)
        want_days, want_dollars = hardware.days_on_cluster(hours, gpus), hardware.training_cost(hours, price)
        if not np.isclose(days, want_days, rtol=1e-6):
            return Verdict("fail", f"for {flops:.3g} FLOPs on {gpus:,} GPUs you returned {days:.4g} days, expected "
                                   f"{want_days:.4g}. Hint: GPU-hours / GPUs / 24.")
        if not np.isclose(dollars, want_dollars, rtol=1e-6):
            return Verdict("fail", f"for {flops:.3g} FLOPs you returned ${dollars:,.4g}, expected ${want_dollars:,.4g}. "
                                   "Hint: the price is per GPU-hour, so multiply all the GPU-hours by it.")
    return Verdict("pass", "your days and dollars agree with the package on three runs.")


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


def decode_cost_per_million(case=DECODE_CASE) -> float:
    """Dollars per million generated tokens for ``case``: weights and every sequence's KV cache read each step.

    The lower of the bandwidth bound ((weights + batch × cache) read per step, batch tokens per step) and
    the compute bound (dense peak / 2N). Used by exercise 7.5 and its worked solution.
    """
    acc = hardware.get_accelerator(case["gpu"])
    shape = models.LLAMA3_SHAPES[case["shape"]]
    kv_per_sequence = (hardware.kv_cache_bytes(shape.n_layer, shape.n_kv_heads, shape.head_dim, case["context"])
                       if case["context"] > 0 else 0.0)  # context 0: the cache-free answer, to name that mistake
    weights = hardware.weight_bytes(case["n_params"])
    by_bandwidth = hardware.bandwidth_bound_tokens_per_second(weights, acc.bandwidth, case["batch"], kv_per_sequence)
    by_compute = hardware.compute_bound_tokens_per_second(case["n_params"], acc.peak_flops, 1.0)
    return hardware.cost_per_million_tokens(min(by_bandwidth, by_compute), case["price"])


@exercise("7.5")
def decode_cost(answer) -> Verdict:
    """Dollars per million tokens for an 8B BF16 model decoding 64 sequences of 4,096 tokens on one H100
    at $3/GPU-hour, reading the weights and the KV cache at every step."""
    expected = decode_cost_per_million()
    value = as_number(answer)
    without_cache = decode_cost_per_million(dict(DECODE_CASE, context=0))
    if value is not None and math.isclose(value, without_cache, rel_tol=0.02):
        return Verdict("fail", f"{value:.4g} is the cost without the KV cache. Each step also reads every "
                               "sequence's cache, which at this batch and context is larger than the weights.")
    return number(answer, expected, rel_tol=0.01, unit="dollars per million tokens",
                  hint="bytes read per step = weights + 64 × the cache of one 4,096-token sequence; tokens/s = "
                       "64 × bandwidth / bytes per step (check it is below the compute bound); then "
                       "price / (tokens/s × 3,600) × 10^6.")


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
