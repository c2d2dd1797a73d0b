"""Contract entries of scaling.widgets (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt

ENTRIES = {
    "scaling.widgets.widget_model_id": Exempt("an ipywidgets model id, text; tests/test_cell_ids.py"),
}
