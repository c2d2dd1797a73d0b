"""Exercises of chapter 5, the data wall, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import data
from .graders import how_far
from .registry import Choice, Function, Number, declare

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

# 5.1 How many fresh epochs are 8 epochs over the same unique tokens worth (Muennighoff Eq. 5)?
declare(Number(
    id="5.1", expected=lambda: data.effective_data(1.0, EPOCHS_5_1), rel_tol=0.01, unit="fresh epochs",
    hint="D′/U = 1 + R*_D·(1 − e^(−R_D/R*_D)) with R_D = 7 repetitions and R*_D = 15.39.",
))


def _explain_effective_data(unique, epochs, got, want) -> str:
    if np.isclose(got, unique * epochs, rtol=1e-6) and epochs > 1:
        why = " That counts every repeat as fresh; repeated tokens decay."
    elif np.isclose(got, want - unique, rtol=1e-6):
        why = " You left out the first, fresh epoch U."
    else:
        why = ""
    return f"{how_far(got, want, 1e-6)}{why}"


# 5.2 Implement effective_data(unique_tokens, epochs) for epochs ≥ 1.
declare(Function(
    id="5.2", name="effective_data", returns="one number", reference=data.effective_data,
    cases=EFFECTIVE_DATA_CASES, hidden=("2e9, 1.0", "5e10, 6.0", "1e11, 40.0"), explain=_explain_effective_data,
    passed=f"your function agrees with Eq. 5 on {len(EFFECTIVE_DATA_CASES)} cases.",
))

# 5.3 Budget at which a run with 5× the 20 tokens per parameter reads all ≈300T tokens once.
declare(Number(
    id="5.3", rel_tol=0.01, unit="FLOPs", hint="D = 300e12 tokens, N = D/100 parameters, C = 6·N·D.",
    expected=lambda: data.stock_exhaustion_flops(data.PUBLIC_TEXT_STOCK_TOKENS, overtraining=OVERTRAINING_5_3),
))

# 5.4 Best number of epochs for 1e24 FLOPs and 100B unique tokens, under Muennighoff et al.'s fit.
declare(Number(
    id="5.4", rel_tol=0.02, unit="epochs",
    expected=lambda: data.data_constrained_allocation(FLOPS_5_4, UNIQUE_TOKENS_5_4, data.MUENNIGHOFF_FIT).epochs,
    hint="call data.data_constrained_allocation(1e24, 100e9, data.MUENNIGHOFF_FIT) and read .epochs.",
))

# 5.5 Years after 2024 until training sets reach 1000T tokens, growing ×2.66 a year from 15T.
declare(Number(
    id="5.5", expected=lambda: data.year_dataset_reaches(TARGET_5_5) - data.LLAMA3_YEAR, rel_tol=0.02,
    unit="years after 2024", hint="solve 15e12 · 2.66^t = 1000e12 for t: t = ln(1000/15) / ln 2.66.",
))

# 5.6 What 60 epochs over a fixed set of unique tokens buy, by Muennighoff et al.'s law.
declare(Choice(
    id="5.6", correct="c", options=("a", "b", "c", "d"),
    why="the epochs after about the 16th add little (the sum saturates at 16.4·U), and excess parameters "
        "decay even faster (R*_N < R*_D), so the loss approaches a floor set by U.",
    hint="compare effective_data(1, 16) and effective_data(1, 60) with the ceiling 1 + R*_D.",
))
