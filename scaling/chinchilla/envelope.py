"""Approach 1 of Hoffmann et al. 2022 (§3.1): the minimum-loss envelope of training curves.

Used in chapter 3.
"""

from __future__ import annotations

import warnings

import numpy as np

from .. import _validate as check
from ..compute import training_flops
from .frontier import FitWarning, FrontierFit, _frontier

# =============================================================================================
# Approach 1: the minimum-loss envelope of training curves
# =============================================================================================


#: The most budgets :func:`fit_envelope` evaluates (each holds one interpolated loss per model: 10^8
#: budgets once asked for 17.9 GiB). A hundred budgets resolve the envelope; 10^5 is far beyond need.
MAX_BUDGETS = 100_000


def _require_few_budgets(count: int) -> None:
    if count > MAX_BUDGETS:
        raise ValueError(
            f"{count:,} budgets is more than the envelope fit evaluates ({MAX_BUDGETS:,}); about 100 log-spaced "
            "budgets already resolve it."
        )


def fit_envelope(n_params, tokens, loss, *, budgets=None, n_budgets=100) -> FrontierFit:
    """Approach 1: at each budget C take the model with the lowest loss at C = 6·N·D, then fit power laws.

    ``n_params``: the M model sizes (parameters). ``tokens`` and ``loss``: for each model, the
    tokens seen (tokens) and the loss (nats per token) at that point of its training curve, as
    M arrays (a 2-D array works when all curves have the same length). Each curve is
    interpolated linearly in log FLOPs, log loss. ``budgets`` (FLOPs) defaults to ``n_budgets``
    log-spaced values over the FLOPs the curves cover (at most :data:`MAX_BUDGETS`). A budget whose best model is the smallest
    or largest model with data at that budget is dropped (its optimum is not bracketed) and a
    :class:`FitWarning` says how many. Returns a :class:`FrontierFit`. Used in chapter 3.
    """
    sizes = check.samples(n_params, "The model sizes N", minimum=3)
    check.positive(sizes, "The model sizes N", "parameters")
    n_models = sizes.size
    if len(tokens) != n_models or len(loss) != n_models:
        raise ValueError(
            f"tokens and loss need one training curve per model size: got {n_models} sizes, "
            f"{len(tokens)} token curves and {len(loss)} loss curves."
        )
    log_c, log_l = [], []
    for i in range(n_models):
        t_i = check.samples(tokens[i], f"The tokens of training curve {i}", minimum=2)
        l_i = check.samples(loss[i], f"The losses of training curve {i}", minimum=2)
        check.same_length(f"The tokens of curve {i}", t_i, f"the losses of curve {i}", l_i)
        check.positive(t_i, f"The tokens of training curve {i}", "tokens")
        check.positive(l_i, f"The losses of training curve {i}", "nats per token")
        order = np.argsort(t_i)
        log_c.append(np.log(training_flops(sizes[i], t_i[order])))
        log_l.append(np.log(l_i[order]))
    if budgets is None:
        count = check.integer(n_budgets, "The number of budgets n_budgets", minimum=3)
        _require_few_budgets(count)
        lo = min(c.min() for c in log_c)
        hi = max(c.max() for c in log_c)
        grid = np.exp(np.linspace(lo, hi, count))
    else:
        grid = check.samples(budgets, "The budgets", minimum=3)
        check.positive(grid, "The budgets", "FLOPs")
        _require_few_budgets(grid.size)
        if np.unique(grid).size < 3:
            raise ValueError(f"The budgets need at least 3 distinct values, got {np.unique(grid).size}.")
    lg = np.log(grid)
    table = np.full((n_models, grid.size), np.inf)
    for i in range(n_models):
        inside = (lg >= log_c[i][0]) & (lg <= log_c[i][-1])
        table[i, inside] = np.interp(lg[inside], log_c[i], log_l[i])
    order = np.argsort(sizes)
    table = table[order]
    sorted_sizes = sizes[order]
    has_data = np.isfinite(table)
    keep_c, keep_n, keep_l = [], [], []
    dropped = 0
    for k in range(grid.size):
        rows = np.nonzero(has_data[:, k])[0]
        if rows.size < 2:
            continue
        best = rows[np.argmin(table[rows, k])]
        if best == rows[0] or best == rows[-1]:
            dropped += 1
            continue
        keep_c.append(grid[k])
        keep_n.append(sorted_sizes[best])
        keep_l.append(np.exp(table[best, k]))
    if len(keep_c) < 3:
        raise ValueError(
            f"Only {len(keep_c)} budgets have a best model strictly between the smallest and largest "
            "sizes trained; Approach 1 needs at least 3. Train smaller and larger models, or longer."
        )
    if dropped:
        warnings.warn(
            f"{dropped} of {grid.size} budgets were left out because their lowest-loss model was the "
            "smallest or largest model with data there, so the optimum is not bracketed.",
            FitWarning,
            stacklevel=2,
        )
    return _frontier("Approach 1 (envelope of training curves)", keep_c, keep_n, keep_l, dropped)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
