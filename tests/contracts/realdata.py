"""Contract entries of scaling.realdata (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import D, Exempt, F, Fixed, N, Num, OneOf, _epoch, _gadre_c4, _gadre_small, _porian_kaplan_setup

ENTRIES = {
    "scaling.realdata.ComputeTrend": Exempt(
        "result record built by compute_trend; its predict is tested in tests/test_realdata.py"
    ),
    "scaling.realdata.CostFit": Exempt("result record built by cost_against_compute"),
    "scaling.realdata.EqualExponentLaw": Exempt("result record built by fit_equal_exponent_law"),
    "scaling.realdata.ExponentEstimate": Exempt("result record built by isoflop_exponent"),
    "scaling.realdata.HeldOutPrediction": Exempt(
        "result record built by predict_large_runs and predict_overtrained_runs"
    ),
    "scaling.realdata.LadderStep": Exempt("result record built by discrepancy_ladder"),
    "scaling.realdata.TokensPerParam": Exempt(
        "result record built by tokens_per_param_trend; its predict is tested in tests/test_realdata.py"
    ),
    "scaling.realdata.isoflop_exponent": F(
        returns="object",
        examples=4,
        runs=Fixed(_porian_kaplan_setup(), invalid=("a table", 3.0, None)),
        method=OneOf(("parabola", "akima")),
        nearest=Num(3, 12, "count", log=False, optional=True, invalid=(2, 2.5)),
    ),
    "scaling.realdata.discrepancy_ladder": F(
        returns="object", examples=2, nearest=Num(3, 12, "count", log=False, invalid=(2, 2.5))
    ),
    "scaling.realdata.compute_trend": F(
        returns="object",
        examples=4,
        models=Fixed(_epoch(), invalid=("a table", 3.0, None)),
        start_year=Num(2000, 2020, "real", log=False),
    ),
    "scaling.realdata.tokens_per_param_trend": F(
        returns="object",
        examples=4,
        models=Fixed(_epoch(), invalid=("a table", 3.0, None)),
        start_year=Num(2015, 2022, "integer", log=False),
        min_params=Num(1e8, 1e11),
    ),
    "scaling.realdata.cost_against_compute": F(
        returns="object", examples=1, models=Fixed(_epoch(), invalid=("a table", 3.0, None))
    ),
    "scaling.realdata.fit_equal_exponent_law": F(
        returns="object",
        examples=1,
        N=Fixed(_gadre_small().N),
        D=Fixed(_gadre_small().D),
        loss=Fixed(_gadre_small().loss, invalid=(np.zeros(_gadre_small().N.size),)),
    ),
    "scaling.realdata.gadre_fit_runs": F(
        returns="object", examples=1, runs=Fixed(_gadre_c4(), invalid=("a table", 3.0, None))
    ),
    "scaling.realdata.predict_large_runs": F(
        returns="object",
        examples=4,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj", "rw_original")),
        eval_set=OneOf(("c4_val", "paloma_c4_en")),
        method=OneOf(("approach3", "gadre")),
    ),
    "scaling.realdata.predict_overtrained_runs": F(
        returns="object",
        examples=2,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj")),
        min_multiplier=Num(4.0, 16.0, log=False),
    ),
    "scaling.realdata.approach3_prediction_spread": F(
        returns="object",
        examples=2,
        seconds=30,
        N_target=N,
        D_target=D,
        n_resamples=Num(10, 20, "count", log=False, invalid=(5, 2.5)),
        confidence=Num(0.5, 0.99, "open_unit", log=False),
    ),
}
