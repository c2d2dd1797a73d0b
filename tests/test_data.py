"""Tests of scaling.data: repeated epochs, data-constrained allocation, the stock of public text.

Expected values are worked by hand in the comments, or quoted from Muennighoff et al. 2023's
released code (huggingface/datablations README, "Parametric Fit") with the tolerance stated.
"""

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling import chinchilla, data
from scaling.chinchilla import ChinchillaLaw

# A toy law with alpha = beta = 0.5 and A = B, so G = (alpha·A/(beta·B))^(1/(alpha+beta)) = 1,
# N_opt(D) = D and the frontier is N = D = sqrt(C/6): easy to work by hand.
TOY = ChinchillaLaw(E=1.0, A=100.0, B=100.0, alpha=0.5, beta=0.5)

FAST = settings(max_examples=30, deadline=None)


# --- effective data ------------------------------------------------------------------------


def test_four_epochs_worth_about_3_73_fresh_epochs():
    # R_D = 3: 3/15.387756 = 0.194961; e^-0.194961 = 0.822866; 1 - 0.822866 = 0.177134;
    # 15.387756 * 0.177134 = 2.72570; + 1 = 3.7257.
    assert data.effective_data(1.0, 4) == pytest.approx(3.73, abs=0.01)
    assert data.effective_data(44e9, 4) == pytest.approx(3.7257 * 44e9, rel=1e-4)


def test_sixteen_epochs_worth_about_10_6_fresh_epochs():
    # R_D = 15: 15/15.387756 = 0.974801; e^-0.974801 = 0.377286; 1 - 0.377286 = 0.622714;
    # 15.387756 * 0.622714 = 9.5822; + 1 = 10.582.
    assert data.effective_data(1.0, 16) == pytest.approx(10.58, abs=0.01)


def test_ceiling_is_about_16_4_times_unique():
    # U·(1 + R*_D) = 1 + 15.387756 = 16.387756 per unique token: "16.4" to one decimal.
    assert data.repeated_data_ceiling(1.0) == pytest.approx(16.4, abs=0.05)
    assert data.repeated_data_ceiling(1e12) == pytest.approx(16.387756e12)
    assert data.effective_data(1.0, 1e6) == pytest.approx(16.387756, rel=1e-9)


def test_one_epoch_or_less_is_all_fresh():
    # epochs <= 1: every token seen is unique, D' = epochs·U.
    assert data.effective_data(100.0, 1) == pytest.approx(100.0)
    assert data.effective_data(100.0, 0.5) == pytest.approx(50.0)


def test_effective_data_takes_arrays():
    out = data.effective_data(1.0, np.array([0.5, 1.0, 4.0]))
    assert out.shape == (3,)
    assert out == pytest.approx([0.5, 1.0, 3.7257], abs=1e-4)


@FAST
@given(st.floats(0.01, 500.0), st.floats(0.01, 500.0))
def test_effective_data_grows_with_epochs_and_stays_under_ceiling(e1, e2):
    low, high = sorted((e1, e2))
    d_low, d_high = data.effective_data(1.0, low), data.effective_data(1.0, high)
    assert d_low <= d_high + 1e-12
    assert d_high <= min(high, data.repeated_data_ceiling(1.0)) + 1e-9


def test_value_of_each_epoch():
    # First epoch: 1. Second: R*(1 - e^(-1/R*)) = 15.387756 * (1 - e^-0.0649867)
    #   = 15.387756 * (1 - 0.937080) = 15.387756 * 0.062920 = 0.96820.
    assert data.value_of_epoch(1) == pytest.approx(1.0)
    assert data.value_of_epoch(2) == pytest.approx(0.968, abs=1e-3)
    # Each further epoch is worth e^(-1/R*) = 0.937080 of the one before.
    assert data.value_of_epoch(6) / data.value_of_epoch(5) == pytest.approx(0.93708, abs=1e-5)


def test_values_of_epochs_add_up_to_effective_data():
    # Telescoping: the first E epochs together are worth D'(E)/U.
    values = data.value_of_epoch(np.arange(1, 17))
    assert values.sum() == pytest.approx(data.effective_data(1.0, 16))


# --- effective parameters and the loss -----------------------------------------------------


def test_params_for_tokens_toy_laws():
    # TOY: G = 1, N_opt(D) = D.
    assert data.params_for_tokens(1e10, TOY) == pytest.approx(1e10)
    # alpha = beta = 0.5, A = 400, B = 100: G = 4, N = G·(D·G)^1 = 16·D = (A/B)^(1/alpha)·D.
    law = ChinchillaLaw(E=1.0, A=400.0, B=100.0, alpha=0.5, beta=0.5)
    assert data.params_for_tokens(1e9, law) == pytest.approx(16e9)


