"""Contract entries of scaling.testtime (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

import numpy as np

from contracts.specs import _P, PROB, SEED, Exempt, F, Fixed, N, Num, OneOf

ENTRIES = {
    # test-time compute (chapter 6)
    "scaling.testtime.pass_at_k": F(
        n=Num(100, 200, "count", log=False), c=Num(0, 100, "integer", log=False), k=Num(1, 100, "count", log=False)
    ),
    "scaling.testtime.mean_pass_at_k": F(
        returns="scalar",
        n=Num(100, 200, "count", log=False),
        c=Fixed(np.array([0, 10, 50, 100])),
        k=Num(1, 100, "count", log=False),
    ),
    "scaling.testtime.pass_at_k_curve": F(
        returns="object",
        n=Num(100, 200, "count", log=False),
        c=Fixed(np.array([0, 10, 50, 100])),
        ks=Fixed(np.array([1, 10, 100])),
    ),
    "scaling.testtime.naive_pass_at_k": F(
        n=Num(100, 200, "count", log=False), c=Num(0, 100, "integer", log=False), k=Num(1, 100, "count", log=False)
    ),
    "scaling.testtime.coverage": F(returns="object", p=PROB, k=Num(1, 10**4, "count")),
    "scaling.testtime.sample_success_probabilities": F(
        returns="object",
        n_problems=Num(1, 1000, "count", log=False),
        mean=Num(0.05, 0.95, "open_unit", log=False),
        concentration=Num(0.5, 20),
        seed=SEED,
    ),
    "scaling.testtime.simulate_correct_counts": F(
        returns="object", p=Fixed(_P), n_samples=Num(1, 1000, "count", log=False), seed=SEED
    ),
    "scaling.testtime.coverage_law": F(
        k=Num(1, 1e4), a=Num(-3, -0.01, "real", log=False, invalid=(0.5,)), b=Num(-1, -0.01, "real", log=False)
    ),
    "scaling.testtime.thinking_accuracy": F(tokens=Num(1e2, 1e6)),
    "scaling.testtime.answer_flops": F(
        n_params=N,
        n_layer=Num(1, 128),
        d_attention=Num(64, 32768),
        prompt_tokens=Num(0, 1e5, "nonnegative", log=False),
        output_tokens=Num(0, 1e5, "nonnegative", log=False),
        samples=Num(1, 1000),
    ),
    "scaling.testtime.samples_matching_pretraining": F(
        size_ratio=Num(1.0, 100.0, "at_least_one"), inference_to_pretraining_tokens=Num(1e-3, 1e3)
    ),
    "scaling.testtime.CoverageFit": Exempt("result record built by the coverage-law fits"),
    "scaling.testtime.fit_coverage_law": F(
        returns="object", k=Fixed(np.array([1, 10, 100, 1000])), coverage_values=Fixed(np.array([0.1, 0.3, 0.5, 0.6]))
    ),
    "scaling.testtime.majority_vote_accuracy": F(p=PROB, k=Num(1, 100, "count"), n_wrong_answers=Num(1, 1000, "count")),
    "scaling.testtime.majority_vote_limit": F(p=PROB, n_wrong_answers=Num(1, 1e6, "count")),
    "scaling.testtime.simulate_majority_vote": F(
        returns="object",
        p=Fixed(_P),
        k=Num(1, 64, "count", log=False),
        n_wrong_answers=Num(1, 30, "count"),
        n_trials=Num(10, 1000, "count"),
        seed=SEED,
    ),
    "scaling.testtime.larger_model_success": F(
        p_small=PROB, size_ratio=Num(1.0, 100.0, "at_least_one"), logit_gain=Num(0, 2, "nonnegative", log=False)
    ),
    "scaling.testtime.samples_for_compute_match": F(
        returns="int", n_params_small=Num(1e8, 1e9), n_params_large=Num(1e10, 1e11)
    ),
    "scaling.testtime.ComputeMatchedComparison": Exempt("result record built by compute_matched_comparison"),
    "scaling.testtime.compute_matched_comparison": F(
        returns="object",
        p_small=Fixed(_P),
        n_params_small=Num(1e9, 2e9),
        n_params_large=Num(1e10, 3e10),
        selection=OneOf(("majority", "oracle")),
        n_wrong_answers=Num(1, 10, "count"),
    ),
    "scaling.testtime.difficulty_levels": F(returns="object", p=Fixed(_P), n_levels=Num(1, 12, "count", log=False)),
    "scaling.testtime.coverage_law_through_points": F(
        returns="object",
        k1=Num(1, 10),
        c1=Num(0.1, 0.3, "open_unit", log=False),
        k2=Num(100, 1000),
        c2=Num(0.5, 0.9, "open_unit", log=False),
    ),
    "scaling.testtime.majority_vote_table": F(
        returns="object", p=Fixed(_P), ks=Fixed(np.array([1, 4, 16, 64])), n_wrong_answers=Num(1, 1000, "count")
    ),
}
