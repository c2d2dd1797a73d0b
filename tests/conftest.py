"""Shared fixtures: one book build per test session (the book and browser tests) and headless
Chromium driven by Playwright (the browser and JupyterLab tests)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

from tools import PINNED_THREADS

# Figures in this process are drawn off-screen (nbval's kernels are other processes, untouched).
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent

# One BLAS/OpenMP thread in the kernels nbval starts (tools.PINNED_THREADS): outputs must not
# depend on the machine's thread count (see CONTRIBUTING.md).
os.environ.update(PINNED_THREADS)


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the book exactly as `make book` does; return the folder of the site."""
    result = subprocess.run([sys.executable, "-m", "tools.book.build_book"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return ROOT / "_build" / "html"


@pytest.fixture
def close_figures():
    """Close every figure a test drew (the figure and widget tests: ``pytest.mark.usefixtures``)."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


#: Headless Debian Chromium, offline and quiet (no first-run, sync or update traffic).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A Playwright context on Debian's chromium (Playwright's own download is not used), with a
    fresh profile. Skips when chromium is missing, but fails under CI=1 (.ci/run installs it)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs Debian's chromium package.")
        pytest.skip("Chromium not installed (apt-get install chromium); the browser tests need it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        profile = tmp_path_factory.mktemp("chromium-profile")
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1366, "height": 900},
        )
        yield context
        context.close()
