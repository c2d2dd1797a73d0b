"""Figures of chapter 6, test-time compute."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FormatStrFormatter, FuncFormatter

from .. import testtime
from ..compute import format_count, format_flops
from .style import DATA_STYLE, figure, legend_below, room_below


def _counts(axis):
    """Label a log axis of sample counts 1, 10, 100, 1,000 (faster to render than mathtext's 10^n)."""
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 1 else f"{value:g}"))


def coverage_curves(single=(0.5, 0.05, 0.005), mixes=(), k_max=10_000):
    """Chapter 6: why coverage against k bends.

    Left: one problem solved with probability p per sample, 1 − (1 − p)^k: an S-curve in log k
    that rises around k ≈ 1/p. Right: coverage of problem sets, the average of such S-curves.
    ``mixes``: (label, per-problem p array) pairs.
    """
    fig, (one, many) = figure(2)
    k = np.unique(np.geomspace(1, k_max, 120).astype(int))
    for p in single:
        one.semilogx(k, testtime.coverage(p, k), label=f"p = {p:g}")
        one.axvline(1 / p, color=one.get_lines()[-1].get_color(), linestyle=":", linewidth=1)
    one.set(
        xlabel="samples k (log scale)",
        ylabel="P(at least one correct)",
        ylim=(0, 1.02),
        title="one problem: an S-curve around k ≈ 1/p",
    )
    one.legend(fontsize="small", loc="lower right")
    _counts(one.xaxis)
    for label, p in mixes:
        (line,) = many.semilogx(k, testtime.coverage(p, k), label=label)
        unsolvable = float(np.mean(np.asarray(p) == 0))
        if unsolvable > 0:
            many.axhline(
                1 - unsolvable,
                color=line.get_color(),
                linestyle=":",
                linewidth=1,
                label=f"ceiling: {unsolvable:.0%} never solved",
            )
    many.set(
        xlabel="samples k (log scale)",
        ylabel="coverage (share of problems solved)",
        ylim=(0, 1.02),
        title="a problem set: many S-curves averaged",
    )
    many.legend(fontsize="small", loc="lower right")
    _counts(many.xaxis)
    return fig


def coverage_fit(ks, measured, fit, label="simulated pass@k"):
    """Chapter 6: coverage measured by repeated sampling, with Brown et al.'s law fitted to it.

    Left: coverage against k. Right: −log coverage against k on log-log axes, where the law
    log c = a·k^b is a straight line of slope b.
    """
    fig, (left, right) = figure(2)
    ks = np.asarray(ks, dtype=float)
    grid = np.geomspace(ks.min(), ks.max(), 200)
    style = dict(DATA_STYLE, label=label, markersize=4)
    left.semilogx(ks, measured, **style)
    left.semilogx(grid, fit.predict(grid), color="C3", label=f"law: a = {fit.a:.2f}, b = {fit.b:.3f}")
    left.set(xlabel="samples k (log scale)", ylabel="coverage", ylim=(0, 1), title="coverage against samples")
    left.legend(fontsize="small", loc="upper left")
    _counts(left.xaxis)
    right.loglog(ks, -np.log(measured), **style)
    right.loglog(grid, -np.log(fit.predict(grid)), color="C3", label=f"slope b = {fit.b:.3f}")
    right.set(
        xlabel="samples k (log scale)", ylabel="−log coverage (log scale)", title="the law is a straight line here"
    )
    for axis in (right.yaxis,):
        axis.set_major_formatter(FormatStrFormatter("%g"))
        axis.set_minor_formatter(FormatStrFormatter("%g"))
    right.legend(fontsize="small", loc="lower left")
    _counts(right.xaxis)
    return fig


def explorer(view):
    """Chapter 6 widget view (a ``widgets.testtime.SamplingView``).

    Left: accuracy against inference compute per problem, in units of one sample of the model:
    k samples judged by an oracle verifier, k samples with majority vote, or one sample of a model
    k× larger. Right: the same three at the chosen k, per difficulty level.
    """
    fig, (curves, bars) = figure(2)
    below = room_below(fig, rows=4)  # the legends go under the panels, off the curves and bars
    curves.semilogx(view.ks, view.oracle, marker=".", color="C2", label="k samples, oracle verifier")
    curves.semilogx(view.ks, view.majority, marker=".", color="C0", label="k samples, majority vote")
    curves.semilogx(view.ks, view.larger, marker=".", color="C1", label="1 sample, model k× larger")
    curves.axhline(view.majority_limit, color="C0", linestyle=":", label="majority vote, k → ∞")
    curves.axvline(view.samples, color="grey", linestyle="--", linewidth=1)
    curves.set(
        xlabel="inference FLOPs per problem (× one sample; log scale)",
        ylabel="share of problems solved",
        ylim=(0, 1),
        title=f"N = {format_count(view.n_params)}, mix {view.mean_success:.2f}: "
        f"k = {view.samples} costs {format_flops(view.flops_per_problem)}",
    )
    legend_below(curves, ncols=1, bbox_to_anchor=(0.5, below))
    _counts(curves.xaxis)

    levels = np.arange(1, view.pass1.size + 1)
    width = 0.2
    bars.bar(levels - 1.5 * width, view.pass1, width, color="lightgrey", label="1 sample")
    bars.bar(levels - 0.5 * width, view.majority_by_level, width, color="C0", label=f"{view.samples} samples, vote")
    bars.bar(levels + 0.5 * width, view.oracle_by_level, width, color="C2", label=f"{view.samples} samples, oracle")
    bars.bar(levels + 1.5 * width, view.larger_by_level, width, color="C1", label=f"1 sample, {view.samples}× larger")
    bars.set(
        xlabel="difficulty level (1 easiest, 5 hardest)",
        ylabel="share solved",
        ylim=(0, 1.05),
        xticks=levels,
        title="the same FLOPs, by difficulty",
    )
    legend_below(bars, ncols=1, bbox_to_anchor=(0.5, below))
    return fig
