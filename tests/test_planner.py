"""Tests for scaling.planner: budgets, fixed models, laws, memory, serving, the demand-aware
alternative within a budget, and every warning and refusal. Expected values are worked by hand
in the comments (H100: 989.4e12 FLOP/s dense BF16, 80 GB, 3.35 TB/s, 700 W). Time and cost come
from model FLOPs (6N + 12·n_layer·d_model·T per token) at the MFU and the goodput; the 6ND
``flops`` is the budget papers quote. Published runs are checked at the end, each with its source and tolerance."""

import json
import math

import pytest

from scaling import compute, data, hardware, inference, models, planner
from scaling.chinchilla import HOFFMANN_ROUNDED
from scaling.compute import format_count

try:  # chapter 9 moves moe_footprint to scaling.moe; before that it lives in scaling.hardware
    from scaling.moe import moe_footprint
except ImportError:
    moe_footprint = hardware.moe_footprint

H100_PEAK = 989.4e12


# --- The questions ---------------------------------------------------------------------------


def test_a_cluster_for_some_days_is_the_budget():
    # 2,048 GPUs × 30 days × 86,400 s × 989.4e12 FLOP/s × 0.4 × 0.9 goodput = 1.8908e24 model FLOPs.
    plan = planner.make_plan(days=30, n_gpus=2048, gpu="H100", mfu=0.4)
    assert plan.mode == "cluster"
    assert plan.goodput == planner.DEFAULT_GOODPUT == 0.9
    assert plan.model_flops == pytest.approx(2048 * 30 * 86_400 * H100_PEAK * 0.4 * 0.9, rel=1e-9)
    assert plan.model_flops == pytest.approx(1.8908e24, rel=1e-4)
    # The 6ND part is what the law allocated: model FLOPs less attention at 8,192 tokens.
    per_token = planner.model_flops_per_token(plan.n_params, 8192)
    assert plan.flops == pytest.approx(plan.model_flops * 6 * plan.n_params / per_token, rel=1e-9)
    assert plan.n_params == pytest.approx(planner.allocate(plan.flops, "besiroglu")[0], rel=1e-3)
    assert plan.days == pytest.approx(30.0)
    # The cluster's 1.47M GPU-hours at $2.50.
    assert plan.gpu_hours == pytest.approx(2048 * 30 * 24)
    assert plan.dollars == pytest.approx(2048 * 30 * 24 * 2.5)


def test_a_fixed_model_is_costed_not_optimised():
    # 6 × 70e9 × 15e12 = 6.3e24 FLOPs. Model FLOPs per token: 6 × 70e9 + 12 × 71 × 9,088 × 8,192
    # = 4.2e11 + 6.343e10 = 4.8343e11 (+15.1%); × 15e12 = 7.2515e24;
    # / (989.4e12 × 0.4 × 0.9 × 3600) = 5.6553e6 GPU-hours.
    plan = planner.make_plan(params=70e9, tokens=15e12, law="hoffmann")
    assert plan.mode == "model"
    assert (plan.n_params, plan.n_tokens) == (70e9, 15e12)
    assert plan.flops == pytest.approx(6.3e24)
    assert plan.model_flops == pytest.approx((6 * 70e9 + 12 * 71 * 9088 * 8192) * 15e12)
    assert plan.gpu_hours == pytest.approx(plan.model_flops / (H100_PEAK * 0.4 * 0.9 * 3600))
    assert plan.gpu_hours == pytest.approx(5.6553e6, rel=1e-4)
    # Loss of 70B on 15T with the rounded constants: 1.69 + 406.4/70e9^0.34 + 410.7/15e12^0.28.
    assert plan.loss == pytest.approx(1.69 + 406.4 / 70e9**0.34 + 410.7 / 15e12**0.28)
    assert plan.law_spread is None  # the model and its data are given: no law chooses


def test_goodput_divides_the_time_and_the_default_law_is_the_refit():
    full = planner.make_plan(params=70e9, tokens=15e12, goodput=1.0)
    assert planner.make_plan(params=70e9, tokens=15e12).gpu_hours == pytest.approx(full.gpu_hours / 0.9)
    assert planner.make_plan(params=70e9, tokens=15e12).law == planner.DEFAULT_LAW == "besiroglu"


