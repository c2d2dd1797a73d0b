"""Contract entries of scaling.schedules (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import Exempt, F, Fixed, Num, OneOf
from scaling import schedules

ENTRIES = {
    "scaling.schedules.AnnealingLaw": Exempt("a record of constants; its curve is tested in tests/test_schedules.py"),
    "scaling.schedules.LadderCurves": Exempt("result record built by ladder_curves"),
    "scaling.schedules.annealing_areas": F(
        returns="object", lr=Fixed(np.linspace(1.0, 0.1, 50)), decay=Num(0.0, 0.999, "probability", log=False)
    ),
    "scaling.schedules.final_losses": F(
        law=Fixed(schedules.ILLUSTRATIVE_LAW, invalid=("law",)),
        schedule=OneOf(schedules.SCHEDULES),
        lengths=Num(10, 5000),
        seconds=10,
    ),
    "scaling.schedules.ladder_curves": F(
        returns="object", examples=2, seconds=10, n_params=Fixed(np.geomspace(5e7, 1e9, 4)), max_flops=Num(1e20, 1e21)
    ),
    "scaling.schedules.learning_rates": F(
        returns="object", schedule=OneOf(schedules.SCHEDULES), n_steps=Num(2, 10_000, "count", log=False)
    ),
}
