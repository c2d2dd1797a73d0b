"""Chapter 10 figures: benchmark error against loss, tasks that rise late, two routes to a prediction."""

from __future__ import annotations

import numpy as np

from .. import capabilities
from .style import GREY, colour, figure, legend_below, plain_log_axes, room_below, widen_margins

#: Model sizes of Gadre et al.'s runs (parameters) and how the figures name them.
_SIZES = ((10569312, "11M"), (78914048, "79M"), (153677376, "154M"), (411616256, "411M"))


def _size_points(ax, table, y, below_only=True):
    """Scatter y against loss for the runs below 1B, one colour and marker per size."""
    for i, (n, label) in enumerate(_SIZES):
        at = table.N == n
        ax.plot(table.loss[at], y[at], linestyle="none", marker="osD^"[i], color=colour(i), label=label, alpha=0.85)


def error_against_loss(table, prediction):
    """Average top-1 error against C4 loss: the small runs, the fitted law, the big runs predicted and measured.

    ``table``: :func:`scaling.capabilities.run_table`; ``prediction``: the matching
    :func:`scaling.capabilities.predict_capabilities` result.
    """
    fig, ax = figure(1, height=3.4)
    widen_margins(fig, bottom=0.16)
    below = room_below(fig, rows=2)
    error = table.average_error(prediction.tasks)
    _size_points(ax, table, error)
    curve = np.linspace(2.3, table.loss.max() + 0.05, 200)
    ax.plot(curve, prediction.error_law.error(curve), color=GREY, linestyle="--", label="fitted Err(L)")
    ax.axhline(1 - table.chance[table.task_mask(prediction.tasks)].mean(), color=GREY, linestyle=":", linewidth=1)
    ax.text(
        table.loss.min(),
        1 - table.chance[table.task_mask(prediction.tasks)].mean() + 0.005,
        "chance",
        ha="right",
        va="bottom",
        fontsize="small",
        color=GREY,
    )
    ax.plot(
        prediction.loss_measured,
        prediction.error_measured,
        "*",
        color="black",
        markersize=12,
        label="1.4B and 6.9B, measured",
    )
    ax.plot(
        prediction.loss_predicted,
        prediction.error_predicted,
        "*",
        markerfacecolor="none",
        markeredgecolor=colour(1),
        markersize=12,
        label="1.4B and 6.9B, predicted",
    )
    ax.set(xlabel="C4 evaluation loss (nats per token)", ylabel=f"average top-1 error, {prediction.tasks} tasks")
    ax.invert_xaxis()
    legend_below(ax, ncols=4, bbox_to_anchor=(0.5, below))
    return fig


#: Tasks of the per-task figure: three that move smoothly, two that rise late, one that never leaves chance.
PANEL_TASKS = ("lambada_openai", "piqa", "hellaswag", "arc_challenge", "winogrande", "mmlu")


def task_panels(table, tasks=PANEL_TASKS, z: float = 2.0):
    """Centred accuracy against C4 loss for several tasks, with the band a guesser would score in.

    The grey band is chance ± ``z`` binomial standard errors of the task's own size, centred.
    """
    import matplotlib.pyplot as plt

    from .style import WIDTH, apply

    apply()
    rows = int(np.ceil(len(tasks) / 3))
    fig, axes = plt.subplots(rows, 3, figsize=(WIDTH, 2.4 * rows + 0.6), sharex=True)
    fig.subplots_adjust(left=0.09, right=0.98, top=0.92, bottom=0.2, hspace=0.45, wspace=0.3)
    centred = capabilities.centered_accuracy(table.accuracy, table.chance)
    for ax, task in zip(np.ravel(axes), tasks):
        j = table.tasks.index(task)
        c, n = table.chance[j], table.datapoints[j]
        band = z * np.sqrt(c * (1 - c) / n) / (1 - c) if c > 0 else 0.0
        ax.axhspan(-band, band, color=GREY, alpha=0.25, linewidth=0)
        ax.axhline(0, color=GREY, linestyle=":", linewidth=1)
        _size_points(ax, table, centred[:, j])
        big = table.N >= capabilities.SMALL_RUN_LIMIT
        ax.plot(table.loss[big], centred[big, j], "*", color="black", markersize=9, label="1.4B and 6.9B")
        ax.set_title(f"{task} ({int(n):,} q., chance {c:.0%})", fontsize="small")
    np.ravel(axes)[0].invert_xaxis()  # shared x: lower loss (better models) to the right
    for ax in np.ravel(axes)[len(tasks) :]:
        ax.set_visible(False)
    for ax in np.ravel(axes)[-3:]:
        ax.set_xlabel("C4 loss (nats/token)")
    for ax in np.ravel(axes)[::3]:
        ax.set_ylabel("centred accuracy")
    handles, labels = np.ravel(axes)[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncols=5, frameon=False)
    return fig


