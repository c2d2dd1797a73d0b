"""Write the student notebooks exercises/*.ipynb from the masters solutions/*.md.

Run by `make notebooks`; a test fails when exercises/ is stale. The markers are the ones
otter-grader uses, so an instructor can move to it:

* lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become one ``...`` line;
* ``name = expression  # SOLUTION`` becomes ``name = ...``; any other line ending in
  ``# SOLUTION`` is dropped;
* a "Worked solution" block (an admonition or dropdown whose title says "Worked solution",
  fenced with backticks or colons) is cut out of its markdown cell, and only the block:
  jupytext merges consecutive markdown into one cell, so the same cell often goes on with
  the next heading and prompt, which the student must keep. A cell left empty is dropped.

Cells keep the ids of the student notebook they replace (tools/cell_ids.py), so a new
exercise changes no other cell's id. As in the chapters (tools/learner_notebooks.py), citations
and glossary terms are written out, plumbing cells are collapsed, and a last cell links back to
the chapter. A stub of a one-letter answer (``answer = "b"  # SOLUTION``) says to type the letter
in quotes: without them Python stops at the name before the check can say anything.

Last, it finishes notebooks/ for learners (tools/learner_notebooks.py), so the recipe
"execute, sync, make_exercises" leaves every generated notebook as a learner opens it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
import learner_notebooks
import nbformat
from cell_ids import keep_cell_ids, previous_cells

ROOT = Path(__file__).resolve().parent.parent
ASSIGNMENT = re.compile(r"^(\s*[\w\[\], ]+?\s*=)\s*(.+?)\s*#\s*SOLUTION\s*$")
#: A worked answer that is one letter in quotes: a multiple-choice question.
LETTER = re.compile(r"""^(["'])[a-z]\1$""")
LETTER_HINT = '  # a letter in quotes, such as "a"'


def strip_solution(source: str) -> str:
    """The student version of one code cell's source."""
    lines, inside, kept = source.splitlines(), False, []
    for line in lines:
        stripped = line.strip()
        if stripped == "# BEGIN SOLUTION":
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            kept.append(f"{indent}...")
        elif stripped == "# END SOLUTION":
            inside = False
        elif inside:
            continue
        elif line.rstrip().endswith("# SOLUTION"):
            match = ASSIGNMENT.match(line)
            if match:
                hint = LETTER_HINT if LETTER.match(match.group(2)) else ""
                kept.append(f"{match.group(1)} ...{hint}")
        else:
            kept.append(line)
    if inside:
        raise ValueError("A '# BEGIN SOLUTION' has no matching '# END SOLUTION'.")
    return "\n".join(kept).rstrip()  # no blank lines left where stripped lines ended a cell


FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*\{(?P<directive>[\w:-]+)\}\s*(?P<title>.*)$")


def worked_solution_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indices of each "Worked solution" block in markdown lines, inclusive.

    A block opens with a directive fence (```` ```{admonition} Worked solution ```` or
    ``:::{dropdown} Worked solution``) and closes at the next line made only of the same fence
    character, at least as long; fences nested inside it must be shorter, as MyST requires.
    """
    spans, index = [], 0
    while index < len(lines):
        match = FENCE.match(lines[index].strip())
        if match and "worked solution" in match["title"].lower():
            fence = match["fence"]
            close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            end = next((j for j in range(index + 1, len(lines)) if close.match(lines[j].strip())), None)
            if end is None:
                raise ValueError(f"A worked solution opened with {fence} is never closed: {lines[index]!r}")
            spans.append((index, end))
            index = end
        index += 1
    return spans


def strip_worked_solutions(markdown: str) -> str:
    """A markdown cell's source without its worked-solution blocks (everything else kept)."""
    lines = markdown.splitlines()
    dropped = {i for first, last in worked_solution_spans(lines) for i in range(first, last + 1)}
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    text = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def student_notebook(master: Path) -> str:
    """The student notebook for one master, as the text of an .ipynb file."""
    notebook = jupytext.read(master)
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = strip_worked_solutions(cell.source)
            if not cell.source.strip():
                continue
        elif cell.cell_type == "code":
            cell.source = strip_solution(cell.source)
            cell.outputs, cell.execution_count = [], None
        cells.append(cell)
    keep_cell_ids(cells, previous_cells(ROOT / "exercises" / f"{master.stem}.ipynb"))
    notebook.cells = cells
    notebook.metadata.pop("jupytext", None)
    learner_notebooks.learner_notebook(
        notebook, master.stem, ROOT / "exercises", learner_notebooks.exercise_navigation(master.stem)
    )
    return nbformat.writes(notebook) + "\n"


def targets() -> dict[Path, str]:
    """Every exercise notebook path with the text it should hold."""
    return {
        ROOT / "exercises" / f"{master.stem}.ipynb": student_notebook(master)
        for master in sorted((ROOT / "solutions").glob("[0-9][0-9]-*.md"))
    }


def main() -> None:
    for path, text in targets().items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    learner_notebooks.main([])
    print("finished notebooks/ for learners (tools/learner_notebooks.py)")


if __name__ == "__main__":
    main()
    sys.exit(0)
