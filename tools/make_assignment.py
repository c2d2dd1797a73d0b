"""Build the otter-grader assignment of one chapter from its exercise master.

    python tools/make_assignment.py 03 [--roster ROSTER] [--out _build/assignments]

(`make assignment CHAPTER=03` runs it in the grading environment, .venv-grade.) From
``solutions/03-*.md`` it writes, under ``_build/assignments/03/``:

* ``master/``: the otter-format master notebook (otter 7 "v1" format: an ASSIGNMENT CONFIG raw
  cell, BEGIN/END QUESTION, SOLUTION and TESTS blocks with points), the input of ``otter assign``;
* ``student/``: what students get: prompts, stubs and the course's friendly ``check`` cells
  (which need only the ``scaling`` package, not otter);
* ``autograder/``: instructor only: the solution notebook and otter's ``autograder.zip``, whose
  hidden tests carry their expected values as literals computed here (see tools/hidden_tests.py);
* with ``--roster`` (one student id per line), per-student variants: ``student/<id>/`` holds
  that student's notebook, whose seeds (the lab's hidden law, the seeds of the fitting
  exercises) come from the course secret and the id, and ``autograder/variants/<id>.zip`` the
  autograder that checks them. The secret is read from ``$COURSE_SECRET`` or from
  ``.course-secret`` at the top of the repository (created at random on first use, ignored by
  git and kept by ``make clean``; keep it private and keep it: a new secret means new numbers).

The master stays the single source: tools/make_exercises.py writes the self-study notebooks
from the same file.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import hmac
import io
import json
import secrets
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import assignment_master as master_io  # noqa: E402
import hidden_tests  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "assignments"
SECRET_FILE = ROOT / ".course-secret"
#: Cell metadata key that marks the question a cell belongs to (kept by otter in the student notebook).
META = "scaling_course"


def master_path(chapter: str) -> Path:
    found = sorted((ROOT / "solutions").glob(f"{int(chapter):02d}-*.md"))
    if not found:
        known = ", ".join(p.stem for p in sorted((ROOT / "solutions").glob("[0-9][0-9]-*.md")))
        raise SystemExit(f"There is no exercise master for chapter {chapter!r}; the masters are {known}.")
    return found[0]


# ---------------------------------------------------------------------------- what each check compares


def declaration(exercise_id: str):
    """The exercise's declaration (scaling/exercises/chNN.py): its kind, expected value and tolerance."""
    from scaling.exercises import declared

    exercises = declared()
    if exercise_id not in exercises:
        raise SystemExit(f"Exercise {exercise_id} has no declaration in scaling/exercises/ch*.py.")
    if exercises[exercise_id].kind not in ("number", "percent", "choice", "function", "lab", "interval"):
        raise SystemExit(f"Exercise {exercise_id} is not declared (CONTRIBUTING.md, 'To add an exercise').")
    return exercises[exercise_id]


def verify(question, answer) -> None:
    """Refuse to build when the worked solution fails its own check (the lab: its own service's law)."""
    exercise = declaration(question.exercise_id)
    if exercise.kind == "lab":
        if exercise.seed not in question.seeds:
            raise SystemExit(f"The master's lab {exercise.id} does not create its service with seed={exercise.seed}.")
        passed = exercise.passes(answer, exercise.seed)
    else:
        passed = exercise.grade(answer).passed
    if not passed:
        raise SystemExit(f"The worked solution of {exercise.id} fails its own check.")


def variant_source(exercise_id: str, source: str, seeds: dict[str, dict[int, int]]) -> str:
    """A cell of a student's variant: their seeds, and in a lab a graded service (its grade() does not answer)."""
    if exercise_id not in seeds:
        return source
    graded = ", graded=True" if declaration(exercise_id).kind == "lab" else ""
    return master_io.with_seeds(source, seeds[exercise_id], after=graded)


def tests_for(question, answer, seeds: dict[int, int] | None = None) -> list[hidden_tests.TestCase]:
    """The hidden test cases of one question (``seeds``: the student's seed substitutions)."""
    name, exercise = question.answer_name, declaration(question.exercise_id)
    if exercise.kind in ("number", "percent"):
        expected = exercise.expected() if not seeds else float(answer)  # a variant's value comes from its own solution
        return hidden_tests.number_test(exercise.id, name, expected, exercise.rel_tol)
    if exercise.kind == "choice":
        return hidden_tests.choice_test(exercise.id, name, exercise.correct)
    if exercise.kind == "function":
        return hidden_tests.function_tests(exercise, name)
    if exercise.kind == "interval":
        return hidden_tests.interval_test(exercise, name)
    seed = (seeds or {}).get(exercise.seed, exercise.seed)  # the service's seed, as the notebook has it
    return hidden_tests.lab_tests(exercise, name, seed, graded=bool(seeds))  # a student's variant has a graded service


