"""Gadre et al.'s runs as chapters 3 and 4 use them: the values the prose prints, pinned with a stated tolerance."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from scaling import realdata
from scaling.exercises import declared
from scaling.plots import realdata as real_figures


def test_overtrained_runs_predicted_within_three_percent_and_too_low_at_32x():
    law, held = realdata.predict_overtrained_runs()
    assert held.n_fitted == 14 and held.N.size == 16
    assert np.all(held.M >= 4.0)
    # Chapter 4 prints: worst miss 2.9 %, the 32x runs 1.2-2.9 % too low (tolerance 0.1 point).
    assert np.abs(held.relative_error).max() == pytest.approx(0.029, abs=1e-3)
    at_32 = held.relative_error[held.M == 32.0]
    assert at_32.size == 3 and np.all(at_32 < 0)
    assert -at_32.max() == pytest.approx(0.012, abs=1e-3)
    assert -at_32.min() == pytest.approx(0.029, abs=1e-3)
    assert 0.2 < law.beta < 0.3


def test_overtrained_runs_reject_bad_multipliers():
    with pytest.raises(ValueError, match="beyond the fitted"):
        realdata.predict_overtrained_runs(fit_multipliers=(0.5, 2.0), min_multiplier=2.0)
    with pytest.raises(ValueError, match="low to high"):
        realdata.predict_overtrained_runs(fit_multipliers=(2.0, 0.5))
    with pytest.raises(ValueError):
        realdata.predict_overtrained_runs(fit_multipliers=(-1.0, 2.0))


def test_bootstrap_interval_of_chapter_3_contains_the_measured_6_9b_loss():
    _, held = realdata.predict_large_runs()
    top = int(held.N.argmax())
    low, mid, high = realdata.approach3_prediction_spread(held.N[top], held.D[top], n_resamples=100, seed=0)
    assert low < held.predicted[top] < high and low < held.measured[top] < high
    # Chapter 3 prints the interval as 2.01-2.45 nats (tolerance 0.01 nat, seeded).
    assert (low, high) == pytest.approx((2.01, 2.45), abs=0.01)


def test_exercise_3_9_expected_value_and_its_traps():
    exercise = declared()["3.9"]
    assert exercise.expected() == pytest.approx(-7.9, abs=0.05)
    assert exercise.grade(-7.9).status == "pass"
    assert "fraction" in exercise.grade(-0.079).message
    assert "sign" in exercise.grade(7.9).message


def test_chapter_figures_draw():
    a3, held = realdata.predict_large_runs()
    gadre, _ = realdata.predict_large_runs(method="gadre")
    fig = real_figures.small_to_large(a3, gadre, held, (2.0, 2.2, 2.45))
    assert fig.axes[0].get_xscale() == "log"
    law, over = realdata.predict_overtrained_runs()
    fig = real_figures.overtraining_measured(law, over)
    assert len(fig.axes[0].lines) >= 12
