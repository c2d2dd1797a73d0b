"""Contract entries of scaling.data (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LAW, C, D, Exempt, F, N, Num, U

ENTRIES = {
    # data (Muennighoff et al.)
    "scaling.data.effective_data": F(unique_tokens=U, epochs=Num(1.0, 100.0)),
    "scaling.data.value_of_epoch": F(epoch=Num(1.0, 100.0, "at_least_one")),
    "scaling.data.repeated_data_ceiling": F(unique_tokens=U),
    "scaling.data.params_for_tokens": F(n_tokens=D, law=LAW),
    "scaling.data.effective_params": F(n_params=N, unique_tokens=U, law=LAW),
    "scaling.data.data_constrained_loss": F(n_params=N, n_tokens=D, unique_tokens=U, law=LAW),
    "scaling.data.data_constrained_loss_floor": F(unique_tokens=U, law=LAW),
    "scaling.data.DataConstrainedAllocation": Exempt("result record built by data_constrained_allocation"),
    "scaling.data.data_constrained_allocation": F(returns="object", flops=C, unique_tokens=U, law=LAW),
    "scaling.data.best_data_constrained_loss": F(flops=C, unique_tokens=U, law=LAW),
    "scaling.data.EffectiveStockAllocation": Exempt("result record built by effective_stock_allocation"),
    "scaling.data.effective_stock_allocation": F(returns="object", flops=C, effective_stock=Num(1e13, 1e16), law=LAW),
    "scaling.data.unique_tokens_for_effective": F(
        effective_tokens=Num(1e12, 1e16), epochs=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.dataset_growth_per_year": F(
        returns="scalar",
        tokens_then=Num(1e9, 1e12),
        year_then=Num(2015, 2019, "real", log=False),
        tokens_now=Num(1e13, 1e14),
        year_now=Num(2020, 2025, "real", log=False),
    ),
    "scaling.data.year_dataset_reaches": F(
        returns="scalar",
        target_tokens=Num(1e14, 1e16),
        reference_tokens=Num(1e12, 1e14),
        growth_per_year=Num(1.5, 4.0, "above_one", log=False),
    ),
    "scaling.data.stock_exhaustion_flops": F(
        stock_tokens=Num(1e13, 1e16), tokens_per_param=Num(5, 200), overtraining=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.stock_exhaustion_flops_chinchilla": F(
        stock_tokens=Num(1e13, 1e16), law=LAW, overtraining=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.years_brought_forward": F(
        overtraining=Num(1.0, 100.0, "at_least_one"), compute_growth_per_year=Num(1.5, 10.0, "above_one")
    ),
}
