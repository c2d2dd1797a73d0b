"""Numbers in the prose: ``shown`` values, the {eval} expressions, the stored values and the web book's role.

That the stored values are *current* is checked during the nbval run (tests/conftest.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from scaling.book import EVAL_ROLE, Shown, eval_expressions, shown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
import stored_eval  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_shown_formats_and_displays_without_quotes():
    from IPython.core.formatters import PlainTextFormatter

    assert shown(1000, ",") == "1,000" and isinstance(shown(1000, ","), Shown)
    assert shown(0.2057, ".0%") == "21%" and shown("70B") == "70B"
    assert PlainTextFormatter()(shown(0.0761, ".2f")) == "0.08"  # what an inline expression shows
    assert repr(shown(1, "d")) == "'1'"  # debugging still sees a string


def test_shown_rejects_a_format_that_does_not_fit():
    with pytest.raises(ValueError, match="Cannot format 'abc' with the format '.2f'"):
        shown("abc", ".2f")


def test_eval_expressions_in_order_once():
    assert eval_expressions("a {eval}`x` b {eval}`y[1]` c {eval}`x`.") == ["x", "y[1]"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_eval_in_a_notebook_has_its_stored_value(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        stored = [e["expression"] for e in cell.metadata.get("user_expressions", [])]
        # Every occurrence, as jupyterlab-myst stores them (tools/execute_notebooks.py).
        assert stored == EVAL_ROLE.findall(cell.source), f"{path.name} cell {index}: run `make notebooks`"
        for entry in cell.metadata.get("user_expressions", []):
            assert entry["result"]["status"] == "ok" and entry["result"]["data"]["text/plain"].strip()
        assert "{glue" not in cell.source, f"{path.name} cell {index} uses glue: write {{eval}} (CONTRIBUTING.md)"


@pytest.mark.parametrize("path", sorted((ROOT / "book").glob("*.md")), ids=lambda p: p.stem)
def test_no_page_uses_myst_nbs_glue(path):
    """A {glue} number never reaches a JupyterLab reader: every page uses {eval} (CONTRIBUTING.md)."""
    text = path.read_text()
    assert "{glue" not in text and "import glue" not in text, f"{path.name}: write shown() and {{eval}} instead"


def test_the_book_role_reads_stored_values(tmp_path):
    notebook = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": "x {eval}`a`",
                "metadata": {
                    "user_expressions": [
                        {
                            "expression": "a",
                            "result": {"status": "ok", "data": {"text/plain": "'1,000'"}, "metadata": {}},
                        },
                        {"expression": "b", "result": {"status": "ok", "data": {"text/plain": "0.5"}, "metadata": {}}},
                    ]
                },
            }
        ]
    }
    path = tmp_path / "n.ipynb"
    path.write_text(json.dumps(notebook))
    assert stored_eval.stored_values(str(path), 0.0) == {"a": "1,000", "b": "0.5"}
