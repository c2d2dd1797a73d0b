"""Figures on real runs (Porian et al. 2024, Gadre et al. 2024, Epoch AI); chapters 2, 3, 4 and 7."""

from __future__ import annotations

import textwrap

import numpy as np

from .. import realdata
from ..chinchilla import isoflop_profiles
from ..datasets import porian_isoflop
from .style import figure, legend_below, plain_log_axes, room_below, widen_margins

_METHOD_STYLES = (
    ("naive", "parabola, every size, every budget", dict(marker="s", linestyle=":")),
    ("parabola_nearest", "parabola, 5 sizes nearest the minimum", dict(marker="^", linestyle="--")),
    ("akima", "interpolation (the authors' method)", dict(marker="o", linestyle="-")),
    ("paper", "the paper's estimate", dict(marker="x", linestyle="none", color="black", markersize=9)),
)


def porian_discrepancy(steps, setup: str = realdata.PORIAN_LADDER[0][0], budgets=(1.25e16, 2e17, 6.4e18)):
    """Chapter 2: left, IsoFLOP profiles of one setup with the parabola through every size; right,
    a_N along Porian et al.'s ladder of setups by each fitting method.

    ``steps``: the list returned by :func:`scaling.realdata.discrepancy_ladder`; ``budgets`` (FLOPs)
    the profiles drawn on the left.
    """
    fig, (left, right) = figure(2)
    widen_margins(fig, left=0.08, wspace=0.28, bottom=0.2)
    below = room_below(fig, rows=4)  # the legends go under the panels, off the points
    runs = porian_isoflop().select(setup)
    shown = np.isin(np.round(runs.C / 1e15, 3), np.round(np.asarray(budgets) / 1e15, 3))
    for i, c in enumerate(budgets):
        at_c = np.isclose(runs.C, c, rtol=1e-9)
        n, loss = runs.N[at_c], runs.loss[at_c]
        (profile,) = isoflop_profiles(runs.C[at_c], n, loss)
        grid = np.geomspace(n.min() / 3, n.max() * 3, 80)
        fitted = profile.curvature * np.log(grid / profile.n_opt) ** 2 + profile.loss_opt
        left.plot(n, loss, "o", color=f"C{i}", label=f"C = {c:.3g} FLOPs")
        left.plot(grid, fitted, "--", color=f"C{i}", linewidth=1)
        left.plot(n[np.argmin(loss)], loss.min(), "*", color="black", markersize=10, zorder=4)
        left.axvline(profile.n_opt, color=f"C{i}", linestyle=":", linewidth=1)
    left.set_xscale("log")
    left.set_ylim(runs.loss[shown].min() - 0.15, runs.loss[shown].max() + 0.15)
    plain_log_axes(left, "x")
    left.set(
        xlabel="parameters N (log scale)",
        ylabel="loss (nats per token)",
        title="Reproducing Kaplan: parabolas through every size",
    )
    left.plot([], [], "*", color="black", label="lowest measured loss")
    legend_below(left, ncols=1, bbox_to_anchor=(0.5, below))

    x = np.arange(len(steps))
    for field, label, style in _METHOD_STYLES:
        right.plot(x, [getattr(s, field) for s in steps], label=label, **style)
    # "+ short\nwarm-up": each step's name on two short lines, so neighbouring names do not run together.
    right.set_xticks(
        x, [textwrap.fill(name, 9, break_long_words=False) for name in realdata.PORIAN_STEP_NAMES], fontsize="small"
    )
    right.set(ylabel="a_N in N_opt ∝ C^a_N", title="Each setup change, each method")
    right.axhline(0.5, color="grey", linewidth=0.8)
    legend_below(right, ncols=1, bbox_to_anchor=(0.5, below))
    return fig


_EPOCH_NOTE = "Data: Epoch AI, 'Data on AI Models' (CC BY 4.0)"