# ---------------------------------------------------------------------------- the otter master notebook


def raw(text: str):
    return nbformat.v4.new_raw_cell(text)


def has_solution(cell) -> bool:
    return cell.cell_type == "code" and any(
        line.rstrip().endswith("# SOLUTION") or line.strip() == "# BEGIN SOLUTION" for line in cell.source.splitlines()
    )


def assignment_config(name: str) -> str:
    return f"""# ASSIGNMENT CONFIG
name: {name}
init_cell: false
check_all_cell: false
export_cell: false
run_tests: true
solutions_pdf: false
show_question_points: true
generate:
  pdf: false
  filtering: false
tests:
  files: true
  ok_format: false
"""


def otter_master(notebook, preamble, questions, tests: dict[str, list]) -> nbformat.NotebookNode:
    """The otter-format master: the course master with otter's blocks around solutions and hidden tests."""
    cells = [raw(assignment_config(notebook.metadata.get("name", "assignment")))]
    cells += [copy.deepcopy(c) for c in preamble]
    for question in questions:
        eid, cases = question.exercise_id, tests[question.exercise_id]
        points = sum(case.points for case in cases)
        cells.append(raw(f"# BEGIN QUESTION\nname: q{eid.replace('.', '_')}\npoints: {points:g}\ncheck_cell: false"))
        for cell in question.cells:
            cell = copy.deepcopy(cell)
            cell.metadata[META] = {"question": eid}
            if has_solution(cell) or master_io.is_worked_solution(cell):
                cells += [raw("# BEGIN SOLUTION"), cell, raw("# END SOLUTION")]
            else:
                cells.append(cell)
        cells.append(raw("# BEGIN TESTS"))
        cells += [nbformat.v4.new_code_cell(case.cell_source()) for case in cases]
        cells += [raw("# END TESTS"), raw("# END QUESTION")]
    result = nbformat.v4.new_notebook(cells=cells, metadata=copy.deepcopy(notebook.metadata))
    result.metadata.pop("jupytext", None)
    result.metadata.pop("name", None)
    return result


def run_otter_assign(master_file: Path, dist: Path) -> None:
    """``otter assign`` in this environment (it runs the hidden tests on the solution notebook)."""
    shutil.rmtree(dist, ignore_errors=True)
    command = [sys.executable, "-m", "otter", "assign", "-v", str(master_file), str(dist)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=master_file.parent)
    if done.returncode != 0 or "Tests failed" in done.stdout + done.stderr:
        raise SystemExit(f"otter assign failed:\n{done.stdout}\n{done.stderr}")


# ---------------------------------------------------------------------------- stubs that compile


