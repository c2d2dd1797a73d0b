"""Grade a folder of submissions with the chapter's otter autograder, locally and without Docker.

    python tools/grade.py 03 SUBMISSIONS_DIR [--timeout 600] [--jobs 1]

(`make grade CHAPTER=03 SUBMISSIONS=DIR` runs it in the grading environment, .venv-grade.) Each
``*.ipynb`` in DIR is graded by otter-grader's non-containerized runner (``otter.api.
grade_submission``) in its own process, with a time limit, against ``autograder/autograder.zip``
of ``_build/assignments/03`` (built by ``make assignment``), or against the student's own
variant ``autograder/variants/<id>.zip`` when the assignment was built with a roster and the
file is named after the id (``<id>.ipynb`` or ``<id>_anything.ipynb``).

Writes ``_build/assignments/03/gradebook.csv``: one row per submission file; columns
``submission``, one per question (points earned), ``total``, ``possible``. A submission that
raises still gets a row: otter runs every cell (errors allowed), so the questions whose answers
exist score and the others get 0. Why a submission lost points it could not run for (a cell
that raised, a time-out) is written to ``grading.log`` beside the gradebook, with a warning
for code that reaches into the grader's machinery (otter, builtins, frames).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "assignments"

#: Patterns in a submission's code that reach into the grading machinery rather than answer a question.
SUSPICIOUS = {
    "imports or touches otter": re.compile(r"\botter\b"),
    "rebinds builtins": re.compile(r"\b(builtins|__builtins__)\b"),
    "reads interpreter frames": re.compile(
        r"\b(_getframe|f_back|f_globals|co_consts|inspect\.stack|gc\.get_referrers)\b"
    ),
    "replaces modules": re.compile(r"sys\.modules"),
    "reads the lab's hidden law": re.compile(r"\._law\b|_law_for|\._key\b"),
    "writes or deletes files": re.compile(r"open\([^)]*,\s*(mode\s*=\s*)?['\"][wax]|\bshutil\.|os\.remove|\.unlink\("),
}


def question_id(test_name: str) -> str:
    """The exercise id of an otter question name: q3_6 -> 3.6."""
    return test_name[1:].replace("_", ".")


def student_id(path: Path, roster: set[str]) -> str | None:
    """The roster id a submission file is named after (``id.ipynb`` or ``id_anything.ipynb``), or None."""
    stem = path.stem
    if stem in roster:
        return stem
    matches = [i for i in roster if stem.startswith(i + "_") or stem.startswith(i + "-")]
    return max(matches, key=len) if matches else None


def warnings_for(notebook_path: Path) -> list[str]:
    """What in the submission's code looks like an attempt on the grader (for the instructor to read)."""
    try:
        cells = json.loads(notebook_path.read_text())["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    code = "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    return [what for what, pattern in SUSPICIOUS.items() if pattern.search(code)]


# ---------------------------------------------------------------------------- one submission (worker)


def grade_one(autograder: Path, submission: Path, result: Path) -> None:
    """Grade one submission in this process and write {question: [score, possible]} and errors as JSON."""
    from otter.api import grade_submission

    with contextlib.redirect_stdout(io.StringIO()):
        results = grade_submission(str(submission), str(autograder), quiet=True)
    scores = {question_id(name): [float(r.score), float(r.possible)] for name, r in results.results.items()}
    import nbformat

    sources = [cell.source.strip() for cell in nbformat.read(submission, as_version=4).cells]
    errors = []
    for cell in results.notebook.cells if results.notebook else []:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                source = cell.get("source", "").strip()
                # otter adds cells of its own: name the submission's cell (counted from 1) when it is one
                where = next(
                    (f"cell {i}" for i, s in enumerate(sources, start=1) if s and s == source), "a grading cell"
                )
                errors.append(f"{where} raised {output.get('ename')}: {output.get('evalue')}")
    result.write_text(json.dumps({"scores": scores, "errors": errors}))


# ---------------------------------------------------------------------------- the class


def kill_tree(pid: int) -> None:
    """Kill a worker and everything under it: otter's kernel (in a session of its own) and what the submission started."""
    import psutil

    try:
        parent = psutil.Process(pid)
        processes = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()


def grade_file(autograder: Path, submission: Path, timeout: float) -> tuple[dict, list[str]]:
    """Scores {question: points} of one submission and the reasons it may have lost points."""
    with tempfile.TemporaryDirectory() as tmp:
        result = Path(tmp) / "result.json"
        command = [sys.executable, __file__, "--one", str(autograder), str(submission), str(result)]
        worker = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp)
        try:
            _, stderr = worker.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(worker.pid)
            worker.communicate()
            return {}, [f"timed out after {timeout:g} s: graded 0"]
        if worker.returncode != 0 or not result.exists():
            tail = (stderr.strip().splitlines() or ["no output"])[-1]
            return {}, [f"could not be graded ({tail}): graded 0"]
        data = json.loads(result.read_text())
    return {q: s for q, (s, _) in data["scores"].items()}, data["errors"]


def grade_class(chapter: str, submissions: Path, out_root: Path = OUT, timeout: float = 600.0, jobs: int = 1) -> Path:
    """Grade every .ipynb in ``submissions`` (``jobs`` at a time); write and return the gradebook path."""
    folder = out_root / f"{int(chapter):02d}"
    autograder = folder / "autograder" / "autograder.zip"
    if not autograder.exists():
        raise SystemExit(f"No autograder in {folder}: run `make assignment CHAPTER={chapter}` first.")
    points = json.loads((folder / "autograder" / "points.json").read_text())
    variants = folder / "autograder" / "variants"
    roster = {p.stem for p in variants.glob("*.zip")} if variants.exists() else set()
    files = sorted(submissions.glob("*.ipynb"))
    if not files:
        raise SystemExit(f"No .ipynb files in {submissions}.")
    rows, log = [], []
    started = time.perf_counter()

    def grade_path(path: Path):
        sid = student_id(path, roster)
        return sid, grade_file(variants / f"{sid}.zip" if sid else autograder, path, timeout)

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:  # each submission is its own process
        outcomes = list(pool.map(grade_path, files))
    for path, (sid, (scores, reasons)) in zip(files, outcomes):
        if roster and not sid:
            log.append(f"{path.name}: no roster id in the file name; graded against the master's own numbers")
        row = {"submission": path.name}
        row.update({q: scores.get(q, 0.0) for q in points})
        row["total"] = sum(row[q] for q in points)
        row["possible"] = float(sum(points.values()))
        rows.append(row)
        log += [f"{path.name}: {reason}" for reason in reasons]
        log += [
            f"{path.name}: WARNING: the code {what}; read it before trusting the score" for what in warnings_for(path)
        ]
        print(f"{path.name}: {row['total']:g} / {row['possible']:g}")
    gradebook = folder / "gradebook.csv"
    with gradebook.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["submission", *points, "total", "possible"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in row.items()})
    (folder / "grading.log").write_text("\n".join(log) + ("\n" if log else ""))
    elapsed = time.perf_counter() - started
    print(f"graded {len(rows)} submissions in {elapsed:.0f} s; wrote {gradebook} and grading.log ({len(log)} lines)")
    return gradebook


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--one":
        grade_one(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapter", help="chapter number, e.g. 03")
    parser.add_argument("submissions", type=Path, help="folder of submitted .ipynb files")
    parser.add_argument("--out", type=Path, default=OUT, help="assignments folder (default _build/assignments)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per submission")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once (one process each)")
    args = parser.parse_args(argv)
    grade_class(args.chapter, args.submissions, args.out, args.timeout, args.jobs)


if __name__ == "__main__":
    main()