def two_routes(table, two_step_law, error_law, direct_law, targets):
    """Average error against training compute at 20 tokens per parameter: measured, two-step and direct.

    ``two_step_law``: the loss law (N, D → loss); ``error_law``: :class:`~scaling.capabilities.ErrorLaw`;
    ``direct_law``: :class:`~scaling.capabilities.DirectLaw`; ``targets``: rows of ``table`` to mark.
    """
    fig, ax = figure(1, height=3.4)
    widen_margins(fig, bottom=0.16)
    below = room_below(fig, rows=2)
    error = table.average_error("17")
    one = table.M == 1.0
    ax.plot(
        table.C[one & (table.N < 1e9)], error[one & (table.N < 1e9)], "o", color="black", label="fitted runs (M = 1)"
    )
    ax.plot(table.C[targets], error[targets], "*", color="black", markersize=12, label="1.4B and 6.9B, measured")
    n = np.geomspace(table.N.min(), 1e10, 100)
    c = 6 * n * 20 * n
    ax.plot(c, error_law.error(two_step_law.loss(n, 20 * n)), color=colour(0), label="two-step: C → loss → error")
    ax.plot(c, direct_law.error(c), color=colour(1), linestyle="--", label="direct: −ln acc ∝ C^−α")
    ax.set_xscale("log")
    plain_log_axes(ax, "x")
    ax.set(xlabel="training compute C = 6ND (FLOPs, log scale), D = 20 N", ylabel="average top-1 error, 17 tasks")
    legend_below(ax, ncols=2, bbox_to_anchor=(0.5, below))
    return fig


def ladder_view(view):
    """Chapter 10 widget view: left, error against loss with the ladder's fit; right, predicted against measured."""
    fig, (left, right) = figure(2, height=3.4)
    widen_margins(fig, bottom=0.16, wspace=0.35)
    below = room_below(fig, rows=3)
    left.plot(view.other_loss, view.other_error, "o", color=GREY, alpha=0.5, label="small runs left out")
    left.plot(view.fit_loss, view.fit_error, "o", color=colour(0), label=f"ladder ({view.n_fitted} runs)")
    left.plot(view.curve_loss, view.curve_error, "--", color=colour(0), label="fitted Err(L)")
    left.plot(view.loss_measured, view.error_measured, "*", color="black", markersize=11, label="≥1B measured")
    left.plot(
        view.loss_predicted,
        view.error_predicted,
        "*",
        markerfacecolor="none",
        markeredgecolor=colour(1),
        markersize=11,
        label="≥1B predicted",
    )
    left.invert_xaxis()
    left.set(xlabel="C4 loss (nats per token)", ylabel=f"average error, {view.tasks} tasks")
    legend_below(left, ncols=3, bbox_to_anchor=(0.5, below))
    low = min(view.error_measured.min(), view.error_predicted.min()) - 0.02
    high = max(view.error_measured.max(), view.error_predicted.max()) + 0.02
    right.plot([low, high], [low, high], ":", color=GREY)
    for i, label in enumerate(view.target_label):
        right.plot(
            view.error_measured[i], view.error_predicted[i], "*", color=colour(i + 2), markersize=11, label=label
        )
    right.set(
        xlim=(low, high),
        ylim=(low, high),
        xlabel="measured error",
        ylabel="predicted error",
        title="big runs: predicted vs measured",
    )
    legend_below(right, ncols=1, bbox_to_anchor=(0.5, below))
    return fig
