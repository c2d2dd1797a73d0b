"""Regenerating a notebook does not rewrite its cell ids or add timestamps (tools/cell_ids.py).

jupytext gives every cell read from a MyST page a random id; the generators replace it with the
id of the matching cell in the file they overwrite, or an id derived from the cell's content.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from cell_ids import content_id, keep_cell_ids, previous_cells  # noqa: E402

CHAPTERS = sorted(p for p in (ROOT / "book").glob("*.md") if p.read_text().startswith("---\njupytext:"))


def _cells(*sources):
    """Markdown cells for strings starting with '#', code cells otherwise."""
    return [new_markdown_cell(s) if s.startswith("#") else new_code_cell(s) for s in sources]


def test_unchanged_cells_keep_their_ids():
    previous = _cells("# Title", "x = 1", "print(x)")
    ids = [c.id for c in previous]
    cells = _cells("# Title", "x = 1", "print(x)")
    assert [c.id for c in cells] != ids  # nbformat's fresh random ids
    keep_cell_ids(cells, previous)
    assert [c.id for c in cells] == ids


def test_an_inserted_cell_changes_no_other_id_and_an_edited_cell_keeps_its_own():
    previous = _cells("# Title", "x = 1", "print(x)")
    ids = [c.id for c in previous]
    cells = _cells("# Title", "x = 2", "y = x + 1", "print(x)")
    keep_cell_ids(cells, previous)
    assert [cells[0].id, cells[1].id, cells[3].id] == ids
    assert cells[2].id not in ids and len(cells[2].id) == 8


def test_without_a_previous_file_ids_come_from_content_and_are_unique():
    first, second = _cells("# A", "x = 1", "x = 1", "# A"), _cells("# A", "x = 1", "x = 1", "# A")
    keep_cell_ids(first, [])
    keep_cell_ids(second, [])
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == 4
    for cell in first:
        nbformat.validate(nbformat.v4.new_notebook(cells=[cell]))  # a valid nbformat 4.5 id


def test_a_content_id_avoids_ids_already_taken():
    cell = new_code_cell("x = 1")
    taken = {content_id(cell, set())}
    assert content_id(cell, taken) not in taken


def test_a_missing_or_conflicted_previous_file_reads_as_no_cells(tmp_path):
    broken = tmp_path / "conflicted.ipynb"
    broken.write_text('<<<<<<< HEAD\n{"cells": []}\n=======\n')
    assert previous_cells(broken) == []
    assert previous_cells(tmp_path / "missing.ipynb") == []


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_regenerating_a_chapter_keeps_every_committed_id(source):
    """What tools/execute_notebooks.py assigns before executing equals what is committed."""
    committed = nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4)
    for _ in range(2):
        cells = jupytext.read(source).cells
        keep_cell_ids(cells, previous_cells(ROOT / "notebooks" / f"{source.stem}.ipynb"))
        assert [c.id for c in cells] == [c.id for c in committed.cells]


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_committed_notebooks_hold_no_execution_timestamps(source):
    committed = nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4)
    stamped = [i for i, cell in enumerate(committed.cells) if "execution" in cell.metadata]
    assert not stamped, f"cells {stamped} of {source.stem}.ipynb carry nbclient timestamps: run `make notebooks`"
