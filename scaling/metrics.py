"""Smooth loss, sharp metrics: how a scoring rule can make steady progress look sudden.

Schaeffer, Miranda & Koyejo (2023), "Are Emergent Abilities of Large Language Models a
Mirage?", argue that many "emergent" jumps come from the metric, not the model: if each
token of an answer is right with probability p, and p improves smoothly with scale, then
an exact-match score on an m-token answer is p^m, which stays near zero and then shoots
up. A per-token score (or an edit distance) moves smoothly. Used in chapter 1.
"""

from __future__ import annotations

import numpy as np

from . import _validate as check


def token_accuracy_from_loss(loss):
    """Probability of the right token, exp(−loss), for a per-token cross-entropy ``loss`` in nats.

    Treats the loss as if every token had the same difficulty: a simplification that
    makes the point without a model. Used in chapter 1.
    """
    return np.exp(-check.nonnegative(loss, "The per-token loss", "nats"))


def exact_match(token_accuracy, answer_length):
    """Chance that all m = ``answer_length`` tokens are right: p^m (tokens independent). Used in chapter 1."""
    p = check.probability(token_accuracy, "The per-token accuracy p")
    length = check.positive(answer_length, "The answer length m", "tokens")
    return p**length


def accuracy_for_exact_match(target, answer_length):
    """Per-token accuracy needed for an exact-match score ``target`` on an m-token answer: target^(1/m)."""
    target = check.probability(target, "The target exact-match score")
    length = check.positive(answer_length, "The answer length m", "tokens")
    return target ** (1.0 / length)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
