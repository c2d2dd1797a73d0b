"""Read an exercise master (solutions/NN-*.md) into questions, and solve it.

Shared by tools/grading/make_assignment.py (which writes otter-grader assignments). It runs in the
grading environment (.venv-grade), never in the learners' one.

A master is a MyST notebook: a title and a set-up cell, then one ``## N.M Title`` heading per
question, its prompt, the answer cell(s), a ``check("N.M", answer)`` cell and an optional
"Worked solution" admonition. jupytext merges consecutive markdown into one cell (a worked
solution and the next question's heading arrive together), so markdown cells are split here at
every ``## `` heading and around every admonition.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat

HEADING = re.compile(r"^## (\d+\.\d+)\b")
SEED = re.compile(r"\bseed=(\d+)\b")


@dataclass
class Question:
    """One exercise of a master: its id ("3.6"), cells, and the global its check reads."""

    exercise_id: str
    cells: list = field(default_factory=list)

    @property
    def check_cell(self):
        return next(c for c in self.cells if c.cell_type == "code" and check_call(c.source))

    @property
    def answer_name(self) -> str:
        """The global the check reads (``answer_1_1``, ``fit_loglog``)."""
        return check_call(self.check_cell.source)[1]

    @property
    def seeds(self) -> list[int]:
        """The literal seeds (``seed=7``) this question's code uses, in order of appearance, once each."""
        found = []
        for cell in self.cells:
            if cell.cell_type == "code":
                found += [int(s) for s in SEED.findall(cell.source) if int(s) not in found]
        return found


def check_call(source: str):
    """(exercise id, answer name) of a cell that is one ``check("N.M", name)`` call, else None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "check" and len(call.args) == 2):
        return None
    exercise_id, answer = call.args
    if not (isinstance(exercise_id, ast.Constant) and isinstance(answer, ast.Name)):
        raise ValueError(f"A check cell must read check('N.M', name); got {source!r}.")
    return exercise_id.value, answer.id


def is_worked_solution(cell) -> bool:
    return cell.cell_type == "markdown" and cell.source.lstrip().startswith("```{admonition} Worked solution")


def split_markdown(source: str) -> list[str]:
    """Split a markdown cell at ``## `` headings and around fenced admonitions."""
    parts, current, fence = [], [], None
    for line in source.splitlines():
        if fence is None and line.startswith("```{admonition}"):
            parts.append(current)
            current, fence = [line], line[: len(line) - len(line.lstrip("`"))]
            continue
        if fence is not None:
            current.append(line)
            if line.strip() == fence:
                parts.append(current)
                current, fence = [], None
            continue
        if HEADING.match(line):
            parts.append(current)
            current = []
        current.append(line)
    parts.append(current)
    return ["\n".join(p).strip("\n") for p in parts if "\n".join(p).strip()]


def read_master(path: Path) -> tuple[nbformat.NotebookNode, list, list[Question]]:
    """The master notebook, its preamble cells (title, set-up) and its questions, in order."""
    notebook = jupytext.read(path)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cells += [nbformat.v4.new_markdown_cell(part) for part in split_markdown(cell.source)]
        else:
            cells.append(cell)
    preamble, questions = [], []
    for cell in cells:
        match = HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if match:
            questions.append(Question(match.group(1)))
        (questions[-1].cells if questions else preamble).append(cell)
    for question in questions:
        checked = check_call(question.check_cell.source)[0]
        if checked != question.exercise_id:
            raise ValueError(f"{path.name}: question {question.exercise_id} checks exercise {checked}.")
    return notebook, preamble, questions


def with_seeds(source: str, seeds: dict[int, int], after: str = "") -> str:
    """``source`` with every ``seed=K`` replaced by ``seed=seeds[K]`` and then ``after`` (other seeds untouched)."""

    def substitute(match) -> str:
        seed = int(match.group(1))
        return f"seed={seeds[seed]}{after}" if seed in seeds else match.group(0)

    return SEED.sub(substitute, source)


def solve(
    preamble: list,
    questions: list[Question],
    *,
    seeds: dict[str, dict[int, int]] | None = None,
    only: set[str] | None = None,
    transform=None,
) -> dict[str, object]:
    """Run the master's code (solutions included) and return {exercise id: the answer its check receives}.

    ``seeds`` maps an exercise id to the seed substitutions of a student's variant, or
    ``transform(exercise_id, source)`` rewrites each code cell; ``only`` restricts the run to the
    set-up cells and those questions.
    """
    answers: dict[str, object] = {}
    namespace: dict = {}

    def record(exercise_id, answer):
        answers[exercise_id] = answer

    import scaling.exercises

    original = scaling.exercises.check
    scaling.exercises.check = record
    try:
        for cell in preamble:
            if cell.cell_type == "code":
                exec(compile(cell.source, "<master set-up>", "exec"), namespace)
        for question in questions:
            if only is not None and question.exercise_id not in only:
                continue
            substitutions = (seeds or {}).get(question.exercise_id, {})
            for cell in question.cells:
                if cell.cell_type == "code":
                    source = (
                        transform(question.exercise_id, cell.source)
                        if transform
                        else with_seeds(cell.source, substitutions)
                    )
                    exec(compile(source, f"<exercise {question.exercise_id}>", "exec"), namespace)
    finally:
        scaling.exercises.check = original
    return answers
