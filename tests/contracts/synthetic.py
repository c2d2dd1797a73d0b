"""Contract entries of scaling.synthetic (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LAW, SEED, Exempt, F, Num

ENTRIES = {
    # synthetic data (chapter 3)
    "scaling.synthetic.TrainingCurves": Exempt("result record built by training_curves"),
    "scaling.synthetic.IsoFLOPGrid": Exempt("result record built by isoflop_grid"),
    "scaling.synthetic.LossDataset": Exempt("result record built by loss_dataset"),
    "scaling.synthetic.training_curves": F(
        returns="object",
        examples=2,
        law=LAW,
        n_checkpoints=Num(2, 80, "count", log=False, invalid=(1, 2.5)),
        noise=Num(0, 0.05, "nonnegative", log=False),
        seed=SEED,
    ),
    "scaling.synthetic.isoflop_grid": F(
        returns="object",
        examples=2,
        law=LAW,
        n_sizes=Num(3, 20, "count", log=False, invalid=(2, 2.5)),
        half_width_decades=Num(0.2, 1.5),
        noise=Num(0, 0.05, "nonnegative", log=False),
        seed=SEED,
    ),
    "scaling.synthetic.loss_dataset": F(
        returns="object", examples=2, law=LAW, noise=Num(0, 0.05, "nonnegative", log=False), seed=SEED
    ),
}
