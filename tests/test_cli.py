"""Tests for the planner: ``python -m scaling plan``."""

import json
import re
import subprocess
import sys

import pytest

from scaling import cli, hardware, planner
from scaling.cli import main
from scaling.compute import format_count


def run(capsys, *argv):
    """Call main(argv); return (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_for_1e24_flops_on_h100(capsys):
    argv = ["plan", "--flops", "1e24", "--gpu", "H100", "--gpus", "4096", "--mfu", "0.4", "--price", "2.5"]
    argv += ["--law", "hoffmann", "--goodput", "1"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    # Hoffmann Eq. 4 with the rounded constants: G = 1.3447, a_N = 0.4516,
    # N = 1.3447 × (1e24/6)^0.4516 = 41.3B; D = 1e24 / (6 × 41.3e9) = 4.04T.
    assert "41.3B parameters" in out
    assert "4.04T tokens" in out
    assert "E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28" in out
    assert "Hoffmann et al. 2022" in out
    # 41.3B has 59 layers of d_model 7,552: attention at 8,192 tokens adds 12 × 59 × 7,552 × 8,192 / (6 × 41.3e9)
    # = +17.7% model FLOPs, 1.177e24. GPU-hours: 1.177e24 / (989.4e12 × 0.4 × 3600) = 826K.
    assert planner.model_shape(41.3e9) == (59, 7552)
    assert "1.2e24 FLOPs (+17.7%)" in out
    assert "826K GPU-hours" in out
    # Days: 826K / 4,096 / 24 = 8.4.
    assert "8.4 days" in out
    # Cost: 826K × $2.5 = $2.06 million. Energy: 826K × 700 W × 1.1 / 1e6 = 636 MWh; power 4,096 × 700 × 1.1 W.
    assert "$2.06 million" in out
    assert "636 MWh" in out
    assert "3.15 MW" in out
    assert "Demand-aware" not in out


def test_plan_lines_are_aligned(capsys):
    _, out, _ = run(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e13")
    assert "Spread across laws" in out
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    value_columns = {len(line) - len(line[2:].split("  ", 1)[1].lstrip()) for line in rows}
    assert len(value_columns) == 1


def test_plan_with_served_tokens_shows_serving_and_demand_aware_model(capsys):
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e13")
    assert code == 0
    plan = planner.make_plan(flops=1e24, served_tokens=1e13)
    alt = plan.demand_aware
    assert "Demand-aware alternative" in out and "same training budget" in out
    assert f"{format_count(alt['n_params'])} parameters" in out
    assert f"{alt['loss']:.4f} nats/token" in out
    assert "Serving (roofline" in out and "$ per million input tokens" in out and "$ per million output tokens" in out
    assert "serving compute vs the plan's, at that loss" in out and "vs the plan)" in out
    assert f"{-alt['serving_compute_saved']:+.1%}" in out
    # Each assumption sits under the block it belongs to.
    serving_block = out.split("Serving (roofline")[1].split("Demand-aware")[0]
    assert "Assumption: shape as above" in serving_block


def test_plan_from_dollars(capsys):
    # $1e6 / $2.5 = 4e5 GPU-hours × 3600 × 989.4e12 × 0.4 × 0.9 = 5.13e23 model FLOPs, of which 6ND is
    # 4.4e23 (the refit's 63B model: 12 × 62 × 7,936 × 8,192 / (6 × 63.2e9) = +12.8% attention at 8,192 tokens).
    code, out, _ = run(capsys, "plan", "--dollars", "1e6", "--price", "2.5", "--mfu", "0.4")
    assert code == 0
    assert "$1.00 million -> 4.4e23 FLOPs" in out
    assert "5.1e23 FLOPs (+" in out
    assert "$1.00 million" in out.split("training cost")[1]


def test_help_documents_every_option_with_units(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["plan", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--flops",
        "--dollars",
        "--days",
        "--params",
        "--active-params",
        "--tokens",
        "--goodput",
        "--attention",
        "--prompt-share",
        "--law",
        "--unique-tokens",
        "--gpu",
        "--precision",
        "--gpus",
        "--mfu",
        "--price",
        "--pue",
        "--served-tokens",
        "--context",
        "--batch",
        "--serving-days",
        "--json",
    ):
        assert option in out
    for unit in (
        "FLOPs",
        "US dollars",
        "per GPU-hour",
        "(0, 1]",
        "tokens",
        "H100",
        "MI300X",
        "TPU7x",
        "Trainium2",
        "hoffmann-unrounded",
        "besiroglu",
        "20-tokens",
        "fp8",
        "6ND",
        "model FLOPs",
        "mixture of experts",
        ">90%",
        "mla",
    ):
        assert unit in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["plan", "--flops", "-1e24"], "greater than zero"),
        (["plan", "--flops=-1e24"], "greater than zero"),
        (["plan", "--flops", "-.5"], "greater than zero"),
        (["plan", "--flops", "nan"], "finite"),
        (["plan", "--flops", "lots"], "must be a number"),
        (["plan", "--flops", "1e24", "--gpu", "TPU"], "Unknown GPU 'TPU'. Did you mean TPUv4, .* Choose one of A100"),
        (["plan", "--flops", "1e24", "--mfu", "1.5"], r"MFU \(--mfu\) must lie in \(0, 1\]"),
        (["plan", "--flops", "1e24", "--mfu", "0"], "MFU"),
        (["plan", "--flops", "1e24", "--gpus", "0"], "at least 1"),
        (["plan", "--flops", "1e24", "--gpus", "2.5"], "whole number"),
        (["plan", "--flops", "1e24", "--price", "-2"], "price"),
        (["plan", "--flops", "1e24", "--served-tokens", "-5"], "zero or more"),
        (["plan", "--flops", "1e24", "--pue", "0.5"], "PUE"),
        (["plan", "--flops", "1e24", "--dollars", "1e6"], "not allowed with"),
        (["plan"], r"Give a budget \(--flops, --dollars, or --gpus with --days\) or a model \(--params\)"),
        (["plan", "--flops", "1e24", "--days", "30"], "not allowed with"),
        (["plan", "--flops", "1e24", "--law", "kaplan"], "invalid choice: 'kaplan'"),
        (["plan", "--flops", "1e24", "--precision", "int4"], "invalid choice: 'int4'"),
        (["plan", "--tokens", "1e12"], "--tokens needs --params"),
        (["plan", "--flops", "1e24", "--goodput", "0"], r"goodput --goodput must lie in \(0, 1\]"),
        (["plan", "--flops", "1e24", "--goodput", "1.1"], "goodput"),
        (["plan", "--days", "30", "--goodput", "1e-300"], r"goodput \(--goodput\) must be at least 0.01"),
        (["plan", "--flops", "1e24", "--prompt-share", "2"], r"prompt share --prompt-share must lie in \[0, 1\]"),
        (["plan", "--flops", "1e24", "--attention", "sliding"], "invalid choice: 'sliding'"),
        (["plan", "--flops", "1e24", "--active-params", "7e9"], "--active-params needs --params"),
        (["plan", "--params", "7e9", "--active-params", "70e9"], "cannot exceed --params"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("python -m scaling")
    assert re.search(message, err)


def test_module_entry_point_runs_in_a_subprocess():
    ok = subprocess.run([sys.executable, "-m", "scaling", "plan", "--flops", "1e24"], capture_output=True, text=True)
    assert ok.returncode == 0
    assert f"{format_count(planner.allocate(1e24, 'besiroglu')[0])} parameters" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "scaling", "plan", "--flops", "-3"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1


# --- The rows of issue 14's table, one test each ----------------------------------------------------------


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0 and err == ""
    return json.loads(out)


def test_json_is_one_object_with_the_promised_keys(capsys):
    plan = run_json(capsys, "plan", "--flops", "1e24", "--law", "hoffmann")
    for key in ("flops", "n_params", "n_tokens", "gpu_hours", "days", "dollars", "mwh", "warnings"):
        assert key in plan
    for key in ("model_flops", "goodput", "active_params", "power_mw", "law_spread", "loss_note", "attention"):
        assert key in plan
    assert "total" in plan["memory"]
    assert plan["n_params"] == pytest.approx(41.3e9, rel=1e-3)
    assert plan["active_params"] == plan["n_params"]
    assert plan["flops"] == pytest.approx(1e24) and plan["model_flops"] > plan["flops"]
    assert plan["power_mw"] == pytest.approx(1024 * 700 * 1.1 / 1e6)
    assert plan["warnings"] == [w for w in plan["warnings"] if "laws disagree" in w]
    serving = run_json(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e13")["serving"]
    for key in ("dollars_per_million_input", "dollars_per_million_output", "prefill_tokens_per_second_per_gpu"):
        assert key in serving


def test_row_1_a_cluster_for_30_days(capsys):
    # Done-when: the model FLOPs 2,048 H100s deliver in 30 days at the default MFU (0.4) and goodput (0.9):
    # 2,048 × 30 × 86,400 × 989.4e12 × 0.4 × 0.9 = 1.8908e24, of which 6ND is 1.7e24.
    plan = run_json(capsys, "plan", "--gpu", "H100", "--gpus", "2048", "--days", "30")
    assert plan["model_flops"] == pytest.approx(2048 * 30 * 86_400 * 989.4e12 * 0.4 * 0.9, rel=1e-9)
    assert plan["days"] == pytest.approx(30.0)
    code, out, _ = run(capsys, "plan", "--gpu", "H100", "--gpus", "2048", "--days", "30")
    assert code == 0
    assert "2,048 H100s for 30 days at 40% MFU -> 1.7e24 FLOPs" in out
    assert "30.0 days" in out


def test_row_2_a_70b_model_on_15t_tokens(capsys):
    # Done-when: 6 × 70e9 × 15e12 = 6.3e24 FLOPs, not the 94.8B "optimum" of --flops 6.3e24.
    plan = run_json(capsys, "plan", "--params", "70e9", "--tokens", "15e12")
    assert plan["flops"] == pytest.approx(6.3e24)
    assert (plan["n_params"], plan["n_tokens"]) == (70e9, 15e12)
    code, out, _ = run(capsys, "plan", "--params", "70e9", "--tokens", "15e12")
    assert code == 0
    assert "6.3e24 FLOPs" in out and "70B parameters" in out and "15T tokens" in out
    # (6 × 70e9 + 12 × 71 × 9,088 × 8,192) × 15e12 / (989.4e12 × 0.4 × 0.9 × 3600) = 5.66M.
    assert "5.66M GPU-hours" in out


def test_row_3_serving_price_per_million_tokens(capsys):
    plan = run_json(capsys, "plan", "--params", "70e9", "--tokens", "15e12", "--served-tokens", "1e13")
    serving = plan["serving"]
    # 70B in BF16 on H100 at 64 × 8K tokens: decoding bandwidth-bound at 733 tokens/s per GPU, $0.947 per
    # million output tokens; prefill compute-bound at 989.4e12 / 140e9 = 7,067 tokens/s, $0.098 per million.
    assert serving["tokens_per_second_per_gpu"] == pytest.approx(733.0, rel=1e-3)
    assert serving["dollars_per_million_output"] == pytest.approx(2.5 / (733.0 * 3600) * 1e6, rel=1e-3)
    assert serving["dollars_per_million_input"] == pytest.approx(2.5 / (7067.1 * 3600) * 1e6, rel=1e-3)
    assert serving["gpus_per_replica"] == 4 and serving["gpus_for_demand"] == 240
    for key in ("weight_bytes", "kv_cache_bytes", "context", "batch"):
        assert key in serving
    code, out, _ = run(capsys, "plan", "--params", "70e9", "--tokens", "15e12", "--served-tokens", "1e13")
    assert code == 0
    assert "$ per million output tokens" in out and "$0.947" in out and "$0.0983" in out
    assert "KV cache (GQA, 64 x 8,192-token sequences)" in out


def test_row_4_which_law(capsys):
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--law", "all")
    assert code == 0 and "Spread across laws" in out
    table = out.split("Spread across laws")[1]
    for p in planner.plan_all_laws(flops=1e24):
        assert re.search(rf"^{re.escape(p.law)} +{re.escape(format_count(p.n_params))} ", table, re.M)
    plan = run_json(capsys, "plan", "--flops", "1e24", "--law", "all")
    assert [p["law"] for p in plan["laws"]] == list(planner.LAWS)
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--law", "besiroglu")
    assert "Besiroglu et al. 2024" in out and "E=1.817, A=482, B=2085.4" in out


def test_row_5_served_tokens_beyond_the_stock_is_warned(capsys):
    plan = run_json(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e18")
    assert any("effective stock of public human text" in w for w in plan["warnings"])
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e18")
    assert code == 0
    assert "Warning: The demand-aware alternative trains on" in out


def test_row_6_a_dollar_budget_is_never_exceeded(capsys):
    plan = run_json(capsys, "plan", "--dollars", "10e6", "--served-tokens", "1e13")
    assert plan["dollars"] <= 10e6
    assert plan["demand_aware"]["training_flops"] <= plan["flops"] * (1 + 1e-9)
    code, out, _ = run(capsys, "plan", "--dollars", "10e6", "--served-tokens", "1e13")
    assert code == 0
    assert "$10.34" not in out and "$10.00 million" in out


def test_row_7_one_flop_is_refused_naming_the_option(capsys):
    code, out, err = run(capsys, "plan", "--flops", "1")
    assert code == 2 and out == ""
    assert "--flops" in err and "less than one second of one NVIDIA H100" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--flops", "1e300"],
        ["--flops", "1e24", "--gpus", "1e15"],
        ["--params", "1e100"],
        ["--flops", "1e30", "--served-tokens", "1e25"],
    ],
)
def test_row_8_absurd_magnitudes_print_in_engineering_form(capsys, argv):
    code, out, _ = run(capsys, "plan", *argv)
    assert code == 0
    assert not re.search(r"\d{16}", out.replace(",", "")), "a number printed with 16 or more digits"
    table_lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert max(len(line) for line in table_lines) < 120
    assert max(len(line) for line in out.splitlines()) < 300


def test_serving_beyond_counting_is_refused_naming_the_option(capsys):
    code, out, err = run(capsys, "plan", "--flops", "1e300", "--served-tokens", "1e300")
    assert code == 2 and out == "" and "--served-tokens" in err


def test_absurd_cluster_is_refused_naming_the_option_in_few_characters(capsys):
    code, out, err = run(capsys, "plan", "--flops", "1e24", "--gpus", "1e300")
    assert code == 2 and out == "" and "--gpus is too large, got 1e300." in err and len(err) < 100
    code, out, err = run(capsys, "plan", "--params", "1e300", "--tokens", "1e300")
    assert code == 2 and "--params" in err and "would give" not in err


def test_row_9_a_tiny_mfu_is_refused_naming_the_option(capsys):
    code, out, err = run(capsys, "plan", "--flops", "1e24", "--mfu", "1e-300")
    assert code == 2 and out == ""
    assert "--mfu" in err and "finite" not in err


@pytest.mark.parametrize("name, guess", [("mi300", "MI300X"), ("A100-80GB", "A100"), ("NVIDIA H100", "H100")])
def test_row_10_near_miss_gpu_names_get_did_you_mean(capsys, name, guess):
    code, out, err = run(capsys, "plan", "--flops", "1e24", "--gpu", name)
    assert code == 2 and out == ""
    assert f"Did you mean {guess}?" in err


@pytest.mark.parametrize("key", list(hardware.ACCELERATORS))
def test_every_accelerator_is_usable(capsys, key):
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--gpu", key)
    assert code == 0 and hardware.ACCELERATORS[key].name in out
    if hardware.ACCELERATORS[key].fp8_flops is not None:
        code, out, _ = run(capsys, "plan", "--flops", "1e24", "--gpu", key, "--precision", "fp8")
        assert code == 0 and "dense FP8" in out


def test_fp8_on_an_accelerator_without_it_is_refused(capsys):
    code, out, err = run(capsys, "plan", "--flops", "1e24", "--gpu", "A100", "--precision", "fp8")
    assert code == 2 and "--precision fp8" in err and "no dense FP8 peak" in err


def test_unique_tokens_and_its_warnings(capsys):
    plan = run_json(capsys, "plan", "--flops", "1e26", "--unique-tokens", "10e12", "--law", "hoffmann")
    assert plan["epochs"] == pytest.approx(plan["n_tokens"] / 10e12)
    assert any("repeats its unique data" in w for w in plan["warnings"])
    plan = run_json(capsys, "plan", "--flops", "1e24", "--unique-tokens", "1e15")
    assert any("--unique-tokens 1e15" in w for w in plan["warnings"])
    # The row: 300T unique tokens are already the effective stock; the advice is not "pass --unique-tokens".
    plan = run_json(capsys, "plan", "--unique-tokens", "300e12", "--flops", "1e29")
    assert any("Lower --unique-tokens to at most" in w for w in plan["warnings"])
    assert not any("pass --unique-tokens" in w for w in plan["warnings"])


def test_a_mixture_of_experts_is_shown_with_total_and_active_parameters(capsys):
    argv = ["plan", "--params", "671e9", "--active-params", "37e9", "--tokens", "14.8e12", "--gpu", "H800"]
    argv += ["--precision", "fp8", "--attention", "mla", "--served-tokens", "1e13"]
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    assert "model N (total)" in out and "671B parameters" in out and "active N per token" in out
    assert "do not apply to a mixture of experts" in out
    assert "KV cache (MLA" in out and "671 GB" in out  # FP8 weights of all 671B parameters
    plan = run_json(capsys, *argv)
    assert plan["loss"] is None and plan["demand_aware"] is None
    assert plan["active_params"] == 37e9 and plan["n_params"] == 671e9


def test_training_memory_is_printed_with_its_assumption(capsys):
    code, out, _ = run(capsys, "plan", "--params", "70e9", "--tokens", "15e12")
    assert code == 0
    assert "Training memory" in out and "fewest H100s that hold it" in out
    assert "Assumption: full recomputation" in out


def test_show_prints_the_command_and_its_output_or_error_without_exiting(capsys):
    cli.show("--flops 1e24")
    out = capsys.readouterr().out
    assert out.startswith("$ python -m scaling plan --flops 1e24\nTraining plan\n")
    cli.show("--flops 1")
    out = capsys.readouterr().out
    assert "--flops" in out and "(exit status 2)" in out
