"""Figures of chapter 3, Chinchilla (Hoffmann et al. 2022) and its replication."""

from __future__ import annotations

import matplotlib.ticker
import numpy as np

from .. import chinchilla
from ..compute import format_count, format_flops
from .style import DATA_STYLE, figure, plain_log_axes, widen_margins


def isoflop_view(view, marks=()):
    """Chapter 3 widget view: the loss along one IsoFLOP profile, with its optimum and the 20:1 model.

    ``view`` is a ``scaling.widgets.chinchilla.IsoFLOPView``; ``marks`` are (label, parameters)
    pairs drawn on the profile (sizes outside the drawn range are skipped). A top axis gives the
    tokens per parameter, D/N = C/(6N²), of each model size.
    """
    fig, ax = figure(1)
    widen_margins(fig, top=0.74, left=0.09, right=0.97)
    ax.semilogx(view.sizes, view.loss, color="C0", label=view.label)
    opt = view.optimum
    ax.plot(opt.N, opt.loss, marker="o", color="C3", linestyle="none",
            label=f"optimum: {format_count(opt.N)} params on {format_count(opt.D)} tokens "
                  f"({opt.tokens_per_param:.0f} tokens/param)")
    ax.plot(view.rule_n, view.rule_loss, marker="D", color="grey", linestyle="none",
            label=f"20 tokens/param: {format_count(view.rule_n)} params, "
                  f"loss +{view.rule_loss - opt.loss:.3f}")
    for i, (name, n) in enumerate(marks):
        if view.sizes[0] <= n <= view.sizes[-1]:
            y = float(np.interp(np.log(n), np.log(view.sizes), view.loss))
            ax.plot(n, y, marker="s", color="black", linestyle="none")
            ax.annotate(name, (n, y), textcoords="offset points", xytext=(5, 6 if i % 2 else -13),
                        fontsize="small")
    span = view.loss.max() - opt.loss
    plain_log_axes(ax, "x")
    ax.set(xlabel="model size N (parameters, embeddings included)", ylabel="final loss (nats per token)",
           ylim=(opt.loss - 0.08 * span, opt.loss + 0.6 * span))
    top = ax.secondary_xaxis("top", functions=(
        lambda n: view.flops / (6.0 * np.maximum(n, 1e-30) ** 2),
        lambda r: np.sqrt(view.flops / (6.0 * np.maximum(r, 1e-30))),
    ))
    # Fixed major ticks and no minor ticks: the automatic ones on a transformed log axis are slow to draw.
    ratios = view.flops / (6.0 * view.sizes**2)
    decades = 10.0 ** np.arange(np.ceil(np.log10(ratios.min())), np.floor(np.log10(ratios.max())) + 1)
    top.set_xticks(decades, [f"{r:g}" for r in decades])
    top.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    top.set_xlabel("tokens per parameter D / N", fontsize="small")
    fig.suptitle(f"IsoFLOP profile at {format_flops(view.flops, 3)}: every model trained on D = C / (6N) tokens",
                 fontsize="medium", y=0.98)
    ax.legend(fontsize="small", loc="upper center")
    return fig


