"""Tests for scaling.planner: budgets, fixed models, laws, memory, serving, the demand-aware
alternative within a budget, and every warning and refusal. Expected values are worked by hand
in the comments (H100: 989.4e12 FLOP/s dense BF16, 80 GB, 3.35 TB/s, 700 W)."""

import json
import math

import pytest

from scaling import data, hardware, inference, planner
from scaling.chinchilla import HOFFMANN_ROUNDED

H100_PEAK = 989.4e12


# --- The questions ---------------------------------------------------------------------------


def test_a_cluster_for_some_days_is_the_budget():
    # 2,048 GPUs × 30 days × 86,400 s × 989.4e12 FLOP/s × 0.4 = 2.1009e24 FLOPs.
    plan = planner.make_plan(days=30, n_gpus=2048, gpu="H100", mfu=0.4)
    assert plan.mode == "cluster"
    assert plan.flops == pytest.approx(2048 * 30 * 86_400 * H100_PEAK * 0.4, rel=1e-12)
    assert plan.flops == pytest.approx(2.1009e24, rel=1e-4)
    assert plan.days == pytest.approx(30.0)
    # The cluster's 1.47M GPU-hours at $2.50.
    assert plan.gpu_hours == pytest.approx(2048 * 30 * 24)
    assert plan.dollars == pytest.approx(2048 * 30 * 24 * 2.5)


def test_a_fixed_model_is_costed_not_optimised():
    # 6 × 70e9 × 15e12 = 6.3e24 FLOPs; / (989.4e12 × 0.4 × 3600) = 4.4216e6 GPU-hours.
    plan = planner.make_plan(params=70e9, tokens=15e12)
    assert plan.mode == "model"
    assert (plan.n_params, plan.n_tokens) == (70e9, 15e12)
    assert plan.flops == pytest.approx(6.3e24)
    assert plan.gpu_hours == pytest.approx(6.3e24 / (H100_PEAK * 0.4 * 3600))
    assert plan.gpu_hours == pytest.approx(4.4216e6, rel=1e-4)
    # Loss of 70B on 15T with the rounded constants: 1.69 + 406.4/70e9^0.34 + 410.7/15e12^0.28.
    assert plan.loss == pytest.approx(1.69 + 406.4 / 70e9**0.34 + 410.7 / 15e12**0.28)


def test_a_fixed_model_without_tokens_gets_the_laws_tokens():
    plan = planner.make_plan(params=70e9, law="20-tokens")
    assert plan.n_tokens == pytest.approx(20 * 70e9)
    hoffmann = planner.make_plan(params=70e9)
    assert hoffmann.n_tokens == pytest.approx(inference.compute_optimal_for_params(70e9).n_tokens)


def test_a_fixed_model_on_a_budget_gets_the_tokens_the_budget_buys():
    plan = planner.make_plan(params=70e9, days=30, n_gpus=2048)
    assert plan.n_tokens == pytest.approx(2048 * 30 * 86_400 * H100_PEAK * 0.4 / (6 * 70e9))


def test_dollars_budget_is_never_exceeded_even_with_serving():
    # The case: the demand-aware alternative used to cost $10.34M on a $10M budget.
    plan = planner.make_plan(dollars=10e6, served_tokens=1e13)
    assert plan.dollars <= 10e6
    alt = plan.demand_aware
    assert alt["basis"] == "same training budget"
    assert alt["training_flops"] == pytest.approx(plan.flops, rel=1e-9)
    alt_dollars = alt["training_flops"] / (H100_PEAK * 0.4 * 3600) * 2.5
    assert alt_dollars <= 10e6 * (1 + 1e-9)


def test_demand_aware_within_budget_spends_exactly_the_budget_and_trades_loss_for_serving():
    best = inference.compute_optimal_allocation(1e24)
    alt = planner.demand_aware_within_budget(1e24, 1e13, HOFFMANN_ROUNDED)
    assert alt.training_flops == pytest.approx(1e24, rel=1e-9)
    assert alt.n_params < best.n_params and alt.n_tokens > best.n_tokens
    assert alt.loss > best.loss
    # It is Sardana et al.'s optimum for its own loss: the same-loss optimiser returns the same model.
    again = inference.demand_aware_optimum(alt.loss, 1e13)
    assert again.n_params == pytest.approx(alt.n_params, rel=1e-9)


