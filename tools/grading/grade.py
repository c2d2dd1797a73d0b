"""Grade a folder of submissions against the chapter's autograder, locally, a sandbox per submission.

    python -m tools.grading.grade 03 SUBMISSIONS_DIR [--timeout 60] [--jobs 1] [--unsafe]

(`make grade CHAPTER=03 SUBMISSIONS=DIR [TIMEOUT=60] [JOBS=2]` runs it in the grading
environment, .venv-grade.) Each ``*.ipynb`` in DIR is graded in two steps, so that the
expected values never exist where the submission's code runs:

1. **Run, with no tests present.** The notebook is copied alone into a throwaway folder and
   executed there in a sandbox (tools/grading/sandbox.py: bubblewrap, an unprivileged user, no network,
   no view of the repository, the autograder, the course secret or other submissions; bounded
   memory, processes and file sizes). Each cell gets ``--timeout`` seconds; after every cell
   the kernel records the answers defined so far (tools/grading/sandbox_run.py), and function answers
   are called there on the hidden tests' inputs (inputs only). A cell that times out ends the
   run: the answers recorded before it still score.
2. **Check, with no student code.** This process reads the recorded answers (plain JSON
   data) and runs the hidden tests of ``autograder/autograder.zip`` on them (or the student's
   own ``autograder/variants/<id>.zip`` when the assignment was built with a roster and the file
   is named ``<id>.ipynb`` or ``<id>_anything.ipynb``).

Writes ``_build/assignments/03/gradebook.csv``: one row per submission file; columns
``submission``, one per question (points earned), ``total``, ``possible`` and ``flags``: what
the instructor should look at in that row (see :data:`FLAGS`). Why a submission lost points it
could not run for (a cell that raised, a time-out) is also in ``grading.log``. Every
submission's line is printed as it is graded; one that could not be graded for a reason on the
grader's side (the sandbox failed to start, the autograder is unreadable) is printed at once and
makes the exit status non-zero. Without a working sandbox the command refuses to grade unless
``--unsafe`` (``UNSAFE=1``) is given, and then flags every row ``unsafe``.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tools.grading import sandbox

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "_build" / "assignments"
RUNNER = Path(__file__).resolve().parent / "sandbox_run.py"
#: Seconds per cell (`make grade TIMEOUT=`); the whole run is stopped after RUN_CELLS of them.
TIMEOUT = 60.0
RUN_CELLS = 10
#: Largest answers file read back (a submission writes it).
MAX_ANSWERS_BYTES = 2 << 20

#: Patterns in a submission's code that reach into the grading machinery or the course's internals;
#: each is a flag in the gradebook (the code is searched as text, so an obfuscated name can evade it).
SUSPICIOUS = {
    "otter": re.compile(r"\botter\b"),
    "builtins": re.compile(r"\b(builtins|__builtins__)\b|['\"]bu['\"]\s*\+"),
    "frames": re.compile(r"\b(_getframe|f_back|f_globals|co_consts|inspect\.stack|gc\.get_referrers)\b"),
    "sys-modules": re.compile(r"sys\.modules"),
    "lab-internals": re.compile(r"\._law\b|_law_for|\._key\b|\._rng\b"),
    "package-oracle": re.compile(r"\bexercises\b|\bch\d\d\b|\bgraders\b|\bregistry\b"),
    "dynamic-import": re.compile(r"__import__|\bimportlib\b|\bexec\(|\beval\(|\bcompile\("),
    "files": re.compile(
        r"open\([^)]*,\s*(mode\s*=\s*)?['\"][wax]|\bshutil\.|os\.remove|\.unlink\(|write_text|write_bytes"
        r"|\bglob\(|/proc\b|\.\./|os\.walk|listdir|iterdir|scandir"
    ),
    "processes": re.compile(r"\bsubprocess\b|os\.system|os\.fork|os\.exec|\bos\.kill\b|ctypes"),
}

#: Every flag a gradebook row can carry, for the README and the instructor.
FLAGS = {
    "timeout:cell-N": "cell N ran past the time-out; the run stopped there (answers before it scored)",
    "kernel-died:cell-N": "the kernel died in cell N (memory, a crash); the run stopped there",
    "stopped": "the whole run was stopped (RUN_CELLS time-outs' worth) before it reported an end",
    "not-graded": "could not be graded for a reason on the grader's side (also printed; exit status 1)",
    "unreadable": "the file is not a notebook",
    "unsafe": "graded without a sandbox (UNSAFE=1)",
    "no-roster-id": "the file name names no roster id; graded against the master's numbers",
    "student-id:X": "the notebook records student id X, not the file name's: a copy?",
    **{f"code:{name}": "the code mentions this grader or course internal; read it" for name in SUSPICIOUS},
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


def code_of(notebook: dict) -> str:
    return "\n".join("".join(c.get("source", "")) for c in notebook.get("cells", []) if c.get("cell_type") == "code")


def warnings_for(notebook_path: Path, handed_out: str = "") -> list[str]:
    """Names of the SUSPICIOUS patterns the submission's own code matches (for the instructor to read).

    Lines that are in the handed-out notebook's code (``handed_out``: its set-up cell installs the
    package with subprocess, a fitting exercise imports its data from scaling.exercises) are skipped.
    """
    try:
        code = code_of(json.loads(notebook_path.read_text()))
    except (OSError, ValueError, AttributeError, TypeError):
        return []
    given = {line.strip() for line in handed_out.splitlines()}
    code = "\n".join(line for line in code.splitlines() if line.strip() not in given)
    return [what for what, pattern in SUSPICIOUS.items() if pattern.search(code)]


def handed_out_code(folder: Path) -> str:
    """The code of the notebook(s) students were given (the master's student notebook), '' if absent."""
    found = sorted((folder / "student").glob("*.ipynb"))
    return "\n".join(code_of(json.loads(p.read_text())) for p in found[:1])


# ---------------------------------------------------------------------------- the hidden tests


@dataclass
class Case:
    """One hidden test case of an otter test file: its function's source, parameters and points."""

    question: str
    name: str
    points: float
    source: str
    params: list[str]
    calls: dict[str, str] = field(default_factory=dict)  # parameter called -> source of its args tuple


def read_tests(autograder: Path) -> list[Case]:
    """The hidden test cases in an autograder zip (otter's exception-based test files, tests/q*.py)."""
    cases = []
    with zipfile.ZipFile(autograder) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"tests/q[\w]+\.py", n))
        for name in names:
            tree = ast.parse(archive.read(name).decode())
            question = question_id(Path(name).stem)
            for node in tree.body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                    cases.append(_case(question, node))
    return cases


