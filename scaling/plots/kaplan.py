"""Figures of chapter 2, Kaplan et al. 2020."""

from __future__ import annotations

import numpy as np

from .. import kaplan
from ..compute import format_count, format_flops
from .style import MARKERS, figure, plain_log_axes, widen_margins


def three_laws():
    """Chapter 2: Kaplan's three single-variable laws L(N), L(D) and L(C_min) on log-log axes (Eqs. 1.1-1.3)."""
    fig, axes = figure(3)
    widen_margins(fig, left=0.08, right=0.98, wspace=0.38)
    n = np.logspace(5, 12, 50)
    d = np.logspace(7, 13, 50)
    c = np.logspace(-6, 5, 50)
    panels = (
        (n, kaplan.loss_from_params(n), "non-embedding parameters N", f"$L(N) = (N_c/N)^{{{kaplan.ALPHA_N:g}}}$"),
        (d, kaplan.loss_from_tokens(d), "training tokens D", f"$L(D) = (D_c/D)^{{{kaplan.ALPHA_D:g}}}$"),
        (
            c,
            kaplan.loss_from_compute(c),
            "C_min (PF-days)",
            f"$L(C_{{min}}) = (C_c/C_{{min}})^{{{kaplan.ALPHA_C_MIN:g}}}$",
        ),
    )
    for ax, (x, y, label, title) in zip(axes, panels):
        ax.loglog(x, y, color="C0")
        ax.set(xlabel=label, title=title)
        ax.set_ylim(1.5, 6)
        ax.set_yticks([2, 3, 4, 5], ["2", "3", "4", "5"])
        ax.minorticks_off()
        plain_log_axes(ax, "x")
    axes[0].set_ylabel("test loss (nats per token, log scale)")
    return fig


def joint_law(sizes=(1e7, 1e8, 1e9, 1e10), law: kaplan.KaplanJointLaw = kaplan.JOINT_FIT):
    """Chapter 2: L(N, D) of Eq. 1.5 against D for a few model sizes, each flattening onto its L(N, ∞).

    ``sizes`` in non-embedding parameters; ``law`` the joint fit (Table 2 by default).
    """
    fig, ax = figure(1)
    d = np.logspace(7, 13, 120)
    for i, n in enumerate(sizes):
        ax.loglog(
            d,
            law.loss(n, d),
            color=f"C{i}",
            linestyle="-",
            marker=MARKERS[i % len(MARKERS)],
            markevery=(3 * i, 12),
            markersize=5,
            label=f"N = {format_count(n)}",
        )
        floor = (law.N_c / n) ** law.alpha_N
        ax.axhline(floor, color=f"C{i}", linestyle=":", linewidth=1)
    ax.plot([], [], color="grey", linestyle=":", label="the same model with unlimited data")
    ax.set(
        xlabel="training tokens D (log scale)",
        ylabel="test loss (nats per token, log scale)",
        title="L(N, D), Eq. 1.5: more data helps until the model size limits the loss",
    )
    ax.set_yticks([2, 3, 4, 5], ["2", "3", "4", "5"])
    ax.minorticks_off()
    plain_log_axes(ax, "x")
    ax.legend(fontsize="small", loc="upper right")
    return fig


def allocation_view(view, published=()):
    """Chapter 2 widget view: Kaplan's and Chinchilla's compute-optimal N and D/N against the budget.

    ``view`` is a ``scaling.widgets.kaplan.AllocationView``. ``published`` is an optional list of
    ``PublishedModel`` rows drawn as points on the tokens-per-parameter panel (at their 6ND compute).
    """
    fig, (size, ratio) = figure(2)
    c = view.budgets
    lines = (
        ("Kaplan (Table 6; non-embedding N)", view.kaplan_n, view.kaplan_d, view.kaplan, "C3"),
        ("Chinchilla, Table 3 (Approach 1)", view.table3_n, view.table3_d, view.table3, "C0"),
        ("Chinchilla, Approach-3 law (Eq. 10)", view.approach3_n, view.approach3_d, view.approach3, "C2"),
    )
    for label, n, d, at, colour in lines:
        size.loglog(c, n, color=colour, label=label)
        ratio.loglog(c, d / n, color=colour)
        size.plot(view.flops, at.N, marker="o", color=colour)
        ratio.plot(view.flops, at.tokens_per_param, marker="o", color=colour)
    for ax in (size, ratio):
        ax.axvline(view.flops, color="grey", linestyle=":", linewidth=1)
    for i, m in enumerate(published):
        # Alternate labels right-below and left-above their points, so neighbours do not collide.
        ratio.plot(m.flops_6nd, m.tokens_per_param, marker="s", linestyle="none", color="black")
        ratio.annotate(
            m.name,
            (m.flops_6nd, m.tokens_per_param),
            textcoords="offset points",
            xytext=(-6, 4) if i % 2 else (6, -12),
            ha="right" if i % 2 else "left",
            fontsize="small",
        )
    size.set(xlabel="training compute C (FLOPs)", ylabel="compute-optimal parameters N", title="model size")
    ratio.set(
        xlabel="training compute C (FLOPs)",
        ylabel="tokens per parameter D / N",
        title="tokens per parameter",
        ylim=(0.05, 500),
    )
    size.legend(fontsize="small", loc="upper left")
    for ax in (size, ratio):
        plain_log_axes(ax)
    reading = "actual compute" if view.reading == "actual" else "C_min"
    fig.suptitle(
        f"at {format_flops(view.flops)}: Kaplan ({reading}) {format_count(view.kaplan.N)} params on "
        f"{format_count(view.kaplan.D)} tokens; Table 3 {format_count(view.table3.N)} on "
        f"{format_count(view.table3.D)}",
        fontsize="medium",
    )
    widen_margins(fig, top=0.84)
    return fig