def test_demand_aware_within_budget_at_zero_demand_is_the_compute_optimal_model():
    best = inference.compute_optimal_allocation(1e24)
    alt = planner.demand_aware_within_budget(1e24, 0.0, HOFFMANN_ROUNDED)
    assert alt.n_params == pytest.approx(best.n_params, rel=1e-6)


def test_fixed_model_with_serving_compares_at_the_same_loss():
    plan = planner.make_plan(params=70e9, tokens=15e12, served_tokens=1e13)
    assert plan.demand_aware["basis"] == "same loss"
    assert plan.demand_aware["loss"] == pytest.approx(plan.loss)


# --- Laws ---------------------------------------------------------------------------------------------


def test_laws_disagree_as_chapter_4_says():
    plans = planner.plan_all_laws(flops=1e24)
    assert [p.law for p in plans] == list(planner.LAWS)
    ratio = {p.law: p.tokens_per_param for p in plans}
    # Rounded constants: G = 1.3447, a_N = 0.4516: N = 41.3B, D/N = 97.7 at 1e24 FLOPs.
    assert ratio["hoffmann"] == pytest.approx(97.7, abs=0.1)
    assert ratio["20-tokens"] == pytest.approx(20.0)
    # Besiroglu's refit: ≈18 tokens per parameter near Chinchilla's budget (FACTS §13: 18.4 at 5.88e23).
    assert 15 < ratio["besiroglu"] < 22
    assert ratio["hoffmann-unrounded"] < ratio["hoffmann"]
    assert max(ratio.values()) / min(ratio.values()) > 3  # "about threefold" and more
    # The rule: N = √(1e24 / 120) = 9.13e10.
    rule = plans[-1]
    assert rule.n_params == pytest.approx(math.sqrt(1e24 / 120))
    assert rule.loss is None
    assert all(p.flops == pytest.approx(1e24) for p in plans)


def test_unknown_law_names_the_option():
    with pytest.raises(planner.PlanError, match="--law must be one of hoffmann"):
        planner.make_plan(flops=1e24, law="kaplan")


# --- Data-constrained plans ----------------------------------------------------------------------------


def test_unique_tokens_use_the_data_constrained_allocation():
    plan = planner.make_plan(flops=1e26, unique_tokens=10e12)
    fit = data.data_constrained_allocation(1e26, 10e12)
    assert plan.n_params == pytest.approx(fit.n_params)
    assert plan.epochs == pytest.approx(fit.n_tokens / 10e12)
    assert plan.loss == pytest.approx(fit.loss, rel=1e-9)
    assert any("repeats its unique data" in w for w in plan.warnings)  # 5.8 epochs > 4


def test_unique_tokens_that_suffice_change_nothing():
    plan = planner.make_plan(flops=1e24, unique_tokens=100e12)
    assert plan.n_params == pytest.approx(inference.compute_optimal_allocation(1e24).n_params)
    assert plan.epochs < 1


# --- Memory and serving --------------------------------------------------------------------------------


def test_model_shape_follows_the_stated_aspect_ratio():
    # 70e9 / (12 × 128²) = 356,038; cube root 70.9 → 71 layers, d_model = 9,088.
    assert planner.model_shape(70e9) == (71, 9088)
    assert planner.model_shape(1.0) == (1, 128)


def test_training_memory_of_70b_on_h100():
    m = planner.training_memory(70e9, "H100", context=8192)
    assert (m.weights, m.gradients, m.optimizer) == (140e9, 140e9, 840e9)  # 2 + 2 + 12 bytes per parameter
    assert m.activations == 2 * 9088 * 71 * 8192  # 10.57 GB
    # (1,120e9 + 10.57e9) / 80e9 = 14.13 → 15 GPUs.
    assert m.min_gpus == 15
    assert "full recomputation" in m.assumption


