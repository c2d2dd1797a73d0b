"""Tests for scaling.hardware: catalogue values against their sources, and arithmetic worked by hand."""

import dataclasses
import re

import numpy as np
import pytest

from scaling import hardware as hw
from scaling.models import get_model

# --- Catalogue: every value against the vendor datasheet (as reproduced; see each ``source``) ----------

# key, dense BF16, sparse BF16 headline (None: the vendor prints none), dense FP8, dense FP4 (TFLOPS; None: none
# in the catalogue), memory GB, bandwidth TB/s, power W (None: not published), how it was checked
DATASHEET = [
    # A100 datasheet: BF16 312 | 624*, 80GB HBM2e, 2,039 GB/s, 400 W; no FP8
    ("A100", 312, 624, None, None, 80, 2.039, 400, "secondary"),
    # H100 datasheet: BF16 1,979* and FP8 3,958* (*sparsity; 1/2 without), 3.35 TB/s, 700 W
    ("H100", 989.4, 1978.9, 1978.9, None, 80, 3.35, 700, "secondary"),
    ("H200", 989.4, 1978.9, 1978.9, None, 141, 4.8, 700, "secondary"),  # same compute as H100, 141 GB, 4.8 TB/s
    ("B200", 2250, 4500, 4500, 9000, 180, 7.7, 1000, "secondary"),  # HGX B200: 4.5 PF sparse / 2.25 dense BF16
    ("GB200", 2500, 5000, 5000, 10000, 186, 8.0, 1200, "secondary"),  # NVL72 rack totals / 72
    ("MI300X", 1307.4, 2614.9, 2614.9, None, 192, 5.3, 750, "secondary"),  # BF16 1,307.4 dense, FP8 2,614.9 dense
    ("H800", 989.4, 1978.9, 1978.9, None, 80, 3.35, 700, "secondary"),  # the H100 die, NVLink cut to 400 GB/s
    ("B300", 2250, 4500, 4500, None, 288, 8.0, 1100, "secondary"),  # HGX B300: 36 PF sparse BF16 per 8 GPUs
    (
        "GB300",
        2500,
        5000,
        5000,
        15000,
        288,
        8.0,
        1400,
        "secondary",
    ),  # same GPU and 288 GB as B300  # NVL72: 1,080 PF dense FP4 / 72 = 15
    ("MI325X", 1307.4, 2614.9, 2614.9, None, 256, 6.0, 1000, "secondary"),  # MI300X compute, 256 GB HBM3E
    ("MI355X", 2516.6, 5033.2, 5033.2, 10066.3, 288, 8.0, 1400, "secondary"),  # 256 CUs x 8,192 x 2.4 GHz FP8
    ("TPUv4", 275, None, None, None, 32 * 2**30 / 1e9, 1.2, 192, "primary"),  # 275 TF, 32 GiB, 1200 GBps, 192 W max
    ("TPUv5p", 459, None, 459, None, 95 * 2**30 / 1e9, 2.765, None, "primary"),  # 459 BF16 = FP8, 95 GiB
    ("TPUv6e", 918, None, 918, None, 32 * 2**30 / 1e9, 1.638, None, "primary"),  # 918 BF16 = FP8, 1638 GBps
    (
        "TPU7x",
        2307,
        None,
        4614,
        None,
        192 * 2**30 / 1e9,
        7.38,
        None,
        "primary",
    ),  # docs table: 7380 GB/s  # Ironwood: 2307 BF16, 4614 FP8
    ("Trainium2", 667, 2563, 1299, None, 96 * 2**30 / 1e9, 2.9, None, "primary"),  # Neuron docs: 667 BF16, 1,299 FP8
]


@pytest.mark.parametrize("key, dense, sparse, fp8, fp4, memory_gb, bandwidth_tbs, watts, checked", DATASHEET)
def test_catalogue_matches_datasheet(key, dense, sparse, fp8, fp4, memory_gb, bandwidth_tbs, watts, checked):
    acc = hw.ACCELERATORS[key]
    assert acc.peak_flops == pytest.approx(dense * 1e12)
    for value, expected in (
        (acc.sparse_headline_flops, sparse),
        (acc.fp8_flops, fp8),
        (acc.fp4_flops, fp4),
        (acc.power_watts, watts),
    ):
        scale = 1.0 if expected is None or value is None or value < 1e6 else 1e12
        assert (value is None) == (expected is None)
        if expected is not None:
            assert value == pytest.approx(expected * scale)
    assert acc.memory_bytes == pytest.approx(memory_gb * 1e9)
    assert acc.bandwidth == pytest.approx(bandwidth_tbs * 1e12)
    assert acc.checked == checked
    assert f"checked ({checked}" in acc.source.lower()


