"""Chapter 2 figures and widget: they draw the computed numbers, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import chinchilla, kaplan, models
from scaling.plots import kaplan as figures
from scaling.widgets import kaplan as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_three_laws_draw_the_published_laws():
    fig = figures.three_laws()
    n_line, d_line, c_line = (ax.get_lines()[0] for ax in fig.axes)
    np.testing.assert_allclose(n_line.get_ydata(), kaplan.loss_from_params(n_line.get_xdata()))
    np.testing.assert_allclose(d_line.get_ydata(), kaplan.loss_from_tokens(d_line.get_xdata()))
    np.testing.assert_allclose(c_line.get_ydata(), kaplan.loss_from_compute(c_line.get_xdata()))


def test_joint_law_curves_flatten_onto_their_floors():
    fig = figures.joint_law(sizes=(1e8, 1e9))
    ax = fig.axes[0]
    curves = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
    floors = [line for line in ax.get_lines() if line.get_linestyle() == ":" and len(line.get_ydata()) == 2]
    assert len(curves) == 2 and len(floors) == 2
    # At 1e13 tokens each curve is within 0.1% of L(N, ∞) = (N_c/N)^α_N (Table 2 constants).
    law = kaplan.JOINT_FIT
    for line, n in zip(curves, (1e8, 1e9)):
        assert line.get_ydata()[-1] == pytest.approx((law.N_c / n) ** law.alpha_N, rel=1e-3)


def test_allocation_update_matches_the_package():
    view = sliders.allocation_update(1e23, "actual")
    assert view.kaplan.N == pytest.approx(kaplan.optimal_allocation(1e23, compute="actual").N, rel=1e-12)
    assert view.approach3.N == pytest.approx(chinchilla.compute_optimal(1e23).N, rel=1e-12)
    assert view.table3.N == pytest.approx(chinchilla.table_3_optimal_params(1e23), rel=1e-12)
    # Every plan spends the budget: 6·N·D = C.
    for plan in (view.kaplan, view.table3, view.approach3):
        assert 6 * plan.N * plan.D == pytest.approx(1e23, rel=0.12)  # Kaplan's Table 6 rounding: 1.8·C_min
    assert 6 * view.table3.N * view.table3.D == pytest.approx(1e23, rel=1e-12)
    minimum = sliders.allocation_update(1e23, "minimum")
    assert minimum.kaplan.N / view.kaplan.N == pytest.approx(2**kaplan.N_OPT_EXPONENT, rel=1e-9)


@pytest.mark.parametrize(
    "flops, reading",
    [(1e23, "actual"), (0.0, "minimum"), (1e40, "actual"), (-5.0, "spent"), (float("nan"), None), (1e18, "minimum")],
)
def test_allocation_update_clamps_any_input(flops, reading):
    view = sliders.allocation_update(flops, reading)
    assert 1e18 <= view.flops <= 1e26 and view.reading in ("actual", "minimum")
    assert np.all(np.isfinite(view.kaplan_n)) and view.kaplan.N > 0
    figures.allocation_view(view)  # draws without error at the extremes


def test_allocation_view_marks_published_models():
    published = [models.get_model(name) for name in ("Chinchilla", "GPT-3")]
    fig = figures.allocation_view(sliders.allocation_update(1e23), published)
    ratio = fig.axes[1]
    squares = [line for line in ratio.get_lines() if line.get_marker() == "s"]
    assert [line.get_ydata()[0] for line in squares] == pytest.approx([20.0, 300 / 175])


def test_widget_controls_reach_their_ends_without_error():
    box = sliders.allocation_explorer()
    budget, reading = box.children[0].children
    budget.value = budget.options[0][1]
    budget.value = budget.options[-1][1]
    reading.value = "minimum"


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "ch2" in label and callable(set_up())
