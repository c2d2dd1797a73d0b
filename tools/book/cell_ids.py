"""Stable cell ids for the generated notebooks (notebooks/ and exercises/).

Reading a MyST page with jupytext gives every cell a fresh random id (nbformat's
``random_cell_id``), and ``jupytext --sync`` keeps whatever ids the .ipynb already holds. So
if the generators wrote the ids they were handed, every regeneration would rewrite every
cell's id and every merge of a generated file would conflict on lines nobody changed.

Instead each cell keeps the id of its counterpart in the file being replaced, matched the way
``jupytext --sync`` matches cells (same type and content first, then position), and a cell
with no counterpart gets an id derived from its type and source. Regenerating an unchanged
chapter therefore rewrites nothing, editing a cell keeps its id, and inserting one changes
no other id. Used by tools/book/execute_notebooks.py and tools/book/make_exercises.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from jupytext.combine import map_outputs_to_inputs


def previous_cells(path: Path) -> list:
    """The cells of the notebook at ``path``, or no cells when there is none yet (or it is unreadable)."""
    try:
        return nbformat.read(path, as_version=4).cells
    except (OSError, ValueError):  # a missing file, or a conflicted one mid-merge
        return []


def content_id(cell, taken: set[str]) -> str:
    """An 8-hex-digit id from the cell's type and source, not in ``taken`` (a counter breaks ties)."""
    for attempt in range(len(taken) + 1):
        text = f"{cell.cell_type}\n{cell.source}\n{attempt}"
        candidate = hashlib.sha256(text.encode()).hexdigest()[:8]
        if candidate not in taken:
            return candidate
    raise AssertionError("unreachable: len(taken) + 1 attempts cannot all collide")


def keep_cell_ids(cells: list, previous: list) -> None:
    """Give ``cells`` the ids of their counterparts in ``previous``; the rest content-derived ids.

    Ids are unique within the notebook. Modifies the cells in place.
    """
    matches = map_outputs_to_inputs(cells, previous) if previous else [None] * len(cells)
    taken: set[str] = set()
    for cell, j in zip(cells, matches):
        old = previous[j].get("id") if j is not None else None
        if old and old not in taken:
            cell.id = old
            taken.add(old)
        else:
            cell.id = None  # assigned below, once every kept id is known
    for cell in cells:
        if cell.id is None:
            cell.id = content_id(cell, taken)
            taken.add(cell.id)
