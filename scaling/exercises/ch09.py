"""Exercises of chapter 9, sparse and low-precision models, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from .. import hardware, models, moe, precision
from .graders import how_far
from .registry import Choice, Function, Number, Slip, declare

#: Exercise 9.2: a batch of 16 tokens routed as in DeepSeek-V3 (E, k).
TOUCH_CASE = (16, *moe.ROUTING["DeepSeek-V3"])
#: Exercise 9.4: one sensitivity γ (bits) for weights, activations and KV cache, no offsets.
SENSITIVITY = 3.0
#: Exercise 9.6: the node (GPU, count), the two models (total, active, E, k; the dense one has no
#: experts), FP8 weights, and the two loads (tokens decoded per step: night, day).
NODE = ("H100", 8)
DENSE = (70e9, 70e9)
SPARSE = (240e9, 24e9, 64, 4)
LOADS = (4, 256)


def _kimi_ratio() -> float:
    kimi = models.get_model("Kimi K2")
    return moe.total_per_active(kimi.n_params, kimi.n_active_params)


# 9.1 How many times more training compute a dense model of Kimi K2's total size needs on the same tokens.
declare(
    Number(
        id="9.1",
        expected=_kimi_ratio,
        rel_tol=0.01,
        unit="× the MoE's compute",
        hint="training compute is 6·N·D with N the parameters a token passes through; compare the total count "
        "with the active one.",
    )
)

# 9.2 Share of DeepSeek-V3's experts that 16 uniformly routed tokens use.
declare(
    Number(
        id="9.2",
        expected=lambda: moe.expert_fraction_touched(*TOUCH_CASE),
        rel_tol=0.01,
        unit="(a fraction)",
        hint="find the chance that one expert is missed by all 16 tokens, then take one minus it.",
        slips=(
            Slip(
                lambda share: 16 * 8 / 256, "{value:.4g} is 16 × 8/256: it counts the experts two tokens share twice."
            ),
        ),
    )
)

# 9.3 Implement decode_bytes(total, active, n_experts, top_k, batch, bytes_per_param).
declare(
    Function(
        id="9.3",
        name="decode_bytes",
        returns="one number of bytes",
        reference=lambda total, active, n_experts, top_k, batch, nbytes: moe.decode_weight_bytes_read(
            total, active, n_experts, top_k, batch, nbytes
        ),
        cases=(
            (671e9, 37e9, 256, 8, 1, 1.0),
            (671e9, 37e9, 256, 8, 32, 1.0),
            (240e9, 24e9, 64, 4, 4, 2.0),
            (117e9, 5.1e9, 128, 4, 1024, 0.5),
        ),
        hidden=("1e12, 32e9, 384, 8, 1, 1.0", "1e12, 32e9, 384, 8, 64, 1.0", "400e9, 17e9, 128, 1, 16, 2.0"),
        explain=lambda total, active, n_experts, top_k, batch, nbytes, got, want: (
            f"{how_far(got, want, 1e-6)} at batch {batch:g}. Hint: at batch 1 the answer is the active weights; "
            "routed share R = (total − active) / (1 − k/E)."
        ),
        passed="your bytes per step agree with the package on four cases, from one token to 1,024.",
    )
)

# 9.4 Compute-optimal training precision with one sensitivity of 3 bits for all three parts, no offsets.
declare(
    Number(
        id="9.4",
        expected=lambda: precision.compute_optimal_precision(SENSITIVITY, SENSITIVITY, SENSITIVITY),
        rel_tol=0.01,
        unit="bits",
        hint="maximise f(P) / P with f(P) = (1 − e^(−P/3))^3: the budget fixes N·P·D, and the loss sees N·f(P).",
    )
)


def _deepseek_fp8_mfu() -> float:
    deepseek = models.get_model("DeepSeek-V3")
    peak = hardware.get_accelerator("H800").peak_at("fp8")
    return hardware.implied_mfu(deepseek.flops_6nd, models.DEEPSEEK_V3_PRETRAINING_GPU_HOURS, peak)


# 9.5 MFU of DeepSeek-V3's pre-training against the H800's dense FP8 peak (6ND with active parameters).
declare(
    Number(
        id="9.5",
        expected=_deepseek_fp8_mfu,
        rel_tol=0.01,
        unit="(a fraction)",
        hint="FLOPs / (GPU-hours × 3600 × peak), with 37B active parameters and the dense FP8 peak.",
        slips=(
            Slip(lambda mfu: 2 * mfu, "{value:.4g} is the MFU against the BF16 peak: the question asks for FP8."),
            Slip(
                lambda mfu: mfu / 2,
                "{value:.4g} uses the sparse FP8 headline, which a dense model never reaches: use the dense peak.",
            ),
        ),
    )
)


def _tokens_per_second(total, active, experts, top_k, batch) -> float:
    """Exercise 9.6's roofline: tokens/s of one model on the node at one load, FP8 weights."""
    gpu, count = NODE
    acc = hardware.get_accelerator(gpu)
    if experts is None:
        read = total * hardware.BYTES_FP8
    else:
        read = moe.decode_weight_bytes_read(total, active, experts, top_k, batch, hardware.BYTES_FP8)
    step = max(read / (count * acc.bandwidth), batch * 2 * active / (count * acc.peak_at("fp8")))
    return batch / step


def _serving_decision() -> str:
    night, day = (_tokens_per_second(*SPARSE, load) > _tokens_per_second(*DENSE, None, None, load) for load in LOADS)
    return {(True, True): "a", (False, False): "b", (True, False): "c", (False, True): "d"}[(night, day)]


# 9.6 Which of a dense 70B and a 240B/24B MoE decodes faster at 4 and at 256 tokens per step, on one node.
declare(
    Choice(
        id="9.6",
        correct=_serving_decision(),
        options=("a", "b", "c", "d"),
        why="at 4 tokens the MoE reads only the experts it uses (about 62 GB against 70); at 256 it reads all "
        "240 GB while the dense model is still bandwidth-bound on its 70 GB.",
        hint="apply the rubric at each load: bytes per step with the touched share, FLOPs per step, step time = "
        "the larger of bytes / bandwidth and FLOPs / peak.",
    )
)
