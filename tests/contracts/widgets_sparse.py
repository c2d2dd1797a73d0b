"""Contract entries of scaling.widgets.sparse (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num

ENTRIES = {
    "scaling.widgets.sparse.PrecisionView": Exempt("view record built by precision_update"),
    "scaling.widgets.sparse.precision_update": F(returns="object", clamps=True, gamma=Num(0.5, 8), bits=Num(1, 20)),
    "scaling.widgets.sparse.precision_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_sparse.py"),
}
