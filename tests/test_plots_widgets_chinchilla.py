"""Chapter 3 figures and widget: they draw the computed numbers, and sliders cannot reach an error.

Also the claims chapter 3 makes about its own live computations: the reduced starting grid reaches
the same minimum as the paper's 4,500 starts on the chapter's data, and the early-stop demonstration
behaves as the text says.
"""

import warnings

import numpy as np
import pytest

from scaling import chinchilla, synthetic
from scaling.compute import tokens_for_budget
from scaling.plots import chinchilla as figures
from scaling.widgets import chinchilla as sliders

#: The reduced grid of starts chapter 3 uses.
CHAPTER_STARTS = {"log_A": (5.0, 10.0), "log_B": (5.0, 10.0), "log_E": (0.0, 1.0), "alpha": (0.5,), "beta": (0.5,)}


pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_isoflop_update_profile_and_optimum():
    view = sliders.isoflop_update(chinchilla.GOPHER_BUDGET_FLOPS, "rounded")
    # Every model on the profile spends the budget, and the optimum is the lowest point of the curve.
    np.testing.assert_allclose(6 * view.sizes * view.tokens, chinchilla.GOPHER_BUDGET_FLOPS, rtol=1e-12)
    assert view.loss.min() >= view.optimum.loss - 1e-12
    assert view.sizes[np.argmin(view.loss)] == pytest.approx(view.optimum.N, rel=0.03)
    # 20 tokens per parameter: N = sqrt(5.76e23 / 120) = 6.928e10.
    assert view.rule_n == pytest.approx(6.928e10, rel=1e-3)
    assert view.optimum.tokens_per_param == pytest.approx(92.6, rel=2e-3)  # FACTS 11: about 93


@pytest.mark.parametrize(
    "flops, key", [(1e18, "besiroglu"), (0.0, "rounded"), (1e40, "unrounded"), (-1.0, "nonsense"), (float("inf"), None)]
)
def test_isoflop_update_clamps_any_input(flops, key):
    view = sliders.isoflop_update(flops, key)
    assert 1e17 <= view.flops <= 1e27 and view.law_key in sliders.LAWS
    assert np.all(np.isfinite(view.loss)) and view.optimum.N > 0
    figures.isoflop_view(view, [("Chinchilla", 70e9)])  # draws without error at the extremes


def test_isoflop_view_marks_sizes_on_the_curve():
    view = sliders.isoflop_update(chinchilla.GOPHER_BUDGET_FLOPS, "rounded")
    fig = figures.isoflop_view(view, [("Chinchilla", 70e9), ("far away", 1e15)])
    squares = [line for line in fig.axes[0].get_lines() if line.get_marker() == "s"]
    assert len(squares) == 1  # the size off the drawn range is skipped
    law = chinchilla.HOFFMANN_ROUNDED
    expected = law.loss(70e9, tokens_for_budget(chinchilla.GOPHER_BUDGET_FLOPS, 70e9))
    assert squares[0].get_ydata()[0] == pytest.approx(expected, rel=1e-4)


def test_widget_controls_reach_their_ends_without_error():
    box = sliders.isoflop_explorer(marks=[("Gopher", 280e9)])
    budget, law = box.children[0].children
    assert chinchilla.GOPHER_BUDGET_FLOPS in [value for _, value in budget.options]
    budget.value = budget.options[0][1]
    budget.value = budget.options[-1][1]
    for key in sliders.LAWS:
        law.value = key


