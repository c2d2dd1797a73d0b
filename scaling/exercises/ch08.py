"""Exercises of chapter 8, running the ladder, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import hyperparams
from .registry import Choice, Number, Percent, Slip, declare

#: Exercise 8.1: the compute budget (FLOPs, DeepSeek's C = M·D).
EXERCISE_8_1_FLOPS = 1e22
#: Exercises 8.2 and 8.3: Porian et al.'s setups, untuned ("Reproducing Kaplan") and tuned ("Kaplan Adjusted").
EXERCISE_8_UNTUNED = "rw-base-long-kaplan-kaplan-train"
EXERCISE_8_TUNED = "rw-tuned-long-const-kaplan-train"
#: Exercise 8.2: the bands a reader predicts the fall of a_N in (low, high); the last is open.
EXERCISE_8_2_BANDS = {"a": (0.0, 0.03), "b": (0.03, 0.3), "c": (0.3, np.inf)}
#: Exercises 8.4 and 8.5: Gadre et al.'s training and evaluation sets, and the rung added in 8.5:
#: about 1.4B parameters (the data's 1.44e9) at M = 1 (20 tokens per parameter).
EXERCISE_8_DATA = ("c4_original", "c4_val")
EXERCISE_8_5_RUNG = (1.4e9, 1.0)


# 8.1 DeepSeek's near-optimal batch at 1e22 FLOPs, in tokens.
declare(Number(
    id="8.1", expected=lambda: float(hyperparams.deepseek_batch_size(EXERCISE_8_1_FLOPS)), rel_tol=0.01,
    unit="tokens", hint="B_opt = 0.2920 · C^0.3271 with C in FLOPs.",
    slips=(Slip(lambda b: b / 4096, "{value:.4g} looks like sequences of 4,096 tokens; the law gives tokens."),),
))


@cache
def _tuning_shift() -> tuple:
    """(untuned a_N, tuned a_N, their difference) by the authors' Akima method (scaling.realdata)."""
    from ..datasets import porian_isoflop
    from ..realdata import isoflop_exponent

    runs = porian_isoflop()
    untuned = isoflop_exponent(runs.select(EXERCISE_8_UNTUNED), method="akima").a_N
    tuned = isoflop_exponent(runs.select(EXERCISE_8_TUNED), method="akima").a_N
    return float(untuned), float(tuned), float(untuned - tuned)


def _band_of_shift() -> str:
    shift = _tuning_shift()[2]
    return next(k for k, (low, high) in EXERCISE_8_2_BANDS.items() if low <= shift < high)


# 8.2 Predict first: in which band does per-size tuning move Kaplan's a_N?
declare(Choice(
    id="8.2", correct="b", options=tuple(EXERCISE_8_2_BANDS),  # the band of the data, tests/test_hyperparams.py
    why="per-size tuning with a constant learning rate moves a_N by about a tenth: as much as the way "
        "parameters are counted, not a rounding error.",
    hint="compare the two setups' a_N in the chapter's table.",
))


@cache
def _tuned_exponent_nearest() -> float:
    """a_N of the tuned setup by parabolas through the 5 sizes nearest each minimum."""
    from ..datasets import porian_isoflop
    from ..realdata import isoflop_exponent

    return float(isoflop_exponent(porian_isoflop().select(EXERCISE_8_TUNED), nearest=5).a_N)


# 8.3 a_N of Porian et al.'s 'Kaplan Adjusted' runs, parabolas through the 5 sizes nearest each minimum.
declare(Number(
    id="8.3", expected=_tuned_exponent_nearest, rel_tol=0.01, unit="(the exponent a_N)",
    hint="realdata.isoflop_exponent(runs.select(...), nearest=5).a_N",
    slips=(Slip(lambda _: _tuning_shift()[0],
                f"{{value:.4g}} is the untuned setup's exponent; select {EXERCISE_8_TUNED!r}.", rel_tol=0.01),),
))

# 8.4 Decision with a rubric: which single run to add to Gadre et al.'s four small sizes under 3e20 FLOPs.
declare(Choice(
    id="8.4", correct="b", options=("a", "b", "c", "d"),
    why="it fits the budget (about 2.5e20 FLOPs), adds a fifth model size, the one thing four sizes lack "
        "to separate E from A and alpha, and it is the size nearest the target.",
    hint="price each run with 6ND first, then ask what the fit is short of: tokens or sizes?",
))


@cache
def _miss_with_rung() -> float:
    """Percent miss at 6.9B of Approach 3 fitted to the runs below 1B plus the 1.4B run at M = 1."""
    from ..chinchilla import fit
    from ..datasets import gadre_runs
    from ..realdata import SMALL_RUN_LIMIT

    runs = gadre_runs().select(*EXERCISE_8_DATA)
    size, m = EXERCISE_8_5_RUNG
    rung = np.isclose(runs.N, size, rtol=0.05) & (runs.M == m)
    use = (runs.N < SMALL_RUN_LIMIT) | rung
    law = fit(runs.N[use], runs.D[use], runs.loss[use]).law
    top = int(np.argmax(runs.N))
    return float(100.0 * (law.loss(runs.N[top], runs.D[top]) - runs.loss[top]) / runs.loss[top])


# 8.5 Percent miss at 6.9B after adding the 1.4B, 20-tokens-per-parameter run to the fit.
declare(Percent(
    id="8.5", expected=_miss_with_rung, rel_tol=0.03, what="the miss", sign="predicted minus measured, over measured",
    hint="add the run with N near 1.44e9 and M == 1 to the runs below 1e9, refit, predict the largest N.",
))

# 8.6 Decision with a rubric: can the reported fit be trusted?
declare(Choice(
    id="8.6", correct="b", options=("a", "b", "c", "d"),
    why="one learning rate for every size and a decay not matched to each run both raised a_N on "
        "Porian et al.'s runs, and a bootstrap over runs covers neither.",
    hint="which of the checklist's items does the report fail, and in which direction does each push a_N?",
))
