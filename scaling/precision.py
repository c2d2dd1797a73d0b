"""Precision as a scaling variable: the functional forms of Kumar et al. 2024.

Kumar et al. ("Scaling Laws for Precision", arXiv:2411.04330, ICLR 2025) propose that
training with weights, activations and KV cache held in P_w, P_a and P_kv bits acts like
having fewer parameters:

    N_eff = N · (1 − e^(−P_w/γ_w)) · (1 − e^(−P_a/γ_a)) · (1 − e^(−P_kv/γ_kv)),

so that the loss is A · N_eff^(−α) + B · D^(−β) + E; and that quantizing a model to P_post
bits *after* training adds

    δ_PTQ = C_T · D^γ_D / N^γ_N · e^(−P_post/γ_post),

a damage that grows with the training tokens D (over-training makes it worse).

The paper fits γ_w, γ_a, γ_kv, C_T, γ_D, γ_N and γ_post on its own runs. This module
does **not** ship those fitted values: we could not read them in the text available to us,
so every function takes the constants as arguments, and the chapter says which values it
uses and that they are illustrations. What the forms imply *without* any fitted value
(the compute-optimal precision does not depend on the compute budget; it is a fixed
multiple of γ; post-training quantization makes more data harmful beyond a critical
token count) is computed here exactly.

Units: parameters, tokens, bits. Used in chapter 9.
"""

from __future__ import annotations

import numpy as np

from . import _validate as check

#: Bits per number in BF16 (and FP16).
BITS_BF16 = 16.0
#: Bits per number in FP8 (E4M3 or E5M2) and INT8.
BITS_FP8 = 8.0
#: Bits per number in FP4 (E2M1) and INT4.
BITS_FP4 = 4.0

# Bisection on log P: enough steps to pin the root to machine precision over any finite range.
_BISECTION_STEPS = 200


def precision_factor(bits, gamma):
    """Share of the parameters that count when trained in ``bits`` bits: 1 − e^(−P/γ).

    ``bits`` P in bits (> 0), ``gamma`` γ in bits (> 0, the fitted sensitivity of that part:
    weights, activations or KV cache). Near 1 when P ≫ γ, about P/γ when P ≪ γ.
    Dimensionless, in (0, 1]. Used in chapter 9.
    """
    p = check.positive(bits, "The precision P", "bits")
    g = check.positive(gamma, "The sensitivity γ", "bits")
    return -np.expm1(-p / g)


def effective_params(n_params, bits_weights, bits_activations, bits_kv, gamma_weights, gamma_activations, gamma_kv):
    """Effective parameter count of a model trained in low precision (Kumar et al. 2024, Eq. for N_eff).

    N_eff = N · Π (1 − e^(−P_x/γ_x)) over weights, activations and KV cache. ``n_params`` N in
    parameters; the three ``bits_*`` in bits; the three ``gamma_*`` in bits (the paper's fitted
    sensitivities, passed in: this module ships none). Result in parameters. Used in chapter 9.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    return (
        n
        * precision_factor(bits_weights, gamma_weights)
        * precision_factor(bits_activations, gamma_activations)
        * precision_factor(bits_kv, gamma_kv)
    )


def _optimality_gap(bits, gammas):
    # d/dP log(N_eff / P) times P: Σ x e^(−x) / (1 − e^(−x)) − 1 with x = P/γ; decreasing from 2 to −1.
    total = 0.0
    for g in gammas:
        x = bits / g
        total += x * np.exp(-x) / -np.expm1(-x)
    return total - 1.0


def compute_optimal_precision(gamma_weights, gamma_activations, gamma_kv):
    """Training precision (bits, all three parts alike) that gives the lowest loss for a compute budget.

    If the cost of training is proportional to N · D · P (a chip that does twice the
    operations at half the bits), a budget fixes the product N · P for any split with D, and
    the loss depends on N only through N_eff = N · f(P). The best P maximises f(P) / P,
    whatever the budget and whatever A, B, α, β: Kumar et al.'s observation that the
    compute-optimal precision does not depend on compute, derived from the form alone.
    With three equal γ the answer is P* = 1.904 γ (the root of 3u = e^u − 1).
    ``gamma_*`` in bits (> 0, scalars). Result in bits. Used in chapter 9.
    """
    gammas = [
        float(check.positive(gamma_weights, "The weight sensitivity γ_w", "bits")),
        float(check.positive(gamma_activations, "The activation sensitivity γ_a", "bits")),
        float(check.positive(gamma_kv, "The KV-cache sensitivity γ_kv", "bits")),
    ]
    low, high = np.log(min(gammas)) - 5.0, np.log(max(gammas)) + 5.0
    for _ in range(_BISECTION_STEPS):
        middle = 0.5 * (low + high)
        if _optimality_gap(np.exp(middle), gammas) > 0:
            low = middle
        else:
            high = middle
    return float(np.exp(0.5 * (low + high)))


def ptq_degradation(n_params, n_tokens, post_bits, c_t, gamma_d, gamma_n, gamma_post):
    """Loss added by quantizing a trained model to ``post_bits`` bits (Kumar et al. 2024's δ_PTQ form).

    δ = C_T · D^γ_D / N^γ_N · e^(−P_post/γ_post). ``n_params`` N in parameters, ``n_tokens`` D
    in training tokens, ``post_bits`` in bits; the four constants as fitted by the paper
    (passed in: this module ships none). Grows with D at fixed N: over-training makes
    quantization costlier. Result in nats per token. Used in chapter 9.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    p = check.positive(post_bits, "The post-training precision P_post", "bits")
    c = check.positive(c_t, "The coefficient C_T", "nats per token")
    gd = check.positive(gamma_d, "The token exponent γ_D")
    gn = check.positive(gamma_n, "The parameter exponent γ_N")
    gp = check.positive(gamma_post, "The precision scale γ_post", "bits")
    return np.exp(np.log(c) + gd * np.log(d) - gn * np.log(n) - p / gp)


def critical_tokens(n_params, post_bits, b, beta, c_t, gamma_d, gamma_n, gamma_post):
    """Training tokens beyond which more data *raises* the loss of the quantized model.

    At fixed N the loss after quantization is … + B · D^(−β) + δ_PTQ(D): the first term falls
    with D, the second rises, and the sum is lowest where β · B · D^(−β) = γ_D · δ_PTQ(D),
    D* = (β B N^γ_N e^(P_post/γ_post) / (γ_D C_T))^(1/(β + γ_D)). ``b`` B and ``beta`` β are the
    data term of a Chinchilla-type law; the rest as in ``ptq_degradation``. Result in tokens.
    Used in chapter 9.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    p = check.positive(post_bits, "The post-training precision P_post", "bits")
    bb = check.positive(b, "The data coefficient B", "nats per token")
    be = check.positive(beta, "The data exponent β")
    c = check.positive(c_t, "The coefficient C_T", "nats per token")
    gd = check.positive(gamma_d, "The token exponent γ_D")
    gn = check.positive(gamma_n, "The parameter exponent γ_N")
    gp = check.positive(gamma_post, "The precision scale γ_post", "bits")
    log_d = (np.log(be * bb / (gd * c)) + gn * np.log(n) + p / gp) / (be + gd)
    return np.exp(log_d)


# Every public function refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