def three_approaches(curves, envelope, grid, profiles, isoflop, approach3, truth, target):
    """Chapter 3: the three approaches on generated data, and the frontiers they imply.

    ``curves`` (``synthetic.TrainingCurves``) with its Approach-1 ``envelope`` (``FrontierFit``);
    ``grid`` (``synthetic.IsoFLOPGrid``) with its ``profiles`` (``IsoFLOPProfile`` list) and the
    Approach-2 ``isoflop`` frontier; ``approach3`` the fitted ``ChinchillaLaw``; ``truth`` the law
    the data came from; ``target`` the budget (FLOPs) the frontiers are extrapolated to.
    """
    fig, (env_ax, iso_ax, front) = figure(3, height=3.8)
    widen_margins(fig, left=0.08, right=0.99, wspace=0.42, top=0.9, bottom=0.14)

    flops = curves.flops
    colours = _shades(len(curves.n_params))
    for i in range(len(curves.n_params)):
        env_ax.semilogx(flops[i], curves.loss[i], color=colours[i], linewidth=0.8)
    env_ax.semilogx(envelope.budgets, envelope.loss_opt, marker=".", color="black", linestyle="none",
                  markersize=3, label="lowest loss per budget")
    env_ax.set(xlabel="compute C = 6ND (FLOPs)", ylabel="loss (nats per token)",
               title="Approach 1: envelope", ylim=(curves.loss.min() * 0.97, curves.loss.min() * 1.6))
    env_ax.legend(fontsize="x-small", loc="upper right")
    _colour_key(env_ax, curves.n_params, "model size N")

    budgets = sorted({p.flops for p in profiles})
    shades = _shades(len(budgets))
    for colour, p in zip(shades, profiles):
        on = np.isclose(grid.flops, p.flops, rtol=1e-9)
        n = grid.n_params[on]
        iso_ax.semilogx(n, grid.loss[on], marker="o", markersize=2.5, linestyle="none", color=colour)
        x = np.geomspace(n.min(), n.max(), 60)
        iso_ax.semilogx(x, p.curvature * (np.log(x) - np.log(p.n_opt)) ** 2 + p.loss_opt, color=colour,
                        linewidth=0.9)
        iso_ax.plot(p.n_opt, p.loss_opt, marker="v", color="black", markersize=4)
    iso_ax.set(xlabel="model size N (parameters)", ylabel="final loss", title="Approach 2: parabolas")
    _colour_key(iso_ax, budgets, "budget C (FLOPs)")

    c = np.geomspace(min(envelope.budgets.min(), min(budgets)), target * 3, 100)

    def true_n(x):
        return chinchilla.compute_optimal(x, truth).N

    front.axhline(1.0, color="grey", linewidth=3, alpha=0.5, label=f"truth: a_N = {truth.a_N:.3f}")
    front.semilogx(envelope.budgets, envelope.n_opt / true_n(envelope.budgets), marker=".", linestyle="none",
                   color="C0", markersize=3)
    front.semilogx(c, envelope.predict_n(c) / true_n(c), color="C0", label=f"Approach 1: a_N = {envelope.a_N:.3f}")
    front.semilogx(isoflop.budgets, isoflop.n_opt / true_n(isoflop.budgets), marker="v", linestyle="none",
                   color="C1", markersize=4)
    front.semilogx(c, isoflop.predict_n(c) / true_n(c), color="C1", label=f"Approach 2: a_N = {isoflop.a_N:.3f}")
    front.semilogx(c, chinchilla.compute_optimal(c, approach3).N / true_n(c), color="C2", linestyle="--",
                   label=f"Approach 3: a_N = {approach3.a_N:.3f}")
    front.axvline(target, color="black", linestyle=":", linewidth=1)
    front.set_yscale("log")
    front.set_yticks([0.5, 0.7, 1.0, 1.4, 2.0], ["0.5", "0.7", "1", "1.4", "2"])
    front.minorticks_off()
    front.set(xlabel="compute C (FLOPs)", ylabel="fitted N_opt / true N_opt", ylim=(0.45, 2.2),
              title="fitted frontier / truth")
    front.legend(fontsize="x-small", loc="upper left")
    for ax in (env_ax, iso_ax, front):
        plain_log_axes(ax, "x")
    return fig


def tokens_per_param_vs_compute(laws, table_3=chinchilla.TABLE_3, marks=(), budget=None):
    """Chapter 3: compute-optimal tokens per parameter against the budget, one line per law.

    ``laws``: (label, ``ChinchillaLaw``) pairs; ``table_3``: rows (N, C, D) of Hoffmann's Table 3,
    drawn as points; ``marks``: (label, FLOPs, tokens per parameter) points such as a model;
    ``budget``: a budget (FLOPs) to mark with a vertical line.
    """
    fig, ax = figure(1)
    widen_margins(fig, right=0.63)
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
    ax.set(xlabel="compute budget C (FLOPs)", ylabel="optimal tokens per parameter",
           ylim=(5, 500), title="tokens per parameter at the compute-optimal point")
    ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False)
    plain_log_axes(ax)
    return fig


def _colour_key(ax, values, label):
    """A small colour bar inside ``ax`` (bottom left) that maps :func:`_shades` to ``values`` (log scale)."""
    import matplotlib
    from matplotlib.colors import ListedColormap, LogNorm

    low, high = float(np.min(values)), float(np.max(values))
    mappable = matplotlib.cm.ScalarMappable(norm=LogNorm(low, high), cmap=ListedColormap(_shades(64)))
    key = ax.inset_axes([0.06, 0.1, 0.5, 0.045])
    bar = ax.figure.colorbar(mappable, cax=key, orientation="horizontal")
    bar.set_ticks([low, high], labels=[format_count(low), format_count(high)])
    bar.ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    bar.ax.tick_params(labelsize="x-small", length=2, pad=1)
    bar.ax.set_title(label, fontsize="x-small", pad=2)
    return bar


def _shades(count):
    """``count`` colours from light to dark along one colour map (small models / budgets first)."""
    import matplotlib

    return matplotlib.colormaps["viridis"](np.linspace(0.05, 0.9, count))
