"""Contract entries of scaling.widgets.chinchilla (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import C, Exempt, F, OneOf

ENTRIES = {
    "scaling.widgets.chinchilla.IsoFLOPView": Exempt("view record built by isoflop_update"),
    "scaling.widgets.chinchilla.isoflop_update": F(
        returns="object", clamps=True, flops=C, law_key=OneOf(("rounded", "unrounded", "besiroglu"))
    ),
    "scaling.widgets.chinchilla.isoflop_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_chinchilla.py"),
}
