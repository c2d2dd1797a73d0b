"""Robust at the edges (issue 16): degenerate data get a usable fit or a clear refusal; extreme but
finite numbers are refused with a sentence instead of returning inf/NaN or raising bare errors."""

import math
import warnings

import numpy as np
import pytest

from scaling import chinchilla as ch
from scaling import compute, exercises, powerlaw, synthetic
from scaling.chinchilla import parametric

LAW = ch.HOFFMANN_ROUNDED


def _one_line_value_error(call, match):
    with pytest.raises(ValueError, match=match) as info:
        call()
    assert "\n" not in str(info.value)
    return str(info.value)


# --- Approach 3 on degenerate data ---------------------------------------------------------------


@pytest.mark.parametrize(
    "n, d, loss, match",
    [
        ([1e8] * 6, [1e9] * 6, [3.0] * 6, "only 1 distinct model sizes"),
        ([1e8] * 10, [1e9] * 10, list(3 + 0.01 * np.arange(10)), "only 1 distinct model sizes"),
        ([1e8, 2e8, 4e8] * 2, [1e9] * 6, [3.0, 2.9, 2.8] * 2, "only 1 distinct token counts"),
        ([1e8, 2e8, 4e8] * 2, [1e9, 2e9, 4e9] * 2, [3.0, 2.9, 2.8] * 2, "only 3 distinct \\(N, D\\) pairs"),
    ],
)
def test_fit_refuses_data_that_cannot_pin_down_five_parameters(n, d, loss, match):
    _one_line_value_error(lambda: ch.fit(n, d, loss), match)


def test_fit_refuses_flat_and_rising_losses():
    ds = synthetic.loss_dataset()
    _one_line_value_error(lambda: ch.fit(ds.n_params, ds.tokens, np.full(ds.loss.size, 3.0)), "Every loss is the same")
    rising = 10 - LAW.loss(ds.n_params, ds.tokens)
    _one_line_value_error(lambda: ch.fit(ds.n_params, ds.tokens, rising), "do not fall with")


def test_six_distinct_points_give_a_usable_law_whose_properties_never_raise():
    n = np.array([1e8, 3e8, 1e9, 1e8, 3e8, 1e9])
    d = np.array([1e9, 3e9, 1e10, 3e10, 1e10, 3e9])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ch.FitWarning)
        result = ch.fit(n, d, LAW.loss(n, d))
    for name in ("E", "A", "B", "alpha", "beta", "a_N", "b_D", "log_A", "log_B", "log_E"):
        assert math.isfinite(getattr(result, name)), name
    assert 0 < result.a_N < 1 and isinstance(result.law, ch.ChinchillaLaw)


def test_a_minimum_that_is_not_a_law_is_refused():
    for theta, match in (
        ([1.0, 800.0, 0.5, 0.3, 0.3], "fitted B"),
        ([1.0, 1.0, 0.5, -0.1, 0.3], "alpha = -0.1"),
        ([np.nan, 1.0, 0.5, 0.3, 0.3], "finite"),
    ):
        _one_line_value_error(lambda theta=theta: parametric._require_usable(np.array(theta)), match)


def test_bootstrap_intervals_are_finite_and_a_N_lies_in_the_unit_interval():
    ds = synthetic.loss_dataset(noise=0.02, seed=3)
    result = ch.bootstrap(ds.n_params, ds.tokens, ds.loss, n_resamples=50, seed=1)
    assert np.all(np.isfinite(result.samples)) and result.samples.shape[1] == 6
    for name in ch.BOOTSTRAP_QUANTITIES:
        low, high = result.intervals[name]
        assert math.isfinite(result.standard_errors[name]) and result.standard_errors[name] > 0
        assert low < high
    low, high = result.intervals["a_N"]
    assert 0 < low < high < 1
    assert result.n_failed + len(result.samples) == 50


def test_bootstrap_refuses_more_counts_than_its_memory_limit():
    ds = synthetic.loss_dataset()
    too_many = ch.resampling.MAX_RESAMPLED_POINTS // ds.loss.size + 1
    _one_line_value_error(lambda: ch.bootstrap(ds.n_params, ds.tokens, ds.loss, n_resamples=too_many), "limit")


