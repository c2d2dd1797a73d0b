"""Kaplan et al. 2020, "Scaling Laws for Neural Language Models": the laws and the allocation.

Conventions (they differ from Hoffmann et al. 2022; label them in the text):

* ``N`` is the number of **non-embedding** parameters (vocabulary and positional
  embeddings excluded), N ≈ 12·n_layer·d_model² (Kaplan §1.3, Eq. 2.1);
* ``D`` is a number of training tokens (WebText2, byte-pair encoded);
* compute is in **PF-days** (1 PF-day = 8.64e19 FLOPs, ``scaling.compute.PF_DAY``), counted as
  6·N·(tokens) with non-embedding N;
* ``C_min`` is the *minimum* compute that reaches a given loss, i.e. training with a batch far
  below the critical batch size (Kaplan §5.1). Training at the critical batch size B_crit takes
  twice the minimum number of steps S_min and processes twice the minimum number of tokens, so
  the compute actually spent there is C ≈ 2·C_min (Kaplan Eq. 5.4: (S/S_min − 1)(E/E_min − 1) = 1
  at B = B_crit gives S = 2·S_min and E = 2·E_min).

Used in chapter 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from . import _validate as check
from .compute import PF_DAY, flops_to_pf_days, training_flops

# --- Single-variable laws (Kaplan et al. 2020, Eqs. 1.1-1.3 and App. A, Table 5) ---------------

#: Exponent of L(N) = (N_c / N)^α_N, N non-embedding. Kaplan et al. 2020, Eq. 1.1; Table 5.
ALPHA_N = 0.076
#: Scale of L(N), in non-embedding parameters. Kaplan et al. 2020, Eq. 1.1; Table 5.
N_C = 8.8e13

#: Exponent of L(D) = (D_c / D)^α_D. Kaplan et al. 2020, Eq. 1.2; Table 5.
ALPHA_D = 0.095
#: Scale of L(D), in tokens. Kaplan et al. 2020, Eq. 1.2; Table 5.
D_C = 5.4e13

#: Exponent of L(C_min) = (C_c^min / C_min)^α_C^min. Kaplan et al. 2020, Eq. 1.3; Table 5.
ALPHA_C_MIN = 0.050
#: Scale of L(C_min), in PF-days. Kaplan et al. 2020, Eq. 1.3; Table 5 (the Fig. 1 label
#: prints 2.3e8: an inconsistency inside the paper; Table 5 is used here).
C_C_MIN = 3.1e8

#: Exponent of the "naive" fixed-batch-size compute law L(C). Kaplan et al. 2020, Eq. 3.3; Table 5.
ALPHA_C = 0.057
#: Scale of the naive L(C), in PF-days. Kaplan et al. 2020, Eq. 3.3; Table 5.
C_C = 1.6e7

#: Critical batch size B_crit(L) = B_* / L^(1/α_B): scale in tokens. Kaplan et al. 2020, Eq. 1.4; Table 5.
B_STAR = 2.1e8
#: Exponent of the critical batch size. Kaplan et al. 2020, Eq. 1.4; Table 5.
ALPHA_B = 0.21
#: Scale of L(N, S_min) in steps. Kaplan et al. 2020, Eq. 1.6; Table 5.
S_C = 2.1e3
#: Exponent of the steps term. Kaplan et al. 2020, Eq. 1.6; Table 5.
ALPHA_S = 0.76

# --- Compute-efficient allocation (Kaplan et al. 2020, Eqs. 1.7-1.8, 6.1-6.2; Table 6) ----------
# Each is  value = coefficient · C_min^exponent  with C_min in PF-days.

#: N_opt = 1.3e9 · C_min^0.73 non-embedding parameters. Kaplan et al. 2020, Eq. 1.7; Table 6.
N_OPT_COEFFICIENT = 1.3e9
N_OPT_EXPONENT = 0.73
#: B_crit = 2.0e6 tokens · C_min^0.24. Kaplan et al. 2020, Eq. 1.8; Table 6.
BATCH_COEFFICIENT = 2.0e6
BATCH_EXPONENT = 0.24
#: S_min = 5.4e3 · C_min^0.03 steps. Kaplan et al. 2020, Eq. 1.8; Table 6.
S_MIN_COEFFICIENT = 5.4e3
S_MIN_EXPONENT = 0.03
#: D_opt = 2e10 tokens · C_min^0.27 (tokens processed when training at B_crit, i.e. 2·B_crit·S_min).
#: Kaplan et al. 2020, Table 6; Fig. 14.
D_OPT_COEFFICIENT = 2e10
D_OPT_EXPONENT = 0.27

#: Compute actually spent when training at the critical batch size, as a multiple of C_min
#: (Kaplan et al. 2020, Eq. 5.4 at B = B_crit: S = 2·S_min, E = 2·E_min).
ACTUAL_OVER_MIN_COMPUTE = 2.0

_COMPUTE_READINGS = ("minimum", "actual")


@dataclass(frozen=True)
class KaplanJointLaw:
    """L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, N non-embedding parameters, D tokens."""

    alpha_N: float
    alpha_D: float
    N_c: float
    D_c: float

    def __post_init__(self):
        check.positive(self.alpha_N, "The exponent alpha_N")
        check.positive(self.alpha_D, "The exponent alpha_D")
        check.positive(self.N_c, "The scale N_c", "non-embedding parameters")
        check.positive(self.D_c, "The scale D_c", "tokens")

    def loss(self, n_params, n_tokens):
        """Test loss (nats per token) of a model of ``n_params`` non-embedding parameters trained on ``n_tokens``.

        Kaplan et al. 2020, Eq. 1.5 (Eq. 4.1). Used in chapter 2.
        """
        n = check.positive(n_params, "The number of non-embedding parameters N", "parameters")
        d = check.positive(n_tokens, "The number of training tokens D", "tokens")
        return ((self.N_c / n) ** (self.alpha_N / self.alpha_D) + self.D_c / d) ** self.alpha_D


#: Joint fit of Eq. 1.5: α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13. Kaplan et al. 2020, Table 2.
JOINT_FIT = KaplanJointLaw(alpha_N=0.076, alpha_D=0.103, N_c=6.4e13, D_c=1.8e13)


@dataclass(frozen=True)
class KaplanAllocation:
    """Kaplan's compute-efficient training plan for one budget (Table 6).

    Fields (floats, or arrays when the budget was an array):

    * ``N``: non-embedding parameters;
    * ``D``: training tokens processed at the critical batch size (2e10·C_min^0.27);
    * ``batch_tokens``: the critical batch size B_crit, in tokens;
    * ``steps``: optimisation steps at B_crit, 2·S_min;
    * ``min_steps``: S_min, the steps needed with an arbitrarily large batch;
    * ``c_min_flops``, ``c_min_pf_days``: the minimum compute C_min the plan is for;
    * ``flops_spent``: 6·N·D, the compute this plan actually uses (≈ 2·C_min; 1.8·C_min with
      the rounded coefficients of Table 6).
    """

    N: object
    D: object
    batch_tokens: object
    steps: object
    min_steps: object
    c_min_flops: object
    c_min_pf_days: object
    flops_spent: object

    @property
    def tokens_per_param(self):
        """D / N, training tokens per non-embedding parameter."""
        return self.D / self.N


def loss_from_params(n_params):
    """Test loss L(N) = (N_c/N)^α_N of a model trained to convergence on ample data, in nats per token.

    ``n_params``: **non-embedding** parameters (Kaplan et al. 2020, Eq. 1.1). Used in chapter 2.
    """
    n = check.positive(n_params, "The number of non-embedding parameters N", "parameters")
    return (N_C / n) ** ALPHA_N


def loss_from_tokens(n_tokens):
    """Test loss L(D) = (D_c/D)^α_D of a large model trained with early stopping on ``n_tokens`` tokens.

    Result in nats per token (Kaplan et al. 2020, Eq. 1.2). Used in chapter 2.
    """
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    return (D_C / d) ** ALPHA_D


def loss_from_compute(c_min_pf_days):
    """Test loss L(C_min) = (C_c^min/C_min)^α_C^min on the compute-efficient frontier, in nats per token.

    ``c_min_pf_days``: minimum compute C_min in PF-days (Kaplan et al. 2020, Eq. 1.3).
    Used in chapter 2.
    """
    c = check.positive(c_min_pf_days, "The minimum compute C_min", "PF-days")
    return (C_C_MIN / c) ** ALPHA_C_MIN


def loss_from_compute_fixed_batch(c_pf_days):
    """The "naive" law L(C) = (C_c/C)^α_C for a fixed batch size, in nats per token.

    ``c_pf_days``: compute in PF-days (Kaplan et al. 2020, Eq. 3.3). Used in chapter 2.
    """
    c = check.positive(c_pf_days, "The compute C", "PF-days")
    return (C_C / c) ** ALPHA_C


def joint_loss(n_params, n_tokens, law: KaplanJointLaw = JOINT_FIT):
    """Test loss L(N, D) of Eq. 1.5 (Table 2 parameters by default), in nats per token.

    ``n_params``: **non-embedding** parameters; ``n_tokens``: training tokens.
    Used in chapter 2.
    """
    if not isinstance(law, KaplanJointLaw):
        raise ValueError(f"law must be a KaplanJointLaw (for example kaplan.JOINT_FIT), got {check.shown(law)}.")
    return law.loss(n_params, n_tokens)


def critical_batch_size(loss):
    """Critical batch size B_crit(L) = B_* / L^(1/α_B), in tokens, at a test loss ``loss`` (nats per token).

    Kaplan et al. 2020, Eq. 1.4. Used in chapter 2.
    """
    L = check.positive(loss, "The loss L", "nats per token")
    return B_STAR / L ** (1.0 / ALPHA_B)


def predicted_alpha_c_min():
    """The exponent α_C^min = 1/(1/α_S + 1/α_B + 1/α_N) implied by the other fits (≈0.052).

    Kaplan et al. 2020, Eq. 6.4 and App. B.7 (§6.2 quotes ≈0.054, App. B.7 ≈0.052; the
    Table 5 constants give 0.052). Compare with the fitted ALPHA_C_MIN = 0.050. Used in chapter 2.
    """
    return 1.0 / (1.0 / ALPHA_S + 1.0 / ALPHA_B + 1.0 / ALPHA_N)


def frontier_exponent_from_training_laws():
    """The exponent a_N of N_opt ∝ C_min^a_N that the training laws imply: α_C^min / α_N ≈ 0.684.

    Derivation (Kaplan et al. 2020, §6 and App. B): along the compute-efficient frontier the two
    terms of L(N, S_min) = (N_c/N)^α_N + (S_c/S_min)^α_S (Eq. 1.6) shrink together, so L ∝ N^(−α_N),
    S_min ∝ L^(−1/α_S) and the critical batch B_crit ∝ L^(−1/α_B) (Eq. 1.4). The minimum compute
    C_min = 6·N·B_crit·S_min therefore grows as N^(1 + α_N/α_B + α_N/α_S), and inverting gives
    a_N = 1/(1 + α_N/α_B + α_N/α_S) = α_C^min/α_N. With Table 5's exponents:
    1/(1 + 0.076/0.21 + 0.076/0.76) = 1/1.46190 = 0.684, against the 0.73 fitted directly
    (Table 6). Dimensionless. Used in chapter 2.
    """
    return predicted_alpha_c_min() / ALPHA_N


def _loss_at_minimum_compute(n, c_min):
    """Solve L = (N_c/N)^α_N + K·L^(−α_S/α_B), K = (6·N·B_*·S_c/C_min)^α_S, for one (N, C_min)."""
    model_term = (N_C / n) ** ALPHA_N
    k = (6.0 * n * B_STAR * S_C / c_min) ** ALPHA_S
    r = ALPHA_S / ALPHA_B
    # g(L) = L − model_term − k·L^(−r) increases with L; it is negative at L = model_term and
    # positive at L = model_term + k·model_term^(−r), so the root lies between.
    return optimize.brentq(
        lambda L: L - model_term - k * L**-r, model_term, model_term + k * model_term**-r, xtol=1e-14, rtol=1e-13
    )


def loss_at_minimum_compute(n_params, c_min_flops):
    """Loss L(N, S_min) (Eq. 1.6) of N non-embedding parameters trained with C_min FLOPs at small batch.

    The steps are S_min = C_min / (6·N·B_crit(L)) with B_crit(L) = B_*/L^(1/α_B) (Eq. 1.4): the
    batch a run needs depends on the loss it reaches, so L solves
    L = (N_c/N)^α_N + (S_c/S_min)^α_S. ``n_params`` in non-embedding parameters, ``c_min_flops`` in
    FLOPs; result in nats per token. Scalars or arrays. Used in chapter 2.
    """
    n = check.positive(n_params, "The number of non-embedding parameters N", "parameters")
    c = check.positive(c_min_flops, "The minimum compute C_min", "FLOPs")
    loss = np.vectorize(_loss_at_minimum_compute, otypes=[float])(n, c)
    return float(loss) if np.ndim(loss) == 0 else loss


def _optimal_params_from_training_laws(c_min):
    result = optimize.minimize_scalar(
        lambda log_n: _loss_at_minimum_compute(np.exp(log_n), c_min),
        bounds=(0.0, np.log(1e16)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(np.exp(result.x))


#: The most budgets :func:`optimal_params_from_training_laws` takes in one call (one root-finding per
#: budget, about 1 ms each: 20,000 take about 20 s).
MAX_BUDGETS = 20_000


def optimal_params_from_training_laws(c_min_flops):
    """The N that minimises L(N, S_min) at a fixed minimum compute C_min: Kaplan's frontier, derived.

    Numerical minimisation of :func:`loss_at_minimum_compute` over N. Its slope against C_min is
    :func:`frontier_exponent_from_training_laws` (0.684), close to Table 6's fitted 0.73.
    ``c_min_flops`` in FLOPs; result in non-embedding parameters. Scalars or arrays.
    Used in chapter 2.
    """
    c = check.positive(c_min_flops, "The minimum compute C_min", "FLOPs")
    if np.size(c) > MAX_BUDGETS:
        raise ValueError(
            f"{np.size(c):,} budgets is more than this function solves at once ({MAX_BUDGETS:,}; one root-finding "
            "each): pass fewer budgets, or call it in batches."
        )
    n = np.vectorize(_optimal_params_from_training_laws, otypes=[float])(c)
    return float(n) if np.ndim(n) == 0 else n


def joint_law_frontier_exponent(law: KaplanJointLaw = JOINT_FIT):
    """Exponent a_N = α_D/(α_N + α_D) of the N that minimises the joint law L(N, D) at fixed C = 6ND.

    With Table 2's fit: 0.103/0.179 = 0.575, well below the 0.73 of Table 6 (see
    :func:`joint_law_optimal_params`). Dimensionless. Used in chapter 2.
    """
    if not isinstance(law, KaplanJointLaw):
        raise ValueError(f"law must be a KaplanJointLaw (for example kaplan.JOINT_FIT), got {check.shown(law)}.")
    return law.alpha_D / (law.alpha_N + law.alpha_D)


def joint_law_optimal_params(flops, law: KaplanJointLaw = JOINT_FIT):
    """The N that minimises Kaplan's joint law L(N, D) (Eq. 1.5) when D = C/(6N): N ∝ C^0.575.

    With p = α_N/α_D, L^(1/α_D) = (N_c/N)^p + 6·D_c·N/C, whose minimum over N is at
    N = (p·N_c^p·C / (6·D_c))^(1/(1+p)). This is the question Hoffmann et al. ask of their own law
    (chapter 3). It is not how Kaplan et al. derived their allocation: the joint law describes
    runs trained to early stopping on D tokens, while the allocation comes from the training
    curves (:func:`optimal_params_from_training_laws`). ``flops`` in FLOPs; result in
    non-embedding parameters. Used in chapter 2.
    """
    exponent = joint_law_frontier_exponent(law)
    c = check.positive(flops, "The compute budget C", "FLOPs")
    p = law.alpha_N / law.alpha_D
    return (p * law.N_c**p * c / (6.0 * law.D_c)) ** exponent


def _c_min_flops(flops, compute: str):
    c = check.positive(flops, "The compute budget C", "FLOPs")
    if compute not in _COMPUTE_READINGS:
        raise ValueError(
            f"compute must be 'minimum' (the budget is C_min) or 'actual' (the budget is the compute "
            f"actually spent at the critical batch size, about 2·C_min), got {check.shown(compute)}."
        )
    return c if compute == "minimum" else c / ACTUAL_OVER_MIN_COMPUTE


def optimal_allocation(flops, compute: str = "minimum") -> KaplanAllocation:
    """Kaplan's compute-efficient model size, data, batch and steps for a budget of ``flops`` FLOPs.

    ``compute`` says how to read the budget:

    * ``"minimum"`` (default): ``flops`` is C_min, Kaplan's minimum compute (Table 6 as printed).
      At C_min = 1 PF-day this gives N = 1.3e9 non-embedding parameters.
    * ``"actual"``: ``flops`` is the compute actually spent when training at the critical batch
      size, which is 2·C_min (module docstring). This is the reading that reproduces Hoffmann et
      al. 2022, App. D.4: at 1e21 FLOPs Kaplan "predicts" 4.68e9 parameters
      (1.3e9 · (0.5e21 / 8.64e19)^0.73 = 4.68e9), whereas reading 1e21 as C_min gives 7.8e9.

    N is in **non-embedding** parameters, D and the batch in tokens. Scalars or arrays.
    Used in chapter 2.
    """
    c_min = _c_min_flops(flops, compute)
    c = flops_to_pf_days(c_min)
    n = N_OPT_COEFFICIENT * c**N_OPT_EXPONENT
    d = D_OPT_COEFFICIENT * c**D_OPT_EXPONENT
    s_min = S_MIN_COEFFICIENT * c**S_MIN_EXPONENT
    return KaplanAllocation(
        N=n,
        D=d,
        batch_tokens=BATCH_COEFFICIENT * c**BATCH_EXPONENT,
        steps=ACTUAL_OVER_MIN_COMPUTE * s_min,
        min_steps=s_min,
        c_min_flops=c_min,
        c_min_pf_days=c,
        flops_spent=training_flops(n, d),
    )


def tokens_per_param(flops, compute: str = "minimum"):
    """Kaplan's compute-efficient tokens per non-embedding parameter, D/N = 15.4·C_min^(−0.46).

    ``flops`` in FLOPs, read as in :func:`optimal_allocation`. Used in chapter 2.
    """
    c = flops_to_pf_days(_c_min_flops(flops, compute))
    return (D_OPT_COEFFICIENT / N_OPT_COEFFICIENT) * c ** (D_OPT_EXPONENT - N_OPT_EXPONENT)


# --- Vocabulary, embeddings and the output layer (Kaplan et al. 2020, §2, Table 1) ------------------

#: Byte-pair-encoding vocabulary of Kaplan's WebText2 models: 50,257 tokens. Kaplan et al. 2020, §2 (WebText2).
VOCAB_SIZE = 50_257
#: Context length of Kaplan's models, n_ctx = 1,024 tokens. Kaplan et al. 2020, §2.
CONTEXT_LENGTH = 1024
#: Smallest and largest model trained, in non-embedding parameters: 768 to 1.5e9. Kaplan et al. 2020, §2.
MODEL_SIZE_RANGE = (768.0, 1.5e9)


def embedding_params(d_model, vocab_size=VOCAB_SIZE, n_ctx=CONTEXT_LENGTH):
    """Embedding parameters (n_vocab + n_ctx)·d_model that Kaplan's N leaves out (Kaplan et al. 2020, Table 1).

    ``d_model``: model width; ``vocab_size``: tokens in the vocabulary; ``n_ctx``: context length
    (learned positional embeddings). Result in parameters. Used in chapter 2.
    """
    width = check.positive(d_model, "The model width d_model")
    vocab = check.positive(vocab_size, "The vocabulary size")
    ctx = check.nonnegative(n_ctx, "The context length n_ctx", "tokens")
    return (vocab + ctx) * width


def output_layer_compute_share(n_params, d_model, vocab_size=VOCAB_SIZE):
    """Training compute of the output (de-embedding) layer as a fraction of Kaplan's 6·N count: d_model·V / N.

    The output layer costs 2·d_model·V FLOPs per token forward (Kaplan et al. 2020, Table 1,
    "De-embed"), 6·d_model·V with the backward pass, but C = 6·N·D counts only the
    **non-embedding** parameters N. Porian et al. 2024 name this "last layer computational cost"
    as one cause of the Kaplan-Chinchilla discrepancy. ``n_params`` in non-embedding parameters;
    dimensionless result. Used in chapter 2.
    """
    n = check.positive(n_params, "The number of non-embedding parameters N", "parameters")
    width = check.positive(d_model, "The model width d_model")
    vocab = check.positive(vocab_size, "The vocabulary size")
    return width * vocab / n


__all__ = [
    "ALPHA_N",
    "N_C",
    "ALPHA_D",
    "D_C",
    "ALPHA_C_MIN",
    "C_C_MIN",
    "ALPHA_C",
    "C_C",
    "B_STAR",
    "ALPHA_B",
    "S_C",
    "ALPHA_S",
    "N_OPT_COEFFICIENT",
    "N_OPT_EXPONENT",
    "BATCH_COEFFICIENT",
    "BATCH_EXPONENT",
    "S_MIN_COEFFICIENT",
    "S_MIN_EXPONENT",
    "D_OPT_COEFFICIENT",
    "D_OPT_EXPONENT",
    "ACTUAL_OVER_MIN_COMPUTE",
    "PF_DAY",
    "KaplanJointLaw",
    "JOINT_FIT",
    "KaplanAllocation",
    "loss_from_params",
    "loss_from_tokens",
    "loss_from_compute",
    "loss_from_compute_fixed_batch",
    "joint_loss",
    "critical_batch_size",
    "predicted_alpha_c_min",
    "optimal_allocation",
    "frontier_exponent_from_training_laws",
    "loss_at_minimum_compute",
    "optimal_params_from_training_laws",
    "joint_law_frontier_exponent",
    "joint_law_optimal_params",
    "tokens_per_param",
    "VOCAB_SIZE",
    "CONTEXT_LENGTH",
    "MODEL_SIZE_RANGE",
    "embedding_params",
    "output_layer_compute_share",
]


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
