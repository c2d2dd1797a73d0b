"""The published site is built by what CI runs, and CI runs every test `make test` runs."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CI = (ROOT / ".ci" / "run").read_text()
MAKEFILE = (ROOT / "Makefile").read_text()


def test_the_pages_workflow_runs_ci_then_publishes_what_it_built():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    assert ".ci/run" in runs, "pages.yml must run .ci/run, not its own test command"
    assert not any(re.search(r"\bmake test\b", run) for run in runs)
    assert runs.index(".ci/run") < uses.index("actions/upload-pages-artifact@v3")
    assert workflow["jobs"]["deploy"]["needs"] == "test"


def test_ci_lints_before_it_tests():
    assert CI.index("make lint") < CI.index("make test")


def test_the_two_ci_sessions_together_are_make_test():
    alone = re.search(r"ALONE=\(([^)]*)\)", CI)[1].split()
    beside = re.search(r"^test-ci-beside:.*\n\t.*pytest (.*)$", MAKEFILE, re.M)[1].split()
    assert sorted(alone) == sorted(beside)
    assert all((ROOT / path).is_file() for path in alone)
    assert 'make test PYTEST_ARGS="${ALONE[*]/#/--ignore=}"' in CI
