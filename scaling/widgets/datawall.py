"""Widgets of chapter 5, the data wall: repeat a fixed stock of unique tokens at a given budget."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import data
from .._validate import clamped
from ..chinchilla import compute_optimal
from ..compute import TRAINING_FLOPS_PER_PARAM_TOKEN

#: The loss law of the widget: Muennighoff et al.'s own fit, with which their decay constants
#: R*_D and R*_N were fitted (losses in nats per token on C4 with the GPT-2 tokenizer).
LAW = data.MUENNIGHOFF_FIT

#: Slider bounds (the update clamps to them anyway): unique tokens, epochs, budget in FLOPs.
UNIQUE_TOKENS_RANGE = (1e9, 1e15)
EPOCHS_RANGE = (0.1, 1000.0)
FLOPS_RANGE = (1e18, 1e32)

#: The static figure of the chapter: the unique tokens the ≈300T-token *effective* stock stands for if it
#: allows 4 epochs (≈80T; the effective stock itself must not be repeated again), a 1e30-FLOP budget, 4 epochs.
DEFAULT_UNIQUE_TOKENS = float(data.unique_tokens_for_effective(data.PUBLIC_TEXT_STOCK_TOKENS, 4.0))
DEFAULT_EPOCHS = 4.0
DEFAULT_FLOPS = 1e30


@dataclass(frozen=True)
class DataWallView:
    """Everything the chapter 5 explorer draws, for one choice of U, epochs and budget C.

    The reader's run: ``n_params`` = C/(6·D), ``n_tokens`` D = epochs·U, ``effective_tokens`` D′,
    ``loss``. The same budget's profile over ``epoch_grid``: ``loss_repeated`` (U unique tokens
    repeated) and ``loss_fresh`` (the same N and D, all tokens fresh). The best run for this C and
    U is ``best`` (a ``data.DataConstrainedAllocation``). Over ``budgets`` (FLOPs):
    ``best_loss`` with U unique tokens and ``unlimited_loss`` with unlimited fresh data; ``floor``
    is the lowest loss U allows at any budget; ``one_epoch_flops`` the budget whose
    compute-optimal run reads U exactly once. Losses in nats per token under ``LAW``; ``E`` its floor.
    """

    unique_tokens: float
    epochs: float
    flops: float
    n_params: float
    n_tokens: float
    effective_tokens: float
    loss: float
    epoch_grid: np.ndarray
    loss_repeated: np.ndarray
    loss_fresh: np.ndarray
    best: data.DataConstrainedAllocation
    budgets: np.ndarray
    best_loss: np.ndarray
    unlimited_loss: np.ndarray
    floor: float
    one_epoch_flops: float
    E: float


def _clamp_log(value, bounds, default):
    return clamped(value, *bounds, default)


def explorer_update(unique_tokens: float, epochs: float, flops: float) -> DataWallView:
    """Chapter 5 widget update: clamp U, epochs and C, then the run, its budget's profile and the frontier.

    ``unique_tokens`` in tokens (clamped to 1e9–1e15), ``epochs`` passes over them (0.1–1000),
    ``flops`` the training budget (1e18–1e32 FLOPs). Law: ``LAW`` with Muennighoff et al.'s
    decay constants.
    """
    U = _clamp_log(unique_tokens, UNIQUE_TOKENS_RANGE, DEFAULT_UNIQUE_TOKENS)
    e = _clamp_log(epochs, EPOCHS_RANGE, DEFAULT_EPOCHS)
    C = _clamp_log(flops, FLOPS_RANGE, DEFAULT_FLOPS)
    D = e * U
    N = C / (TRAINING_FLOPS_PER_PARAM_TOKEN * D)
    loss = float(data.data_constrained_loss(N, D, U, LAW))

    grid = np.geomspace(EPOCHS_RANGE[0], EPOCHS_RANGE[1], 161)
    grid_params = C / (TRAINING_FLOPS_PER_PARAM_TOKEN * grid * U)
    loss_repeated = data.data_constrained_loss(grid_params, grid * U, U, LAW)
    loss_fresh = LAW.loss(grid_params, grid * U)

    one_epoch = float(data.stock_exhaustion_flops_chinchilla(U, LAW))
    low = min(one_epoch / 1e4, C / 3)
    high = max(one_epoch * 1e6, C * 3)
    budgets = np.geomspace(low, high, 41)
    return DataWallView(
        unique_tokens=U,
        epochs=e,
        flops=C,
        n_params=N,
        n_tokens=D,
        effective_tokens=float(data.effective_data(U, e)),
        loss=loss,
        epoch_grid=grid,
        loss_repeated=np.asarray(loss_repeated),
        loss_fresh=np.asarray(loss_fresh),
        best=data.data_constrained_allocation(C, U, LAW),
        budgets=budgets,
        best_loss=np.asarray(data.best_data_constrained_loss(budgets, U, LAW)),
        unlimited_loss=np.asarray(compute_optimal(budgets, LAW).loss),
        floor=float(data.data_constrained_loss_floor(U, LAW)),
        one_epoch_flops=one_epoch,
        E=LAW.E,
    )


def data_wall_explorer(
    unique_tokens: float = DEFAULT_UNIQUE_TOKENS, epochs: float = DEFAULT_EPOCHS, flops: float = DEFAULT_FLOPS
):
    """Chapter 5: sliders for the unique tokens U, the epochs over them and the budget C."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import datawall as figures

    def log_slider(value, bounds, description, step=0.05):
        return widgets.FloatLogSlider(
            value=value,
            base=10,
            min=np.log10(bounds[0]),
            max=np.log10(bounds[1]),
            step=step,
            description=description,
            readout_format=".3g",
            continuous_update=False,
            style={"description_width": "initial"},
        )

    unique = log_slider(unique_tokens, UNIQUE_TOKENS_RANGE, "unique tokens U", step=0.1)
    passes = log_slider(epochs, EPOCHS_RANGE, "epochs")
    budget = log_slider(flops, FLOPS_RANGE, "budget C (FLOPs)", step=0.1)

    def draw(unique_value, epochs_value, flops_value):
        figures.explorer(explorer_update(unique_value, epochs_value, flops_value))
        plt.show()

    output = widgets.interactive_output(draw, {"unique_value": unique, "epochs_value": passes, "flops_value": budget})
    return widgets.VBox([widgets.HBox([unique, passes, budget]), output])


def _bench_update():
    return lambda: explorer_update(1e12, 4.0, 1e25)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch5 data-wall explorer: update", _bench_update)]
