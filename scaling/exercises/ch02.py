"""Exercises of chapter 2, Kaplan et al. 2020, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import chinchilla, compute, kaplan, models, reconcile
from .registry import Choice, Function, Number, Slip, declare

#: Exercise 2.4: the model size (non-embedding parameters) and how close to its unlimited-data loss.
EXERCISE_2_4_PARAMS = 1e9
EXERCISE_2_4_GAP = 0.01
#: Exercise 2.6: the budget at which the two allocations are compared, FLOPs.
EXERCISE_2_6_FLOPS = 1e24

# 2.1 By what factor does Kaplan's compute-optimal N grow when the compute grows 100×?
declare(Number(
    id="2.1", expected=lambda: kaplan.optimal_allocation(1e23).N / kaplan.optimal_allocation(1e21).N,
    rel_tol=0.01, unit="× more parameters", hint="N_opt ∝ C^0.73: what does a factor 100 in C do to N?",
))


def _gpt3_pf_days() -> float:
    gpt3 = models.get_model("GPT-3")
    return compute.flops_to_pf_days(compute.training_flops(gpt3.n_params, gpt3.n_tokens))


# 2.2 GPT-3's training compute by 6ND (175e9 parameters, 300e9 tokens), in PF-days.
declare(Number(
    id="2.2", expected=_gpt3_pf_days, rel_tol=0.01, unit="PF-days",
    hint="6·N·D gives FLOPs; one PF-day is 1e15 FLOP/s for 86,400 s.",
))


def _kaplan_plan(flops: float, compute: str = "actual") -> tuple[float, float]:
    plan = kaplan.optimal_allocation(flops, compute=compute)
    return plan.N, plan.D


def _explain_plan(flops, got, want) -> str:
    if np.isclose(got[0], _kaplan_plan(flops, "minimum")[0], rtol=1e-6):
        return ("you read the budget as C_min; here it is the compute spent at the critical batch size, "
                "about 2·C_min: halve it first.")
    return (f"you returned N = {got[0]:.4g}, D = {got[1]:.4g}; check the PF-day conversion (8.64e19 FLOPs) and "
            "Table 6's coefficients and exponents.")


# 2.3 Implement kaplan_plan(flops) -> (N, D), Kaplan's Table 6 allocation with flops = compute spent ≈ 2·C_min.
declare(Function(
    id="2.3", name="kaplan_plan", returns=("N", "D"), reference=_kaplan_plan,
    cases=((1e19,), (1e21,), (3.14e23,)), hidden=("3e20", "5.76e23", "1e25"),
    explain=_explain_plan, passed="your plan matches Kaplan's Table 6 on three budgets.",
))


def _tokens_within_gap(n_params: float = EXERCISE_2_4_PARAMS, gap: float = EXERCISE_2_4_GAP,
                       law: kaplan.KaplanJointLaw = kaplan.JOINT_FIT) -> float:
    """Tokens D at which L(N, D) = (1 + gap)·L(N, ∞) under Kaplan's joint law (closed form)."""
    floor_term = (law.N_c / n_params) ** (law.alpha_N / law.alpha_D)
    return law.D_c / (((1 + gap) ** (1 / law.alpha_D) - 1) * floor_term)


# 2.4 Tokens that bring a 1e9-parameter model within 1 % of its unlimited-data loss (joint law, Table 2).
declare(Number(
    id="2.4", expected=_tokens_within_gap, rel_tol=0.02, unit="tokens",
    hint="L(N, ∞) = (N_c/N)^α_N; solve L(N, D) = 1.01·L(N, ∞) for D.",
))

# 2.5 Why did intermediate checkpoints of long cosine runs mislead Kaplan's frontier?
declare(Choice(
    id="2.5", correct="b", options=("a", "b", "c", "d"),
    why="part-way through a long cosine schedule the learning rate is still high, so the checkpoint's loss "
        "is higher than that of a run of that length with its own schedule.",
    hint="compare a checkpoint at 20% of a long schedule with a short run whose schedule ends there.",
))

# 2.6 How many times larger is Kaplan's N_opt (budget = compute spent) than Table 3's at 1e24 FLOPs?
declare(Number(
    id="2.6", rel_tol=0.02, unit="× larger",
    expected=lambda: _kaplan_plan(EXERCISE_2_6_FLOPS)[0] / chinchilla.table_3_optimal_params(EXERCISE_2_6_FLOPS),
    hint="divide kaplan.optimal_allocation(1e24, compute='actual').N by the Table 3 size.",
))