def test_the_screen_uses_a_subsample_only_above_its_size():
    assert parametric._screen_subsample(parametric.SCREEN_POINTS) == slice(None)
    picked = parametric._screen_subsample(10 * parametric.SCREEN_POINTS)
    assert (
        picked.size == parametric.SCREEN_POINTS and picked[0] == 0 and picked[-1] == 10 * parametric.SCREEN_POINTS - 1
    )


def test_blocked_evaluation_sums_to_the_single_block_value():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(17, 23, 3000), rng.uniform(19, 26, 3000)
    t = np.log(LAW.loss(np.exp(x), np.exp(y)))
    theta = np.array([LAW.log_params, [5.0, 6.0, 0.4, 0.3, 0.3]])
    blocked = parametric._evaluate(theta, x, y, t, 1e-3)
    whole = parametric._evaluate_block(theta, x, y, t, 1e-3)
    for a, b in zip(blocked, whole[:3]):
        np.testing.assert_allclose(a, b, rtol=1e-10)
    np.testing.assert_allclose(blocked[3], whole[3] + 1e-12, rtol=1e-10)


# --- Approaches 1 and 2 on degenerate data -------------------------------------------------------


def test_isoflop_profiles_need_three_distinct_sizes():
    grid = synthetic.isoflop_grid()
    same = grid.n_params.copy()
    for budget in np.unique(grid.flops):
        same[grid.flops == budget] = grid.n_params[grid.flops == budget][0]
    _one_line_value_error(lambda: ch.fit_isoflop(grid.flops, same, grid.loss), "1 distinct model sizes")


def test_an_almost_flat_profile_has_no_usable_minimum():
    n = np.array([1e8, 2e8, 4e8])
    k = np.arange(3.0)
    _one_line_value_error(lambda: ch.isoflop_profiles([1e20] * 3, n, 3.0 - 0.1 * k + 1e-8 * k**2), "almost flat")


def test_envelope_needs_distinct_budgets_and_enough_sizes():
    curves = synthetic.training_curves()
    _one_line_value_error(
        lambda: ch.fit_envelope(curves.n_params, curves.tokens, curves.loss, budgets=[1e20] * 3), "3 distinct values"
    )
    three = [0, 10, 20]
    _one_line_value_error(
        lambda: ch.fit_envelope(curves.n_params[three], curves.tokens[three], curves.loss[three]), "same model"
    )


def test_saturating_fit_refuses_rising_data_and_scales_to_many_points():
    _one_line_value_error(
        lambda: powerlaw.fit_saturating_power_law([1, 2, 3, 4, 5], [1, 2, 3, 4, 5.5]), "does not fall"
    )
    x = np.geomspace(1, 1e6, 20_000)
    fit = powerlaw.fit_saturating_power_law(x, 1.5 + 3 * x**-0.3)
    assert fit.alpha == pytest.approx(0.3, rel=1e-6)


# --- Extreme but finite numbers and the central guard --------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: compute.training_flops(1e300, 1e300), "not a finite number"),
        (lambda: compute.training_flops(10**400, 1e9), "too large for a floating-point number"),
        (lambda: compute.training_flops(np.True_, 1e9), "must be a number"),
        (lambda: compute.training_flops([True, False], 1e9), "not True/False"),
        (lambda: compute.training_flops([1e9, 2e9, 3e9], [1e9, 2e9]), "matching lengths"),
    ],
)
def test_extreme_inputs_get_one_sentence(call, match):
    _one_line_value_error(call, match)


def test_the_nan_message_names_the_first_bad_position_not_the_whole_array():
    values = np.ones(1000)
    values[417] = np.nan
    message = _one_line_value_error(lambda: compute.training_flops(values, 1e9), "position 417")
    assert len(message) < 200


def test_exercise_checks_survive_huge_integers_and_numpy_booleans(capsys):
    exercises.check("1.1", 10**400)
    exercises.check("1.1", np.True_)
    out = capsys.readouterr().out
    assert out.count("❌") == 2 and "Traceback" not in out


# --- Round two (issue 29): fits on data that cannot identify them -----------------------------------


def test_fit_refuses_runs_all_at_the_same_tokens_per_parameter():
    """Along D = 20 N the terms A/N^α and B/D^β are powers of one variable: α and β cannot be separated
    (once this returned a_N = 0.548 against a true 0.452, with no warning)."""
    n = np.geomspace(1e8, 1e10, 12)
    _one_line_value_error(lambda: ch.fit(n, 20 * n, LAW.loss(n, 20 * n)), "tokens per parameter")
    _one_line_value_error(lambda: ch.fit(n, 3e3 * n**0.8, LAW.loss(n, 3e3 * n**0.8)), "one line")


