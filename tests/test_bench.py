"""`make bench` runs every section to the end (tools/bench.py); its numbers are never asserted."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import bench  # noqa: E402


def test_a_failing_section_prints_its_reason_and_the_next_one_runs(capsys):
    def broken():
        yield ("first row", "1.0 s")
        raise AttributeError("module 'bench_x' has no attribute 'run'")

    assert bench.run_section("Broken", broken) is False
    assert bench.run_section("Fine", lambda: [("row", "2.0 s")]) is True
    out = capsys.readouterr().out
    assert "first row" in out and "FAILED: AttributeError: module 'bench_x' has no attribute 'run'" in out
    assert "Fine\n  row" in out


def test_a_failed_row_makes_the_section_fail():
    assert bench.run_section("Chapters", lambda: [("03-chinchilla", "FAILED: nbval failed: 1 failed")]) is False


def test_grading_is_its_own_target_and_every_other_bench_module_is_a_section():
    titles = [title for title, _ in bench.extra_sections()]
    assert not any("bench_grading" in t for t in titles)
    others = {p.name for p in (ROOT / "tools").glob("bench_*.py")} - {"bench_grading.py"}
    assert {t.rsplit("(tools/", 1)[1].rstrip(")") for t in titles} == others
