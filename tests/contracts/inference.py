"""Contract entries of scaling.inference (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LOSS, SERVED, C, D, Exempt, F, N, Num

ENTRIES = {
    # inference (Sardana et al.)
    "scaling.inference.Allocation": Exempt("result record built by the allocation functions"),
    "scaling.inference.DemandAwareOptimum": Exempt("result record built by demand_aware_optimum"),
    "scaling.inference.lifetime_flops": F(n_params=N, n_tokens=D, served_tokens=SERVED),
    "scaling.inference.predicted_loss": F(n_params=N, n_tokens=D),
    "scaling.inference.min_params_for_loss": F(loss=LOSS),
    "scaling.inference.iso_loss_tokens": F(n_params=Num(1e11, 1e13), loss=Num(2.2, 3.0, log=False)),
    "scaling.inference.compute_optimal_allocation": F(returns="object", flops=C),
    "scaling.inference.compute_optimal_for_loss": F(returns="object", loss=LOSS),
    "scaling.inference.compute_optimal_for_params": F(returns="object", n_params=N),
    "scaling.inference.implied_served_tokens": F(n_params=Num(1e9, 1e10), n_tokens=Num(1e12, 1e13)),
    "scaling.inference.demand_aware_optimum": F(returns="object", loss=LOSS, served_tokens=SERVED),
    "scaling.inference.break_even_served_tokens": F(
        returns="scalar",
        n_params_1=Num(1e10, 2e10),
        n_tokens_1=Num(1e11, 2e11),
        n_params_2=Num(5e9, 9e9),
        n_tokens_2=Num(1e12, 2e12),
    ),
}
