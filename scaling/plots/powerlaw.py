"""Figures of chapter 1, power laws."""

from __future__ import annotations

import numpy as np

from .. import metrics, powerlaw
from ..randomfeatures import Sweep
from .style import DATA_STYLE, figure, plain_log_axes


def loglog_demo(alphas=(0.25, 0.5, 1.0)):
    """Chapter 1: y = x^(−α) on linear axes (curves) and on log-log axes (straight lines)."""
    fig, (linear, loglog) = figure(2)
    x = np.logspace(0, 3, 200)
    for alpha in alphas:
        y = powerlaw.power_law(x, 1.0, alpha)
        linear.plot(x, y, label=f"α = {alpha:g}")
        loglog.loglog(x, y, label=f"slope −{alpha:g}")
    linear.set(xlabel="x", ylabel="y = x^(−α)", title="linear axes: curves", xlim=(0, 100))
    loglog.set(xlabel="x (log scale)", ylabel="y (log scale)", title="log-log axes: straight lines")
    plain_log_axes(loglog)
    linear.legend()
    loglog.legend()
    return fig


def fit_comparison(sweep: Sweep, naive: powerlaw.PowerLawFit, saturating: powerlaw.SaturatingFit):
    """Chapter 1: measured losses with the straight-line fit and the fit with a floor.

    Left: the loss on log-log axes. Right: the loss minus the fitted floor, which is
    a straight line again when the floor is right.
    """
    fig, (left, right) = figure(2)
    grid = np.geomspace(sweep.sizes.min(), sweep.sizes.max() * 4, 200)
    left.loglog(sweep.sizes, sweep.losses, **DATA_STYLE)
    left.loglog(grid, naive.predict(grid), label=f"no floor: α = {naive.alpha:.2f}")
    left.loglog(grid, saturating.predict(grid), label=f"with floor: α = {saturating.alpha:.2f}")
    left.axhline(sweep.floor, color="grey", linestyle=":", label=f"true floor σ² = {sweep.floor:g}")
    left.set(xlabel=sweep.axis, ylabel="test loss (mean squared error)", title="fits to the loss")
    left.legend(fontsize="small")
    reducible = sweep.losses - saturating.E
    right.loglog(sweep.sizes, reducible, **DATA_STYLE)
    right.loglog(grid, saturating.A * grid**-saturating.alpha, label=f"A·x^(−{saturating.alpha:.2f})")
    right.set(xlabel=sweep.axis, ylabel="loss − fitted floor E", title="subtract the floor: a line again")
    right.legend(fontsize="small")
    for ax in (left, right):
        plain_log_axes(ax)
    return fig


def data_size_fit(sweep: Sweep, fit: powerlaw.SaturatingFit):
    """Chapter 1: the data-size sweep with its fitted law E + A·n^(−α) and the two levels.

    The fitted level E is the largest model's own limit with unlimited data; it sits above the
    noise floor σ² that no model can beat.
    """
    fig, ax = figure(1)
    grid = np.geomspace(sweep.sizes.min(), sweep.sizes.max() * 4, 200)
    ax.loglog(sweep.sizes, sweep.losses, **DATA_STYLE)
    ax.loglog(grid, fit.predict(grid), label=f"fit: α = {fit.alpha:.2f}")
    ax.axhline(fit.E, color="C1", linestyle="--", label=f"fitted level E = {fit.E:.4f} (this model's limit)")
    ax.axhline(sweep.floor, color="grey", linestyle=":", label=f"noise floor σ² = {sweep.floor:g}")
    ax.set(
        xlabel=sweep.axis,
        ylabel="test loss (mean squared error)",
        title="the largest model, trained on more and more data",
    )
    ax.legend(fontsize="small")
    plain_log_axes(ax)
    return fig


def explorer(sweep: Sweep, floor: float, alpha: float, coefficient: float, rms: float, best: powerlaw.SaturatingFit):
    """Chapter 1 widget view: the reader's law E + A·x^(−α) against the data and the best fit."""
    fig, ax = figure(1)
    grid = np.geomspace(sweep.sizes.min(), sweep.sizes.max() * 4, 200)
    ax.loglog(sweep.sizes, sweep.losses, **DATA_STYLE)
    ax.loglog(
        grid,
        best.predict(grid),
        color="grey",
        linestyle="--",
        label=f"best fit: E = {best.E:.3g}, α = {best.alpha:.2f}",
    )
    ax.loglog(
        grid,
        floor + coefficient * grid**-alpha,
        color="C3",
        label=f"yours: E = {floor:.3g}, α = {alpha:.2f}, A = {coefficient:.3g}",
    )
    ax.set(
        xlabel=sweep.axis,
        ylabel="test loss",
        ylim=(sweep.losses.min() / 2, sweep.losses.max() * 2),
        title=f"your law misses the points by {rms:.1%} (root mean square, in log space)",
    )
    ax.legend(fontsize="small")
    plain_log_axes(ax)
    return fig


def emergence(sizes, losses, lengths=(1, 5, 20)):
    """Chapter 1: a smooth per-token loss seen through exact-match scores on answers of several lengths."""
    fig, (smooth, sharp) = figure(2)
    token_accuracy = metrics.token_accuracy_from_loss(losses)
    smooth.loglog(sizes, losses, color="black")
    smooth.set(
        xlabel="model size N (parameters)",
        ylabel="per-token loss (nats, log scale)",
        title="the loss falls as a power law",
    )
    for length in lengths:
        sharp.semilogx(sizes, metrics.exact_match(token_accuracy, length), label=f"{length}-token answer")
    sharp.set(
        xlabel="model size N (parameters)",
        ylabel="exact-match accuracy",
        ylim=(0, 1),
        title="exact match looks like a jump",
    )
    sharp.legend(fontsize="small")
    plain_log_axes(smooth)
    plain_log_axes(sharp, "x")
    return fig
