"""Kaplan's frontier from Chinchilla's law: what counting non-embedding parameters does at small scale.

Pearce & Song 2024 ("Reconciling Kaplan and Chinchilla Scaling Laws", arXiv 2406.12907) attribute
most of the gap between Kaplan's N_opt ∝ C^0.73 and Chinchilla's C^0.5 to Kaplan counting
**non-embedding** parameters (and non-embedding compute), combined with a study of small models.
This module repeats their thought experiment with the package's own laws:

* the world follows a Chinchilla law in **total** parameters N_T (Hoffmann et al. 2022, Eq. 2);
* a model of N non-embedding parameters has N_T = N + V·d_model total, with the width from a fixed
  aspect ratio: N = 12·n_layer·d_model² and d_model = r·n_layer give d_model = (r·N/12)^(1/3);
* an experimenter who, like Kaplan et al., counts C = 6·N·D with non-embedding N picks, for each
  budget, the N with the lowest loss, and fits N_opt ∝ C^a_N over Kaplan's range of sizes.

The result is an exponent near Kaplan's, although the world's own exponent is β/(α+β) ≈ 0.5.
Used in chapter 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from . import _validate as check
from .chinchilla import BESIROGLU_2024, CHINCHILLA_VOCAB_SIZE, ChinchillaLaw, compute_optimal
from .compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from .kaplan import MODEL_SIZE_RANGE

#: Width over depth, d_model / n_layer, of the model family: 39.2. Pearce & Song 2024 fit
#: N_T = N + 47,491·N^(1/3) to Chinchilla's model configurations (Hoffmann et al. 2022, Table A9)
#: with a 32,000-token vocabulary; (39.2/12)^(1/3) × 32,000 = 47,481 reproduces that coefficient.
PEARCE_SONG_ASPECT_RATIO = 39.2

_COUNTS = ("non-embedding", "total")


def total_params(n_non_embedding, vocab_size=CHINCHILLA_VOCAB_SIZE, aspect_ratio=PEARCE_SONG_ASPECT_RATIO):
    """Total parameters N_T = N + V·d_model of a model with N non-embedding parameters.

    d_model = (aspect_ratio·N/12)^(1/3) follows from N = 12·n_layer·d_model² (Kaplan et al. 2020,
    Eq. 2.1) at a fixed aspect ratio d_model/n_layer. One embedding matrix of V·d_model (input and
    output shared), as in Pearce & Song 2024. ``n_non_embedding`` in parameters; result in parameters.
    Used in chapter 2.
    """
    n = check.positive(n_non_embedding, "The number of non-embedding parameters N", "parameters")
    vocab = check.positive(vocab_size, "The vocabulary size V", "tokens")
    ratio = check.positive(aspect_ratio, "The aspect ratio d_model / n_layer")
    return n + vocab * (ratio * n / 12.0) ** (1.0 / 3.0)


def _best_non_embedding(c, law, vocab_size, aspect_ratio):
    def loss(log_n):
        n = np.exp(log_n)
        return law.loss(total_params(n, vocab_size, aspect_ratio), c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n))

    upper = np.log(c / TRAINING_FLOPS_PER_PARAM_TOKEN)  # at least one token per parameter
    result = optimize.minimize_scalar(loss, bounds=(0.0, upper), method="bounded", options={"xatol": 1e-10})
    return float(np.exp(result.x))


#: The most budgets :func:`optimal_non_embedding_params` takes in one call: it solves one small
#: minimisation per budget (about 0.9 s per 1,000 on a laptop CPU), so 20,000 take under 20 s.
MAX_BUDGETS = 20_000


def optimal_non_embedding_params(
    flops_non_embedding,
    law: ChinchillaLaw = BESIROGLU_2024,
    vocab_size=CHINCHILLA_VOCAB_SIZE,
    aspect_ratio=PEARCE_SONG_ASPECT_RATIO,
):
    """The non-embedding N with the lowest loss when the budget is counted as C = 6·N·D with that N.

    The loss is ``law`` (total parameters, Hoffmann et al. 2022, Eq. 2) at N_T = :func:`total_params`
    and D = C/(6N). ``flops_non_embedding`` in FLOPs (non-embedding compute, Kaplan's convention);
    result in non-embedding parameters. Scalars or arrays of at most :data:`MAX_BUDGETS` budgets.
    Used in chapter 2.
    """
    if not isinstance(law, ChinchillaLaw):
        raise ValueError(
            f"law must be a ChinchillaLaw (for example chinchilla.BESIROGLU_2024), got {check.shown(law)}."
        )
    c = check.positive(flops_non_embedding, "The non-embedding compute budget C", "FLOPs")
    check.positive(vocab_size, "The vocabulary size V", "tokens")
    check.positive(aspect_ratio, "The aspect ratio d_model / n_layer")
    if np.min(c) < 1e3:
        raise ValueError(
            f"The non-embedding compute budget C must be at least 1e3 FLOPs for any model to fit, got {np.min(c):.3g}."
        )
    if np.size(c) > MAX_BUDGETS:
        raise ValueError(
            f"{np.size(c):,} budgets is more than this function solves at once ({MAX_BUDGETS:,}; one minimisation "
            "each, about 1 ms apiece): pass fewer budgets, or call it in batches."
        )
    n = np.vectorize(_best_non_embedding, otypes=[float])(c, law, vocab_size, aspect_ratio)
    return float(n) if np.ndim(n) == 0 else n


@dataclass(frozen=True)
class FrontierExponent:
    """A power law N_opt ∝ C^a_N fitted over the budgets whose optimum lies in ``size_range``.

    ``count`` says how N and C were counted ("non-embedding" or "total"); ``budgets`` (FLOPs) and
    ``n_opt`` (parameters, counted the same way) are the points fitted.
    """

    count: str
    a_N: float
    budgets: np.ndarray
    n_opt: np.ndarray
    size_range: tuple


def fitted_frontier_exponent(
    law: ChinchillaLaw = BESIROGLU_2024, count: str = "non-embedding", size_range=MODEL_SIZE_RANGE, n_budgets: int = 40
) -> FrontierExponent:
    """Fit N_opt ∝ C^a_N the way an experimenter would, counting parameters one way or the other.

    ``count="non-embedding"``: budgets and sizes in Kaplan's convention (:func:`optimal_non_embedding_params`);
    ``count="total"``: Hoffmann's convention, where the answer is the law's own β/(α+β).
    The budgets are spaced evenly in log between those whose optimum is the smallest and the largest
    size of ``size_range`` (default Kaplan's 768 to 1.5e9 non-embedding parameters); the exponent is
    the least-squares slope of ln N_opt on ln C. Used in chapter 2.
    """
    if count not in _COUNTS:
        raise ValueError(
            f"count must be 'non-embedding' (Kaplan's convention) or 'total' (Hoffmann's), got {check.shown(count)}."
        )
    low, high = (float(v) for v in check.positive(np.asarray(size_range, dtype=float), "The size range", "parameters"))
    if not low < high:
        raise ValueError(f"The size range must go from a smaller to a larger size, got {check.shown(size_range)}.")
    check.integer(n_budgets, "n_budgets", minimum=3)
    if count == "total":
        budgets = TRAINING_FLOPS_PER_PARAM_TOKEN * (np.array([low, high]) / law.G) ** (1.0 / law.a_N)
        budgets = np.geomspace(*budgets, n_budgets)
        n_opt = compute_optimal(budgets, law).N
    else:
        # The budget at which a size is optimal grows steeply with it; bracket the range, then fill it.
        edges = [
            optimize.brentq(
                lambda log_c, n=n: np.log(optimal_non_embedding_params(np.exp(log_c), law) / n),
                np.log(1e4),
                np.log(1e30),
                xtol=1e-6,
            )
            for n in (low, high)
        ]
        budgets = np.exp(np.linspace(*edges, n_budgets))
        n_opt = optimal_non_embedding_params(budgets, law)
    a_N = float(np.polyfit(np.log(budgets), np.log(n_opt), 1)[0])
    return FrontierExponent(count=count, a_N=a_N, budgets=budgets, n_opt=n_opt, size_range=(low, high))


__all__ = [
    "PEARCE_SONG_ASPECT_RATIO",
    "total_params",
    "optimal_non_embedding_params",
    "FrontierExponent",
    "fitted_frontier_exponent",
]


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
