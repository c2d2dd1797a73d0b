"""Contract entries of scaling.randomfeatures (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt, F, Fixed, Num
from scaling import randomfeatures

ENTRIES = {
    # random features (chapter 1)
    "scaling.randomfeatures.Setup": F(
        returns="object",
        input_dim=Num(10, 2000, "count", log=False, extreme=(1, 4096)),
        spectrum_exponent=Num(0.5, 2.0),
        noise=Num(0, 0.5, "nonnegative", log=False),
        ridge=Num(1e-4, 1.0),
    ),
    "scaling.randomfeatures.Sweep": Exempt("result record built by the sweeps"),
    "scaling.randomfeatures.model_size_sweep": F(
        returns="object", examples=1, seconds=20, setup=Fixed(randomfeatures.Setup(), invalid=("setup",))
    ),
    "scaling.randomfeatures.data_size_sweep": F(
        returns="object", examples=1, seconds=20, setup=Fixed(randomfeatures.Setup(), invalid=("setup",))
    ),
}
