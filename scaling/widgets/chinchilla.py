"""Widgets of chapter 3, Chinchilla: the IsoFLOP explorer (a budget and a law in, loss against N out)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import chinchilla
from .._validate import clamped
from ..compute import format_flops, tokens_for_budget

#: The laws the reader can choose, by key: (label, law).
LAWS = {
    "rounded": ("Hoffmann et al., Eq. 10 (as printed)", chinchilla.HOFFMANN_ROUNDED),
    "unrounded": ("Hoffmann et al., unrounded", chinchilla.HOFFMANN_UNROUNDED),
    "besiroglu": ("Besiroglu et al. 2024 refit", chinchilla.BESIROGLU_2024),
}
#: Slider choices for the budget, half a decade apart (FLOPs), with Gopher's and Chinchilla's budget added.
#: Labels are bare ("1.0e24"): the unit is in the slider's description, since JupyterLab cuts long readouts.
BUDGET_CHOICES = tuple(
    sorted(
        [(format_flops(c, 2).removesuffix(" FLOPs"), float(c)) for c in np.logspace(18, 26, 17)]
        + [(format_flops(chinchilla.GOPHER_BUDGET_FLOPS, 3).removesuffix(" FLOPs"), chinchilla.GOPHER_BUDGET_FLOPS)],
        key=lambda choice: choice[1],
    )
)
#: Decades of model size drawn on each side of the optimum.
HALF_WIDTH_DECADES = 1.5
#: The rule of thumb drawn for comparison: tokens per parameter.
RULE_OF_THUMB_TOKENS_PER_PARAM = 20.0


@dataclass(frozen=True)
class IsoFLOPView:
    """One IsoFLOP profile of one law: every model size ``sizes`` trained on D = C/(6N) tokens.

    ``flops`` (FLOPs); ``law_key`` and ``label`` name the law; ``sizes`` (parameters), ``tokens``
    and ``loss`` (nats per token) along the profile; ``optimum`` the law's
    :class:`~scaling.chinchilla.ComputeOptimal` at this budget; ``rule_n`` and ``rule_loss`` the
    model of 20 tokens per parameter, N = √(C/120), and its loss.
    """

    flops: float
    law_key: str
    label: str
    sizes: np.ndarray
    tokens: np.ndarray
    loss: np.ndarray
    optimum: chinchilla.ComputeOptimal
    rule_n: float
    rule_loss: float


def isoflop_update(flops: float, law_key: str = "rounded") -> IsoFLOPView:
    """Chapter 3 widget update: the loss along the IsoFLOP profile of ``flops`` FLOPs for one law.

    ``flops`` is clamped to [10^17, 10^27] FLOPs; an unknown ``law_key`` reads as "rounded".
    Closed forms only (Hoffmann et al. Eq. 4), no fitting.
    """
    flops = clamped(flops, 1e17, 1e27, chinchilla.GOPHER_BUDGET_FLOPS)
    law_key = law_key if isinstance(law_key, str) and law_key in LAWS else "rounded"
    label, law = LAWS[law_key]
    optimum = chinchilla.compute_optimal(flops, law)
    sizes = optimum.N * np.logspace(-HALF_WIDTH_DECADES, HALF_WIDTH_DECADES, 121)
    tokens = tokens_for_budget(flops, sizes)
    rule_n = float(np.sqrt(flops / (6.0 * RULE_OF_THUMB_TOKENS_PER_PARAM)))
    return IsoFLOPView(
        flops=flops,
        law_key=law_key,
        label=label,
        sizes=sizes,
        tokens=tokens,
        loss=law.loss(sizes, tokens),
        optimum=chinchilla.ComputeOptimal(
            flops=flops, N=float(optimum.N), D=float(optimum.D), loss=float(optimum.loss)
        ),
        rule_n=rule_n,
        rule_loss=float(law.loss(rule_n, tokens_for_budget(flops, rule_n))),
    )


def isoflop_explorer(flops: float = chinchilla.GOPHER_BUDGET_FLOPS, law_key: str = "rounded", marks=()):
    """Chapter 3: a budget slider and a law menu, redrawing the IsoFLOP profile with its optimum.

    ``marks``: (label, parameters) pairs drawn on the profile, for example Gopher's and Chinchilla's sizes.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import chinchilla as figures

    flops = clamped(flops, 1e17, 1e27, chinchilla.GOPHER_BUDGET_FLOPS)
    nearest = min(BUDGET_CHOICES, key=lambda c: abs(np.log(c[1] / flops)))[1]
    budget = widgets.SelectionSlider(
        options=BUDGET_CHOICES,
        value=nearest,
        description="budget C (FLOPs)",
        style={"description_width": "initial"},
        continuous_update=False,
    )
    law = widgets.Dropdown(
        options=[(label, key) for key, (label, _) in LAWS.items()],
        value=law_key if law_key in LAWS else "rounded",
        description="law",
    )

    def draw(c, key):
        figures.isoflop_view(isoflop_update(c, key), marks)
        plt.show()

    output = widgets.interactive_output(draw, {"c": budget, "key": law})
    return widgets.VBox([widgets.HBox([budget, law]), output])


def _bench_update():
    return lambda: isoflop_update(chinchilla.GOPHER_BUDGET_FLOPS, "besiroglu")


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch3 IsoFLOP explorer: update", _bench_update)]
