"""Benchmark of the Chinchilla Approach-3 fit (``make bench``; never part of the tests).

Times :func:`scaling.chinchilla.fit` over the paper's full 4,500-start grid against the per-start
reference loop (scipy L-BFGS-B, finite-difference gradients, un-rescaled objective) on the same
generated data. The loop is timed on a random subset of starts plus the fit's best start and
extrapolated per start to the whole grid; both must reach the same minimum. Also times a
1,000-resample bootstrap. ``run()`` returns (label, formatted value) pairs.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from scaling import chinchilla as ch
from scaling import synthetic as sy

LOOP_SUBSET = 60
SEED = 0


def _data():
    # About 240 points, the size of Besiroglu et al.'s data set, from their law with 1% noise.
    return sy.loss_dataset(ch.BESIROGLU_2024, model_sizes=np.geomspace(44e6, 16e9, 48), noise=0.01, seed=SEED)


def run() -> list[tuple[str, str]]:
    ds = _data()
    args = (ds.n_params, ds.tokens, ds.loss)

    fit_times = []
    for _ in range(2):
        t0 = time.perf_counter()
        fit = ch.fit(*args)
        fit_times.append(time.perf_counter() - t0)
    fit_time = min(fit_times)

    grid = ch.initialisation_grid()
    rng = np.random.default_rng(SEED)
    subset = np.vstack([grid[rng.choice(len(grid), LOOP_SUBSET, replace=False)], np.array(fit.best_start)])
    t0 = time.perf_counter()
    loop = ch.fit_reference_loop(*args, starts=subset)
    loop_time = time.perf_counter() - t0
    per_start = loop_time / len(subset)
    loop_full = per_start * len(grid)

    gap = (loop.objective - fit.objective) / fit.objective
    param_gap = max(abs(getattr(loop, k) / getattr(fit, k) - 1) for k in ("E", "A", "B", "alpha", "beta"))
    same = fit.objective <= loop.objective * (1 + 1e-12) and gap < 1e-5 and param_gap < 1e-2

    t0 = time.perf_counter()
    boot = ch.bootstrap(*args, n_resamples=1000, seed=SEED, estimate=fit)
    boot_time = time.perf_counter() - t0

    return [
        ("Approach-3 data points", f"{ds.n_params.size}"),
        ("fit: starts", f"{fit.n_starts}"),
        ("fit: time over the full grid", f"{fit_time:.2f} s"),
        (
            "reference loop: time per start (FD gradients, un-rescaled)",
            f"{1e3 * per_start:.1f} ms ({len(subset)} starts timed)",
        ),
        ("reference loop: extrapolated to the full grid", f"{loop_full:.0f} s"),
        ("speed-up (target >= 20x)", f"{loop_full / fit_time:.0f}x"),
        ("objective: fit / loop best", f"{fit.objective:.10g} / {loop.objective:.10g} (loop higher by {gap:.1e})"),
        ("largest parameter difference, loop vs fit", f"{param_gap:.1e}"),
        ("same minimum", "yes" if same else "NO"),
        ("bootstrap: 1,000 resamples", f"{boot_time:.2f} s"),
        ("bootstrap: a_N standard error", f"{boot.standard_errors['a_N']:.3f}"),
    ] + scaling_with_data()


# Cost against the number of points (issue 16): time at 10^3 and 10^4 points (target: 10^4 under 10 s),
# peak traced memory at 10^5 (target: under 1 GiB), each in a fresh process so nothing is shared.
_SCALING = """
import sys, time, tracemalloc
import numpy as np
from scaling import chinchilla as ch
n = int(sys.argv[1])
rng = np.random.default_rng(0)
N = 10 ** rng.uniform(7.5, 10.5, n)
D = N * 10 ** rng.uniform(0, 2.5, n)
L = ch.BESIROGLU_2024.loss(N, D) * np.exp(0.01 * rng.standard_normal(n))
if n >= 100_000:
    tracemalloc.start()  # slows the fit: only where memory is the question
t0 = time.perf_counter()
ch.fit(N, D, L)
print(time.perf_counter() - t0, tracemalloc.get_traced_memory()[1])
"""


def scaling_with_data() -> list[tuple[str, str]]:
    import subprocess

    rows = []
    for n in (1_000, 10_000, 100_000):
        out = subprocess.run([sys.executable, "-c", _SCALING, str(n)], capture_output=True, text=True, check=True)
        seconds, peak = (float(v) for v in out.stdout.split())
        if n < 100_000:
            rows.append((f"fit on {n:,} points (target: 10,000 under 10 s)", f"{seconds:.1f} s"))
        else:
            rows.append((f"fit on {n:,} points: peak traced memory (target < 1 GiB)", f"{peak / 2**20:.0f} MiB"))
    return rows


if __name__ == "__main__":
    for label, value in run():
        print(f"{label:60s} {value}")
