"""Fits on real runs (scaling.realdata): pinned to the values the chapters print, and to the papers.

Tolerances: exponents to ±0.005 (the chapters print three decimals), doubling times to ±0.05 months.
Where a paper gives the value, the test checks against the paper instead of our own output.
"""

import numpy as np
import pytest

from scaling import datasets, realdata


@pytest.fixture(scope="module")
def ladder():
    return realdata.discrepancy_ladder()


def test_authors_interpolation_reproduces_their_exponents(ladder):
    # Porian et al. 2024, Table 1 and their released analysis: the plain Akima interpolation (without
    # their bootstrap and weights) lands within 0.01 of their estimate on every RefinedWeb setup.
    for step in ladder:
        assert step.akima == pytest.approx(step.paper, abs=0.01)
    for step in realdata.discrepancy_ladder(realdata.PORIAN_LADDER_OWT2):
        assert step.akima == pytest.approx(step.paper, abs=0.01)


def test_naive_parabolas_overshoot_on_the_kaplan_setup(ladder):
    # Chapter 2 prints the naive exponent (issue 11 quotes about 1.2) and the ladder.
    assert ladder[0].naive == pytest.approx(1.209, abs=0.005)
    assert ladder[1].naive == pytest.approx(1.038, abs=0.005)
    assert ladder[-1].naive == pytest.approx(0.514, abs=0.005)
    assert ladder[0].parabola_nearest == pytest.approx(0.864, abs=0.005)
    # each setup change lowers the exponent, by every method but the naive one at the decay step
    papers = [s.paper for s in ladder]
    assert papers == sorted(papers, reverse=True)


def test_exponent_options_and_errors():
    runs = datasets.porian_isoflop().select(realdata.PORIAN_LADDER[0][0])
    full = realdata.isoflop_exponent(runs)
    assert full.n_dropped == 3 and full.budgets.size == 8
    with pytest.raises(ValueError, match="method must be one of"):
        realdata.isoflop_exponent(runs, method="spline")
    with pytest.raises(ValueError, match="nearest the minimum"):
        realdata.isoflop_exponent(runs, nearest=2)
    few = datasets.IsoFLOPRuns(*(getattr(runs, f)[:20] for f in ("setup", "label", "C", "N", "D", "loss")))
    with pytest.raises(ValueError, match="a_N needs at least 3"):
        realdata.isoflop_exponent(few)


def test_compute_trend_printed_in_chapter_2():
    models = datasets.epoch_models()
    trend = realdata.compute_trend(models)
    assert trend.n_models == 453
    assert trend.doubling_months == pytest.approx(5.68, abs=0.05)
    assert trend.growth_per_year == pytest.approx(2 ** (12 / trend.doubling_months))
    assert trend.predict(2020.0) == pytest.approx(2 ** (trend.intercept_log2 + 2020 * 12 / trend.doubling_months))
    language = realdata.compute_trend(models, language_only=True)
    assert language.doubling_months == pytest.approx(4.70, abs=0.05)
    with pytest.raises(ValueError, match="start year"):
        realdata.compute_trend(models, start_year=2030)


def test_tokens_per_param_trend_printed_in_chapter_4():
    # Chapter 4 prints these counts and medians (ratios to one decimal, growth to two).
    trend = realdata.tokens_per_param_trend(datasets.epoch_models())
    assert list(trend.years) == list(range(2019, 2026))
    assert (trend.n_language, trend.n_no_params, trend.n_large_no_data, trend.ratios.size) == (288, 77, 33, 112)
    assert list(trend.counts) == [6, 6, 19, 21, 23, 17, 20] and trend.counts.sum() == trend.ratios.size
    # 2023's median is Chinchilla's own 1.4T tokens / 70B parameters (Hoffmann et al. 2022, Table 1) = 20.
    medians = dict(zip(trend.years, trend.medians))
    assert medians[2023] == pytest.approx(1.4e12 / 70e9, rel=1e-9)
    assert medians[2019] == pytest.approx(4.3, abs=0.05)
    assert medians[2024] == pytest.approx(87.0, abs=0.05)
    assert trend.growth_per_year == pytest.approx(1.78, abs=0.005)
    assert trend.predict(2024.0) == pytest.approx(
        10 ** (trend.intercept_log10 + 2024 * np.log10(trend.growth_per_year))
    )
    ratio = dict(zip(trend.names, trend.ratios))
    assert ratio["Chinchilla"] == pytest.approx(20.0, rel=1e-9)
    assert ratio["GPT-3 175B (davinci)"] == pytest.approx(238e9 / 174.6e9, rel=1e-9)  # Epoch's entry, not 300B tokens
    assert np.all(trend.ratios > 0)