def test_muennighoff_fit_implies_about_20_tokens_per_parameter():
    # alpha = beta, so N_opt/D = (A/B)^(1/alpha): ln(520.82/1487.72) = ln 0.35008 = -1.04959;
    # / 0.35266 = -2.97621; e^-2.97621 = 0.05098, i.e. 19.6 tokens per parameter.
    assert 1e12 / data.params_for_tokens(1e12) == pytest.approx(19.6, rel=0.01)


def test_muennighoff_constants_from_log_coefficients():
    # e^6.255414 = 520.8, e^7.3049974 = 1487.7, e^0.6254804 = 1.869 (FACTS: A≈521, B≈1488, E≈1.87).
    fit = data.MUENNIGHOFF_FIT
    assert fit.A == pytest.approx(521, abs=1)
    assert fit.B == pytest.approx(1488, abs=1)
    assert fit.E == pytest.approx(1.87, abs=0.01)
    assert fit.alpha == fit.beta == pytest.approx(0.3527, abs=1e-4)


def test_effective_params_only_discounts_excess_parameters():
    # TOY: N_opt(U) = U. A model no larger than that keeps all its parameters.
    assert data.effective_params(5e9, 1e10, TOY) == pytest.approx(5e9)
    # N = 2·U_N: R_N = 1; 1/5.309743 = 0.188334; e^-0.188334 = 0.828336; 1 - 0.828336 = 0.171664;
    # 5.309743 * 0.171664 = 0.911494; N' = 1.911494·U_N.
    assert data.effective_params(2e10, 1e10, TOY) == pytest.approx(1.911494e10, rel=1e-5)


def test_loss_matches_released_code_examples():
    # huggingface/datablations README, "Parametric Fit": the two models of Figure 1 (right),
    # printed there as 2.2256440889984477 and 2.2269634075087867. Tolerance 1e-6.
    assert data.data_constrained_loss(6.34e9, 242e9, 25e9) == pytest.approx(2.2256440889984477, abs=1e-6)
    assert data.data_constrained_loss(8.67e9, 178e9, 25e9) == pytest.approx(2.2269634075087867, abs=1e-6)


def test_loss_with_fresh_data_at_the_optimal_ratio_is_the_chinchilla_loss():
    # TOY, N = D = 1e4, U >= D: no repeats, N = N_opt(D): L = 1 + 100/100 + 100/100 = 3.
    assert data.data_constrained_loss(1e4, 1e4, 1e6, TOY) == pytest.approx(3.0)
    # Repeating 4 epochs of 2,500 unique tokens: D' = 2500·3.7257 = 9314.3, so the data term
    # is 100/sqrt(9314.3) = 1.03616; N_opt(2500) = 2500 < N, so N' = 2500·(1 + 5.309743·(1 - e^-0.564999))
    # = 2500·(1 + 5.309743·0.431638) = 2500·3.29189 = 8229.7, model term 100/sqrt(8229.7) = 1.10232.
    assert data.data_constrained_loss(1e4, 1e4, 2500, TOY) == pytest.approx(1 + 1.10232 + 1.03616, abs=1e-4)


def test_loss_accepts_any_object_with_the_five_attributes():
    law = SimpleNamespace(E=1.0, A=100.0, B=100.0, alpha=0.5, beta=0.5)
    assert data.data_constrained_loss(1e4, 1e4, 1e6, law) == pytest.approx(3.0)


# --- allocation with capped unique data ----------------------------------------------------


def test_allocation_matches_released_code_example():
    # README: for the 8.67B-parameter, 178B-token budget with 25B unique tokens, the grid search
    # gives "227B tokens, 9.1 epochs, 6.8B parameters". Their grid step in the size ratio is
    # about 0.4%, so we allow 1%.
    result = data.data_constrained_allocation(6 * 8.67e9 * 178e9, 25e9, law=data.MUENNIGHOFF_FIT)
    assert result.data_limited
    assert result.n_tokens == pytest.approx(227e9, rel=0.01)
    assert result.epochs == pytest.approx(9.1, rel=0.01)
    assert result.n_params == pytest.approx(6.8e9, rel=0.01)
    assert result.loss_gap > 0


