"""Figures of chapter 9, sparse and low-precision models."""

from __future__ import annotations

import numpy as np

from .. import moe, precision
from .style import GREY, figure, legend_below, plain_log_axes, room_below, widen_margins

#: Total-to-active ratios drawn as guide lines on the map (1 is a dense model).
RATIO_GUIDES = (1, 10, 30)
#: Where a crowded label goes: (x, y) offset in points and horizontal alignment; the rest go right, below.
LABEL_PLACES = {"Kimi K2": ((6, -3), "left"), "gpt-oss-20b": ((-6, 2), "right")}


def moe_map(models):
    """Chapter 9: active against total parameters of published models, log-log.

    Dense models sit on the diagonal (total = active); a mixture of experts sits below it, by its
    total-to-active ratio. Dotted guides mark ratios 10 and 30. Each MoE is labelled directly.
    """
    fig, ax = figure(1, height=4.2)
    widen_margins(fig, left=0.1, right=0.97, top=0.95, bottom=0.13)
    below = room_below(fig, rows=1)
    span = np.array([5e8, 3e12])
    for ratio in RATIO_GUIDES:
        style = dict(color=GREY, linestyle="-" if ratio == 1 else ":", linewidth=1)
        ax.plot(span, span / ratio, **style)
        x_text = 2.2e12
        label = "dense: total = active" if ratio == 1 else f"total = {ratio} × active"
        ax.text(x_text, x_text / ratio * 1.15, label, color=GREY, fontsize="small", ha="right", va="bottom")
    dense = [m for m in models if not m.is_moe]
    sparse = [m for m in models if m.is_moe]
    dense_xy = ([m.n_params for m in dense], [m.n_active_params for m in dense])
    sparse_xy = ([m.n_params for m in sparse], [m.n_active_params for m in sparse])
    ax.scatter(*dense_xy, color="C0", marker="o", zorder=3, label="dense model")
    ax.scatter(*sparse_xy, color="C1", marker="D", zorder=3, label="mixture of experts")
    names = {}
    for m in sparse:  # models with the same two counts (DeepSeek-V3 and R1) share one label
        names.setdefault((m.n_params, m.n_active_params), []).append(m.name)
    for (total, active), group in names.items():
        offset, align = LABEL_PLACES.get(group[0], ((-6, 4) if len(group) > 1 else (6, -3), None))
        align = align or ("right" if len(group) > 1 else "left")
        ax.annotate(
            " / ".join(group),
            (total, active),
            textcoords="offset points",
            xytext=offset,
            fontsize="small",
            color="C1",
            ha=align,
            va="bottom" if offset[1] > 0 else "top",
        )
    ax.set(
        xscale="log",
        yscale="log",
        xlim=tuple(span),
        ylim=(1e9, 1e12),
        xlabel="total parameters (memory to hold the model)",
        ylabel="active parameters per token (compute)",
    )
    plain_log_axes(ax)
    legend_below(ax, ncols=2, bbox_to_anchor=(0.5, below))
    return fig


def decode_reads(total_params, active_params, n_experts, top_k, bytes_per_param, name=""):
    """Chapter 9: what one decoding step reads, against the batch, for one mixture of experts.

    Left: weight bytes read per step (shared weights plus the experts the batch touches, under
    uniform routing), between the active and the total weights. Right: weight bytes read per
    generated token, for the MoE, a dense model of its active size and one of its total size.
    """
    batches = np.unique(np.round(np.geomspace(1, 4096, 60)))
    reads = moe.decode_weight_bytes_read(total_params, active_params, n_experts, top_k, batches, bytes_per_param)
    active_bytes = active_params * bytes_per_param
    total_bytes = total_params * bytes_per_param
    fig, (step_ax, token_ax) = figure(2)
    widen_margins(fig, left=0.09, right=0.98, top=0.88, wspace=0.32)
    below = room_below(fig, rows=2)
    step_ax.loglog(batches, reads / 1e9, color="C1", label=f"{name} (uniform routing)")
    step_ax.axhline(total_bytes / 1e9, color=GREY, linestyle="--", label="all weights (total)")
    step_ax.axhline(active_bytes / 1e9, color=GREY, linestyle=":", label="one token's weights (active)")
    step_ax.set(
        xlabel="tokens decoded together (batch)",
        ylabel="GB of weights read per step",
        ylim=(active_bytes / 1e9 / 2, total_bytes / 1e9 * 2),
        title="per decoding step",
    )
    token_ax.loglog(batches, reads / batches / 1e9, color="C1")
    token_ax.loglog(batches, total_bytes / batches / 1e9, color=GREY, linestyle="--")
    token_ax.loglog(batches, active_bytes / batches / 1e9, color=GREY, linestyle=":")
    token_ax.set(xlabel="tokens decoded together (batch)", ylabel="GB of weights read per token", title="per token")
    for ax in (step_ax, token_ax):
        plain_log_axes(ax)
        ax.set_xlim(batches[0], batches[-1])
    legend_below(step_ax, ncols=3, bbox_to_anchor=(1.1, below))
    return fig