def test_a_fixed_model_without_tokens_gets_the_laws_tokens():
    plan = planner.make_plan(params=70e9, law="20-tokens")
    assert plan.n_tokens == pytest.approx(20 * 70e9)
    hoffmann = planner.make_plan(params=70e9, law="hoffmann")
    assert hoffmann.n_tokens == pytest.approx(inference.compute_optimal_for_params(70e9).n_tokens)
    # The laws choose D: 70B x 20 = 1.4T (the rule) against Hoffmann's rounded constants' 8.4T.
    assert set(hoffmann.law_spread) == set(planner.LAWS)
    assert hoffmann.law_spread["20-tokens"] == pytest.approx(1.4e12)


def test_a_fixed_model_on_a_budget_gets_the_tokens_the_budget_buys():
    plan = planner.make_plan(params=70e9, days=30, n_gpus=2048)
    per_token = 6 * 70e9 + 12 * 71 * 9088 * 8192  # model FLOPs per token, attention at 8,192 tokens
    assert plan.n_tokens == pytest.approx(2048 * 30 * 86_400 * H100_PEAK * 0.4 * 0.9 / per_token)
    six_nd = planner.make_plan(params=70e9, flops=1e24)  # --flops is 6ND, as papers quote it
    assert six_nd.n_tokens == pytest.approx(1e24 / (6 * 70e9))


def test_dollars_budget_is_never_exceeded_even_with_serving():
    # The case: the demand-aware alternative used to cost $10.34M on a $10M budget.
    plan = planner.make_plan(dollars=10e6, served_tokens=1e13)
    assert plan.dollars <= 10e6
    assert plan.gpu_hours * 2.5 == pytest.approx(10e6)
    alt = plan.demand_aware
    assert alt["basis"] == "same training budget"
    assert alt["training_flops"] == pytest.approx(plan.flops, rel=1e-9)
    # Its saving is bought with loss, and the plan says how much.
    assert alt["loss_increase"] == pytest.approx(alt["loss"] - plan.loss) and alt["loss_increase"] > 0


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
    assert plans[0].law == planner.DEFAULT_LAW
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
    with pytest.raises(planner.PlanError, match="--law must be one of besiroglu, hoffmann"):
        planner.make_plan(flops=1e24, law="kaplan")


def test_the_spread_is_printed_when_the_laws_disagree_by_more_than_the_stated_factor():
    # At Chinchilla's budget the laws choose 32.2B (Hoffmann rounded) to 72.3B (refit): 2.2x > 2.
    plan = planner.make_plan(flops=5.76e23)
    assert plan.law_spread["hoffmann"] == pytest.approx(32.2e9, rel=1e-2)
    assert plan.law_spread["besiroglu"] == pytest.approx(72.3e9, rel=1e-2)
    (warning,) = _warned(plan, "The laws disagree on N by 2.2x (more than 2x)")
    assert "32.2B (hoffmann)" in warning and "72.3B (besiroglu)" in warning
    # At 1e20 FLOPs they agree within 2x: no warning.
    small = planner.make_plan(flops=1e20)
    ratio = max(small.law_spread.values()) / min(small.law_spread.values())
    assert ratio < planner.LAW_SPREAD_FACTOR and not _warned(small, "laws disagree")


# --- Data-constrained plans ----------------------------------------------------------------------------


def test_unique_tokens_use_the_data_constrained_allocation():
    plan = planner.make_plan(flops=1e26, unique_tokens=10e12, law="hoffmann")
    fit = data.data_constrained_allocation(1e26, 10e12)
    assert plan.n_params == pytest.approx(fit.n_params)
    assert plan.epochs == pytest.approx(fit.n_tokens / 10e12)
    assert plan.loss == pytest.approx(fit.loss, rel=1e-9)
    assert any("repeats its unique data" in w for w in plan.warnings)  # 5.8 epochs > 4


