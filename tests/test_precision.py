"""Precision scaling forms (scaling.precision). Expected values worked out by hand."""

import math

import numpy as np
import pytest

from scaling import precision


def test_precision_factor():
    # 1 − e^(−16/4) = 1 − 0.018316 = 0.981684; 1 − e^(−1) = 0.632121.
    assert precision.precision_factor(16, 4) == pytest.approx(0.981684, rel=1e-6)
    assert precision.precision_factor(3, 3) == pytest.approx(0.632121, rel=1e-6)


def test_effective_params_multiplies_the_three_factors():
    # N = 1e9, all at P = γ: (1 − 1/e)^3 = 0.252580 → 2.5258e8.
    assert precision.effective_params(1e9, 2, 3, 4, 2, 3, 4) == pytest.approx(2.52580e8, rel=1e-5)


def test_compute_optimal_precision_equal_gammas():
    # Root of 3u = e^u − 1: u = 1.90381... (e^1.90381 = 6.71143 = 1 + 3 × 1.90381).
    u = precision.compute_optimal_precision(1.0, 1.0, 1.0)
    assert 3 * u == pytest.approx(math.exp(u) - 1, rel=1e-9)
    assert u == pytest.approx(1.9038, abs=1e-4)
    # Scales with γ: P* = 1.9038 × 5 = 9.52 bits for γ = 5.
    assert precision.compute_optimal_precision(5, 5, 5) == pytest.approx(5 * u, rel=1e-9)


def test_compute_optimal_precision_is_a_maximum_of_neff_per_bit():
    gammas = (2.0, 3.0, 1.0)
    best = precision.compute_optimal_precision(*gammas)
    bits = np.linspace(0.5, 20, 2000)
    score = precision.effective_params(1.0, bits, bits, bits, *gammas) / bits
    assert bits[np.argmax(score)] == pytest.approx(best, abs=0.01)


def test_ptq_degradation_grows_with_tokens():
    # γ_D = 0.5: four times the tokens doubles the damage.
    one = precision.ptq_degradation(1e9, 1e11, 4, 1.0, 0.5, 0.3, 1.0)
    four = precision.ptq_degradation(1e9, 4e11, 4, 1.0, 0.5, 0.3, 1.0)
    assert four / one == pytest.approx(2.0)
    # By hand: 1 × (1e11)^0.5 / (1e9)^0.3 × e^(−4) = 316227.77 / 501.187 × 0.0183156 = 11.556.
    assert one == pytest.approx(11.556, rel=1e-3)


def test_critical_tokens_is_the_minimum_of_the_quantized_loss():
    args = dict(c_t=1e-3, gamma_d=0.5, gamma_n=0.3, gamma_post=1.0)
    n, p, b, beta = 1e8, 4.0, 410.7, 0.28
    d_star = precision.critical_tokens(n, p, b, beta, **args)
    d = d_star * np.array([0.5, 1.0, 2.0])
    loss = b * d**-beta + precision.ptq_degradation(n, d, p, **args)
    assert loss[1] < loss[0] and loss[1] < loss[2]


BAD_CALLS = [
    (precision.precision_factor, (0, 3), "precision P"),
    (precision.precision_factor, (4, -1), "sensitivity"),
    (precision.effective_params, (-1, 8, 8, 8, 3, 3, 3), "number of parameters"),
    (precision.compute_optimal_precision, (0, 1, 1), "weight sensitivity"),
    (precision.ptq_degradation, (1e9, 0, 4, 1, 0.5, 0.3, 1), "training tokens"),
    (precision.critical_tokens, (1e9, 4, 410, -0.28, 1, 0.5, 0.3, 1), "data exponent"),
]


@pytest.mark.parametrize(("function", "args", "message"), BAD_CALLS)
def test_bad_input_is_refused_with_a_sentence(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


def test_kumar_compute_optimal_precision_is_7_to_8_bits():
    # Kumar et al. 2024, §4.3.2: "We find this P* to be around 7-8 bits". With their Appendix K
    # sensitivities and offsets the root of P f'(P) = f(P) is 7.00 bits; without the offsets, 3.47.
    gammas = (precision.KUMAR_WEIGHTS[0], precision.KUMAR_ACTIVATIONS[0], precision.KUMAR_KV[0])
    offsets = (precision.KUMAR_WEIGHTS[1], precision.KUMAR_ACTIVATIONS[1], precision.KUMAR_KV[1])
    best = precision.compute_optimal_precision(*gammas, offsets)
    assert 6.95 <= best <= 8.0
    assert precision.compute_optimal_precision(*gammas) == pytest.approx(3.4688, abs=1e-3)
    # It maximises N_eff per bit on a grid above the fit's lower end (activations: 1.4072 × 2.2102 = 3.11 bits).
    bits = np.linspace(3.2, 20, 8401)
    score = precision.effective_params(1.0, bits, bits, bits, *gammas, offsets) / bits
    assert bits[np.argmax(score)] == pytest.approx(best, abs=0.01)


def test_offset_below_the_fit_is_refused():
    # 1 − e^(−2/0.9578 + 2.4185) < 0: the form says nothing there.
    with pytest.raises(ValueError, match="must exceed n·γ"):
        precision.precision_factor(2.0, *precision.KUMAR_KV)
    with pytest.raises(ValueError, match="three numbers"):
        precision.effective_params(1e9, 8, 8, 8, 3, 3, 3, offsets=(0.1, 0.2))