def compute_over_time(models, trend):
    """Chapter 2: training compute of Epoch AI's notable models against publication date, with the fitted trend.

    ``models``: :func:`scaling.datasets.epoch_models`; ``trend``: :func:`scaling.realdata.compute_trend`.
    """
    fig, ax = figure(1)
    widen_margins(fig, bottom=0.17)
    known = np.isfinite(models.compute) & (models.year >= 2000)
    language = realdata._is_language(models.domain)
    ax.semilogy(
        models.year[known & ~language],
        models.compute[known & ~language],
        "o",
        color="C0",
        markersize=3,
        alpha=0.5,
        label="other domains",
    )
    ax.semilogy(
        models.year[known & language],
        models.compute[known & language],
        "^",
        color="C1",
        markersize=3.5,
        alpha=0.7,
        label="language models",
    )
    years = np.linspace(trend.start_year, trend.end_year, 2)
    ax.semilogy(
        years,
        trend.predict(years),
        color="black",
        label=f"fit from {trend.start_year:.0f}: doubling every {trend.doubling_months:.1f} months",
    )
    plain_log_axes(ax, "y")
    ax.set(
        xlabel="publication date (year)",
        ylabel="training compute (FLOPs, log scale)",
        title="Training compute of notable models",
    )
    ax.text(0.99, 0.02, _EPOCH_NOTE, transform=ax.transAxes, ha="right", fontsize="small", color="grey")
    ax.legend(fontsize="small", loc="upper left")
    return fig


def tokens_per_param_over_time(
    trend, chinchilla_ratio: float = 20.0, annotate=("GPT-3 175B (davinci)", "Chinchilla", "Llama 3-70B")
):
    """Chapter 4: tokens per parameter of notable language models (Epoch AI), each model, the yearly
    median and the fitted line, with Chinchilla's ratio dashed.

    ``trend``: :func:`scaling.realdata.tokens_per_param_trend`; ``chinchilla_ratio`` (tokens per
    parameter) draws the reference line; ``annotate`` names models to label.
    """
    fig, ax = figure(1)
    widen_margins(fig, bottom=0.17)
    ax.semilogy(
        trend.model_years,
        trend.ratios,
        "o",
        color="C0",
        markersize=3,
        alpha=0.5,
        label=f"one language model ({len(trend.ratios)} with both numbers)",
    )
    ax.semilogy(trend.years + 0.5, trend.medians, "s-", color="black", label="median of the year")
    years = np.array([trend.model_years.min(), trend.model_years.max()])
    ax.semilogy(
        years,
        trend.predict(years),
        color="C3",
        linewidth=1,
        label=f"least-squares line: ×{trend.growth_per_year:.2f} per year",
    )
    ax.axhline(
        chinchilla_ratio, color="C1", linestyle="--", label=f"Chinchilla's {chinchilla_ratio:.0f} tokens per parameter"
    )
    for name in annotate:
        at = np.flatnonzero(trend.names == name)
        if at.size:
            ax.annotate(
                name.split(" (")[0],
                (trend.model_years[at[0]], trend.ratios[at[0]]),
                fontsize="small",
                xytext=(4, -10),
                textcoords="offset points",
            )
    plain_log_axes(ax, "y")
    ax.set(
        xlabel="publication date (year)",
        ylabel="tokens per parameter (log scale)",
        title="Tokens per parameter of notable language models (≥ 1B parameters)",
    )
    ax.text(0.99, 0.02, _EPOCH_NOTE, transform=ax.transAxes, ha="right", fontsize="small", color="grey")
    ax.legend(fontsize="small", loc="lower right", bbox_to_anchor=(1.0, 0.08))
    return fig


def cost_against_compute(models, fit):
    """Chapter 7: Epoch's reported training cost (2023 USD) against training compute, with the log-log fit."""
    fig, ax = figure(1)
    widen_margins(fig, left=0.1, bottom=0.17)
    keep = np.isfinite(models.cost) & np.isfinite(models.compute) & (models.cost > 0)
    frontier = keep & models.frontier
    ax.loglog(
        models.compute[keep & ~frontier],
        models.cost[keep & ~frontier],
        "o",
        color="C0",
        markersize=3.5,
        alpha=0.6,
        label="notable model",
    )
    ax.loglog(
        models.compute[frontier], models.cost[frontier], "D", color="C3", markersize=4, label="Epoch's frontier models"
    )
    c = np.geomspace(models.compute[keep].min(), models.compute[keep].max(), 2)
    ax.loglog(
        c,
        fit.dollars_per_1e24 * (c / 1e24) ** fit.slope,
        color="black",
        label=f"least-squares line: cost ∝ C^{fit.slope:.2f}",
    )
    plain_log_axes(ax)
    ax.set(
        xlabel="training compute (FLOPs, log scale)",
        ylabel="compute cost (2023 US dollars, log scale)",
        title="Training compute cost against compute (Epoch AI's estimates)",
    )
    ax.text(0.99, 0.02, _EPOCH_NOTE, transform=ax.transAxes, ha="right", fontsize="small", color="grey")
    ax.legend(fontsize="small", loc="upper left")
    return fig


