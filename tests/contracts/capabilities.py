"""Contract entries of scaling.capabilities (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import PROB, Exempt, F, Fixed, Num, OneOf, _rpj_table

ENTRIES = {
    # capabilities (chapter 10)
    "scaling.capabilities.centered_accuracy": F(
        accuracy=PROB, chance=Num(0.0, 0.5, "probability", log=False, invalid=(-0.1, 1.0, 1.5))
    ),
    "scaling.capabilities.binomial_standard_error": F(accuracy=PROB, n_questions=Num(1, 1e6, "at_least_one")),
    "scaling.capabilities.average_standard_error": F(
        returns="scalar",
        accuracies=Fixed(np.array([0.5, 0.7]), invalid=(np.array([0.5, 1.5]),)),
        n_questions=Fixed(np.array([100.0, 2000.0]), invalid=(np.array([100.0, 0.0]),)),
    ),
    "scaling.capabilities.interval_score": F(
        lower=Num(0.0, 0.4, "real", log=False),
        upper=Num(0.5, 1.0, "real", log=False),
        observed=Num(-1.0, 2.0, "real", log=False),
        alpha=Num(0.05, 0.5, "open_unit", log=False),
    ),
    "scaling.capabilities.fit_error_law": F(
        returns="object",
        examples=1,
        loss=Fixed(_rpj_table().loss, invalid=(np.zeros(_rpj_table().loss.size),)),
        error=Fixed(_rpj_table().average_error(), invalid=(np.full(_rpj_table().loss.size, 1.5),)),
    ),
    "scaling.capabilities.fit_direct_law": F(
        returns="object",
        examples=1,
        C=Fixed(_rpj_table().C, invalid=(np.zeros(_rpj_table().C.size),)),
        accuracy=Fixed(1.0 - _rpj_table().average_error(), invalid=(np.zeros(_rpj_table().C.size),)),
    ),
    "scaling.capabilities.ErrorLaw": Exempt("result record built by fit_error_law; tests/test_capabilities.py"),
    "scaling.capabilities.DirectLaw": Exempt("result record built by fit_direct_law; tests/test_capabilities.py"),
    "scaling.capabilities.RunTable": Exempt("record of the shipped data built by run_table"),
    "scaling.capabilities.CapabilityPrediction": Exempt("result record built by predict_capabilities"),
    "scaling.capabilities.IntervalPrediction": Exempt("result record built by two_step_interval"),
    "scaling.capabilities.run_table": F(
        returns="object", examples=2, train_dataset=OneOf(("c4_original", "rpj", "rw_original"))
    ),
    "scaling.capabilities.predict_capabilities": F(
        returns="object",
        examples=3,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj", "rw_original")),
        tasks=OneOf(("17", "46")),
        fit=OneOf(("paper", "small")),
    ),
    "scaling.capabilities.above_chance": F(
        returns="object",
        examples=2,
        table=Fixed(_rpj_table(), invalid=("a table", 3.0, None)),
        z=Num(0.0, 4.0, "nonnegative", log=False),
    ),
    "scaling.capabilities.first_component_share": F(
        returns="scalar",
        scores=Fixed(np.array([[0.1, 0.2], [0.3, 0.5], [0.2, 0.1]]), invalid=(np.zeros((3, 3)), np.ones(3))),
    ),
    "scaling.capabilities.two_step_interval": F(
        returns="object",
        examples=1,
        seconds=30,
        table=Fixed(_rpj_table(), invalid=("a table", 3.0, None)),
        target=Fixed(_rpj_table().index("open_lm_7b", 1.0), invalid=(-1, 10**6, 2.5)),
        coverage=Num(0.5, 0.95, "open_unit", log=False),
        n_resamples=Num(10, 20, "count", log=False, invalid=(5, 2.5)),
    ),
}
