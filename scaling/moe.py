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

Two published MoE laws are implemented with their fitted constants:

* Krajewski et al. 2024 (arXiv:2402.07871, Eq. 9 and Table 1): loss against total non-embedding
  parameters N, tokens D and granularity G, L = c + (g / G^γ + a) / N^α + b / D^β, fitted with
  E = 64 (total parameters per active one in the MoE layers);
* Ludziejewski et al. 2025 (arXiv:2502.05172, Eq. 6 and Table 3): loss against active parameters
  (embeddings included), tokens and number of experts E, through a saturating transform Ê (Eq. 4).

Checked (secondary): both tables were read in verbatim text copies of the papers (PDF converted to
markdown) found through the code index, not on arxiv.org itself; tests/test_moe.py reproduces the
papers' own derived tables from these constants (Krajewski Table 2's losses to 1 %, Ludziejewski
Table 4 to 0.5 % and Table 1 to 2 %), which an error in a constant would break.

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


# --- Krajewski et al. 2024: granularity --------------------------------------------------------


@dataclass(frozen=True)
class GranularityLaw:
    """Constants of L(N, D, G) = c + (g / G^γ + a) / N^α + b / D^β (Krajewski et al. 2024, Eq. 9).

    N total non-embedding parameters, D tokens, G granularity (how many times smaller an expert is
    than the feed-forward block it replaces). ``g = 0`` gives a dense law. Loss in nats per token
    on their C4 setup: comparable across G, N, D, not with other papers' losses.
    """

    a: float
    alpha: float
    b: float
    beta: float
    g: float
    gamma: float
    c: float


#: Krajewski et al. 2024, Table 1, row "MoE" (fitted with expansion rate E = 64).
KRAJEWSKI_MOE = GranularityLaw(a=18.1, alpha=0.115, b=30.8, beta=0.147, g=2.1, gamma=0.58, c=0.47)
#: Krajewski et al. 2024, Table 1, row "Dense" (no granularity term).
KRAJEWSKI_DENSE = GranularityLaw(a=16.3, alpha=0.126, b=26.7, beta=0.127, g=0.0, gamma=0.0, c=0.47)


def granularity_loss(total_params, n_tokens, granularity=1.0, law=KRAJEWSKI_MOE):
    """Loss predicted by Krajewski et al.'s granularity law, in nats per token on their data.

    ``total_params`` N: total non-embedding parameters; ``n_tokens`` D; ``granularity`` G ≥ 1
    (ignored by a dense law). Used in chapter 9.
    """
    n = check.positive(total_params, "The total number of parameters N", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    g = check.in_range(granularity, "The granularity G", 1.0, 1e6)
    coefficient = law.g / g**law.gamma + law.a
    return law.c + coefficient / n**law.alpha + law.b / d**law.beta


def krajewski_total_params(active_params, expansion_rate=64.0):
    """Total non-embedding parameters of Krajewski et al.'s models from their active ones.

    Their §6.1 counts 4 d² of attention and 8 d² per feed-forward block in each layer, so an
    active count of 12 d² per layer becomes (8E + 4) d² in total: total = active · (8E + 4) / 12.
    ``active_params`` in parameters, ``expansion_rate`` E (their models use 64). Used in chapter 9.
    """
    active = check.positive(active_params, "The number of active parameters", "parameters")
    e = check.in_range(expansion_rate, "The expansion rate E", 1.0, 1e6)
    return active * (8.0 * e + 4.0) / 12.0


# --- Ludziejewski et al. 2025: joint dense and MoE law --------------------------------------------


@dataclass(frozen=True)
class JointMoELaw:
    """Constants of L = a Ê^δ N^(α + γ ln Ê) + b Ê^ω D^(β + ζ ln Ê) + c (Ludziejewski et al. 2025, Eq. 6).

    N active parameters (embeddings included), D tokens, Ê the transform of the number of experts
    E in Eq. 4, with ``e_start`` and ``e_max``. The exponents α, β are negative as printed.
    """

    a: float
    alpha: float
    delta: float
    gamma: float
    b: float
    beta: float
    omega: float
    zeta: float
    e_start: float
    e_max: float
    c: float


#: Ludziejewski et al. 2025, Table 3 ("Fitted coefficients of our joined formula").
LUDZIEJEWSKI_2025 = JointMoELaw(
    a=35.91,
    alpha=-0.1889,
    delta=-0.2285,
    gamma=0.0098,
    b=35.98,
    beta=-0.1775,
    omega=0.5529,
    zeta=-0.0259,
    e_start=2.0732,
    e_max=290.4521,
    c=1.3637,
)


@dataclass(frozen=True)
class JointOptimum:
    """Compute-optimal active parameters and tokens for one budget and number of experts."""

    active_params: float
    n_tokens: float


def effective_experts(n_experts, law=LUDZIEJEWSKI_2025):
    """Ê, the saturating transform of the number of experts (Ludziejewski et al. 2025, Eq. 4).

    1/Ê = 1 / (E − 1 + (1/E_start − 1/E_max)^(−1)) + 1/E_max: Ê = E_start for a dense model
    (E = 1) and tends to E_max for many experts. ``n_experts`` E ≥ 1. Used in chapter 9.
    """
    e = check.in_range(n_experts, "The number of experts E", 1.0, 1e9)
    shift = 1.0 / (1.0 / law.e_start - 1.0 / law.e_max)
    return 1.0 / (1.0 / (e - 1.0 + shift) + 1.0 / law.e_max)


def _chinchilla_terms(n_experts, law):
    e_hat = effective_experts(n_experts, law)
    log_e = np.log(e_hat)
    return (
        law.a * e_hat**law.delta,
        law.alpha + law.gamma * log_e,
        law.b * e_hat**law.omega,
        law.beta + law.zeta * log_e,
    )


def joint_moe_loss(active_params, n_tokens, n_experts, law=LUDZIEJEWSKI_2025):
    """Loss predicted by Ludziejewski et al.'s joint law (nats per token on their FineWeb setup).

    ``active_params`` N_act (embeddings included), ``n_tokens`` D, ``n_experts`` E (1 = dense).
    Used in chapter 9.
    """
    n = check.positive(active_params, "The number of active parameters", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    m, mu, nn, nu = _chinchilla_terms(n_experts, law)
    return m * n**mu + nn * d**nu + law.c


def joint_moe_compute_optimal(flops, n_experts, law=LUDZIEJEWSKI_2025):
    """Active parameters and tokens of least loss for ``flops`` = 6 · N_act · D (their Eq. 7).

    For fixed E the law is a Chinchilla law m N^μ + n D^ν + c, whose optimum is
    N = (ν n / (μ m))^(1/(μ+ν)) (F/6)^(ν/(μ+ν)) and D = F / (6 N). ``flops`` in FLOPs, ``n_experts``
    E. Returns a ``JointOptimum``. Used in chapter 9.
    """
    f = check.positive(flops, "The training compute F", "FLOPs")
    m, mu, nn, nu = _chinchilla_terms(n_experts, law)
    log_n = (np.log(nu * nn / (mu * m)) + nu * np.log(f / 6.0)) / (mu + nu)
    active = np.exp(log_n)
    return JointOptimum(active_params=active, n_tokens=f / 6.0 / active)


# Every public function refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
