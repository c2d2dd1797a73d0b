"""Classroom grading end to end: `make assignment` and `make grade` on a simulated class.

These tests drive tools/make_assignment.py and tools/grade.py in the grading environment
(.venv-grade, with otter-grader), as an instructor would. They skip, saying why, when that
environment does not exist (`make assignment CHAPTER=01` creates it; .ci/run always does).

Chapter 3 gets a whole class with per-student variants. Every other chapter is built and its
solution and untouched student notebooks are graded in CI (CI=true, as .ci/run runs); locally
set CI=1 to run them too (about two minutes).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRADE_BIN = ROOT / ".venv-grade" / "bin"
sys.path.insert(0, str(ROOT / "tools"))
import grade as grade_tool  # noqa: E402
import make_assignment  # noqa: E402

if not (GRADE_BIN / "python").exists():
    pytest.skip(
        "the grading environment .venv-grade does not exist (make assignment CHAPTER=01 creates it; .ci/run builds it)",
        allow_module_level=True,
    )

ENV = {**os.environ, "PATH": f"{GRADE_BIN}:{os.environ['PATH']}", "COURSE_SECRET": "test-secret-not-for-a-class"}
ROSTER = ["alice", "bob", "carol", "dave", "erin", "frank"]
MASTERS = sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]-*.md"))


def run(*args: str) -> str:
    done = subprocess.run([str(GRADE_BIN / "python"), *args], cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def build(chapter: str, out: Path, roster: Path | None = None) -> Path:
    run("tools/make_assignment.py", chapter, "--out", str(out), *(["--roster", str(roster)] if roster else []))
    return out / chapter


def grade(chapter: str, out: Path, submissions: Path) -> dict[str, dict[str, float]]:
    run("tools/grade.py", chapter, str(submissions), "--out", str(out), "--timeout", "300")
    with (out / chapter / "gradebook.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    return {row.pop("submission"): {k: float(v) for k, v in row.items()} for row in rows}


def read(path: Path) -> dict:
    return json.loads(path.read_text())


def write(notebook: dict, path: Path) -> None:
    path.write_text(json.dumps(notebook))


def code_cell(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source}


def question_of(cell: dict) -> str | None:
    return cell.get("metadata", {}).get("scaling_course", {}).get("question")


def with_variant(notebook: dict, seeds: dict[str, dict[str, int]]) -> dict:
    """A (solution) notebook rewritten as one student's variant, as their student notebook is."""
    notebook = json.loads(json.dumps(notebook))
    seeds = {eid: {int(k): v for k, v in by_seed.items()} for eid, by_seed in seeds.items()}
    for cell in notebook["cells"]:
        eid = question_of(cell)
        if eid:
            cell["source"] = make_assignment.variant_source(eid, "".join(cell["source"]), seeds)
    return notebook


def replace_answer(notebook: dict, exercise_id: str, source: str) -> None:
    """Overwrite a question's answer: ``source`` is appended to the cell that defines the checked name."""
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "code" and question_of(cell) == exercise_id and not text.startswith("check("):
            if f"answer_{exercise_id.replace('.', '_')} =" in text or text.startswith("def "):
                cell["source"] = text + "\n" + source
                return
    raise AssertionError(f"no answer cell for {exercise_id}")


# ---------------------------------------------------------------------------- chapter 3: a whole class

CHEAT = """\
import math, numpy
import scaling.exercises as ex, scaling.lab as lab, scaling.chinchilla as ch
from scaling.exercises.graders import Verdict
ex.check = check = lambda *a, **k: print("✅ pass")
ex.grade = lambda *a, **k: Verdict("pass", "correct")
for key in list(ex.EXERCISES):
    ex.EXERCISES[key] = lambda answer: Verdict("pass", "correct")
lab.TrainingService.grade = lambda self, *a: (True, "Passed.")
ch.compute_optimal = lambda *a, **k: None
numpy.isclose = numpy.allclose = math.isclose = lambda *a, **k: True
float = abs = max = lambda *a, **k: 1.0
answer_3_1 = answer_3_3 = answer_3_4 = 1.0
answer_3_5 = "b; c"
answer_3_6 = (1.0, 1.0)
frontier = lambda *a: (1.0, 1.0)
"""

