"""Regenerating a notebook rewrites nothing when nothing changed (tools/cell_ids.py, tools/execute_notebooks.py).

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

from scaling.widgets import widget_model_id  # noqa: E402

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
    # The navigation cell is added after the ids are kept (tools/learner_notebooks.py).
    committed.cells = [c for c in committed.cells if "course-navigation" not in c.metadata.get("tags", [])]
    for _ in range(2):
        cells = jupytext.read(source).cells
        keep_cell_ids(cells, previous_cells(ROOT / "notebooks" / f"{source.stem}.ipynb"))
        assert [c.id for c in cells] == [c.id for c in committed.cells]


def test_consecutive_prints_to_one_stream_are_stored_as_one_output():
    from execute_notebooks import merge_streams

    outputs = [
        {"output_type": "stream", "name": "stdout", "text": "a\n"},
        {"output_type": "stream", "name": "stdout", "text": ["b\n", "c\n"]},
        {"output_type": "stream", "name": "stderr", "text": "warn\n"},
        {"output_type": "display_data", "data": {"text/plain": "<Figure>"}},
        {"output_type": "stream", "name": "stderr", "text": "more\n"},
    ]
    cell = {"cell_type": "code", "outputs": outputs}
    merge_streams(type("Notebook", (), {"cells": [cell]})())
    assert [o.get("text") for o in cell["outputs"]] == ["a\nb\nc\n", "warn\n", None, "more\n"]


def test_widgets_are_named_by_their_rank_in_the_kernel():
    """scaling.widgets names each widget by its rank, so two runs of a chapter write the same ids."""
    import ipywidgets

    from scaling import widgets

    first, second = ipywidgets.IntSlider(), ipywidgets.IntSlider()
    ranks = [r for r in range(10_000) if widgets.widget_model_id(r) in (first.model_id, second.model_id)]
    assert len(ranks) == 2 and ranks[0] < ranks[1]  # (each slider also makes its layout and style)
    assert first._repr_mimebundle_()["text/plain"] == widgets.RUN_FOR_CONTROLS
    assert ipywidgets.IntSlider(model_id="mine").model_id == "mine"


RANKED_IDS = {widget_model_id(rank) for rank in range(10_000)}


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_committed_notebooks_hold_no_run_dependent_values(source):
    """No nbclient timestamps, widget ids derived from their rank (scaling.widgets), no stream split in two."""
    from execute_notebooks import WIDGET_VIEW

    committed = nbformat.read(ROOT / "notebooks" / f"{source.stem}.ipynb", as_version=4)
    for index, cell in enumerate(committed.cells):
        where = f"{source.stem}.ipynb cell {index}: run `make notebooks`"
        assert "execution" not in cell.metadata, f"{where} (nbclient timestamps)"
        outputs = cell.get("outputs", [])
        for output in outputs:
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view:
                assert view["model_id"] in RANKED_IDS, f"{where} (a random widget id)"
        for before, after in zip(outputs, outputs[1:]):
            assert not (before.output_type == after.output_type == "stream" and before.name == after.name), (
                f"{where} (one stream in two outputs)"
            )


@pytest.mark.slow  # executes a chapter
def test_executing_a_page_again_writes_the_committed_file_byte_for_byte(tmp_path):
    """The whole generator, on the planner page (the quickest with code): run it, nothing changes."""
    from execute_notebooks import execute

    source = ROOT / "book" / "planner.md"
    committed = ROOT / "notebooks" / "planner.ipynb"
    (tmp_path / committed.name).write_text(committed.read_text())
    execute(source, tmp_path)
    assert (tmp_path / committed.name).read_text() == committed.read_text()
