"""Contract entries of scaling.planner (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import (
    GPUS,
    H100,
    LAW,
    MFU,
    PLAN_LAW,
    PRICE,
    SERVED,
    SERVED_OR_NONE,
    C,
    D,
    Exempt,
    F,
    Fixed,
    N,
    Num,
    OneOf,
)
from scaling import planner

ENTRIES = {
    "scaling.planner.Law": Exempt("result record built by the module's functions"),
    "scaling.planner.Plan": Exempt("result record built by the module's functions"),
    "scaling.planner.Serving": Exempt("result record built by the module's functions"),
    "scaling.planner.TrainingMemory": Exempt("result record built by the module's functions"),
    "scaling.planner.allocate": F(returns="object", flops=C, law=PLAN_LAW),
    "scaling.planner.demand_aware_within_budget": F(returns="object", flops=C, served_tokens=SERVED, law=LAW),
    "scaling.planner.get_law": Exempt("name lookup (strings); tests/test_planner.py"),
    "scaling.planner.loss_of": F(
        returns="scalar",
        n_params=N,
        n_tokens=D,
        law=OneOf(("hoffmann", "hoffmann-unrounded", "besiroglu")),
        unique_tokens=Num(1e9, 1e15, optional=True),
    ),
    "scaling.planner.make_plan": F(
        returns="object",
        examples=6,
        flops=C,
        served_tokens=SERVED_OR_NONE,
        n_gpus=GPUS,
        mfu=MFU,
        price=PRICE,
        law=PLAN_LAW,
    ),
    "scaling.planner.model_shape": F(returns="object", n_params=N),
    "scaling.planner.plan_all_laws": F(returns="object", examples=4, flops=C, served_tokens=SERVED_OR_NONE),
    "scaling.planner.plan_warnings": F(
        returns="object", plan=Fixed(planner.make_plan(flops=1e24, served_tokens=1e13), invalid=("plan", 3.0, None))
    ),
    "scaling.planner.serving_estimate": F(
        returns="object",
        n_params=N,
        gpu=H100,
        precision=OneOf(("bf16", "fp8")),
        context=Num(1, 1e6),
        batch=Num(1, 1024, "count", log=False),
        served_tokens=Num(1e6, 1e15),
        serving_days=Num(1, 3650),
        price=PRICE,
    ),
    "scaling.planner.tokens_for_params": F(returns="scalar", n_params=N, law=PLAN_LAW),
    "scaling.planner.kv_cache_bytes_per_token": F(returns="scalar", n_params=N, attention=OneOf(("gqa", "mha", "mla"))),
    "scaling.planner.model_flops_per_token": F(returns="scalar", n_params=N, context=Num(1, 1e6)),
    "scaling.planner.training_memory": F(returns="object", n_params=N, gpu=H100, context=Num(1, 1e6)),
}
