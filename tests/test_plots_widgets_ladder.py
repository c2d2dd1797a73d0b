"""Tests of chapter 8's figures and widget (scaling.plots.ladder, scaling.widgets.ladder)."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scaling import chinchilla, schedules  # noqa: E402
from scaling.plots import ladder as figures  # noqa: E402
from scaling.widgets import ladder as sliders  # noqa: E402


def test_schedule_update_clamps_and_orders():
    view = sliders.schedule_update(float("nan"), 10.0, "cubic")
    assert view.steps == 20_000 and view.cooldown == sliders.COOLDOWN_RANGE[1] and view.shape == "1-sqrt"
    assert set(view.final) == set(view.lr) == set(view.loss)
    assert all(v.shape == (view.steps,) for v in view.lr.values())
    low = sliders.schedule_update(1, 0.2)
    assert low.steps == sliders.LENGTH_RANGE[0]


def test_wsd_label_follows_cooldown():
    view = sliders.schedule_update(10_000, 0.3, "linear")
    assert "WSD, 30% cooldown" in view.lr


@pytest.mark.parametrize("name", ["laws", "schedules", "envelope", "bootstrap"])
def test_figures_draw(name):
    if name == "laws":
        fig = figures.hyperparameter_laws(mark=("1e21", 1e21))
    elif name == "schedules":
        fig = figures.schedule_view(sliders.schedule_update(5_000, 0.2))
    elif name == "envelope":
        sizes = np.geomspace(50e6, 1e9, 4)
        long = schedules.ladder_curves(sizes, 1e20, reading="one long cosine")
        sep = schedules.ladder_curves(sizes, 1e20, reading="separately annealed")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", chinchilla.FitWarning)
            fits = tuple(chinchilla.fit_envelope(c.n_params, c.tokens, c.loss) for c in (long, sep))
        fig = figures.envelope_readings(long, sep, fits)
    else:
        rng = np.random.default_rng(0)
        fig = figures.bootstrap_by_size(rng.normal(2.2, 0.05, 200), rng.normal(2.3, 0.2, 200), ("6.9B", 2.38))
    assert fig.axes and all(ax.get_xlabel() for ax in fig.axes)
    plt.close(fig)
