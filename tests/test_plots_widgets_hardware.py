"""Chapter 7 figures and widget: they draw the computed numbers, and sliders cannot reach an error."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling import hardware
from scaling.plots import hardware as figures
from scaling.widgets import hardware as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_calculator_update_llama3_70b_by_hand():
    # 6.3e24 FLOPs on H100 at 40%: 6.3e24 / (989.4e12 × 0.4 × 3600) = 4.4219e6 GPU-hours;
    # / 8,192 GPUs / 24 = 22.49 days; × $2.50 = $11.05M.
    view = sliders.calculator_update("H100", 0.4, 2.5, 8192, 6.3e24)
    assert view.run.gpu_hours == pytest.approx(4.4219e6, rel=1e-4)
    assert view.run.days == pytest.approx(22.49, rel=1e-3)
    assert view.run.dollars == pytest.approx(11.055e6, rel=1e-3)
    # Days halve when the cluster doubles (perfect scaling), and the A100 takes 989.4/312 = 3.17× longer.
    np.testing.assert_allclose(view.days["H100"][1:] / view.days["H100"][:-1], 0.5)
    assert view.days["A100"][0] / view.days["H100"][0] == pytest.approx(989.4 / 312)
    # Cost is proportional to compute: GPT-3's 3.15e23 FLOPs cost 3.15e23 / 6.3e24 of Llama 3 70B's.
    costs = {name: dollars for name, _, dollars in view.landmarks}
    assert costs["GPT-3"] / costs["Llama 3 70B"] == pytest.approx(3.15e23 / 6.3e24)


@pytest.mark.parametrize(
    "args",
    [
        ("H100", 0.0, 0.0, 0, 0.0),
        ("MI300X", 5.0, 1e6, 1e9, 1e40),
        ("GB200", -1, -1, -1, -1),
        ("A100", 0.4, 2.5, 1000.4, 1e24),
    ],
)
def test_calculator_update_clamps_any_slider_value(args):
    view = sliders.calculator_update(*args)
    assert 0.05 <= view.mfu <= 0.8 and 0.25 <= view.price <= 20 and view.n_gpus >= 1
    assert isinstance(view.n_gpus, int)
    assert np.isfinite(view.run.dollars) and view.run.days > 0
    figures.cost_view(view)


def test_cost_view_marks_the_chosen_run():
    view = sliders.calculator_update("B200", 0.5, 3.0, 4096, 1e25)
    fig = figures.cost_view(view)
    star = [line for line in fig.axes[1].get_lines() if line.get_marker() == "*"][0]
    assert star.get_ydata()[0] == pytest.approx(view.run.dollars)
    assert f"{view.n_gpus:,} GPUs" in fig.texts[0].get_text()


def test_serving_roofline_is_the_lower_of_bandwidth_and_compute():
    kv = hardware.kv_cache_bytes(80, 8, 128, 8192)
    fig = figures.serving_roofline(70e9, 140e9, kv, "H100", 2.5, max_batch=186, batches=[1, 64, 1024])
    achievable = fig.axes[0].get_lines()[0].get_ydata()
    # Batch 1: 3.35e12 / (140e9 + 2.684e9) = 23.48 tokens/s per GPU.
    assert achievable[0] == pytest.approx(3.35e12 / (140e9 + kv), rel=1e-6)
    cost = fig.axes[1].get_lines()[0].get_ydata()
    assert cost[0] == pytest.approx(2.5 / (achievable[0] * 3600) * 1e6)


def test_widget_controls_reach_their_ends_without_error():
    box = sliders.cost_calculator()
    (gpu, mfu, price), (cluster, budget) = (row.children for row in box.children[0].children)
    for key in hardware.ACCELERATORS:
        gpu.value = key
        plt.close("all")  # each redraw opens a figure that only a notebook's inline backend closes
    for slider in (mfu, price, budget):
        slider.value = slider.min
        slider.value = slider.max
    cluster.value = cluster.options[-1][1]


def test_benchmarks_are_listed():
    label, set_up = sliders.BENCHMARKS[0]
    assert "ch7" in label and callable(set_up())
