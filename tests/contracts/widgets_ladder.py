"""Contract entries of scaling.widgets.ladder (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num

ENTRIES = {
    "scaling.widgets.ladder.ScheduleView": Exempt("result record built by schedule_update"),
    "scaling.widgets.ladder.schedule_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_ladder.py"),
    "scaling.widgets.ladder.schedule_update": F(
        returns="object", clamps=True, steps=Num(2_000, 40_000), cooldown=Num(0.05, 0.5, "fraction", log=False)
    ),
}
