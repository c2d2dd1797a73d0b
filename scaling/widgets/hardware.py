"""Widgets of chapter 7, hardware and cost: the training-cost calculator."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import hardware, models
from .._validate import clamped

#: Cluster sizes the left-hand panel sweeps: 64 to 65,536 GPUs.
CLUSTER_GRID = 2.0 ** np.arange(6, 17)
#: Compute budgets the right-hand panel sweeps: 10^21 to 10^26 FLOPs.
BUDGET_GRID = np.logspace(21, 26, 11)
#: Published runs placed on the cost line (their 6ND compute, active parameters for a mixture of experts).
LANDMARKS = ("GPT-3", "Chinchilla", "Llama 3 70B", "DeepSeek-V3", "Llama 3 405B")
#: Slider bounds, also enforced by the update.
MFU_RANGE = (0.05, 0.8)
PRICE_RANGE = (0.25, 20.0)
GPUS_RANGE = (1, 2**17)
FLOPS_RANGE = (1e20, 1e27)


@dataclass(frozen=True)
class CostView:
    """Everything the chapter-7 calculator draws for one choice of accelerator, MFU, price, cluster, budget.

    ``run`` is the ``RunEstimate`` of the chosen budget; ``days`` maps each accelerator name to the
    wall-clock days on ``clusters`` GPUs; ``budgets`` and ``dollars`` trace cost against compute on
    the chosen accelerator; ``landmarks`` are (name, FLOPs, dollars) of published runs at these settings.
    """

    gpu: hardware.Accelerator
    mfu: float
    price: float
    n_gpus: int
    run: hardware.RunEstimate
    clusters: np.ndarray
    days: dict
    budgets: np.ndarray
    dollars: np.ndarray
    landmarks: tuple


def calculator_update(gpu, mfu: float, price: float, n_gpus: float, flops: float) -> CostView:
    """Chapter 7 widget update: GPU-hours, days, dollars and MWh of a run, and the curves around it.

    ``gpu`` an accelerator name or ``Accelerator``; ``mfu`` (clamped to [0.05, 0.8]); ``price`` in
    $/GPU-hour (clamped to [0.25, 20]); ``n_gpus`` (rounded, clamped to [1, 131,072]); ``flops`` the
    training budget in FLOPs (clamped to [1e20, 1e27]). Pure numpy.
    """
    acc = hardware.get_accelerator(gpu)
    mfu = clamped(mfu, *MFU_RANGE, 0.4)
    price = clamped(price, *PRICE_RANGE, 2.5)
    n_gpus = int(round(clamped(n_gpus, *GPUS_RANGE, 8192)))
    flops = clamped(flops, *FLOPS_RANGE, 6.3e24)
    run = hardware.estimate_run(flops, acc, mfu, n_gpus, price)
    days = {
        key: hardware.days_on_cluster(hardware.gpu_hours(flops, other.peak_flops, mfu), CLUSTER_GRID)
        for key, other in hardware.ACCELERATORS.items()
    }
    dollars = hardware.training_cost(hardware.gpu_hours(BUDGET_GRID, acc.peak_flops, mfu), price)
    landmarks = []
    for name in LANDMARKS:
        c = models.get_model(name).flops_6nd
        landmarks.append((name, c, float(hardware.training_cost(hardware.gpu_hours(c, acc.peak_flops, mfu), price))))
    return CostView(
        gpu=acc,
        mfu=mfu,
        price=price,
        n_gpus=n_gpus,
        run=run,
        clusters=CLUSTER_GRID,
        days=days,
        budgets=BUDGET_GRID,
        dollars=dollars,
        landmarks=tuple(landmarks),
    )


def cost_calculator(gpu: str = "H100", mfu: float = 0.4, price: float = 2.5, n_gpus: int = 8192, flops: float = 6.3e24):
    """Chapter 7: sliders for accelerator, MFU, price, cluster size and budget, redrawing the cost view."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import hardware as figures

    style = {"description_width": "initial"}
    chosen = hardware.get_accelerator(gpu)
    key = next(k for k, acc in hardware.ACCELERATORS.items() if acc == chosen)
    accelerator = widgets.Dropdown(options=list(hardware.ACCELERATORS), value=key, description="GPU")
    utilisation = widgets.FloatSlider(
        value=mfu, min=0.1, max=0.7, step=0.01, readout_format=".0%", description="MFU", continuous_update=False
    )
    rent = widgets.FloatSlider(
        value=price,
        min=0.5,
        max=10.0,
        step=0.25,
        readout_format="$.2f",
        description="$/GPU-hour",
        style=style,
        continuous_update=False,
    )
    cluster = widgets.SelectionSlider(
        options=[(f"{int(g):,}", int(g)) for g in CLUSTER_GRID],
        value=int(2 ** round(np.log2(np.clip(n_gpus, 64, 65536)))),
        description="GPUs",
        continuous_update=False,
    )
    budget = widgets.FloatLogSlider(
        value=flops,
        base=10,
        min=21,
        max=26,
        step=0.05,
        readout_format=".2e",
        description="FLOPs",
        continuous_update=False,
    )

    def draw(gpu_key, mfu_value, price_value, gpus_value, flops_value):
        figures.cost_view(calculator_update(gpu_key, mfu_value, price_value, gpus_value, flops_value))
        plt.show()

    output = widgets.interactive_output(
        draw,
        {
            "gpu_key": accelerator,
            "mfu_value": utilisation,
            "price_value": rent,
            "gpus_value": cluster,
            "flops_value": budget,
        },
    )
    controls = widgets.VBox([widgets.HBox([accelerator, utilisation, rent]), widgets.HBox([cluster, budget])])
    return widgets.VBox([controls, output])


def _bench_update():
    return lambda: calculator_update("H100", 0.4, 2.5, 8192, 6.3e24)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch7 cost calculator: update", _bench_update)]
