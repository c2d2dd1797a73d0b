"""Exercises of chapter 8, running the ladder. Expected values are computed by the package."""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import hyperparams
from .graders import Verdict, as_number, choice, number, percent
from .registry import exercise

#: Exercise 8.1: the compute budget (FLOPs, DeepSeek's C = M·D).
EXERCISE_8_1_FLOPS = 1e22
#: Exercises 8.2 and 8.3: Porian et al.'s setups, untuned ("Reproducing Kaplan") and tuned ("Kaplan Adjusted").
EXERCISE_8_UNTUNED = "rw-base-long-kaplan-kaplan-train"
EXERCISE_8_TUNED = "rw-tuned-long-const-kaplan-train"
#: Exercise 8.2: the bands a reader predicts the shift of a_N in (upper edges; the last is open).
EXERCISE_8_2_BANDS = {"a": (0.0, 0.03), "b": (0.03, 0.3), "c": (0.3, np.inf)}
#: Exercises 8.4 and 8.5: Gadre et al.'s training and evaluation sets, the extra budget (FLOPs) and the rung chosen.
EXERCISE_8_DATA = ("c4_original", "c4_val")
EXERCISE_8_4_BUDGET_FLOPS = 3e20
EXERCISE_8_5_RUNG = (1.4e9, 1.0)  # about 1.4B parameters (the data's 1.44e9), M = 1 (20 tokens per parameter)


@exercise("8.1")
def deepseek_batch(answer) -> Verdict:
    """DeepSeek's near-optimal batch at 1e22 FLOPs, in tokens."""
    expected = float(hyperparams.deepseek_batch_size(EXERCISE_8_1_FLOPS))
    value = as_number(answer)
    if value is not None and np.isclose(value, expected / 4096, rtol=0.01):
        return Verdict("fail", f"{value:.4g} looks like sequences of 4,096 tokens; the law gives tokens.")
    return number(answer, expected, rel_tol=0.01, unit="tokens", hint="B_opt = 0.2920 · C^0.3271 with C in FLOPs.")


@cache
def tuning_shift() -> tuple:
    """(untuned a_N, tuned a_N, their difference) by the authors' Akima method (scaling.realdata)."""
    from ..datasets import porian_isoflop
    from ..realdata import isoflop_exponent

    runs = porian_isoflop()
    untuned = isoflop_exponent(runs.select(EXERCISE_8_UNTUNED), method="akima").a_N
    tuned = isoflop_exponent(runs.select(EXERCISE_8_TUNED), method="akima").a_N
    return float(untuned), float(tuned), float(untuned - tuned)


def _band_of(value: float) -> str:
    return next(k for k, (low, high) in EXERCISE_8_2_BANDS.items() if low <= value < high)


@exercise("8.2")
def predict_tuning_shift(answer) -> Verdict:
    """Predict-first: in which band does per-size tuning move Kaplan's a_N?"""
    shift = tuning_shift()[2]
    return choice(
        answer, _band_of(shift), tuple(EXERCISE_8_2_BANDS),
        why="per-size tuning with a constant learning rate moves a_N by about a tenth: as much as the way "
            "parameters are counted, not a rounding error.",
        hint="compare the two setups' a_N in the chapter's table.",
    )


@cache
def tuned_exponent_nearest() -> float:
    """a_N of the tuned setup by parabolas through the 5 sizes nearest each minimum."""
    from ..datasets import porian_isoflop
    from ..realdata import isoflop_exponent

    return float(isoflop_exponent(porian_isoflop().select(EXERCISE_8_TUNED), nearest=5).a_N)


@exercise("8.3")
def tuned_exponent(answer) -> Verdict:
    """a_N of Porian et al.'s 'Kaplan Adjusted' runs, parabolas through the 5 sizes nearest each minimum."""
    value = as_number(answer)
    untuned = tuning_shift()[0]
    if value is not None and np.isclose(value, untuned, rtol=0.01):
        return Verdict("fail", f"{value:.4g} is the untuned setup's exponent; select {EXERCISE_8_TUNED!r}.")
    return number(answer, tuned_exponent_nearest(), rel_tol=0.01, unit="(the exponent a_N)",
                  hint="realdata.isoflop_exponent(runs.select(...), nearest=5).a_N")


@exercise("8.4")
def choose_next_rung(answer) -> Verdict:
    """Which single run to add to Gadre et al.'s four small sizes under a budget of 3e20 FLOPs."""
    return choice(
        answer, "b", ("a", "b", "c", "d"),
        why="it fits the budget (about 2.5e20 FLOPs), adds a fifth model size, the one thing four sizes lack "
            "to separate E from A and alpha, and it is the size nearest the target.",
        hint="price each run with 6ND first, then ask what the fit is short of: tokens or sizes?",
    )


@cache
def miss_with_rung() -> float:
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


@exercise("8.5")
def miss_after_adding_rung(answer) -> Verdict:
    """Percent miss at 6.9B after adding the 1.4B, 20-tokens-per-parameter run to the fit."""
    return percent(answer, miss_with_rung(), rel_tol=0.03, what="the miss",
                   sign="predicted minus measured, over measured",
                   hint="add the run with N near 1.44e9 and M == 1 to the runs below 1e9, refit, predict the largest N.")


@exercise("8.6")
def trust_the_fit(answer) -> Verdict:
    """Can the reported fit be trusted?"""
    return choice(
        answer, "b", ("a", "b", "c", "d"),
        why="one learning rate for every size and a decay not matched to each run both raised a_N on "
            "Porian et al.'s runs, and a bootstrap over runs covers neither.",
        hint="which of the checklist's items does the report fail, and in which direction does each push a_N?",
    )
