"""Precision as a scaling variable: the functional forms of Kumar et al. 2024.

Kumar et al. ("Scaling Laws for Precision", arXiv:2411.04330, ICLR 2025) propose that
training with weights, activations and KV cache held in P_w, P_a and P_kv bits acts like
having fewer parameters:

    N_eff = N · (1 − e^(−P_w/γ_w)) · (1 − e^(−P_a/γ_a)) · (1 − e^(−P_kv/γ_kv)),

so that the loss is A · N_eff^(−α) + B · D^(−β) + E; and that quantizing a model to P_post
bits *after* training adds

    δ_PTQ = C_T · D^γ_D / N^γ_N · e^(−P_post/γ_post),

a damage that grows with the training tokens D (over-training makes it worse).

The paper fits its constants on 465 runs of 30M to 220M parameters trained in integer
precision (Appendix K, Table 2), and warns that they "are unlikely to be useful" beyond its
setup: the trends are the finding. Its fits also carry an offset n per part that the main text
leaves out ("a fit of the form e^(x/γ_x) in the main text is really computed with offset
e^(x/γ_x + n)"), so a factor is really 1 − e^(−P/γ + n). With those offsets the compute-optimal
precision computed here is 7.0 bits, the paper's "around 7-8 bits" (§4.3.2); without them it
would be 3.5. Checked (secondary): Appendix K read in a verbatim text copy of the paper (PDF
converted to markdown) found through the code index; two labels of that table were lost in the
conversion (a "γ" of 0.5907 and a "b" of 1.1277, probably γ_post and an offset), so γ_post is
not shipped.

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

#: Kumar et al. 2024, Appendix K, Table 2: loss-law constants (α and β tied, as they fit them).
KUMAR_A, KUMAR_ALPHA, KUMAR_B, KUMAR_E = 4.299e3, 0.4965, 1.806e4, 2.7648
#: Sensitivity γ (bits) and offset n of weights, activations ("i" in the table) and KV cache.
KUMAR_WEIGHTS = (2.6745, 0.3037)
KUMAR_ACTIVATIONS = (2.2102, 1.4072)
KUMAR_KV = (0.9578, 2.4185)
#: Post-training quantization: C_T, γ_D, γ_N (Table 2; γ_post's label was lost, see the module note).
KUMAR_C_T, KUMAR_GAMMA_D, KUMAR_GAMMA_N = 0.0598, 0.5068, 0.3439

# Bisection on log P: enough steps to pin the root to machine precision over any finite range.
_BISECTION_STEPS = 200


def precision_factor(bits, gamma, offset=0.0):
    """Share of the parameters that count when trained in ``bits`` bits: 1 − e^(−P/γ + n).

    ``bits`` P in bits (> 0), ``gamma`` γ in bits (> 0, the fitted sensitivity of that part:
    weights, activations or KV cache), ``offset`` n ≥ 0 (0 in the paper's main text; its fits
    carry one, see ``KUMAR_WEIGHTS``). Near 1 when P ≫ γ, about P/γ when P ≪ γ and n = 0.
    Refuses P ≤ n γ, where the form stops describing anything. Dimensionless, in (0, 1].
    Used in chapter 9.
    """
    p = check.positive(bits, "The precision P", "bits")
    g = check.positive(gamma, "The sensitivity γ", "bits")
    n = check.nonnegative(offset, "The offset n")
    x = p / g - n
    bad = np.asarray(x) <= 0
    if np.any(bad):
        raise ValueError(f"The precision P must exceed n·γ (the fit's lower end), got {check._describe(p, bad)} bits.")
    return -np.expm1(-x)


def effective_params(
    n_params,
    bits_weights,
    bits_activations,
    bits_kv,
    gamma_weights,
    gamma_activations,
    gamma_kv,
    offsets=(0.0, 0.0, 0.0),
):
    """Effective parameter count of a model trained in low precision (Kumar et al. 2024, Eq. 4).

    N_eff = N · Π (1 − e^(−P_x/γ_x + n_x)) over weights, activations and KV cache. ``n_params`` N
    in parameters; the three ``bits_*`` in bits; the three ``gamma_*`` in bits; ``offsets`` the
    three n_x (zero, as in the paper's text, unless given; ``KUMAR_*`` hold the fitted pairs).
    Result in parameters. Used in chapter 9.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    n_w, n_a, n_kv = _three_offsets(offsets)
    return (
        n
        * precision_factor(bits_weights, gamma_weights, n_w)
        * precision_factor(bits_activations, gamma_activations, n_a)
        * precision_factor(bits_kv, gamma_kv, n_kv)
    )


def _three_offsets(offsets):
    if np.ndim(offsets) != 1 or len(offsets) != 3:
        raise ValueError("The offsets must be three numbers: weights, activations, KV cache.")
    return tuple(float(check.nonnegative(o, "The offset n")) for o in offsets)


def _optimality_gap(bits, gammas, offsets):
    # P · d/dP log(N_eff / P) = Σ (P/γ) e^(−x) / (1 − e^(−x)) − 1 with x = P/γ − n > 0:
    # decreasing in P, from +∞ (or 2 when every n is 0) to −1, so it has one root.
    total = 0.0
    for g, n in zip(gammas, offsets, strict=True):
        x = bits / g - n
        total += (bits / g) * np.exp(-x) / -np.expm1(-x)
    return total - 1.0


def compute_optimal_precision(gamma_weights, gamma_activations, gamma_kv, offsets=(0.0, 0.0, 0.0)):
    """Training precision (bits, all three parts alike) that gives the lowest loss for a compute budget.

    If the cost of training is proportional to N · D · P (a chip that does twice the
    operations at half the bits), a budget fixes the product N · P for any split with D, and
    the loss depends on N only through N_eff = N · f(P). The best P maximises f(P) / P,
    whatever the budget and whatever A, B, α, β: Kumar et al.'s observation that the
    compute-optimal precision does not depend on compute, derived from the form alone.
    The condition is P · f'(P) = f(P): α cancels. With three equal γ and no offsets the answer
    is P* = 1.904 γ (the root of 3u = e^u − 1); with Kumar et al.'s fitted γ and offsets
    (``KUMAR_WEIGHTS`` ...) it is 7.0 bits, their "around 7-8 bits". ``gamma_*`` in bits (> 0,
    scalars), ``offsets`` the three n ≥ 0. Result in bits. Used in chapter 9.
    """
    gammas = [
        float(check.positive(gamma_weights, "The weight sensitivity γ_w", "bits")),
        float(check.positive(gamma_activations, "The activation sensitivity γ_a", "bits")),
        float(check.positive(gamma_kv, "The KV-cache sensitivity γ_kv", "bits")),
    ]
    shifts = _three_offsets(offsets)
    # The root lies above the largest n·γ (where a factor vanishes) and below it + 40 γ_max
    # (where every term is below e^-40): bisect on that interval.
    low = max(g * n for g, n in zip(gammas, shifts, strict=True))
    high = low + 40.0 * max(gammas)
    for _ in range(_BISECTION_STEPS):
        middle = 0.5 * (low + high)
        if _optimality_gap(middle, gammas, shifts) > 0:
            low = middle
        else:
            high = middle
    return float(0.5 * (low + high))


def ptq_degradation(n_params, n_tokens, post_bits, c_t, gamma_d, gamma_n, gamma_post):
    """Loss added by quantizing a trained model to ``post_bits`` bits (Kumar et al. 2024's δ_PTQ form).

    δ = C_T · D^γ_D / N^γ_N · e^(−P_post/γ_post). ``n_params`` N in parameters, ``n_tokens`` D
    in training tokens, ``post_bits`` in bits; the four constants as fitted by the paper
    (``KUMAR_C_T``, ``KUMAR_GAMMA_D``, ``KUMAR_GAMMA_N``; γ_post must be passed in). Grows with D at fixed N: over-training makes
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