def test_unique_tokens_that_suffice_change_nothing():
    plan = planner.make_plan(flops=1e24, unique_tokens=100e12, law="hoffmann")
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
    assert s.dollars_per_million_output == pytest.approx(2.5 / (rate * 3600) * 1e6)  # $0.947
    # Prefill is compute-bound: 989.4e12 / 140e9 = 7,067 tokens/s per GPU, $0.098 per million.
    prefill = H100_PEAK / 140e9
    assert s.prefill_tokens_per_second_per_gpu == pytest.approx(prefill)
    assert s.dollars_per_million_input == pytest.approx(2.5 / (prefill * 3600) * 1e6)
    # Half the tokens each way (the default share): 5e12 / 7,067 + 5e12 / 733 = 7.53e9 GPU-seconds;
    # over a year (31.536e6 s) that is 238.8 GPUs → 60 replicas of 4 = 240.
    assert s.prompt_share == 0.5
    gpu_seconds = 5e12 / prefill + 5e12 / rate
    assert s.gpu_hours == pytest.approx(gpu_seconds / 3600)
    assert s.dollars_per_million == pytest.approx((s.dollars_per_million_input + s.dollars_per_million_output) / 2)
    assert s.gpus_for_demand == 4 * math.ceil(gpu_seconds / (365 * 86_400) / 4)
    assert s.gpus_for_demand == 240


def test_prompt_tokens_are_cheaper_than_output_tokens():
    all_prompt = planner.serving_estimate(70e9, "H100", served_tokens=1e13, prompt_share=1.0)
    all_output = planner.serving_estimate(70e9, "H100", served_tokens=1e13, prompt_share=0.0)
    assert all_prompt.dollars_per_million == pytest.approx(all_prompt.dollars_per_million_input)
    assert all_output.dollars_per_million == pytest.approx(all_output.dollars_per_million_output)
    assert all_prompt.dollars < all_output.dollars / 5  # 7,067 against 733 tokens/s per GPU


def test_kv_cache_by_attention_type():
    # 70B: 71 layers, d_model 9,088. GQA 2 × 71 × 8 × 128 × 2 B = 290,816 B per token;
    # MHA 2 × 71 × 9,088 × 2 B = 2,580,992 B; MLA 71 × 576 × 2 B = 81,792 B.
    assert planner.kv_cache_bytes_per_token(70e9, "gqa") == 2 * 71 * 8 * 128 * 2
    assert planner.kv_cache_bytes_per_token(70e9, "mha") == 2 * 71 * 9088 * 2
    assert planner.kv_cache_bytes_per_token(70e9, "mla") == 71 * (512 + 64) * 2
    with pytest.raises(planner.PlanError, match="--attention must be one of gqa, mha, mla"):
        planner.kv_cache_bytes_per_token(70e9, "sliding")


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
    assert plan.gpu_hours == pytest.approx(plan.model_flops / (acc.peak_flops * 0.4 * 0.9 * 3600))
    assert (plan.mwh is None) == (acc.power_watts is None) == (plan.power_mw is None)
    if acc.power_watts is not None:  # 1,024 GPUs × TDP × PUE 1.1
        assert plan.power_mw == pytest.approx(1024 * acc.power_watts * 1.1 / 1e6)
    if acc.fp8_flops is not None:
        fp8 = planner.make_plan(flops=1e24, gpu=key, precision="fp8")
        assert fp8.gpu_hours == pytest.approx(fp8.model_flops / (acc.fp8_flops * 0.4 * 0.9 * 3600))


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
        (dict(flops=1e24, active_params=7e9), "--active-params needs --params"),
        (dict(params=7e9, active_params=70e9, tokens=1e12), r"--active-params \(70B\) cannot exceed --params \(7B\)"),
        (dict(params=7e9, tokens=1e12, attention="local"), "--attention must be one of gqa, mha, mla"),
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
    big = planner.make_plan(flops=1e29)
    assert _warned(big, "The plan trains on")


def test_warning_unique_tokens_beyond_the_stock():
    plan = planner.make_plan(flops=1e24, unique_tokens=1e15)
    (warning,) = _warned(plan, "--unique-tokens 1e15 over 1 epochs is worth 1e15 fresh tokens, 3.3x the")
    assert "Lower --unique-tokens to at most 300T" in warning


def test_unique_tokens_are_checked_against_the_stocks_unique_equivalent_and_counted_once():
    # The row: 300T unique tokens at 1e29 FLOPs (Hoffmann's rounded law: 8.8 epochs).
    # 300T is already an *effective* stock; at 8.8 epochs it stands for 300T / 7.1 = 42T unique tokens.
    plan = planner.make_plan(unique_tokens=300e12, flops=1e29, law="hoffmann")
    assert plan.epochs == pytest.approx(8.8, abs=0.05)
    equivalent = data.unique_tokens_for_effective(300e12, plan.epochs)
    assert equivalent == pytest.approx(42.3e12, rel=0.01)
    (warning,) = _warned(plan, "a stock that already counts repeated epochs")
    assert f"Lower --unique-tokens to at most {format_count(equivalent)}" in warning
    # The advice never repeats the option the user already passed.
    assert not any("pass --unique-tokens" in w for w in plan.warnings)
    # Within the equivalent, no such warning: 30T over 9.5 epochs is worth less than 300T.
    fine = planner.make_plan(unique_tokens=30e12, flops=3e27, law="hoffmann")
    assert fine.unique_tokens <= data.unique_tokens_for_effective(300e12, max(1.0, fine.epochs))
    assert not _warned(fine, "already counts repeated epochs")