def small_to_large(approach3_law, gadre_law, prediction, spread):
    """Chapter 3: Gadre et al.'s C4 runs at 20 tokens per parameter, the two laws fitted below 1B
    parameters extrapolated to 10B, the held-out runs, and the bootstrap interval at 6.9B.

    ``approach3_law``/``gadre_law`` from :func:`scaling.realdata.predict_large_runs`, ``prediction``
    its Approach-3 :class:`~scaling.realdata.HeldOutPrediction`, ``spread`` the (low, median, high)
    of :func:`scaling.realdata.approach3_prediction_spread` at the largest run (nats per token).
    """
    from ..datasets import gadre_runs

    fig, ax = figure(1)
    widen_margins(fig, bottom=0.17)
    runs = gadre_runs().select("c4_original", "c4_val")
    small = (runs.N < realdata.SMALL_RUN_LIMIT) & (runs.M == 1.0)
    grid = np.geomspace(runs.N.min(), 1e10, 100)
    ax.semilogx(grid, approach3_law.loss(grid, 20 * grid), color="C0", label="Approach 3, fitted below 1B")
    ax.semilogx(grid, gadre_law.loss(grid, 20 * grid), "--", color="C2", label="Gadre et al.'s law, fitted below 1B")
    ax.plot(runs.N[small], runs.loss[small], "o", color="black", label="runs fitted (M = 1 shown)")
    held = prediction.M == 1.0
    ax.plot(
        prediction.N[held], prediction.measured[held], "*", color="C3", markersize=12, label="held-out runs, measured"
    )
    n_top = prediction.N.max()
    low, mid, high = spread
    ax.errorbar(
        [n_top * 1.15],
        [mid],
        yerr=[[mid - low], [high - mid]],
        fmt="s",
        color="C0",
        capsize=4,
        label="Approach 3 at 6.9B: bootstrap 95% interval",
    )
    ax.axvline(realdata.SMALL_RUN_LIMIT, color="grey", linewidth=0.8, linestyle=":")
    plain_log_axes(ax, "x")
    ax.set(
        xlabel="parameters N (log scale; D = 20 N tokens)",
        ylabel="C4 loss (nats per token)",
        title="Fit below 1B parameters, predict 1.4B and 6.9B",
    )
    ax.legend(fontsize="small", loc="upper right")
    return fig


def overtraining_measured(law, prediction, fit_multipliers=(0.5, 2.0)):
    """Chapter 4: Gadre et al.'s C4 loss against tokens per parameter at each size, with the
    Approach-3 law fitted at ``fit_multipliers`` (shaded) drawn dashed out to 640 tokens per parameter.

    ``law``, ``prediction``: the pair :func:`scaling.realdata.predict_overtrained_runs` returns.
    """
    from ..datasets import gadre_runs

    fig, ax = figure(1, height=4.6)
    widen_margins(fig, bottom=0.17)
    runs = gadre_runs().select("c4_original", "c4_val")
    ratio = np.geomspace(5, 640, 60)
    for i, n in enumerate(np.unique(runs.N)):
        at_n = runs.N == n
        order = np.argsort(runs.M[at_n])
        ax.semilogx(
            20 * runs.M[at_n][order],
            runs.loss[at_n][order],
            "o-",
            color=f"C{i}",
            label=f"N = {n / 1e6:,.0f}M" if n < 1e9 else f"N = {n / 1e9:.1f}B",
        )
        ax.semilogx(ratio, law.loss(n, ratio * n), "--", color=f"C{i}", linewidth=1)
    ax.axvspan(
        20 * fit_multipliers[0], 20 * fit_multipliers[1], color="grey", alpha=0.15, label="runs the law was fitted to"
    )
    ax.plot([], [], "--", color="grey", label="law fitted there, extrapolated")
    plain_log_axes(ax, "x")
    ax.set(
        xlabel="tokens per parameter D/N (log scale)",
        ylabel="C4 loss (nats per token)",
        title="Over-training, measured: Gadre et al.'s runs",
    )
    legend_below(ax, ncols=2, bbox_to_anchor=(0.5, -0.2))  # off the curves
    return fig