def test_fit_still_accepts_a_ladder_at_several_tokens_per_parameter():
    n = np.repeat(np.geomspace(1e8, 1e10, 6), 3)
    d = n * np.tile([5.0, 20.0, 80.0], 6)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ch.GridEdgeWarning)
        fit = ch.fit(n, d, LAW.loss(n, d))
    assert fit.alpha == pytest.approx(LAW.alpha, rel=0.02) and fit.beta == pytest.approx(LAW.beta, rel=0.02)


def test_fit_refuses_a_loss_that_does_not_fall_with_d():
    """A loss independent of D once gave beta = 2.5e-17, accepted, and N_opt = 1e56 downstream."""
    n = np.repeat(np.geomspace(1e8, 1e10, 12), 3)
    d = np.tile([1e9, 1e10, 1e11], 12)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # refused before any grid-edge warning: a wider grid is no cure
        _one_line_value_error(lambda: ch.fit(n, d, 1.7 + 400 / n**0.34), "do not fall with D")


def test_compute_optimal_refuses_an_exponent_indistinguishable_from_zero():
    flat = ch.ChinchillaLaw(E=1.7, A=400.0, B=400.0, alpha=0.34, beta=2.5e-17)
    _one_line_value_error(lambda: ch.compute_optimal(1e21, flat), "beta = 2.5e-17 is indistinguishable from zero")
    assert ch.compute_optimal(1e21, LAW).N > 0  # a real law still allocates


def test_a_flat_isoflop_profile_has_no_minimum():
    """All-equal losses once gave a curvature of 3.7e-17 and an optimum outside the sizes trained."""
    sizes = np.geomspace(1e8, 1e9, 5)
    _one_line_value_error(lambda: ch.isoflop_profiles(np.full(5, 1e20), sizes, np.full(5, 2.5)), "is flat")
    curved = 2.5 + 0.05 * (np.log(sizes) - np.log(3e8)) ** 2
    (profile,) = ch.isoflop_profiles(np.full(5, 1e20), sizes, curved)
    assert profile.n_opt == pytest.approx(3e8, rel=1e-6)


def test_isoflop_exponent_refuses_all_equal_losses():
    from dataclasses import replace

    from scaling import datasets, realdata

    runs = datasets.porian_isoflop()
    one = runs.select(str(runs.setup[0]))
    flat = replace(one, loss=np.full(one.loss.size, 3.0))
    for method in ("parabola", "akima"):
        _one_line_value_error(lambda method=method: realdata.isoflop_exponent(flat, method=method), "budgets")


def test_coverage_law_refuses_coverage_that_falls_with_k():
    from scaling import testtime

    _one_line_value_error(
        lambda: testtime.fit_coverage_law([1, 2, 4, 8, 16], [0.5, 0.4, 0.3, 0.2, 0.1]), "does not rise with k"
    )
    assert testtime.fit_coverage_law([1, 2, 4, 8, 16], [0.1, 0.2, 0.3, 0.4, 0.5]).b < 0


# --- Round two (issue 29): graders answer any input -----------------------------------------------


def _raises(*args):
    raise OverflowError("a student's function that overflows")


#: What a student can type or return: subnormals, the largest floats, ints beyond float, non-finite
#: values, strings, containers of every shape, a million-element array, functions returning all of it.
HOSTILE_ANSWERS = (
    1e-320, -1e-320, 1e308, -1e308, 10**400, -(10**400), 0, 0.0, -0.0, float("nan"), float("inf"), -float("inf"),
    True, "z", "1e3", b"x", None, [], [1.0], [[1.0, 2.0]], np.zeros((2, 2)), np.arange(1e6), (1, 2),
    (1e308, 1e308), (1e-320, 1e-320), {"a": 1}, 1j,
    lambda *a: 1e-320, lambda *a: 1e308, lambda *a: float("nan"), lambda *a: (1e308, 1e-320), _raises,
)  # fmt: skip


