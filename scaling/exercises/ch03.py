"""Exercises of chapter 3, Chinchilla, including the budgeted lab, each declared once. Expected values are computed by the package."""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np

from .. import chinchilla, synthetic
from .registry import Choice, Function, Lab, Number, Percent, Slip, declare

#: Exercise 3.1: the budget (FLOPs) and the rule of thumb (tokens per parameter).
EXERCISE_3_1_FLOPS = 1e24
RULE_OF_THUMB_TOKENS_PER_PARAM = 20.0
#: Exercise 3.3: an IsoFLOP grid centred half a decade below the true optimum, with its seed.
EXERCISE_3_3_OFFSET_DECADES = -0.5
EXERCISE_3_3_SEED = 3
#: Exercise 3.4: Chinchilla's budget by 6ND (70e9 parameters x 1.4e12 tokens x 6), FLOPs.
EXERCISE_3_4_FLOPS = 6 * 70e9 * 1.4e12
#: Its tolerance, 0.05 % (four significant figures): Gopher's budget, 5.76e23 FLOPs, moves the answer by 0.18 %.
EXERCISE_3_4_REL_TOL = 0.0005

#: The budgeted lab (exercise 3.6): the student's compute budget (FLOPs) and the service's seed.
LAB_BUDGET_FLOPS = 2e21
LAB_SEED = 0  # with the budget, it chooses the hidden law (scaling.lab); the worked solution lands within 7 % and 0.3 %
#: The lab asks for a prediction at this multiple of the budget.
LAB_EXTRAPOLATION = 100.0

# 3.1 Compute-optimal parameters for 1e24 FLOPs at 20 tokens per parameter and C = 6ND.
declare(Number(
    id="3.1", expected=lambda: np.sqrt(EXERCISE_3_1_FLOPS / (6 * RULE_OF_THUMB_TOKENS_PER_PARAM)), rel_tol=0.01,
    unit="parameters", hint="with D = 20·N, C = 6·N·D = 120·N²; solve for N.",
))


def _frontier(flops, law) -> tuple[float, float]:
    optimum = chinchilla.compute_optimal(flops, law)
    return optimum.N, optimum.D


def _explain_frontier(flops, law, got, want) -> str:
    n, d = got
    if not np.isclose(6 * n * d, flops, rtol=1e-6):
        return (f"at {flops:.3g} FLOPs your N and D cost 6·N·D = {6 * n * d:.4g} FLOPs: "
                "the optimum must spend exactly the budget.")
    if np.isclose(n, chinchilla.frontier_from_coefficient(flops, law.G, law.b_D)[0], rtol=1e-6):
        return "you used α/(α+β) for the exponent of N: a_N = β/(α+β)."
    return (f"at {flops:.3g} FLOPs you returned N = {n:.4g}; check G = (αA/(βB))^(1/(α+β)) "
            "and that the power is taken of C/6, not C.")


# 3.2 Implement frontier(flops, law) -> (N_opt, D_opt) from Hoffmann et al.'s Eq. 4.
declare(Function(
    id="3.2", name="frontier", returns=("N_opt", "D_opt"), reference=_frontier,
    cases=(
        (chinchilla.GOPHER_BUDGET_FLOPS, chinchilla.HOFFMANN_ROUNDED),
        (1e20, chinchilla.BESIROGLU_2024),
        (3e25, chinchilla.HOFFMANN_UNROUNDED),
    ),
    hidden=(
        "1e22, ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)",
        "5.76e23, ChinchillaLaw(E=1.8, A=400.0, B=500.0, alpha=0.3, beta=0.35)",
        "1e26, ChinchillaLaw(E=1.82, A=482.0, B=2085.0, alpha=0.35, beta=0.37)",
    ),
    explain=_explain_frontier, passed="your frontier matches Eq. 4 for three laws and budgets.",
))


