"""Figures of chapter 5, the data wall."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

from .. import data
from ..chinchilla import HOFFMANN_ROUNDED
from ..compute import format_count, format_flops
from .style import figure, legend_below, room_below


def _powers_of_ten(axis, minor=False):
    """Label a log axis 1e24, 1e26, ... (plain text renders much faster than mathtext's 10^24)."""
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0e}".replace("e+", "e").replace("e-0", "e-")))
    if not minor:
        axis.set_minor_locator(NullLocator())


def stock_and_growth(compute_then_now=None, overtraining=None):
    """Chapter 5: when training sets reach the stock of public text, and at what budget.

    Left: the largest training sets (GPT-3, Llama 3), our ×2.66-a-year extrapolation, the
    stock with its 90 % interval, and Villalobos et al.'s own projected years. Right: the
    training budget at which a run uses the whole stock, against the over-training factor k,
    for the 20-tokens-per-parameter rule and for Hoffmann et al.'s Approach-3 frontier.
    ``compute_then_now``: optional (label, FLOPs) of a reference run drawn as a horizontal line;
    ``overtraining``: the k values of the right panel (default 60 from 1 to 30).
    """
    if overtraining is None:
        overtraining = np.geomspace(1, 30, 60)
    fig, (when, budget) = figure(2)
    growth = data.DEFAULT_DATASET_GROWTH_PER_YEAR
    years = np.linspace(data.GPT3_YEAR, 2034, 200)
    trend = data.LLAMA3_TRAINING_TOKENS * growth ** (years - data.LLAMA3_YEAR)
    low, high = data.PUBLIC_TEXT_STOCK_90CI_TOKENS
    first, last = data.VILLALOBOS_EXHAUSTION_YEARS
    when.axhspan(low, high, color="C0", alpha=0.12, label="stock, 90 % interval")
    when.axhline(
        data.PUBLIC_TEXT_STOCK_TOKENS, color="C0", label=f"stock ≈ {format_count(data.PUBLIC_TEXT_STOCK_TOKENS)} tokens"
    )
    when.axvspan(first, last, color="C1", alpha=0.12, label=f"Villalobos et al.: {first}–{last}")
    when.axvline(data.VILLALOBOS_MEDIAN_EXHAUSTION_YEAR, color="C1", linestyle=":", label="their median")
    when.semilogy(years, trend, color="grey", linestyle="--", label=f"×{growth:.2f} a year (our arithmetic)")
    when.semilogy(
        [data.GPT3_YEAR, data.LLAMA3_YEAR],
        [data.GPT3_TRAINING_TOKENS, data.LLAMA3_TRAINING_TOKENS],
        marker="o",
        linestyle="none",
        color="black",
        zorder=3,
    )
    for name, year, tokens in (
        ("GPT-3", data.GPT3_YEAR, data.GPT3_TRAINING_TOKENS),
        ("Llama 3", data.LLAMA3_YEAR, data.LLAMA3_TRAINING_TOKENS),
    ):
        when.annotate(name, (year, tokens), textcoords="offset points", xytext=(6, -10), fontsize="small")
    crossing = data.year_dataset_reaches()
    when.plot([crossing], [data.PUBLIC_TEXT_STOCK_TOKENS], marker="o", color="grey", zorder=3)
    when.annotate(
        f"our line: {crossing:.1f}",
        (crossing, data.PUBLIC_TEXT_STOCK_TOKENS),
        textcoords="offset points",
        xytext=(26, -14),
        fontsize="small",
        color="dimgrey",
    )
    when.set(
        xlabel="year",
        ylabel="training tokens (log scale)",
        ylim=(1e11, 3e15),
        xticks=np.arange(2020, 2035, 2),
        title="when training sets reach the stock",
    )
    when.legend(fontsize="small", loc="lower right")
    _powers_of_ten(when.yaxis)

    k = np.asarray(overtraining, dtype=float)
    rule = data.stock_exhaustion_flops(data.PUBLIC_TEXT_STOCK_TOKENS, overtraining=k)
    rule_low = data.stock_exhaustion_flops(low, overtraining=k)
    rule_high = data.stock_exhaustion_flops(high, overtraining=k)
    frontier = data.stock_exhaustion_flops_chinchilla(data.PUBLIC_TEXT_STOCK_TOKENS, HOFFMANN_ROUNDED, k)
    budget.fill_between(k, rule_low, rule_high, color="C0", alpha=0.12, label="20 tokens/param, stock interval")
    budget.loglog(k, rule, color="C0", label=f"{data.CHINCHILLA_TOKENS_PER_PARAM:.0f} tokens/param × k")
    budget.loglog(k, frontier, color="C2", label="Hoffmann Approach 3, × k")
    if compute_then_now is not None:
        label, flops = compute_then_now
        budget.axhline(flops, color="black", linestyle=":", label=label)
    budget.set(
        xlabel="over-training factor k (log scale)",
        ylabel="budget that reads the whole stock (FLOPs)",
        ylim=(1e25, 1e30),
        title="the budget at which the stock runs out",
    )
    budget.legend(fontsize="small", loc="upper right")
    _powers_of_ten(budget.yaxis)
    budget.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    return fig


