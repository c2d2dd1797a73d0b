"""Contract entries of scaling.hyperparams (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import LOSS, C, F, Num

ENTRIES = {
    # chapter 8
    "scaling.hyperparams.attention_share": F(n_layer=Num(1, 128), d_model=Num(64, 16384), seq_len=Num(1, 8192)),
    "scaling.hyperparams.deepseek_batch_size": F(flops=C),
    "scaling.hyperparams.deepseek_flops_per_token": F(
        n_layer=Num(1, 128), d_model=Num(64, 16384), seq_len=Num(1, 8192)
    ),
    "scaling.hyperparams.deepseek_learning_rate": F(flops=C),
    "scaling.hyperparams.examples_over_minimum": F(batch=Num(1e4, 1e8), critical_batch=Num(1e4, 1e8)),
    "scaling.hyperparams.kaplan_critical_batch": F(loss=LOSS),
    "scaling.hyperparams.steps_over_minimum": F(batch=Num(1e4, 1e8), critical_batch=Num(1e4, 1e8)),
}
