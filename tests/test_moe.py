"""Mixture-of-experts arithmetic (scaling.moe). Expected values worked out by hand."""

import numpy as np
import pytest

from scaling import hardware as hw
from scaling import moe


def test_moe_compute_from_active_memory_from_total():
    # DeepSeek-V3: 671B total, 37B active, 14.8T tokens.
    # Compute: 6 × 37e9 × 14.8e12 = 3.2856e24 FLOPs (a dense 671B would be 5.96e25).
    # FP8 weights: 671e9 × 1 B = 671 GB → 671 / 80 = 8.39 → 9 H100s just to hold them.
    m = moe.moe_footprint(671e9, 37e9, 14.8e12, bytes_per_param=hw.BYTES_FP8)
    assert m.training_flops == pytest.approx(3.2856e24)
    assert m.flops_per_token == pytest.approx(74e9)
    assert m.weight_bytes == pytest.approx(671e9)
    assert m.training_memory_bytes == pytest.approx(671e9 * 16)
    assert hw.min_gpus(m.weight_bytes, hw.ACCELERATORS["H100"].memory_bytes) == 9


def test_sparsity_and_ratio():
    # 671 / 37 = 18.135...; 1 − 37/671 = 0.94486...
    assert moe.total_per_active(671e9, 37e9) == pytest.approx(18.135, rel=1e-4)
    assert moe.sparsity(671e9, 37e9) == pytest.approx(0.94486, rel=1e-4)
    assert moe.sparsity(70e9, 70e9) == 0.0


def test_routed_params_recovers_the_split():
    # A made-up model: 10B shared, 64 experts of 1B each, 4 per token:
    # total = 10 + 64 = 74B; active = 10 + 4 = 14B. R = (74 − 14) / (1 − 4/64) = 60 / 0.9375 = 64B.
    assert moe.routed_params(74e9, 14e9, 64, 4) == pytest.approx(64e9)


def test_expert_fraction_touched():
    # One token: k/E. Two tokens, k=1, E=2: 1 − (1/2)^2 = 0.75.
    assert moe.expert_fraction_touched(1, 256, 8) == pytest.approx(8 / 256)
    assert moe.expert_fraction_touched(2, 2, 1) == pytest.approx(0.75)
    # Large batch touches nearly everything: 1 − (31/32)^512 = 1 − 8.9e-8.
    assert moe.expert_fraction_touched(512, 256, 8) == pytest.approx(1.0, abs=1e-6)


def test_decode_bytes_between_active_and_total():
    # Batch 1 reads the active weights exactly; a huge batch nearly all of them.
    one = moe.decode_weight_bytes_read(74e9, 14e9, 64, 4, 1, bytes_per_param=1.0)
    many = moe.decode_weight_bytes_read(74e9, 14e9, 64, 4, 10_000, bytes_per_param=1.0)
    assert one == pytest.approx(14e9)
    assert many == pytest.approx(74e9, rel=1e-9)
    batches = np.array([1, 4, 16, 64, 256])
    reads = moe.decode_weight_bytes_read(74e9, 14e9, 64, 4, batches, bytes_per_param=1.0)
    assert np.all(np.diff(reads) > 0)


BAD_CALLS = [
    (moe.moe_footprint, (10e9, 20e9, 1e12), "active parameters must not exceed"),
    (moe.moe_footprint, (671e9, -37e9, 1e12), "active parameters"),
    (moe.sparsity, (0, 1e9), "total number of parameters"),
    (moe.total_per_active, (1e9, 2e9), "must not exceed"),
    (moe.routed_params, (74e9, 14e9, 64, 64), "dense"),
    (moe.routed_params, (74e9, 14e9, 4, 8), "at most E"),
    (moe.expert_fraction_touched, (0, 64, 4), "batch size"),
    (moe.decode_weight_bytes_read, (74e9, 14e9, 64, 4, 1, 0), "bytes per parameter"),
]


@pytest.mark.parametrize(("function", "args", "message"), BAD_CALLS)
def test_bad_input_is_refused_with_a_sentence(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)
