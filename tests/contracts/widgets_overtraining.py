"""Contract entries of scaling.widgets.overtraining (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num

ENTRIES = {
    "scaling.widgets.overtraining.DemandView": Exempt("view record built by demand_update"),
    "scaling.widgets.overtraining.demand_update": F(
        returns="object", clamps=True, reference_params=Num(1e9, 1e11), served_tokens=Num(1e10, 1e15)
    ),
    "scaling.widgets.overtraining.demand_explorer": Exempt(
        "builds ipywidgets; tests/test_plots_widgets_overtraining.py"
    ),
}
