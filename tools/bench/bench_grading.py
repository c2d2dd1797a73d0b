"""How long grading a class takes: 30 submissions of chapter 3 (the slowest: the lab fits a law).

    python -m tools.bench.bench_grading [N [JOBS]]      (`make bench-grading`, in .venv-grade)

Builds the assignment into a temporary folder, hands in N notebooks (half the solution, half
the untouched stub), grades them with tools/grading/grade.py as `make grade` does and prints the time.
Not part of `make bench`: it takes minutes, not seconds.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from tools.grading import grade, make_assignment


def main(count: int = 30, jobs: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        started = time.perf_counter()
        folder = make_assignment.build("03", out)
        built = time.perf_counter() - started
        submissions = out / "submissions"
        submissions.mkdir()
        for index in range(count):
            source = folder / ("autograder" if index % 2 == 0 else "student") / "03-chinchilla.ipynb"
            shutil.copy(source, submissions / f"student{index:02d}.ipynb")
        started = time.perf_counter()
        _, failures = grade.grade_class("03", submissions, out, jobs=jobs)
        if failures:
            raise SystemExit(f"{failures} submissions could not be graded")
        graded = time.perf_counter() - started
    print(f"build of chapter 3's assignment: {built:.1f} s")
    print(f"grading {count} submissions of chapter 3, {jobs} at a time: {graded:.0f} s ({graded / count:.1f} s each)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