def test_serving_70b_on_h100_by_hand():
    s = planner.serving_estimate(
        70e9, "H100", "bf16", context=8192, batch=64, served_tokens=1e13, serving_days=365, price=2.5
    )
    kv = 2 * 71 * 8 * 128 * 2 * 8192  # 2.38 GB per sequence
    assert s.weight_bytes == 140e9
    assert s.kv_cache_bytes == 64 * kv
    assert s.gpus_per_replica == 4  # (140 + 152.5) GB / 80 GB = 3.66
    # Bandwidth-bound: 64 × 3.35e12 / (140e9 + 64 × 2.38e9) = 733 tokens/s per GPU, below 989.4e12 / 140e9 = 7,067.
    rate = 64 * 3.35e12 / (140e9 + 64 * kv)
    assert s.tokens_per_second_per_gpu == pytest.approx(rate)
    assert s.bound == "memory bandwidth"
    assert s.dollars_per_million == pytest.approx(2.5 / (rate * 3600) * 1e6)  # $0.947
    # 1e13 tokens / 31.536e6 s = 317,098 tokens/s → 432.6 GPUs → 109 replicas of 4 = 436.
    assert s.gpus_for_demand == 4 * math.ceil(1e13 / (365 * 86_400) / rate / 4)
    assert s.gpus_for_demand == 436


def test_fp8_serving_halves_the_weights_and_uses_the_fp8_peak():
    bf16 = planner.serving_estimate(8e9, "H100", "bf16", batch=1024)
    fp8 = planner.serving_estimate(8e9, "H100", "fp8", batch=1024)
    assert fp8.weight_bytes == bf16.weight_bytes / 2


# --- Every accelerator -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(hardware.ACCELERATORS))
def test_every_accelerator_plans(key):
    acc = hardware.ACCELERATORS[key]
    plan = planner.make_plan(flops=1e24, gpu=key, served_tokens=1e12)
    assert plan.gpu == key
    assert plan.gpu_hours == pytest.approx(1e24 / (acc.peak_flops * 0.4 * 3600))
    assert (plan.mwh is None) == (acc.power_watts is None)
    if acc.fp8_flops is not None:
        fp8 = planner.make_plan(flops=1e24, gpu=key, precision="fp8")
        assert fp8.gpu_hours == pytest.approx(1e24 / (acc.fp8_flops * 0.4 * 3600))


# --- Refusals name the option --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(flops=1.0), r"budget \(--flops\) is 1 FLOPs, less than one second of one NVIDIA H100"),
        (dict(dollars=1e-4), r"budget \(--dollars\)"),
        (dict(days=1e-12, n_gpus=1), r"budget \(--days\)"),
        (dict(days=1e300, n_gpus=1000), "larger than a floating-point number can hold; lower --gpus"),
        (dict(flops=1e24, gpu="A100", precision="fp8"), "--precision fp8: The catalogue has no dense FP8 peak"),
        (dict(flops=1e24, gpu="mi300"), "--gpu: Unknown GPU 'mi300'. Did you mean MI300X?"),
        (dict(tokens=1e12), "--tokens needs --params"),
        (dict(flops=1e24, params=7e9, tokens=1e12), "drop the budget or --tokens"),
        (dict(flops=1e24, dollars=1e6), "Give one budget, not --flops and --dollars"),
        (dict(), r"Give a budget \(--flops, --dollars, or --gpus with --days\) or a model \(--params\)"),
        (dict(params=1e300, tokens=1e300), "too large to cost: lower --params or --tokens"),
    ],
)
def test_impossible_requests_are_refused_naming_the_option(kwargs, message):
    with pytest.raises(planner.PlanError, match=message):
        planner.make_plan(**kwargs)


# --- Every warning -----------------------------------------------------------------------------------------


def _warned(plan, text):
    return [w for w in plan.warnings if text in w]


def test_warning_beyond_the_stock_of_public_text():
    # The issue's --served-tokens 1e18 row: the demand-aware model would train on 14.7x the stock.
    plan = planner.make_plan(flops=1e24, served_tokens=1e18)
    (warning,) = _warned(plan, "The demand-aware alternative trains on")
    assert "x the ~300T-token effective stock" in warning
    assert plan.demand_aware["n_tokens"] > data.PUBLIC_TEXT_STOCK_TOKENS
    big = planner.make_plan(flops=1e28)
    assert _warned(big, "The plan trains on")


