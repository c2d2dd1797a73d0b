"""Contract entries of scaling.widgets.powerlaw (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import _SWEEP, ALPHA, Exempt, F, Fixed, Num

ENTRIES = {
    "scaling.widgets.powerlaw.explorer_update": F(
        returns="object", clamps=True, sweep=Fixed(_SWEEP), floor=Num(0, 0.09, "nonnegative", log=False), alpha=ALPHA
    ),
    "scaling.widgets.powerlaw.power_law_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_powerlaw.py"),
}
