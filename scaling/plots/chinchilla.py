"""Figures of chapter 3, Chinchilla (Hoffmann et al. 2022) and its replication."""

from __future__ import annotations

import matplotlib.ticker
import numpy as np

from .. import chinchilla
from ..compute import format_count, format_flops
from .style import DATA_STYLE, GREY, SEQUENTIAL, colour, figure, legend_below, line, plain_log_axes, widen_margins


def isoflop_view(view, marks=()):
    """Chapter 3 widget view: the loss along one IsoFLOP profile, with its optimum and the 20:1 model.

    ``view`` is a ``scaling.widgets.chinchilla.IsoFLOPView``; ``marks`` are (label, parameters)
    pairs drawn on the profile (sizes outside the drawn range are skipped). A top axis gives the
    tokens per parameter, D/N = C/(6N²), of each model size.
    """
    fig, ax = figure(1, height=4.8)
    ax.semilogx(view.sizes, view.loss, color=colour(0), linestyle="-", label=view.label)
    opt = view.optimum
    ax.plot(
        opt.N,
        opt.loss,
        marker="o",
        markersize=7,
        color=colour(1),
        linestyle="none",
        label=f"optimum: {format_count(opt.N)} params on {format_count(opt.D)} tokens "
        f"({opt.tokens_per_param:.0f} tokens/param)",
    )
    ax.plot(
        view.rule_n,
        view.rule_loss,
        marker="D",
        color="grey",
        linestyle="none",
        label=f"20 tokens/param: {format_count(view.rule_n)} params, loss +{view.rule_loss - opt.loss:.3f}",
    )
    for i, (name, n) in enumerate(marks):
        if view.sizes[0] <= n <= view.sizes[-1]:
            y = float(np.interp(np.log(n), np.log(view.sizes), view.loss))
            ax.plot(n, y, marker="s", color="black", linestyle="none")
            ax.annotate(name, (n, y), textcoords="offset points", xytext=(5, 6 if i % 2 else -13), fontsize="small")
    span = view.loss.max() - opt.loss
    plain_log_axes(ax, "x")
    ax.set(
        xlabel="model size N (parameters, embeddings included)",
        ylabel="final loss (nats per token)",
        ylim=(opt.loss - 0.08 * span, opt.loss + 0.6 * span),
    )
    top = ax.secondary_xaxis(
        "top",
        functions=(
            lambda n: view.flops / (6.0 * np.maximum(n, 1e-30) ** 2),
            lambda r: np.sqrt(view.flops / (6.0 * np.maximum(r, 1e-30))),
        ),
    )
    # Fixed major ticks and no minor ticks: the automatic ones on a transformed log axis are slow to draw.
    ratios = view.flops / (6.0 * view.sizes**2)
    decades = 10.0 ** np.arange(np.ceil(np.log10(ratios.min())), np.floor(np.log10(ratios.max())) + 1)
    top.set_xticks(decades, [f"{r:g}" for r in decades])
    top.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    top.set_xlabel("tokens per parameter D / N", fontsize="small")
    fig.suptitle(
        f"IsoFLOP profile at {format_flops(view.flops, 3)}: every model trained on D = C / (6N) tokens",
        fontsize="medium",
        wrap=True,
    )
    legend_below(ax, ncols=1, bbox_to_anchor=(0.5, -0.2))
    return fig


