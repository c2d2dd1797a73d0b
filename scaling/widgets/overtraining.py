"""Widgets of chapter 4, Llama and over-training: the demand-aware optimum explorer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import inference
from .._validate import clamped
from ..compute import format_count

#: The demands the right-hand panel sweeps: 10^9 to 10^16 served tokens.
DEMAND_GRID = np.logspace(9, 16, 57)
#: Slider choices for the quality target: the size of the compute-optimal model whose loss is the target.
QUALITY_CHOICES = (
    ("1B", 1e9),
    ("3B", 3e9),
    ("7B", 7e9),
    ("13B", 13e9),
    ("30B", 30e9),
    ("70B", 70e9),
    ("175B", 175e9),
    ("405B", 405e9),
)
#: Slider choices for the lifetime demand, half a decade apart.
DEMAND_CHOICES = tuple((f"{format_count(t)} tokens", float(t)) for t in np.logspace(9, 16, 15))


@dataclass(frozen=True)
class DemandView:
    """Everything the chapter-4 view draws for one (quality, demand) choice.

    ``reference`` is the compute-optimal ``Allocation`` of size ``reference_params`` (its loss is
    the target); ``optimum`` the ``DemandAwareOptimum`` at ``served_tokens``. ``sizes`` is a grid of
    model sizes on the iso-loss curve, with ``lifetime_ratio`` = (6ND + 2NT) at the chosen T and
    ``training_ratio`` = 6ND, both divided by the reference model's value at that demand.
    ``demands`` sweeps T, with ``size_ratio``, ``data_ratio`` (N and D over the reference's) and
    ``saving`` (fraction of lifetime compute saved) at each.
    """

    reference_params: float
    served_tokens: float
    reference: inference.Allocation
    optimum: inference.DemandAwareOptimum
    sizes: np.ndarray
    lifetime_ratio: np.ndarray
    training_ratio: np.ndarray
    demands: np.ndarray
    size_ratio: np.ndarray
    data_ratio: np.ndarray
    saving: np.ndarray


def demand_update(reference_params: float, served_tokens: float, law=None) -> DemandView:
    """Chapter 4 widget update: the demand-aware optimum for a quality target and a lifetime demand.

    ``reference_params``: the quality target is the loss of the compute-optimal model of this many
    parameters (clamped to [10^8, 10^13]); ``served_tokens``: the lifetime demand T in tokens
    (clamped to [0, 10^18]); ``law``: the loss law (default Hoffmann's rounded constants).
    Pure numpy; one vectorised call over the demand sweep.
    """
    reference_params = clamped(reference_params, 1e8, 1e13, 30e9)
    served_tokens = clamped(served_tokens, 0.0, 1e18, 1e13)
    reference = inference.compute_optimal_for_params(reference_params, law)
    demands = np.append(DEMAND_GRID, served_tokens)
    sweep = inference.demand_aware_optimum(reference.loss, demands, law)
    optimum = inference.demand_aware_optimum(reference.loss, served_tokens, law)

    smallest = inference.min_params_for_loss(reference.loss, law)
    sizes = np.geomspace(smallest * 1.02, reference_params * 4.0, 160)
    tokens = inference.iso_loss_tokens(sizes, reference.loss, law)
    reference_life = inference.lifetime_flops(reference_params, reference.n_tokens, served_tokens)
    lifetime_ratio = inference.lifetime_flops(sizes, tokens, served_tokens) / reference_life
    training_ratio = inference.lifetime_flops(sizes, tokens, 0.0) / reference.flops
    return DemandView(
        reference_params=reference_params,
        served_tokens=served_tokens,
        reference=reference,
        optimum=optimum,
        sizes=sizes,
        lifetime_ratio=lifetime_ratio,
        training_ratio=training_ratio,
        demands=DEMAND_GRID,
        size_ratio=sweep.n_params[:-1] / reference_params,
        data_ratio=sweep.n_tokens[:-1] / reference.n_tokens,
        saving=sweep.saving[:-1],
    )


def demand_explorer(reference_params: float = 30e9, served_tokens: float = 1e13):
    """Chapter 4: sliders for the quality target and the lifetime demand, redrawing the demand-aware view."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import overtraining as figures

    reference_params = clamped(reference_params, 1e8, 1e13, 30e9)
    served_tokens = clamped(served_tokens, 0.0, 1e18, 1e13)

    def nearest(choices, value):
        return min(choices, key=lambda c: abs(np.log(c[1] / value)) if value > 0 else c[1])[1]

    quality = widgets.SelectionSlider(
        options=QUALITY_CHOICES,
        value=nearest(QUALITY_CHOICES, reference_params),
        description="quality of",
        continuous_update=False,
    )
    demand = widgets.SelectionSlider(
        options=DEMAND_CHOICES,
        value=nearest(DEMAND_CHOICES, served_tokens),
        description="demand T",
        continuous_update=False,
    )

    def draw(size, tokens):
        figures.demand_view(demand_update(size, tokens))
        plt.show()

    output = widgets.interactive_output(draw, {"size": quality, "tokens": demand})
    return widgets.VBox([widgets.HBox([quality, demand]), output])


def _bench_update():
    return lambda: demand_update(30e9, 1e13)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch4 demand-aware explorer: update", _bench_update)]
