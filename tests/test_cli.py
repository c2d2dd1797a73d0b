"""Tests for the planner: ``python -m scaling plan``."""

import re
import subprocess
import sys

import pytest

from scaling.cli import main


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
    code, out, err = run(capsys, *argv)
    assert code == 0 and err == ""
    # Hoffmann Eq. 4 with the rounded constants: G = 1.3447, a_N = 0.4516,
    # N = 1.3447 × (1e24/6)^0.4516 = 41.3B; D = 1e24 / (6 × 41.3e9) = 4.04T.
    assert "41.3B parameters" in out
    assert "4.04T tokens" in out
    assert "E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28" in out
    assert "Hoffmann et al. 2022" in out
    # GPU-hours: 1e24 / (989.4e12 × 0.4 × 3600) = 701,887 → "702K".
    assert "702K GPU-hours" in out
    # Days: 701,887 / 4,096 / 24 = 7.14.
    assert "7.1 days" in out
    # Cost: 701,887 × $2.5 = $1.75 million. Energy: 701,887 × 700 W × 1.1 / 1e6 = 540 MWh.
    assert "$1.75 million" in out
    assert "540 MWh" in out
    assert "Demand-aware" not in out


def test_plan_lines_are_aligned(capsys):
    _, out, _ = run(capsys, "plan", "--flops", "1e24")
    rows = [line for line in out.splitlines() if line.startswith("  ")]
    value_columns = {len(line) - len(line[2:].split("  ", 1)[1].lstrip()) for line in rows}
    assert len(value_columns) == 1


def test_plan_with_served_tokens_shows_demand_aware_model(capsys):
    code, out, _ = run(capsys, "plan", "--flops", "1e24", "--served-tokens", "1e13")
    assert code == 0
    assert "Demand-aware alternative" in out
    # Same loss as the 41.3B compute-optimal model; serving 1e13 tokens moves the optimum to ≈24.2B
    # and saves ≈12.6% of lifetime compute (values from scaling.inference, checked there against a grid).
    assert "24.2B parameters" in out
    assert "12.6%" in out
    assert "1.9112 nats/token" in out


def test_plan_from_dollars(capsys):
    # $1e6 / $2.5 = 4e5 GPU-hours × 3600 × 989.4e12 × 0.4 = 5.7e23 FLOPs.
    code, out, _ = run(capsys, "plan", "--dollars", "1e6", "--price", "2.5", "--mfu", "0.4")
    assert code == 0
    assert "$1.00 million -> 5.7e23 FLOPs" in out
    assert "$1.00 million" in out.split("training cost")[1]


def test_help_documents_every_option_with_units(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["plan", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    for option in ("--flops", "--dollars", "--gpu", "--gpus", "--mfu", "--price", "--pue", "--served-tokens"):
        assert option in out
    for unit in ("FLOPs", "US dollars", "per GPU-hour", "(0, 1]", "tokens", "H100", "MI300X"):
        assert unit in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["plan", "--flops", "-1e24"], "greater than zero"),
        (["plan", "--flops=-1e24"], "greater than zero"),
        (["plan", "--flops", "-.5"], "greater than zero"),
        (["plan", "--flops", "nan"], "finite"),
        (["plan", "--flops", "lots"], "must be a number"),
        (["plan", "--flops", "1e24", "--gpu", "TPU"], "Unknown GPU 'TPU'. Did you mean TPUv4, .* Choose one of A100, H100"),
        (["plan", "--flops", "1e24", "--mfu", "1.5"], r"MFU \(--mfu\) must lie in \(0, 1\]"),
        (["plan", "--flops", "1e24", "--mfu", "0"], "MFU"),
        (["plan", "--flops", "1e24", "--gpus", "0"], "at least 1"),
        (["plan", "--flops", "1e24", "--gpus", "2.5"], "whole number"),
        (["plan", "--flops", "1e24", "--price", "-2"], "price"),
        (["plan", "--flops", "1e24", "--served-tokens", "-5"], "zero or more"),
        (["plan", "--flops", "1e24", "--pue", "0.5"], "PUE"),
        (["plan", "--flops", "1e24", "--dollars", "1e6"], "not allowed with"),
        (["plan"], "one of the arguments --flops --dollars is required"),
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
    assert "41.3B parameters" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "scaling", "plan", "--flops", "-3"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert len(bad.stderr.strip().splitlines()) == 1
