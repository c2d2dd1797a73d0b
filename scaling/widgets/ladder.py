"""Widgets of chapter 8, running the ladder: the schedule explorer (cosine against warmup-stable-decay)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import schedules
from .._validate import clamped

#: Run lengths the slider offers (steps of 2^24 tokens).
LENGTH_RANGE = (2_000, 40_000)
#: Cooldown fractions the slider offers.
COOLDOWN_RANGE = (0.05, 0.5)


@dataclass(frozen=True)
class ScheduleView:
    """What the chapter-8 view draws: per schedule its learning rates and loss curve (illustrative law).

    ``steps`` the run length; ``cooldown`` the WSD cooldown fraction and ``shape`` its shape;
    ``lr`` and ``loss`` map a schedule label to arrays (fraction of peak; nats per token);
    ``final`` maps it to the final loss.
    """

    steps: int
    cooldown: float
    shape: str
    lr: dict
    loss: dict
    final: dict


def schedule_update(steps, cooldown, shape="1-sqrt") -> ScheduleView:
    """Chapter 8 widget update: clamp the controls, then the three schedules' learning rates and loss curves."""
    n = int(round(clamped(steps, *LENGTH_RANGE, 20_000)))
    cool = clamped(cooldown, *COOLDOWN_RANGE, schedules.WSD_COOLDOWN_FRACTION)
    shape = shape if shape in schedules.COOLDOWN_SHAPES else "1-sqrt"
    law = schedules.ILLUSTRATIVE_LAW
    lrs = {
        "constant": schedules.learning_rates("constant", n),
        "cosine to 10%": schedules.learning_rates("cosine", n),
        f"WSD, {cool:.0%} cooldown": schedules.learning_rates("wsd", n, cooldown_fraction=cool, cooldown_shape=shape),
    }
    losses = {k: law.curve(v) for k, v in lrs.items()}
    return ScheduleView(n, cool, shape, lrs, losses, {k: float(v[-1]) for k, v in losses.items()})


def schedule_explorer():
    """Chapter 8: sliders for the run length and the WSD cooldown, a menu for its shape."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import ladder as figures

    length = widgets.IntSlider(
        value=20_000,
        min=LENGTH_RANGE[0],
        max=LENGTH_RANGE[1],
        step=1000,
        description="steps",
        continuous_update=False,
    )
    cooldown = widgets.FloatSlider(
        value=0.2,
        min=COOLDOWN_RANGE[0],
        max=COOLDOWN_RANGE[1],
        step=0.05,
        description="cooldown",
        continuous_update=False,
    )
    shape = widgets.Dropdown(options=list(schedules.COOLDOWN_SHAPES), value="1-sqrt", description="shape")

    def draw(n, c, s):
        figures.schedule_view(schedule_update(n, c, s))
        plt.show()

    output = widgets.interactive_output(draw, {"n": length, "c": cooldown, "s": shape})
    return widgets.VBox([widgets.HBox([length, cooldown, shape]), output])


def _bench_update():
    return lambda: schedule_update(20_000, 0.2, "1-sqrt")


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch8 schedule explorer: update", _bench_update)]
