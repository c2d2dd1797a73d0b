"""Contract entries of scaling.ownership (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Num

ENTRIES = {
    # ownership (chapter 7)
    "scaling.ownership.OwnershipCost": Exempt("result record built by ownership_cost_per_gpu_hour"),
    "scaling.ownership.cluster_dollars_per_gpu": F(gpu_price=Num(1e3, 1e5)),
    "scaling.ownership.ownership_cost_per_gpu_hour": F(
        returns="object", hardware_dollars_per_gpu=Num(1e4, 1e5), power_watts=Num(100, 2000)
    ),
    "scaling.ownership.purchase_per_run_gpu_hour": F(
        hardware_dollars_per_gpu=Num(1e4, 1e5), run_gpu_hours=Num(1e3, 1e8), n_gpus=Num(1, 1e5)
    ),
}
