"""scaling.powerlaw: evaluation, fits (unit and property tests), diminishing returns, bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling import powerlaw

SETTINGS = settings(max_examples=25, deadline=None)


def test_power_law_by_hand():
    # 10 · 4^(−1/2) = 5; 10 · 16^(−1/2) = 2.5.
    np.testing.assert_allclose(powerlaw.power_law([1, 4, 16], 10, 0.5), [10, 5, 2.5])


def test_saturating_law_by_hand():
    # 1.69 + 406.4 / 1000^0.34 = 1.69 + 406.4 / 10.471 = 1.69 + 38.811 = 40.50.
    assert powerlaw.saturating_power_law(1000, 1.69, 406.4, 0.34) == pytest.approx(40.50, abs=0.01)


def test_gains():
    # 2^−0.076 = exp(−0.076·0.693147) = exp(−0.052679) = 0.948684; 10^−0.1 = 0.7943; halving at α = 0.1 takes 2^10 = 1024×.
    assert powerlaw.gain_per_doubling(0.076) == pytest.approx(0.948684, abs=1e-6)
    assert powerlaw.gain_per_tenfold(0.1) == pytest.approx(0.794328, abs=1e-6)
    assert powerlaw.scale_for_reduction(0.1, 0.5) == pytest.approx(1024.0)
    # 10 % lower at α = 0.076: 0.9^(−1/0.076) = exp(0.105361 / 0.076) = exp(1.38632) = 4.0002.
    assert powerlaw.scale_for_reduction(0.076, 0.9) == pytest.approx(4.0002, abs=1e-3)


def test_fit_power_law_exact_points():
    fit = powerlaw.fit_power_law([1, 4, 16, 64], [10, 5, 2.5, 1.25])
    assert fit.a == pytest.approx(10)
    assert fit.alpha == pytest.approx(0.5)
    assert fit.r_squared == pytest.approx(1.0)


@SETTINGS
@given(a=st.floats(0.01, 1e4), alpha=st.floats(0.01, 2.0))
def test_fit_power_law_recovers_noiseless(a, alpha):
    x = np.logspace(0, 6, 10)
    fit = powerlaw.fit_power_law(x, a * x**-alpha)
    assert fit.alpha == pytest.approx(alpha, rel=1e-8, abs=1e-10)
    assert fit.a == pytest.approx(a, rel=1e-8)


@SETTINGS
@given(alpha=st.floats(0.05, 1.5), seed=st.integers(0, 10_000))
def test_fit_power_law_recovers_noisy(alpha, seed):
    # 1 % multiplicative noise on 30 points over 6 decades: the slope's standard error is
    # about 0.01 / (sqrt(30) · 1.75 · ln 10) = 4.5e-4, so 0.005 is over 10 standard errors.
    rng = np.random.default_rng(seed)
    x = np.logspace(0, 6, 30)
    y = 3.0 * x**-alpha * np.exp(rng.normal(0, 0.01, x.size))
    assert powerlaw.fit_power_law(x, y).alpha == pytest.approx(alpha, abs=0.005)


@SETTINGS
@given(scale=st.floats(1e-3, 1e3), alpha=st.floats(0.05, 1.5))
def test_fit_power_law_invariant_under_rescaling_x(scale, alpha):
    # y = a·x^−α = (a·c^α)·(c·x)^−α: same α, coefficient multiplied by c^α.
    x = np.logspace(0, 4, 8)
    y = 2.0 * x**-alpha
    base, scaled = powerlaw.fit_power_law(x, y), powerlaw.fit_power_law(scale * x, y)
    assert scaled.alpha == pytest.approx(base.alpha, rel=1e-8)
    assert scaled.a == pytest.approx(base.a * scale**alpha, rel=1e-7)


@SETTINGS
@given(E=st.floats(0.5, 3.0), A=st.floats(10, 1000), alpha=st.floats(0.2, 0.8))
def test_fit_saturating_recovers_noiseless(E, A, alpha):
    x = np.logspace(3, 11, 15)
    fit = powerlaw.fit_saturating_power_law(x, E + A * x**-alpha)
    assert fit.E == pytest.approx(E, rel=1e-4)
    assert fit.A == pytest.approx(A, rel=1e-3)
    assert fit.alpha == pytest.approx(alpha, rel=1e-4)
    assert fit.objective < 1e-12


@SETTINGS
@given(seed=st.integers(0, 10_000))
def test_fit_saturating_recovers_noisy(seed):
    # Chinchilla-like parameter term, 0.5 % log-noise, 20 points over 8 decades: the fit
    # recovers α within 0.03 and E within 3 % (several standard errors, checked on 25 seeds).
    rng = np.random.default_rng(seed)
    x = np.logspace(3, 11, 20)
    y = (1.69 + 406.4 * x**-0.34) * np.exp(rng.normal(0, 0.005, x.size))
    fit = powerlaw.fit_saturating_power_law(x, y)
    assert fit.alpha == pytest.approx(0.34, abs=0.03)
    assert fit.E == pytest.approx(1.69, rel=0.03)


@SETTINGS
@given(scale=st.floats(1e-2, 1e2))
def test_fit_saturating_invariant_under_rescaling_x(scale):
    x = np.logspace(2, 8, 12)
    y = 0.5 + 40 * x**-0.4
    base, scaled = powerlaw.fit_saturating_power_law(x, y), powerlaw.fit_saturating_power_law(scale * x, y)
    assert scaled.alpha == pytest.approx(base.alpha, rel=1e-5)
    assert scaled.E == pytest.approx(base.E, rel=1e-5)
    assert scaled.A == pytest.approx(base.A * scale**base.alpha, rel=1e-4)


def test_naive_fit_is_biased_low_near_a_floor():
    x = np.logspace(1, 5, 10)
    y = 1.0 + 5 * x**-0.5
    assert powerlaw.fit_power_law(x, y).alpha < 0.5 * 0.5


def test_best_coefficient_by_hand():
    # y = 1 + 8·x^−1 at x = 1, 2, 4: y − 1 = 8, 4, 2 → A = 8 exactly, no miss.
    A, rms = powerlaw.best_coefficient([1, 2, 4], [9, 5, 3], 1.0, 1.0)
    assert A == pytest.approx(8.0)
    assert rms == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: powerlaw.power_law(0, 1, 0.5), "x"),
        (lambda: powerlaw.power_law(1, -1, 0.5), "coefficient a"),
        (lambda: powerlaw.saturating_power_law(1, -0.1, 1, 0.5), "floor E"),
        (lambda: powerlaw.saturating_power_law(1, 1, 1, 0), "exponent alpha"),
        (lambda: powerlaw.gain_per_doubling(-0.1), "exponent alpha"),
        (lambda: powerlaw.gain_per_tenfold(float("nan")), "exponent alpha"),
        (lambda: powerlaw.scale_for_reduction(0.1, 1.5), "reduction factor"),
        (lambda: powerlaw.scale_for_reduction(0, 0.5), "exponent alpha"),
        (lambda: powerlaw.fit_power_law([1], [1]), "at least 2 points"),
        (lambda: powerlaw.fit_power_law([1, 2], [1, 2, 3]), "same shape"),
        (lambda: powerlaw.fit_power_law([1, 1, 1], [1, 2, 3]), "two different values"),
        (lambda: powerlaw.fit_power_law([1, 2, 3], [1, -2, 3]), "greater than zero"),
        (lambda: powerlaw.fit_saturating_power_law([1, 2, 3], [3, 2, 1]), "at least 4 points"),
        (lambda: powerlaw.fit_saturating_power_law([1, 2, 3, 4], [3, 2, np.nan, 1]), "finite"),
        (lambda: powerlaw.fit_saturating_power_law([1, 2, 3, 4], [4, 3, 2, 1], delta=0), "Huber"),
        (lambda: powerlaw.best_coefficient([1, 2], [2, 1], 1.5, 0.5), "below every measured value"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
