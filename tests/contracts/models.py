"""Contract entries of scaling.models (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LAYERS, WIDTH, C, Exempt, F, Fixed, N, Num

ENTRIES = {
    "scaling.models.PublishedModel": F(
        returns="object",
        name=Fixed("Model"),
        n_params=N,
        n_active_params=Fixed(1e6),
        n_tokens=Num(1e8, 1e14, optional=True),
        reported_flops=Fixed(None),
        gpu_hours=Fixed(None),
        accelerator=Fixed(None),
        source=Fixed("paper"),
    ),
    "scaling.models.get_model": Exempt("name lookup (strings); tests/test_models.py"),
    "scaling.models.all_models": F(returns="object", examples=1),
    "scaling.models.llama3_optimal_tokens": F(flops=C),
    "scaling.models.AttentionShape": F(
        returns="object",
        n_layer=LAYERS,
        d_attention=WIDTH,
        context=Num(1, 8192, "count", log=False),
        source=Fixed("paper"),
    ),
    "scaling.models.model_flops_per_token_of": Exempt(
        "looks a catalogued run up by name (strings); tests/test_models.py"
    ),
    "scaling.models.TransformerShape": F(
        returns="object", n_layer=LAYERS, d_model=WIDTH, n_heads=Fixed(8), n_kv_heads=Fixed(8), source=Fixed("paper")
    ),
}
