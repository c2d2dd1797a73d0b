"""Contract entries of scaling.moe (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import C, D, Exempt, F, N, Num

ENTRIES = {
    # moe and precision (chapter 9)
    "scaling.moe.MoEFootprint": Exempt("result record built by moe_footprint"),
    "scaling.moe.moe_footprint": F(
        returns="object", total_params=Num(1e11, 1e12), active_params=Num(1e9, 1e11), n_tokens=D
    ),
    "scaling.moe.sparsity": F(total_params=Num(1e11, 1e12), active_params=Num(1e9, 1e11)),
    "scaling.moe.total_per_active": F(total_params=Num(1e11, 1e12), active_params=Num(1e9, 1e11)),
    "scaling.moe.routed_params": F(
        total_params=Num(1e11, 1e12), active_params=Num(1e9, 1e11), n_experts=Num(64, 512), top_k=Num(1, 8)
    ),
    "scaling.moe.expert_fraction_touched": F(batch_tokens=Num(1, 4096), n_experts=Num(64, 512), top_k=Num(1, 8)),
    "scaling.moe.decode_weight_bytes_read": F(
        total_params=Num(1e11, 1e12),
        active_params=Num(1e9, 1e11),
        n_experts=Num(64, 512),
        top_k=Num(1, 8),
        batch_tokens=Num(1, 4096),
        bytes_per_param=Num(0.5, 4),
    ),
    "scaling.moe.GranularityLaw": Exempt("constants record (Krajewski et al. 2024, Table 1)"),
    "scaling.moe.JointMoELaw": Exempt("constants record (Ludziejewski et al. 2025, Table 3)"),
    "scaling.moe.JointOptimum": Exempt("result record built by joint_moe_compute_optimal"),
    "scaling.moe.granularity_loss": F(total_params=Num(1e8, 1e13), n_tokens=D, granularity=Num(1, 64)),
    "scaling.moe.krajewski_total_params": F(active_params=N, expansion_rate=Num(1, 256)),
    "scaling.moe.effective_experts": F(n_experts=Num(1, 512)),
    "scaling.moe.joint_moe_loss": F(active_params=N, n_tokens=D, n_experts=Num(1, 512)),
    "scaling.moe.joint_moe_compute_optimal": F(returns="object", flops=C, n_experts=Num(1, 512)),
}