def test_catalogue_covers_the_accelerators_of_issue_13():
    assert set(hw.ACCELERATORS) == {row[0] for row in DATASHEET}


@pytest.mark.parametrize(
    "acc", [a for a in hw.ACCELERATORS.values() if a.name.startswith(("NVIDIA", "AMD"))], ids=lambda a: a.name
)
def test_dense_peak_is_half_the_sparse_headline(acc):
    # 2:4 structured sparsity doubles the headline; the dense number is the one to plan with.
    assert acc.sparse_headline_flops == pytest.approx(2 * acc.peak_flops, rel=1e-3)


@pytest.mark.parametrize("acc", hw.ACCELERATORS.values(), ids=list(hw.ACCELERATORS))
def test_low_precision_peaks_never_fall_below_bf16(acc):
    # FP8 at least matches BF16 (TPU v5p and v6e gain nothing, the others double); FP4 at least doubles FP8.
    if acc.fp8_flops is not None:
        assert acc.peak_flops <= acc.fp8_flops <= 2.001 * acc.peak_flops
    if acc.fp4_flops is not None:
        assert acc.fp4_flops >= 1.9999 * acc.fp8_flops


def test_peak_at_each_precision():
    gb300 = hw.ACCELERATORS["GB300"]
    assert gb300.peak_at("bf16") == 2.5e15
    assert gb300.peak_at("FP8") == 5e15
    assert gb300.peak_at("fp4") == 15e15


@pytest.mark.parametrize(
    "key, precision, message",
    [
        ("A100", "fp8", "no dense FP8 peak for the NVIDIA A100 SXM 80GB; it has bf16"),
        ("H100", "fp4", "it has bf16, fp8"),
        ("H100", "int8", "must be one of bf16, fp8, fp4"),
    ],
)
def test_peak_at_refuses_what_the_catalogue_lacks(key, precision, message):
    with pytest.raises(ValueError, match=message):
        hw.ACCELERATORS[key].peak_at(precision)


@pytest.mark.parametrize(
    "name, key",
    [
        ("Trillium", "TPUv6e"),
        ("tpu v6e", "TPUv6e"),
        ("Ironwood", "TPU7x"),
        ("TPU v7", "TPU7x"),
        ("trn2", "Trainium2"),
        ("tpu-v4", "TPUv4"),
        ("AMD Instinct MI355X", "MI355X"),
    ],
)
def test_get_accelerator_knows_other_names(name, key):
    assert hw.get_accelerator(name) is hw.ACCELERATORS[key]


@pytest.mark.parametrize(
    "name, hint",
    [
        ("mi300", "Did you mean MI300X?"),
        ("A100-80GB", "Did you mean A100?"),
        ("NVIDIA H100", "Did you mean H100?"),
        ("B30", "Did you mean B300?"),
        ("TPU", "Did you mean TPUv4, TPUv5p, TPUv6e or TPU7x?"),
    ],
)
def test_near_miss_names_get_did_you_mean(name, hint):
    with pytest.raises(ValueError, match=re.escape(hint)):
        hw.get_accelerator(name)


def test_far_miss_names_get_no_guess():
    with pytest.raises(ValueError) as err:
        hw.get_accelerator("xyz")
    assert "Did you mean" not in str(err.value) and "Choose one of A100" in str(err.value)
    assert hw.suggest_accelerators(12) == []


def test_run_on_an_accelerator_without_published_power_has_no_energy():
    run = hw.estimate_run(1e24, "TPU7x", 0.4, 1024, 2.0)
    assert run.energy_mwh is None
    # 1e24 / (2307e12 × 0.4 × 3600) = 300,997 chip-hours.
    assert run.gpu_hours == pytest.approx(1e24 / (2307e12 * 0.4 * 3600))


