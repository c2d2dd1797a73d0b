"""Contract entries of scaling.lab (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import SEED, C, F, Num

ENTRIES = {
    "scaling.lab.TrainingService": F(
        returns="object", budget_flops=C, seed=SEED, noise=Num(0, 0.05, "nonnegative", log=False)
    ),
}