def test_warning_beyond_a_decade():
    plan = planner.make_plan(flops=1e27, n_gpus=1024)
    (warning,) = _warned(plan, "longer than a decade")
    # 1e27 6ND is 1.041e27 model FLOPs (attention +4.1% for the refit's 2.6T model at 8,192 tokens);
    # / (989.4e12 × 0.4 × 0.9 × 3600) = 8.12e8 GPU-hours; / 1,024 / 24 / 365.25 = 90.4 years.
    assert plan.model_flops / plan.flops == pytest.approx(1.041, abs=0.001)
    assert f"{plan.days / 365.25:.3g} years on 1,024 GPUs" in warning
    assert plan.days / 365.25 == pytest.approx(90.4, abs=0.1)


def test_warning_below_the_smallest_studied_model():
    plan = planner.make_plan(flops=3e17, law="hoffmann")
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
    assert planner.make_plan(flops=1e20).warnings == []
    assert planner.make_plan(params=70e9, tokens=15e12).warnings == []


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
        (lambda: planner.allocate(1e24, "kaplan"), "--law must be one of besiroglu"),
        (lambda: planner.allocate(1e24, ["hoffmann"]), "--law must be one of besiroglu"),
        (lambda: planner.serving_estimate(70e9, "H100", prompt_share=1.5), "prompt share"),
        (lambda: planner.make_plan(params=7e9, tokens=1e12, goodput=0.0), "goodput --goodput"),
        (lambda: planner.serving_estimate(7e9, "H100", active_params=70e9), "cannot exceed --params"),
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


# --- Published runs: each with its source and the tolerance it is held to -----------------------------


def test_llama3_405b_gpu_hours_match_the_model_card():
    # Llama 3 405B: 405B parameters on 15.6T tokens, 3.8e25 FLOPs (Llama Team 2024, §1); 16,384 H100s at
    # 41% BF16 MFU (Table 4, the 16K-GPU 8K-context stage; 38-43% across stages); "higher than 90%
    # effective training time" (§3.3.4); 30.84M H100-80GB GPU-hours (meta-llama/llama-models, Llama 3.1
    # MODEL_CARD.md). Tolerance: 10% of the GPU-hours, 1% of the FLOPs (the paper rounds to 3.8e25).
    plan = planner.make_plan(params=405e9, tokens=15.6e12, n_gpus=16384, mfu=0.41, goodput=0.9)
    assert plan.flops == pytest.approx(3.8e25, rel=0.01)
    # Attention at 8,192 tokens adds 8.3% for the assumed shape (127 layers of 16,256; Llama 3 405B has
    # 126 of 16,384): 12 × 127 × 16,256 × 8,192 / (6 × 405e9).
    assert plan.model_flops / plan.flops == pytest.approx(1.083, abs=0.002)
    assert plan.gpu_hours == pytest.approx(30.84e6, rel=0.10)
    # 6ND alone, without goodput (the old planner), was 16% low: outside the tolerance.
    naive = 6 * 405e9 * 15.6e12 / (H100_PEAK * 0.41 * 3600)
    assert abs(naive / 30.84e6 - 1) > 0.10
    # Facility power: 16,384 × 700 W × 1.1 = 12.6 MW.
    assert plan.power_mw == pytest.approx(12.6, abs=0.05)


