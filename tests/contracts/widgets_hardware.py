"""Contract entries of scaling.widgets.hardware (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import MFU, PRICE, C, Exempt, F, Fixed, Num

ENTRIES = {
    "scaling.widgets.hardware.CostView": Exempt("view record built by calculator_update"),
    "scaling.widgets.hardware.calculator_update": F(
        returns="object", clamps=True, gpu=Fixed("H100"), mfu=MFU, price=PRICE, n_gpus=Num(8, 1e5), flops=C
    ),
    "scaling.widgets.hardware.cost_calculator": Exempt("builds ipywidgets; tests/test_plots_widgets_hardware.py"),
}
