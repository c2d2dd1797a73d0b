"""scaling.metrics: exact match as a sharp function of a smooth per-token accuracy."""

import numpy as np
import pytest

from scaling import metrics


def test_exact_match_by_hand():
    # 0.9^5 = 0.59049; 0.9^20 = 0.121577.
    assert metrics.exact_match(0.9, 5) == pytest.approx(0.59049)
    assert metrics.exact_match(0.9, 20) == pytest.approx(0.121577, abs=1e-6)


def test_accuracy_for_exact_match_inverts():
    # 0.5^(1/20) = exp(−0.693147/20) = 0.965936.
    assert metrics.accuracy_for_exact_match(0.5, 20) == pytest.approx(0.965936, abs=1e-6)


def test_token_accuracy_from_loss():
    assert metrics.token_accuracy_from_loss(np.log(2)) == pytest.approx(0.5)


def test_exact_match_rises_more_sharply_than_token_accuracy():
    p = np.linspace(0.5, 0.99, 50)
    # Over the same range of p the 20-token score moves from ~1e-6 to 0.82: most of it in the top tenth.
    em = metrics.exact_match(p, 20)
    assert em[p < 0.85].max() < 0.04 and em[-1] > 0.8


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: metrics.exact_match(1.2, 5), r"\[0, 1\]"),
        (lambda: metrics.exact_match(0.5, 0), "answer length m "),
        (lambda: metrics.accuracy_for_exact_match(0.5, -1), "answer length m "),
        (lambda: metrics.token_accuracy_from_loss(-0.1), "zero or more"),
        (lambda: metrics.accuracy_for_exact_match(-0.5, 3), "target"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
