"""Contract entries of scaling.kaplan (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LOSS, C, D, Exempt, F, Fixed, N, Num, OneOf
from scaling import kaplan

ENTRIES = {
    "scaling.kaplan.KaplanJointLaw": F(
        returns="object", alpha_N=Num(0.05, 0.5), alpha_D=Num(0.05, 0.5), N_c=Num(1e12, 1e15), D_c=Num(1e12, 1e15)
    ),
    "scaling.kaplan.KaplanAllocation": Exempt("result record built by optimal_allocation"),
    "scaling.kaplan.loss_from_params": F(n_params=N),
    "scaling.kaplan.loss_from_tokens": F(n_tokens=D),
    "scaling.kaplan.loss_from_compute": F(c_min_pf_days=Num(1e-8, 1e4)),
    "scaling.kaplan.loss_from_compute_fixed_batch": F(c_pf_days=Num(1e-8, 1e4)),
    "scaling.kaplan.joint_loss": F(n_params=N, n_tokens=D, law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))),
    "scaling.kaplan.critical_batch_size": F(loss=LOSS),
    "scaling.kaplan.predicted_alpha_c_min": F(returns="scalar"),
    "scaling.kaplan.optimal_allocation": F(returns="object", flops=C, compute=OneOf(("minimum", "actual"))),
    "scaling.kaplan.tokens_per_param": F(flops=C, compute=OneOf(("minimum", "actual"))),
    "scaling.kaplan.frontier_exponent_from_training_laws": F(returns="scalar"),
    "scaling.kaplan.loss_at_minimum_compute": F(n_params=Num(1e3, 1e10), c_min_flops=Num(1e12, 1e24)),
    "scaling.kaplan.optimal_params_from_training_laws": F(c_min_flops=Num(1e12, 1e24)),
    "scaling.kaplan.joint_law_frontier_exponent": F(
        returns="scalar", law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))
    ),
    "scaling.kaplan.joint_law_optimal_params": F(flops=C, law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))),
    "scaling.kaplan.embedding_params": F(d_model=Num(64, 16384), vocab_size=Num(1000, 300000)),
    "scaling.kaplan.output_layer_compute_share": F(n_params=N, d_model=Num(64, 16384), vocab_size=Num(1000, 300000)),
}