def test_accelerator_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        hw.ACCELERATORS["H100"].peak_flops = 1.0


def test_ridge_intensity_h100():
    # 989.4e12 FLOP/s / 3.35e12 B/s = 295.3 FLOP/byte
    assert hw.ACCELERATORS["H100"].ridge_intensity == pytest.approx(295.3, rel=1e-3)


@pytest.mark.parametrize("name", ["H100", "h100", " H100 ", "NVIDIA H100 SXM 80GB", "nvidia-h100-sxm-80gb"])
def test_get_accelerator_accepts_short_and_full_names(name):
    assert hw.get_accelerator(name) is hw.ACCELERATORS["H100"]


def test_get_accelerator_passes_an_accelerator_through():
    acc = hw.ACCELERATORS["B200"]
    assert hw.get_accelerator(acc) is acc


@pytest.mark.parametrize("bad", ["TPUv9", "", 100, None])
def test_get_accelerator_unknown_lists_valid_names(bad):
    with pytest.raises(ValueError, match="H100, H200, B200, GB200, MI300X"):
        hw.get_accelerator(bad)


# --- Time, MFU, money, energy -------------------------------------------------------------------------


def test_gb200_claim_12a_gpu_hours():
    # FACTS §12(a): 6.3e24 FLOPs / 2.5e15 FLOP/s = 2.52e9 GPU-s; / 3600 = 7.0e5 GPU-hours at 100% of peak,
    # not the "2.5 million" of the circulating claim. At 40% MFU: 1.75e6.
    gb200 = hw.ACCELERATORS["GB200"]
    assert hw.gpu_hours(6.3e24, gb200.peak_flops, 1.0) == pytest.approx(7.0e5)
    assert hw.gpu_hours(6.3e24, gb200.peak_flops, 0.4) == pytest.approx(1.75e6)
    assert hw.gpu_seconds(6.3e24, gb200.peak_flops, 1.0) == pytest.approx(2.52e9)


def test_llama3_405b_implied_mfu():
    # Llama 3 405B: 3.8e25 FLOPs (paper §1) in 30.84M H100 GPU-hours (Llama 3.1 model card).
    # By hand: 3.8e25 / (30.84e6 · 3600 · 989e12) = 3.8e25 / 1.098e26 ≈ 0.35.
    # (The paper's Table 4 reports 38-43% in steady state: reported hours include restarts.)
    model = get_model("Llama 3 405B")
    mfu = hw.implied_mfu(model.reported_flops, model.gpu_hours, hw.ACCELERATORS["H100"].peak_flops)
    assert mfu == pytest.approx(0.35, abs=0.005)


def test_llama3_70b_implied_mfu_about_28_percent():
    # FACTS §12(a): 6·70e9·15e12 = 6.3e24 FLOPs in 6.4M H100 GPU-hours:
    # 6.3e24 / (6.4e6 · 3600 · 989.4e12) = 6.3e24 / 2.280e25 ≈ 0.276.
    mfu = hw.implied_mfu(6.3e24, 6.4e6, hw.ACCELERATORS["H100"].peak_flops)
    assert mfu == pytest.approx(0.276, abs=0.002)


def test_implied_mfu_above_one_is_refused():
    with pytest.raises(ValueError, match="above 100%"):
        hw.implied_mfu(1e25, 1.0, 989e12)


def test_llama_65b_days_on_2048_gpus():
    # LLaMA §2.4: 2,048 A100s, "approximately 21 days"; Table 15: 1,022,362 GPU-hours.
    # 1,022,362 / 2,048 / 24 = 20.8 days.
    assert hw.days_on_cluster(1_022_362, 2048) == pytest.approx(20.8, abs=0.01)


def test_llama_65b_energy_matches_table_15():
    # LLaMA Table 15: 1,022,362 GPU-hours × 400 W × PUE 1.1 = 449.8 MWh; the table prints 449 MWh.
    assert hw.energy_mwh(1_022_362, 400, 1.1) == pytest.approx(449, rel=0.005)
    assert hw.DEFAULT_PUE == 1.1


def test_energy_without_overhead():
    # 1,000 GPU-hours × 700 W = 700,000 Wh = 0.7 MWh at PUE 1.
    assert hw.energy_mwh(1000, 700, pue=1.0) == pytest.approx(0.7)


