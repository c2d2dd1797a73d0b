"""Chapter 5 figures and widget: they draw the computed data, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import data, models
from scaling.plots import datawall as figures
from scaling.widgets import datawall as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_stock_and_growth_draws_both_panels():
    llama = models.get_model("Llama 3 405B")
    fig = figures.stock_and_growth(compute_then_now=("Llama 3 405B", llama.reported_flops))
    when, budget = fig.axes
    # The two training sets are plotted as points.
    points = [line for line in when.get_lines() if line.get_marker() == "o" and len(line.get_xdata()) == 2][0]
    np.testing.assert_array_equal(points.get_ydata(), [data.GPT3_TRAINING_TOKENS, data.LLAMA3_TRAINING_TOKENS])
    # At k = 1 the 20:1 curve starts at the 2.7e28 FLOPs of stock_exhaustion_flops.
    rule = [line for line in budget.get_lines() if "tokens/param" in line.get_label()][0]
    assert rule.get_ydata()[0] == pytest.approx(data.stock_exhaustion_flops())
    assert any(line.get_label() == "Llama 3 405B" for line in budget.get_lines())


def test_effective_data_curve_plots_eq_5_and_the_ceiling():
    fig = figures.effective_data_curve(max_epochs=32)
    total, each = fig.axes
    effective = [line for line in total.get_lines() if line.get_label() == "effective data D′/U"][0]
    np.testing.assert_allclose(effective.get_ydata(), data.effective_data(1.0, effective.get_xdata()))
    bars, highlighted = each.collections  # one vertical bar per epoch, then the marked epochs
    heights = [segment[1, 1] for segment in bars.get_segments()]
    np.testing.assert_allclose(heights, data.value_of_epoch(np.arange(1, 33)))
    assert len(highlighted.get_segments()) == 2


@pytest.mark.parametrize(
    "unique, epochs, flops",
    [
        (1e12, 4.0, 1e25),
        (300e12, 4.0, 1e30),
        (1.0, 0.0, 0.0),
        (1e20, 1e6, 1e40),
        (-5.0, -1.0, -1e24),
    ],
)
def test_update_clamps_any_slider_value(unique, epochs, flops):
    view = sliders.explorer_update(unique, epochs, flops)
    assert sliders.UNIQUE_TOKENS_RANGE[0] <= view.unique_tokens <= sliders.UNIQUE_TOKENS_RANGE[1]
    assert sliders.EPOCHS_RANGE[0] <= view.epochs <= sliders.EPOCHS_RANGE[1]
    assert sliders.FLOPS_RANGE[0] <= view.flops <= sliders.FLOPS_RANGE[1]
    for values in (view.loss_repeated, view.loss_fresh, view.best_loss, view.unlimited_loss):
        assert np.all(np.isfinite(values))
    assert np.isfinite(view.loss) and view.n_params > 0
    figures.explorer(view)


def test_update_is_consistent_with_the_science():
    view = sliders.explorer_update(1e12, 4.0, 1e25)
    # N = C / (6·D) with D = 4 epochs of 1e12 tokens.
    assert view.n_params == pytest.approx(1e25 / (6 * 4e12))
    assert view.effective_tokens == pytest.approx(data.effective_data(1e12, 4.0))
    # Repeating never beats fresh data, and the best run is at least as good as the reader's.
    assert np.all(view.loss_repeated >= view.loss_fresh - 1e-12)
    assert view.best.loss <= view.loss + 1e-12
    assert np.all(view.best_loss >= view.unlimited_loss - 1e-9)
    assert np.all(view.best_loss >= view.floor - 1e-9)


def test_widget_sliders_stay_in_the_valid_range():
    box = sliders.data_wall_explorer()
    unique, epochs, flops = box.children[0].children
    for slider, bounds in (
        (unique, sliders.UNIQUE_TOKENS_RANGE),
        (epochs, sliders.EPOCHS_RANGE),
        (flops, sliders.FLOPS_RANGE),
    ):
        assert 10**slider.min == pytest.approx(bounds[0]) and 10**slider.max == pytest.approx(bounds[1])
        slider.value = 10**slider.max  # moving a slider to its end must not raise
        slider.value = 10**slider.min


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "data-wall" in label and callable(set_up())
