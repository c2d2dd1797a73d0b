"""Figures of chapter 8, running the ladder: hyperparameter laws, schedules, fitting practice."""

from __future__ import annotations

import numpy as np

from .. import hyperparams
from .style import figure, legend_below, line, plain_log_axes, room_below


def hyperparameter_laws(budgets=None, mark=None):
    """Chapter 8: DeepSeek's near-optimal learning rate (left) and batch size in tokens (right) against compute.

    ``mark``: optional (label, FLOPs) pair to mark on both panels.
    """
    c = np.logspace(17, 25, 81) if budgets is None else np.asarray(budgets, float)
    fig, (left, right) = figure(2)
    left.loglog(c, hyperparams.deepseek_learning_rate(c), **line(0))
    right.loglog(c, hyperparams.deepseek_batch_size(c), **line(1))
    left.set(xlabel="compute C = M·D (FLOPs)", ylabel="peak learning rate η_opt", title="η_opt = 0.3118·C^−0.125")
    right.set(xlabel="compute C = M·D (FLOPs)", ylabel="batch size B_opt (tokens)", title="B_opt = 0.2920·C^0.3271")
    for ax in (left, right):
        for artist in ax.get_lines():
            artist.set_marker("")
        plain_log_axes(ax)
    if mark is not None:
        label, flops = mark
        left.plot([flops], [hyperparams.deepseek_learning_rate(flops)], "ko")
        right.plot([flops], [hyperparams.deepseek_batch_size(flops)], "ko")
        left.annotate(
            label,
            (flops, hyperparams.deepseek_learning_rate(flops)),
            textcoords="offset points",
            xytext=(6, 6),
            fontsize="small",
        )
        right.annotate(
            label,
            (flops, hyperparams.deepseek_batch_size(flops)),
            textcoords="offset points",
            xytext=(-6, 8),
            ha="right",
            fontsize="small",
        )
    return fig


def schedule_view(view):
    """Chapter 8: learning rate against step (left) and the illustrative loss curve (right) of each schedule."""
    fig, (left, right) = figure(2)
    anchor = room_below(fig, 1)
    steps = np.arange(1, view.steps + 1)
    start = max(1, view.steps // 20)
    for i, (label, lr) in enumerate(view.lr.items()):
        style = dict(line(i), marker="")
        left.plot(steps, lr, label=label, **style)
        right.plot(steps[start:], view.loss[label][start:], label=f"{label}: {view.final[label]:.3f}", **style)
    left.set(xlabel="step", ylabel="learning rate (fraction of peak)", title="schedules", ylim=(0, 1.05))
    right.set(xlabel="step", ylabel="loss (nats per token, illustrative)", title="loss curves (Tissue et al.'s form)")
    legend_below(right, ncols=3, bbox_to_anchor=(-0.1, anchor))
    return fig


def envelope_readings(long, separate, fits):
    """Chapter 8: a ladder's curves read from one long cosine run (solid) and annealed at each length (dashed).

    ``long``/``separate``: :class:`scaling.schedules.LadderCurves`; ``fits``: (long fit, separate fit)
    from :func:`scaling.chinchilla.fit_envelope`, their envelope points marked.
    """
    fig, ax = figure(1)
    anchor = room_below(fig, 1)
    for i, n in enumerate(long.n_params):
        colour = line(i)["color"]
        c_long = 6 * n * long.tokens[i]
        ax.plot(c_long, long.loss[i], color=colour, linewidth=1.0)
        ax.plot(6 * n * separate.tokens[i], separate.loss[i], color=colour, linewidth=1.0, linestyle="--")
    for fit, marker, label in zip(fits, ("o", "^"), ("envelope, one long cosine", "envelope, annealed separately")):
        ax.plot(
            fit.budgets,
            fit.loss_opt,
            linestyle="",
            marker=marker,
            color="black",
            markersize=4,
            markerfacecolor="none" if marker == "^" else "black",
            label=f"{label}: a_N = {fit.a_N:.3f}",
        )
    ax.set_xscale("log")
    ax.set(
        xlabel="compute 6ND (FLOPs)",
        ylabel="loss (nats per token, illustrative)",
        title="Approach 1 on curves from one long run, or annealed at each length",
    )
    plain_log_axes(ax, "x")
    legend_below(ax, ncols=2, bbox_to_anchor=(0.5, anchor))
    return fig


def bootstrap_by_size(by_run, by_size, target):
    """Chapter 8: bootstrap predictions at the held-out 6.9B run, resampling runs against resampling model sizes.

    ``by_run``, ``by_size``: arrays of predicted losses (nats per token); ``target``: (label, measured loss).
    """
    fig, ax = figure(1)
    anchor = room_below(fig, 1)
    bins = np.linspace(min(by_run.min(), by_size.min()), max(by_run.max(), by_size.max()), 40)
    ax.hist(by_run, bins=bins, histtype="stepfilled", alpha=0.5, color=line(0)["color"], label="resampling runs")
    ax.hist(
        by_size,
        bins=bins,
        histtype="step",
        linewidth=1.8,
        color=line(1)["color"],
        label="resampling model sizes",
        hatch="//",
    )
    label, measured = target
    ax.axvline(measured, color="black", linestyle=":", label=f"{label} measured: {measured:.3f}")
    ax.set(
        xlabel="predicted loss (nats per token)",
        ylabel="resamples",
        title="Approach-3 predictions, 1,000 resamples each",
    )
    legend_below(ax, ncols=3, bbox_to_anchor=(0.5, anchor))
    return fig
