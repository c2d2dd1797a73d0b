"""Chapter 10 figures and widget: they draw the computed numbers, and the controls cannot reach an error."""

import numpy as np
import pytest

from scaling import capabilities as cap
from scaling.plots import capabilities as figures
from scaling.widgets import capabilities as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


@pytest.fixture(scope="module")
def rpj():
    return cap.run_table("rpj")


def test_error_against_loss_draws_every_small_run_and_both_targets(rpj):
    prediction = cap.predict_capabilities("rpj", "17")
    ax = figures.error_against_loss(rpj, prediction).axes[0]
    drawn = sum(len(line.get_xdata()) for line in ax.get_lines() if line.get_label() in ("11M", "79M", "154M", "411M"))
    assert drawn == int((rpj.N < cap.SMALL_RUN_LIMIT).sum())
    predicted = [line for line in ax.get_lines() if line.get_label() == "1.4B and 6.9B, predicted"][0]
    np.testing.assert_allclose(predicted.get_ydata(), prediction.error_predicted)


def test_task_panels_plot_centred_accuracy(rpj):
    fig = figures.task_panels(rpj, ("hellaswag", "mmlu"))
    hellaswag = fig.axes[0]
    stars = [line for line in hellaswag.get_lines() if line.get_label() == "1.4B and 6.9B"][0]
    k = rpj.tasks.index("hellaswag")
    big = rpj.N >= cap.SMALL_RUN_LIMIT
    np.testing.assert_allclose(stars.get_ydata(), (rpj.accuracy[big, k] - 0.25) / 0.75)


def test_ladder_update_matches_the_package_and_snaps_to_a_ladder():
    view = sliders.ladder_update("rpj", 411616256.0, "17")
    small = cap.predict_capabilities("rpj", "17", fit="small")
    assert view.n_fitted == small.n_error_fit == 32
    np.testing.assert_allclose(np.sort(view.error_predicted), np.sort(small.error_predicted), rtol=1e-9)
    assert sliders.ladder_update("rpj", 1.6e8, "17").ladder_top == 153677376.0


@pytest.mark.parametrize(
    "dataset, top, tasks",
    [("rpj", 411616256.0, "17"), ("nope", -1.0, "x"), ("c4_original", 1e30, "46"), (3, None, None)],
)
def test_ladder_update_clamps_any_control_value(dataset, top, tasks):
    view = sliders.ladder_update(dataset, top, tasks)
    assert np.all(np.isfinite(view.error_predicted))
    figures.ladder_view(view)


def test_ladder_explorer_builds_its_controls():
    box = sliders.ladder_explorer()
    data, top, task_set = box.children[0].children
    assert data.value == "rpj" and top.value == 411616256.0 and task_set.value == "17"