def test_three_approaches_plots_the_fits():
    truth = chinchilla.HOFFMANN_ROUNDED
    curves = synthetic.training_curves(truth, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        envelope = chinchilla.fit_envelope(curves.n_params, curves.tokens, curves.loss)
    grid = synthetic.isoflop_grid(truth, seed=0)
    profiles = chinchilla.isoflop_profiles(grid.flops, grid.n_params, grid.loss)
    isoflop = chinchilla.fit_isoflop(grid.flops, grid.n_params, grid.loss)
    fig = figures.three_approaches(curves, envelope, grid, profiles, isoflop, truth, truth, 5.76e23)
    front = fig.axes[2]
    # Approach 3 drawn with the true law: its ratio to the truth is exactly 1 everywhere.
    dashed = [line for line in front.get_lines() if line.get_linestyle() == "--"][0]
    np.testing.assert_allclose(dashed.get_ydata(), 1.0, rtol=1e-12)
    minima = [line for line in fig.axes[1].get_lines() if line.get_marker() == "v"]
    assert len(minima) == len(profiles)
    # Each coloured panel has a key: the Approach-1 colours span the model sizes, Approach 2's the budgets.
    keys = {ax.get_xlabel(): ax for ax in fig.axes[3:]}
    size_key, budget_key = keys["colour: model size N (parameters)"], keys["colour: budget C (FLOPs)"]
    assert size_key.get_xlim() == pytest.approx((curves.n_params.min(), curves.n_params.max()))
    assert budget_key.get_xlim() == pytest.approx((min(p.flops for p in profiles), max(p.flops for p in profiles)))


def test_tokens_per_param_figure_draws_each_law_and_table_3():
    laws = [("rounded", chinchilla.HOFFMANN_ROUNDED), ("refit", chinchilla.BESIROGLU_2024)]
    fig = figures.tokens_per_param_vs_compute(laws, marks=[("Chinchilla", 5.88e23, 20.0)], budget=5.88e23)
    ax = fig.axes[0]
    first = ax.get_lines()[0]
    np.testing.assert_allclose(first.get_ydata(), chinchilla.tokens_per_param(first.get_xdata()), rtol=1e-12)
    table = [line for line in ax.get_lines() if line.get_label().startswith("Table 3")][0]
    assert len(table.get_xdata()) == len(chinchilla.TABLE_3)


def test_chapter_reduced_grid_reaches_the_full_grid_minimum():
    # Chapter 3 fits its Approach-3 data from 8 starts and says the full 4,500 reach the same minimum.
    runs = synthetic.loss_dataset(chinchilla.HOFFMANN_ROUNDED, seed=0)
    reduced = chinchilla.fit(runs.n_params, runs.tokens, runs.loss, grid=CHAPTER_STARTS)
    full = chinchilla.fit(runs.n_params, runs.tokens, runs.loss)
    assert reduced.n_starts == 8 and full.n_starts == 4500
    assert reduced.objective == pytest.approx(full.objective, rel=1e-9)
    for name in ("E", "A", "B", "alpha", "beta"):
        assert getattr(reduced, name) == pytest.approx(getattr(full, name), rel=1e-5), name


def test_chapter_early_stop_demonstration():
    # From the published constants, on data drawn from a Besiroglu-like world, L-BFGS-B on the raw Huber sum
    # stops near its start (with finite differences or exact gradients alike); on the sum in units of δ² it
    # reaches the minimum found by the grid search, which implies about 20 tokens per parameter.
    replica = synthetic.loss_dataset(chinchilla.BESIROGLU_2024, noise=0.005, seed=0)
    start = [chinchilla.HOFFMANN_ROUNDED.log_params]
    args = (replica.n_params, replica.tokens, replica.loss)
    finite = chinchilla.fit_reference_loop(*args, starts=start)
    exact = chinchilla.fit_reference_loop(*args, starts=start, exact_gradient=True)
    rescaled = chinchilla.fit_reference_loop(*args, starts=start, exact_gradient=True, rescale=True)
    best = chinchilla.fit(*args, grid=CHAPTER_STARTS)
    assert finite.objective > 1.2 * best.objective and exact.objective > 1.2 * best.objective
    assert rescaled.objective == pytest.approx(best.objective, rel=1e-6)
    c = 5.88e23
    assert chinchilla.tokens_per_param(c, finite.law) > 50
    assert 15 < chinchilla.tokens_per_param(c, rescaled.law) < 25


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "ch3" in label and callable(set_up())
