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


# --- Published laws: the papers' own derived tables, reproduced from their fitted constants ------------

# Krajewski et al. 2024, Table 2: compute-optimal MoE configurations "E × N_act" with E = 64,
# (N_act, D, G, printed loss). Their total non-embedding N is N_act · (8 · 64 + 4) / 12 (§6.1).
KRAJEWSKI_TABLE_2 = [
    (100e6, 4.37e9, 8, 3.133),
    (1e9, 28.94e9, 16, 2.491),
    (3e9, 72.90e9, 16, 2.245),
    (7e9, 137.60e9, 32, 2.076),
    (70e9, 941.07e9, 32, 1.694),
    (300e9, 2.96e12, 64, 1.503),
    (1e12, 7.94e12, 64, 1.367),
]


@pytest.mark.parametrize(("active", "tokens", "granularity", "printed"), KRAJEWSKI_TABLE_2)
def test_krajewski_table_2_losses_from_table_1_constants(active, tokens, granularity, printed):
    # Every row comes out 0.7-0.9 % below the printed loss (a uniform offset we could not trace);
    # a constant off by a digit would move them by far more.
    total = moe.krajewski_total_params(active, 64)
    assert moe.granularity_loss(total, tokens, granularity) == pytest.approx(printed, rel=0.01)


def test_krajewski_granularity_helps_and_dense_has_none():
    # At N = 1e9, D = 1e11: G = 8 gives (2.1 / 8^0.58 + 18.1) = 18.729 against 20.2 at G = 1.
    n, d = 1e9, 1e11
    assert moe.granularity_loss(n, d, 8) < moe.granularity_loss(n, d, 1)
    assert moe.granularity_loss(n, d, 8, moe.KRAJEWSKI_DENSE) == moe.granularity_loss(n, d, 1, moe.KRAJEWSKI_DENSE)
    # By hand, dense: 0.47 + 16.3 / 1e9^0.126 + 26.7 / 1e11^0.127 = 0.47 + 16.3 / 13.62 + 26.7 / 24.95
    # = 0.47 + 1.197 + 1.070 = 2.737.
    assert moe.granularity_loss(n, d, law=moe.KRAJEWSKI_DENSE) == pytest.approx(2.737, rel=1e-3)


# Ludziejewski et al. 2025, Table 4: the joint law reduced to m N^μ + n D^ν + c for fixed E.
LUDZIEJEWSKI_TABLE_4 = [
    (1, 30.3640, -0.1817, 53.9838, -0.1965),
    (2, 27.7982, -0.1780, 66.8401, -0.2065),
    (4, 24.8462, -0.1731, 87.7022, -0.2192),
    (8, 21.8330, -0.1676, 119.9126, -0.2338),
    (16, 19.0159, -0.1617, 167.5073, -0.2494),
    (32, 16.5424, -0.1557, 234.6726, -0.2652),
]


@pytest.mark.parametrize(("experts", "m", "mu", "n", "nu"), LUDZIEJEWSKI_TABLE_4)
def test_ludziejewski_table_4_from_table_3(experts, m, mu, n, nu):
    got = moe._chinchilla_terms(experts, moe.LUDZIEJEWSKI_2025)
    np.testing.assert_allclose(got, (m, mu, n, nu), rtol=5e-3)


# Ludziejewski et al. 2025, Table 1: compute-optimal (N_act, D) for budgets and numbers of experts.
LUDZIEJEWSKI_TABLE_1 = [
    (1e20, 1, 1.7e9, 9.7e9),
    (1e20, 32, 669e6, 24.9e9),
    (1e21, 1, 5.7e9, 29.3e9),
    (1e21, 8, 3.8e9, 44.3e9),
    (1e22, 1, 18.8e9, 88.6e9),
    (1e22, 16, 13.2e9, 126.5e9),
    (1e22, 32, 12.2e9, 136.9e9),
]


@pytest.mark.parametrize(("flops", "experts", "active", "tokens"), LUDZIEJEWSKI_TABLE_1)
def test_ludziejewski_table_1_compute_optimal(flops, experts, active, tokens):
    best = moe.joint_moe_compute_optimal(flops, experts)
    assert best.active_params == pytest.approx(active, rel=0.02)
    assert best.n_tokens == pytest.approx(tokens, rel=0.02)
    # And it is a minimum of the law on the budget: 10 % either way is worse.
    for factor in (0.9, 1.1):
        n = best.active_params * factor
        assert moe.joint_moe_loss(n, flops / 6 / n, experts) > moe.joint_moe_loss(
            best.active_params, best.n_tokens, experts
        )


def test_effective_experts_limits():
    law = moe.LUDZIEJEWSKI_2025
    assert moe.effective_experts(1) == pytest.approx(law.e_start)
    assert moe.effective_experts(1e9) == pytest.approx(law.e_max, rel=1e-6)


LAW_BAD_CALLS = [
    (moe.granularity_loss, (1e9, 1e11, 0.5), "granularity"),
    (moe.krajewski_total_params, (1e8, 0.5), "expansion rate"),
    (moe.effective_experts, (0,), "number of experts"),
    (moe.joint_moe_loss, (-1, 1e10, 8), "active parameters"),
    (moe.joint_moe_compute_optimal, (0, 8), "training compute"),
]


@pytest.mark.parametrize(("function", "args", "message"), LAW_BAD_CALLS)
def test_law_bad_input_is_refused(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)
