"""Exercises of chapter 4, Llama and over-training. Expected values are computed by the package, never typed."""

from __future__ import annotations

import numpy as np

from .. import inference, models
from ..chinchilla import BESIROGLU_2024
from .graders import Verdict, function_check, how_far, number, percent
from .registry import exercise

#: Exercise 4.2: a 13B model on 1T tokens against a 7B model on 3T tokens.
BREAK_EVEN_PAIR = ((13e9, 1e12), (7e9, 3e12))
#: Exercise 4.4: the quality of a compute-optimal 70B model, served for 2 × 10^13 tokens.
DEMAND_CASE = (70e9, 2e13)


@exercise("4.1")
def llama3_8b_over_chinchilla(answer) -> Verdict:
    """Llama 3 8B's tokens per parameter, as a multiple of Chinchilla's."""
    expected = models.get_model("Llama 3 8B").tokens_per_param / models.get_model("Chinchilla").tokens_per_param
    return number(answer, expected, rel_tol=0.01, unit="× Chinchilla's ratio",
                  hint="tokens per parameter is D / N for each model; divide Llama 3 8B's by Chinchilla's.")


@exercise("4.2")
def break_even_13b_7b(answer) -> Verdict:
    """Served tokens at which 7B on 3T and 13B on 1T have used the same lifetime compute."""
    (n1, d1), (n2, d2) = BREAK_EVEN_PAIR
    expected = inference.break_even_served_tokens(n1, d1, n2, d2)
    return number(answer, expected, rel_tol=0.01, unit="served tokens",
                  hint="set 6·N1·D1 + 2·N1·T equal to 6·N2·D2 + 2·N2·T and solve for T (in tokens, not trillions).")


def _judge_iso_loss(n_params, loss, value) -> str | None:
    expected = inference.iso_loss_tokens(n_params, loss, inference.DEFAULT_LAW)
    if not np.isclose(value, expected, rtol=1e-6):
        return f"{how_far(value, expected, 1e-6)} Hint: solve L = E + A/N^α + B/D^β for D."
    return None


@exercise("4.3")
def iso_loss_function(answer) -> Verdict:
    """Implement iso_loss_tokens(n_params, loss): the tokens that bring N parameters to a loss."""
    cases = [(70e9, 1.95), (8e9, 2.05), (405e9, 1.85), (1e9, 2.6)]
    return function_check(answer, "iso_loss_tokens", cases, _judge_iso_loss,
                          "your iso-loss curve agrees with the package on four (N, loss) pairs.",
                          returns="one number of tokens")


@exercise("4.4")
def demand_aware_size(answer) -> Verdict:
    """Size of the model with the least lifetime compute at 70B-Chinchilla quality and 2e13 served tokens."""
    reference, demand = DEMAND_CASE
    loss = inference.compute_optimal_for_params(reference).loss
    expected = inference.demand_aware_optimum(loss, demand).n_params
    return number(answer, expected, rel_tol=0.02, unit="parameters",
                  hint="first the loss of the compute-optimal 70B model (compute_optimal_for_params), "
                       "then demand_aware_optimum at that loss; answer in parameters, not billions.")


@exercise("4.5")
def ratio_does_not_reveal_objective(answer) -> Verdict:
    """Ratio of the demands that make Llama 3 8B lifetime-optimal under Besiroglu's and Hoffmann's laws."""
    hoffmann = inference.implied_served_tokens(8e9, 15e12, inference.DEFAULT_LAW)
    besiroglu = inference.implied_served_tokens(8e9, 15e12, BESIROGLU_2024)
    return number(answer, besiroglu / hoffmann, rel_tol=0.01, unit="× the demand under Hoffmann's law",
                  hint="call implied_served_tokens(8e9, 15e12, law) once with each law and divide "
                       "Besiroglu's demand by Hoffmann's.")


@exercise("4.6")
def deepseek_training_flops(answer) -> Verdict:
    """DeepSeek-V3's training compute by 6ND with the right parameter count."""
    expected = models.get_model("DeepSeek-V3").flops_6nd
    return number(answer, expected, rel_tol=0.01, unit="FLOPs",
                  hint="each token passes through the active parameters only: use 37B, not 671B.")


#: Exercise 4.7: Gadre et al.'s training and evaluation sets, the model size (parameters) and the
#: token multipliers compared (D = 20·M·N).
EXERCISE_4_7_DATA = ("c4_original", "c4_val")
EXERCISE_4_7_PARAMS = 153_677_376.0
EXERCISE_4_7_MULTIPLIERS = (1.0, 32.0)


def overtraining_gain() -> float:
    """Percent by which the loss of exercise 4.7's model falls from the 1× to the 32× run (measured)."""
    from ..datasets import gadre_runs

    runs = gadre_runs().select(*EXERCISE_4_7_DATA)
    at_n = runs.N == EXERCISE_4_7_PARAMS
    low_m, high_m = EXERCISE_4_7_MULTIPLIERS
    before, after = runs.loss[at_n & (runs.M == low_m)][0], runs.loss[at_n & (runs.M == high_m)][0]
    return float(100.0 * (before - after) / before)


@exercise("4.7")
def overtraining_measured(answer) -> Verdict:
    """Percent lower C4 loss of Gadre et al.'s 154M model trained on 32× rather than 1× the Chinchilla tokens."""
    return percent(answer, overtraining_gain(), rel_tol=0.02, what="the drop",
                   sign="the loss falls, give (1× − 32×)/1× in percent",
                   hint="select the runs with N == 153_677_376; 100·(loss at M = 1 − loss at M = 32)/(loss at M = 1).")
