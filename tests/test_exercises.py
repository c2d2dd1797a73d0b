"""Every exercise check is real: it passes on the worked solution, reads "not answered" on the
student stub, and fails on blanks and on near-misses. The student notebooks are up to date."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
import nbformat
import numpy as np
import pytest

import scaling.exercises as exercises

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_exercises  # noqa: E402

MASTERS = sorted((ROOT / "solutions").glob("[0-9][0-9]-*.md"))


def run_cells(notebook, monkeypatch) -> dict[str, object]:
    """Execute a notebook's code cells in-process; return {exercise id: answer} from its check calls."""
    answers: dict[str, object] = {}

    def record(exercise_id, answer):
        answers[exercise_id] = answer

    monkeypatch.setattr(exercises, "check", record)
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "<exercise cell>", "exec"), namespace)
    return answers


@pytest.fixture(scope="module", params=MASTERS, ids=lambda p: p.stem)
def master(request):
    return request.param


def chapter_ids(master: Path) -> set[str]:
    chapter = str(int(master.stem[:2]))
    exercises.grade  # noqa: B018 (load the registry)
    exercises._load_chapters()
    return {k for k in exercises.EXERCISES if k.split(".")[0] == chapter}


def test_every_check_passes_on_the_solution(master, monkeypatch):
    answers = run_cells(jupytext.read(master), monkeypatch)
    assert set(answers) == chapter_ids(master), "the solution notebook must answer every registered exercise"
    for exercise_id, answer in answers.items():
        verdict = exercises.grade(exercise_id, answer)
        assert verdict.passed, f"{exercise_id}: {verdict.message}"


def test_every_check_reads_unanswered_on_the_student_notebook(master, monkeypatch):
    student = nbformat.reads(make_exercises.student_notebook(master), as_version=4)
    answers = run_cells(student, monkeypatch)
    assert set(answers) == chapter_ids(master)
    for exercise_id, answer in answers.items():
        verdict = exercises.grade(exercise_id, answer)
        assert verdict.status == "unanswered", f"{exercise_id} on the stub: {verdict.message}"


def perturbations(answer):
    """Near-misses of a correct answer: scaled numbers, wrapped functions, other letters."""
    if isinstance(answer, str):
        return [letter for letter in "abcde" if letter != answer.strip().lower()]
    if callable(answer):
        return [lambda *args, f=answer, k=k: scale(f(*args), k) for k in (2.0, 1.1)]
    return [scale(answer, k) for k in (2.0, 0.5, 1.1, 0.9)]


def scale(value, factor):
    if isinstance(value, tuple):
        return tuple(scale(v, factor) for v in value)
    return np.asarray(value, dtype=float) * factor if np.ndim(value) else float(value) * factor


def test_near_misses_fail(master, monkeypatch):
    answers = run_cells(jupytext.read(master), monkeypatch)
    for exercise_id, answer in answers.items():
        for wrong in perturbations(answer):
            verdict = exercises.grade(exercise_id, wrong)
            assert verdict.status == "fail", f"{exercise_id} accepted a near-miss: {verdict.message}"


@pytest.mark.parametrize("blank", [..., None, 0, "", float("nan"), [], "1e9"])
def test_blanks_never_pass(blank):
    exercises._load_chapters()
    for exercise_id in exercises.EXERCISES:
        assert not exercises.grade(exercise_id, blank).passed, f"{exercise_id} passed {blank!r}"


def test_check_prints_one_line(capsys):
    exercises.check("1.1", ...)
    exercises.check("1.1", 400.0)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("⏳ Exercise 1.1: not answered yet")
    assert lines[1].startswith("❌ Exercise 1.1:") and "too large" in lines[1]


def test_a_failing_student_function_is_reported_not_raised():
    def broken(x, y):
        raise ZeroDivisionError("oops")

    verdict = exercises.grade("1.3", broken)
    assert verdict.status == "fail" and "ZeroDivisionError" in verdict.message


def test_unknown_exercise_is_a_clear_error():
    with pytest.raises(ValueError, match="There is no exercise '9.9'; the exercises are 1.1"):
        exercises.grade("9.9", 1)


def test_generated_exercises_are_up_to_date():
    targets = make_exercises.targets()
    assert targets, "no exercise masters found"
    for path, text in targets.items():
        assert path.exists() and path.read_text() == text, f"{path.name} is stale: run `make notebooks`"


def test_student_notebooks_hold_no_solution():
    for path in make_exercises.targets():
        text = path.read_text()
        assert "SOLUTION" not in text and "Worked solution" not in text


def test_strip_solution_markers():
    source = "x = 1  # SOLUTION\nprint(2)  # SOLUTION\ndef f():\n    # BEGIN SOLUTION\n    return 3\n    # END SOLUTION\ny = 4"
    assert make_exercises.strip_solution(source) == "x = ...\ndef f():\n    ...\ny = 4"


# --- The student notebook against its master, both ways --------------------------------------
# These read the master's text line by line, independently of the generator's cell handling,
# so a generator that loses a prompt (or leaks a solution) cannot agree with itself.


