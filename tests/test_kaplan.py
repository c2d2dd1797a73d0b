"""Tests of scaling.kaplan: the constants, the laws and Kaplan's compute-efficient allocation.

Expected values are worked out by hand in the comments, or taken from the papers
(Kaplan et al. 2020; Hoffmann et al. 2022, App. D.4) with the tolerance stated.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling import kaplan
from scaling.compute import PF_DAY

REL = 1e-9


def test_constants_are_the_published_ones():
    # Kaplan et al. 2020, Table 5 / Eqs. 1.1-1.4, Table 2, Table 6.
    assert (kaplan.ALPHA_N, kaplan.N_C) == (0.076, 8.8e13)
    assert (kaplan.ALPHA_D, kaplan.D_C) == (0.095, 5.4e13)
    assert (kaplan.ALPHA_C_MIN, kaplan.C_C_MIN) == (0.050, 3.1e8)
    assert (kaplan.ALPHA_C, kaplan.C_C) == (0.057, 1.6e7)
    assert (kaplan.B_STAR, kaplan.ALPHA_B, kaplan.S_C, kaplan.ALPHA_S) == (2.1e8, 0.21, 2.1e3, 0.76)
    j = kaplan.JOINT_FIT
    assert (j.alpha_N, j.alpha_D, j.N_c, j.D_c) == (0.076, 0.103, 6.4e13, 1.8e13)
    assert (kaplan.N_OPT_COEFFICIENT, kaplan.N_OPT_EXPONENT) == (1.3e9, 0.73)
    assert (kaplan.BATCH_COEFFICIENT, kaplan.BATCH_EXPONENT) == (2.0e6, 0.24)
    assert (kaplan.S_MIN_COEFFICIENT, kaplan.S_MIN_EXPONENT) == (5.4e3, 0.03)
    assert (kaplan.D_OPT_COEFFICIENT, kaplan.D_OPT_EXPONENT) == (2e10, 0.27)


def test_single_variable_laws_hand_values():
    # At N = N_c, D = D_c, C_min = C_c^min, C = C_c every law gives loss 1.
    assert kaplan.loss_from_params(8.8e13) == pytest.approx(1.0, rel=REL)
    assert kaplan.loss_from_tokens(5.4e13) == pytest.approx(1.0, rel=REL)
    assert kaplan.loss_from_compute(3.1e8) == pytest.approx(1.0, rel=REL)
    assert kaplan.loss_from_compute_fixed_batch(1.6e7) == pytest.approx(1.0, rel=REL)
    # N = 1e9: ln(8.8e13 / 1e9) = ln 88,000 = 11.3850; x 0.076 = 0.86526; e^0.86526 = 2.3756.
    assert kaplan.loss_from_params(1e9) == pytest.approx(2.3756, rel=1e-4)
    # Doubling: N gives 2^-0.076 = 0.9487, D gives 2^-0.095 = 0.9363 (FACTS 12b: D falls faster).
    assert kaplan.loss_from_params(2e9) / kaplan.loss_from_params(1e9) == pytest.approx(0.94870, rel=1e-4)
    assert kaplan.loss_from_tokens(2e10) / kaplan.loss_from_tokens(1e10) == pytest.approx(0.93629, rel=1e-4)


def test_laws_accept_arrays():
    n = np.array([1e8, 1e9, 1e10])
    out = kaplan.loss_from_params(n)
    assert out.shape == (3,) and np.all(np.diff(out) < 0)


def test_joint_law_reduces_to_the_params_law_with_infinite_data():
    # D -> infinity: L = [(N_c/N)^(a_N/a_D)]^a_D = (N_c/N)^a_N with the Table 2 N_c = 6.4e13.
    n = 1e9
    assert kaplan.joint_loss(n, 1e40) == pytest.approx((6.4e13 / n) ** 0.076, rel=1e-9)
    # ... and to (D_c/D)^a_D with infinite parameters.
    assert kaplan.joint_loss(1e60, 1e10) == pytest.approx((1.8e13 / 1e10) ** 0.103, rel=1e-9)


def test_joint_law_overfitting_rule():
    # Kaplan §1.1 / Eq. 4.3: the overfitting penalty depends on N^0.74 / D, where
    # 0.74 = alpha_N / alpha_D of the joint fit: 0.076 / 0.103 = 0.738.
    assert kaplan.JOINT_FIT.alpha_N / kaplan.JOINT_FIT.alpha_D == pytest.approx(0.738, abs=1e-3)
    # "8x model needs ~5x data": 8^0.738 = 4.64, so keeping N^0.74/D fixed needs about 5x the data.
    assert 8**0.738 == pytest.approx(4.64, abs=0.01)


def test_predicted_alpha_c_min():
    # 1/(1/0.76 + 1/0.21 + 1/0.076) = 1/(1.3158 + 4.7619 + 13.1579) = 1/19.2356 = 0.05199.
    assert kaplan.predicted_alpha_c_min() == pytest.approx(0.05199, rel=1e-3)


def test_critical_batch_size():
    # B_crit(1) = B_* = 2.1e8; B_crit(2) = 2.1e8 / 2^(1/0.21) = 2.1e8 / 27.132 = 7.740e6 tokens.
    assert kaplan.critical_batch_size(1.0) == pytest.approx(2.1e8, rel=REL)
    assert kaplan.critical_batch_size(2.0) == pytest.approx(7.740e6, rel=1e-3)


def test_allocation_at_one_pf_day():
    # C_min = 1 PF-day = 8.64e19 FLOPs: every coefficient of Table 6 appears unscaled.
    a = kaplan.optimal_allocation(PF_DAY)
    assert a.c_min_pf_days == pytest.approx(1.0, rel=REL)
    assert a.N == pytest.approx(1.3e9, rel=REL)
    assert a.D == pytest.approx(2e10, rel=REL)
    assert a.batch_tokens == pytest.approx(2.0e6, rel=REL)
    assert a.min_steps == pytest.approx(5.4e3, rel=REL)
    assert a.steps == pytest.approx(1.08e4, rel=REL)
    # Tokens actually spent: 6 x 1.3e9 x 2e10 = 1.56e20 FLOPs = 1.806 C_min (2 C_min in theory).
    assert a.flops_spent == pytest.approx(1.56e20, rel=REL)
    assert a.flops_spent / a.c_min_flops == pytest.approx(1.8056, rel=1e-4)
    assert a.tokens_per_param == pytest.approx(2e10 / 1.3e9, rel=REL)


def test_tokens_equal_batch_times_steps_to_rounding():
    # D_e = 2e10 vs 2 x B_e x S_e = 2 x 2.0e6 x 5.4e3 = 2.16e10: the same law to Table 6 rounding
    # (exponents 0.24 + 0.03 = 0.27), so the ratio is 0.926 at every budget.
    for c in (1e18, 1e21, 1e24):
        a = kaplan.optimal_allocation(c)
        assert a.D / (a.batch_tokens * a.steps) == pytest.approx(2e10 / 2.16e10, rel=1e-9)


def test_facts_12c_budget_1e23():
    # C_min = 1e23 FLOPs = 1,157.4 PF-days. N = 1.3e9 x 1157.4^0.73: ln 1157.4 = 7.0540,
    # x 0.73 = 5.1494, e^ = 172.3, so N = 2.24e11; D = 2e10 x e^(0.27 x 7.0540 = 1.9046) = 1.343e11.
    a = kaplan.optimal_allocation(1e23)
    assert a.c_min_pf_days == pytest.approx(1157.4, rel=1e-4)
    assert a.N == pytest.approx(2.240e11, rel=2e-3)
    assert a.D == pytest.approx(1.343e11, rel=2e-3)
    # "Actual compute" reading, C_min = 5e22 = 578.7 PF-days: N = 1.3e9 x e^(0.73 x 6.3608) = 1.351e11,
    # D = 2e10 x e^(0.27 x 6.3608) = 1.114e11 (FACTS 12c prints 1.2e11 for this D; the arithmetic gives 1.1e11).
    b = kaplan.optimal_allocation(1e23, compute="actual")
    assert b.c_min_flops == pytest.approx(5e22, rel=REL)
    assert b.N == pytest.approx(1.351e11, rel=2e-3)
    assert b.D == pytest.approx(1.114e11, rel=2e-3)


def test_hoffmann_app_d4_needs_the_actual_compute_reading():
    # Hoffmann et al. 2022, App. D.4: "Kaplan predicts 4.68B" at 1e21 FLOPs.
    # Reading 1e21 as the compute actually spent at B_crit (= 2 C_min): C_min = 5e20 = 5.787 PF-days,
    # N = 1.3e9 x 5.787^0.73 = 1.3e9 x e^(0.73 x 1.7556) = 1.3e9 x 3.6024 = 4.683e9.
    assert kaplan.optimal_allocation(1e21, compute="actual").N == pytest.approx(4.68e9, rel=2e-3)
    # Reading it as C_min: 11.574 PF-days, N = 1.3e9 x e^(0.73 x 2.4488) = 7.77e9, which is not the paper's number.
    assert kaplan.optimal_allocation(1e21).N == pytest.approx(7.77e9, rel=2e-3)
    # Scaling the App. D.4 figure to 1e23 (x 100^0.73 = 28.84) gives FACTS 12c's 1.35e11.
    assert 4.68e9 * 100**0.73 == pytest.approx(kaplan.optimal_allocation(1e23, compute="actual").N, rel=3e-3)


def test_ten_times_compute():
    # Hoffmann §1's paraphrase of Kaplan: 10x compute -> 5.5x parameters (10^0.73 = 5.37), 1.8x tokens (10^0.27 = 1.86).
    a, b = kaplan.optimal_allocation(1e21), kaplan.optimal_allocation(1e22)
    assert b.N / a.N == pytest.approx(10**0.73, rel=1e-9)
    assert b.D / a.D == pytest.approx(10**0.27, rel=1e-9)


def test_tokens_per_param():
    # D/N = (2e10 / 1.3e9) x C_min^(0.27 - 0.73) = 15.385 x C_min^-0.46; at 1 PF-day: 15.385.
    assert kaplan.tokens_per_param(PF_DAY) == pytest.approx(15.385, rel=1e-4)
    assert kaplan.tokens_per_param(2 * PF_DAY, compute="actual") == pytest.approx(15.385, rel=1e-4)


def test_allocation_arrays():
    a = kaplan.optimal_allocation(np.array([1e20, 1e22]))
    assert a.N.shape == (2,) and a.N[1] > a.N[0]


@settings(deadline=None, max_examples=25)
@given(st.floats(min_value=1e15, max_value=1e28))
def test_allocation_consistent_with_its_power_laws(flops):
    a = kaplan.optimal_allocation(flops)
    c = flops / PF_DAY
    assert a.N == pytest.approx(1.3e9 * c**0.73, rel=1e-9)
    assert a.flops_spent == pytest.approx(6 * a.N * a.D, rel=1e-12)
    # The actual-compute reading is the minimum reading at half the budget.
    assert kaplan.optimal_allocation(flops, "actual").N == pytest.approx(
        kaplan.optimal_allocation(flops / 2).N, rel=1e-12
    )


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: kaplan.loss_from_params(-2), "non-embedding parameters N"),
        (lambda: kaplan.loss_from_params([1e9, 0]), "position 1"),
        (lambda: kaplan.loss_from_tokens(0), "training tokens D"),
        (lambda: kaplan.loss_from_compute(float("nan")), "finite"),
        (lambda: kaplan.loss_from_compute_fixed_batch(-1), "compute C"),
        (lambda: kaplan.joint_loss(1e9, -5), "training tokens D"),
        (lambda: kaplan.joint_loss(1e9, 1e10, law="table 2"), "KaplanJointLaw"),
        (lambda: kaplan.KaplanJointLaw(alpha_N=0.076, alpha_D=0, N_c=1e13, D_c=1e13), "alpha_D"),
        (lambda: kaplan.critical_batch_size(0), "loss L"),
        (lambda: kaplan.optimal_allocation(0), "compute budget C"),
        (lambda: kaplan.optimal_allocation(1e21, compute="spent"), "'minimum'"),
        (lambda: kaplan.tokens_per_param("1e21"), "must be a number"),
        (lambda: kaplan.tokens_per_param(1e21, compute=None), "'actual'"),
    ],
)
def test_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_docstrings_say_non_embedding():
    for f in (kaplan.loss_from_params, kaplan.joint_loss, kaplan.optimal_allocation):
        assert "non-embedding" in f.__doc__
    assert math.isclose(kaplan.PF_DAY, 8.64e19)


def test_embedding_params_and_output_layer_share():
    # Kaplan et al. 2020, Table 1: embeddings (n_vocab + n_ctx)·d_model. With V = 50,257 and
    # n_ctx = 1,024 (§2): (50,257 + 1,024) x 512 = 51,281 x 512 = 26,255,872 parameters.
    assert (kaplan.VOCAB_SIZE, kaplan.CONTEXT_LENGTH) == (50_257, 1024)
    assert kaplan.MODEL_SIZE_RANGE == (768, 1.5e9)  # §2: 768 to 1.5e9 non-embedding parameters
    assert kaplan.embedding_params(512) == pytest.approx(26_255_872, rel=REL)
    assert kaplan.embedding_params(512, vocab_size=1000, n_ctx=0) == pytest.approx(512_000, rel=REL)
    # A 6-layer, 512-wide model: N = 12 x 6 x 512^2 = 18,874,368 non-embedding parameters; the output
    # layer's d·V = 512 x 50,257 = 25,731,584, so it adds 25,731,584 / 18,874,368 = 1.3633 x 6N.
    assert kaplan.output_layer_compute_share(18_874_368, 512) == pytest.approx(1.36330, rel=1e-5)
    # A wide model: 48 layers of 6,144: N = 12 x 48 x 6144^2 = 2.1743e10; 6144 x 50257 / N = 0.0142.
    assert kaplan.output_layer_compute_share(12 * 48 * 6144**2, 6144) == pytest.approx(0.014201, rel=1e-3)
    np.testing.assert_allclose(kaplan.embedding_params(np.array([512, 1024])), [26_255_872, 52_511_744])


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: kaplan.embedding_params(0), "model width d_model"),
        (lambda: kaplan.embedding_params(512, n_ctx=-1), "context length"),
        (lambda: kaplan.output_layer_compute_share(-1, 512), "non-embedding parameters N"),
        (lambda: kaplan.output_layer_compute_share(1e9, 512, vocab_size=0), "vocabulary size"),
    ],
)
def test_embedding_helpers_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_frontier_exponent_derived_from_the_training_laws():
    # Kaplan et al. 2020, §6 and App. B: a_N = alpha_C^min / alpha_N = 1/(1 + a_N/a_B + a_N/a_S)
    # = 1/(1 + 0.076/0.21 + 0.076/0.76) = 1/(1 + 0.361905 + 0.1) = 1/1.461905 = 0.684039.
    # Table 6 fits 0.73 directly (tolerance: the derived value must sit within 0.05 of it).
    assert kaplan.frontier_exponent_from_training_laws() == pytest.approx(0.684039, rel=1e-5)
    assert abs(kaplan.frontier_exponent_from_training_laws() - kaplan.N_OPT_EXPONENT) < 0.05
    # The numerical optimum of L(N, S_min) over N has that slope exactly (the laws have no floor).
    budgets = np.geomspace(1e13, 1e21, 5)
    n = kaplan.optimal_params_from_training_laws(budgets)
    slope = np.polyfit(np.log(budgets), np.log(n), 1)[0]
    assert slope == pytest.approx(0.684039, abs=1e-4)


def test_loss_at_minimum_compute_solves_its_own_equation():
    n, c = 1e9, 1e20
    L = kaplan.loss_at_minimum_compute(n, c)
    s_min = c / (6 * n * kaplan.critical_batch_size(L))
    assert L == pytest.approx((kaplan.N_C / n) ** kaplan.ALPHA_N + (kaplan.S_C / s_min) ** kaplan.ALPHA_S, rel=1e-10)
    # More compute, lower loss; never below L(N).
    assert kaplan.loss_at_minimum_compute(n, 1e22) < L
    assert kaplan.loss_at_minimum_compute(n, 1e30) > kaplan.loss_from_params(n)
    with pytest.raises(ValueError, match="minimum compute C_min"):
        kaplan.loss_at_minimum_compute(1e9, 0)


def test_joint_law_at_fixed_6nd_gives_a_smaller_exponent():
    # p = 0.076/0.103 = 0.737864; a_N = 1/(1 + p) = 0.103/0.179 = 0.575419.
    assert kaplan.joint_law_frontier_exponent() == pytest.approx(0.575419, rel=1e-5)
    # Closed form N = (p N_c^p C / (6 D_c))^(1/(1+p)) against a brute-force search on a fine grid.
    c = 1e21
    grid = np.geomspace(1e7, 1e12, 200_001)
    brute = grid[np.argmin(kaplan.joint_loss(grid, c / (6 * grid)))]
    assert kaplan.joint_law_optimal_params(c) == pytest.approx(brute, rel=1e-4)
    ratio = kaplan.joint_law_optimal_params(1e22) / kaplan.joint_law_optimal_params(1e21)
    assert np.log10(ratio) == pytest.approx(0.575419, rel=1e-6)
    with pytest.raises(ValueError, match="KaplanJointLaw"):
        kaplan.joint_law_frontier_exponent("Table 2")