def test_training_cost():
    # 1e6 GPU-hours × $2/GPU-hour = $2e6
    assert hw.training_cost(1e6, 2.0) == pytest.approx(2e6)


def test_flops_for_dollars_and_back():
    # $1e6 / $2.5 = 4e5 GPU-hours = 1.44e9 GPU-seconds; × 989.4e12 × 0.4 = 5.699e23 FLOPs.
    flops = hw.flops_for_dollars(1e6, 2.5, 989.4e12, 0.4)
    assert flops == pytest.approx(5.699e23, rel=1e-3)
    assert hw.gpu_hours(flops, 989.4e12, 0.4) == pytest.approx(4e5)


def test_arrays_in_arrays_out():
    hours = hw.gpu_hours(np.array([1e23, 1e24]), 1e15, 1.0)
    # 1e23 / 1e15 / 3600 = 27,777.8 GPU-hours; ten times that for 1e24.
    np.testing.assert_allclose(hours, [27_777.78, 277_777.8], rtol=1e-5)
    assert isinstance(hw.gpu_hours(1e23, 1e15, 1.0), float)


# --- Memory ---------------------------------------------------------------------------------------------


def test_adam_bytes_per_parameter_is_16():
    # ZeRO §3.1: 2 (bf16 weights) + 2 (bf16 grads) + 4 (fp32 master) + 4 (m) + 4 (v) = 16 bytes.
    assert hw.ADAM_MIXED_PRECISION_BYTES_PER_PARAM == 16


def test_training_memory_70b():
    # 70e9 × 16 B = 1.12e12 B = 1,120 GB; / 80 GB = exactly 14 H100s (no rounding up to 15).
    assert hw.training_memory_bytes(70e9) == pytest.approx(1.12e12)
    assert hw.min_gpus_to_train(70e9, "H100") == 14


def test_training_memory_405b():
    # 405e9 × 16 B = 6.48e12 B; / 80e9 = 81 H100s; / 192e9 = 33.75 → 34 MI300X.
    assert hw.min_gpus_to_train(405e9, "H100") == 81
    assert hw.min_gpus_to_train(405e9, "MI300X") == 34


def test_kv_cache_llama2_70b():
    # Llama 2 70B config: 80 layers, 8 KV heads (GQA), head_dim 128, BF16.
    # Per token: 2 · 80 · 8 · 128 · 2 B = 327,680 B. × 4,096 tokens = 1,342,177,280 B ≈ 1.34 GB.
    assert hw.kv_cache_bytes(80, 8, 128, 4096) == pytest.approx(1_342_177_280)
    # A batch of 32 such sequences: 42,949,672,960 B ≈ 42.9 GB.
    assert hw.kv_cache_bytes(80, 8, 128, 4096, batch=32) == pytest.approx(42_949_672_960)


def test_serving_memory_70b_with_cache():
    # Weights 70e9 × 2 B = 140 GB; + 42.95 GB of cache = 182.95 GB.
    kv = hw.kv_cache_bytes(80, 8, 128, 4096, batch=32)
    total = hw.serving_memory_bytes(70e9, hw.BYTES_BF16, kv)
    assert total == pytest.approx(182.95e9, rel=1e-4)
    assert hw.min_gpus(total, 80e9) == 3  # 182.95 / 80 = 2.29 → 3 H100s
    assert hw.min_gpus_to_serve(70e9, "H200", kv_cache=kv) == 2  # 182.95 / 141 = 1.30 → 2 H200s
    assert hw.min_gpus_to_serve(70e9, "H100") == 2  # weights alone: 140 / 80 = 1.75 → 2
    assert hw.min_gpus_to_serve(70e9, "H100", bytes_per_param=hw.BYTES_INT4) == 1  # 35 GB


def test_min_gpus_with_headroom_and_arrays():
    # 140 GB on 80 GB GPUs with only 90% usable: 140 / 72 = 1.94 → 2; 150 / 72 = 2.08 → 3.
    assert list(hw.min_gpus(np.array([140e9, 150e9]), 80e9, usable_fraction=0.9)) == [2, 3]
    assert isinstance(hw.min_gpus(140e9, 80e9), int)


# --- Serving ----------------------------------------------------------------------------------------------


