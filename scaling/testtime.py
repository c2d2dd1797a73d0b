"""Test-time compute: pass@k, coverage under repeated sampling, majority vote, compute-matched trade-offs.

Chapter 6 builds everything here.

* **pass@k** (Chen et al. 2021): from n samples per problem of which c are correct, the
  unbiased estimate of the chance that at least one of k samples is correct.
* **Coverage** (Brown et al. 2024): the share of problems solved by at least one of k samples.
  For a problem solved with probability p per sample it is 1 − (1 − p)^k; over a set of
  problems it is the mean. Brown et al. find log coverage ≈ a·k^b.
* **Selection matters.** Coverage assumes an oracle that recognises a correct sample. Majority
  vote has no oracle; it plateaus at the share of problems where the right answer is the most
  likely one.
* **Compute-matched comparisons.** Generating a token costs about 2·N FLOPs, so one sample from
  a model 14× larger costs as much as 14 samples from the smaller one (Snell et al. 2024).

Counts (n, c, k) are whole numbers; probabilities lie in [0, 1]. Every simulation takes a
``seed`` and uses its own ``numpy.random.default_rng``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares
from scipy.special import gammaln, xlog1py, xlogy

from . import _validate as check
from .compute import generation_flops, inference_flops

# ---------------------------------------------------------------------------------------------
# Published numbers (chapter 6)
# ---------------------------------------------------------------------------------------------

#: Snell et al. 2024, abstract: in a FLOPs-matched comparison, on problems where a smaller base
#: model has non-trivial success rates, test-time compute outperforms a model 14× larger.
SNELL_SIZE_RATIO = 14

#: Snell et al. 2024, abstract: the compute-optimal test-time strategy is more than 4× as
#: efficient as a best-of-N baseline.
SNELL_EFFICIENCY_OVER_BEST_OF_N = 4

#: Snell et al. 2024, §3: questions are binned into five difficulty levels by the base model's
#: pass@1 (estimated from 2,048 samples per question). Checked in a secondary copy only.
SNELL_DIFFICULTY_LEVELS = 5

#: Brown et al. 2024, abstract and §2.1: DeepSeek-Coder-V2-Instruct on SWE-bench Lite solves 15.9 %
#: of issues with one sample and 56 % with 250 samples (coverage: at least one sample passes the
#: tests); the best single-attempt result at the time was 43 %.
BROWN_SWE_BENCH_LITE_PASS_AT_1 = 0.159
BROWN_SWE_BENCH_LITE_SAMPLES = 250
BROWN_SWE_BENCH_LITE_COVERAGE = 0.56
BROWN_SWE_BENCH_LITE_SINGLE_ATTEMPT_SOTA = 0.43

#: Chen et al. 2021, §2.1: n = 200 samples per problem to estimate pass@k for k ≤ 100.
#: Checked in a secondary copy only.
CHEN_SAMPLES_PER_PROBLEM = 200

#: Our illustrative assumptions for chapter 6's simulations (not fitted to any paper): a model r
#: times larger multiplies the odds of solving each problem by r^0.5 (``larger_model_success``);
#: a wrong sample is one of 10 equally likely wrong answers (``majority_vote_accuracy``); every
#: sample is 1,000 tokens long; the reference model of the synthetic problem set has 1B parameters.
ILLUSTRATIVE_LOGIT_GAIN = 0.5
ILLUSTRATIVE_WRONG_ANSWERS = 10
ILLUSTRATIVE_TOKENS_PER_SAMPLE = 1000.0
ILLUSTRATIVE_REFERENCE_PARAMS = 1e9

# Limits on time and memory (each stated in the docstrings of the functions that enforce it).
#: pass@k keeps one float per sample of the largest problem: at most 10^7 samples (80 MB).
MAX_SAMPLES_PER_PROBLEM = 10**7
#: sample_success_probabilities draws at most 10^7 problems (80 MB per array).
MAX_PROBLEMS = 10**7
#: Exact majority vote costs about m·k² steps (k samples, m wrong answers): at most 2·10^7 (about a second).
MAX_VOTE_WORK = 2 * 10**7
#: simulate_majority_vote tallies trials × k × (m + 1) answers: at most 5·10^7 (about a second).
MAX_SIMULATED_ANSWERS = 5 * 10**7
#: The most values of k :func:`pass_at_k_curve` evaluates (one exact estimate over every problem each).
MAX_CURVE_POINTS = 10_000

# ---------------------------------------------------------------------------------------------
# Probability mass functions (scipy.special is far quicker to import than scipy.stats)
# ---------------------------------------------------------------------------------------------


def _binom_pmf(j, k, p):
    """Binomial probabilities C(k, j)·p^j·(1 − p)^(k − j), computed in log space; exact 0/1 at p = 0 or 1."""
    j = np.asarray(j, dtype=float)
    p = np.asarray(p, dtype=float)
    log_pmf = gammaln(k + 1.0) - gammaln(j + 1.0) - gammaln(k - j + 1.0) + xlogy(j, p) + xlog1py(k - j, -p)
    return np.exp(log_pmf)


def _poisson_pmf(j, lam):
    """Poisson probabilities λ^j·e^(−λ)/j!, computed in log space; 1 at j = 0 when λ = 0."""
    j = np.asarray(j, dtype=float)
    return np.exp(xlogy(j, lam) - lam - gammaln(j + 1.0))


# ---------------------------------------------------------------------------------------------
# Input checks for counts
# ---------------------------------------------------------------------------------------------


def _counts(value, name, minimum=0):
    """Whole numbers ≥ ``minimum``, scalar or array; returned as int or int64 array."""
    x = check._as_float(value, name)
    arr = np.asarray(x)
    bad = arr != np.floor(arr)
    if np.any(bad):
        raise ValueError(f"{name} must be a whole number, got {check._describe(x, bad)}.")
    bad = arr < minimum
    if np.any(bad):
        raise ValueError(f"{name} must be at least {minimum}, got {check._describe(x, bad)}.")
    return int(arr) if arr.ndim == 0 else arr.astype(np.int64)


def _one_count(value, name, minimum=0):
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be one whole number here, got an array; loop over the values.")
    return _counts(value, name, minimum)


def _samples_and_correct(n, c):
    """Check n (samples per problem, ≥ 1) and c (correct samples, 0 ≤ c ≤ n); broadcast them."""
    n = _counts(n, "The number of samples per problem n", minimum=1)
    c = _counts(c, "The number of correct samples c", minimum=0)
    if np.ndim(n) and np.ndim(c) and np.shape(n) != np.shape(c):
        raise ValueError(
            f"n and c must have the same shape (one entry per problem), got {np.shape(n)} and {np.shape(c)}."
        )
    n_arr, c_arr = np.broadcast_arrays(np.asarray(n), np.asarray(c))
    bad = c_arr > n_arr
    if np.any(bad):
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if bad.ndim else ()
        where = f" at position {index[0] if len(index) == 1 else index}" if index else ""
        raise ValueError(
            f"The number of correct samples c cannot exceed the number of samples n, "
            f"got c = {int(c_arr[index])} > n = {int(n_arr[index])}{where}."
        )
    return n_arr, c_arr


def _check_k_against_n(k, n_arr):
    if k > n_arr.min():
        raise ValueError(
            f"k cannot exceed the number of samples n (pass@k needs at least k samples), "
            f"got k = {k} and n = {int(n_arr.min())}."
        )


def _scalar_check(value, name):
    if np.ndim(value) != 0:
        raise ValueError(f"{name} must be one number here, got an array; loop over the values.")
    return float(value)


def _out(x):
    """Scalar in, scalar out."""
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


# ---------------------------------------------------------------------------------------------
# pass@k (Chen et al. 2021)
# ---------------------------------------------------------------------------------------------


def pass_at_k(n, c, k):
    """Unbiased pass@k of each problem from n samples with c correct (Chen et al. 2021, §2.1).

    pass@k = 1 − C(n−c, k)/C(n, k), computed in the numerically stable product form
    1 − Π_{i=n−c+1..n} (1 − k/i) (their App. A), summed in log space; it is 1 whenever
    n − c < k (every k-subset then holds a correct sample). ``n`` and ``c`` are whole numbers,
    scalars or arrays with one entry per problem (0 ≤ c ≤ n); ``k`` one whole number with
    1 ≤ k ≤ n. Limit: n ≤ ``MAX_SAMPLES_PER_PROBLEM`` (10^7; the partial sums take 8 bytes per
    sample). Result: probability per problem. Used in chapter 6.
    """
    n_arr, c_arr = _samples_and_correct(n, c)
    k = _one_count(k, "The number of attempts k", minimum=1)
    _check_k_against_n(k, n_arr)
    n_max = int(n_arr.max())
    if n_max > MAX_SAMPLES_PER_PROBLEM:
        raise ValueError(
            f"pass_at_k handles at most {MAX_SAMPLES_PER_PROBLEM:.0e} samples per problem, got n = {n_max:.3g}; "
            "with that many samples c/n is the success rate and coverage(c/n, k) is accurate."
        )
    # partial[m] = Σ_{i=k+1..m} log(1 − k/i); the product over i = n−c+1..n is
    # partial[n] − partial[n−c] whenever n − c ≥ k (all factors then positive).
    terms = np.zeros(n_max + 1)
    i = np.arange(k + 1, n_max + 1)
    terms[k + 1 :] = np.log1p(-k / i)
    partial = np.cumsum(terms)
    log_product = partial[n_arr] - partial[n_arr - c_arr]
    result = np.where(n_arr - c_arr < k, 1.0, 0.0 - np.expm1(log_product))  # 0.0 − x avoids −0.0
    return _out(result)


def mean_pass_at_k(n, c, k):
    """pass@k averaged over problems: the benchmark score (Chen et al. 2021, §2.1). Used in chapter 6."""
    return float(np.mean(pass_at_k(n, c, k)))


def pass_at_k_curve(n, c, ks):
    """Mean pass@k over problems for each k in ``ks`` (each 1 ≤ k ≤ min n; at most ``MAX_CURVE_POINTS``
    values), as an array over ks.

    Used in chapter 6.
    """
    ks = np.atleast_1d(_counts(ks, "The numbers of attempts k", minimum=1))
    if ks.ndim != 1:
        raise ValueError(f"The numbers of attempts k must be a one-dimensional list, got shape {ks.shape}.")
    if ks.size > MAX_CURVE_POINTS:
        raise ValueError(
            f"{ks.size:,} values of k is more than a pass@k curve needs (at most {MAX_CURVE_POINTS:,}); "
            "use log-spaced values of k."
        )
    return np.array([mean_pass_at_k(n, c, int(k)) for k in ks])


def naive_pass_at_k(n, c, k):
    """The biased plug-in estimate 1 − (1 − c/n)^k, for comparison with ``pass_at_k``.

    It treats c/n as the exact success rate; by Jensen's inequality it underestimates pass@k
    on average (for k ≥ 2). Same inputs as ``pass_at_k``. Used in chapter 6.
    """
    n_arr, c_arr = _samples_and_correct(n, c)
    k = _one_count(k, "The number of attempts k", minimum=1)
    _check_k_against_n(k, n_arr)
    return _out(1.0 - (1.0 - c_arr / n_arr) ** k)


# ---------------------------------------------------------------------------------------------
# Coverage under repeated sampling (Brown et al. 2024)
# ---------------------------------------------------------------------------------------------


def coverage(p, k):
    """Share of problems solved by at least one of k samples: 1 − mean over problems of (1 − p)^k.

    ``p``: per-sample success probability of each problem (scalar or 1-D array in [0, 1]);
    ``k``: whole number ≥ 1 or an array of them. Assumes an oracle verifier that recognises
    any correct sample. Result: a fraction, one per k. Used in chapter 6.
    """
    p = np.atleast_1d(check.probability(p, "The success probability p"))
    if p.ndim != 1:
        raise ValueError(f"The success probabilities p must be a one-dimensional list, got shape {p.shape}.")
    k = _counts(k, "The number of attempts k", minimum=1)
    k_arr = np.asarray(k, dtype=float)
    result = 1.0 - np.mean((1.0 - p[:, None]) ** k_arr.reshape(1, -1), axis=0)
    return _out(result.reshape(k_arr.shape))


def sample_success_probabilities(n_problems, mean=0.3, concentration=2.0, unsolvable_fraction=0.0, seed=0):
    """A synthetic problem set: per-sample success probabilities p drawn from a Beta distribution.

    p ~ Beta(mean·κ, (1 − mean)·κ) with κ = ``concentration`` (small κ: a wide mix of easy and
    hard problems; large κ: all near ``mean``). A share ``unsolvable_fraction`` of problems
    (chosen at random) gets p = 0: no number of samples solves them. Deterministic for a given
    ``seed``. Result: array of ``n_problems`` probabilities (at most ``MAX_PROBLEMS``, 10^7).
    Used in chapter 6.
    """
    count = _one_count(n_problems, "The number of problems", minimum=1)
    if count > MAX_PROBLEMS:
        raise ValueError(f"The number of problems must be at most {MAX_PROBLEMS:.0e} (memory), got {count:.3g}.")
    mean = _scalar_check(
        check.in_range(mean, "The mean success probability", 0.0, 1.0, low_open=True, high_open=True),
        "The mean success probability",
    )
    kappa = _scalar_check(check.positive(concentration, "The concentration"), "The concentration")
    share = _scalar_check(
        check.in_range(unsolvable_fraction, "The unsolvable fraction", 0.0, 1.0, high_open=True),
        "The unsolvable fraction",
    )
    seed = _one_count(seed, "The seed", minimum=0)
    rng = np.random.default_rng(seed)
    p = rng.beta(mean * kappa, (1.0 - mean) * kappa, size=count)
    unsolvable = rng.random(count) < share
    p[unsolvable] = 0.0
    return p


def simulate_correct_counts(p, n_samples, seed=0):
    """Draw n samples per problem and count the correct ones: c ~ Binomial(n, p) per problem.

    ``p``: success probabilities (scalar or array in [0, 1]); ``n_samples``: whole number ≥ 1.
    Deterministic for a given ``seed``. Result: int array of c, same shape as p.
    Used in chapter 6.
    """
    p = check.probability(p, "The success probability p")
    n = _one_count(n_samples, "The number of samples per problem n", minimum=1)
    seed = _one_count(seed, "The seed", minimum=0)
    rng = np.random.default_rng(seed)
    return rng.binomial(n, p)


def coverage_law(k, a, b):
    """Brown et al. 2024's coverage law c = exp(a·k^b) (Eqs. 2–3: log c ≈ a·k^b).

    ``k``: number of samples (> 0); ``a`` < 0 and ``b`` (usually < 0, so coverage rises to 1)
    are the paper's letters, unrelated to Hoffmann's a_N, b_D. Result: coverage in (0, 1].
    Used in chapter 6.
    """
    k = check.positive(k, "The number of samples k")
    a = check._as_float(a, "The coefficient a")
    if np.any(np.asarray(a) >= 0):
        raise ValueError(f"The coefficient a must be negative (so that coverage stays below 1), got {check.shown(a)}.")
    b = check._as_float(b, "The exponent b")
    return _out(np.exp(a * np.asarray(k) ** b))


@dataclass(frozen=True)
class CoverageFit:
    """Fit of log coverage = a·k^b (Brown et al. 2024); ``rms_log_error`` is the RMS residual in log c."""

    a: float
    b: float
    rms_log_error: float

    def predict(self, k):
        """The fitted coverage at ``k`` samples."""
        return coverage_law(k, self.a, self.b)


def fit_coverage_law(k, coverage_values) -> CoverageFit:
    """Fit Brown et al. 2024's law log c = a·k^b to coverage ``coverage_values`` measured at ``k`` samples.

    log(−log c) = log(−a) + b·log k is a straight line, which gives the starting point; then
    least squares on the residuals of log c (the paper's space), with a kept negative.
    Needs at least 3 points, positive k with at least two distinct values, and 0 < c < 1
    (a coverage of exactly 1 has no logarithm of its logarithm: drop those points).
    Used in chapter 6.
    """
    k = check.samples(k, "The numbers of samples k", minimum=3)
    k = check.positive(k, "The numbers of samples k")
    c = check.samples(coverage_values, "The coverage values", minimum=3)
    c = check.in_range(c, "The coverage", 0.0, 1.0, low_open=True, high_open=True)
    check.same_length("k", k, "coverage", c)
    if np.ptp(np.log(k)) == 0:
        raise ValueError("The numbers of samples k must take at least two different values to fit a curve.")
    x, y = np.log(k), np.log(-np.log(c))
    b0, intercept = np.polyfit(x, y, 1)

    def residuals(theta):
        log_minus_a, b = theta
        return np.log(c) + np.exp(log_minus_a) * k**b

    fit = least_squares(residuals, x0=[intercept, b0], method="lm")
    log_minus_a, b = fit.x
    if b >= 0:
        raise ValueError(
            f"The coverage does not rise with k (fitted b = {b:.3g}): Brown et al.'s law describes coverage "
            "climbing towards 1 as samples are added, with b < 0. Check that k and the coverage values are in "
            "the same order."
        )
    rms = float(np.sqrt(np.mean(residuals(fit.x) ** 2)))
    return CoverageFit(a=float(-np.exp(log_minus_a)), b=float(b), rms_log_error=rms)


# ---------------------------------------------------------------------------------------------
# Majority vote against an oracle verifier
# ---------------------------------------------------------------------------------------------


def _check_vote_work(k, m):
    if m * k * k > MAX_VOTE_WORK:
        raise ValueError(
            f"Exact majority vote over k = {k:.3g} samples with m = {m:.3g} wrong answers costs about m·k² = "
            f"{m * k * k:.2g} steps, above the limit of {MAX_VOTE_WORK:.0e}; use fewer samples or wrong answers, "
            "or simulate_majority_vote."
        )


def _majority_credit_given_correct(k, m):
    """W[j]: expected credit of majority vote over k samples when exactly j are correct.

    The k − j wrong samples fall uniformly on m wrong answers. The correct answer wins outright
    when its count j beats every wrong count; a tie among t wrong answers at j gives credit
    1/(1 + t) (ties broken uniformly at random). Exact: the multinomial over the m wrong
    answers is m independent Poisson(λ) counts conditioned on their sum r = k − j, so
    P = [s^r] (h(s) + u·e(s))^m / Poisson_{mλ}(r), with h the Poisson pmf truncated below j
    and e the term at exactly j (u marks a tie).
    """
    credit = np.zeros(k + 1)
    credit[k] = 1.0
    for j in range(1, k):
        r = k - j
        lam = r / m
        pmf = _poisson_pmf(np.arange(j + 1), lam)
        h, e = pmf[:j], pmf[j]
        powers = [np.array([1.0])]
        for _ in range(m):
            powers.append(np.convolve(powers[-1], h)[: r + 1])
        total = 0.0
        for t in range(m + 1):
            need = r - j * t
            if need < 0:
                break
            h_power = powers[m - t]
            coefficient = h_power[need] if need < h_power.size else 0.0
            total += math.comb(m, t) * e**t * coefficient / (1 + t)
        credit[j] = total / _poisson_pmf(r, m * lam)
    return np.clip(credit, 0.0, 1.0)


def majority_vote_accuracy(p, k, n_wrong_answers):
    """Probability that majority vote over k samples picks the correct answer (exact).

    Model: each sample is correct with probability p; otherwise it is one of
    ``n_wrong_answers`` (m) wrong answers, all equally likely. Ties for the top count are broken
    uniformly at random. As k grows this tends to 1 when p > (1 − p)/m (the correct answer is
    the most likely one), to 0 when p < (1 − p)/m, and equals 1/(m + 1) at equality
    (``majority_vote_limit``); compare ``coverage``, which tends to 1 for any p > 0.
    ``p``: scalar or array in [0, 1]; ``k``, m: whole numbers ≥ 1. Limit: m·k² ≤
    ``MAX_VOTE_WORK`` (2·10^7, about a second); beyond it, use ``simulate_majority_vote``.
    Used in chapter 6.
    """
    p = check.probability(p, "The success probability p")
    k = _one_count(k, "The number of samples k", minimum=1)
    m = _one_count(n_wrong_answers, "The number of wrong answers m", minimum=1)
    _check_vote_work(k, m)
    credit = _majority_credit_given_correct(k, m)
    j = np.arange(k + 1)
    weights = _binom_pmf(j, k, np.asarray(p)[..., None])
    return _out(np.clip(weights @ credit, 0.0, 1.0))


def majority_vote_limit(p, n_wrong_answers):
    """Majority-vote accuracy with infinitely many samples: 1 if p > (1−p)/m, 1/(m+1) if equal, else 0.

    ``p`` in [0, 1]; ``n_wrong_answers`` m ≥ 1 (wrong answers equally likely). Used in chapter 6.
    """
    p = np.asarray(check.probability(p, "The success probability p"))
    m = _one_count(n_wrong_answers, "The number of wrong answers m", minimum=1)
    margin = p * (m + 1) - 1.0  # > 0 exactly when p > (1 − p)/m
    tie = np.isclose(margin, 0.0, atol=1e-12)
    return _out(np.where(tie, 1.0 / (m + 1), np.where(margin > 0, 1.0, 0.0)))


def simulate_majority_vote(p, k, n_wrong_answers, n_trials=2000, seed=0):
    """Monte Carlo estimate of ``majority_vote_accuracy``: the same model, sampled.

    For each problem, ``n_trials`` rounds of k answers; a tie at the top gives the correct
    answer its expected share 1/(number tied). Deterministic for a given ``seed``. ``p``: scalar
    or 1-D array in [0, 1]; result: accuracy per problem. Limit: problems·n_trials·k·(m + 1) ≤
    ``MAX_SIMULATED_ANSWERS`` (5·10^7 in all). Used in chapter 6.
    """
    p = check.probability(p, "The success probability p")
    k = _one_count(k, "The number of samples k", minimum=1)
    m = _one_count(n_wrong_answers, "The number of wrong answers m", minimum=1)
    trials = _one_count(n_trials, "The number of trials", minimum=1)
    seed = _one_count(seed, "The seed", minimum=0)
    if np.size(p) * trials * k * (m + 1) > MAX_SIMULATED_ANSWERS:
        raise ValueError(
            f"Simulating {trials} trials of k = {k} samples over m + 1 = {m + 1} answers for {np.size(p)} "
            f"problem(s) tallies {np.size(p) * trials * k * (m + 1):.2g} answers, above the limit of "
            f"{MAX_SIMULATED_ANSWERS:.0e}."
        )
    rng = np.random.default_rng(seed)
    p_arr = np.atleast_1d(p)
    if p_arr.ndim != 1:
        raise ValueError(f"The success probabilities p must be a one-dimensional list, got shape {p_arr.shape}.")
    accuracy = np.empty(p_arr.size)
    for index, prob in enumerate(p_arr):  # one problem at a time keeps memory at trials × k
        correct = rng.random((trials, k)) < prob
        wrong_label = rng.integers(1, m + 1, size=(trials, k))
        answers = np.where(correct, 0, wrong_label)
        counts = np.stack([(answers == label).sum(axis=-1) for label in range(m + 1)], axis=-1)
        at_top = counts == counts.max(axis=-1, keepdims=True)
        accuracy[index] = np.mean(at_top[:, 0] / at_top.sum(axis=-1))
    return _out(accuracy.reshape(np.shape(p)))


# ---------------------------------------------------------------------------------------------
# Compute-matched comparison (the setting of Snell et al. 2024)
# ---------------------------------------------------------------------------------------------


def larger_model_success(p_small, size_ratio, logit_gain=1.0):
    """Per-problem success probability of a model ``size_ratio``× larger, by a stated rule.

    Rule (ours, illustrative, not fitted to any paper): scaling the model by a factor r
    multiplies the odds p/(1 − p) of solving each problem by r^γ, γ = ``logit_gain``; that is,
    logit p_large = logit p_small + γ·ln r. Problems the small model never solves (p = 0) stay
    unsolved; certain ones (p = 1) stay certain. ``p_small`` in [0, 1]; ``size_ratio`` ≥ 1;
    ``logit_gain`` ≥ 0. Used in chapter 6.
    """
    p = check.probability(p_small, "The success probability p of the small model")
    r = check.in_range(size_ratio, "The size ratio", 1.0, np.inf)
    gamma = check.nonnegative(logit_gain, "The logit gain")
    factor = np.asarray(r) ** gamma
    p = np.asarray(p)
    return _out(p * factor / (p * factor + (1.0 - p)))


def samples_for_compute_match(n_params_small, n_params_large, tokens_per_sample=1000.0):
    """How many samples of the small model cost no more than one sample of the large model.

    Each generated token costs 2·N FLOPs (``scaling.compute.inference_flops``), so
    k = floor(2·N_large·T / (2·N_small·T)) = floor(N_large / N_small): 14 for a 14× larger model.
    Parameters in parameters, ``tokens_per_sample`` T in tokens (it cancels). Used in chapter 6.
    """
    tokens = check.positive(tokens_per_sample, "The number of tokens per sample", "tokens")
    small = inference_flops(n_params_small, tokens)
    large = inference_flops(n_params_large, tokens)
    ratio = _scalar_check(large / small, "The ratio of model sizes")
    if ratio < 1.0:
        raise ValueError(
            f"The larger model must have at least as many parameters as the small one, got "
            f"{float(n_params_large):g} < {float(n_params_small):g}."
        )
    return int(math.floor(ratio * (1.0 + 1e-9)))


@dataclass(frozen=True)
class ComputeMatchedComparison:
    """Small model with k samples against a larger model with one, at (nearly) equal FLOPs.

    Per problem: ``p_small``, ``p_large`` (per-sample success), ``accuracy_small`` (k samples,
    after ``selection``), ``accuracy_large`` (one sample). Totals: ``solved_small``,
    ``solved_large`` (mean accuracy over problems); FLOPs per problem for each side; FLOPs per
    solved problem (nothing solved at all is refused).
    """

    n_params_small: float
    n_params_large: float
    samples: int
    selection: str
    tokens_per_sample: float
    p_small: np.ndarray
    p_large: np.ndarray
    accuracy_small: np.ndarray
    accuracy_large: np.ndarray
    solved_small: float
    solved_large: float
    flops_per_problem_small: float
    flops_per_problem_large: float
    flops_per_solved_small: float
    flops_per_solved_large: float


def compute_matched_comparison(
    p_small,
    n_params_small,
    n_params_large,
    selection="majority",
    n_wrong_answers=3,
    logit_gain=1.0,
    tokens_per_sample=1000.0,
) -> ComputeMatchedComparison:
    """Spend the same inference FLOPs on k samples of a small model or one sample of a larger one.

    Assumptions, all ours and all stated so the chapter can vary them:

    * compute: 2·N FLOPs per generated token, every sample ``tokens_per_sample`` long; the
      prompt is ignored; k = floor(N_large/N_small) (``samples_for_compute_match``);
    * the larger model's success probability on each problem follows ``larger_model_success``
      (odds multiplied by (N_large/N_small)^γ, γ = ``logit_gain``);
    * selection among the k samples: ``"majority"`` (vote; wrong answers spread evenly over
      ``n_wrong_answers`` alternatives; ``majority_vote_accuracy``) or ``"oracle"`` (a perfect,
      free verifier: 1 − (1 − p)^k);
    * training cost is not counted (Snell et al. 2024 match pretraining plus inference FLOPs;
      here only inference).

    Snell et al. 2024 (abstract) find that on problems where the small model has non-trivial
    success, test-time compute beats a 14× larger model, while on the hardest problems
    pretraining wins. With majority vote this simulation shows the same qualitative pattern
    (sampling ahead on the easiest problems, the larger model ahead on the hardest), because
    votes cannot rescue a problem whose correct answer is not the most likely one; where the
    crossover falls depends on m and γ. With the oracle, γ ≤ 1 and a whole-number size ratio,
    sampling wins on every problem: the free, perfect verifier is doing the work.
    ``p_small``: 1-D array (one per problem) in [0, 1], at least one above 0. With
    ``"majority"`` the exact vote's limit applies (m·k² ≤ ``MAX_VOTE_WORK``, so k up to about
    2,500 with m = 3); ``"oracle"`` is a closed form for any k. Used in chapter 6.
    """
    p = np.atleast_1d(check.probability(p_small, "The success probability p of the small model"))
    if p.ndim != 1:
        raise ValueError(f"The success probabilities p must be a one-dimensional list, got shape {p.shape}.")
    if selection not in ("majority", "oracle"):
        raise ValueError(f"The selection rule must be 'majority' or 'oracle', got {check.shown(selection)}.")
    k = samples_for_compute_match(n_params_small, n_params_large, tokens_per_sample)
    n_small = float(check.positive(n_params_small, "The number of parameters N", "parameters"))
    n_large = float(check.positive(n_params_large, "The number of parameters N", "parameters"))
    p_large = np.atleast_1d(larger_model_success(p, n_large / n_small, logit_gain))
    if selection == "majority":
        acc_small = np.atleast_1d(majority_vote_accuracy(p, k, n_wrong_answers))
    else:
        acc_small = 1.0 - (1.0 - p) ** k
    flops_small = k * inference_flops(n_small, tokens_per_sample)
    flops_large = inference_flops(n_large, tokens_per_sample)
    solved_small, solved_large = float(acc_small.mean()), float(p_large.mean())
    if solved_small == 0 or solved_large == 0:
        raise ValueError(
            "No problem is ever solved (every success probability p is 0), so the FLOPs per solved problem "
            "are undefined; give at least one p above 0."
        )
    per_solved_small = flops_small / solved_small
    per_solved_large = flops_large / solved_large
    return ComputeMatchedComparison(
        n_small,
        n_large,
        k,
        selection,
        float(tokens_per_sample),
        p,
        p_large,
        acc_small,
        p_large,
        solved_small,
        solved_large,
        float(flops_small),
        float(flops_large),
        per_solved_small,
        per_solved_large,
    )


def difficulty_levels(p, n_levels=5):
    """Difficulty level of each problem from its success probability: 1 (easiest) to ``n_levels``.

    Problems are ranked by p (highest first; ties keep their order) and cut into ``n_levels``
    groups of (nearly) equal size, as Snell et al. 2024 bin questions by the base model's
    pass@1 into five quantiles. ``p``: 1-D array in [0, 1] with at least ``n_levels`` entries.
    Used in chapter 6.
    """
    p = np.atleast_1d(check.probability(p, "The success probability p"))
    if p.ndim != 1:
        raise ValueError(f"The success probabilities p must be a one-dimensional list, got shape {p.shape}.")
    levels = _one_count(n_levels, "The number of difficulty levels", minimum=1)
    if p.size < levels:
        raise ValueError(f"Need at least as many problems as levels, got {p.size} problems for {levels} levels.")
    order = np.argsort(-p, kind="stable")
    rank = np.empty(p.size, dtype=np.int64)
    rank[order] = np.arange(p.size)
    return rank * levels // p.size + 1


# ---------------------------------------------------------------------------------------------
# Additions for chapter 6: the coverage law through two points, majority vote over many k
# ---------------------------------------------------------------------------------------------


def coverage_law_through_points(k1, c1, k2, c2) -> CoverageFit:
    """Brown et al. 2024's law log c = a·k^b through two measured points (k1, c1) and (k2, c2).

    Dividing the two equations gives b = ln(ln c2 / ln c1) / ln(k2/k1), then a = ln c1 / k1^b.
    Example: 15.9 % at 1 sample and 56 % at 250 (Brown et al.'s SWE-bench Lite numbers) give
    a = ln 0.159 = −1.839 and b = ln(0.5798/1.8389)/ln 250 = −0.209. ``k1`` ≠ ``k2`` (> 0,
    samples); ``c1``, ``c2`` in (0, 1) (coverage). Returns a ``CoverageFit`` whose residual is 0
    (two points, two parameters). Used in chapter 6.
    """
    k1 = _scalar_check(check.positive(k1, "The first number of samples k1"), "The first number of samples k1")
    k2 = _scalar_check(check.positive(k2, "The second number of samples k2"), "The second number of samples k2")
    c1 = _scalar_check(
        check.in_range(c1, "The first coverage c1", 0.0, 1.0, low_open=True, high_open=True), "The first coverage c1"
    )
    c2 = _scalar_check(
        check.in_range(c2, "The second coverage c2", 0.0, 1.0, low_open=True, high_open=True), "The second coverage c2"
    )
    if k1 == k2:
        raise ValueError(f"The two numbers of samples must differ to fit a curve, got k1 = k2 = {k1:g}.")
    b = math.log(math.log(c2) / math.log(c1)) / math.log(k2 / k1)
    a = math.log(c1) / k1**b
    return CoverageFit(a=a, b=b, rms_log_error=0.0)


@functools.lru_cache(maxsize=512)
def _cached_credit(k, m):
    """``_majority_credit_given_correct`` kept per (k, m), read-only, so repeated calls are cheap."""
    credit = _majority_credit_given_correct(k, m)
    credit.flags.writeable = False
    return credit


def majority_vote_table(p, ks, n_wrong_answers):
    """Majority-vote accuracy of every problem for every number of samples: shape (len(ks), len(p)).

    The same model and the same exact result as ``majority_vote_accuracy`` (row i is
    ``majority_vote_accuracy(p, ks[i], m)``), but the part that depends only on (k, m) is kept
    between calls, so a widget can redraw a whole curve quickly. ``p``: 1-D array in [0, 1];
    ``ks``: whole numbers ≥ 1; ``n_wrong_answers`` m ≥ 1; m·max(ks)² ≤ ``MAX_VOTE_WORK``.
    Used in chapter 6.
    """
    p = np.atleast_1d(check.probability(p, "The success probability p"))
    if p.ndim != 1:
        raise ValueError(f"The success probabilities p must be a one-dimensional list, got shape {p.shape}.")
    ks = np.atleast_1d(_counts(ks, "The numbers of samples k", minimum=1))
    if ks.ndim != 1:
        raise ValueError(f"The numbers of samples k must be a one-dimensional list, got shape {ks.shape}.")
    m = _one_count(n_wrong_answers, "The number of wrong answers m", minimum=1)
    _check_vote_work(int(ks.max()), m)
    table = np.empty((ks.size, p.size))
    for row, k in enumerate(ks):
        k = int(k)
        weights = _binom_pmf(np.arange(k + 1), k, p[:, None])
        table[row] = np.clip(weights @ _cached_credit(k, m), 0.0, 1.0)
    return table


# --- What post-training changes (chapter 6) ------------------------------------------------------------------

#: Ouyang et al. 2022 (InstructGPT), abstract: outputs of the 1.3B InstructGPT model were preferred to those of
#: the 175B GPT-3 in human evaluations. Checked (secondary): many verbatim copies of the abstract.
INSTRUCTGPT_SMALL_PARAMS = 1.3e9
INSTRUCTGPT_GPT3_PARAMS = 175e9

#: DeepSeek-AI 2025 (DeepSeek-R1, arXiv:2501.12948 preprint), §2.2: reinforcement learning alone took
#: DeepSeek-R1-Zero's AIME 2024 pass@1 from 15.6% to 71.0% (86.7% with majority voting over 64 samples); the
#: pre-trained base model did not change. The later Nature version reports 77.9%. Checked (secondary): quotes.
R1_ZERO_AIME_PASS1_BEFORE = 0.156
R1_ZERO_AIME_PASS1_AFTER = 0.710


# --- Sequential test-time compute: longer reasoning in one answer -------------------------------------------

#: Illustrative thinking-length curve (ours, not a fit to any model): accuracy rises with the log of the
#: reasoning tokens, reaches half its ceiling at 2,000 tokens, and levels off at 0.8. Used in chapter 6.
ILLUSTRATIVE_THINKING_CEILING = 0.8
ILLUSTRATIVE_THINKING_HALF_TOKENS = 2000.0
ILLUSTRATIVE_THINKING_STEEPNESS = 1.0


def thinking_accuracy(
    tokens,
    ceiling=ILLUSTRATIVE_THINKING_CEILING,
    half_tokens=ILLUSTRATIVE_THINKING_HALF_TOKENS,
    steepness=ILLUSTRATIVE_THINKING_STEEPNESS,
):
    """Accuracy of one answer that reasons for ``tokens`` tokens: ceiling / (1 + (half_tokens / tokens)^steepness).

    A logistic curve in log(tokens): roughly log-linear in the middle, as published plots of reasoning
    models show, and bounded by ``ceiling`` (problems the model cannot solve however long it thinks).
    An illustrative model with stated parameters, not a fit. ``tokens`` > 0 (scalars or arrays),
    ``ceiling`` in (0, 1], ``half_tokens`` > 0, ``steepness`` > 0. Used in chapter 6.
    """
    t = check.positive(tokens, "The number of reasoning tokens", "tokens")
    top = check.fraction(ceiling, "The accuracy ceiling")
    half = check.positive(half_tokens, "The tokens at half the ceiling", "tokens")
    slope = check.positive(steepness, "The steepness")
    return _out(top / (1.0 + (half / np.asarray(t)) ** slope))


def answer_flops(n_params, n_layer, d_attention, prompt_tokens, output_tokens, samples=1):
    """Forward FLOPs to answer one question with ``samples`` independent answers of ``output_tokens`` each.

    Each sample reads the prompt and generates its tokens, attention included
    (``scaling.compute.generation_flops``: 2N per token plus 4·n_layer·d_attention per token of
    context). One long answer of k·T tokens therefore costs more than k answers of T tokens: its
    attention grows with the square of its length. Result in FLOPs. Used in chapter 6.
    """
    k = check.positive(samples, "The number of samples")
    return _out(k * generation_flops(n_params, n_layer, d_attention, prompt_tokens, output_tokens))


def samples_matching_pretraining(size_ratio, inference_to_pretraining_tokens):
    """Samples k of a small model that cost as much as one of an r× larger model, pretraining included.

    Snell et al. 2024 (§6) compare at equal total FLOPs, 6·N·D to pretrain plus 2·N per inference
    token, with R = inference tokens / pretraining tokens. Matching 6·rN·D + 2·rN·R·D = 6·N·D +
    2·N·k·R·D gives k = r + 3·(r − 1)/R: many samples when R is small (the larger model's extra
    pretraining pays for them), only r when R is large. ``size_ratio`` r ≥ 1, R > 0.
    Used in chapter 6.
    """
    r = check.in_range(size_ratio, "The size ratio r of the larger model", 1.0, np.inf)
    ratio = check.positive(inference_to_pretraining_tokens, "The ratio R of inference to pretraining tokens")
    return _out(r + 3.0 * (r - 1.0) / np.asarray(ratio))


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