def test_allocation_without_a_binding_cap_is_the_frontier():
    # TOY: N = D = sqrt(C/6) = sqrt(1e20) = 1e10 for C = 6e20; loss 1 + 100/1e5 + 100/1e5 = 1.002.
    result = data.data_constrained_allocation(6e20, 1e11, law=TOY)
    assert not result.data_limited
    assert result.n_params == pytest.approx(1e10) and result.n_tokens == pytest.approx(1e10)
    assert result.epochs == pytest.approx(0.1)
    assert result.loss == pytest.approx(1.002) and result.loss_gap == 0.0


def test_allocation_when_capped_repeats_and_costs_loss():
    # TOY at C = 6e20 wants 1e10 tokens; with 1e9 unique it must repeat (or grow N).
    result = data.data_constrained_allocation(6e20, 1e9, law=TOY)
    assert result.data_limited
    assert result.epochs > 1
    assert result.n_params * result.n_tokens * 6 == pytest.approx(6e20)
    assert result.loss > result.loss_unlimited
    # Repeating helps: better than one epoch over the 1e9 unique tokens with N = C/(6·1e9) = 1e11.
    one_epoch = data.data_constrained_loss(1e11, 1e9, 1e9, TOY)
    assert result.loss <= one_epoch + 1e-12


def test_loss_floor_and_the_plateau_of_the_allocation():
    # TOY, U = 1 token: N_opt(1) = 1, so N' → 1 + 5.309743 = 6.309743 and D' → 16.387756.
    # Floor = 1 + 100/sqrt(6.309743) + 100/sqrt(16.387756) = 1 + 100/2.511920 + 100/4.048179
    #       = 1 + 39.8102 + 24.7025 = 65.5127.
    assert data.data_constrained_loss_floor(1.0, TOY) == pytest.approx(65.5127, abs=1e-3)
    # A budget far beyond what one unique token can use sits on that floor.
    assert data.data_constrained_allocation(6e20, 1.0, law=TOY).loss == pytest.approx(65.5127, abs=1e-3)


def test_allocation_gap_grows_as_the_stock_shrinks():
    gaps = [data.data_constrained_allocation(1e24, u).loss_gap for u in (1e13, 1e12, 1e11, 1e10)]
    assert gaps[0] == 0.0
    assert all(a < b for a, b in zip(gaps, gaps[1:]))


# --- data stock ----------------------------------------------------------------------------


def test_dataset_growth_between_gpt3_and_llama3():
    # 15e12 / 300e9 = 50 in 4 years; 50^(1/4) = sqrt(7.0711) = 2.6591.
    assert data.dataset_growth_per_year(300e9, 2020, 15e12, 2024) == pytest.approx(2.6591, abs=1e-4)
    assert data.DEFAULT_DATASET_GROWTH_PER_YEAR == pytest.approx(2.6591, abs=1e-4)


def test_year_dataset_reaches_stock():
    # 8× a reference at doubling per year: 3 years.
    assert data.year_dataset_reaches(8e12, 1e12, 2020, 2.0) == pytest.approx(2023.0)
    # Defaults: 300T / 15T = 20; ln 20 / ln 2.6591 = 2.99573 / 0.97800 = 3.0631 -> 2027.06.
    assert data.year_dataset_reaches() == pytest.approx(2027.06, abs=0.01)
    years = data.year_dataset_reaches(np.array([15e12, 30e12]), 15e12, 2024, 2.0)
    assert years == pytest.approx([2024.0, 2025.0])


def test_stock_exhaustion_budget_at_20_tokens_per_param():
    # 300T tokens, N = 300e12/20 = 15e12: C = 6·15e12·300e12 = 2.7e28 FLOPs.
    assert data.stock_exhaustion_flops() == pytest.approx(2.7e28)
    # Over-training 10×: N = 1.5e12, C = 2.7e27.
    assert data.stock_exhaustion_flops(overtraining=10) == pytest.approx(2.7e27)


def test_stock_exhaustion_agrees_with_villalobos_figure():
    # Villalobos et al. 2024, Fig. 1 caption (v2): an indexed-web stock of about 4e14 tokens
    # corresponds to about 5e28 FLOP for non-overtrained models. 6·(4e14/20)·4e14 = 4.8e28.
    assert data.stock_exhaustion_flops(4e14) == pytest.approx(5e28, rel=0.1)


