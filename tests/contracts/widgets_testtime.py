"""Contract entries of scaling.widgets.testtime (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num

ENTRIES = {
    "scaling.widgets.testtime.SamplingView": Exempt("view record built by explorer_update"),
    "scaling.widgets.testtime.explorer_update": F(
        returns="object",
        clamps=True,
        n_params=Num(1e8, 1e10),
        samples=Num(1, 64, "count", log=False),
        mean_success=Num(0.05, 0.95, "open_unit", log=False),
    ),
    "scaling.widgets.testtime.sampling_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_testtime.py"),
}
