"""Widget of chapter 10, from loss to capabilities: predict the big runs' error from a ladder of small ones."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .. import capabilities
from .._validate import clamped

#: Training sets offered (the source's keys) with the names the chapter uses.
TRAIN_SETS = (("RedPajama", "rpj"), ("C4", "c4_original"), ("RefinedWeb", "rw_original"))
#: The largest model size the ladder may include (parameters): 79M, 154M or 411M.
LADDER_TOPS = (("79M", 78914048.0), ("154M", 153677376.0), ("411M", 411616256.0))
#: Task sets: the paper's 17-task subset or all 46 tasks.
TASK_SETS = (("17 tasks", "17"), ("46 tasks", "46"))


@dataclass(frozen=True)
class LadderView:
    """What the chapter-10 view draws for one (training set, ladder top, task set) choice.

    ``fit_loss``/``fit_error``: the runs fitted (loss in nats per token, error a fraction);
    ``other_loss``/``other_error``: the small runs left out of the ladder; ``curve_loss``/``curve_error``:
    the fitted error law; per target run (1B parameters and up): ``target_label``, measured and
    predicted loss and error.
    """

    train_dataset: str
    ladder_top: float
    tasks: str
    n_fitted: int
    error_law: capabilities.ErrorLaw
    fit_loss: np.ndarray
    fit_error: np.ndarray
    other_loss: np.ndarray
    other_error: np.ndarray
    curve_loss: np.ndarray
    curve_error: np.ndarray
    target_label: tuple
    loss_measured: np.ndarray
    loss_predicted: np.ndarray
    error_measured: np.ndarray
    error_predicted: np.ndarray


def _choice(value, options, default):
    keys = [key for _, key in options]
    return value if isinstance(value, str) and value in keys else default


@functools.lru_cache(maxsize=32)
def _ladder(train_dataset: str, ladder_top: float, tasks: str) -> LadderView:
    from ..realdata import fit_equal_exponent_law

    table = capabilities.run_table(train_dataset)
    error = table.average_error(tasks)
    fit = table.N <= ladder_top * 1.0001
    big = table.N >= capabilities.SMALL_RUN_LIMIT
    law = fit_equal_exponent_law(table.N[fit], table.D[fit], table.loss[fit])
    err_law = capabilities.fit_error_law(table.loss[fit], error[fit])
    curve = np.linspace(2.2, table.loss.max() + 0.1, 120)
    predicted = np.asarray(law.loss(table.N[big], table.D[big]), dtype=float)
    labels = tuple(f"{n / 1e9:.1f}B, {20 * m:g} tok/param" for n, m in zip(table.N[big], table.M[big]))
    return LadderView(
        train_dataset=train_dataset,
        ladder_top=ladder_top,
        tasks=tasks,
        n_fitted=int(fit.sum()),
        error_law=err_law,
        fit_loss=table.loss[fit],
        fit_error=error[fit],
        other_loss=table.loss[~fit & ~big],
        other_error=error[~fit & ~big],
        curve_loss=curve,
        curve_error=np.asarray(err_law.error(curve), dtype=float),
        target_label=labels,
        loss_measured=table.loss[big],
        loss_predicted=predicted,
        error_measured=error[big],
        error_predicted=np.asarray(err_law.error(predicted), dtype=float),
    )


def ladder_update(train_dataset: str = "rpj", ladder_top: float = 411616256.0, tasks: str = "17") -> LadderView:
    """Chapter 10 widget update: fit both steps (N, D → loss → error) on the runs up to ``ladder_top``.

    ``train_dataset``: "rpj", "c4_original" or "rw_original" (anything else reads as "rpj");
    ``ladder_top``: the largest size fitted, in parameters, snapped to the nearest of 79M, 154M and
    411M; ``tasks``: "17" or "46". Results are cached (24 possible views).
    """
    dataset = _choice(train_dataset, TRAIN_SETS, "rpj")
    task_set = _choice(tasks, TASK_SETS, "17")
    top = clamped(ladder_top, 1e6, 1e12, 411616256.0)
    nearest = min((value for _, value in LADDER_TOPS), key=lambda v: abs(np.log(v / top)))
    return _ladder(dataset, nearest, task_set)


def ladder_explorer(train_dataset: str = "rpj", ladder_top: float = 411616256.0, tasks: str = "17"):
    """Chapter 10: controls for the training set, the top of the ladder and the task set, redrawing the view."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import capabilities as figures

    start = ladder_update(train_dataset, ladder_top, tasks)
    data = widgets.Dropdown(options=TRAIN_SETS, value=start.train_dataset, description="trained on")
    top = widgets.SelectionSlider(
        options=LADDER_TOPS, value=start.ladder_top, description="ladder up to", continuous_update=False
    )
    task_set = widgets.Dropdown(options=TASK_SETS, value=start.tasks, description="average of")

    def draw(dataset, size, which):
        figures.ladder_view(ladder_update(dataset, size, which))
        plt.show()

    output = widgets.interactive_output(draw, {"dataset": data, "size": top, "which": task_set})
    return widgets.VBox([widgets.HBox([data, top, task_set]), output])


def _bench_update():
    ladder_update("rpj", 411616256.0, "17")
    return lambda: ladder_update("c4_original", 153677376.0, "46")


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch10 loss-to-error ladder: update", _bench_update)]