def test_stock_exhaustion_on_a_law_frontier():
    # TOY: D_opt = sqrt(C/6), so D = 1e12 needs C = 6e24; over-training 4×: D_opt = D/2,
    # C = 6·(5e11)² = 1.5e24.
    assert data.stock_exhaustion_flops_chinchilla(1e12, TOY) == pytest.approx(6e24)
    assert data.stock_exhaustion_flops_chinchilla(1e12, TOY, overtraining=4) == pytest.approx(1.5e24)


def test_years_brought_forward():
    # ln 10 / ln 4 = 2.302585 / 1.386294 = 1.660964.
    assert data.years_brought_forward(10, 4) == pytest.approx(1.660964, abs=1e-6)
    assert data.years_brought_forward(1, 4) == 0.0


def test_villalobos_constants():
    assert data.PUBLIC_TEXT_STOCK_TOKENS == 300e12
    assert data.PUBLIC_TEXT_STOCK_90CI_TOKENS == (100e12, 1000e12)
    assert data.VILLALOBOS_EXHAUSTION_YEARS == (2026, 2032)


# --- bad inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: data.effective_data(-1.0, 4), "unique tokens U .* greater than zero"),
        (lambda: data.effective_data(1.0, 0), "epochs must be greater than zero"),
        (lambda: data.effective_data(1.0, float("nan")), "finite"),
        (lambda: data.effective_data([], 4), "must not be empty"),
        (lambda: data.effective_data(1.0, 4, r_star=0), "R\\*_D must be greater than zero"),
        (lambda: data.value_of_epoch(0.5), "epoch number must lie in"),
        (lambda: data.value_of_epoch(float("nan")), "finite"),
        (lambda: data.repeated_data_ceiling(0), "greater than zero"),
        (lambda: data.params_for_tokens(-5), "tokens D .* greater than zero"),
        (lambda: data.params_for_tokens(1e9, law=SimpleNamespace(E=1, A=1)), "lacks B, alpha, beta"),
        (lambda: data.params_for_tokens(1e9, law=SimpleNamespace(E=1, A=1, B=1, alpha=-0.3, beta=0.3)), "alpha"),
        (lambda: data.effective_params(0, 1e9), "parameters N .* greater than zero"),
        (lambda: data.effective_params(1e9, float("inf")), "finite"),
        (lambda: data.data_constrained_loss(1e9, 1e10, -1), "unique tokens U"),
        (lambda: data.data_constrained_loss("1e9", 1e10, 1e9), "must be a number"),
        (lambda: data.data_constrained_loss_floor(0), "unique tokens U"),
        (lambda: data.data_constrained_loss_floor(1e9, r_n_star=-1), "R\\*_N must be greater than zero"),
        (lambda: data.data_constrained_allocation(0, 1e9), "compute budget C"),
        (lambda: data.data_constrained_allocation([1e21, 1e22], 1e9), "one number"),
        (lambda: data.data_constrained_allocation(1e21, float("nan")), "finite"),
        (lambda: data.dataset_growth_per_year(1e9, 2024, 1e10, 2020), "later year must come after"),
        (lambda: data.dataset_growth_per_year(-1e9, 2020, 1e10, 2024), "earlier training-set size"),
        (lambda: data.year_dataset_reaches(300e12, growth_per_year=1.0), "growth factor per year must lie in"),
        (lambda: data.year_dataset_reaches(float("nan")), "finite"),
        (lambda: data.stock_exhaustion_flops(300e12, overtraining=0.5), "over-training factor k must lie in"),
        (lambda: data.stock_exhaustion_flops(300e12, tokens_per_param=0), "tokens per parameter"),
        (lambda: data.stock_exhaustion_flops_chinchilla(-1), "stock of tokens"),
        (lambda: data.stock_exhaustion_flops_chinchilla(1e12, law=None), "must have attributes"),
        (lambda: data.years_brought_forward(10, 1.0), "compute growth factor per year"),
        (lambda: data.years_brought_forward([], 4), "must not be empty"),
    ],
)
def test_bad_inputs_raise_clear_errors(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_hoffmann_constants_are_shared_with_the_chinchilla_module():
    # Defined once, in scaling.chinchilla; data imports the very same object.
    assert data.HOFFMANN_ROUNDED is chinchilla.HOFFMANN_ROUNDED


def test_chinchilla_tokens_per_param_is_20():
    # 1.4e12 tokens / 70e9 parameters = 20.
    assert data.CHINCHILLA_TOKENS_PER_PARAM == pytest.approx(20.0)


# --- additions for chapter 5 -----------------------------------------------------------------


def test_best_loss_matches_the_allocation_for_many_budgets():
    budgets = np.geomspace(1e20, 1e30, 11)
    for law, unique in ((data.MUENNIGHOFF_FIT, 1e12), (chinchilla.HOFFMANN_ROUNDED, 1e11), (TOY, 1e9)):
        best = data.best_data_constrained_loss(budgets, unique, law=law)
        one_at_a_time = [data.data_constrained_allocation(c, unique, law=law).loss for c in budgets]
        assert best == pytest.approx(one_at_a_time, abs=1e-7)


def test_best_loss_by_hand_on_the_toy_law():
    # TOY at C = 6e20 wants N = D = 1e10 (loss 1.002); U = 1e11 does not bind.
    assert data.best_data_constrained_loss(6e20, 1e11, law=TOY) == pytest.approx(1.002)
    assert isinstance(data.best_data_constrained_loss(6e20, 1e11, law=TOY), float)
    # U = 1 token and a huge budget: the floor 65.5127 of test_loss_floor_and_the_plateau_of_the_allocation.
    assert data.best_data_constrained_loss(np.array([6e20]), 1.0, law=TOY) == pytest.approx([65.5127], abs=1e-3)


def test_muennighoff_example_run_is_four_epochs():
    # 178B / 44B = 4.05 epochs; the paper reports 0.5 % higher loss than fresh data.
    assert data.MUENNIGHOFF_EXAMPLE_TOKENS / data.MUENNIGHOFF_EXAMPLE_UNIQUE_TOKENS == pytest.approx(4.0, rel=0.02)
    assert data.MUENNIGHOFF_EXAMPLE_LOSS_INCREASE == 0.005
    assert 0 < data.MUENNIGHOFF_MAX_CODE_SHARE < 1
    # The example run lies inside the measured range.
    assert data.MUENNIGHOFF_EXAMPLE_PARAMS <= data.MUENNIGHOFF_MAX_PARAMS
    assert data.MUENNIGHOFF_EXAMPLE_TOKENS <= data.MUENNIGHOFF_MAX_TOKENS


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: data.best_data_constrained_loss(-1e24, 1e12), "compute budget C"),
        (lambda: data.best_data_constrained_loss(1e24, [1e12, 2e12]), "one number"),
        (lambda: data.best_data_constrained_loss(1e24, 0.0), "unique tokens U"),
    ],
)
def test_best_loss_rejects_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- Effective stock (Villalobos et al.'s definition) -------------------------------------------------------


def test_unique_tokens_for_effective_inverts_eq5():
    # 4 epochs are worth 1 + 15.3878·(1 − e^(−3/15.3878)) = 1 + 15.3878·0.17714 = 3.7258 fresh epochs:
    # 300T / 3.7258 = 80.52T.
    u = data.unique_tokens_for_effective(300e12, 4)
    assert u == pytest.approx(300e12 / 3.7258, rel=1e-4)
    assert data.effective_data(u, 4) == pytest.approx(300e12)
    assert data.unique_tokens_for_effective(300e12, 1) == pytest.approx(300e12)


def test_effective_stock_allocation_below_and_above_the_cap():
    law = data.MUENNIGHOFF_FIT
    below = data.effective_stock_allocation(1e27, 300e12, law)
    assert not below.data_limited and below.loss_gap == pytest.approx(0.0)
    # above: D = stock, N = C / (6 · stock) = 1e30 / 1.8e15 = 5.556e14 parameters
    above = data.effective_stock_allocation(1e30, 300e12, law)
    assert above.data_limited
    assert above.n_tokens == 300e12
    assert above.n_params == pytest.approx(1e30 / 1.8e15)
    assert above.loss == pytest.approx(law.E + law.A / above.n_params**law.alpha + law.B / 300e12**law.beta)
    assert above.loss_gap > 0


def test_effective_stock_allocation_is_the_constrained_minimum():
    # Along C = 6ND with D ≤ stock, no N on a grid does better than the returned run.
    law = data.MUENNIGHOFF_FIT
    c, stock = 1e30, 300e12
    best = data.effective_stock_allocation(c, stock, law)
    n = np.geomspace(c / (6 * stock), 1e18, 400)
    losses = law.E + law.A / n**law.alpha + law.B / (c / (6 * n)) ** law.beta
    assert best.loss <= losses.min() + 1e-12


def test_effective_stock_bad_input():
    with pytest.raises(ValueError, match="effective"):
        data.effective_stock_allocation(1e30, -1.0)
    with pytest.raises(ValueError, match="effective number of tokens"):
        data.unique_tokens_for_effective(0.0, 4)
