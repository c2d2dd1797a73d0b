"""scaling.ownership: cost of an owned GPU-hour. Expected values worked by hand."""

import math

import pytest

from scaling import ownership as own


def test_cluster_dollars_per_gpu_by_hand():
    # $30,000 × 1.64 / (1 − 0.19) = 49,200 / 0.81 = $60,740.74
    assert own.cluster_dollars_per_gpu(30_000) == pytest.approx(60_740.74, rel=1e-6)
    assert own.cluster_dollars_per_gpu(10.0, 1.0, 0.0) == pytest.approx(10.0)


def test_straight_line_ownership_cost_by_hand():
    # hardware: 60,740.74 / (5 × 8,766 h) = $1.3858/h; energy: 0.7 kW × 1.1 × $0.0806 = $0.06206/h
    cost = own.ownership_cost_per_gpu_hour(60_740.74, 700)
    assert cost.hardware == pytest.approx(60_740.74 / (5 * 8766), rel=1e-9)
    assert cost.energy == pytest.approx(0.7 * 1.1 * 0.0806)
    assert cost.total == pytest.approx(1.4479, abs=1e-4)


def test_depreciation_rate_method_by_hand():
    # 0.14 OOM a year = 0.14 · ln 10 = 0.32236 a year: 60,740.74 × 0.32236 / 8,766 = $2.2337/h
    cost = own.ownership_cost_per_gpu_hour(60_740.74, 700, depreciation_ooms_per_year=0.14)
    assert cost.hardware == pytest.approx(60_740.74 * 0.14 * math.log(10) / 8766, rel=1e-9)
    assert cost.hardware == pytest.approx(2.2337, abs=1e-4)


def test_idle_hours_are_paid_for():
    busy = own.ownership_cost_per_gpu_hour(60_000, 700, utilisation=1.0).total
    half = own.ownership_cost_per_gpu_hour(60_000, 700, utilisation=0.5).total
    assert half == pytest.approx(2 * busy)


def test_purchase_charged_to_one_run_by_hand():
    # 60,740.74 $/GPU × 16,384 GPUs / 6.4e6 GPU-hours = $155.50 per GPU-hour
    assert own.purchase_per_run_gpu_hour(60_740.74, 6.4e6, 16_384) == pytest.approx(155.496, rel=1e-4)


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: own.cluster_dollars_per_gpu(-1), "GPU price"),
        (lambda: own.cluster_dollars_per_gpu(30_000, 0.5), "server cost overhead"),
        (lambda: own.cluster_dollars_per_gpu(30_000, 1.6, 1.0), "interconnect share"),
        (lambda: own.ownership_cost_per_gpu_hour(60_000, 700, utilisation=0.0), "utilisation"),
        (lambda: own.ownership_cost_per_gpu_hour(60_000, 700, pue=0.9), "PUE"),
        (lambda: own.ownership_cost_per_gpu_hour(60_000, 700, lifetime_years=0), "lifetime"),
        (lambda: own.purchase_per_run_gpu_hour(60_000, 0, 100), "GPU-hours"),
    ],
)
def test_bad_input_names_the_quantity(call, words):
    with pytest.raises(ValueError, match=words):
        call()
