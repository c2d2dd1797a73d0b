"""Legends off the data (issue 15): in the widget views of chapters 4 to 7, chapter 7's roofline
and chapter 2's Porian et al. figure, every legend lies outside every plotting area and clear of the tick labels, axis labels
and titles, inside the figure, and apart from the other legends. Measured on the drawn figure
with matplotlib's renderer (window extents in pixels). Their tick labels do not run into each other."""

from __future__ import annotations

import pytest
from matplotlib.transforms import Bbox

from scaling import cli, hardware, models, realdata
from scaling.compute import training_flops
from scaling.plots import capabilities as capability_plots
from scaling.plots import datawall as datawall_plots
from scaling.plots import hardware as hardware_plots
from scaling.plots import ladder as ladder_plots
from scaling.plots import overtraining as overtraining_plots
from scaling.plots import realdata as realdata_plots
from scaling.plots import testtime as testtime_plots
from scaling.widgets import capabilities as capability_widgets
from scaling.widgets import datawall, overtraining, testtime
from scaling.widgets import hardware as hardware_widgets
from scaling.widgets import ladder as ladder_widgets

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def roofline():
    """Chapter 7's serving figure, with the chapter's arguments (Llama 3 70B on 8 H100s, 8,192-token context)."""
    llama, h100 = models.get_model("Llama 3 70B"), hardware.get_accelerator("H100")
    shape = models.LLAMA3_SHAPES["Llama 3 70B"]
    per_sequence = hardware.kv_cache_bytes(shape.n_layer, shape.n_kv_heads, shape.head_dim, 8192)
    weights = hardware.weight_bytes(llama.n_params, hardware.BYTES_BF16)
    max_batch = hardware.max_batch_in_memory(8 * h100.memory_bytes, weights, per_sequence)
    return hardware_plots.serving_roofline(
        llama.n_params, weights, per_sequence, h100, cli.DEFAULT_PRICE, max_batch=max_batch
    )


def cost_view(gpu="H100"):
    """Chapter 7's calculator view, with all the catalogue's accelerators on the left panel."""
    llama = models.get_model("Llama 3 70B")
    flops = training_flops(llama.n_params, llama.n_tokens)
    return hardware_plots.cost_view(
        hardware_widgets.calculator_update(
            gpu, cli.DEFAULT_MFU, cli.DEFAULT_PRICE, hardware.LLAMA3_405B_UTILISATION[0].n_gpus, flops
        )
    )


FIGURES = {
    "chapter 4 demand view": lambda: overtraining_plots.demand_view(overtraining.demand_update(30e9, 1e13)),
    "chapter 4 demand view, no demand": lambda: overtraining_plots.demand_view(overtraining.demand_update(30e9, 0.0)),
    "chapter 5 explorer": lambda: datawall_plots.explorer(
        datawall.explorer_update(datawall.DEFAULT_UNIQUE_TOKENS, datawall.DEFAULT_EPOCHS, datawall.DEFAULT_FLOPS)
    ),
    "chapter 6 explorer": lambda: testtime_plots.explorer(
        testtime.explorer_update(testtime.DEFAULT_PARAMS, testtime.DEFAULT_SAMPLES, testtime.DEFAULT_MEAN_SUCCESS)
    ),
    "chapter 8 schedules": lambda: ladder_plots.schedule_view(ladder_widgets.schedule_update(20_000, 0.2)),
    "chapter 2 Porian et al. ladder": lambda: realdata_plots.porian_discrepancy(realdata.discrepancy_ladder()),
    "chapter 7 roofline": roofline,
    "chapter 7 cost view": cost_view,
    "chapter 7 cost view, TPU": lambda: cost_view("TPUv5p"),
    "chapter 10 ladder view": lambda: capability_plots.ladder_view(capability_widgets.ladder_update("rpj")),
    "chapter 10 ladder view, short ladder": lambda: capability_plots.ladder_view(
        capability_widgets.ladder_update("c4_original", 78914048.0, "46")
    ),
}


def legend_clashes(fig) -> list[str]:
    """What each legend of ``fig`` covers: a plotting area, an axis' ticks or label, a title,
    another legend, or the figure's edge (empty when every legend is clear)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    keep_out = []
    for i, ax in enumerate(fig.axes):
        keep_out.append((f"plotting area of axes {i}", ax.bbox))
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            box = axis.get_tightbbox(renderer)
            if box is not None and box.width > 0:
                keep_out.append((f"{name}-axis labels of axes {i}", box))
        if ax.title.get_text():
            keep_out.append((f"title of axes {i}", ax.title.get_window_extent(renderer)))
    if fig._suptitle is not None:
        keep_out.append(("figure title", fig._suptitle.get_window_extent(renderer)))
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    boxes = [legend.get_window_extent(renderer).padded(-1) for legend in legends]  # 1 px: touching is fine
    clashes = []
    for i, box in enumerate(boxes):
        clashes += [f"legend {i} covers the {name}" for name, other in keep_out if box.overlaps(other)]
        clashes += [f"legend {i} covers legend {j}" for j in range(i + 1, len(boxes)) if box.overlaps(boxes[j])]
        if (
            not Bbox.intersection(box, fig.bbox)
            or box.x0 < fig.bbox.x0
            or box.y0 < fig.bbox.y0
            or box.x1 > fig.bbox.x1
            or box.y1 > fig.bbox.y1
        ):
            clashes.append(f"legend {i} runs off the figure")
    return clashes


@pytest.mark.parametrize("name", FIGURES)
def test_legends_are_off_the_data(name):
    fig = FIGURES[name]()
    assert fig.axes and any(ax.get_legend() for ax in fig.axes) or fig.legends, f"{name} has no legend"
    assert not legend_clashes(fig), f"{name}: {legend_clashes(fig)}"


def tick_label_clashes(fig) -> list[str]:
    """Pairs of neighbouring tick labels of one axis whose boxes overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    clashes = []
    for i, ax in enumerate(fig.axes):
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
            boxes = [t.get_window_extent(renderer).padded(-1) for t in labels]
            clashes += [
                f"axes {i}: {name} tick labels {labels[j].get_text()!r} and {labels[j + 1].get_text()!r} overlap"
                for j in range(len(boxes) - 1)
                if boxes[j].overlaps(boxes[j + 1])
            ]
    return clashes


@pytest.mark.parametrize("name", FIGURES)
def test_tick_labels_do_not_overlap(name):
    fig = FIGURES[name]()
    assert not tick_label_clashes(fig), f"{name}: {tick_label_clashes(fig)}"


def test_the_check_sees_overlapping_tick_labels():
    fig = FIGURES["chapter 2 Porian et al. ladder"]()
    ax = fig.axes[1]
    ax.set_xticks(ax.get_xticks(), [f"+ a long step name {i}" for i in range(len(ax.get_xticks()))])
    assert tick_label_clashes(fig)


def test_the_check_sees_a_legend_on_the_data():
    """A legend put back inside the axes (as these figures had it) is reported."""
    fig = FIGURES["chapter 6 explorer"]()
    fig.axes[1].legend(loc="upper right")
    assert any("plotting area of axes 1" in clash for clash in legend_clashes(fig))
    fig.axes[1].legend(loc="upper left", bbox_to_anchor=(0.5, -0.02))  # just under the axes: on the tick labels
    assert any("x-axis labels of axes 1" in clash for clash in legend_clashes(fig))
