"""Every page with code, and every exercise notebook, starts with the setup cell that installs the
course package where it is missing.

Colab opens a notebook of this repository with nothing installed; its first cell must install the
package from the repository named in _config.yml, and elsewhere (JupyterLab, Binder, nbval) do nothing.
The exercise masters (solutions/*.md) carry the cell themselves, so the self-study notebooks
(exercises/*.ipynb) and the otter assignment built from the same master both get it.
"""

import builtins
import json
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p for p in (ROOT / "book").glob("*.md") if "```{code-cell}" in p.read_text())
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]-*.ipynb"))
REPOSITORY = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]


def first_code_cell(page: Path) -> dict:
    """The first code cell of a chapter's notebook (given its book/*.md page) or of a notebook path."""
    path = page if page.suffix == ".ipynb" else ROOT / "notebooks" / f"{page.stem}.ipynb"
    notebook = json.loads(path.read_text())
    return next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")


def run_cell(source: str, monkeypatch, scaling_importable: bool) -> list:
    """Execute the cell's source with subprocess.check_call recorded instead of run."""
    calls = []
    monkeypatch.setattr(subprocess, "check_call", lambda command, *a, **k: calls.append(command))
    real_import = builtins.__import__

    def importer(name, *args, **kwargs):
        if name == "scaling" and not scaling_importable:
            raise ImportError("No module named 'scaling'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", importer)
    exec(compile(source, "<setup cell>", "exec"), {})
    monkeypatch.undo()
    return calls


def test_every_page_with_code_is_covered():
    assert len(PAGES) >= 7, [p.name for p in PAGES]


@pytest.mark.parametrize("page", PAGES + EXERCISES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_setup_cell_installs_the_package_only_where_it_is_missing(page, monkeypatch):
    cell = first_code_cell(page)
    source = "".join(cell["source"])
    if page in PAGES:
        assert "remove-input" in cell["metadata"].get("tags", []), "the web page hides the setup cell"
    assert cell["outputs"] == [], "the setup cell prints nothing where the package is installed"
    assert run_cell(source, monkeypatch, scaling_importable=True) == []
    calls = run_cell(source, monkeypatch, scaling_importable=False)
    assert len(calls) == 1, calls
    command = calls[0]
    assert command[1:4] == ["-m", "pip", "install"], command
    assert f"git+{REPOSITORY}" in command, f"{page.name}: install from {REPOSITORY} (_config.yml), not {command}"


def test_setup_cell_is_identical_on_every_page_and_exercise_notebook():
    sources = {page.name: "".join(first_code_cell(page)["source"]) for page in PAGES + EXERCISES}
    assert len(set(sources.values())) == 1, sources


def test_every_exercise_notebook_is_covered():
    masters = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.md"))
    assert [p.stem for p in EXERCISES] == [p.stem for p in masters] and len(EXERCISES) >= 7


def test_the_repository_is_one_setting():
    """_config.yml's repository.url (launch buttons, setup cells) is the package's own Repository URL."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Repository"] == REPOSITORY, "pyproject.toml [project.urls] and _config.yml disagree"
