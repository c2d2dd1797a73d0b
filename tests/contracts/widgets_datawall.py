"""Contract entries of scaling.widgets.datawall (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num, U

ENTRIES = {
    "scaling.widgets.datawall.DataWallView": Exempt("view record built by explorer_update"),
    "scaling.widgets.datawall.explorer_update": F(
        returns="object", clamps=True, unique_tokens=U, epochs=Num(1, 64), flops=Num(1e22, 1e30)
    ),
    "scaling.widgets.datawall.data_wall_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_datawall.py"),
}