# --- Judgement: choose between two plans, and diagnose a parameter count ------------------------

#: Exercise 2.7: Hoffmann et al.'s head-to-head budget (App. D.4) and the law used as the referee.
EXERCISE_2_7_FLOPS = chinchilla.APP_D4_FLOPS
EXERCISE_2_7_REFEREE = chinchilla.BESIROGLU_2024


def _plan_loss_gap(flops: float = EXERCISE_2_7_FLOPS, law=EXERCISE_2_7_REFEREE) -> float:
    """Loss of Kaplan's plan minus loss of Table 3's plan at ``flops`` (compute spent), under ``law``, nats/token."""
    losses = []
    for n in (_kaplan_plan(flops)[0], chinchilla.table_3_optimal_params(flops)):
        losses.append(law.loss(n, compute.tokens_for_budget(flops, n)))
    return float(losses[0] - losses[1])


# 2.7 Kaplan's plan against Table 3's at 1e21 FLOPs, judged by the refit law: L(Kaplan) − L(Table 3).
declare(Number(
    id="2.7", expected=_plan_loss_gap, rel_tol=0.03, unit="nats per token",
    hint="each plan spends 1e21 FLOPs: D = C/(6N). Evaluate BESIROGLU_2024.loss(N, D) for both.",
    slips=(Slip(lambda gap: -gap, "{value:.4g} has the right size but the wrong sign: subtract Table 3's loss "
                                  "from Kaplan's, not the other way round."),),
))

#: Exercise 2.8: the range of non-embedding sizes of the colleague's study.
EXERCISE_2_8_SIZE_RANGE = (1e6, 1e8)


def _small_study_exponent(size_range=EXERCISE_2_8_SIZE_RANGE) -> float:
    """a_N measured Kaplan's way (non-embedding N and C) over ``size_range`` in a world following the refit."""
    return reconcile.fitted_frontier_exponent(chinchilla.BESIROGLU_2024, "non-embedding", size_range=size_range).a_N


# 2.8 The exponent a small study measures when it counts non-embedding parameters (world: the refit).
declare(Number(
    id="2.8", expected=_small_study_exponent, rel_tol=0.01, unit="(the exponent a_N)",
    hint="reconcile.fitted_frontier_exponent(law, 'non-embedding', size_range=(1e6, 1e8)).a_N",
    slips=(Slip(lambda _: chinchilla.BESIROGLU_2024.a_N,
                "{value:.4g} is the world's own exponent, what a study counting every "
                "parameter would find; the colleague counts only non-embedding ones."),),
))

#: Exercise 2.9: Porian et al.'s OpenWebText2 twin of the "Reproducing Kaplan" setup, and how many
#: sizes nearest the lowest loss each parabola goes through.
EXERCISE_2_9_SETUP = "owt2-base-long-kaplan-kaplan-train"
EXERCISE_2_9_NEAREST = 5


def _real_isoflop_exponent(nearest=EXERCISE_2_9_NEAREST, **options) -> float:
    """a_N of exercise 2.9's setup by IsoFLOP parabolas (scaling.realdata.isoflop_exponent)."""
    from .. import datasets, realdata

    runs = datasets.porian_isoflop().select(EXERCISE_2_9_SETUP)
    return realdata.isoflop_exponent(runs, nearest=nearest, **options).a_N


# 2.9 a_N of Porian et al.'s OpenWebText2 "Reproducing Kaplan" runs, parabolas through the 5 sizes nearest each minimum.
declare(Number(
    id="2.9", expected=_real_isoflop_exponent, rel_tol=0.01, unit="(the exponent a_N)",
    hint="per budget: the 5 sizes nearest (in ln N) the lowest loss, a parabola in ln N, its "
         "minimum N_opt; then the slope of ln N_opt against ln C.",
    slips=(Slip(lambda _: _real_isoflop_exponent(None, keep_unbracketed=True),
                "{value:.4g} is the naive fit through every size: keep only the 5 sizes "
                "nearest the lowest loss at each budget."),),
))


# 2.10 Decision with a rubric: which claim about the Kaplan-Chinchilla gap Porian et al.'s runs support.
declare(Choice(
    id="2.10", correct="c", options=("a", "b", "c", "d"),
    why="on both data sets the counting step moves a_N by roughly 40-50 % of the total and warm-up, "
        "decay and per-size tuning the rest; the ladder is not additive, so the shares are approximate.",
    hint="compute the counting step's move and the total move on RefinedWeb and OpenWebText2, as the chapter does.",
))