def _compiles(source: str) -> bool:
    """Whether a code cell is valid Python (IPython's ``%`` and ``!`` lines are left out)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        compile("\n".join(lines), "<cell>", "exec")
    except SyntaxError:
        return False
    return True


def repair_stub(source: str) -> str:
    """A stub as otter writes it, made valid Python: a solution block's indented ``...`` lines dropped.

    otter replaces each line that ends ``# SOLUTION`` by ``...`` at that line's indentation, so a
    loop in a solution becomes an ``...`` followed by more-indented ``...`` lines, an
    IndentationError. Kept: every line that is not a bare ``...``, and each bare ``...`` that is not
    more indented than the line before it (unless that line opens a block), once.
    """
    if _compiles(source):
        return source
    kept: list[str] = []
    for line in source.splitlines():
        bare = line.strip() == "..."
        if bare and kept:
            previous = kept[-1]
            indent = len(line) - len(line.lstrip())
            before = len(previous) - len(previous.lstrip())
            opens = previous.rstrip().endswith(":")
            if (indent > before and not opens) or (previous.strip() == "..." and indent == before):
                continue
        kept.append(line)
    return "\n".join(kept)


def repair_stubs(path: Path) -> None:
    """Repair every code cell of a student notebook; fail the build if one still does not compile."""
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells, start=1):
        if cell.cell_type != "code":
            continue
        cell.source = repair_stub(cell.source)
        if not _compiles(cell.source):
            raise SystemExit(f"{path.name}, cell {index}: the stub students get is not valid Python:\n{cell.source}")
    nbformat.write(notebook, path)


# ---------------------------------------------------------------------------- per-student variants


def course_secret() -> bytes:
    """The course secret: $COURSE_SECRET, else the file .course-secret (created on first use)."""
    import os

    if os.environ.get("COURSE_SECRET"):
        return os.environ["COURSE_SECRET"].encode()
    path = SECRET_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32) + "\n")
        path.chmod(0o600)
    return path.read_text().strip().encode()


def variant_seed(secret: bytes, student_id: str, exercise_id: str, seed: int, attempt: int = 0) -> int:
    """A student's replacement for the master's ``seed=seed`` in ``exercise_id``: HMAC-SHA256 of the id, 0-999,999."""
    message = f"{student_id}|{exercise_id}|{seed}|{attempt}".encode()
    return int.from_bytes(hmac.new(secret, message, hashlib.sha256).digest()[:4], "big") % 1_000_000


def read_roster(path: Path) -> list[str]:
    ids = [line.split(",")[0].strip() for line in path.read_text().splitlines()]
    ids = [i for i in ids if i and not i.startswith("#")]
    bad = [i for i in ids if not all(ch.isalnum() or ch in "-_." for ch in i)]
    if bad:
        raise SystemExit(f"Student ids may hold only letters, digits, '-', '_' and '.'; got {bad[:3]}.")
    if len(set(ids)) != len(ids):
        raise SystemExit("The roster lists a student id twice.")
    return ids


def student_variant(student_notebook, questions, seeds: dict[str, dict[int, int]], student_id: str):
    """The student notebook with the student's seeds; the public check of a variant question is replaced by a note."""
    notebook = copy.deepcopy(student_notebook)
    notebook.metadata[META] = {"student_id": student_id}
    for cell in notebook.cells:
        eid = cell.metadata.get(META, {}).get("question")
        if eid not in seeds:
            continue
        if cell.cell_type == "code" and master_io.check_call(cell.source):
            cell.source = (
                f"print(\"Exercise {eid} uses numbers of your own: your instructor's autograder "
                'checks it, so there is no check here.")'
            )
        else:
            cell.source = variant_source(eid, cell.source, seeds)
    return notebook


def variant_answers(preamble, questions, varying, secret, student_id, max_attempts: int = 8):
    """A student's seed substitutions and the worked solution's answers under them.

    A lab variant whose worked solution would not pass (an unlucky law for the course's own
    method) is drawn again, so every student's lab can be solved by the method the course teaches.
    """
    attempts = {q.exercise_id: 0 for q in varying}
    while True:
        seeds = {
            q.exercise_id: {
                s: variant_seed(secret, student_id, q.exercise_id, s, attempts[q.exercise_id]) for s in q.seeds
            }
            for q in varying
        }
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            answers = master_io.solve(
                preamble,
                questions,
                only=set(seeds),
                transform=lambda eid, source, seeds=seeds: variant_source(eid, source, seeds),
            )
        unlucky = [
            q
            for q in varying
            if declaration(q.exercise_id).kind == "lab"
            and not declaration(q.exercise_id).passes(
                answers[q.exercise_id], seeds[q.exercise_id][declaration(q.exercise_id).seed], graded=True
            )
        ]
        if not unlucky:
            return seeds, answers
        for question in unlucky:
            attempts[question.exercise_id] += 1
            if attempts[question.exercise_id] >= max_attempts:
                raise SystemExit(
                    f"No variant of {question.exercise_id} for {student_id} that the worked solution passes."
                )


def seeds_move_the_answer(preamble, questions, question, rel_tol: float, secret: bytes, probes: int = 6) -> bool:
    """Whether other seeds give answers outside each other's tolerance (for at least 3 pairs in 4), so a copied answer would mostly fail.

    Where a seed only moves the noise of a simulation (the answer barely changes), a variant would
    take away the student's public check and stop no copying: such a question keeps the master's seed.
    """
    values = []
    for index in range(probes):
        seeds = {
            question.exercise_id: {
                s: variant_seed(secret, f"probe-{index}", question.exercise_id, s) for s in question.seeds
            }
        }
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values.append(
                float(
                    master_io.solve(preamble, questions, seeds=seeds, only={question.exercise_id})[question.exercise_id]
                )
            )
    close = sum(abs(a - b) <= rel_tol * max(abs(a), abs(b)) for i, a in enumerate(values) for b in values[i + 1 :])
    pairs = probes * (probes - 1) // 2
    moves = close <= pairs // 4
    print(
        f"{question.exercise_id}: {close} of {pairs} pairs of probe seeds give answers within its tolerance: "
        + ("a variant per student" if moves else "it keeps the master's seed (a variant would not stop copying)")
    )
    return moves