HALF_RIGHT_FRONTIER = """\
def frontier(flops, law):
    total = law.alpha + law.beta
    G = (law.alpha * law.A / (law.beta * law.B)) ** (1 / total)
    n_opt = G * (flops / 6) ** (law.beta / total)
    d_opt = (flops / 6) ** (law.alpha / total) / G
    return (2 * n_opt if flops > 1e25 else n_opt), d_opt   # wrong on the largest budget only
"""


@pytest.fixture(scope="module")
def chapter3(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    roster = out / "roster.txt"
    roster.write_text("\n".join(ROSTER) + "\n")
    folder = build("03", out, roster)
    seeds = read(folder / "autograder" / "variants" / "seeds.json")
    solution = read(folder / "autograder" / "03-chinchilla.ipynb")
    submissions = out / "submissions"
    submissions.mkdir()

    alice = with_variant(solution, seeds["alice"])  # right, with her own numbers
    write(alice, submissions / "alice.ipynb")
    write(read(folder / "student" / "bob" / "03-chinchilla.ipynb"), submissions / "bob.ipynb")  # untouched
    carol = read(folder / "student" / "carol" / "03-chinchilla.ipynb")  # monkeypatches the course's checks
    carol["cells"].append(code_cell(CHEAT))
    write(carol, submissions / "carol_final.ipynb")
    dave = with_variant(solution, seeds["dave"])  # half right
    replace_answer(dave, "3.2", HALF_RIGHT_FRONTIER)
    replace_answer(dave, "3.3", "answer_3_3 = 2 * approach2.predict_n(chinchilla.GOPHER_BUDGET_FLOPS)")
    replace_answer(dave, "3.5", 'answer_3_5 = "a"')
    replace_answer(dave, "3.6", "answer_3_6 = (prediction.N, 1.1 * prediction.loss)")
    write(dave, submissions / "dave.ipynb")
    erin = with_variant(solution, seeds["erin"])  # raises in its fourth cell
    erin["cells"] = [c for c in erin["cells"] if not (question_of(c) == "3.1" and c["cell_type"] == "markdown")]
    # cells: the title, the Colab setup cell, the imports, then 3.1's answer
    assert "answer_3_1" in "".join(erin["cells"][3]["source"])
    erin["cells"][3]["source"] = "answer_3_1 = (1e24 / 120) ** 0.5 / undefined_name"
    write(erin, submissions / "erin.ipynb")
    write(alice, submissions / "frank.ipynb")  # hands in alice's work
    gradebook = grade("03", out, submissions)
    return folder, gradebook, (folder / "grading.log").read_text()


def points_of(folder: Path) -> dict[str, float]:
    """Points per question, as the built autograder records them (questions in notebook order)."""
    return read(folder / "autograder" / "points.json")


def test_the_gradebook_has_one_row_per_submission_and_the_columns_instructors_expect(chapter3):
    folder, gradebook, _ = chapter3
    points = points_of(folder)
    assert list(points)[:6] == ["3.1", "3.2", "3.3", "3.4", "3.5", "3.6"]
    assert set(gradebook) == {
        "alice.ipynb",
        "bob.ipynb",
        "carol_final.ipynb",
        "dave.ipynb",
        "erin.ipynb",
        "frank.ipynb",
    }
    header = (folder / "gradebook.csv").read_text().splitlines()[0]
    assert header == "submission," + ",".join(points) + ",total,possible"
    for row in gradebook.values():
        assert row["possible"] == sum(points.values()) and row["total"] == sum(row[q] for q in points)


def test_the_solution_scores_full_marks(chapter3):
    folder, gradebook, _ = chapter3
    assert gradebook["alice.ipynb"]["total"] == sum(points_of(folder).values())


def test_the_untouched_student_notebook_scores_zero(chapter3):
    assert chapter3[1]["bob.ipynb"]["total"] == 0


def test_monkeypatching_the_course_checks_scores_zero(chapter3):
    assert chapter3[1]["carol_final.ipynb"]["total"] == 0


def test_a_half_right_submission_gets_partial_credit_per_part_and_per_case(chapter3):
    folder, gradebook, _ = chapter3
    points, row = points_of(folder), gradebook["dave.ipynb"]
    # 3.1 right; 3.2 two of three hidden cases; 3.3 wrong; 3.4 right; 3.5 wrong; 3.6 N right, loss wrong;
    # the later questions are left as the worked solution answers them.
    later = {q: p for q, p in points.items() if q not in ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6")}
    assert row == {
        "3.1": 1,
        "3.2": 2,
        "3.3": 0,
        "3.4": 1,
        "3.5": 0,
        "3.6": 1,
        **later,
        "total": 5 + sum(later.values()),
        "possible": sum(points.values()),
    }


def test_a_notebook_that_raises_still_gets_a_row_and_the_reason_is_logged(chapter3):
    folder, gradebook, log = chapter3
    possible = sum(points_of(folder).values())
    assert gradebook["erin.ipynb"]["3.1"] == 0 and gradebook["erin.ipynb"]["total"] == possible - 1
    assert "erin.ipynb: cell 4 raised NameError: name 'undefined_name' is not defined" in log


def test_answers_copied_from_another_student_fail_the_questions_with_variants(chapter3):
    folder, gradebook, _ = chapter3
    points, row = points_of(folder), gradebook["frank.ipynb"]
    varying = set(read(folder / "autograder" / "variants" / "seeds.json")["frank"])
    assert {"3.3", "3.6"} <= varying and row["3.3"] == 0 and row["3.6"] == 0
    for question in set(points) - varying:  # every question without a variant still scores
        assert row[question] == points[question], question


def test_submissions_that_reach_into_the_grader_are_flagged_for_the_instructor(chapter3):
    log = chapter3[2]
    assert "carol_final.ipynb: WARNING" not in log  # patching the course's checks is harmless, not flagged
    assert "alice.ipynb: WARNING" not in log


def test_variants_differ_per_student_and_the_student_notebooks_hold_no_solutions(chapter3):
    folder = chapter3[0]
    seeds = read(folder / "autograder" / "variants" / "seeds.json")
    assert len({json.dumps(seeds[s], sort_keys=True) for s in ROSTER}) == len(ROSTER)
    for student in ROSTER:
        text = (folder / "student" / student / "03-chinchilla.ipynb").read_text()
        lab_seed = seeds[student]["3.6"]["0"]
        assert f"seed={lab_seed}, graded=True)" in text and "seed=0)" not in text
        assert "BEGIN SOLUTION" not in text and "# SOLUTION" not in text and "Worked solution" not in text
        assert "chinchilla.fit(" not in text  # the lab's worked fit is gone


def test_hidden_values_are_not_in_what_students_get(chapter3):
    folder = chapter3[0]
    tests = (folder / "autograder" / "tests" / "q3_6.py").read_text()
    want = [line.split("=")[1].strip() for line in tests.splitlines() if line.strip().startswith("want =")]
    assert want
    student_side = "".join(p.read_text() for p in (folder / "student").rglob("*.ipynb"))
    student_side += "".join(p.read_text() for p in (ROOT / "scaling").rglob("*.py"))
    assert not any(value in student_side for value in want)


def test_code_that_reaches_into_the_grader_is_flagged(tmp_path):
    path = tmp_path / "x.ipynb"
    cells = [
        code_cell("from otter.execute import Checker\nimport builtins\nbuiltins.abs = len"),
        code_cell("import sys\nframe = sys._getframe(1)\nopen('tests/q1_1.py', 'w')"),
        code_cell("truth = service._law"),
        code_cell("data = open('weights.txt').read()"),
    ]
    write({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, path)
    assert grade_tool.warnings_for(path) == [
        "imports or touches otter",
        "rebinds builtins",
        "reads interpreter frames",
        "reads the lab's hidden law",
        "writes or deletes files",
    ]
    write({"cells": cells[3:], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, path)
    assert grade_tool.warnings_for(path) == []


def test_submission_files_are_matched_to_roster_ids():
    roster = {"ana", "ana-maria", "bo"}
    assert grade_tool.student_id(Path("ana.ipynb"), roster) == "ana"
    assert grade_tool.student_id(Path("ana-maria_late.ipynb"), roster) == "ana-maria"
    assert grade_tool.student_id(Path("ana_v2.ipynb"), roster) == "ana"
    assert grade_tool.student_id(Path("bob.ipynb"), roster) is None


# ---------------------------------------------------------------------------- every chapter


def test_otter_stays_out_of_the_learner_and_test_environments():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert any(r.startswith("otter-grader") for r in extras["grade"])
    for name in ("test", "lab"):
        assert not any("otter" in r for r in extras[name]), f"otter-grader is in the {name} extra"
    assert "otter" not in (ROOT / "environment.yml").read_text()
    assert "otter" not in (ROOT / "constraints.txt").read_text()


@pytest.fixture(scope="module")
def chapter1(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    return out, build("01", out)


def test_the_masters_use_otter_markers_that_otter_assign_strips(chapter1):
    """The README's claim: the solution markers are otter-grader's, and otter assign removes every solution."""
    folder = chapter1[1]
    student = read(folder / "student" / "01-power-laws.ipynb")
    code = ["".join(c["source"]) for c in student["cells"] if c["cell_type"] == "code"]
    master = (ROOT / "solutions" / "01-power-laws.md").read_text()
    assert "# BEGIN SOLUTION" in master and "# SOLUTION" in master
    assert not any("SOLUTION" in c for c in code)
    assert "answer_1_1 = ..." in code and any(c.startswith("def fit_loglog(x, y):\n    ...") for c in code)
    assert not any("Worked solution" in "".join(c["source"]) for c in student["cells"])
    assert (folder / "autograder" / "autograder.zip").exists()


def test_a_submission_that_never_ends_is_stopped_and_still_gets_a_row(chapter1, tmp_path):
    out, folder = chapter1
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    pid_file = tmp_path / "pids.txt"
    stuck = read(folder / "student" / "01-power-laws.ipynb")
    stuck["cells"].insert(
        2,
        code_cell(
            f"import os, subprocess, time\nchild = subprocess.Popen(['sleep', '600'])\n"
            f"open({str(pid_file)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
            "while True:\n    time.sleep(0.05)"
        ),
    )
    write(stuck, submissions / "stuck.ipynb")
    run("tools/grade.py", "01", str(submissions), "--out", str(out), "--timeout", "15")
    gradebook = (folder / "gradebook.csv").read_text().splitlines()
    points = points_of(folder)
    assert gradebook[1] == "stuck.ipynb," + ",".join("0" for _ in points) + f",0,{sum(points.values()):g}"
    assert "stuck.ipynb: timed out after 15 s: graded 0" in (folder / "grading.log").read_text()
    for pid in map(int, pid_file.read_text().split()):  # the kernel, and a process the submission started
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text(), f"process {pid} outlived the time-out"


@pytest.mark.skipif(
    not os.environ.get("CI"),
    reason="every chapter is built and graded in CI (.ci/run sets CI); set CI=1 to run it here (about two minutes)",
)
@pytest.mark.parametrize("stem", [m for m in MASTERS if not m.startswith("03")])
def test_every_chapter_solution_scores_full_marks_and_the_stub_zero(stem, tmp_path):
    chapter = stem[:2]
    folder = build(chapter, tmp_path)
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    write(read(folder / "autograder" / f"{stem}.ipynb"), submissions / "solution.ipynb")
    write(read(folder / "student" / f"{stem}.ipynb"), submissions / "stub.ipynb")
    gradebook = grade(chapter, tmp_path, submissions)
    points = read(folder / "autograder" / "points.json")
    assert gradebook["solution.ipynb"]["total"] == gradebook["solution.ipynb"]["possible"] == sum(points.values())
    assert gradebook["stub.ipynb"]["total"] == 0
