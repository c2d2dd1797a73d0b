"""Chapter 1 figures and widget: they draw the computed data, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import powerlaw, randomfeatures
from scaling.plots import powerlaw as figures
from scaling.widgets import powerlaw as sliders


@pytest.fixture(scope="module")
def sweep():
    return randomfeatures.model_size_sweep()


pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_loglog_demo_draws_one_line_per_exponent():
    fig = figures.loglog_demo(alphas=(0.5, 1.0))
    assert [len(ax.get_lines()) for ax in fig.axes] == [2, 2]


def test_data_size_fit_draws_the_sweep_and_both_levels():
    data = randomfeatures.data_size_sweep()
    fit = powerlaw.fit_saturating_power_law(data.sizes, data.losses)
    fig = figures.data_size_fit(data, fit)
    lines = fig.axes[0].get_lines()
    measured = [line for line in lines if line.get_label() == "measured"][0]
    np.testing.assert_array_equal(measured.get_ydata(), data.losses)
    levels = sorted(line.get_ydata()[0] for line in lines if len(set(line.get_ydata())) == 1)
    assert levels == pytest.approx(sorted([data.floor, fit.E]))
    assert fit.E > data.floor  # the model's own limit sits above the noise floor


def test_fit_comparison_plots_the_measured_points(sweep):
    naive = powerlaw.fit_power_law(sweep.sizes, sweep.losses)
    floored = powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses)
    fig = figures.fit_comparison(sweep, naive, floored)
    measured = [line for line in fig.axes[0].get_lines() if line.get_label() == "measured"][0]
    np.testing.assert_array_equal(measured.get_ydata(), sweep.losses)
    np.testing.assert_allclose(fig.axes[1].get_lines()[0].get_ydata(), sweep.losses - floored.E)


def test_emergence_panels():
    sizes = np.geomspace(1e7, 1e12, 20)
    fig = figures.emergence(sizes, powerlaw.power_law(sizes, 1000, 0.42), lengths=(1, 20))
    exact_20 = fig.axes[1].get_lines()[1].get_ydata()
    assert exact_20[0] < 0.01 and exact_20[-1] > 0.8


@pytest.mark.parametrize("floor, alpha", [(0.0, 0.5), (1.0, 0.5), (-3.0, 0.5), (0.005, -2.0), (0.005, 50.0)])
def test_explorer_update_clamps_any_slider_value(sweep, floor, alpha):
    E, a, A, rms = sliders.explorer_update(sweep, floor, alpha)
    assert 0 <= E < sweep.losses.min() and 0.01 <= a <= 3.0
    assert np.isfinite(A) and A > 0 and np.isfinite(rms)


def test_explorer_update_misses_less_at_the_best_fit_than_with_a_straight_line(sweep):
    best = powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses)
    naive = powerlaw.fit_power_law(sweep.sizes, sweep.losses)
    _, _, A, rms_best = sliders.explorer_update(sweep, best.E, best.alpha)
    _, _, _, rms_line = sliders.explorer_update(sweep, 0.0, naive.alpha)
    assert A == pytest.approx(best.A, rel=0.1)
    assert rms_best < rms_line / 2


def test_widget_sliders_stay_in_the_valid_range(sweep):
    box = sliders.power_law_explorer(sweep)
    floor, alpha = box.children[0].children
    assert floor.max < sweep.losses.min() and floor.min == 0
    assert alpha.min > 0
    floor.value = floor.max  # moving a slider to its end must not raise
    alpha.value = alpha.max


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "explorer" in label and callable(set_up())