def test_warning_unique_tokens_beyond_the_stock():
    plan = planner.make_plan(flops=1e24, unique_tokens=1e15)
    assert _warned(plan, "--unique-tokens 1e15 is 3.3x the ~300T-token")


def test_warning_beyond_a_decade():
    plan = planner.make_plan(flops=1e27, n_gpus=1024)
    (warning,) = _warned(plan, "longer than a decade")
    # 1e27 / (989.4e12 × 0.4 × 3600) = 7.019e8 GPU-hours; / 1,024 / 24 / 365.25 = 78.2 years.
    assert "78.2 years on 1,024 GPUs" in warning


def test_warning_below_the_smallest_studied_model():
    plan = planner.make_plan(flops=3e17)
    (warning,) = _warned(plan, "below the smallest model Hoffmann et al. 2022 trained (70M)")
    assert plan.n_params < 70e6 and "46.8M" in warning


def test_warning_cluster_too_small_to_hold_the_model():
    plan = planner.make_plan(params=405e9, tokens=15e12, n_gpus=8)
    assert _warned(plan, "more than the 8 in --gpus")


def test_warning_no_power_figure():
    plan = planner.make_plan(flops=1e24, gpu="TPU7x")
    assert plan.mwh is None
    assert _warned(plan, "publishes no power figure for the Google TPU7x")


def test_warning_rule_without_loss_law_has_no_demand_aware_model():
    plan = planner.make_plan(flops=1e24, law="20-tokens", served_tokens=1e13)
    assert plan.demand_aware is None and plan.serving is not None
    assert _warned(plan, "has no loss law")


def test_warning_demand_aware_not_combined_with_unique_tokens():
    plan = planner.make_plan(flops=1e24, unique_tokens=1e13, served_tokens=1e13)
    assert plan.demand_aware is None
    assert _warned(plan, "not combined with --unique-tokens")


def test_an_ordinary_plan_has_no_warnings():
    assert planner.make_plan(flops=1e24).warnings == []


def test_absurd_budgets_stay_finite_and_json_ready():
    plan = planner.make_plan(flops=1e300)
    text = json.dumps(plan.to_dict(), allow_nan=False)
    assert json.loads(text)["flops"] == pytest.approx(1e300)


# --- The contract (tests/test_contract.py checks every function over its whole domain) -----------------


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: planner.loss_of(float("nan"), 1e12, "hoffmann"), "number of parameters"),
        (lambda: planner.loss_of(7e9, -1.0, "hoffmann"), "training tokens"),
        (lambda: planner.loss_of(7e9, 1e12, "hoffmann", unique_tokens=0.0), "unique tokens"),
        (lambda: planner.allocate(1e24, "kaplan"), "--law must be one of hoffmann"),
        (lambda: planner.allocate(1e24, ["hoffmann"]), "--law must be one of hoffmann"),
        (lambda: planner.serving_estimate(70e9, "H100", batch=0), "batch of sequences per replica"),
        (lambda: planner.serving_estimate(70e9, "H100", batch=2.5), "batch of sequences per replica"),
        (lambda: planner.demand_aware_within_budget(1e24, -1.0, HOFFMANN_ROUNDED), "served tokens"),
        (lambda: planner.demand_aware_within_budget(1e24, 1e13, "20-tokens"), "20-tokens rule has no loss law"),
        (lambda: planner.plan_warnings({"days": 3}), "needs a Plan"),
        (lambda: planner.training_memory(1e300, "H100", context=1e300), "must be finite"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_laws_are_accepted_by_key_as_well_as_by_record():
    law = planner.LAWS["besiroglu"]
    assert planner.allocate(1e24, "besiroglu") == planner.allocate(1e24, law)
    assert planner.tokens_for_params(7e9, "20-tokens") == pytest.approx(20 * 7e9)
    assert planner.loss_of(7e9, 1e12, "20-tokens") is None
    assert planner.serving_estimate(70e9, "H100", " FP8 ").precision == "fp8"
    alt = planner.demand_aware_within_budget(1e24, 1e13, "hoffmann")
    assert alt.n_params == planner.demand_aware_within_budget(1e24, 1e13, HOFFMANN_ROUNDED).n_params
