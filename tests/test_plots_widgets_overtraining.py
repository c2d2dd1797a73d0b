"""Chapter 4 figures and widget: they draw the computed numbers, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import inference, models
from scaling.plots import overtraining as figures
from scaling.widgets import overtraining as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_tokens_per_parameter_draws_one_bar_per_model_with_tokens():
    fig = figures.tokens_per_parameter(models.all_models(), 20.0)
    ax = fig.axes[0]
    with_tokens = [m for m in models.all_models() if m.n_tokens is not None]
    widths = sorted(p.get_width() for p in ax.patches)
    np.testing.assert_allclose(widths, sorted(m.tokens_per_param for m in with_tokens))
    # Each mixture of experts with known tokens also gets a mark per active parameter: DeepSeek-V3,
    # 14.8e12 / 37e9 = 400; Llama 4 Scout, 40e12 / 17e9 = 2,353.
    marks = [line.get_xdata()[0] for line in ax.get_lines() if line.get_marker() == "D"]
    assert len(marks) == sum(m.is_moe for m in with_tokens)
    assert 400.0 in [pytest.approx(x) for x in marks]
    assert 40e12 / 17e9 in [pytest.approx(x) for x in marks]


def test_break_even_lines_cross_at_the_break_even_point():
    fig = figures.break_even(("a", 70e9, 1.4e12), ("b", 30e9, 4e12), 4e12)
    lines = fig.axes[0].get_lines()
    point = [line for line in lines if line.get_marker() == "o"][0]
    assert point.get_xdata()[0] == pytest.approx(1.65)  # trillions of tokens (6ND difference / 2ΔN)
    # Lifetime compute of 70B on 1.4T at T = 0 is 5.88e23 FLOPs, drawn in units of 1e23.
    assert lines[0].get_ydata()[0] == pytest.approx(5.88)


def test_demand_update_matches_the_package_at_the_sardana_case():
    view = sliders.demand_update(30e9, 1e13)
    direct = inference.demand_aware_optimum(inference.compute_optimal_for_params(30e9).loss, 1e13)
    assert view.optimum.n_params == pytest.approx(direct.n_params, rel=1e-9)
    # The lifetime curve along the iso-loss line bottoms out at the demand-aware optimum, below 1.
    best = view.sizes[np.argmin(view.lifetime_ratio)]
    assert best == pytest.approx(direct.n_params, rel=0.05)
    assert view.lifetime_ratio.min() == pytest.approx(1 - direct.saving, rel=1e-3)
    # At T = 0 the training-only curve bottoms out at the compute-optimal model, ratio 1.
    assert view.training_ratio.min() == pytest.approx(1.0, abs=1e-3)
    assert np.all(np.diff(view.size_ratio) <= 1e-12) and np.all(np.diff(view.data_ratio) >= -1e-12)


@pytest.mark.parametrize("size, demand", [(30e9, 1e13), (0.0, -1.0), (1e20, 1e30), (1e9, 0.0), (405e9, 1e16)])
def test_demand_update_clamps_any_slider_value(size, demand):
    view = sliders.demand_update(size, demand)
    assert 1e8 <= view.reference_params <= 1e13 and 0 <= view.served_tokens <= 1e18
    assert np.all(np.isfinite(view.lifetime_ratio)) and 0 <= view.optimum.saving < 1
    figures.demand_view(view)  # draws without error at the extremes


def test_widget_sliders_reach_their_ends_without_error():
    box = sliders.demand_explorer()
    quality, demand = box.children[0].children
    for slider in (quality, demand):
        slider.value = slider.options[0][1]
        slider.value = slider.options[-1][1]


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "ch4" in label and callable(set_up())
