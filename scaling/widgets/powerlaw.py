"""Widgets of chapter 1, power laws: the power-law explorer."""

from __future__ import annotations

from .. import powerlaw, randomfeatures
from .._validate import clamped
from ..randomfeatures import Sweep


def explorer_update(sweep: Sweep, floor: float, alpha: float):
    """Chapter 1 widget update: clamp the reader's E and α, then the best A and the miss for them.

    The floor is kept below the smallest measured loss (otherwise no A fits) and α in
    [0.01, 3]. Returns (E, α, A, rms log miss).
    """
    if not isinstance(sweep, Sweep):
        raise ValueError(
            "sweep must be the Sweep of chapter 1 (randomfeatures.model_size_sweep), not the reader's input."
        )
    floor = clamped(floor, 0.0, 0.99 * sweep.losses.min(), 0.0)
    alpha = clamped(alpha, 0.01, 3.0, 0.5)
    coefficient, rms = powerlaw.best_coefficient(sweep.sizes, sweep.losses, floor, alpha)
    return floor, alpha, coefficient, rms


def power_law_explorer(sweep: Sweep, best: powerlaw.SaturatingFit | None = None):
    """Chapter 1: sliders for the floor E and the exponent α against the measured losses.

    ``best`` is the fit to compare with (computed from ``sweep`` if not given).
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import powerlaw as figures

    best = best or powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses)
    floor = widgets.FloatSlider(
        value=0.0,
        min=0.0,
        max=round(0.95 * float(sweep.losses.min()), 4),
        step=round(float(sweep.losses.min()) / 100, 5),
        readout_format=".4f",
        description="floor E",
        continuous_update=False,
    )
    alpha = widgets.FloatSlider(
        value=0.5, min=0.05, max=2.0, step=0.01, description="exponent α", continuous_update=False
    )

    def draw(floor_value, alpha_value):
        figures.explorer(sweep, *explorer_update(sweep, floor_value, alpha_value), best)
        plt.show()

    output = widgets.interactive_output(draw, {"floor_value": floor, "alpha_value": alpha})
    return widgets.VBox([widgets.HBox([floor, alpha]), output])


def _bench_update():
    sweep = randomfeatures.model_size_sweep()
    return lambda: explorer_update(sweep, 0.005, 0.8)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch1 power-law explorer: update", _bench_update)]