def _case(question: str, node: ast.FunctionDef) -> Case:
    points = 1.0
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call):
            points = next((float(k.value.value) for k in decorator.keywords if k.arg == "points"), points)
    params = [a.arg for a in node.args.args]
    calls = {}
    arg_sources = [
        ast.unparse(n.value)
        for n in ast.walk(node)
        if isinstance(n, ast.Assign) and [getattr(t, "id", None) for t in n.targets] == ["args"]
    ]
    for call in ast.walk(node):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) in params and arg_sources:
            calls[call.func.id] = arg_sources[0]
    node = ast.FunctionDef(node.name, node.args, node.body, [], node.returns, node.type_comment)
    return Case(question, node.name, points, ast.unparse(ast.fix_missing_locations(node)), params, calls)


def spec_of(cases: list[Case]) -> dict:
    """What the sandbox records: the names the tests read, and the inputs to call function answers on."""
    names = sorted({p for c in cases for p in c.params})
    calls: dict[str, list[str]] = {}
    for case in cases:
        for name, args in case.calls.items():
            calls.setdefault(name, [])
            if args not in calls[name]:
                calls[name].append(args)
    return {"names": names, "calls": calls}


class _Service:
    """Stands for the notebook's lab service in a test: its identity as recorded (type, key, runs)."""

    def __init__(self, key, runs: int):
        self._key = tuple(key) if isinstance(key, list) else None
        self.runs = [None] * int(runs)