@cache
def _offset_grid_prediction() -> float:
    grid = synthetic.isoflop_grid(offset_decades=EXERCISE_3_3_OFFSET_DECADES, seed=EXERCISE_3_3_SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        frontier = chinchilla.fit_isoflop(grid.flops, grid.n_params, grid.loss)
    return float(frontier.predict_n(chinchilla.GOPHER_BUDGET_FLOPS))


# 3.3 Approach 2 on an IsoFLOP grid centred half a decade too low: N_opt at Gopher's budget.
declare(Number(
    id="3.3", expected=_offset_grid_prediction, rel_tol=0.02, unit="parameters",
    hint="fit_isoflop(grid.flops, grid.n_params, grid.loss), then predict_n(GOPHER_BUDGET_FLOPS).",
))

# 3.4 Tokens per parameter of the unrounded Approach-3 constants at Chinchilla's 6ND budget (5.88e23 FLOPs).
declare(Number(
    id="3.4", rel_tol=EXERCISE_3_4_REL_TOL, unit="tokens per parameter",
    expected=lambda: chinchilla.tokens_per_param(EXERCISE_3_4_FLOPS, chinchilla.HOFFMANN_UNROUNDED),
    hint="use chinchilla.HOFFMANN_UNROUNDED, and a_N = β/(α+β) from the law itself.",
    slips=(Slip(lambda _: chinchilla.tokens_per_param(chinchilla.GOPHER_BUDGET_FLOPS, chinchilla.HOFFMANN_UNROUNDED),
                f"{{value:.4g}} is the ratio at Gopher's budget ({chinchilla.GOPHER_BUDGET_FLOPS:.3g} "
                "FLOPs); the question asks for Chinchilla's, 6 × 70e9 × 1.4e12 FLOPs."),),
))

# 3.5 Why do the published Approach-3 constants disagree with Approaches 1 and 2?
declare(Choice(
    id="3.5", correct="b", options=("a", "b", "c", "d"),
    why="the fit stopped early on a tiny objective and the printed constants were rounded; the refit of "
        "the same data agrees with Approaches 1 and 2.",
    hint="Besiroglu et al. refit the same runs; what did they change?",
))

# 3.6 The budgeted lab: predict (N_opt, loss) at 100× the budget; graded by the service against its hidden law.
declare(Lab(id="3.6", budget=LAB_BUDGET_FLOPS, seed=LAB_SEED, extrapolation=LAB_EXTRAPOLATION))

# --- Judgement: a grid that never brackets the optimum, and a choice between two plans ----------

#: Exercise 3.7: a study that trains one fixed family of sizes at every IsoFLOP budget.
FIXED_FAMILY_SIZES = tuple(float(v) for v in np.geomspace(50e6, 1.5e9, 7))
FIXED_FAMILY_NOISE = 0.005
FIXED_FAMILY_SEED = 5


def fixed_family_study():
    """(flops, n_params, loss) of exercise 3.7: the sizes ``FIXED_FAMILY_SIZES`` at Hoffmann's nine budgets,
    losses from Eq. 10 as printed with a little multiplicative noise."""
    truth = chinchilla.HOFFMANN_ROUNDED
    sizes = np.array(FIXED_FAMILY_SIZES)
    flops = np.repeat(np.array(chinchilla.ISOFLOP_BUDGETS), sizes.size)
    n = np.tile(sizes, len(chinchilla.ISOFLOP_BUDGETS))
    rng = np.random.default_rng(FIXED_FAMILY_SEED)
    loss = truth.loss(n, flops / (6.0 * n)) * np.exp(rng.normal(0.0, FIXED_FAMILY_NOISE, n.size))
    return flops, n, loss


def _approach2_exponent(keep_unbracketed: bool = False) -> float:
    flops, n, loss = fixed_family_study()
    if not keep_unbracketed:
        kept = [p.flops for p in chinchilla.isoflop_profiles(flops, n, loss) if p.bracketed]
        on = np.array([any(np.isclose(c, k) for k in kept) for c in flops])
        flops, n, loss = flops[on], n[on], loss[on]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        return float(chinchilla.fit_isoflop(flops, n, loss).a_N)


# 3.7 Approach 2 on a fixed family of sizes: a_N from the profiles that bracket their minimum only.
declare(Number(
    id="3.7", expected=_approach2_exponent, rel_tol=0.01, unit="(the exponent a_N)",
    hint="select the runs of bracketed profiles with np.isclose on the budgets, then fit_isoflop.",
    slips=(
        Slip(lambda _: _approach2_exponent(keep_unbracketed=True),
             "{value:.4g} uses every profile, including those whose minimum lies outside "
             "the sizes trained; keep only the bracketed ones (profile.bracketed).", rel_tol=0.005),
        Slip(lambda _: chinchilla.HOFFMANN_ROUNDED.a_N,
             "{value:.4g} is the true exponent; report what the study measures.", rel_tol=0.005),
    ),
))

#: Exercise 3.8: the two plans for Gopher's budget, and the law that referees them.
EXERCISE_3_8_FLOPS = chinchilla.GOPHER_BUDGET_FLOPS
EXERCISE_3_8_PLANS = (70e9, chinchilla.APPROACH3_GOPHER_BUDGET_PARAMS)
EXERCISE_3_8_REFEREE = chinchilla.BESIROGLU_2024


def _plans_gap() -> float:
    """Loss of the Approach-3 plan (40B) minus the Chinchilla plan (70B) at Gopher's budget, under the refit."""
    c = EXERCISE_3_8_FLOPS
    chin_n, approach3_n = EXERCISE_3_8_PLANS
    law = EXERCISE_3_8_REFEREE
    return float(law.loss(approach3_n, c / (6.0 * approach3_n)) - law.loss(chin_n, c / (6.0 * chin_n)))


# 3.8 At Gopher's budget, under the refit: L(40B plan) − L(70B plan), nats per token.
declare(Number(
    id="3.8", expected=_plans_gap, rel_tol=0.03, unit="nats per token",
    hint="both plans spend 5.76e23 FLOPs, D = C/(6N); evaluate BESIROGLU_2024.loss for each.",
    slips=(Slip(lambda gap: -gap, "{value:.4g} has the right size but the wrong sign: subtract the 70B plan's "
                                  "loss from the 40B plan's."),),
))

#: Exercise 3.9: Gadre et al.'s training set and evaluation set.
EXERCISE_3_9_DATA = ("c4_original", "c4_val")


@cache
def _real_run_miss() -> float:
    """Percent miss, 100·(predicted − measured)/measured, of Approach 3 fitted below 1B on Gadre et al.'s C4 runs, at 6.9B."""
    from ..realdata import predict_large_runs

    _, held_out = predict_large_runs(*EXERCISE_3_9_DATA, method="approach3")
    top = int(np.argmax(held_out.N))
    return float(100.0 * held_out.relative_error[top])


# 3.9 Percent miss of the Approach-3 prediction for Gadre et al.'s 6.9B C4 run, fitted below 1B parameters.
declare(Percent(
    id="3.9", expected=_real_run_miss, rel_tol=0.03, what="the miss", sign="predicted minus measured, over measured",
    hint="fit chinchilla.fit to the runs with N < 1e9, then 100·(law.loss(N, D) − loss)/loss at the largest N.",
))


# 3.10 Decision with a rubric: can a four-size Approach-3 fit settle a 1 % question at 6.9B?
declare(Choice(
    id="3.10", correct="b", options=("a", "b", "c", "d"),
    why="resampling the four model sizes gives an interval about a third of the loss wide, so the fit "
        "cannot decide at 1 %; a run nearer the target is what narrows it (chapter 8, exercise 8.5).",
    hint="compare the width of the clustered bootstrap interval with the 1 % the decision needs.",
))
