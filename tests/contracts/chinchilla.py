"""Contract entries of scaling.chinchilla (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import (
    ALPHA,
    HEADS,
    LAW,
    LAYERS,
    WIDTH,
    C,
    D,
    Exempt,
    F,
    Fixed,
    N,
    Num,
    OneOf,
    _curves,
    _dataset,
    _isoflop,
)
from scaling import chinchilla

ENTRIES = {
    # chinchilla: the law
    "scaling.chinchilla.law.ChinchillaLaw": F(
        returns="object", E=Num(0.5, 3.0), A=Num(10, 1e4), B=Num(10, 1e4), alpha=ALPHA, beta=ALPHA
    ),
    "scaling.chinchilla.law.ComputeOptimal": Exempt("result record built by compute_optimal"),
    "scaling.chinchilla.law.compute_optimal": F(returns="object", flops=C, law=LAW),
    "scaling.chinchilla.law.optimal_loss": F(flops=C, law=LAW),
    "scaling.chinchilla.law.tokens_per_param": F(flops=C, law=LAW),
    "scaling.chinchilla.law.flops_for_params": F(n_params=N, law=LAW),
    "scaling.chinchilla.law.frontier_from_coefficient": F(
        returns="object", flops=C, G=Num(0.01, 100), a_N=Num(0.1, 0.9, "open_unit", log=False)
    ),
    "scaling.chinchilla.law.table_3_optimal_params": F(flops=C),
    "scaling.chinchilla.overview.FrontierSummary": Exempt("result record built by frontier_map"),
    "scaling.chinchilla.overview.frontier_map": F(returns="object", flops=C),
    "scaling.chinchilla.law.table_a3_frontier": F(returns="object", approach=OneOf((2, 3), invalid=(1, "3", None))),
    "scaling.chinchilla.law.table_3_optimal_tokens": F(flops=C),
    # chinchilla: FLOP counting
    "scaling.chinchilla.flops.params_from_architecture": F(
        returns="scalar", n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    "scaling.chinchilla.flops.forward_flops_per_sequence": F(
        returns="scalar",
        n_layer=LAYERS,
        d_model=WIDTH,
        n_heads=HEADS,
        kv_size=HEADS,
        ffw_size=WIDTH,
        seq_len=Num(1, 8192, "count", log=False, extreme=(1, 10**6)),
    ),
    "scaling.chinchilla.flops.training_flops_detailed": F(
        n_tokens=D, n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    "scaling.chinchilla.flops.flops_ratio_to_6nd": F(
        returns="scalar", n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    # chinchilla: the three approaches
    "scaling.chinchilla.frontier.FrontierFit": Exempt("result record built by fit_envelope and fit_isoflop"),
    "scaling.chinchilla.isoflop.IsoFLOPProfile": Exempt("result record built by isoflop_profiles"),
    "scaling.chinchilla.isoflop.GridEffect": Exempt("result record built by isoflop_grid_effect"),
    "scaling.chinchilla.isoflop.GridDesign": Exempt("a label and grid sizes, checked by isoflop_grid_effect"),
    "scaling.chinchilla.envelope.fit_envelope": F(
        returns="object",
        examples=1,
        n_params=Fixed(_curves().n_params),
        tokens=Fixed(_curves().tokens),
        loss=Fixed(_curves().loss),
        n_budgets=Num(20, 200, "count", log=False, extreme=(3, 10**4), invalid=(2, 2.5)),
    ),
    "scaling.chinchilla.isoflop.isoflop_profiles": F(
        returns="object",
        examples=1,
        flops=Fixed(_isoflop().flops),
        n_params=Fixed(_isoflop().n_params),
        loss=Fixed(_isoflop().loss, invalid=(np.full(81, -1.0),)),
    ),
    "scaling.chinchilla.isoflop.fit_isoflop": F(
        returns="object",
        examples=1,
        flops=Fixed(_isoflop().flops),
        n_params=Fixed(_isoflop().n_params),
        loss=Fixed(_isoflop().loss),
    ),
    "scaling.chinchilla.isoflop.isoflop_grid_effect": F(returns="object", examples=1, law=LAW, target_flops=C),
    "scaling.chinchilla.parametric.Approach3Fit": Exempt("result record built by fit and fit_reference_loop"),
    "scaling.chinchilla.parametric.initialisation_grid": F(returns="object", examples=1),
    "scaling.chinchilla.parametric.huber_objective": F(
        returns="scalar",
        law=LAW,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        delta=Num(1e-4, 1e-1),
    ),
    "scaling.chinchilla.parametric.fit": F(
        returns="object",
        examples=1,
        seconds=20,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss, invalid=(np.zeros(216),)),
    ),
    "scaling.chinchilla.parametric.fit_reference_loop": F(
        returns="object",
        examples=1,
        seconds=20,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        starts=Fixed(np.array([chinchilla.HOFFMANN_ROUNDED.log_params])),
    ),
    "scaling.chinchilla.resampling.BootstrapResult": Exempt("result record built by bootstrap"),
    "scaling.chinchilla.resampling.bootstrap": F(
        returns="object",
        examples=1,
        seconds=30,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        n_resamples=Num(10, 40, "count", log=False, invalid=(5, 2.5)),
        confidence=Num(0.5, 0.99, "open_unit", log=False),
    ),
}