def effective_data_curve(max_epochs: int = 64, marked=(4, 16)):
    """Chapter 5: what repeated epochs are worth (Muennighoff et al. 2023, Eq. 5).

    Left: effective data D′/U against epochs, with the line of fresh data and the ceiling
    1 + R*_D. Right: what each successive epoch adds, as a fraction of a fresh epoch.
    """
    fig, (total, each) = figure(2)
    epochs = np.linspace(1, max_epochs, 400)
    ceiling = data.repeated_data_ceiling(1.0)
    total.plot(epochs, epochs, color="grey", linestyle="--", label="if repeats were fresh")
    total.plot(epochs, data.effective_data(1.0, epochs), color="C0", label="effective data D′/U")
    total.axhline(ceiling, color="C3", linestyle=":", label=f"ceiling 1 + R*_D = {ceiling:.1f}")
    for e in marked:
        worth = data.effective_data(1.0, e)
        total.plot([e], [worth], marker="o", color="black", zorder=3)
        total.annotate(
            f"{e} epochs ≈ {worth:.2f} fresh", (e, worth), textcoords="offset points", xytext=(6, -14), fontsize="small"
        )
    total.set(
        xlabel="epochs over U unique tokens",
        ylabel="worth, in fresh epochs",
        ylim=(0, ceiling * 1.35),
        title="repeating saturates",
    )
    total.legend(fontsize="small", loc="upper left")

    whole = np.arange(1, max_epochs + 1)
    values = data.value_of_epoch(whole)
    each.vlines(whole, 0, values, color="C0", linewidth=3)
    each.vlines(list(marked), 0, data.value_of_epoch(np.array(marked, dtype=float)), color="black", linewidth=3)
    each.set(
        xlabel="epoch number",
        ylabel="what this epoch adds (fresh epochs)",
        ylim=(0, 1.05),
        title="each repeat is worth a little less",
    )
    return fig


def explorer(view):
    """Chapter 5 widget view (a ``widgets.datawall.DataWallView``).

    Left: at the chosen budget, the loss against epochs over U (repeated) and with the same
    N and D all fresh; the reader's run and the best run marked. Right: the reducible loss
    L − E against budget, with U unique tokens and with unlimited fresh data.
    """
    fig, (profile, frontier) = figure(2)
    below = room_below(fig, rows=5)  # the legends go under the panels, off the curves
    best = view.best
    reducible = min(view.loss_fresh.min(), view.loss_repeated.min()) - view.E
    profile.semilogx(view.epoch_grid, view.loss_fresh, color="grey", linestyle="--", label="all tokens fresh")
    profile.semilogx(
        view.epoch_grid, view.loss_repeated, color="C0", label=f"repeating {format_count(view.unique_tokens)} tokens"
    )
    profile.plot(
        [best.epochs], [best.loss], marker="o", color="C0", linestyle="none", label=f"best: {best.epochs:.3g} epochs"
    )
    profile.plot(
        [view.epochs],
        [view.loss],
        marker="*",
        markersize=12,
        color="C3",
        linestyle="none",
        zorder=3,
        label=f"yours: {view.epochs:.3g} epochs, N = {format_count(view.n_params)}",
    )
    profile.set(
        xlabel="epochs over U (log scale)",
        ylabel="loss (nats per token)",
        ylim=(view.E + 0.9 * reducible, view.E + 2.2 * reducible),
        title=f"C = {format_flops(view.flops)}; your D′ = {view.effective_tokens / view.unique_tokens:.3g} fresh epochs",
    )
    legend_below(profile, ncols=1, bbox_to_anchor=(0.5, below))
    profile.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))

    frontier.loglog(
        view.budgets, view.unlimited_loss - view.E, color="grey", linestyle="--", label="unlimited fresh data"
    )
    frontier.loglog(view.budgets, view.best_loss - view.E, color="C0", label="best run with U unique tokens")
    frontier.axhline(view.floor - view.E, color="C3", linestyle=":", label="floor: no budget gets below")
    frontier.axvline(view.one_epoch_flops, color="black", linestyle=":", linewidth=1, label="optimal run reads U once")
    frontier.plot(
        [view.flops],
        [view.loss - view.E],
        marker="*",
        markersize=12,
        color="C3",
        linestyle="none",
        zorder=3,
        label="yours",
    )
    frontier.set(
        xlabel="training budget C (FLOPs)",
        ylabel="reducible loss L − E (nats, log scale)",
        title=f"here the cap costs {best.loss - best.loss_unlimited:.2g} nats",
    )
    legend_below(frontier, ncols=1, bbox_to_anchor=(0.5, below))
    _powers_of_ten(frontier.xaxis)
    _powers_of_ten(frontier.yaxis, minor=True)
    return fig