_Service.__name__ = "TrainingService"


class _Recorded:
    """Stands for a function answer in one test: returns what the function returned on this test's inputs."""

    def __init__(self, output):
        self.output = output

    def __call__(self, *args, **kwargs):
        if isinstance(self.output, dict):
            raise ValueError(f"the function did not give a number here ({next(iter(self.output.values()), '')})")
        return self.output


def decode(value):
    """A recorded value as the tests read it (numbers, strings, lists; markers become stand-ins)."""
    if isinstance(value, dict) and "__service__" in value:
        inner = value["__service__"] if isinstance(value["__service__"], dict) else {}
        runs = inner.get("runs", 0)
        return _Service(inner.get("key"), runs if isinstance(runs, (int, float)) else 0)
    if isinstance(value, dict):
        return None  # unrecordable: fails any test that reads it
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def check(cases: list[Case], answers: dict) -> dict[str, float]:
    """Points per question: each case's test run on the recorded answers, in this process (no student code)."""
    scores: dict[str, float] = {}
    for case in cases:
        scores.setdefault(case.question, 0.0)
        kwargs = {}
        for param in case.params:
            value = answers.get(param)
            if param in case.calls:
                outputs = value.get("__calls__", {}) if isinstance(value, dict) else {}
                value = _Recorded(decode(outputs.get(case.calls[param], {"": "no output recorded"})))
            else:
                value = decode(value)
            kwargs[param] = value
        namespace: dict = {}
        exec(compile(case.source, f"<hidden test {case.name}>", "exec"), namespace)
        try:
            namespace[case.name](**kwargs)
        except Exception:
            continue
        scores[case.question] += case.points
    return scores


# ---------------------------------------------------------------------------- one submission


@dataclass
class Outcome:
    scores: dict = field(default_factory=dict)
    reasons: list = field(default_factory=list)  # for grading.log
    flags: list = field(default_factory=list)  # for the gradebook
    grader_error: str | None = None  # could not be graded for a reason on the grader's side


def read_back(path: Path) -> dict | None:
    """A JSON file the sandbox wrote, read without following links or blocking on special files."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        data = handle.read(MAX_ANSWERS_BYTES + 1)
    if len(data) > MAX_ANSWERS_BYTES:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def stop(process: subprocess.Popen) -> None:
    """Kill the sandbox (its processes die with it: PID namespace, --die-with-parent)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    process.communicate()


