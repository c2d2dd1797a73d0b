"""Chapter 9 figures and widget: they draw the computed numbers, and sliders cannot reach an error."""

import numpy as np
import pytest

from scaling import models, precision
from scaling.plots import sparse as figures
from scaling.widgets import sparse as sliders

pytestmark = pytest.mark.usefixtures("close_figures")  # tests/conftest.py


def test_precision_update_by_hand():
    # γ = 2.5: kept at 16 bits = (1 − e^(−6.4))^3 = (1 − 0.0016616)^3 = 0.995024;
    # kept at 4 bits = (1 − e^(−1.6))^3 = (1 − 0.201897)^3 = 0.508367;
    # per FLOP against BF16: 0.508367 / 4 / (0.995024 / 16) = 2.04365.
    view = sliders.precision_update(2.5, 4.0)
    assert view.chosen_kept == pytest.approx(0.508367, rel=1e-5)
    assert view.chosen_per_compute == pytest.approx(2.04365, rel=1e-5)
    # P* = 1.90381 × 2.5 = 4.7595 bits, and the curve peaks there.
    assert view.optimum_bits == pytest.approx(4.7595, rel=1e-4)
    assert view.bits[np.argmax(view.per_compute)] == pytest.approx(view.optimum_bits, abs=0.1)
    assert view.per_compute[np.argmin(np.abs(view.bits - 16))] == pytest.approx(1.0)


@pytest.mark.parametrize("args", [(0.0, 0.0), (1e9, -5.0), (float("nan"), float("inf")), ("x", None)])
def test_precision_update_clamps_any_slider_value(args):
    view = sliders.precision_update(*args)
    assert sliders.GAMMA_RANGE[0] <= view.gamma <= sliders.GAMMA_RANGE[1]
    assert sliders.BITS_RANGE[0] <= view.chosen_bits <= sliders.BITS_RANGE[1]
    assert np.all(np.isfinite(view.per_compute))
    figures.precision_view(view)


def test_moe_map_places_every_model():
    fig = figures.moe_map(models.all_models())
    points = np.vstack([c.get_offsets() for c in fig.axes[0].collections])
    assert len(points) == len(models.all_models())
    labels = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "DeepSeek-V3 / DeepSeek-R1" in labels and "Kimi K2" in labels


def test_decode_reads_run_from_active_to_total():
    fig = figures.decode_reads(671e9, 37e9, 256, 8, 1.0, "DeepSeek-V3")
    reads = fig.axes[0].get_lines()[0].get_ydata()
    assert reads[0] == pytest.approx(37.0)  # GB at batch 1: the active weights in FP8
    assert reads[-1] == pytest.approx(671.0, rel=1e-6)


def test_precision_constants():
    assert (precision.BITS_FP4, precision.BITS_FP8, precision.BITS_BF16) == (4.0, 8.0, 16.0)
