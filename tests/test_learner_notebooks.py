"""tools/learner_notebooks.py: what a learner's JupyterLab shows before anything runs.

The browser checks are in tests/test_jupyterlab.py; these check the rewriting itself, and that the
committed notebooks carry it (citations written out, plumbing collapsed, navigation, a PNG beside
every SVG figure)."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import learner_notebooks as learner  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))


def test_citations_terms_and_documents_are_written_out_as_links():
    text = learner.resolve_roles(
        "{cite:t}`kaplan2020` and {cite:p}`kaplan2020,hoffmann2022`, {cite:yearpar}`kaplan2020`; "
        "a {term}`power law`, {term}`PF-days <PF-day>`; the {doc}`bibliography <../book/bibliography>`.",
        ROOT / "notebooks",
    )
    assert not learner.ROLE.search(text)
    assert text.startswith('[Kaplan et al. (2020)](https://arxiv.org/abs/2001.08361 "Jared Kaplan')
    assert "([Kaplan et al., 2020](" in text and "; [Hoffmann et al., 2022](" in text
    assert "([2020](https://arxiv.org/abs/2001.08361" in text
    assert '[power law](../book/glossary.md "A relation' in text and "[PF-days](../book/glossary.md" in text
    assert "[bibliography](../book/bibliography.md)" in text
    exercise = learner.resolve_roles("{term}`power law`", ROOT / "exercises")
    assert exercise.startswith("[power law](../book/glossary.md ")


def test_an_unknown_key_or_term_is_left_as_it_is_with_a_warning(capsys):
    for role in ("{cite:t}`nosuchkey2099`", "{term}`no such term`"):
        assert learner.resolve_roles(f"a {role}.", ROOT / "notebooks", "ch") == f"a {role}."
    warnings = capsys.readouterr().err
    assert "nosuchkey2099` is not in references.bib" in warnings and "not in book/glossary.md" in warnings


def test_plumbing_is_collapsed_by_its_tags():
    cells = [
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": tags})
        for tags in (["remove-cell"], ["remove-input"], ["hide-input"], [], ["remove-output"])
    ]
    cells[4].outputs = [nbformat.v4.new_output("stream", text="hi")]
    for cell in cells:
        learner.collapse_plumbing(cell)
    assert [c.metadata.get("jupyter", {}).get("source_hidden", False) for c in cells] == [True] * 3 + [False] * 2
    assert cells[4].metadata["jupyter"] == {"outputs_hidden": True} and "jupyter" not in cells[3].metadata


def test_navigation_follows_the_table_of_contents():
    pages = learner.pages()
    assert pages[0] == "00-preface" and pages.index("01-power-laws") < pages.index("02-kaplan")
    nav = learner.chapter_navigation("01-power-laws")
    assert "[exercises/01-power-laws.ipynb](../exercises/01-power-laws.ipynb)" in nav
    assert f"]({pages[pages.index('01-power-laws') + 1]}.ipynb)" in nav
    assert "`exercises/01-power-laws.ipynb`" in learner.chapter_navigation("01-power-laws", web=True)
    assert "](../notebooks/01-power-laws.ipynb)" in learner.exercise_navigation("01-power-laws")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_committed_notebooks_are_as_a_learner_opens_them(path):
    notebook = json.loads(path.read_text())
    where = f"{path.parent.name}/{path.name}: run `make notebooks`"
    assert notebook["metadata"]["kernelspec"] == learner.KERNELSPEC, where
    assert "language_info" in notebook["metadata"], where
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            assert not learner.ROLE.search(text), f"{where}: a MyST role JupyterLab cannot resolve"
        tags = set(cell["metadata"].get("tags", []))
        hidden = cell["metadata"].get("jupyter", {}).get("source_hidden", False)
        assert hidden == bool(tags & learner.HIDE_SOURCE), f"{where}: plumbing not collapsed"
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data:
                assert "image/png" in data, f"{where}: an SVG figure without its PNG (untrusted JupyterLab)"
                assert output["metadata"]["image/png"]["width"] > 0
    last = notebook["cells"][-1]
    has_nav = learner.NAV_TAG in last["metadata"].get("tags", [])
    expected = path.parent.name == "exercises" or learner.chapter_navigation(path.stem) is not None
    assert has_nav == expected, f"{where}: navigation cell"


def test_make_lab_starts_as_root_only_when_root():
    import os

    dry = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    lab = next(line for line in dry.splitlines() if "jupyter lab" in line)
    assert ("--allow-root" in lab) == (os.getuid() == 0)