def test_bandwidth_bound_decoding_70b_on_h100():
    # Batch 1: each token reads 140e9 B; 3.35e12 / 140e9 = 23.93 tokens/s.
    assert hw.bandwidth_bound_tokens_per_second(140e9, 3.35e12) == pytest.approx(23.93, rel=1e-3)
    # Batch 64: one read serves 64 sequences: 64 × 23.93 = 1,531 tokens/s.
    assert hw.bandwidth_bound_tokens_per_second(140e9, 3.35e12, batch=64) == pytest.approx(1531.4, rel=1e-3)
    # With 1.34 GB of cache read per sequence and step, batch 64 reads 140 + 85.9 GB:
    # 64 × 3.35e12 / 225.9e9 = 949 tokens/s.
    rate = hw.bandwidth_bound_tokens_per_second(140e9, 3.35e12, batch=64, kv_bytes_per_sequence=1_342_177_280)
    assert rate == pytest.approx(949.1, rel=1e-3)


def test_compute_bound_70b_on_h100():
    # 989.4e12 × 0.4 / (2 × 70e9) = 2,826.9 tokens/s
    assert hw.compute_bound_tokens_per_second(70e9, 989.4e12, 0.4) == pytest.approx(2826.9, rel=1e-4)


def test_decode_roofline_switches_regime():
    # Batch 1: bandwidth-bound, 23.93 tokens/s. Batch 1,000: bandwidth would allow 23,929 tokens/s but
    # compute at full peak allows 989.4e12 / 140e9 = 7,067 tokens/s.
    args = dict(n_active_params=70e9, weight_bytes_read=140e9, peak_flops=989.4e12, bandwidth=3.35e12)
    assert hw.decode_tokens_per_second(**args, batch=1) == pytest.approx(23.93, rel=1e-3)
    assert hw.decode_tokens_per_second(**args, batch=1000) == pytest.approx(7067.1, rel=1e-3)


def test_cost_per_million_tokens():
    # 23.93 tokens/s × 3,600 = 86,143 tokens per GPU-hour; $2.5 / 86,143 × 1e6 = $29.02 per million.
    rate = hw.bandwidth_bound_tokens_per_second(140e9, 3.35e12)
    assert hw.cost_per_million_tokens(rate, 2.5) == pytest.approx(29.02, rel=1e-3)


# --- Bad inputs: every public function --------------------------------------------------------------------

BAD_CALLS = [
    (hw.gpu_seconds, (-1, 1e15, 0.5), "compute"),
    (hw.gpu_hours, (1e24, 0, 0.5), "peak throughput"),
    (hw.gpu_hours, (1e24, 1e15, 1.5), "MFU"),
    (hw.gpu_hours, (1e24, 1e15, 0.0), "MFU"),
    (hw.gpu_hours, (float("nan"), 1e15, 0.5), "finite"),
    (hw.implied_mfu, (1e24, -5, 1e15), "GPU-hours"),
    (hw.days_on_cluster, (1e6, 0), "number of GPUs"),
    (hw.training_cost, (1e6, -2), "price"),
    (hw.flops_for_dollars, (-1e6, 2.5, 1e15, 0.4), "budget"),
    (hw.energy_mwh, (1e6, 700, 0.9), "PUE"),
    (hw.energy_mwh, (1e6, -700), "power"),
    (hw.training_memory_bytes, (0,), "number of parameters"),
    (hw.weight_bytes, (70e9, 0), "bytes per parameter"),
    (hw.kv_cache_bytes, (80, 8, 128, -4096), "context length"),
    (hw.serving_memory_bytes, (70e9, 2, -1), "KV-cache"),
    (hw.min_gpus, (1e9, 80e9, 0), "usable fraction"),
    (hw.min_gpus_to_train, (70e9, "V100"), "Unknown GPU"),
    (hw.min_gpus_to_serve, (-70e9, "H100"), "number of parameters"),
    (hw.compute_bound_tokens_per_second, (70e9, 1e15, 2), "MFU"),
    (hw.bandwidth_bound_tokens_per_second, (140e9, 3e12, 0), "batch size"),
    (hw.decode_tokens_per_second, (70e9, 140e9, 1e15, -3e12), "bandwidth"),
    (hw.cost_per_million_tokens, (0, 2.5), "throughput"),
    (hw.get_accelerator, ("nope",), "Unknown GPU"),
]