def test_deepseek_v3_is_costed_as_a_mixture_of_experts():
    # DeepSeek-V3: 671B total, 37B active parameters, 14.8T tokens, FP8 mixed-precision training on
    # H800s (deepseek-ai/DeepSeek-V3 README and technical report). 6 × 37e9 × 14.8e12 = 3.29e24 FLOPs.
    # Tolerance (issue 26): FLOPs within 3.2e24-4.5e24; training memory at least the 16 bytes per
    # parameter of all 671B (10.7 TB); served FP8 weights 671 GB.
    plan = planner.make_plan(params=671e9, active_params=37e9, tokens=14.8e12, gpu="H800", precision="fp8")
    assert 3.2e24 <= plan.flops <= 4.5e24
    assert plan.flops == pytest.approx(6 * 37e9 * 14.8e12)
    assert (plan.n_params, plan.active_params, plan.is_moe) == (671e9, 37e9, True)
    assert plan.memory.total >= hardware.training_memory_bytes(671e9) == pytest.approx(10.736e12)
    assert plan.loss is None and "mixture of experts" in plan.loss_note
    # The old planner read --params 671e9 as dense: 6 × 671e9 × 14.8e12 = 6.0e25, 18x too high.
    assert planner.make_plan(params=671e9, tokens=14.8e12).flops / plan.flops == pytest.approx(671 / 37)
    served = planner.make_plan(
        params=671e9,
        active_params=37e9,
        tokens=14.8e12,
        gpu="H800",
        precision="fp8",
        attention="mla",
        served_tokens=1e13,
    ).serving
    assert served.weight_bytes == pytest.approx(671e9)  # one byte per FP8 weight, every expert held
    # MLA caches 576 values per token per layer instead of GQA's 2,048 (8 KV heads × 128 × 2): 3.6x less.
    gqa = planner.serving_estimate(671e9, "H800", "fp8", active_params=37e9, attention="gqa")
    assert gqa.kv_cache_bytes / served.kv_cache_bytes == pytest.approx(2048 / 576)
    # Prefill is priced on the 37B active parameters: 1,978.9e12 / (2 × 37e9) = 26,742 tokens/s per GPU.
    assert served.prefill_tokens_per_second_per_gpu == pytest.approx(1978.9e12 / (2 * 37e9))


def test_chinchillas_budget_with_the_default_law():
    # Chinchilla: 70B parameters on 1.4T tokens, the 5.76e23-FLOP Gopher budget (Hoffmann et al. 2022,
    # Table 1 and Fig. 2). Besiroglu et al. 2024's refit gives 72.3B / 1.33T at that budget (recomputed
    # from their constants; FACTS §14). Tolerance (issue 26): 55-90B parameters; 1% of the refit's N and D.
    plan = planner.make_plan(flops=5.76e23)
    assert plan.law == "besiroglu"
    assert 55e9 <= plan.n_params <= 90e9
    assert plan.n_params == pytest.approx(72.3e9, rel=0.01)
    assert plan.n_tokens == pytest.approx(1.33e12, rel=0.01)
    # The rounded Approach-3 constants, the old default, give 32.2B: outside the tolerance.
    assert planner.make_plan(flops=5.76e23, law="hoffmann").n_params == pytest.approx(32.2e9, rel=0.01)


def test_palm_540b_mfu_from_its_published_throughput():
    # PaLM 540B (Chowdhery et al. 2022, §4 and App. B): 6,144 TPU v4 chips (275 TFLOP/s BF16 each),
    # 2,048-token sequences, 238.3K tokens/s on average, "The MFU of PaLM 540B is 45.7% without
    # self-attention or 46.2% with it"; 780B training tokens. Tolerances: 0.5% relative for the
    # 6N figure (same arithmetic as the paper), 2% for the attention-inclusive one (our assumed shape,
    # 140 layers of 17,920, differs from PaLM's 118 layers, 48 heads of 256).
    tpu = hardware.get_accelerator("TPUv4")
    cluster = 6144 * tpu.peak_flops
    assert 238.3e3 * 6 * 540e9 / cluster == pytest.approx(0.457, rel=0.005)
    implied = 238.3e3 * planner.model_flops_per_token(540e9, 2048) / cluster
    assert implied == pytest.approx(0.462, rel=0.02)
    # And the planner at 46.2% MFU (no downtime) runs 780B tokens at 238.3K tokens/s, within 2%.
    plan = planner.make_plan(params=540e9, tokens=780e9, gpu="TPUv4", n_gpus=6144, context=2048, mfu=0.462, goodput=1)
    tokens_per_second = 780e9 / (plan.days * 86_400)
    assert tokens_per_second == pytest.approx(238.3e3, rel=0.02)


