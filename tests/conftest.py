"""Shared fixtures: one book build per test session, used by the book and browser tests."""

import os
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

# Figures in this process are drawn off-screen (nbval's kernels are other processes, untouched).
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent

# One BLAS/OpenMP thread in the kernels nbval starts, as in tools/execute_notebooks.py and the
# Makefile: outputs must not depend on the machine's thread count (see CONTRIBUTING.md).
os.environ.update({"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book exactly as `make book` does; return the folder of the site."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return ROOT / "_build" / "html"


@pytest.fixture
def close_figures():
    """Close every figure a test drew (the figure and widget tests: ``pytest.mark.usefixtures``)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
