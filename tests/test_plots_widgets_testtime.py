"""Chapter 6 figures and widget: they draw the computed data, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import testtime
from scaling.plots import testtime as figures
from scaling.widgets import testtime as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_coverage_curves_draw_single_problems_and_mixes():
    walled = np.array([0.0, 0.0, 0.5, 0.1, 0.01])
    fig = figures.coverage_curves(single=(0.5, 0.05), mixes=[("mix", walled)], k_max=1000)
    one, many = fig.axes
    first = one.get_lines()[0]
    np.testing.assert_allclose(first.get_ydata(), 1 - 0.5 ** first.get_xdata())
    mix = [line for line in many.get_lines() if line.get_label() == "mix"][0]
    np.testing.assert_allclose(mix.get_ydata(), testtime.coverage(walled, mix.get_xdata().astype(int)))
    ceiling = [line for line in many.get_lines() if "ceiling" in line.get_label()][0]
    assert ceiling.get_ydata()[0] == pytest.approx(0.6)  # 2 of 5 problems never solved


def test_coverage_fit_plots_the_measured_points_and_the_law():
    ks = np.array([1, 2, 4, 8, 16])
    law = testtime.CoverageFit(a=-1.0, b=-0.3, rms_log_error=0.0)
    measured = law.predict(ks)
    fig = figures.coverage_fit(ks, measured, law)
    left, right = fig.axes
    np.testing.assert_allclose(left.get_lines()[0].get_ydata(), measured)
    np.testing.assert_allclose(right.get_lines()[0].get_ydata(), -np.log(measured))


@pytest.mark.parametrize(
    "n_params, samples, mean",
    [
        (1e9, 14, 0.3),
        (1e11, 128, 0.6),
        (0.0, 0, 0.0),
        (1e15, 10_000, 2.0),
        (-1.0, -5, -1.0),
        (3e9, 7.6, 0.1),
    ],
)
def test_update_clamps_any_slider_value(n_params, samples, mean):
    view = sliders.explorer_update(n_params, samples, mean)
    assert sliders.PARAMS_RANGE[0] <= view.n_params <= sliders.PARAMS_RANGE[1]
    assert sliders.SAMPLES_RANGE[0] <= view.samples <= sliders.SAMPLES_RANGE[1]
    assert sliders.MEAN_SUCCESS_RANGE[0] <= view.mean_success <= sliders.MEAN_SUCCESS_RANGE[1]
    assert view.samples in view.ks
    for values in (view.oracle, view.majority, view.larger, view.pass1, view.majority_by_level):
        assert np.all((values >= 0) & (values <= 1))
    figures.explorer(view)


def test_update_agrees_with_the_compute_matched_comparison():
    view = sliders.explorer_update(1e9, 14, 0.3)
    # At k = 14 the bars are testtime.compute_matched_comparison against a 14× larger model.
    result = testtime.compute_matched_comparison(
        view.p, 1e9, 14e9, selection="majority", n_wrong_answers=view.n_wrong_answers, logit_gain=view.logit_gain
    )
    for level in range(1, 6):
        at = view.levels == level
        assert view.majority_by_level[level - 1] == pytest.approx(result.accuracy_small[at].mean())
        assert view.larger_by_level[level - 1] == pytest.approx(result.accuracy_large[at].mean())
    # One sample: all three ways agree; oracle never below the vote.
    assert view.oracle[0] == pytest.approx(view.majority[0]) == pytest.approx(view.larger[0])
    assert np.all(view.oracle >= view.majority - 1e-12)
    # k samples of 2·N·T FLOPs each.
    assert view.flops_per_problem == pytest.approx(14 * 2 * 1e9 * testtime.ILLUSTRATIVE_TOKENS_PER_SAMPLE)


def test_a_bigger_model_solves_more():
    small = sliders.explorer_update(1e9, 1, 0.3)
    big = sliders.explorer_update(1e10, 1, 0.3)
    assert big.p.mean() > small.p.mean()


def test_widget_sliders_stay_in_the_valid_range():
    box = sliders.sampling_explorer()
    size, count, mix = box.children[0].children
    assert 10**size.min == pytest.approx(sliders.PARAMS_RANGE[0]) and 10**size.max == pytest.approx(
        sliders.PARAMS_RANGE[1]
    )
    assert (count.min, count.max) == sliders.SAMPLES_RANGE
    assert (mix.min, mix.max) == pytest.approx(sliders.MEAN_SUCCESS_RANGE)
    count.value = count.max  # moving a slider to its end must not raise
    mix.value = mix.min
    size.value = 10**size.max


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "test-time" in label and callable(set_up())