def run_notebook(notebook_path: Path, spec: dict, timeout: float, unsafe: bool, keep=None) -> tuple[dict, dict, str]:
    """Execute a notebook in a sandbox (or, unsafe, in a plain subprocess); (answers, status, stderr tail)."""
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        folder = Path(scratch) / "submission"
        folder.mkdir()
        shutil.copyfile(notebook_path, folder / "submission.ipynb")
        (folder / "spec.json").write_text(json.dumps(spec))
        if unsafe:
            inside, runner = str(folder), str(RUNNER)
        else:
            sandbox.prepare(folder)
            inside, runner = sandbox.INSIDE, "/opt/grading/sandbox_run.py"
        argv = [str(sandbox.venv() / "bin" / "python"), runner]
        argv += [f"{inside}/{n}" for n in ("spec.json", "submission.ipynb", "answers.json", "status.json")]
        argv.append(f"{timeout:g}")
        options = dict(stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if unsafe:
            process = subprocess.Popen(argv, cwd=folder, start_new_session=True, **options)
        else:
            process = sandbox.popen(folder, argv, **options)
        stopped = False
        try:
            _, stderr = process.communicate(timeout=timeout * RUN_CELLS + 60)
        except subprocess.TimeoutExpired:
            stop(process)
            stderr, stopped = "", True
        answers = read_back(folder / "answers.json") or {}
        status = read_back(folder / "status.json") or {}
        if stopped:
            status["stopped"] = True
        if keep is not None:  # what the run recorded, as read back (for the instructor, or a test)
            keep.mkdir(parents=True, exist_ok=True)
            (keep / "answers.json").write_text(json.dumps(answers, indent=1))
            (keep / "status.json").write_text(json.dumps(status, indent=1))
            (keep / "stderr.txt").write_text(stderr or "")
    return answers, status, (stderr or "").strip()


def grade_file(
    autograder: Path,
    submission: Path,
    timeout: float,
    unsafe: bool = False,
    sid=None,
    handed_out: str = "",
    keep: Path | None = None,
) -> Outcome:
    """Scores {question: points} of one submission, the reasons it may have lost points, and its flags."""
    outcome = Outcome(flags=["unsafe"] if unsafe else [])
    try:
        import nbformat

        notebook = json.loads(submission.read_text())
        nbformat.reads(json.dumps(notebook), as_version=4)  # what the sandbox's runner will read
        assert isinstance(notebook.get("cells"), list)
    except Exception as error:  # any way a file is not a notebook: the student's side
        outcome.flags.append("unreadable")
        outcome.reasons.append(f"not a notebook ({type(error).__name__}): graded 0")
        return outcome
    recorded = (notebook.get("metadata", {}).get("scaling_course") or {}).get("student_id")
    if sid and recorded and recorded != sid:
        outcome.flags.append(f"student-id:{recorded}")
    outcome.flags += [f"code:{what}" for what in warnings_for(submission, handed_out)]
    try:
        cases = read_tests(autograder)
    except (OSError, zipfile.BadZipFile, SyntaxError) as error:
        outcome.grader_error = f"cannot read the autograder {autograder.name}: {error}"
        return outcome
    answers, status, stderr = run_notebook(submission, spec_of(cases), timeout, unsafe, keep)
    if not status.get("started"):
        tail = (stderr.splitlines() or ["no output"])[-1]
        outcome.grader_error = f"the notebook's kernel did not start in the sandbox ({tail})"
        return outcome
    for index, message in status.get("errors", [])[:20]:
        outcome.reasons.append(f"cell {index} raised {message}")
    if status.get("timed_out"):
        outcome.flags.append(f"timeout:cell-{status['timed_out']}")
        outcome.reasons.append(
            f"cell {status['timed_out']} timed out after {timeout:g} s: the run stopped there "
            "(answers recorded before it are graded)"
        )
    elif status.get("kernel_died"):
        outcome.flags.append(f"kernel-died:cell-{status['kernel_died']}")
        outcome.reasons.append(f"the kernel died in cell {status['kernel_died']} (memory limit?)")
    elif status.get("stopped") or not status.get("finished"):
        outcome.flags.append("stopped")
        outcome.reasons.append("the run did not report an end; the answers it recorded are graded")
    outcome.scores = check(cases, answers)
    return outcome


# ---------------------------------------------------------------------------- the class


def grade_class(
    chapter: str,
    submissions: Path,
    out_root: Path = OUT,
    timeout: float = TIMEOUT,
    jobs: int = 1,
    unsafe: bool = False,
    keep: Path | None = None,
) -> tuple[Path, int]:
    """Grade every .ipynb in ``submissions`` (``jobs`` at a time); write the gradebook; (its path, failures)."""
    submissions, out_root = Path(submissions).resolve(), Path(out_root).resolve()
    folder = out_root / f"{int(chapter):02d}"
    autograder = folder / "autograder" / "autograder.zip"
    if not autograder.exists():
        raise SystemExit(f"No autograder in {folder}: run `make assignment CHAPTER={chapter}` first.")
    if not submissions.is_dir():
        raise SystemExit(f"SUBMISSIONS={submissions} is not a folder.")
    files = sorted(submissions.glob("*.ipynb"))
    if not files:
        raise SystemExit(f"No .ipynb files in {submissions}.")
    if not unsafe:
        with tempfile.TemporaryDirectory() as scratch:
            missing = sandbox.check(Path(scratch))
        if missing:
            print(sandbox.MISSING.format(why=missing), file=sys.stderr)
            raise SystemExit(3)
    points = json.loads((folder / "autograder" / "points.json").read_text())
    variants = folder / "autograder" / "variants"
    roster = {p.stem for p in variants.glob("*.zip")} if variants.exists() else set()
    handed_out = handed_out_code(folder)
    started, lock, done = time.perf_counter(), threading.Lock(), [0]
    print(f"grading {len(files)} submissions of chapter {chapter} ({jobs} at a time, {timeout:g} s per cell)")

    def grade_path(path: Path) -> Outcome:
        sid = student_id(path, roster)
        try:
            outcome = grade_file(
                variants / f"{sid}.zip" if sid else autograder,
                path,
                timeout,
                unsafe,
                sid,
                handed_out,
                keep / path.stem if keep else None,
            )
        except Exception as error:  # the grader's own failure: reported, never a silent zero
            outcome = Outcome(grader_error=f"{type(error).__name__}: {error}")
        if roster and not sid:
            outcome.flags.append("no-roster-id")
            outcome.reasons.append("no roster id in the file name; graded against the master's own numbers")
        if outcome.grader_error:
            outcome.flags.append("not-graded")
            outcome.scores = {}
        with lock:
            done[0] += 1
            total = sum(outcome.scores.get(q, 0.0) for q in points)
            line = f"[{done[0]}/{len(files)}] {path.name}: "
            if outcome.grader_error:
                line += f"NOT GRADED: {outcome.grader_error}"
            else:
                line += f"{total:g} / {sum(points.values()):g}"
            line += f"  [{' '.join(outcome.flags)}]" if outcome.flags else ""
            print(line, file=sys.stderr if outcome.grader_error else sys.stdout, flush=True)
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(grade_path, files))
    rows, log = [], []
    for path, outcome in zip(files, outcomes):
        row = {"submission": path.name}
        row.update({q: outcome.scores.get(q, 0.0) for q in points})
        row["total"] = sum(row[q] for q in points)
        row["possible"] = float(sum(points.values()))
        row["flags"] = " ".join(outcome.flags)
        rows.append(row)
        if outcome.grader_error:
            log.append(f"{path.name}: NOT GRADED: {outcome.grader_error}")
        log += [f"{path.name}: {reason}" for reason in outcome.reasons]
        log += [f"{path.name}: WARNING: {FLAGS[f]}: {f}" for f in outcome.flags if f.startswith("code:")]
    gradebook = folder / "gradebook.csv"
    with gradebook.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["submission", *points, "total", "possible", "flags"])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:g}" if isinstance(v, float) else v) for k, v in row.items()})
    (folder / "grading.log").write_text("\n".join(log) + ("\n" if log else ""))
    failures = sum(1 for o in outcomes if o.grader_error)
    elapsed = time.perf_counter() - started
    print(f"graded {len(rows)} submissions in {elapsed:.0f} s; wrote {gradebook} and grading.log ({len(log)} lines)")
    if failures:
        print(f"{failures} submission(s) could NOT be graded (see above and grading.log)", file=sys.stderr)
    return gradebook, failures


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapter", help="chapter number, e.g. 03")
    parser.add_argument("submissions", type=Path, help="folder of submitted .ipynb files")
    parser.add_argument("--out", type=Path, default=OUT, help="assignments folder (default _build/assignments)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds allowed per cell (default 60)")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once (one sandbox each)")
    parser.add_argument("--unsafe", action="store_true", help="grade without a sandbox (flags every row 'unsafe')")
    parser.add_argument("--keep", type=Path, help="keep what each run recorded (answers, status) in KEEP/<name>/")
    args = parser.parse_args(argv)
    if args.timeout <= 0:
        parser.error("--timeout must be a positive number of seconds")
    _, failures = grade_class(
        args.chapter,
        args.submissions,
        args.out,
        args.timeout,
        args.jobs,
        args.unsafe,
        args.keep and args.keep.resolve(),
    )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