def three_approaches(curves, envelope, grid, profiles, isoflop, approach3, truth, target):
    """Chapter 3: the three approaches on generated data, and the frontiers they imply.

    ``curves`` (``synthetic.TrainingCurves``) with its Approach-1 ``envelope`` (``FrontierFit``);
    ``grid`` (``synthetic.IsoFLOPGrid``) with its ``profiles`` (``IsoFLOPProfile`` list) and the
    Approach-2 ``isoflop`` frontier; ``approach3`` the fitted ``ChinchillaLaw``; ``truth`` the law
    the data came from; ``target`` the budget (FLOPs) the frontiers are extrapolated to.
    """
    fig, (env_ax, iso_ax, front) = figure(3, height=4.6)
    widen_margins(fig, left=0.08, right=0.99, wspace=0.42, top=0.93, bottom=0.4)

    flops = curves.flops
    sizes = np.asarray(curves.n_params, dtype=float)
    size_key = _Key(sizes)
    for i, n in enumerate(sizes):
        env_ax.semilogx(flops[i], curves.loss[i], color=size_key.colour(n), linestyle="-", linewidth=0.9)
    env_ax.semilogx(
        envelope.budgets,
        envelope.loss_opt,
        marker=".",
        color="black",
        linestyle="none",
        markersize=4,
        label="lowest loss per budget",
    )
    env_ax.set(
        xlabel="compute C = 6ND (FLOPs)",
        ylabel="loss (nats per token)",
        title="Approach 1: envelope",
        ylim=(curves.loss.min() * 0.97, curves.loss.min() * 1.6),
    )
    size_key.draw(fig, env_ax, "colour: model size N (parameters)")
    legend_below(env_ax, ncols=1, bbox_to_anchor=(0.5, -0.58))

    budgets = np.array(sorted({p.flops for p in profiles}))
    budget_key = _Key(budgets)
    for j, p in enumerate(profiles):
        on = np.isclose(grid.flops, p.flops, rtol=1e-9)
        n = grid.n_params[on]
        shade = budget_key.colour(p.flops)
        iso_ax.semilogx(n, grid.loss[on], marker="o", markersize=3, linestyle="none", color=shade)
        x = np.geomspace(n.min(), n.max(), 60)
        iso_ax.semilogx(
            x, p.curvature * (np.log(x) - np.log(p.n_opt)) ** 2 + p.loss_opt, color=shade, linestyle="-", linewidth=1.0
        )
        iso_ax.plot(
            p.n_opt,
            p.loss_opt,
            marker="v",
            color="black",
            linestyle="none",
            markersize=5,
            label="minimum of each parabola" if j == 0 else None,
        )
    iso_ax.set(xlabel="model size N (parameters)", ylabel="final loss", title="Approach 2: parabolas")
    budget_key.draw(fig, iso_ax, "colour: budget C (FLOPs)")
    legend_below(iso_ax, ncols=1, bbox_to_anchor=(0.5, -0.58))

    c = np.geomspace(min(envelope.budgets.min(), budgets.min()), target * 3, 100)

    def true_n(x):
        return chinchilla.compute_optimal(x, truth).N

    front.axhline(1.0, color=GREY, linewidth=4, alpha=0.5, linestyle="-", label=f"truth: a_N = {truth.a_N:.3f}")
    one, two, three = line(0), line(1), line(2)
    front.semilogx(
        envelope.budgets,
        envelope.n_opt / true_n(envelope.budgets),
        marker=".",
        linestyle="none",
        color=one["color"],
        markersize=4,
    )
    front.semilogx(
        c,
        envelope.predict_n(c) / true_n(c),
        color=one["color"],
        linestyle=one["linestyle"],
        label=f"Approach 1: a_N = {envelope.a_N:.3f}",
    )
    front.semilogx(
        isoflop.budgets,
        isoflop.n_opt / true_n(isoflop.budgets),
        marker="v",
        linestyle="none",
        color=two["color"],
        markersize=5,
    )
    front.semilogx(
        c,
        isoflop.predict_n(c) / true_n(c),
        color=two["color"],
        linestyle="-.",
        label=f"Approach 2: a_N = {isoflop.a_N:.3f}",
    )
    front.semilogx(
        c,
        chinchilla.compute_optimal(c, approach3).N / true_n(c),
        color=three["color"],
        linestyle="--",
        label=f"Approach 3: a_N = {approach3.a_N:.3f}",
    )
    front.axvline(target, color="black", linestyle=":", linewidth=1, label="target budget")
    front.set_yscale("log")
    front.set_yticks([0.5, 0.7, 1.0, 1.4, 2.0], ["0.5", "0.7", "1", "1.4", "2"])
    front.minorticks_off()
    front.set(
        xlabel="compute C (FLOPs)",
        ylabel="fitted N_opt / true N_opt",
        ylim=(0.45, 2.2),
        title="fitted frontier / truth",
    )
    legend_below(front, ncols=1, bbox_to_anchor=(0.45, -0.2))
    for ax in (env_ax, iso_ax, front):
        plain_log_axes(ax, "x")
    return fig


def tokens_per_param_vs_compute(laws, table_3=chinchilla.TABLE_3, marks=(), budget=None):
    """Chapter 3: compute-optimal tokens per parameter against the budget, one line per law.

    ``laws``: (label, ``ChinchillaLaw``) pairs; ``table_3``: rows (N, C, D) of Hoffmann's Table 3,
    drawn as points; ``marks``: (label, FLOPs, tokens per parameter) points such as a model;
    ``budget``: a budget (FLOPs) to mark with a vertical line.
    """
    fig, ax = figure(1, height=4.6)
    c = np.logspace(18, 28.3, 100)
    styles = ("-", "--", "-", "-.")
    for i, (label, law) in enumerate(laws):
        ax.loglog(c, chinchilla.tokens_per_param(c, law), color=f"C{i + 1}", linestyle=styles[i % 4], label=label)
    n, flops, d = (np.array(col) for col in zip(*table_3))
    ax.loglog(flops, d / n, **dict(DATA_STYLE, label="Table 3 rows (Approach 1)", markersize=4))
    for label, x, y in marks:
        ax.plot(x, y, marker="*", markersize=11, color="C3", linestyle="none")
        ax.annotate(label, (x, y), textcoords="offset points", xytext=(6, -12), fontsize="small")
    if budget is not None:
        ax.axvline(budget, color="grey", linestyle=":", linewidth=1)
    ax.set(
        xlabel="compute budget C (FLOPs)",
        ylabel="optimal tokens per parameter",
        ylim=(5, 500),
        title="tokens per parameter at the compute-optimal point",
    )
    legend_below(ax, ncols=1, bbox_to_anchor=(0.5, -0.2))
    plain_log_axes(ax)
    return fig


class _Key:
    """Colours for an ordered family (model sizes, budgets) on a log scale, and the colour bar that keys them."""

    def __init__(self, values):
        import matplotlib
        from matplotlib.colors import ListedColormap, LogNorm

        values = np.asarray(values, dtype=float)
        # The light yellow end of viridis is hard to see on white: stop at 90 % of the map.
        self.cmap = ListedColormap(matplotlib.colormaps[SEQUENTIAL](np.linspace(0.0, 0.9, 256)))
        self.norm = LogNorm(values.min(), values.max())
        self.values = values

    def colour(self, value):
        return self.cmap(self.norm(value))

    def draw(self, fig, ax, label):
        """A horizontal colour bar under ``ax`` (below its axis label), labelled in plain numbers."""
        from matplotlib.cm import ScalarMappable

        box = ax.get_position()
        bar = fig.add_axes((box.x0, box.y0 - 0.19, box.width, 0.03))
        key = fig.colorbar(ScalarMappable(self.norm, self.cmap), cax=bar, orientation="horizontal")
        key.ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        key.ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: format_count(v)))
        key.ax.tick_params(labelsize="small")
        key.set_label(label, fontsize="small")
        return key