@pytest.mark.parametrize("exercise_id", list(exercises.declared()))
def test_every_grader_answers_every_input_with_a_short_verdict(exercise_id):
    """grade('1.1', 1e-320) once raised OverflowError, grade('2.4', 1e-320) ZeroDivisionError, and a verdict
    on 10**400 quoted all 401 digits. Every input now gets a one-paragraph verdict, and none of them passes."""
    for answer in HOSTILE_ANSWERS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no RuntimeWarning leaks to the learner either
            verdict = exercises.grade(exercise_id, answer)
        assert verdict.status in ("fail", "unanswered"), (exercise_id, answer)
        assert isinstance(verdict.message, str) and 0 < len(verdict.message) <= 400, (exercise_id, verdict.message)


def test_how_far_reads_logarithms_at_the_ends_of_the_float_range():
    from scaling.exercises.graders import how_far, shown

    assert "orders of magnitude" in how_far(1e-320, 2.5, 0.01)
    assert "too large by about 308 orders" in how_far(1e308, 1.0, 0.01)
    assert "close but a little too small" in how_far(0.985, 1.0, 0.01)
    assert shown(10**400) == "an integer of 401 digits" and shown(np.arange(1e6)) == "an array of shape (1000000,)"
    assert len(shown("x" * 10_000)) <= 60


# --- Round two (issue 29): refusals in the package's own words -------------------------------------


def test_a_third_party_message_never_reaches_the_caller():
    """scipy's "f(a) and f(b) must have different signs" once came out of kaplan.optimal_params_from_training_laws."""
    from scaling import _validate as check

    @check.finite_result
    def solve(x):
        from scipy import optimize

        return optimize.brentq(lambda t: t * t + x, 0.0, 1.0)

    message = _one_line_value_error(lambda: solve(1.0), "solve cannot use these inputs: no solution lies in the range")
    assert "f(a)" not in message and len(message) < 300

    @check.finite_result
    def compare(option):
        return np.asarray([1.0, 2.0]) < option

    message = _one_line_value_error(
        lambda: compare("big"), "compare cannot use these inputs: an argument has the wrong type"
    )
    assert "not supported" not in message


def test_a_refusal_quotes_a_short_description_of_a_huge_argument():
    """About 35 functions once put repr(value) in the message: 5 MB for a million-element argument."""
    from scaling import book, synthetic

    message = _one_line_value_error(lambda: synthetic.loss_dataset(law=np.arange(1e6)), "an array of shape")
    assert len(message) < 300
    message = _one_line_value_error(lambda: book.shown(10**400, ".2f"), "an integer of 401 digits")
    assert len(message) < 300


# --- Round two (issue 29): bounded cost ---------------------------------------------------------------


def test_costly_arguments_are_refused_past_a_documented_limit():
    from scaling import reconcile
    from scaling.chinchilla import envelope

    many = {k: np.linspace(0.1, 1.0, 200) for k in ("alpha", "beta")}
    _one_line_value_error(lambda: parametric.initialisation_grid({**many, "log_E": np.arange(200.0)}), "limited to")
    assert parametric.initialisation_grid().shape == (4500, 5)
    n = np.array([1e8, 3e8, 1e9])
    curves = [np.geomspace(1e9, 1e11, 5)] * 3
    losses = [3.0 - 0.1 * np.arange(5)] * 3
    _one_line_value_error(lambda: envelope.fit_envelope(n, curves, losses, n_budgets=10**8), "budgets is more than")
    _one_line_value_error(
        lambda: reconcile.optimal_non_embedding_params(np.geomspace(1e18, 1e22, reconcile.MAX_BUDGETS + 1)),
        "in batches",
    )


def test_best_data_constrained_loss_works_in_blocks():
    """10^5 budgets at once once peaked at 6.6 GiB; now blocks of data.BUDGETS_PER_BLOCK keep memory flat,
    with the same answer as one budget at a time (make bench reports the largest size)."""
    from scaling import data

    budgets = np.geomspace(1e20, 1e26, 2 * data.BUDGETS_PER_BLOCK + 7)
    together = data.best_data_constrained_loss(budgets, 1e12)
    picked = [0, data.BUDGETS_PER_BLOCK - 1, data.BUDGETS_PER_BLOCK, budgets.size - 1]
    alone = [data.best_data_constrained_loss(budgets[i], 1e12) for i in picked]
    np.testing.assert_allclose(together[picked], alone, rtol=1e-12)
    assert together.shape == budgets.shape and np.all(np.isfinite(together))
    grid = data.best_data_constrained_loss(budgets[:6].reshape(2, 3), 1e12)
    assert grid.shape == (2, 3)
