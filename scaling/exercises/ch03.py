"""Exercises of chapter 3, Chinchilla, including the budgeted lab. Expected values are computed by the package."""

from __future__ import annotations

import warnings
from functools import cache

import numpy as np

from .. import chinchilla, synthetic
from ..lab import TrainingService
from .graders import NOT_ANSWERED, Verdict, as_number, as_pair, choice, function_check, number, percent, unanswered
from .registry import exercise

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


@exercise("3.1")
def rule_of_thumb_size(answer) -> Verdict:
    """Compute-optimal parameters for 1e24 FLOPs at 20 tokens per parameter and C = 6ND."""
    expected = float(np.sqrt(EXERCISE_3_1_FLOPS / (6 * RULE_OF_THUMB_TOKENS_PER_PARAM)))
    return number(answer, expected, rel_tol=0.01, unit="parameters",
                  hint="with D = 20·N, C = 6·N·D = 120·N²; solve for N.")


#: (budget, law) pairs on which the student's frontier is checked.
_FRONTIER_CASES = (
    (chinchilla.GOPHER_BUDGET_FLOPS, chinchilla.HOFFMANN_ROUNDED),
    (1e20, chinchilla.BESIROGLU_2024),
    (3e25, chinchilla.HOFFMANN_UNROUNDED),
)


def _judge_frontier(flops, law, result) -> str | None:
    n, d = result
    expected = chinchilla.compute_optimal(flops, law)
    if np.isclose(n, expected.N, rtol=1e-6) and np.isclose(d, expected.D, rtol=1e-6):
        return None
    if not np.isclose(6 * n * d, flops, rtol=1e-6):
        return (f"at {flops:.3g} FLOPs your N and D cost 6·N·D = {6 * n * d:.4g} FLOPs: "
                "the optimum must spend exactly the budget.")
    if np.isclose(n, chinchilla.frontier_from_coefficient(flops, law.G, law.b_D)[0], rtol=1e-6):
        return "you used α/(α+β) for the exponent of N: a_N = β/(α+β)."
    return (f"at {flops:.3g} FLOPs you returned N = {n:.4g}; check G = (αA/(βB))^(1/(α+β)) "
            "and that the power is taken of C/6, not C.")


@exercise("3.2")
def frontier_function(answer) -> Verdict:
    """Implement frontier(flops, law) -> (N_opt, D_opt) from Hoffmann et al.'s Eq. 4."""
    return function_check(answer, "frontier", _FRONTIER_CASES, _judge_frontier,
                          "your frontier matches Eq. 4 for three laws and budgets.", returns=("N_opt", "D_opt"))


