"""Exercises of chapter 5, the data wall. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import data
from .graders import Verdict, function_check, how_far, number
from .registry import exercise

#: Exercise 5.1: epochs over the same data.
EPOCHS_5_1 = 8

#: Exercise 5.2: (unique tokens, epochs) cases for the student's effective_data.
EFFECTIVE_DATA_CASES = ((1e9, 1.0), (1e9, 2.0), (44e9, 4.0), (1e12, 16.0), (5.0, 100.0), (3e11, 2.5))

#: Exercise 5.3: over-training factor (5 × 20 = 100 tokens per parameter).
OVERTRAINING_5_3 = 5.0

#: Exercise 5.4: budget and unique tokens, under Muennighoff et al.'s loss fit.
FLOPS_5_4, UNIQUE_TOKENS_5_4 = 1e24, 100e9

#: Exercise 5.5: the top of the stock's 90 % interval, reached from Llama 3 (2024) at ×2.66 a year.
TARGET_5_5 = data.PUBLIC_TEXT_STOCK_90CI_TOKENS[1]


@exercise("5.1")
def eight_epochs(answer) -> Verdict:
    """How many fresh epochs are 8 epochs over the same unique tokens worth (Muennighoff Eq. 5)?"""
    expected = data.effective_data(1.0, EPOCHS_5_1)
    return number(answer, expected, rel_tol=0.01, unit="fresh epochs",
                  hint="D′/U = 1 + R*_D·(1 − e^(−R_D/R*_D)) with R_D = 7 repetitions and R*_D = 15.39.")


def _judge_effective_data(unique, epochs, value) -> str | None:
    expected = data.effective_data(unique, epochs)
    if np.isclose(value, expected, rtol=1e-6):
        return None
    if np.isclose(value, unique * epochs, rtol=1e-6) and epochs > 1:
        why = " That counts every repeat as fresh; repeated tokens decay."
    elif np.isclose(value, expected - unique, rtol=1e-6):
        why = " You left out the first, fresh epoch U."
    else:
        why = ""
    return f"{how_far(value, expected, 1e-6)}{why}"


@exercise("5.2")
def effective_data_function(answer) -> Verdict:
    """Implement effective_data(unique_tokens, epochs) for epochs ≥ 1."""
    return function_check(answer, "effective_data", EFFECTIVE_DATA_CASES, _judge_effective_data,
                          f"your function agrees with Eq. 5 on {len(EFFECTIVE_DATA_CASES)} cases.", returns="one number")


@exercise("5.3")
def overtrained_exhaustion_budget(answer) -> Verdict:
    """Budget at which a run with 5× the 20 tokens per parameter reads all ≈300T tokens once."""
    expected = data.stock_exhaustion_flops(data.PUBLIC_TEXT_STOCK_TOKENS, overtraining=OVERTRAINING_5_3)
    return number(answer, expected, rel_tol=0.01, unit="FLOPs",
                  hint="D = 300e12 tokens, N = D/100 parameters, C = 6·N·D.")


@exercise("5.4")
def best_epochs(answer) -> Verdict:
    """Best number of epochs for 1e24 FLOPs and 100B unique tokens, under Muennighoff et al.'s fit."""
    expected = data.data_constrained_allocation(FLOPS_5_4, UNIQUE_TOKENS_5_4, data.MUENNIGHOFF_FIT).epochs
    return number(answer, expected, rel_tol=0.02, unit="epochs",
                  hint="call data.data_constrained_allocation(1e24, 100e9, data.MUENNIGHOFF_FIT) and read .epochs.")


@exercise("5.5")
def years_to_top_of_interval(answer) -> Verdict:
    """Years after 2024 until training sets reach 1000T tokens, growing ×2.66 a year from 15T."""
    expected = data.year_dataset_reaches(TARGET_5_5) - data.LLAMA3_YEAR
    return number(answer, expected, rel_tol=0.02, unit="years after 2024",
                  hint="solve 15e12 · 2.66^t = 1000e12 for t: t = ln(1000/15) / ln 2.66.")


@exercise("5.6")
def sixty_epochs(answer) -> Verdict:
    """Fresh epochs' worth added by epochs 17 to 60 over the same unique tokens (Muennighoff et al.)."""
    expected = data.effective_data(1.0, 60.0) - data.effective_data(1.0, 16.0)
    return number(answer, expected, rel_tol=0.01, unit="fresh epochs",
                  hint="effective_data(1, 60) − effective_data(1, 16): with U = 1 the result is in epochs.")
