"""Performance figures for `make bench`: ratios measured in one run, never asserted by tests.

* each chapter notebook under nbval, against the floor: the same runner on a notebook that
  only imports numpy, scipy and matplotlib (target: at most 2× the floor);
* the median time of each widget's update function (target: under 50 ms), and of a full
  redraw of its figure for comparison;
* the book build, clean and cached;
* optional sections from tools/bench_*.py modules, each exposing run() -> [(label, value)]
  (the Chinchilla fit, on up to 100,000 points; the page weights of the book just built), except
  tools/bench_grading.py, which takes minutes and is `make bench-grading`.

Every section runs even when another fails: a failure prints its reason in place of the rows,
and the exit status is 1 at the end.
"""

from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def nbval_seconds(notebook: Path) -> float:
    """Median wall-clock seconds of `pytest --nbval` on one notebook."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval-sanitize.cfg"),
        "-o",
        "addopts=",
        str(notebook),
    ]
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            summary = result.stdout.strip().splitlines()[-1:] or [result.stderr.strip()[-200:]]
            raise RuntimeError(f"nbval failed: {summary[0]}")
    return statistics.median(times)


def floor_notebook(folder: Path) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("import numpy\nimport scipy\nimport matplotlib.pyplot as plt")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(notebook, path)
    return path


def chapters():
    """Rows as each chapter finishes; a chapter that fails nbval says why and the next one runs."""
    with tempfile.TemporaryDirectory() as folder:
        floor = nbval_seconds(floor_notebook(Path(folder)))
    yield ("floor (numpy, scipy, matplotlib)", f"{floor:.2f} s")
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        if not any(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells):
            continue  # nothing to execute (the preface)
        try:
            seconds = nbval_seconds(notebook)
        except RuntimeError as error:
            yield (notebook.stem, f"FAILED: {error}")
            continue
        verdict = "ok" if seconds <= 2 * floor else "OVER TARGET"
        yield (notebook.stem, f"{seconds:.2f} s = {seconds / floor:.2f}× floor ({verdict}, target ≤ 2×)")


def median_ms(function, repeats: int = 30) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def widgets() -> list[tuple[str, str]]:
    """Every widget module's BENCHMARKS, plus one full redraw to show where the time really goes."""
    import io
    import pkgutil

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import scaling.widgets
    from scaling import powerlaw, randomfeatures
    from scaling.plots import powerlaw as figures
    from scaling.widgets import powerlaw as sliders

    rows = []
    for module in pkgutil.iter_modules(scaling.widgets.__path__):
        for label, set_up in importlib.import_module(f"scaling.widgets.{module.name}").BENCHMARKS:
            ms = median_ms(set_up())
            rows.append((label, f"{ms:.2f} ms ({'ok' if ms < 50 else 'OVER TARGET'}, target < 50 ms)"))

    sweep = randomfeatures.model_size_sweep()
    best = powerlaw.fit_saturating_power_law(sweep.sizes, sweep.losses)

    def redraw():
        fig = figures.explorer(sweep, *sliders.explorer_update(sweep, 0.005, 0.8), best)
        fig.savefig(io.BytesIO(), format="png")
        plt.close(fig)

    rows.append(("ch1 explorer: update + PNG redraw (for scale)", f"{median_ms(redraw, 5):.0f} ms"))
    return rows


def book_builds() -> list[tuple[str, str]]:
    """The web book built from scratch (npm's MathJax kept), then again with Sphinx's cache."""
    import shutil

    build = ROOT / "_build"
    for stale in ("html", ".doctrees", "jupyter_execute"):
        shutil.rmtree(build / stale, ignore_errors=True)
    rows = []
    for label in ("book build, clean", "book build, cached"):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py")], check=True, capture_output=True)
        rows.append((label, f"{time.perf_counter() - start:.1f} s"))
    return rows


#: tools/bench_*.py modules that are targets of their own, not sections of `make bench`.
SEPARATE = {"bench_grading"}  # minutes of otter-grader in .venv-grade: `make bench-grading`


def extra_sections() -> list[tuple[str, object]]:
    """(title, run) of every other tools/bench_*.py module, in file name order; each is imported
    when its turn comes, so a module that fails to import fails its own section only."""
    sys.path.insert(0, str(ROOT / "tools"))

    def runner(name):
        def run():
            yield from importlib.import_module(name).run()

        return run

    paths = sorted((ROOT / "tools").glob("bench_*.py"))
    return [
        (TITLES.get(p.stem, p.stem) + f" (tools/{p.name})", runner(p.stem)) for p in paths if p.stem not in SEPARATE
    ]


#: Section titles of the tools/bench_*.py modules (the file name when missing).
TITLES = {
    "bench_chinchilla": "Chinchilla fit: full grid, bootstrap, 1,000 to 100,000 points",
    "bench_pages": "Page weights",
}


def run_section(title: str, section) -> bool:
    """Print a section's rows as they come; on an exception print its reason. True when it ran to the end."""
    print(f"\n{title}", flush=True)
    ok = True
    try:
        for label, value in section():
            print(f"  {label:<48} {value}", flush=True)
            ok = ok and not value.startswith("FAILED")
    except Exception as error:  # a benchmark that breaks must not hide the others
        print(f"  FAILED: {type(error).__name__}: {error}", flush=True)
        return False
    return ok


def main() -> int:
    sections = [("Chapters under nbval", chapters), ("Widget updates", widgets), ("Book", book_builds)]
    ok = True
    for title, section in sections + extra_sections():
        ok = run_section(title, section) and ok
    print("\nEvery section ran." if ok else "\nSome sections FAILED (above); the others ran.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