@pytest.mark.parametrize("fn, args, message", BAD_CALLS, ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(BAD_CALLS)])
def test_bad_inputs_raise_clear_value_errors(fn, args, message):
    with pytest.raises(ValueError, match=message):
        fn(*args)


def test_string_input_is_refused():
    with pytest.raises(ValueError, match="must be a number"):
        hw.gpu_hours("1e24", 1e15, 0.4)


# --- Chapter 7 additions: Llama 3 Table 4, and a whole run in one call -------------------------------------


def test_llama3_table_4_mfu_matches_tflops_over_dense_peak():
    # Table 4: 430, 400, 380 TFLOP/s per GPU at 43%, 41%, 38% BF16 MFU. Against the dense H100 peak:
    # 430/989.4 = 0.435, 400/989.4 = 0.404, 380/989.4 = 0.384: within one point of the printed MFU,
    # which is what both columns' rounding allows. Against the sparse 1,979 they would be half.
    rows = hw.LLAMA3_405B_UTILISATION
    assert [(r.n_gpus, r.sequence_length, r.tflops_per_gpu, r.mfu) for r in rows] == [
        (8192, 8192, 430.0, 0.43),
        (16384, 8192, 400.0, 0.41),
        (16384, 131072, 380.0, 0.38),
    ]
    for r in rows:
        assert r.tflops_per_gpu * 1e12 / hw.ACCELERATORS["H100"].peak_flops == pytest.approx(r.mfu, abs=0.01)


def test_estimate_run_llama3_70b_by_hand():
    # 6.3e24 FLOPs on H100 at 40%: 6.3e24 / (989.4e12 × 0.4) = 1.5919e10 GPU-s = 4.4219e6 GPU-hours;
    # on 8,192 GPUs: 4.4219e6 / 8192 / 24 = 22.49 days; at $2.50: $11.05M; at 700 W, PUE 1.1: 3,404.8 MWh.
    run = hw.estimate_run(6.3e24, "H100", 0.4, 8192, 2.5)
    assert run.gpu_hours == pytest.approx(4.4219e6, rel=1e-4)
    assert run.days == pytest.approx(22.49, rel=1e-3)
    assert run.dollars == pytest.approx(11.055e6, rel=1e-3)
    assert run.energy_mwh == pytest.approx(3404.8, rel=1e-4)


def test_estimate_run_broadcasts():
    run = hw.estimate_run(np.array([1e24, 2e24]), hw.ACCELERATORS["A100"], 0.5, np.array([1024, 2048]), 2.0)
    assert run.gpu_hours[1] == pytest.approx(2 * run.gpu_hours[0])
    assert run.days[1] == pytest.approx(run.days[0])


def test_estimate_run_bad_input():
    with pytest.raises(ValueError, match="number of GPUs"):
        hw.estimate_run(1e24, "H100", 0.4, 0, 2.5)
    with pytest.raises(ValueError, match="Unknown GPU"):
        hw.estimate_run(1e24, "V100", 0.4, 8, 2.5)


def test_max_batch_in_memory_llama3_70b_on_8_h100():
    # Llama 3 70B (Table 3: 80 layers, 8 KV heads, head dim 128), 8,192-token context in BF16:
    # 2 · 80 · 8 · 128 · 2 B · 8192 = 2,684,354,560 B per sequence. 8 × 80 GB − 140 GB = 500 GB of room:
    # 500e9 / 2.684e9 = 186.3 → 186 sequences.
    kv = hw.kv_cache_bytes(80, 8, 128, 8192)
    assert kv == 2_684_354_560
    assert hw.max_batch_in_memory(8 * 80e9, 140e9, kv) == 186
    assert hw.max_batch_in_memory(140e9, 140e9, kv) == 0
    assert list(hw.max_batch_in_memory(np.array([160e9, 640e9]), 140e9, kv)) == [7, 186]
    with pytest.raises(ValueError, match="do not fit"):
        hw.max_batch_in_memory(80e9, 140e9, kv)
    with pytest.raises(ValueError, match="KV-cache bytes"):
        hw.max_batch_in_memory(640e9, 140e9, 0)