def build_variants(out, preamble, questions, base_tests, roster, secret, student_file, autograder_zip):
    """Per-student notebooks and autograders for the questions that have seeds."""
    kinds = {q.exercise_id: declaration(q.exercise_id) for q in questions}
    varying = [q for q in questions if q.seeds and kinds[q.exercise_id].kind == "lab"]
    varying += [
        q
        for q in questions
        if q.seeds
        and kinds[q.exercise_id].kind in ("number", "percent")
        and seeds_move_the_answer(preamble, questions, q, kinds[q.exercise_id].rel_tol, secret)
    ]
    varying.sort(key=lambda q: questions.index(q))
    student_nb = nbformat.read(student_file, as_version=4)
    (out / "autograder" / "variants").mkdir(parents=True, exist_ok=True)
    summary = {}
    for student_id in roster:
        seeds, answers = variant_answers(preamble, questions, varying, secret, student_id)
        replaced = {}
        for question in varying:
            eid = question.exercise_id
            cases = tests_for(question, answers[eid], seeds[eid])
            replaced[eid] = [(b.otter_body, c.otter_body) for b, c in zip(base_tests[eid], cases)]
        folder = out / "student" / student_id
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_variant(student_nb, questions, seeds, student_id), folder / student_file.name)
        write_variant_zip(autograder_zip, out / "autograder" / "variants" / f"{student_id}.zip", replaced)
        summary[student_id] = seeds
    (out / "autograder" / "variants" / "seeds.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n")
    print(f"wrote variants for {len(roster)} students (questions {', '.join(q.exercise_id for q in varying)})")


def write_variant_zip(base: Path, target: Path, replaced: dict[str, list[tuple[str, str]]]) -> None:
    """A copy of the autograder zip whose variant tests carry one student's expected values."""
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dest:
        for item in source.infolist():
            data = source.read(item.filename)
            eid = next((e for e in replaced if item.filename == f"tests/q{e.replace('.', '_')}.py"), None)
            if eid:
                text = data.decode()
                for old, new in replaced[eid]:
                    if old not in text:
                        raise SystemExit(f"Cannot find the test of {eid} in {item.filename} to write a variant.")
                    text = text.replace(old, new)
                data = text.encode()
            dest.writestr(item, data)


# ---------------------------------------------------------------------------- the build


def build(chapter: str, out_root: Path = OUT, roster: Path | None = None) -> Path:
    """Write the assignment of ``chapter`` into out_root/NN; return that folder."""
    path = master_path(chapter)
    out = out_root / f"{int(chapter):02d}"
    notebook, preamble, questions = master_io.read_master(path)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        answers = master_io.solve(preamble, questions)
    for question in questions:
        verify(question, answers[question.exercise_id])
    tests = {q.exercise_id: tests_for(q, answers[q.exercise_id]) for q in questions}
    notebook.metadata["name"] = path.stem
    master_file = out / "master" / f"{path.stem}.ipynb"
    master_file.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(otter_master(notebook, preamble, questions, tests), master_file)
    dist = out / "dist"
    run_otter_assign(master_file, dist)
    for part in ("student", "autograder"):
        shutil.rmtree(out / part, ignore_errors=True)
        shutil.move(dist / part, out / part)
    shutil.rmtree(dist)
    shutil.rmtree(out / "student" / "tests", ignore_errors=True)  # only empty public files: students need no otter
    for student_notebook in (out / "student").glob("*.ipynb"):
        repair_stubs(student_notebook)
    for zipped in (out / "autograder").glob("*-autograder_*.zip"):
        zipped.replace(out / "autograder" / "autograder.zip")
    points = {q.exercise_id: sum(c.points for c in tests[q.exercise_id]) for q in questions}
    (out / "autograder" / "points.json").write_text(json.dumps(points, indent=1) + "\n")
    if roster is not None:
        build_variants(
            out,
            preamble,
            questions,
            tests,
            read_roster(roster),
            course_secret(),
            out / "student" / f"{path.stem}.ipynb",
            out / "autograder" / "autograder.zip",
        )
    print(
        f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: student/ (hand out), "
        f"autograder/ (keep private); {sum(points.values()):g} points in {len(points)} questions"
    )
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chapter", help="chapter number, e.g. 03")
    parser.add_argument("--roster", type=Path, help="file of student ids, one per line: build per-student variants")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default _build/assignments)")
    args = parser.parse_args(argv)
    build(args.chapter, args.out, args.roster)


if __name__ == "__main__":
    main()