def precision_view(view):
    """Chapter 9 (and its widget): what low-precision training keeps, and the bits that pay best.

    Left: N_eff / N = (1 − e^(−P/γ))^3 against the training precision P (weights, activations and
    KV cache all in P bits, one γ), with BF16, FP8 and FP4 marked. Right: effective parameters per
    unit of compute relative to BF16 training, (N_eff/N) / P × 16 (a chip that does 16/P times the
    operations of BF16 at P bits), with its maximum P* = 1.904 γ. Both panels also draw the curves
    of Kumar et al.'s fitted constants (three parts, with offsets) and their optimum.
    """
    fig, (keep_ax, pay_ax) = figure(2)
    widen_margins(fig, left=0.09, right=0.98, top=0.86, wspace=0.3)
    below = room_below(fig, rows=2)
    keep_ax.plot(view.bits, view.kept, color="C0", label=f"one γ = {view.gamma:.1f} bits (illustration)")
    pay_ax.plot(view.bits, view.per_compute, color="C0")
    keep_ax.plot(view.paper_bits, view.paper_kept, color="C2", linestyle="-.", label="Kumar et al.'s fit")
    pay_ax.plot(view.paper_bits, view.paper_per_compute, color="C2", linestyle="-.")
    tops = (
        max(np.max(view.kept), np.max(view.paper_kept)),
        max(np.max(view.per_compute), np.max(view.paper_per_compute)),
    )
    for ax, values, top in ((keep_ax, view.kept, tops[0]), (pay_ax, view.per_compute, tops[1])):
        for label, bits in (("FP4", precision.BITS_FP4), ("FP8", precision.BITS_FP8), ("BF16", precision.BITS_BF16)):
            ax.axvline(bits, color=GREY, linestyle=":", linewidth=1)
            ax.text(bits, top * 1.02, label, ha="center", fontsize="small")
        ax.plot([view.chosen_bits], [np.interp(view.chosen_bits, view.bits, values)], "o", color="C1", zorder=3)
    pay_ax.axvline(view.optimum_bits, color="C1", linestyle="--", label=f"best, one γ: {view.optimum_bits:.1f} bits")
    pay_ax.axvline(
        view.paper_optimum_bits, color="C2", linestyle=":", label=f"best, fit: {view.paper_optimum_bits:.1f} bits"
    )
    keep_ax.plot([], [], "o", color="C1", label=f"chosen: {view.chosen_bits:.0f} bits")
    keep_ax.set(
        xlabel="training precision P (bits)",
        ylabel="N_eff / N",
        ylim=(0, 1.12),
        title="what training in P bits keeps",
    )
    pay_ax.set(
        xlabel="training precision P (bits)",
        ylabel="N_eff per FLOP, BF16 = 1",
        ylim=(0, tops[1] * 1.12),
        title="effective parameters per unit of compute",
    )
    handles = keep_ax.get_legend_handles_labels()[0] + pay_ax.get_legend_handles_labels()[0]
    keep_ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(1.1, below), ncols=3, frameon=False)
    return fig
