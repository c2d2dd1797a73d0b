"""Exercises of chapter 4, Llama and over-training, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from .. import inference, models
from .graders import how_far
from .registry import Choice, Function, Number, Percent, declare

#: Exercise 4.2: a 13B model on 1T tokens against a 7B model on 3T tokens.
BREAK_EVEN_PAIR = ((13e9, 1e12), (7e9, 3e12))
#: Exercise 4.4: the quality of a compute-optimal 70B model, served for 2 × 10^13 tokens.
DEMAND_CASE = (70e9, 2e13)


def _tokens_per_param(name: str) -> float:
    return models.get_model(name).tokens_per_param


# 4.1 Llama 3 8B's tokens per parameter, as a multiple of Chinchilla's.
declare(Number(
    id="4.1", expected=lambda: _tokens_per_param("Llama 3 8B") / _tokens_per_param("Chinchilla"), rel_tol=0.01,
    unit="× Chinchilla's ratio", hint="tokens per parameter is D / N for each model; divide Llama 3 8B's by Chinchilla's.",
))

# 4.2 Served tokens at which 7B on 3T and 13B on 1T have used the same lifetime compute.
declare(Number(
    id="4.2", expected=lambda: inference.break_even_served_tokens(*BREAK_EVEN_PAIR[0], *BREAK_EVEN_PAIR[1]),
    rel_tol=0.01, unit="served tokens",
    hint="set 6·N1·D1 + 2·N1·T equal to 6·N2·D2 + 2·N2·T and solve for T (in tokens, not trillions).",
))

# 4.3 Implement iso_loss_tokens(n_params, loss): the tokens that bring N parameters to a loss.
declare(Function(
    id="4.3", name="iso_loss_tokens", returns="one number of tokens",
    reference=lambda n_params, loss: inference.iso_loss_tokens(n_params, loss, inference.DEFAULT_LAW),
    cases=((70e9, 1.95), (8e9, 2.05), (405e9, 1.85), (1e9, 2.6)), hidden=("13e9, 2.0", "2e9, 2.3", "200e9, 1.9"),
    explain=lambda n_params, loss, got, want: f"{how_far(got, want, 1e-6)} Hint: solve L = E + A/N^α + B/D^β for D.",
    passed="your iso-loss curve agrees with the package on four (N, loss) pairs.",
))


def _demand_aware_size() -> float:
    reference, demand = DEMAND_CASE
    loss = inference.compute_optimal_for_params(reference).loss
    return inference.demand_aware_optimum(loss, demand).n_params


# 4.4 Size of the model with the least lifetime compute at 70B-Chinchilla quality and 2e13 served tokens.
declare(Number(
    id="4.4", expected=_demand_aware_size, rel_tol=0.02, unit="parameters",
    hint="first the loss of the compute-optimal 70B model (compute_optimal_for_params), "
         "then demand_aware_optimum at that loss; answer in parameters, not billions.",
))

# 4.5 What a released tokens-per-parameter ratio tells you about the objective.
declare(Choice(
    id="4.5", correct="c", options=("a", "b", "c"),
    why="the ratio is consistent with many objectives and loss fits; only the authors' stated reasons "
        "(here: the flagship near compute-optimal on Meta's own fit, the small models trained longer on "
        "purpose) tell you what was optimised.",
    hint="compute implied_served_tokens for 8B on 15T tokens under two loss laws, and reread what the "
         "Llama 3 paper says about the 405B model.",
))

# 4.6 DeepSeek-V3's training compute by 6ND with the right parameter count.
declare(Number(
    id="4.6", expected=lambda: models.get_model("DeepSeek-V3").flops_6nd, rel_tol=0.01, unit="FLOPs",
    hint="each token passes through the active parameters only: use 37B, not 671B.",
))

#: Exercise 4.7: Gadre et al.'s training and evaluation sets, the model size (parameters) and the
#: token multipliers compared (D = 20·M·N).
EXERCISE_4_7_DATA = ("c4_original", "c4_val")
EXERCISE_4_7_PARAMS = 153_677_376.0
EXERCISE_4_7_MULTIPLIERS = (1.0, 32.0)


def _overtraining_gain() -> float:
    """Percent by which the loss of exercise 4.7's model falls from the 1× to the 32× run (measured)."""
    from ..datasets import gadre_runs

    runs = gadre_runs().select(*EXERCISE_4_7_DATA)
    at_n = runs.N == EXERCISE_4_7_PARAMS
    low_m, high_m = EXERCISE_4_7_MULTIPLIERS
    before, after = runs.loss[at_n & (runs.M == low_m)][0], runs.loss[at_n & (runs.M == high_m)][0]
    return float(100.0 * (before - after) / before)


# 4.7 Percent lower C4 loss of Gadre et al.'s 154M model trained on 32× rather than 1× the Chinchilla tokens.
declare(Percent(
    id="4.7", expected=_overtraining_gain, rel_tol=0.02, what="the drop",
    sign="the loss falls, give (1× − 32×)/1× in percent",
    hint="select the runs with N == 153_677_376; 100·(loss at M = 1 − loss at M = 32)/(loss at M = 1).",
))
