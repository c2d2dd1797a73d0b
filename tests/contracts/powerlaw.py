"""Contract entries of scaling.powerlaw (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import ALPHA, Exempt, F, Fixed, Num

ENTRIES = {
    # power laws
    "scaling.powerlaw.power_law": F(x=Num(1, 1e12), a=Num(0.1, 100), alpha=Num(-2, 2, "real", log=False)),
    "scaling.powerlaw.saturating_power_law": F(
        x=Num(1, 1e12), E=Num(0, 3, "nonnegative", log=False), A=Num(0.1, 1000), alpha=ALPHA
    ),
    "scaling.powerlaw.gain_per_doubling": F(
        alpha=Num(0.0, 2.0, "nonnegative", log=False, extreme=(0.0, 10.0), invalid=(-0.1, 10.5))
    ),
    "scaling.powerlaw.gain_per_tenfold": F(
        alpha=Num(0.0, 2.0, "nonnegative", log=False, extreme=(0.0, 10.0), invalid=(-0.1, 10.5))
    ),
    "scaling.powerlaw.scale_for_reduction": F(
        alpha=Num(0.05, 2.0, extreme=(1e-300, 10.0), invalid=(0.0, 10.5)), factor=Num(0.5, 0.99, "fraction", log=False)
    ),
    "scaling.powerlaw.PowerLawFit": Exempt("result record built by fit_power_law"),
    "scaling.powerlaw.fit_power_law": F(
        returns="object",
        x=Fixed(np.geomspace(1, 1e6, 10)),
        y=Fixed(3 * np.geomspace(1, 1e6, 10) ** -0.3, invalid=(np.zeros(10),)),
    ),
    "scaling.powerlaw.SaturatingFit": Exempt("result record built by fit_saturating_power_law"),
    "scaling.powerlaw.fit_saturating_power_law": F(
        returns="object",
        examples=1,
        x=Fixed(np.geomspace(1, 1e6, 12)),
        y=Fixed(1.5 + 3 * np.geomspace(1, 1e6, 12) ** -0.3),
        delta=Num(1e-4, 1e-1),
    ),
    "scaling.powerlaw.best_coefficient": F(
        returns="object",
        x=Fixed(np.geomspace(1, 1e6, 12)),
        y=Fixed(1.5 + 3 * np.geomspace(1, 1e6, 12) ** -0.3),
        E=Num(0, 1.4, "nonnegative", log=False),
        alpha=ALPHA,
    ),
}