@cache
def _offset_grid_prediction() -> float:
    grid = synthetic.isoflop_grid(offset_decades=EXERCISE_3_3_OFFSET_DECADES, seed=EXERCISE_3_3_SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        frontier = chinchilla.fit_isoflop(grid.flops, grid.n_params, grid.loss)
    return float(frontier.predict_n(chinchilla.GOPHER_BUDGET_FLOPS))


@exercise("3.3")
def offset_grid_approach2(answer) -> Verdict:
    """Approach 2 on an IsoFLOP grid centred half a decade too low: N_opt at Gopher's budget."""
    return number(answer, _offset_grid_prediction(), rel_tol=0.02, unit="parameters",
                  hint="fit_isoflop(grid.flops, grid.n_params, grid.loss), then predict_n(GOPHER_BUDGET_FLOPS).")


@exercise("3.4")
def unrounded_tokens_per_param(answer) -> Verdict:
    """Tokens per parameter of the unrounded Approach-3 constants at Chinchilla's 6ND budget (5.88e23 FLOPs)."""
    law = chinchilla.HOFFMANN_UNROUNDED
    expected = chinchilla.tokens_per_param(EXERCISE_3_4_FLOPS, law)
    at_gopher = chinchilla.tokens_per_param(chinchilla.GOPHER_BUDGET_FLOPS, law)
    value = as_number(answer)
    if value is not None and np.isclose(value, at_gopher, rtol=EXERCISE_3_4_REL_TOL, atol=0):
        return Verdict("fail", f"{value:.4g} is the ratio at Gopher's budget ({chinchilla.GOPHER_BUDGET_FLOPS:.3g} "
                               "FLOPs); the question asks for Chinchilla's, 6 × 70e9 × 1.4e12 FLOPs.")
    return number(answer, expected, rel_tol=EXERCISE_3_4_REL_TOL, unit="tokens per parameter",
                  hint="use chinchilla.HOFFMANN_UNROUNDED, and a_N = β/(α+β) from the law itself.")


@exercise("3.5")
def why_approach3_disagrees(answer) -> Verdict:
    """Why do the published Approach-3 constants disagree with Approaches 1 and 2?"""
    return choice(
        answer, "b", ("a", "b", "c", "d"),
        why="the fit stopped early on a tiny objective and the printed constants were rounded; the refit of "
            "the same data agrees with Approaches 1 and 2.",
        hint="Besiroglu et al. refit the same runs; what did they change?",
    )


@cache
def _lab_service() -> TrainingService:
    return TrainingService(LAB_BUDGET_FLOPS, seed=LAB_SEED)


@exercise("3.6")
def budgeted_lab(answer) -> Verdict:
    """The budgeted lab: predict (N_opt, loss) at 100× the budget; graded by the service against its hidden law."""
    if unanswered(answer) or (isinstance(answer, (tuple, list)) and any(unanswered(v) for v in answer)):
        return NOT_ANSWERED
    pair = as_pair(answer)
    if pair is None:
        return Verdict("fail", "answer with a pair (N_opt in parameters, loss in nats per token), as a tuple, "
                               f"a list or an array of two numbers; got {answer!r}.")
    n_opt, loss = pair
    if n_opt <= 0 or loss <= 0:
        return Verdict("fail", f"both N_opt and the loss must be positive numbers, got {answer!r}.")
    if n_opt < 1e3 <= loss:
        return Verdict("fail", "the first number looks like a loss and the second like a parameter count: "
                               "give (N_opt, loss), in that order.")
    if n_opt < 1e6:
        return Verdict("fail", f"N_opt = {n_opt:.4g} is too few parameters to be a model: give the count itself, "
                               "not in billions or millions (write 7.5e9 for 7.5 billion).")
    # Assessed without counting: checking the final answer must not use up the lab's gradings.
    passed, lines = _lab_service()._assess(n_opt, loss, LAB_EXTRAPOLATION * LAB_BUDGET_FLOPS)
    summary = "; ".join(line.strip() for line in lines[1:3])
    if passed:
        return Verdict("pass", f"{summary}. Your scaling study extrapolates {LAB_EXTRAPOLATION:g}× correctly.")
    return Verdict("fail", f"{summary}. Check the fit: are the optima of your IsoFLOP profiles inside the sizes "
                           "you trained, and does the law fit every run?")


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


def _approach2_exponent(keep_unbracketed: bool) -> float:
    flops, n, loss = fixed_family_study()
    if not keep_unbracketed:
        kept = [p.flops for p in chinchilla.isoflop_profiles(flops, n, loss) if p.bracketed]
        on = np.array([any(np.isclose(c, k) for k in kept) for c in flops])
        flops, n, loss = flops[on], n[on], loss[on]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        return float(chinchilla.fit_isoflop(flops, n, loss).a_N)


@exercise("3.7")
def diagnose_fixed_family(answer) -> Verdict:
    """Approach 2 on a fixed family of sizes: a_N from the profiles that bracket their minimum only."""
    value = as_number(answer)
    if value is not None and np.isclose(value, _approach2_exponent(True), rtol=0.005):
        return Verdict("fail", f"{value:.4g} uses every profile, including those whose minimum lies outside "
                               "the sizes trained; keep only the bracketed ones (profile.bracketed).")
    if value is not None and np.isclose(value, chinchilla.HOFFMANN_ROUNDED.a_N, rtol=0.005):
        return Verdict("fail", f"{value:.4g} is the true exponent; report what the study measures.")
    return number(answer, _approach2_exponent(False), rel_tol=0.01, unit="(the exponent a_N)",
                  hint="select the runs of bracketed profiles with np.isclose on the budgets, then fit_isoflop.")


#: Exercise 3.8: the two plans for Gopher's budget, and the law that referees them.
EXERCISE_3_8_FLOPS = chinchilla.GOPHER_BUDGET_FLOPS
EXERCISE_3_8_PLANS = (70e9, chinchilla.APPROACH3_GOPHER_BUDGET_PARAMS)
EXERCISE_3_8_REFEREE = chinchilla.BESIROGLU_2024


def plans_gap() -> float:
    """Loss of the Approach-3 plan (40B) minus the Chinchilla plan (70B) at Gopher's budget, under the refit."""
    c = EXERCISE_3_8_FLOPS
    chin_n, approach3_n = EXERCISE_3_8_PLANS
    law = EXERCISE_3_8_REFEREE
    return float(law.loss(approach3_n, c / (6.0 * approach3_n)) - law.loss(chin_n, c / (6.0 * chin_n)))


@exercise("3.8")
def choose_chinchilla_or_approach3(answer) -> Verdict:
    """At Gopher's budget, under the refit: L(40B plan) − L(70B plan), nats per token."""
    expected = plans_gap()
    value = as_number(answer)
    if value is not None and np.isclose(value, -expected, rtol=0.03):
        return Verdict("fail", f"{value:.4g} has the right size but the wrong sign: subtract the 70B plan's "
                               "loss from the 40B plan's.")
    return number(answer, expected, rel_tol=0.03, unit="nats per token",
                  hint="both plans spend 5.76e23 FLOPs, D = C/(6N); evaluate BESIROGLU_2024.loss for each.")


#: Exercise 3.9: Gadre et al.'s training set and evaluation set.
EXERCISE_3_9_DATA = ("c4_original", "c4_val")


@cache
def real_run_miss() -> float:
    """Percent miss, 100·(predicted − measured)/measured, of Approach 3 fitted below 1B on Gadre et al.'s C4 runs, at 6.9B."""
    from ..realdata import predict_large_runs

    _, held_out = predict_large_runs(*EXERCISE_3_9_DATA, method="approach3")
    top = int(np.argmax(held_out.N))
    return float(100.0 * held_out.relative_error[top])


@exercise("3.9")
def fit_small_predict_large(answer) -> Verdict:
    """Percent miss of the Approach-3 prediction for Gadre et al.'s 6.9B C4 run, fitted below 1B parameters."""
    return percent(answer, real_run_miss(), rel_tol=0.03, what="the miss",
                   sign="predicted minus measured, over measured",
                   hint="fit chinchilla.fit to the runs with N < 1e9, then 100·(law.loss(N, D) − loss)/loss at the largest N.")
