"""Exercises of chapter 9, sparse and low-precision models. Expected values are computed by the package."""

from __future__ import annotations

import numpy as np

from .. import hardware, models, moe, precision
from .graders import Verdict, choice, function_check, how_far, number
from .registry import exercise

#: Exercise 9.2: DeepSeek-V3's routing (E, k) and a batch of 16 tokens.
TOUCH_CASE = (16, *moe.ROUTING["DeepSeek-V3"])
#: Exercise 9.4: one sensitivity γ (bits) for weights, activations and KV cache.
SENSITIVITY = 3.0
#: Exercise 9.6: the node (GPU, count), the two models (total, active, E, k; dense has E = k = 1),
#: FP8 weights, and the two loads (tokens per decoding step).
NODE = ("H100", 8)
DENSE = (70e9, 70e9)
SPARSE = (240e9, 24e9, 64, 4)
LOADS = (4, 256)


@exercise("9.1")
def kimi_dense_twin(answer) -> Verdict:
    """How many times more training compute a dense model of Kimi K2's total size needs on the same tokens."""
    kimi = models.get_model("Kimi K2")
    expected = moe.total_per_active(kimi.n_params, kimi.n_active_params)
    return number(answer, expected, rel_tol=0.01, unit="× the MoE's compute",
                  hint="training compute is 6·N·D with N the parameters a token passes through; "
                       "compare the total count with the active one.")


@exercise("9.2")
def experts_touched(answer) -> Verdict:
    """Share of DeepSeek-V3's experts that 16 uniformly routed tokens use."""
    batch, experts, top_k = TOUCH_CASE
    expected = moe.expert_fraction_touched(batch, experts, top_k)
    return number(answer, expected, rel_tol=0.01, unit="(a fraction)",
                  hint="find the chance that one expert is missed by all 16 tokens, then take one minus it; "
                       "16 × 8/256 counts shared experts twice.")


def _judge_decode_bytes(total, active, experts, top_k, batch, nbytes, value) -> str | None:
    expected = moe.decode_weight_bytes_read(total, active, experts, top_k, batch, nbytes)
    if not np.isclose(value, expected, rtol=1e-6):
        return (f"{how_far(value, expected, 1e-6)} at batch {batch:g}. Hint: at batch 1 the answer is the active "
                "weights; routed share R = (total − active) / (1 − k/E).")
    return None


@exercise("9.3")
def decode_bytes_function(answer) -> Verdict:
    """Implement decode_bytes(total, active, n_experts, top_k, batch, bytes_per_param)."""
    cases = [
        (671e9, 37e9, 256, 8, 1, 1.0),
        (671e9, 37e9, 256, 8, 32, 1.0),
        (240e9, 24e9, 64, 4, 4, 2.0),
        (117e9, 5.1e9, 128, 4, 1024, 0.5),
    ]
    return function_check(answer, "decode_bytes", cases, _judge_decode_bytes,
                          "your bytes per step agree with the package on four cases, from one token to 1,024.",
                          returns="one number of bytes")


@exercise("9.4")
def best_training_precision(answer) -> Verdict:
    """Compute-optimal training precision with one sensitivity of 3 bits and no offsets."""
    expected = precision.compute_optimal_precision(SENSITIVITY, SENSITIVITY, SENSITIVITY)
    return number(answer, expected, rel_tol=0.01, unit="bits",
                  hint="maximise f(P) / P with f(P) = (1 − e^(−P/3))^3: the budget fixes N·P·D, "
                       "and the loss sees N·f(P).")


@exercise("9.5")
def deepseek_fp8_mfu(answer) -> Verdict:
    """MFU of DeepSeek-V3's pre-training against the H800's dense FP8 peak (6ND, active parameters)."""
    deepseek = models.get_model("DeepSeek-V3")
    peak = hardware.get_accelerator("H800").peak_at("fp8")
    expected = hardware.implied_mfu(deepseek.flops_6nd, models.DEEPSEEK_V3_PRETRAINING_GPU_HOURS, peak)
    return number(answer, expected, rel_tol=0.01, unit="(a fraction)",
                  hint="FLOPs / (GPU-hours × 3600 × peak), with 37B active parameters and the dense FP8 peak, "
                       "not the BF16 one or the sparse headline.")


def tokens_per_second(total, active, experts, top_k, batch) -> float:
    """Exercise 9.6's roofline: tokens/s of one model on the node at one load (FP8 weights)."""
    gpu, count = NODE
    acc = hardware.get_accelerator(gpu)
    if experts == 1:
        read = total * hardware.BYTES_FP8
    else:
        read = moe.decode_weight_bytes_read(total, active, experts, top_k, batch, hardware.BYTES_FP8)
    step = max(read / (count * acc.bandwidth), batch * 2 * active / (count * acc.peak_at("fp8")))
    return batch / step


def serving_decision() -> str:
    """The letter of exercise 9.6, from the rubric: which model is faster at night and by day."""
    night, day = (
        tokens_per_second(*SPARSE, load) > tokens_per_second(*DENSE, 1, 1, load) for load in LOADS
    )
    return {(True, True): "a", (False, False): "b", (True, False): "c", (False, True): "d"}[(night, day)]


@exercise("9.6")
def dense_or_moe(answer) -> Verdict:
    """Which of a dense 70B and a 240B/24B MoE decodes faster at 4 and at 256 tokens per step."""
    return choice(
        answer, serving_decision(), ("a", "b", "c", "d"),
        why="at 4 tokens the MoE reads only the experts it uses (about 62 GB against 70); at 256 it reads "
            "all 240 GB while the dense model is still bandwidth-bound on its 70 GB.",
        hint="apply the rubric at each load: bytes per step with the touched share, FLOPs per step, "
             "step time = the larger of bytes / bandwidth and FLOPs / peak.",
    )