def master_parts(master: Path) -> tuple[list[str], list[str], list[str]]:
    """(markdown lines a student must see, worked-solution lines, solution code) of a master.

    Blank lines and fences are left out; everything is stripped of surrounding spaces.
    """
    prose, worked, solution_code = [], [], []
    lines = master.read_text().splitlines()
    body = lines[lines.index("---", 1) + 1 :]  # after the YAML front matter
    in_code = in_worked = in_solution = False
    for line in body:
        text = line.strip()
        if in_code:
            if text == "```":
                in_code = in_solution = False
            elif text in ("# BEGIN SOLUTION", "# END SOLUTION"):
                in_solution = text == "# BEGIN SOLUTION"
            elif in_solution or text.endswith("# SOLUTION"):
                solution_code.append(
                    text.removesuffix("# SOLUTION").split("=", 1)[-1].strip() if not in_solution else text
                )
        elif in_worked:
            if text == "```":
                in_worked = False
            elif text and not text.startswith(":class:"):
                worked.append(text)
        elif text.startswith("```{code-cell}"):
            in_code = True
        elif text.startswith("```") and "worked solution" in text.lower():
            in_worked = True
        elif text and text != "+++":
            prose.append(text)
    return prose, worked, [c for c in solution_code if len(c) >= 6]


def student_cells(master: Path) -> tuple[list[str], str]:
    """(markdown lines, code text) of the committed student notebook for a master."""
    notebook = nbformat.read(ROOT / "exercises" / f"{master.stem}.ipynb", as_version=4)
    markdown = [
        line.strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.strip()
    ]
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    return markdown, code


def test_student_notebook_keeps_every_prompt_line_in_order(master):
    prose, _, _ = master_parts(master)
    markdown, _ = student_cells(master)
    assert len(prose) > 10, f"{master.name}: the master parser found almost no prose"
    position = 0
    for line in prose:
        try:
            position = markdown.index(line, position) + 1
        except ValueError:
            pytest.fail(f"{master.stem}: the student notebook lost (or reordered) this line: {line!r}")


def test_student_notebook_keeps_every_heading_and_check(master):
    text = master.read_text()
    headings = re.findall(r"^## (\d+\.\d+) ", text, flags=re.M)
    checks = re.findall(r"^check\(\"(\d+\.\d+)\"", text, flags=re.M)
    markdown, code = student_cells(master)
    assert headings, f"{master.name} has no '## N.M' exercise headings"
    assert headings == [re.match(r"## (\d+\.\d+) ", line)[1] for line in markdown if re.match(r"## \d+\.\d+ ", line)]
    assert checks == re.findall(r"^check\(\"(\d+\.\d+)\"", code, flags=re.M)


def test_student_notebook_leaks_no_worked_solution_or_solution_code(master):
    _, worked, solution_code = master_parts(master)
    markdown, code = student_cells(master)
    assert worked, f"{master.name}: no worked solution found by the master parser"
    shown = set(markdown)
    leaked = [line for line in worked if line in shown]
    assert not leaked, f"{master.stem}: worked-solution text in the student notebook: {leaked[:3]}"
    leaked_code = [line for line in solution_code if line in code]
    assert not leaked_code, f"{master.stem}: solution code in the student notebook: {leaked_code[:3]}"


def test_worked_solution_is_cut_out_of_a_merged_cell():
    merged = (
        "Intro line.\n\n```{admonition} Worked solution\n:class: dropdown\nThe answer is 42.\n```\n\n"
        "## 1.2 Next question\n\nWhat is 6 x 7?\n\n:::{dropdown} Worked solution\nStill 42.\n:::\n\nTail."
    )
    assert make_exercises.strip_worked_solutions(merged) == (
        "Intro line.\n\n## 1.2 Next question\n\nWhat is 6 x 7?\n\nTail."
    )


def test_an_unclosed_worked_solution_is_a_clear_error():
    with pytest.raises(ValueError, match="never closed"):
        make_exercises.strip_worked_solutions("```{admonition} Worked solution\nOops, no fence.")


def test_no_expected_value_is_loaded_inside_the_grading_sandbox():
    """tools/sandbox.py sets SCALING_GRADING=1: a submission can then neither ask a declaration for its
    expected value (EXERCISES["3.8"].expected()) nor get a verdict from check; the chapters' data
    helpers (ch03.fixed_family_study) still import, as the handed-out notebooks need them."""
    import subprocess
    import sys

    probe = (
        "import scaling.exercises as ex\n"
        "ex.check('3.8', 1.0)\n"
        "print('declared', len(ex.declared()))\n"
        "from scaling.exercises import ch03\n"
        "print('helper', len(ch03.fixed_family_study()[0]), 'registered', len(ex.EXERCISES))\n"
    )
    env = {**__import__("os").environ, "SCALING_GRADING": "1"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert "checks are off while your notebook is graded" in out
    assert "declared 0" in out
    assert "registered 0" in out and "helper 63" in out
