"""Contract entries of scaling.compute (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import C, D, F, N, Num

ENTRIES = {
    "scaling.compute.training_flops": F(n_params=N, n_tokens=D),
    "scaling.compute.inference_flops": F(n_params=N, n_tokens=Num(0, 1e12, "nonnegative", log=False)),
    "scaling.compute.tokens_for_budget": F(flops=C, n_params=N),
    "scaling.compute.flops_to_pf_days": F(flops=Num(0, 1e27, "nonnegative", log=False)),
    "scaling.compute.pf_days_to_flops": F(pf_days=Num(0, 1e8, "nonnegative", log=False)),
    "scaling.compute.non_embedding_params": F(n_layer=Num(1, 128), d_model=Num(64, 16384)),
    "scaling.compute.model_flops_per_token": F(
        n_params=N, n_layer=Num(1, 128), d_attention=Num(64, 32768), context=Num(0, 1e6, "nonnegative", log=False)
    ),
    "scaling.compute.inference_flops_per_token": F(
        n_params=N, n_layer=Num(1, 128), d_attention=Num(64, 32768), context=Num(0, 1e6, "nonnegative", log=False)
    ),
    "scaling.compute.generation_flops": F(
        n_params=N,
        n_layer=Num(1, 128),
        d_attention=Num(64, 32768),
        prompt_tokens=Num(0, 1e5, "nonnegative", log=False),
        output_tokens=Num(0, 1e5, "nonnegative", log=False),
    ),
    "scaling.compute.format_count": F(returns="str", value=Num(-1e20, 1e20, "real", log=False)),
    "scaling.compute.format_flops": F(returns="str", flops=Num(0, 1e30, "nonnegative", log=False)),
    "scaling.compute.format_dollars": F(returns="str", dollars=Num(0, 1e12, "nonnegative", log=False)),
}
