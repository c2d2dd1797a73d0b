"""Contract entries of scaling.widgets.capabilities (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num, OneOf

ENTRIES = {
    "scaling.widgets.capabilities.LadderView": Exempt("view record built by ladder_update"),
    "scaling.widgets.capabilities.ladder_update": F(
        returns="object",
        clamps=True,
        train_dataset=OneOf(("rpj", "c4_original", "rw_original")),
        ladder_top=Num(5e7, 5e8),
        tasks=OneOf(("17", "46")),
    ),
    "scaling.widgets.capabilities.ladder_explorer": Exempt(
        "ipywidgets builder; tests/test_plots_widgets_capabilities.py"
    ),
}
