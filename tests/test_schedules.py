"""Tests of scaling.schedules: schedules, Tissue et al.'s areas, the loss-curve law, ladder curves."""

import warnings

import numpy as np
import pytest

from scaling import chinchilla, schedules


def test_schedule_shapes():
    cos = schedules.learning_rates("cosine", 101)
    assert cos[0] == pytest.approx(1.0) and cos[-1] == pytest.approx(schedules.COSINE_FINAL_FRACTION)
    assert cos[50] == pytest.approx(0.55)  # half-way: 0.1 + 0.9 * 0.5
    wsd = schedules.learning_rates("wsd", 101, cooldown_fraction=0.2)
    assert (
        np.all(wsd[:81] == 1.0)
        and wsd[81] < 1.0
        and wsd[-1] == pytest.approx(0.0, abs=1e-12)
        and wsd[90] == pytest.approx(0.5)
    )
    sqrt = schedules.learning_rates("wsd", 101, cooldown_fraction=0.2, cooldown_shape="1-sqrt")
    assert sqrt[90] == pytest.approx(1 - np.sqrt(0.5))
    warm = schedules.learning_rates("constant", 10, warmup_steps=4)
    assert np.allclose(warm[:5], [0.25, 0.5, 0.75, 1.0, 1.0])


def test_annealing_areas_by_hand():
    # lr = 1, 0.5, 0.5 with lambda = 0.5: drops 0, 0.5, 0; momentum 0, 0.5, 0.25; S2 = 0, 0.5, 0.75.
    s1, s2 = schedules.annealing_areas([1.0, 0.5, 0.5], decay=0.5)
    assert np.allclose(s1, [1.0, 1.5, 2.0])
    assert np.allclose(s2, [0.0, 0.5, 0.75])
    # a constant schedule never anneals
    _, s2 = schedules.annealing_areas(np.ones(50))
    assert np.all(s2 == 0.0)


def test_one_drop_saturates():
    # a single drop of 0.5 at step 10, then 10,000 steps: S2 -> 0.5 / (1 - 0.999) = 500 (to 1e-4).
    lr = np.concatenate([np.ones(10), np.full(10_000, 0.5)])
    _, s2 = schedules.annealing_areas(lr, decay=0.999)
    assert s2[-1] == pytest.approx(0.5 * (1 - 0.999**10_000) / (1 - 0.999), rel=1e-9)


def test_curve_is_the_law():
    law = schedules.AnnealingLaw(L0=2.0, A=10.0, alpha=0.5, C=0.01, tokens_per_step=4.0, decay=0.5)
    # lr = 1, 0.5: S1 = 1, 1.5 (4, 6 tokens); S2 = 0, 0.5.
    assert np.allclose(law.curve([1.0, 0.5]), [2.0 + 10 / 2.0, 2.0 + 10 / np.sqrt(6.0) - 0.005])


def test_wsd_and_cosine_beat_constant_on_long_runs():
    law = schedules.ILLUSTRATIVE_LAW
    const, cos, wsd = (schedules.final_losses(law, s, 20_000) for s in ("constant", "cosine", "wsd"))
    assert cos < const and wsd < const
    assert abs(wsd - cos) < 0.05  # close, as Hagele et al. found (the constants are illustrative)


def test_one_long_cosine_reads_high():
    sizes = np.geomspace(50e6, 1e9, 6)
    long = schedules.ladder_curves(sizes, 1e21, reading="one long cosine")
    sep = schedules.ladder_curves(sizes, 1e21, reading="separately annealed")
    for t_long, l_long, t_sep, l_sep in zip(long.tokens, long.loss, sep.tokens, sep.loss):
        assert np.array_equal(t_long, t_sep)
        # part-way through a long cosine, once the annealing momentum has had time (well past 1/(1 - lambda)
        # = 1,000 steps), the loss is above a run annealed at that length; the last points coincide
        steps = t_long / schedules.ILLUSTRATIVE_LAW.tokens_per_step
        middle = (steps >= 5_000) & (steps <= 0.5 * steps[-1])
        assert np.all(l_long[middle] > l_sep[middle])
        assert l_long[-1] == pytest.approx(l_sep[-1], abs=2e-3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", chinchilla.FitWarning)
        a_long = chinchilla.fit_envelope(long.n_params, long.tokens, long.loss).a_N
        a_sep = chinchilla.fit_envelope(sep.n_params, sep.tokens, sep.loss).a_N
    assert a_long > a_sep  # the long run favours larger models


@pytest.mark.parametrize(
    "call",
    [
        lambda: schedules.learning_rates("linear", 100),
        lambda: schedules.learning_rates("wsd", 100, cooldown_shape="cubic"),
        lambda: schedules.learning_rates("cosine", 1),
        lambda: schedules.learning_rates("cosine", 10, warmup_steps=10),
        lambda: schedules.learning_rates("cosine", schedules.MAX_STEPS + 1),
        lambda: schedules.annealing_areas([1.0, -0.5]),
        lambda: schedules.annealing_areas([1.0, 0.5], decay=1.0),
        lambda: schedules.final_losses("law", "cosine", 100),
        lambda: schedules.ladder_curves([1e8, 2e8, 4e8], 1e21, reading="peek"),
        lambda: schedules.ladder_curves([1e8, 2e8, 4e8], 1e15),
    ],
)
def test_bad_input(call):
    with pytest.raises(ValueError):
        call()
