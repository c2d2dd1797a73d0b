"""Tests of scaling.testtime: pass@k, coverage, the coverage law, majority vote, compute matching.

Expected values are worked by hand in the comments or enumerated from first principles
(all k-subsets of n samples); none is copied from the code's output.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binom

from scaling import testtime as tt

FAST = settings(max_examples=40, deadline=None)


# --- pass@k ----------------------------------------------------------------------------------


def enumerated_pass_at_k(n, c, k):
    """Share of all k-subsets of n samples (the first c correct) that contain a correct one."""
    samples = [True] * c + [False] * (n - c)
    subsets = list(itertools.combinations(range(n), k))
    return sum(any(samples[i] for i in subset) for subset in subsets) / len(subsets)


@pytest.mark.parametrize("n", range(1, 7))
def test_pass_at_k_equals_enumeration_and_combinatorial_form(n):
    for c in range(n + 1):
        for k in range(1, n + 1):
            expected = enumerated_pass_at_k(n, c, k)
            combinatorial = 1 - math.comb(n - c, k) / math.comb(n, k)
            assert tt.pass_at_k(n, c, k) == pytest.approx(expected, abs=1e-12)
            assert tt.pass_at_k(n, c, k) == pytest.approx(combinatorial, abs=1e-12)


def test_pass_at_k_small_cases_by_hand():
    # n = 10, c = 3, k = 2: 1 − C(7,2)/C(10,2) = 1 − 21/45 = 24/45 = 0.53333.
    assert tt.pass_at_k(10, 3, 2) == pytest.approx(24 / 45)
    # No correct sample: 0. Fewer wrong samples than k: every subset holds a correct one: 1.
    assert tt.pass_at_k(10, 0, 5) == 0.0
    assert tt.pass_at_k(10, 8, 3) == 1.0
    # k = 1 is the plain success rate c/n.
    assert tt.pass_at_k(7, 3, 1) == pytest.approx(3 / 7)


def test_pass_at_k_large_n_is_stable():
    # n = 200, c = 1, k = 100: C(199,100)/C(200,100) = 100/200, so pass@k = 0.5.
    assert tt.pass_at_k(200, 1, 100) == pytest.approx(0.5, abs=1e-12)
    # n = 10,000, c = 1, k = 1: 1/10,000.
    assert tt.pass_at_k(10_000, 1, 1) == pytest.approx(1e-4, rel=1e-9)
    # c = 2, k = 100, n = 200: 1 − (100·99)/(200·199) = 1 − 9900/39800 = 0.751256.
    assert tt.pass_at_k(200, 2, 100) == pytest.approx(1 - 9900 / 39800, rel=1e-12)


def test_pass_at_k_is_vectorised_over_problems():
    n = np.array([10, 5, 6, 200])
    c = np.array([3, 5, 0, 1])
    out = tt.pass_at_k(n, c, 2)
    assert out.shape == (4,)
    # 24/45; all correct: 1; none correct: 0; 1 − C(199,2)/C(200,2) = 1 − 198/200 = 0.01.
    assert out == pytest.approx([24 / 45, 1.0, 0.0, 0.01])
    assert tt.mean_pass_at_k(n, c, 2) == pytest.approx((24 / 45 + 1 + 0 + 0.01) / 4)
    # A shared n with per-problem c broadcasts.
    assert tt.pass_at_k(10, [0, 3], 2) == pytest.approx([0.0, 24 / 45])


def test_pass_at_k_curve():
    # Problems (n=4, c=1) and (n=4, c=2). k=1: (1/4 + 2/4)/2 = 0.375.
    # k=2: 1 − C(3,2)/C(4,2) = 1 − 3/6 = 0.5 and 1 − C(2,2)/C(4,2) = 1 − 1/6; mean = 0.66667.
    curve = tt.pass_at_k_curve([4, 4], [1, 2], [1, 2])
    assert curve == pytest.approx([0.375, (0.5 + 5 / 6) / 2])


def test_pass_at_k_is_unbiased_and_the_naive_estimate_is_not():
    # Averaged over c ~ Binomial(n, p), the unbiased estimator gives exactly 1 − (1 − p)^k.
    n, k, p = 20, 5, 0.1
    c = np.arange(n + 1)
    weights = binom.pmf(c, n, p)
    true = 1 - (1 - p) ** k  # 1 − 0.9^5 = 1 − 0.59049 = 0.40951
    assert weights @ tt.pass_at_k(np.full_like(c, n), c, k) == pytest.approx(0.40951, abs=1e-9)
    assert weights @ tt.naive_pass_at_k(np.full_like(c, n), c, k) < true - 0.01


def test_naive_pass_at_k_by_hand():
    # 1 − (1 − 3/10)^2 = 1 − 0.49 = 0.51.
    assert tt.naive_pass_at_k(10, 3, 2) == pytest.approx(0.51)


@FAST
@given(st.integers(1, 60), st.data())
def test_pass_at_k_increases_with_k_and_c(n, draw):
    c = draw.draw(st.integers(0, n))
    k = draw.draw(st.integers(1, n))
    value = tt.pass_at_k(n, c, k)
    assert 0.0 <= value <= 1.0
    if k < n:
        assert tt.pass_at_k(n, c, k + 1) >= value - 1e-12
    if c < n:
        assert tt.pass_at_k(n, c + 1, k) >= value - 1e-12


@FAST
@given(st.integers(1, 60), st.data())
def test_pass_at_k_decreases_with_n_for_fixed_c(n, draw):
    c = draw.draw(st.integers(0, n))
    k = draw.draw(st.integers(1, n))
    assert tt.pass_at_k(n + 1, c, k) <= tt.pass_at_k(n, c, k) + 1e-12


# --- coverage and its law ------------------------------------------------------------------


def test_coverage_by_hand():
    # p = 0, 0.5, 1 with k = 2: failures (1, 0.25, 0); coverage 1 − 1.25/3 = 0.583333.
    assert tt.coverage([0.0, 0.5, 1.0], 2) == pytest.approx(1 - 1.25 / 3)
    # k = 1 is the mean success rate; k as an array gives one value per k.
    out = tt.coverage([0.2, 0.4], [1, 3])
    # k = 3: 1 − (0.8³ + 0.6³)/2 = 1 − (0.512 + 0.216)/2 = 0.636.
    assert out == pytest.approx([0.3, 0.636])


def test_coverage_of_unsolvable_problems_plateaus():
    # A quarter of the problems have p = 0: coverage never exceeds 0.75.
    p = np.array([0.0, 0.3, 0.6, 0.9])
    assert tt.coverage(p, 10_000) == pytest.approx(0.75)


def test_problem_set_simulation_is_seeded_and_deterministic():
    a = tt.sample_success_probabilities(500, mean=0.3, concentration=2.0, unsolvable_fraction=0.2, seed=7)
    b = tt.sample_success_probabilities(500, mean=0.3, concentration=2.0, unsolvable_fraction=0.2, seed=7)
    c = tt.sample_success_probabilities(500, mean=0.3, concentration=2.0, unsolvable_fraction=0.2, seed=8)
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    assert a.shape == (500,) and np.all((a >= 0) & (a <= 1))


def test_problem_set_has_the_asked_mean_and_unsolvable_share():
    # Beta(mean·κ, (1−mean)·κ) has mean 0.3; with 20% set to zero the mean is 0.8·0.3 = 0.24.
    p = tt.sample_success_probabilities(20_000, mean=0.3, concentration=2.0, unsolvable_fraction=0.2, seed=1)
    assert np.mean(p == 0) == pytest.approx(0.2, abs=0.015)
    assert p.mean() == pytest.approx(0.24, abs=0.01)


def test_attempt_simulation_is_seeded_and_deterministic():
    p = np.array([0.0, 0.5, 1.0, 0.1])
    a = tt.simulate_correct_counts(p, 50, seed=3)
    b = tt.simulate_correct_counts(p, 50, seed=3)
    np.testing.assert_array_equal(a, b)
    assert a[0] == 0 and a[2] == 50
    assert np.all((a >= 0) & (a <= 50))


def test_simulated_counts_give_pass_at_k_near_the_true_coverage():
    p = tt.sample_success_probabilities(400, seed=2)
    c = tt.simulate_correct_counts(p, 100, seed=2)
    for k in (1, 10):
        assert tt.mean_pass_at_k(100, c, k) == pytest.approx(tt.coverage(p, k), abs=0.03)


def test_coverage_law_by_hand():
    # k = 1: exp(a); a = −0.8: e^−0.8 = 0.449329. k = 16, b = −0.5: exp(−0.8/4) = e^−0.2 = 0.818731.
    assert tt.coverage_law(1, -0.8, -0.5) == pytest.approx(0.449329, abs=1e-6)
    assert tt.coverage_law(16, -0.8, -0.5) == pytest.approx(0.818731, abs=1e-6)


def test_fit_recovers_known_law_exactly():
    k = 2.0 ** np.arange(0, 11)
    c = np.exp(-0.8 * k**-0.4)
    fit = tt.fit_coverage_law(k, c)
    assert fit.a == pytest.approx(-0.8, rel=1e-6)
    assert fit.b == pytest.approx(-0.4, rel=1e-6)
    assert fit.rms_log_error < 1e-9
    assert fit.predict(4.0) == pytest.approx(np.exp(-0.8 * 4**-0.4))


def test_fit_recovers_known_law_from_noisy_data():
    rng = np.random.default_rng(0)
    k = 2.0 ** np.arange(0, 11)
    log_c = -1.2 * k**-0.3 * np.exp(rng.normal(0, 0.02, k.size))  # 2% noise on −log c
    fit = tt.fit_coverage_law(k, np.exp(log_c))
    assert fit.a == pytest.approx(-1.2, rel=0.05)
    assert fit.b == pytest.approx(-0.3, abs=0.02)


# --- majority vote -------------------------------------------------------------------------


def test_majority_vote_small_cases_by_hand():
    # One sample: the vote is that sample, p.
    assert tt.majority_vote_accuracy(0.37, 1, 3) == pytest.approx(0.37)
    # k = 2: both right p², one right one wrong is a tie (credit 1/2): p² + p(1 − p) = p.
    assert tt.majority_vote_accuracy(0.37, 2, 1) == pytest.approx(0.37)
    assert tt.majority_vote_accuracy(0.37, 2, 4) == pytest.approx(0.37)
    # k = 3, m = 1, p = 0.6: P(≥2 right) = 3·0.36·0.4 + 0.216 = 0.432 + 0.216 = 0.648.
    assert tt.majority_vote_accuracy(0.6, 3, 1) == pytest.approx(0.648)
    # k = 3, m = 2, p = 0.5: 3 right 0.125; 2 right 0.375; 1 right (0.375) and the two wrong
    # differ (1/2): three-way tie, credit 1/3 → 0.0625. Total 0.5625.
    assert tt.majority_vote_accuracy(0.5, 3, 2) == pytest.approx(0.5625)


def test_majority_vote_is_fair_when_all_answers_are_equally_likely():
    # p = 1/(m + 1): correct and each wrong answer are exchangeable, so each wins 1/(m + 1).
    for m, k in ((1, 7), (3, 10), (4, 25)):
        assert tt.majority_vote_accuracy(1 / (m + 1), k, m) == pytest.approx(1 / (m + 1), abs=1e-9)


def test_majority_vote_extremes_and_arrays():
    out = tt.majority_vote_accuracy(np.array([0.0, 1.0]), 9, 3)
    assert out == pytest.approx([0.0, 1.0])


def test_majority_vote_agrees_with_monte_carlo():
    p = np.array([0.15, 0.3, 0.5])
    exact = tt.majority_vote_accuracy(p, 12, 3)
    simulated = tt.simulate_majority_vote(p, 12, 3, n_trials=4000, seed=1)
    # Standard error at most sqrt(0.25/4000) = 0.0079; allow 4 of them.
    assert simulated == pytest.approx(exact, abs=0.032)


def test_majority_vote_simulation_is_deterministic():
    a = tt.simulate_majority_vote([0.2, 0.4], 5, 2, n_trials=300, seed=4)
    b = tt.simulate_majority_vote([0.2, 0.4], 5, 2, n_trials=300, seed=4)
    np.testing.assert_array_equal(a, b)


def test_majority_vote_plateaus_while_coverage_keeps_rising():
    # m = 3: the correct answer is the most likely one only if p > (1 − p)/3, i.e. p > 0.25.
    # Hard p = 0.2 (each wrong answer 0.8/3 = 0.267 beats it); easy p = 0.4 (wrong ones 0.2 each).
    assert tt.majority_vote_limit([0.2, 0.25, 0.3], 3) == pytest.approx([0.0, 0.25, 1.0])
    ks = [1, 5, 25, 125]
    hard = [tt.majority_vote_accuracy(0.2, k, 3) for k in ks]
    easy = [tt.majority_vote_accuracy(0.4, k, 3) for k in ks]
    assert all(a >= b for a, b in zip(hard, hard[1:]))  # falls toward 0
    assert all(a <= b for a, b in zip(easy, easy[1:]))  # rises toward 1
    assert hard[-1] < 0.05 and easy[-1] > 0.9
    # An oracle would solve the hard problem almost surely: 1 − 0.8^125 ≈ 1.
    assert tt.coverage(0.2, 125) > 0.999
    # Majority vote never beats the oracle.
    for k in ks:
        assert tt.majority_vote_accuracy(0.2, k, 3) <= tt.coverage(0.2, k) + 1e-12


# --- compute-matched comparison ------------------------------------------------------------


def test_samples_for_compute_match():
    # 2·14e9·T / (2·1e9·T) = 14.
    assert tt.samples_for_compute_match(1e9, 14e9) == 14
    assert tt.samples_for_compute_match(3e9, 10e9) == 3  # floor(3.33)


def test_larger_model_success_rule_by_hand():
    # Odds ×14: p = 0.5 → odds 1 → 14 → 14/15 = 0.93333; γ = 0.5: odds √14 = 3.7417 → 0.78913.
    assert tt.larger_model_success(0.5, 14) == pytest.approx(14 / 15)
    assert tt.larger_model_success(0.5, 14, logit_gain=0.5) == pytest.approx(3.7417 / 4.7417, abs=1e-4)
    assert tt.larger_model_success([0.0, 1.0], 14) == pytest.approx([0.0, 1.0])


def test_compute_matched_flops_and_costs():
    result = tt.compute_matched_comparison([0.5, 0.0], 1e9, 14e9, selection="oracle", tokens_per_sample=1000.0)
    # Small: 14 samples · 2·1e9·1000 = 2.8e13 FLOPs; large: 2·14e9·1000 = 2.8e13 FLOPs.
    assert result.samples == 14
    assert result.flops_per_problem_small == pytest.approx(2.8e13)
    assert result.flops_per_problem_large == pytest.approx(2.8e13)
    # Oracle: 1 − 0.5^14 = 0.999939 and 0; mean 0.499969. Large: 14/15 and 0; mean 0.466667.
    assert result.solved_small == pytest.approx((1 - 0.5**14) / 2)
    assert result.solved_large == pytest.approx(7 / 15)
    assert result.flops_per_solved_small == pytest.approx(2.8e13 / ((1 - 0.5**14) / 2))


def test_nothing_solved_is_refused_rather_than_infinite_flops_per_solve():
    with pytest.raises(ValueError, match="No problem is ever solved"):
        tt.compute_matched_comparison([0.0, 0.0], 1e9, 14e9)


def test_oracle_sampling_never_loses_with_unit_gain():
    # 1 − (1 − p)^k ≥ kp/(1 + (k − 1)p), because 1 + x ≤ e^x gives
    # (1 − p)^(k−1)·(1 + (k − 1)p) ≤ e^(−(k−1)p)·e^((k−1)p) = 1.
    p = np.linspace(0, 1, 101)
    result = tt.compute_matched_comparison(p, 1e9, 14e9, selection="oracle", logit_gain=1.0)
    assert np.all(result.accuracy_small >= result.accuracy_large - 1e-12)


def test_majority_vote_reproduces_snell_pattern_qualitatively():
    # Easy problem p = 0.6: 14 votes with m = 3 are almost always right; the large model gets
    # 8.4/8.8 = 0.9545. Hard problem p = 0.05: the large model gets 0.7/1.65 = 0.4242, while
    # the correct answer is rarely the plurality of 14 votes.
    result = tt.compute_matched_comparison([0.6, 0.05], 1e9, 14e9, selection="majority", n_wrong_answers=3)
    assert result.accuracy_large == pytest.approx([8.4 / 8.8, 0.7 / 1.65])
    assert result.accuracy_small[0] > result.accuracy_large[0]
    assert result.accuracy_small[1] < result.accuracy_large[1]


def test_difficulty_levels():
    # Ranked by p, highest first: 0.9 (1), 0.7 (2), 0.5 (3), 0.3 (4), 0.1 (5).
    levels = tt.difficulty_levels([0.9, 0.1, 0.5, 0.3, 0.7], 5)
    np.testing.assert_array_equal(levels, [1, 5, 3, 4, 2])
    ten = tt.difficulty_levels(np.linspace(1, 0, 10), 5)
    np.testing.assert_array_equal(ten, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])


# --- bad inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: tt.pass_at_k(5, 6, 1), "c cannot exceed the number of samples n"),
        (lambda: tt.pass_at_k([5, 5], [2, 6], 1), "c = 6 > n = 5 at position 1"),
        (lambda: tt.pass_at_k(5, 2, 6), "k cannot exceed the number of samples n"),
        (lambda: tt.pass_at_k(5, -1, 1), "correct samples c must be at least 0"),
        (lambda: tt.pass_at_k(-5, 1, 1), "samples per problem n must be at least 1"),
        (lambda: tt.pass_at_k(5, 2, 0), "attempts k must be at least 1"),
        (lambda: tt.pass_at_k(5.5, 2, 1), "whole number"),
        (lambda: tt.pass_at_k(5, 2, 1.5), "whole number"),
        (lambda: tt.pass_at_k(5, float("nan"), 1), "finite"),
        (lambda: tt.pass_at_k([], [], 1), "must not be empty"),
        (lambda: tt.pass_at_k([5, 6], [1, 2, 3], 1), "same shape"),
        (lambda: tt.pass_at_k(5, 2, [1, 2]), "one whole number"),
        (lambda: tt.mean_pass_at_k(5, 6, 1), "cannot exceed"),
        (lambda: tt.pass_at_k_curve([5], [2], [1, 9]), "k cannot exceed"),
        (lambda: tt.pass_at_k_curve([5], [2], []), "must not be empty"),
        (lambda: tt.naive_pass_at_k(5, 6, 1), "cannot exceed"),
        (lambda: tt.naive_pass_at_k(5, 2, 6), "k cannot exceed"),
        (lambda: tt.coverage([0.2, 1.5], 3), "success probability p must lie in"),
        (lambda: tt.coverage([0.2], 0), "attempts k must be at least 1"),
        (lambda: tt.coverage([], 3), "must not be empty"),
        (lambda: tt.coverage([0.2, float("nan")], 3), "finite"),
        (lambda: tt.sample_success_probabilities(0), "number of problems must be at least 1"),
        (lambda: tt.sample_success_probabilities(10, mean=1.0), "mean success probability must lie in"),
        (lambda: tt.sample_success_probabilities(10, concentration=-1), "concentration"),
        (lambda: tt.sample_success_probabilities(10, unsolvable_fraction=1.0), "unsolvable fraction"),
        (lambda: tt.sample_success_probabilities(10, seed=-1), "seed must be at least 0"),
        (lambda: tt.simulate_correct_counts([0.5, -0.1], 10), "must lie in"),
        (lambda: tt.simulate_correct_counts([0.5], 0), "must be at least 1"),
        (lambda: tt.simulate_correct_counts([], 10), "must not be empty"),
        (lambda: tt.coverage_law(4, 0.5, -0.3), "coefficient a must be negative"),
        (lambda: tt.coverage_law(0, -0.5, -0.3), "greater than zero"),
        (lambda: tt.coverage_law(4, -0.5, float("nan")), "finite"),
        (lambda: tt.fit_coverage_law([1, 2], [0.3, 0.4]), "at least 3 points"),
        (lambda: tt.fit_coverage_law([1, 2, 4], [0.3, 0.4, 1.0]), "coverage must lie in"),
        (lambda: tt.fit_coverage_law([1, 2, 4, 8], [0.3, 0.4, 0.5]), "same shape"),
        (lambda: tt.fit_coverage_law([2, 2, 2], [0.3, 0.3, 0.3]), "two different values"),
        (lambda: tt.fit_coverage_law([1, 2, float("nan")], [0.3, 0.4, 0.5]), "finite"),
        (lambda: tt.majority_vote_accuracy(1.2, 3, 2), "must lie in"),
        (lambda: tt.majority_vote_accuracy(0.5, 0, 2), "samples k must be at least 1"),
        (lambda: tt.majority_vote_accuracy(0.5, 3, 0), "wrong answers m must be at least 1"),
        (lambda: tt.majority_vote_accuracy([], 3, 2), "must not be empty"),
        (lambda: tt.majority_vote_limit(0.5, 2.5), "whole number"),
        (lambda: tt.majority_vote_limit(float("nan"), 2), "finite"),
        (lambda: tt.simulate_majority_vote(0.5, 3, 2, n_trials=0), "trials must be at least 1"),
        (lambda: tt.simulate_majority_vote([], 3, 2), "must not be empty"),
        (lambda: tt.larger_model_success(0.5, 0.5), "size ratio must lie in"),
        (lambda: tt.larger_model_success(0.5, 14, logit_gain=-1), "logit gain must be zero or more"),
        (lambda: tt.samples_for_compute_match(14e9, 1e9), "at least as many parameters"),
        (lambda: tt.samples_for_compute_match(-1, 1e9), "parameters N"),
        (lambda: tt.compute_matched_comparison([0.5], 1e9, 14e9, selection="best"), "selection rule"),
        (lambda: tt.compute_matched_comparison([], 1e9, 14e9), "must not be empty"),
        (lambda: tt.compute_matched_comparison([0.5], 1e9, 14e9, tokens_per_sample=-5), "tokens per sample"),
        (lambda: tt.samples_for_compute_match(1e9, 14e9, tokens_per_sample=0), "tokens per sample"),
        (lambda: tt.difficulty_levels([0.5, 0.2], 5), "at least as many problems as levels"),
        (lambda: tt.difficulty_levels([0.5, float("nan")], 1), "finite"),
    ],
)
def test_bad_inputs_raise_clear_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- additions for chapter 6: the law through two points, majority vote over many k ---------


def test_coverage_law_through_points_recovers_a_known_law():
    # a = −2, b = −0.3: c(1) = e^−2; c(8) = exp(−2·8^−0.3) = exp(−2·0.535887) = exp(−1.071773).
    fit = tt.coverage_law_through_points(1, math.exp(-2.0), 8, math.exp(-1.071773))
    assert fit.a == pytest.approx(-2.0, abs=1e-5)
    assert fit.b == pytest.approx(-0.3, abs=1e-5)
    assert fit.rms_log_error == 0.0


def test_coverage_law_through_brown_swe_bench_points():
    # ln 0.159 = −1.838851, ln 0.56 = −0.579818; ratio 0.315313, ln of it −1.154190;
    # ln 250 = 5.521461, so b = −0.209038 and a = −1.838851.
    fit = tt.coverage_law_through_points(
        1, tt.BROWN_SWE_BENCH_LITE_PASS_AT_1, tt.BROWN_SWE_BENCH_LITE_SAMPLES, tt.BROWN_SWE_BENCH_LITE_COVERAGE
    )
    assert fit.a == pytest.approx(-1.838851, abs=1e-5)
    assert fit.b == pytest.approx(-0.209038, abs=1e-5)
    assert fit.predict(250) == pytest.approx(0.56)


def test_published_test_time_constants():
    assert tt.SNELL_SIZE_RATIO == 14 and tt.SNELL_DIFFICULTY_LEVELS == 5
    assert (
        tt.BROWN_SWE_BENCH_LITE_PASS_AT_1
        < tt.BROWN_SWE_BENCH_LITE_SINGLE_ATTEMPT_SOTA
        < tt.BROWN_SWE_BENCH_LITE_COVERAGE
    )
    # One sample of a 14× larger model costs as much as SNELL_SIZE_RATIO samples of the small one.
    assert tt.samples_for_compute_match(1e9, tt.SNELL_SIZE_RATIO * 1e9) == tt.SNELL_SIZE_RATIO


def test_majority_vote_table_matches_the_one_k_function():
    p = np.array([0.0, 0.05, 0.2, 0.5, 1.0])
    ks = [1, 3, 14]
    table = tt.majority_vote_table(p, ks, 4)
    assert table.shape == (3, 5)
    for row, k in zip(table, ks):
        np.testing.assert_allclose(row, tt.majority_vote_accuracy(p, k, 4), atol=1e-12)
    # One sample: majority vote is just the sample, accuracy p.
    np.testing.assert_allclose(table[0], p, atol=1e-12)
    # Called again (cached part reused), the same numbers.
    np.testing.assert_array_equal(tt.majority_vote_table(p, ks, 4), table)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: tt.coverage_law_through_points(5, 0.2, 5, 0.4), "must differ"),
        (lambda: tt.coverage_law_through_points(1, 0.2, 8, 1.0), "second coverage c2 must lie in"),
        (
            lambda: tt.coverage_law_through_points(0, 0.2, 8, 0.4),
            "first number of samples k1 must be greater than zero",
        ),
        (lambda: tt.majority_vote_table([0.5, 1.2], [1, 2], 3), "must lie in"),
        (lambda: tt.majority_vote_table([0.5], [0, 2], 3), "samples k must be at least 1"),
        (lambda: tt.majority_vote_table([0.5], [2], 0), "wrong answers m must be at least 1"),
    ],
)
def test_chapter_6_additions_reject_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_probability_mass_functions_match_scipy_stats():
    # testtime computes binomial and Poisson probabilities with scipy.special (cheap to import);
    # they must agree with scipy.stats, including the edges p = 0, p = 1 and λ = 0.
    from scipy.stats import poisson

    p = np.array([0.0, 1e-9, 0.3, 0.5, 1.0])[:, None]
    for k in (1, 14, 200):
        j = np.arange(k + 1)
        np.testing.assert_allclose(tt._binom_pmf(j, k, p), binom.pmf(j, k, p), rtol=1e-9, atol=1e-15)
    for lam in (0.0, 0.7, 30.0):
        j = np.arange(80)
        np.testing.assert_allclose(tt._poisson_pmf(j, lam), poisson.pmf(j, lam), rtol=1e-9, atol=1e-15)


# --- Sequential test-time compute (chapter 6) ---------------------------------------------------------------


def test_thinking_accuracy_by_hand():
    # ceiling / (1 + (2000 / T)^1): half the ceiling at 2,000 tokens; 0.8 / (1 + 1/4) = 0.64 at 8,000.
    assert tt.thinking_accuracy(2000.0) == pytest.approx(0.4)
    assert tt.thinking_accuracy(8000.0) == pytest.approx(0.64)
    assert tt.thinking_accuracy(1e12) == pytest.approx(0.8, abs=1e-6)
    np.testing.assert_allclose(tt.thinking_accuracy(np.array([500.0, 2000.0])), [0.16, 0.4])


def test_answer_flops_counts_attention_and_samples():
    # 1 layer, width 1, N = 1, no prompt, 2 tokens: 2·2 + 4·(0 + 1) = 8 FLOPs per sample; 3 samples: 24.
    assert tt.answer_flops(1.0, 1, 1, 0, 2, samples=3) == pytest.approx(24.0)
    # one answer of 4T tokens costs more than four of T: attention is quadratic in the length
    long = tt.answer_flops(8e9, 32, 4096, 0, 32_000)
    parallel = tt.answer_flops(8e9, 32, 4096, 0, 8_000, samples=4)
    assert long > parallel


def test_samples_matching_pretraining_by_hand():
    # r = 14: k = 14 + 39 / R. R = 1 → 53; R → large → 14; R = 0.1 → 404.
    assert tt.samples_matching_pretraining(14, 1.0) == pytest.approx(53.0)
    assert tt.samples_matching_pretraining(14, 0.1) == pytest.approx(404.0)
    assert tt.samples_matching_pretraining(14, 1e9) == pytest.approx(14.0, abs=1e-6)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: tt.thinking_accuracy(0.0), "reasoning tokens"),
        (lambda: tt.thinking_accuracy(100.0, ceiling=1.5), "ceiling"),
        (lambda: tt.answer_flops(8e9, 32, 4096, 0, 100, samples=0), "samples"),
        (lambda: tt.samples_matching_pretraining(0.5, 1.0), "size ratio"),
        (lambda: tt.samples_matching_pretraining(14, 0.0), "inference to pretraining"),
    ],
)
def test_sequential_bad_input(call, words):
    with pytest.raises(ValueError, match=words):
        call()
