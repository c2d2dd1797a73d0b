"""A Colab-style start, for real: a fresh Python without the course package runs every chapter.

Colab opens a chapter with Jupyter and the scientific stack but not `scaling`; the chapter's first
cell (tested in isolation in tests/test_colab_setup.py) must install the package and everything it
needs, data included. This test builds such a Python (a fresh virtual environment holding only a
kernel), points the setup cell at this clone instead of GitHub (the same `pip install git+...`
command, so the package is built from what git holds, as Colab builds it), and runs each chapter
notebook there with nbclient, outside the checkout so nothing is imported from it.

It needs the package registry and about two minutes, so it runs in CI (.ci/run sets CI) and
locally with CI=1. Dependency versions are pinned through PIP_CONSTRAINT to constraints.txt, so
the notebooks run on the versions nbval checks.
"""

import json
import os
import subprocess
import venv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REPOSITORY = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
CHAPTERS = sorted((ROOT / "notebooks").glob("0[1-9]-*.ipynb")) + [ROOT / "notebooks" / "planner.ipynb"]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))

pytestmark = pytest.mark.skipif(
    not os.environ.get("CI"),
    reason="builds a fresh environment from the package registry (about two minutes): "
    "runs in CI (.ci/run sets CI); set CI=1 to run it here",
)

RUNNER = """
import sys, nbformat, nbclient
path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                        resources={"metadata": {"path": sys.argv[2]}}).execute()
nbformat.write(notebook, path)
"""


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """A fresh environment with a Jupyter kernel and nothing of the course; returns (python, workdir)."""
    base = tmp_path_factory.mktemp("colab")
    venv.create(base / "venv", with_pip=True)
    python = base / "venv" / "bin" / "python"
    env = {**os.environ, "PIP_CONSTRAINT": str(ROOT / "constraints.txt"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("PYTHONPATH", None)
    subprocess.run([python, "-m", "pip", "install", "-q", "ipykernel", "nbclient"], check=True, env=env)
    probe = subprocess.run([python, "-c", "import scaling"], cwd=base, env=env, capture_output=True)
    assert probe.returncode != 0, "the fresh environment must start without the course package"
    work = base / "work"
    work.mkdir()
    return python, work, env


def pointed_at_this_clone(path: Path, work: Path) -> Path:
    """Copy a notebook into `work`, its setup cell installing from this clone rather than GitHub."""
    notebook = json.loads(path.read_text())
    setup = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    source = "".join(setup["source"])
    assert f"git+{REPOSITORY}" in source, f"{path.name}: the first code cell is not the setup cell"
    setup["source"] = source.replace(f"git+{REPOSITORY}", f"git+file://{ROOT}")
    copy = work / path.name
    copy.write_text(json.dumps(notebook))
    return copy


def run(python: Path, notebook: Path, env: dict) -> dict:
    result = subprocess.run(
        [python, "-c", RUNNER, notebook, notebook.parent], env=env, cwd=notebook.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{notebook.name} failed in a fresh environment:\n{result.stderr[-3000:]}"
    return json.loads(notebook.read_text())


def test_the_first_chapter_installs_the_package_from_git(colab):
    python, work, env = colab
    run(python, pointed_at_this_clone(CHAPTERS[0], work), env)
    where = subprocess.run(
        [python, "-c", "import scaling; print(scaling.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in where and str(ROOT) not in where, where


@pytest.mark.parametrize("path", CHAPTERS[1:] + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_runs_where_the_package_was_installed_by_its_setup_cell(colab, path):
    python, work, env = colab
    notebook = run(python, pointed_at_this_clone(path, work), env)
    errors = [
        output for cell in notebook["cells"] for output in cell.get("outputs", []) if output["output_type"] == "error"
    ]
    assert errors == [], errors
