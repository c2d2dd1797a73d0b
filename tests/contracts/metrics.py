"""Contract entries of scaling.metrics (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import PROB, F, Num

ENTRIES = {
    "scaling.metrics.token_accuracy_from_loss": F(loss=Num(0, 10, "nonnegative", log=False)),
    "scaling.metrics.exact_match": F(token_accuracy=PROB, answer_length=Num(1, 100)),
    "scaling.metrics.accuracy_for_exact_match": F(target=PROB, answer_length=Num(1, 100)),
}
