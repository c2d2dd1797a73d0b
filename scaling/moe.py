"""Mixture of experts: what a token costs, what the weights occupy, what a decoding step reads.

A mixture-of-experts (MoE) layer replaces one feed-forward block by ``E`` smaller "experts"
and a router that sends each token to ``k`` of them. The model then has two parameter counts:

* the **total** parameters, every expert included: they set the memory to hold the model
  (to train it, with optimizer state; to serve it, with the KV cache);
* the **active** parameters, the ones one token passes through (attention, any shared
  expert, and ``k`` routed experts): they set the FLOPs, 6 · active · D to train and
  2 · active per generated token.

What a *decoding step* reads from memory sits between the two: a batch of tokens routed
independently touches more and more distinct experts, and at large batch every expert's
weights are read once per step. ``expert_fraction_touched`` gives the expected share under
uniform routing; ``decode_weight_bytes_read`` turns it into bytes.

Units: parameters, tokens, FLOPs, bytes (1 GB = 1e9 bytes). Used in chapters 7 and 9.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check
from .compute import inference_flops, training_flops
from .hardware import BYTES_BF16, training_memory_bytes, weight_bytes

#: Routed experts per MoE layer and experts chosen per token, (E, k), as published:
#: DeepSeek-V3 technical report §4.2 ("1 shared expert and 256 routed experts ... 8 experts will be
#: activated for each token"; checked (secondary): verbatim copies of §4.2); Kimi K2 README ("384
#: experts with 8 selected", as recorded in scaling.models); gpt-oss model card ("128 for gpt-oss-120b
#: ... we select the top-4 experts for each token"; checked (secondary): a verbatim quotation).
ROUTING = {"DeepSeek-V3": (256, 8), "Kimi K2": (384, 8), "gpt-oss-120b": (128, 4)}


def _total_and_active(total_params, active_params):
    total = check.positive(total_params, "The total number of parameters", "parameters")
    active = check.positive(active_params, "The number of active parameters", "parameters")
    bad = np.asarray(active) > np.asarray(total)
    if np.any(bad):
        raise ValueError(
            f"The active parameters must not exceed the total parameters, got {check._describe(active, bad)} active."
        )
    return total, active


def _experts(n_experts, top_k):
    experts = check.positive(n_experts, "The number of routed experts E", "experts")
    k = check.positive(top_k, "The number of experts per token k", "experts")
    bad = np.asarray(k) > np.asarray(experts)
    if np.any(bad):
        raise ValueError(
            f"A token cannot use more experts than there are: k must be at most E, got {check._describe(k, bad)} for k."
        )
    return experts, k


def sparsity(total_params, active_params):
    """Share of the parameters a token does *not* use: 1 − active / total (0 for a dense model).

    ``total_params`` and ``active_params`` in parameters (active ≤ total). Dimensionless,
    in [0, 1). Used in chapter 9.
    """
    total, active = _total_and_active(total_params, active_params)
    return 1.0 - active / total


def total_per_active(total_params, active_params):
    """Total parameters per active parameter (1 for a dense model; about 18 for DeepSeek-V3).

    This is also how many times more a dense model of the *total* size would cost to train
    on the same tokens (6 · total · D against 6 · active · D). Used in chapter 9.
    """
    total, active = _total_and_active(total_params, active_params)
    return total / active


@dataclass(frozen=True)
class MoEFootprint:
    """Compute and memory of a mixture-of-experts model.

    ``training_flops`` = 6 · active · D (FLOPs); ``flops_per_token`` = 2 · active
    (FLOPs per generated token); ``weight_bytes`` = total · bytes per parameter;
    ``training_memory_bytes`` = total · 16 bytes (weights, gradients, Adam state).
    """

    total_params: float
    active_params: float
    training_flops: float
    flops_per_token: float
    weight_bytes: float
    training_memory_bytes: float


def moe_footprint(total_params, active_params, n_tokens, bytes_per_param=BYTES_BF16):
    """Compute from the active parameters, memory from the total ones.

    ``total_params`` and ``active_params`` in parameters (active ≤ total),
    ``n_tokens`` training tokens, ``bytes_per_param`` for the served weights.
    Returns a ``MoEFootprint``. Used in chapters 7 and 9.
    """
    total, active = _total_and_active(total_params, active_params)
    return MoEFootprint(
        total_params=total,
        active_params=active,
        training_flops=training_flops(active, n_tokens),
        flops_per_token=inference_flops(active, 1.0),
        weight_bytes=weight_bytes(total, bytes_per_param),
        training_memory_bytes=training_memory_bytes(total),
    )


def routed_params(total_params, active_params, n_experts, top_k):
    """Parameters held in the routed experts, from the two published counts and the routing.

    A token uses every shared parameter S (attention, embeddings, dense layers, shared experts)
    and k of the E routed experts, so active = S + R · k / E and total = S + R, which gives
    R = (total − active) / (1 − k / E). ``n_experts`` E and ``top_k`` k as published (k < E).
    Result in parameters; the shared part is total − R. Used in chapter 9.
    """
    total, active = _total_and_active(total_params, active_params)
    experts, k = _experts(n_experts, top_k)
    if np.any(np.asarray(k) >= np.asarray(experts)):
        raise ValueError("With k = E every expert is active: the model is dense and has no routed share to separate.")
    routed = (total - active) / (1.0 - k / experts)
    return np.minimum(routed, total)


def expert_fraction_touched(batch_tokens, n_experts, top_k):
    """Expected share of one layer's routed experts that a batch of tokens uses: 1 − (1 − k/E)^B.

    Each of ``batch_tokens`` B tokens picks ``top_k`` k of ``n_experts`` E experts, uniformly
    and independently (real routers are less even, so this is an idealisation). One token
    touches k/E of them; a large batch touches nearly all. Dimensionless, in (0, 1].
    Used in chapter 9.
    """
    b = check.positive(batch_tokens, "The batch size B", "tokens")
    experts, k = _experts(n_experts, top_k)
    return 1.0 - (1.0 - k / experts) ** b


def decode_weight_bytes_read(
    total_params, active_params, n_experts, top_k, batch_tokens=1.0, bytes_per_param=BYTES_BF16
):
    """Bytes of weights one decoding step reads: shared weights plus the routed experts the batch touches.

    Shared parameters are always read; the routed ones in proportion to
    ``expert_fraction_touched``. At batch 1 this is about active × bytes; at large batch it
    tends to total × bytes, which is why an MoE's bandwidth advantage shrinks as the batch
    grows. Arguments as in ``routed_params`` and ``expert_fraction_touched``; result in bytes.
    Used in chapter 9.
    """
    routed = routed_params(total_params, active_params, n_experts, top_k)
    total = check.positive(total_params, "The total number of parameters", "parameters")
    share = expert_fraction_touched(batch_tokens, n_experts, top_k)
    nbytes = check.positive(bytes_per_param, "The bytes per parameter", "bytes")
    return ((total - routed) + routed * share) * nbytes


# Every public function refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
