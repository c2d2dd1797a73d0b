"""Hyperparameters that scale with compute: learning rate, batch size, the critical batch.

- DeepSeek LLM (Bi et al. 2024, §3.1): the near-optimal learning rate and batch size as power laws
  of the compute budget, fitted on small runs;
- the critical batch size (McCandlish et al. 2018): the steps/examples trade-off of data
  parallelism, and Kaplan et al.'s B_crit(L) (in :mod:`scaling.kaplan`);
- DeepSeek's measure of model scale, non-embedding FLOPs per token M (their §3.2, Eq. 2).

Conventions. DeepSeek's compute budget is C = M·D, where M counts the non-embedding FLOPs per
token *including attention* (not 6N), and D is tokens; their batch size is in tokens. For a large
model M ≈ 6·N_non-embedding, so C ≈ 6ND there, but for small models with long contexts M is larger.

Used in chapter 8.
"""

from __future__ import annotations

import numpy as np

from . import _validate as check
from .kaplan import critical_batch_size as kaplan_critical_batch_size

# =============================================================================================
# DeepSeek LLM 2024: hyperparameter laws in compute
# =============================================================================================

#: η_opt = 0.3118 · C^(−0.1250). Bi et al. 2024 (DeepSeek LLM), §3.1, Eq. 1. C = M·D in FLOPs.
DEEPSEEK_LR_COEFFICIENT = 0.3118
DEEPSEEK_LR_EXPONENT = -0.1250
#: B_opt = 0.2920 · C^(0.3271) tokens. Bi et al. 2024 (DeepSeek LLM), §3.1, Eq. 1.
DEEPSEEK_BATCH_COEFFICIENT = 0.2920
DEEPSEEK_BATCH_EXPONENT = 0.3271


def deepseek_learning_rate(flops):
    """Near-optimal peak learning rate η_opt = 0.3118·C^−0.125 for a compute budget C (FLOPs, C = M·D).

    Dimensionless (AdamW peak learning rate in DeepSeek's recipe: multi-step schedule, their
    architecture and data). Used in chapter 8.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    return DEEPSEEK_LR_COEFFICIENT * c**DEEPSEEK_LR_EXPONENT


def deepseek_batch_size(flops):
    """Near-optimal batch size B_opt = 0.2920·C^0.3271, in tokens, for a compute budget C (FLOPs, C = M·D).

    Used in chapter 8.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    return DEEPSEEK_BATCH_COEFFICIENT * c**DEEPSEEK_BATCH_EXPONENT


def deepseek_flops_per_token(n_layer, d_model, seq_len):
    """DeepSeek's model scale M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq (FLOPs per token).

    Non-embedding FLOPs per token of training (forward and backward), attention included; the
    first term is 6 × the 12·n_layer·d_model² non-embedding parameters (Bi et al. 2024, §3.2,
    Eq. 2). ``n_layer`` layers, ``d_model`` width, ``seq_len`` context length (tokens).
    Used in chapter 8.
    """
    n = check.positive(n_layer, "The number of layers", "layers")
    d = check.positive(d_model, "The model width d_model", "")
    s = check.positive(seq_len, "The context length", "tokens")
    return 72.0 * n * d**2 + 12.0 * n * d * s


def attention_share(n_layer, d_model, seq_len):
    """Fraction of DeepSeek's M that the attention term 12·n_layer·d_model·l_seq contributes (0 to 1).

    Equals l_seq/(6·d_model + l_seq): large for narrow models with long contexts. Used in chapter 8.
    """
    m = deepseek_flops_per_token(n_layer, d_model, seq_len)
    return 12.0 * np.asarray(n_layer, float) * np.asarray(d_model, float) * np.asarray(seq_len, float) / m


# =============================================================================================
# The critical batch size (McCandlish et al. 2018; Kaplan et al. 2020, §5.1)
# =============================================================================================


def steps_over_minimum(batch, critical_batch):
    """S/S_min = 1 + B_crit/B: optimisation steps needed at batch B, relative to an infinite batch.

    From McCandlish et al. 2018's trade-off (S/S_min − 1)(E/E_min − 1) = 1 with E = B·S and
    B_crit = E_min/S_min (Kaplan et al. 2020, Eq. 5.4). Both batches in tokens. Used in chapter 8.
    """
    b = check.positive(batch, "The batch size B", "tokens")
    bc = check.positive(critical_batch, "The critical batch size B_crit", "tokens")
    return 1.0 + bc / b


def examples_over_minimum(batch, critical_batch):
    """E/E_min = 1 + B/B_crit: tokens (hence compute) needed at batch B, relative to a tiny batch.

    The other side of :func:`steps_over_minimum`; at B = B_crit both are 2. Batches in tokens.
    Used in chapter 8.
    """
    b = check.positive(batch, "The batch size B", "tokens")
    bc = check.positive(critical_batch, "The critical batch size B_crit", "tokens")
    return 1.0 + b / bc


def kaplan_critical_batch(loss):
    """Kaplan et al.'s critical batch B_crit(L) = B*/L^(1/α_B) in tokens, at a loss L (nats per token).

    B* = 2.1e8 tokens and α_B = 0.21 (Kaplan et al. 2020, Eq. 1.4, Table 5); fitted on their
    WebText2 models, loss measured with their tokenizer. Used in chapters 2 and 8.
    """
    return kaplan_critical_batch_size(loss)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
