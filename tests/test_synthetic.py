"""Tests of scaling.synthetic: the generated experiments follow their law, their design and their seed."""

import numpy as np
import pytest

from scaling import chinchilla as ch
from scaling import synthetic as sy

H, BES = ch.HOFFMANN_ROUNDED, ch.BESIROGLU_2024


def test_training_curves_shape_and_design():
    tc = sy.training_curves(H, model_sizes=[1e8, 1e9, 1e10], min_flops=1e17, max_flops=1e21, n_checkpoints=5, noise=0.0)
    assert tc.tokens.shape == tc.loss.shape == (3, 5)
    # Every model covers the same FLOPs: 1e17 ... 1e21 (6 x N x D).
    assert np.allclose(tc.flops[:, 0], 1e17) and np.allclose(tc.flops[:, -1], 1e21)
    # The smallest model, 1e8 parameters, ends on 1e21 / 6e8 = 1.667e12 tokens.
    assert tc.tokens[0, -1] == pytest.approx(1e21 / 6e8, rel=1e-12)
    # Noiseless curves are the final-loss law at each checkpoint, falling with tokens.
    assert np.allclose(tc.loss, H.loss(tc.n_params[:, None], tc.tokens))
    assert np.all(np.diff(tc.loss, axis=1) < 0)


def test_isoflop_grid_is_centred_on_the_optimum():
    g = sy.isoflop_grid(H, budgets=[1e19, 1e21], n_sizes=5, half_width_decades=1.0, noise=0.0)
    assert g.flops.shape == g.n_params.shape == g.tokens.shape == g.loss.shape == (10,)
    assert np.allclose(6 * g.n_params * g.tokens, g.flops)
    # The middle size of each profile is the law's optimum; the ends are 10x either side.
    for k, budget in enumerate([1e19, 1e21]):
        sizes = g.n_params[5 * k : 5 * k + 5]
        assert sizes[2] == pytest.approx(ch.compute_optimal(budget, H).N, rel=1e-12)
        assert sizes[-1] / sizes[0] == pytest.approx(100.0, rel=1e-12)
        assert np.argmin(g.loss[5 * k : 5 * k + 5]) == 2
    shifted = sy.isoflop_grid(H, budgets=[1e19], n_sizes=5, offset_decades=-0.5, noise=0.0)
    assert shifted.n_params[2] == pytest.approx(ch.compute_optimal(1e19, H).N / 10**0.5, rel=1e-12)


def test_loss_dataset_respects_the_ratio_range():
    ds = sy.loss_dataset(BES, min_tokens_per_param=1.0, max_tokens_per_param=100.0, noise=0.0)
    ratio = ds.tokens / ds.n_params
    assert ratio.min() >= 1.0 and ratio.max() <= 100.0
    assert np.allclose(ds.flops, 6 * ds.n_params * ds.tokens)
    assert np.allclose(ds.loss, BES.loss(ds.n_params, ds.tokens))
    assert ds.n_params.size >= 50


def test_noise_is_multiplicative_with_the_stated_sigma():
    ds = sy.loss_dataset(H, noise=0.02, seed=7)
    log_ratio = np.log(ds.loss / H.loss(ds.n_params, ds.tokens))
    # 118 draws of N(0, 0.02): sample sd within 20% of 0.02, mean within 4 standard errors of 0.
    assert np.std(log_ratio, ddof=1) == pytest.approx(0.02, rel=0.2)
    assert abs(np.mean(log_ratio)) < 4 * 0.02 / np.sqrt(log_ratio.size)


def test_seeds_reproduce_and_differ():
    a = sy.loss_dataset(H, seed=1)
    b = sy.loss_dataset(H, seed=1)
    c = sy.loss_dataset(H, seed=2)
    assert np.array_equal(a.loss, b.loss) and not np.array_equal(a.loss, c.loss)
    assert np.array_equal(sy.isoflop_grid(seed=3).loss, sy.isoflop_grid(seed=3).loss)
    assert np.array_equal(sy.training_curves(seed=4).loss, sy.training_curves(seed=4).loss)


def test_default_model_family():
    assert len(sy.MODEL_SIZES) == 24
    assert sy.MODEL_SIZES[0] == pytest.approx(44e6) and sy.MODEL_SIZES[-1] == pytest.approx(16e9)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: sy.training_curves(law="hoffmann"), "ChinchillaLaw"),
        (lambda: sy.training_curves(model_sizes=[1e8, 1e9]), "at least 3"),
        (lambda: sy.training_curves(model_sizes=[1e8, -1e9, 1e10]), "model sizes"),
        (lambda: sy.training_curves(min_flops=1e21, max_flops=1e20), "must exceed"),
        (lambda: sy.training_curves(n_checkpoints=1), "checkpoints"),
        (lambda: sy.training_curves(noise=-0.1), "noise level"),
        (lambda: sy.training_curves(seed=-1), "seed"),
        (lambda: sy.isoflop_grid(budgets=[0.0]), "budgets"),
        (lambda: sy.isoflop_grid(n_sizes=2), "sizes per budget"),
        (lambda: sy.isoflop_grid(half_width_decades=0), "half-width"),
        (lambda: sy.isoflop_grid(offset_decades="up"), "offset"),
        (lambda: sy.loss_dataset(min_tokens_per_param=10, max_tokens_per_param=5), "must exceed"),
        (lambda: sy.loss_dataset(budgets=[1e18], model_sizes=[1e10, 2e10]), "at least 6"),
        (lambda: sy.loss_dataset(noise=float("inf")), "finite"),
    ],
)
def test_bad_inputs(call, match):
    with pytest.raises(ValueError, match=match):
        call()
