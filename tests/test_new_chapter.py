"""`make chapter` writes a skeleton on which the tests pass: tried in a copy of the repository.

The generator (tools/book/new_chapter.py) runs on a copy with the next free chapter number; the copy's
chapter and preface are executed as `make notebook` does, its exercises regenerated, and the tests
a new chapter meets run there: the module's and the widget's own tests, the contract test, the
exercise and fair-feedback tests, the sync gate, the prose numbers and nbval on the new notebook.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.book import new_chapter

ROOT = Path(__file__).resolve().parent.parent


def copy_of_the_repository(target: Path) -> None:
    """The files git tracks (and new ones it does not ignore), as they are in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot list the repository's files to copy")
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def test_names_refuse_what_would_not_make_a_chapter():
    assert new_chapter.names("8", "mixture-of-experts")["module"] == "mixture_of_experts"
    assert new_chapter.names("08", "mixture-of-experts", "moe")["nn"] == "08"
    for bad in (("0", "x"), ("100", "x"), ("8", "Mixture of experts"), ("8", "moe_"), ("8", "x-", None)):
        with pytest.raises(SystemExit):
            new_chapter.names(*bad)
    with pytest.raises(SystemExit, match="MODULE"):
        new_chapter.names("8", "moe", "class-x")


def test_the_skeleton_of_a_new_chapter_passes_the_tests(tmp_path):
    repo = tmp_path / "repo"
    copy_of_the_repository(repo)
    taken = [int(p.name[:2]) for p in (ROOT / "book").glob("[0-9][0-9]-*.md")]
    number = f"{max(taken) + 1:02d}"
    words = new_chapter.names(number, "skeleton-check")
    written = new_chapter.write_skeleton(words, repo)
    with pytest.raises(SystemExit, match="Not overwriting"):
        new_chapter.write_skeleton(words, repo)
    for path in written:
        assert "{{" not in path.read_text(), f"{path.name}: a placeholder was left unfilled"
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")
    assert f"notebooks/{number}-skeleton-check" in (repo / "_toc.yml").read_text()
    assert f"<{number}-skeleton-check>" in (repo / "book" / "00-preface.md").read_text()
    assert "scaling.skeleton_check.example_ratio" in (repo / "tests" / "contracts" / "skeleton_check.py").read_text()
    assert "scaling.widgets.skeleton_check.explorer" in (repo / "tests/contracts/widgets_skeleton_check.py").read_text()

    env = {**os.environ, "PYTHONPATH": str(repo), "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], cwd=repo, env=env, capture_output=True, text=True)
        assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done.stdout

    pages = [f"book/{number}-skeleton-check.md", "book/00-preface.md"]  # what `make notebook` does
    run("-m", "tools.book.execute_notebooks", *pages)
    for page in pages:
        os.utime(repo / page)
    run("-m", "jupytext", "--sync", "--quiet", *pages)
    run("-m", "tools.book.make_exercises")
    outputs = [run(
        "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
        "tests/test_skeleton_check.py", "tests/test_plots_widgets_skeleton_check.py", "tests/test_notebooks.py",
        "tests/test_prose_numbers.py", "tests/test_exercises.py", "tests/test_colab_setup.py",
        "tests/test_contract.py", "-k", f"skeleton or registered or {number} or sync or titles or outputs or eval",
    )]  # fmt: skip
    outputs.append(
        run("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_feedback.py", "-k", "declared or kind")
    )
    outputs.append(run("-m", "pytest", "-q", "-p", "no:cacheprovider", f"notebooks/{number}-skeleton-check.ipynb"))
    assert all(re.search(r"\d+ passed", out) for out in outputs), outputs
