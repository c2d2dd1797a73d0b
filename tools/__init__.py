"""Maintainer tools, grouped by job; run each as a module from the repository root.

* ``tools.book``: executing chapters, learner notebooks, exercises, the web book
  (``python -m tools.book.build_book``, ``python -m tools.book.execute_notebooks``, ...);
* ``tools.grading``: otter assignments and sandboxed grading (``python -m tools.grading.grade``);
* ``tools.bench``: ``make bench`` (``python -m tools.bench.bench``);
* ``tools.data``: rebuilding ``data/`` from the papers' sources (``python -m tools.data.rebuild_data``).
"""

#: One BLAS/OpenMP thread wherever a notebook or submission runs: sums split over threads round
#: differently (the random-feature sweeps move by ~4e-14 between 1 and 2 threads), and committed
#: outputs must not depend on the machine. The one list in Python: tools/book/execute_notebooks.py
#: (its kernels), tests/conftest.py (nbval's kernels) and tools/grading/sandbox.py (a submission's
#: kernel) read it; the Makefile exports the same variables for everything it starts
#: (tests/test_determinism.py checks that they agree). See CONTRIBUTING.md.
PINNED_THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