def test_llama_65b_days_gpu_hours_and_energy():
    # LLaMA 65B (Touvron et al. 2023, §2.4 and Table 15; the catalogue's "LLaMA 65B"): 65.2B parameters,
    # 1.4T tokens, 2,048 A100-80GB at ~380 tokens/s/GPU, "approximately 21 days"; 1,022,362 GPU-hours and
    # 449 MWh (400 W, PUE 1.1). The planner at the MFU that 380 tokens/s implies (2,048-token sequences,
    # no downtime) must land within 5% of all three.
    llama = models.get_model("LLaMA 65B")
    mfu = 380 * planner.model_flops_per_token(llama.n_params, 2048) / hardware.get_accelerator("A100").peak_flops
    plan = planner.make_plan(
        params=llama.n_params, tokens=llama.n_tokens, gpu="A100", n_gpus=2048, context=2048, mfu=mfu, goodput=1
    )
    assert plan.days == pytest.approx(21, rel=0.05)
    assert plan.gpu_hours == pytest.approx(1_022_362, rel=0.05)
    assert llama.gpu_hours == 1_022_362
    assert plan.mwh == pytest.approx(449, rel=0.05)


# --- No contradiction with the chapters: the planner's numbers are the chapter functions' --------------


def test_planner_flops_memory_and_time_are_the_chapter_functions():
    plan = planner.make_plan(params=70e9, tokens=15e12, n_gpus=8192, mfu=0.38, goodput=0.95, context=4096)
    layers, width = planner.model_shape(70e9)
    assert plan.flops == pytest.approx(compute.training_flops(70e9, 15e12))
    assert plan.model_flops == pytest.approx(compute.model_flops_per_token(70e9, layers, width, 4096) * 15e12)
    run = hardware.estimate_run(plan.model_flops, "H100", 0.38 * 0.95, 8192, 2.5)
    assert (plan.gpu_hours, plan.days, plan.dollars, plan.mwh) == pytest.approx(
        (run.gpu_hours, run.days, run.dollars, run.energy_mwh)
    )
    state = plan.memory.weights + plan.memory.gradients + plan.memory.optimizer
    assert state == pytest.approx(hardware.training_memory_bytes(70e9))
    # A mixture of experts: chapter 7's moe_footprint (compute from active, memory from total).
    moe = planner.make_plan(params=141e9, active_params=39e9, tokens=2e12)
    footprint = moe_footprint(141e9, 39e9, 2e12)
    assert moe.flops == pytest.approx(footprint.training_flops)
    assert moe.memory.weights + moe.memory.gradients + moe.memory.optimizer == pytest.approx(
        footprint.training_memory_bytes
    )


def test_planner_serving_is_the_chapter_functions():
    s = planner.serving_estimate(70e9, "H100", "fp8", context=4096, batch=32, served_tokens=1e12, price=3.0)
    h100 = hardware.get_accelerator("H100")
    kv = hardware.kv_cache_bytes(*planner.model_shape(70e9)[:1], planner.KV_HEADS, planner.HEAD_DIM, 4096)
    assert s.weight_bytes == pytest.approx(hardware.weight_bytes(70e9, hardware.BYTES_FP8))
    assert s.kv_cache_bytes == pytest.approx(32 * kv)
    assert s.gpus_per_replica == hardware.min_gpus_to_serve(70e9, h100, hardware.BYTES_FP8, kv_cache=32 * kv)
    decode = hardware.decode_tokens_per_second(70e9, s.weight_bytes + 32 * kv, h100.fp8_flops, h100.bandwidth, 32)
    assert s.tokens_per_second_per_gpu == pytest.approx(decode, rel=1e-9)
    assert s.dollars_per_million_output == pytest.approx(hardware.cost_per_million_tokens(decode, 3.0))
    prefill = hardware.compute_bound_tokens_per_second(70e9, h100.fp8_flops, 1.0)
    assert s.dollars_per_million_input == pytest.approx(hardware.cost_per_million_tokens(prefill, 3.0))
    # MoE serving: moe_footprint's weight bytes and 2 × active FLOPs per token.
    m = planner.serving_estimate(47e9, "H100", active_params=13e9)
    footprint = moe_footprint(47e9, 13e9, 1.0)
    assert m.weight_bytes == pytest.approx(footprint.weight_bytes)
    assert m.prefill_tokens_per_second_per_gpu == pytest.approx(h100.peak_flops / footprint.flops_per_token)
