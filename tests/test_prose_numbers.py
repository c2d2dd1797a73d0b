"""Numbers in the prose: ``shown`` values, the {eval} conversion, the stored values and the web book's role.

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
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "_ext"))
import glue_to_eval  # noqa: E402
import stored_eval  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_shown_formats_and_displays_without_quotes():
    from IPython.core.formatters import PlainTextFormatter

    assert shown(1000, ",") == "1,000" and isinstance(shown(1000, ","), Shown)
    assert shown(0.2057, ".0%") == "21%" and shown("70B") == "70B"
    assert PlainTextFormatter()(shown(0.0761, ".2f")) == "0.08"  # what an inline expression shows
    assert repr(shown(1, "d")) == "'1'"  # debugging still sees a string


def test_shown_rejects_a_format_that_does_not_fit():
    with pytest.raises(ValueError, match="Cannot format 'abc' with '.2f'"):
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
        assert "{glue" not in cell.source, f"{path.name} cell {index} still uses glue: run tools/glue_to_eval.py"


def test_no_chapter_is_left_to_convert():
    chapters = sorted((ROOT / "book").glob("[0-9][0-9]-*.md"))
    assert glue_to_eval.main(["--check", *map(str, chapters)]) == 0


CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
---

Intro with {glue:text}`alpha` and {glue}`sum`.

```{code-cell} ipython3
from scaling.book import glue
```

```{code-cell} ipython3
fit = 0.5
print(fit)
glue("alpha", fit, ".2f")
glue("sum",
     fit + 1, "g")  # a comment
```

The {glue:text}`alpha` again, then {glue:text}`done`.

```{code-cell} ipython3
:tags: [remove-cell]

for k in (1, 2):
    glue(f"done_{k}", k)
```
"""


def test_glue_to_eval_converts_literal_calls_and_reports_the_rest():
    converted, report = glue_to_eval.convert(CHAPTER)
    assert "from scaling.book import shown" in converted
    assert 'alpha = shown(fit, ".2f")' in converted and 'sum_text = shown(fit + 1, "g")  # a comment' in converted
    assert "{eval}`alpha`" in converted and "{eval}`sum_text`" in converted and "{glue" not in converted
    # the bookkeeping leaves the visible cell for one the web book hides
    assert "print(fit)\n```\n\n```{code-cell} ipython3\n:tags: [remove-input]\n\nalpha = shown" in converted
    assert "cell_metadata_filter: -user_expressions" in converted
    assert report == ['by hand: glue(f"done_{k}", k)']
    assert glue_to_eval.convert(converted)[0] == converted  # re-running changes nothing
    late = glue_to_eval.used_before_defined(converted)
    assert "{eval}`alpha` is used before a cell defines alpha" in late


def test_glue_to_eval_keeps_a_chapter_without_glue_byte_for_byte():
    text = (ROOT / "book" / "00-preface.md").read_text()
    assert glue_to_eval.convert(text) == (text, [])


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


@pytest.mark.parametrize("path", sorted((ROOT / "book").glob("*.md")), ids=lambda p: p.stem)
def test_glue_to_eval_reads_and_writes_every_page_unchanged(path):
    text = path.read_text()
    assert "".join(cell.text() for cell in glue_to_eval.split_cells(text)) == text
