"""Figures of chapter 7, hardware and cost."""

from __future__ import annotations

import numpy as np

from .. import hardware
from ..compute import format_count, format_dollars
from .style import GREY, colour, figure, legend_below, line, plain_log_axes, room_below, widen_margins


def _short(acc) -> str:
    """The catalogue key of an accelerator ("H100"), for titles."""
    return next(key for key, other in hardware.ACCELERATORS.items() if other == acc)


def cost_view(view):
    """Chapter 7 widget view: days against cluster size per accelerator, and dollars against compute.

    ``view`` is a ``scaling.widgets.hardware.CostView``. Left: wall-clock days of the chosen budget
    on 64 to 65,536 GPUs of each accelerator (perfect scaling), the chosen one in bold with the
    chosen cluster marked. Right: the cost of any budget on the chosen accelerator, MFU and price,
    with published runs (their 6ND compute) placed on the line.
    """
    fig, (time_ax, money_ax) = figure(2)
    widen_margins(fig, left=0.08, right=0.98, top=0.82, wspace=0.28)  # room for the title above both panels
    run = view.run
    groups = _same_speed_groups(view)
    below = room_below(fig, rows=-(-len(groups) // 2))  # two columns of accelerators under the left panel
    for i, (label, days, chosen) in enumerate(groups):
        style = line(i)
        time_ax.loglog(
            view.clusters,
            days,
            label=label,
            color=style["color"],
            linestyle=style["linestyle"],
            marker=style["marker"],
            markevery=(i % 3, 3),
            markersize=5,
            linewidth=2.8 if chosen else 1.4,
            zorder=3 if chosen else 2,
        )
    time_ax.plot(view.n_gpus, run.days, marker="o", markersize=8, color="black", linestyle="none", zorder=4)
    time_ax.axhline(run.days, color=GREY, linestyle=":", linewidth=0.8)
    time_ax.set(
        xlabel="GPUs in the cluster",
        ylabel="wall-clock days (perfect scaling)",
        title=f"{run.flops:.2g} FLOPs at {view.mfu:.0%} MFU".replace("e+", "e"),
    )
    legend_below(time_ax, ncols=2, bbox_to_anchor=(0.5, below), handlelength=3)

    money_ax.loglog(view.budgets, view.dollars, color=colour(0), linestyle="-")
    for name, flops, dollars in view.landmarks:
        money_ax.plot(flops, dollars, marker="o", color=GREY, linestyle="none")
        right = flops > 1e25  # keep the label inside the axes
        money_ax.annotate(
            name,
            (flops, dollars),
            xytext=(-6, 2) if right else (5, -10),
            textcoords="offset points",
            fontsize="small",
            ha="right" if right else "left",
        )
    money_ax.plot(run.flops, run.dollars, marker="*", markersize=14, color=colour(1), linestyle="none", zorder=4)
    money_ax.set(
        xlabel="training compute (FLOPs)",
        ylabel="cost (US dollars)",
        title=f"cost on {_short(view.gpu)}: ${view.price:.2f}/GPU-hour",
    )
    for ax in (time_ax, money_ax):
        plain_log_axes(ax)  # plain labels: no minor ticks, no small superscripts
    fig.suptitle(
        f"{format_count(run.gpu_hours)} GPU-hours · {run.days:,.1f} days on {view.n_gpus:,} GPUs · "
        f"{format_dollars(run.dollars, short=True)} · "
        + (f"{run.energy_mwh:,.0f} MWh" if run.energy_mwh is not None else "power not published"),
        fontsize="medium",
    )
    return fig


def serving_roofline(
    n_active_params: float,
    weight_bytes: float,
    kv_bytes_per_sequence: float,
    gpu,
    price_per_gpu_hour: float,
    max_batch: int | None = None,
    batches=None,
):
    """Chapter 7: decoding throughput and cost per million tokens against the batch size.

    One decoding step reads every weight (``weight_bytes``, in bytes) and, per sequence,
    ``kv_bytes_per_sequence`` of KV cache, and does 2·N FLOPs per sequence (``n_active_params``).
    Per GPU this does not depend on how many GPUs share the weights (each reads its share with its
    own bandwidth). Left: tokens/s per GPU when bandwidth-bound (weights only, and with the cache),
    the compute ceiling at the dense peak, and the roofline (the lowest). Right: dollars per
    million tokens at ``price_per_gpu_hour`` along the roofline. ``max_batch``, if given, marks the
    most sequences whose cache fits in memory; larger batches are shaded.
    """
    acc = hardware.get_accelerator(gpu)
    batches = np.unique(np.round(np.geomspace(1, 1024, 40))) if batches is None else np.asarray(batches, float)
    weights_only = hardware.bandwidth_bound_tokens_per_second(weight_bytes, acc.bandwidth, batches)
    with_cache = hardware.bandwidth_bound_tokens_per_second(weight_bytes, acc.bandwidth, batches, kv_bytes_per_sequence)
    ceiling = hardware.compute_bound_tokens_per_second(n_active_params, acc.peak_flops, 1.0)
    roofline = np.minimum(with_cache, ceiling)
    cost = hardware.cost_per_million_tokens(roofline, price_per_gpu_hour)
    fig, (rate_ax, cost_ax) = figure(2)
    widen_margins(fig, left=0.09, right=0.98, top=0.88, wspace=0.3)
    below = room_below(fig, rows=5)  # the legend goes under the left panel, off the lines
    rate_ax.loglog(batches, roofline, color="black", linewidth=4, alpha=0.35, label="achievable: the lowest line")
    rate_ax.loglog(batches, weights_only, color="C0", linestyle="--", label="bandwidth: weights only")
    rate_ax.loglog(batches, with_cache, color="C1", linestyle="--", label="bandwidth: weights + KV cache")
    rate_ax.axhline(ceiling, color="C3", linestyle="--", label="compute: dense peak, 2N FLOPs per token")
    rate_ax.set(
        xlabel="sequences decoded together (batch)",
        ylabel="tokens per second per GPU",
        ylim=(weights_only[0] / 8, ceiling * 3),
        xlim=(batches[0], batches[-1]),
        title=f"decoding on {_short(acc)}",
    )
    cost_ax.loglog(batches, cost, color="black", linewidth=2)
    cost_ax.set(
        xlabel="sequences decoded together (batch)",
        ylabel="US dollars per million tokens",
        xlim=(batches[0], batches[-1]),
        title=f"serving cost at ${price_per_gpu_hour:.2f}/GPU-hour",
    )
    for ax in (rate_ax, cost_ax):
        plain_log_axes(ax)
    if max_batch is not None:
        for ax in (rate_ax, cost_ax):
            ax.axvspan(max(max_batch, batches[0]), batches[-1], color="grey", alpha=0.15, linewidth=0)
            ax.axvline(max(max_batch, batches[0]), color="grey", linestyle=":")
        rate_ax.plot([], [], color="grey", alpha=0.3, linewidth=6, label=f"cache does not fit (batch > {max_batch})")
    legend_below(rate_ax, ncols=1, bbox_to_anchor=(0.5, below))
    return fig


def _same_speed_groups(view):
    """(label, days, chosen) per distinct curve: accelerators with the same dense peak draw the same
    line, so they share one entry ("H100 = H200") instead of hiding one another."""
    groups = []
    for key, days in view.days.items():
        chosen = hardware.ACCELERATORS[key] == view.gpu
        for group in groups:
            if np.allclose(group[1], days, rtol=1e-9):
                group[0].append(key)
                group[2] = group[2] or chosen
                break
        else:
            groups.append([[key], days, chosen])
    return [
        (" = ".join(keys) + (" (same peak)" if len(keys) > 1 else ""), days, chosen) for keys, days, chosen in groups
    ]
