"""Contract entries of scaling.precision (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import D, F, N, Num

ENTRIES = {
    "scaling.precision.precision_factor": F(bits=Num(1, 32), gamma=Num(0.5, 8)),
    "scaling.precision.effective_params": F(
        n_params=N,
        bits_weights=Num(1, 32),
        bits_activations=Num(1, 32),
        bits_kv=Num(1, 32),
        gamma_weights=Num(0.5, 8),
        gamma_activations=Num(0.5, 8),
        gamma_kv=Num(0.5, 8),
    ),
    "scaling.precision.compute_optimal_precision": F(
        returns="scalar", gamma_weights=Num(0.5, 8), gamma_activations=Num(0.5, 8), gamma_kv=Num(0.5, 8)
    ),
    "scaling.precision.ptq_degradation": F(
        n_params=N,
        n_tokens=D,
        post_bits=Num(2, 16),
        c_t=Num(1e-3, 1),
        gamma_d=Num(0.1, 1),
        gamma_n=Num(0.1, 1),
        gamma_post=Num(0.5, 4),
    ),
    "scaling.precision.critical_tokens": F(
        n_params=N,
        post_bits=Num(2, 16),
        b=Num(100, 1000),
        beta=Num(0.1, 0.5),
        c_t=Num(1e-3, 1),
        gamma_d=Num(0.1, 1),
        gamma_n=Num(0.1, 1),
        gamma_post=Num(0.5, 4),
    ),
}
