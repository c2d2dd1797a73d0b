"""Contract entries of scaling.widgets.kaplan (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num, OneOf

ENTRIES = {
    "scaling.widgets.kaplan.Allocation": Exempt("view record built by allocation_update"),
    "scaling.widgets.kaplan.AllocationView": Exempt("view record built by allocation_update"),
    "scaling.widgets.kaplan.allocation_update": F(
        returns="object", clamps=True, flops=Num(1e18, 1e26), reading=OneOf(("actual", "nominal"))
    ),
    "scaling.widgets.kaplan.allocation_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_kaplan.py"),
}
