"""Exercises of chapter 6, test-time compute, each declared once. Expected values are computed by the package, never typed."""

from __future__ import annotations

from functools import cache

import numpy as np

from .. import compute, models, testtime
from .graders import how_far
from .registry import Choice, Function, Number, declare

#: Exercise 6.1: a problem solved with probability 0.1 per sample, 20 samples.
SUCCESS_6_1, SAMPLES_6_1 = 0.1, 20

#: Exercise 6.3: the problem set and the sampling run (seeded), and the k at which pass@k is read.
PROBLEMS_6_3 = dict(n_problems=200, mean=0.15, concentration=1.0, seed=5)
SAMPLES_6_3, SEED_6_3 = 500, 6
K_GRID_6_3 = (1, 2, 4, 8, 16, 32, 64, 128, 256)

#: Exercise 6.4: extrapolate Brown et al.'s law to this many samples.
TARGET_SAMPLES_6_4 = 1000

#: Exercise 6.5: Llama 3 8B answering with 32 samples of 1,000 tokens each.
MODEL_6_5, SAMPLES_6_5, TOKENS_6_5 = "Llama 3 8B", 32, 1000.0

#: Exercise 6.2: (n, c, k) cases, including c = 0, n − c < k and large n.
PASS_AT_K_CASES = ((5, 0, 1), (5, 1, 1), (10, 3, 2), (20, 1, 10), (200, 7, 100), (5, 5, 3), (10, 8, 3), (1000, 13, 50))

# 6.1 Chance that at least one of 20 samples is right when each is right with probability 0.1.
declare(Number(
    id="6.1", expected=lambda: testtime.coverage(SUCCESS_6_1, SAMPLES_6_1), rel_tol=0.005, unit="(a probability)",
    hint="the problem stays unsolved only if all 20 samples are wrong: (1 − p)^20.",
))


def _explain_pass_at_k(n, c, k, got, want) -> str:
    naive = testtime.naive_pass_at_k(n, c, k)
    why = (" That is the biased plug-in 1 − (1 − c/n)^k; count k-subsets instead."
           if np.isclose(got, naive, rtol=1e-6) and not np.isclose(naive, want) else "")
    return f"{how_far(got, want, 1e-6)}{why}"


# 6.2 Implement pass_at_k(n, c, k) = 1 − C(n−c, k)/C(n, k) for one problem.
declare(Function(
    id="6.2", name="pass_at_k", returns="one number", reference=testtime.pass_at_k, abs_tol=1e-9,
    cases=PASS_AT_K_CASES, hidden=("10, 0, 5", "50, 10, 5", "100, 95, 10", "30, 2, 1"), explain=_explain_pass_at_k,
    passed=f"your estimator agrees with Chen et al.'s on {len(PASS_AT_K_CASES)} cases, including c = 0 and n − c < k.",
))


@cache
def _simulated_exponent() -> float:
    p = testtime.sample_success_probabilities(**PROBLEMS_6_3)
    counts = testtime.simulate_correct_counts(p, SAMPLES_6_3, seed=SEED_6_3)
    measured = testtime.pass_at_k_curve(SAMPLES_6_3, counts, list(K_GRID_6_3))
    return testtime.fit_coverage_law(list(K_GRID_6_3), measured).b


# 6.3 Fit log c = a·k^b to pass@k from a seeded sampling simulation and report b.
declare(Number(
    id="6.3", expected=_simulated_exponent, rel_tol=0.02, unit="(the exponent b)",
    hint="use the seeds given, the unbiased pass@k (pass_at_k_curve) at the listed k, "
         "and fit_coverage_law; b is negative.",
))


def _swe_bench_coverage() -> float:
    law = testtime.coverage_law_through_points(1, testtime.BROWN_SWE_BENCH_LITE_PASS_AT_1,
                                               testtime.BROWN_SWE_BENCH_LITE_SAMPLES,
                                               testtime.BROWN_SWE_BENCH_LITE_COVERAGE)
    return law.predict(TARGET_SAMPLES_6_4)


# 6.4 Brown et al.'s law through (1, 15.9 %) and (250, 56 %), evaluated at 1,000 samples.
declare(Number(
    id="6.4", expected=_swe_bench_coverage, rel_tol=0.01, unit="(coverage, a fraction)",
    hint="at k = 1 the law gives log c = a, so a = ln 0.159; then solve ln 0.56 = a·250^b for b.",
))


def _questions_to_match_training() -> float:
    model = models.get_model(MODEL_6_5)
    training = compute.training_flops(model.n_params, model.n_tokens)
    return training / compute.inference_flops(model.n_params, SAMPLES_6_5 * TOKENS_6_5)


# 6.5 Questions after which serving 32 samples of 1,000 tokens each costs Llama 3 8B's training compute.
declare(Number(
    id="6.5", expected=_questions_to_match_training, rel_tol=0.01, unit="questions",
    hint="training is 6·N·D FLOPs, one question 2·N·(32·1,000) FLOPs; N cancels.",
))

# 6.6 Majority vote with unlimited samples when p = 0.2 and three wrong answers share the rest.
declare(Choice(
    id="6.6", correct="b", options=("a", "b", "c", "d"),
    why="each wrong answer comes out with probability 0.8/3 ≈ 0.27 > 0.2, so the vote converges on a "
        "wrong answer; coverage with a verifier would still tend to 1.",
    hint="with many samples each answer's share of votes approaches its probability; which answer is most likely?",
))
