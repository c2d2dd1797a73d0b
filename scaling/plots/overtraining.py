"""Figures of chapter 4, Llama and over-training."""

from __future__ import annotations

import numpy as np

from .. import inference
from ..compute import format_count
from .style import figure, legend_below, plain_log_axes, room_below, widen_margins


def tokens_per_parameter(published, reference: float):
    """Chapter 4: training tokens per parameter of published models, on a log scale.

    ``published``: ``PublishedModel`` rows with known tokens, in the order to draw them (top to
    bottom). A mixture of experts gets a second mark per *active* parameter. ``reference`` is
    drawn as a vertical line (Chinchilla's ratio).
    """
    rows = [m for m in published if m.n_tokens is not None]
    height = max(3.8, 1.4 + 0.2 * len(rows))  # about 0.2 inch per model, so labels never overlap, and the legend
    fig, ax = figure(1, height=height)
    widen_margins(fig, left=0.2, right=0.97, top=1 - 0.35 / height, bottom=0.5 / height)
    y = np.arange(len(rows))[::-1]
    ratios = np.array([m.tokens_per_param for m in rows])
    colours = ["C1" if m.name.startswith(("LLaMA", "Llama")) else "C0" for m in rows]
    ax.barh(y, ratios, color=colours, height=0.6)
    labelled = False
    for yi, m in zip(y, rows):
        ax.text(
            m.tokens_per_param * 1.08,
            yi,
            f"{m.tokens_per_param:,.0f}" if m.tokens_per_param >= 10 else f"{m.tokens_per_param:.1f}",
            va="center",
            fontsize="small",
        )
        if m.is_moe:
            ax.plot(
                m.tokens_per_active_param,
                yi,
                marker="D",
                color="C3",
                linestyle="none",
                label=None if labelled else "per active parameter (MoE)",
            )
            labelled = True
            ax.text(
                m.tokens_per_active_param * 1.12,
                yi,
                f"{m.tokens_per_active_param:,.0f}",
                va="center",
                fontsize="small",
                color="C3",
            )
    ax.axvline(reference, color="grey", linestyle="--", label=f"Chinchilla: {reference:.0f} tokens per parameter")
    ax.set_xscale("log")
    ax.set_yticks(y, [m.name for m in rows])
    ax.set(
        xlabel="training tokens per parameter, D / N (log scale)",
        xlim=(0.5, 5e4),
        title="tokens per parameter, 2020 to 2025 (orange: Meta's LLaMA and Llama)",
    )
    plain_log_axes(ax, "x")  # plain labels: no minor ticks, no small superscripts
    legend_below(ax, ncols=1, bbox_to_anchor=(0.5, -1.1 / (height - 1.0)))  # off the bars
    return fig


def break_even(first, second, served_max: float):
    """Chapter 4: lifetime compute 6ND + 2NT of two models against the tokens they serve.

    ``first`` and ``second`` are (label, parameters, training tokens); the lines cross at the
    break-even demand, marked. ``served_max`` is the right end of the axis, in tokens.
    """
    fig, ax = figure(1)
    widen_margins(fig, left=0.1, right=0.97)
    served = np.linspace(0.0, served_max, 100)
    for (label, n, d), colour in zip((first, second), ("C0", "C1")):
        life = inference.lifetime_flops(n, d, served)
        ax.plot(served / 1e12, life / 1e23, color=colour, label=f"{label}: {format_count(n)} on {format_count(d)}")
    t = inference.break_even_served_tokens(first[1], first[2], second[1], second[2])
    at = inference.lifetime_flops(first[1], first[2], t)
    ax.plot(
        t / 1e12,
        at / 1e23,
        marker="o",
        color="black",
        linestyle="none",
        label=f"break-even: {format_count(t)} served tokens",
    )
    ax.axvline(t / 1e12, color="grey", linestyle=":")
    ax.set(
        xlabel="tokens served over the model's life, T (trillions of tokens)",
        ylabel="lifetime compute (10²³ FLOPs)",
        xlim=(0, served_max / 1e12),
        ylim=(0, None),
        title="training + serving compute, 6ND + 2NT: the smaller model wins past break-even",
    )
    ax.legend(fontsize="small", loc="upper left")
    return fig


def demand_view(view):
    """Chapter 4 widget view: the demand-aware optimum for one quality target and one demand.

    ``view`` is a ``scaling.widgets.overtraining.DemandView``. Left: compute along the iso-loss
    curve, training only and training + serving, relative to the compute-optimal model. Right: the
    optimal size and data (relative to the compute-optimal model) and the saving, as demand grows.
    """
    fig, (curve, sweep) = figure(2)
    widen_margins(fig, left=0.08, right=0.92, wspace=0.38, top=0.86)
    below = room_below(fig, rows=4)  # the legends go under the panels, off the curves
    ref, best = view.reference, view.optimum
    t_label = f"T = {format_count(view.served_tokens)} tokens"
    curve.semilogx(view.sizes, view.training_ratio, color="grey", linestyle="--", label="training only (T = 0)")
    curve.semilogx(view.sizes, view.lifetime_ratio, color="C0", label=f"training + serving, {t_label}")
    curve.plot(
        ref.n_params,
        1.0,
        marker="o",
        color="black",
        linestyle="none",
        label=f"compute-optimal: {format_count(ref.n_params)} on {format_count(ref.n_tokens)}",
    )
    curve.plot(
        best.n_params,
        best.lifetime_flops / best.compute_optimal_lifetime_flops,
        marker="*",
        markersize=12,
        color="C3",
        linestyle="none",
        label=f"demand-aware: {format_count(best.n_params)} on {format_count(best.n_tokens)}",
    )
    curve.set(
        xlabel="model size N on the iso-loss curve (parameters)",
        ylabel="compute (× compute-optimal model's)",
        ylim=(0.0, 2.5),
        xlim=(view.sizes[0], view.sizes[-1]),
        title=f"one loss ({ref.loss:.3f} nats), many sizes",
    )
    legend_below(curve, ncols=1, bbox_to_anchor=(0.5, below))

    sweep.loglog(view.demands, view.size_ratio, color="C0", label="N / compute-optimal N")
    sweep.loglog(view.demands, view.data_ratio, color="C1", label="D / compute-optimal D")
    sweep.axvline(view.served_tokens, color="grey", linestyle=":")
    if view.served_tokens > 0:
        sweep.plot(
            [view.served_tokens] * 2,
            [best.n_params / ref.n_params, best.n_tokens / ref.n_tokens],
            marker="*",
            markersize=10,
            color="C3",
            linestyle="none",
        )
    sweep.set(
        xlabel="lifetime demand T (served tokens)",
        ylabel="ratio to the compute-optimal model",
        ylim=(min(0.5, float(np.min(view.size_ratio)) / 2), max(2.0, 2 * float(np.max(view.data_ratio)))),
        title=f"optimum as demand grows: {best.saving:.0%} saved at T",
    )
    saved = sweep.twinx()
    saved.semilogx(view.demands, 100 * view.saving, color="C3", linestyle="--", label="lifetime compute saved")
    saved.set(ylabel="lifetime compute saved (%)", ylim=(0, 100))
    plain_log_axes(sweep)  # plain labels: no minor ticks, no small superscripts
    plain_log_axes(curve, "x")
    lines = sweep.get_lines()[:2] + saved.get_lines()  # the two ratio curves, then the saving
    legend_below(sweep, ncols=1, bbox_to_anchor=(0.5, below), handles=lines, labels=[ln.get_label() for ln in lines])
    return fig
