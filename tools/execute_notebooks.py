"""Execute the chapters and write them, with outputs, to notebooks/ (run by `make notebooks`).

Each book/NN-slug.md is read with jupytext, executed in a fresh python3 kernel with
nbclient, and written to notebooks/NN-slug.ipynb. `make notebooks` then runs
`jupytext --sync` so the files are byte-for-byte what the sync gate expects.
Widget state is dropped before writing: widgets need a live kernel anyway, and their
state would make every run differ. (It is recorded during execution because nbclient
0.10-0.11 fails on Output widgets with store_widget_state=False.)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent

#: One BLAS/OpenMP thread in every kernel: sums split over threads round differently (the random-
#: feature sweeps move by ~4e-14 between 1 and 2 threads), and committed outputs must not depend on
#: the machine. The Makefile and tests/conftest.py set the same variables. See CONTRIBUTING.md.
PINNED_THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
os.environ.update(PINNED_THREADS)  # kernels inherit this process's environment


def notebook_sources() -> list[Path]:
    """The pages of book/ that are notebooks (a jupytext header): chapters and appendix pages."""
    return sorted(p for p in (ROOT / "book").glob("*.md") if p.read_text().startswith("---\njupytext:"))


def execute(source: Path) -> float:
    """Execute one chapter and write its notebook; return the seconds it took."""
    notebook = jupytext.read(source)
    start = time.perf_counter()
    NotebookClient(notebook, kernel_name="python3", timeout=300,
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    elapsed = time.perf_counter() - start
    notebook.metadata.pop("widgets", None)
    jupytext.write(notebook, ROOT / "notebooks" / f"{source.stem}.ipynb", fmt="ipynb")
    return elapsed


def main(paths: list[str]) -> None:
    sources = [Path(p) for p in paths] or notebook_sources()
    for source in sources:
        print(f"executing {source.name} ... {execute(source):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
