"""Every module the code imports is declared in pyproject.toml, in the environment that runs it.

A module that arrives only as a dependency of a dependency (nbclient through jupyter-book, PyYAML
through jupytext) disappears the day that dependency stops needing it. The imports are read from
the source (ast), mapped to the distributions that provide them, and looked up in:

* the package's ``dependencies`` for what ``scaling`` imports at module level (the learners'
  environment, which environment.yml mirrors: tests/test_environment.py);
* the ``grade`` extra for the instructors' tools that run in .venv-grade;
* the ``data`` extra for tools/rebuild_data.py (run by hand, see data/README.md);
* the ``test`` extra for everything else (tests, tools, the book's Sphinx extensions, and
  imports that ``scaling`` makes inside a function for the book build).
"""

import ast
import functools
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

#: Tools that run in .venv-grade (`make assignment`, `make grade`, `make bench-grading`).
GRADE_TOOLS = {"grade.py", "make_assignment.py", "assignment_master.py", "hidden_tests.py", "bench_grading.py"}
#: Modules not installed in the test environment, and the distribution that provides each.
NOT_HERE = {"otter": "otter-grader", "pandas": "pandas"}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*groups: str) -> set[str]:
    requirements = list(PROJECT["dependencies"])
    for group in groups:
        requirements += PROJECT["optional-dependencies"][group]
    return {normal(re.match(r"[A-Za-z0-9_.\-]+", r)[0]) for r in requirements}


def sources() -> list[Path]:
    files = [ROOT / "conftest.py"]
    for folder in ("scaling", "tools", "tests", "_ext"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


LOCAL = {p.stem for p in sources()} | {"scaling", "tools", "tests", "_ext"}


def imports(path: Path) -> list[tuple[str, bool]]:
    """(top-level module, imported at module level) of every absolute import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body} | {
        id(child) for node in tree.body if isinstance(node, ast.If | ast.Try) for child in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [(name.split(".")[0], id(node) in top_level) for name in names]
    return [(m, top) for m, top in found if m not in sys.stdlib_module_names and m not in LOCAL]


@functools.cache
def providers_of() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def distribution(module: str) -> str:
    if module in NOT_HERE:
        return NOT_HERE[module]
    providers = providers_of().get(module)
    assert providers, f"no installed distribution provides `{module}`: add it to NOT_HERE with its name"
    return normal(providers[0])


def environment(path: Path, module_level: bool) -> tuple[str, set[str]]:
    """Where an import in ``path`` must be declared: (description, declared distributions)."""
    relative = path.relative_to(ROOT)
    if relative.parts[0] == "scaling" and module_level:
        return "[project] dependencies (the learners' environment)", declared()
    if relative.parts[0] == "tools" and path.name in GRADE_TOOLS:
        return "the `grade` extra", declared("grade")
    if path.name == "rebuild_data.py":
        return "the `data` extra", declared("data", "test")
    return "the `test` extra", declared("test")


def undeclared(path: Path) -> list[str]:
    """A sentence for each module ``path`` imports that its environment does not declare."""
    problems = []
    for module, module_level in imports(path):
        where, names = environment(path, module_level)
        wanted = distribution(module)
        if wanted not in names:
            problems.append(f"{path.name} imports `{module}`: declare `{wanted}` in {where} of pyproject.toml")
    return problems


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_imported_module_is_declared(path):
    assert undeclared(path) == []


def test_the_scan_sees_imports_at_every_depth(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("import os\nimport numpy as np\ntry:\n    import yaml\nexcept ImportError:\n    pass\n")
    source.write_text(source.read_text() + "def f():\n    from nbclient import NotebookClient\n")
    assert imports(source) == [("numpy", True), ("yaml", True), ("nbclient", False)]


def test_a_module_left_undeclared_fails(monkeypatch):
    without = [r for r in PROJECT["optional-dependencies"]["test"] if not r.startswith("fonttools")]
    monkeypatch.setitem(PROJECT["optional-dependencies"], "test", without)
    assert undeclared(ROOT / "tools" / "lean_site.py") == [
        "lean_site.py imports `fontTools`: declare `fonttools` in the `test` extra of pyproject.toml"
    ]
    # scaling's module-level imports need the learners' environment: the test extra is not enough.
    assert environment(ROOT / "scaling" / "powerlaw.py", True)[1] == declared()
