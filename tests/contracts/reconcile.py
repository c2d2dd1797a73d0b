"""Contract entries of scaling.reconcile (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import C, Exempt, F, Fixed, N, Num, OneOf
from scaling import chinchilla

ENTRIES = {
    # reconcile (Pearce & Song 2024, chapter 2)
    "scaling.reconcile.total_params": F(n_non_embedding=N),
    "scaling.reconcile.optimal_non_embedding_params": F(flops_non_embedding=C, law=Fixed(chinchilla.BESIROGLU_2024)),
    "scaling.reconcile.FrontierExponent": Exempt("result record built by fitted_frontier_exponent"),
    "scaling.reconcile.fitted_frontier_exponent": F(
        returns="object",
        examples=2,
        count=OneOf(("non-embedding", "total")),
        n_budgets=Num(3, 60, "count", log=False, extreme=(3, 2000), invalid=(2, 2.5)),
    ),
}
