"""scaling.randomfeatures: the chapter 1 experiment is deterministic and shows power laws above a floor."""

import numpy as np
import pytest

from scaling import powerlaw
from scaling import randomfeatures as rf

SMALL = rf.Setup(input_dim=400, max_examples=1024, max_features=256, seed=3)


def test_same_seed_same_losses():
    a = rf.model_size_sweep((8, 32, 128), SMALL).losses
    rf._problem.cache_clear()
    b = rf.model_size_sweep((8, 32, 128), SMALL).losses
    np.testing.assert_array_equal(a, b)


def test_losses_fall_with_model_size_and_stay_above_the_floor():
    sweep = rf.model_size_sweep()
    assert np.all(np.diff(sweep.losses) < 0)
    assert np.all(sweep.losses > sweep.floor)
    assert sweep.floor == pytest.approx(0.01)  # σ² = 0.1²


def test_losses_fall_with_data_towards_the_largest_models_limit():
    sweep = rf.data_size_sweep()
    assert np.all(np.diff(sweep.losses) < 0)
    # With all the data the data sweep's model is the model sweep's largest model.
    assert sweep.losses[-1] == pytest.approx(rf.model_size_sweep().losses[-1])


def test_saturating_fit_finds_the_true_floor_and_a_steeper_exponent():
    # Theory (Maloney et al. 2022) predicts an excess-loss exponent near ν = 1 for this
    # spectrum; one finite sweep, averaged over feature draws, lands between 0.90 and 0.99 (seeds 0-4).
    sweep = rf.model_size_sweep()
    floored = powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses)
    naive = powerlaw.fit_power_law(sweep.sizes, sweep.losses)
    assert floored.E == pytest.approx(sweep.floor, rel=0.3)
    assert 0.85 < floored.alpha < 1.05
    assert naive.alpha < floored.alpha - 0.2


def test_small_models_average_independent_feature_draws():
    # P = 128 of 512 features: four disjoint slices; P = 512: one.
    sweep = rf.model_size_sweep((128,))
    problem, setup = rf._problem(rf.Setup()), rf.Setup()
    draws = [rf._test_loss(problem, setup, slice(k * 128, (k + 1) * 128), setup.max_examples) for k in range(4)]
    assert sweep.losses[0] == pytest.approx(np.mean(draws))
    assert len(set(np.round(draws, 12))) == 4


def test_dual_and_primal_ridge_agree():
    rng = np.random.default_rng(0)
    z, y = rng.normal(size=(50, 80)), rng.normal(size=50)
    wide = rf._ridge_coefficients(z, y, 0.1)  # n < P: dual form
    penalty = 0.1 * np.sum(z * z) / z.size
    primal = np.linalg.solve(z.T @ z / 50 + penalty * np.eye(80), z.T @ y / 50)
    np.testing.assert_allclose(wide, primal, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: rf.model_size_sweep((8, 5000)), "at most 512"),
        (lambda: rf.model_size_sweep((0, 8)), "at least 1"),
        (lambda: rf.data_size_sweep((10.5,)), "whole number"),
        (lambda: rf.model_size_sweep(setup=rf.Setup(noise=-1)), "noise"),
        (lambda: rf.model_size_sweep(setup=rf.Setup(ridge=0)), "ridge"),
        (lambda: rf.data_size_sweep(setup=rf.Setup(spectrum_exponent=0)), "spectrum"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