def test_tokens_per_param_trend_refuses_bad_windows():
    models = datasets.epoch_models()
    with pytest.raises(ValueError, match="start year"):
        realdata.tokens_per_param_trend(models, start_year=2030)
    with pytest.raises(ValueError, match="smallest model size"):
        realdata.tokens_per_param_trend(models, min_params=-1)
    with pytest.raises(ValueError, match="a trend needs 10"):
        realdata.tokens_per_param_trend(models, min_params=1e13)


def test_cost_against_compute_printed_in_chapter_7():
    # Chapter 7 prints b to two decimals, the per-year factor to two, the scatter to one.
    models = datasets.epoch_models()
    fit = realdata.cost_against_compute(models)
    assert fit.n_models == 177
    assert fit.slope == pytest.approx(0.82, abs=0.005)
    assert fit.slope_same_year == pytest.approx(0.97, abs=0.005)
    assert fit.change_per_year == pytest.approx(0.73, abs=0.005)
    assert 10**fit.residual_std_log10 == pytest.approx(4.3, abs=0.05)
    assert (int(fit.start_year), int(fit.end_year)) == (2012, 2025)
    assert 1e-19 < fit.median_dollars_per_flop < 1e-17
    # The line passes through the centroid of the points in log space (a property of least squares).
    keep = np.isfinite(models.cost) & np.isfinite(models.compute) & (models.cost > 0)
    x, y = np.log10(models.compute[keep]), np.log10(models.cost[keep])
    assert np.log10(fit.dollars_per_1e24) + fit.slope * (x.mean() - 24) == pytest.approx(y.mean(), abs=1e-9)
    with pytest.raises(ValueError, match="epoch_models"):
        realdata.cost_against_compute("a table")


def test_gadre_law_reproduces_their_released_prediction_errors():
    # mlfoundations/scaling, scaling_explorer.ipynb at a003c49 prints, for training on RedPajama and
    # the C4 evaluation loss: 0.7103 % for (1.4B, M=32) and 0.7320 % for (6.9B, M=1).
    law, held_out = realdata.predict_large_runs("rpj", method="gadre")
    assert held_out.n_fitted == 5
    errors = dict(zip(zip(np.round(held_out.N / 1e9, 1), held_out.M), np.abs(held_out.relative_error) * 100))
    assert errors[(1.4, 32.0)] == pytest.approx(0.7103, abs=0.005)
    assert errors[(6.9, 1.0)] == pytest.approx(0.7320, abs=0.005)
    assert law.eta == pytest.approx(0.2729, abs=5e-4)  # their fitted exponent b = -0.27285


def test_plain_approach3_misses_the_6_9b_run():
    # issue 11 / FACTS: fitted below 1B on c4_original, the 6.9B C4 loss is predicted 2.20 against 2.38.
    _, held_out = realdata.predict_large_runs("c4_original")
    big = held_out.N > 5e9
    assert held_out.predicted[big][0] == pytest.approx(2.195, abs=0.005)
    assert held_out.measured[big][0] == pytest.approx(2.382, abs=0.001)
    assert held_out.relative_error[big][0] == pytest.approx(-0.0787, abs=0.002)
    with pytest.raises(ValueError, match="method must be"):
        realdata.predict_large_runs("rpj", method="magic")


def test_equal_exponent_fit_recovers_a_known_law_and_rejects_bad_input():
    truth = realdata.EqualExponentLaw(E=1.7, A=150.0, B=250.0, eta=0.28)
    N = np.array([1e7, 1e7, 1e8, 1e8, 1e9, 1e9])
    D = N * np.array([10, 80, 20, 160, 20, 40])
    law = realdata.fit_equal_exponent_law(N, D, truth.loss(N, D))
    assert law.eta == pytest.approx(0.28, abs=1e-4)
    assert law.E == pytest.approx(1.7, abs=1e-3)
    with pytest.raises(ValueError, match="positive|greater than zero"):
        realdata.fit_equal_exponent_law(-N, D, truth.loss(N, D))


def test_real_data_exercises_expect_the_measured_values():
    # Exercise 2.9: the parabola-near-the-minimum exponent of the OWT2 Kaplan setup (the chapter's
    # method, 5 nearest sizes) lies between the authors' interpolation and the naive fit's overshoot.
    from scaling.exercises import ch02, declared

    runs = datasets.porian_isoflop().select(ch02.EXERCISE_2_9_SETUP)
    assert declared()["2.9"].expected() == pytest.approx(0.856, abs=0.005)
    assert (
        realdata.isoflop_exponent(runs, method="akima").a_N
        < 0.9
        < realdata.isoflop_exponent(runs, keep_unbracketed=True).a_N
    )
    # Exercise 4.7: the 154M C4 model, loss 3.4326 at M = 1 and 2.9976 at M = 32 (Gadre et al.'s released
    # losses, data/gadre2024_overtraining.csv): (3.4326 - 2.9976)/3.4326 = 12.67 %.
    assert declared()["4.7"].expected() == pytest.approx(100 * (3.4326 - 2.9976) / 3.4326, abs=0.01)
