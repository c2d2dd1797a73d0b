"""Execute the chapters and write them, with outputs, to notebooks/ (run by `make notebooks`).

Each book/NN-slug.md is read with jupytext, executed in a fresh python3 kernel with
nbclient, and written to notebooks/NN-slug.ipynb. `make notebooks` then runs
`jupytext --sync` so the files are byte-for-byte what the sync gate expects.

Prose numbers: when execution reaches a markdown cell, its ``{eval}`expr` `` expressions are
evaluated in the kernel at that point (after the code above it, before the code below it, as
JupyterLab does when a reader runs the notebook top to bottom) and stored in the cell's
``user_expressions`` metadata, in jupyterlab-myst's own format
(``[{"expression": ..., "result": {"status": "ok", "data": {"text/plain": ...}, "metadata": {}}}]``).
JupyterLab shows those values when the notebook is opened, and the web book renders them
(``_ext/stored_eval.py``). An expression that fails, or one that means two different
things in the same chapter, stops the run with a message naming it.

Widget state is dropped before writing: widgets need a live kernel anyway, and their
state would make every run differ. (It is recorded during execution because nbclient
0.10-0.11 fails on Output widgets with store_widget_state=False.) A widget output keeps its
view but its text, which JupyterLab shows until the cell runs (``VBox(children=(HBox(...``),
becomes a sentence telling the reader to run the cell; tests/nbval-sanitize.cfg maps the live
repr to the same sentence.

Regenerating an unchanged chapter rewrites nothing: cells keep the ids of the notebook they
replace (tools/cell_ids.py), nbclient's per-cell execution timestamps are not recorded, widget
views get model ids derived from their rank (scaling.widgets, in the kernel, so a learner's run in
JupyterLab writes the same ids), and consecutive prints to one stream are
stored as one output (the kernel splits them into messages by timing).

Last, the notebook is written as a learner opens it (tools/learner_notebooks.py: citations and
glossary terms written out, plumbing collapsed, navigation); `jupytext --sync` undoes that for the
markdown, and tools/make_exercises.py, the last step of `make notebooks`, does it again.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import jupytext
import learner_notebooks
from cell_ids import keep_cell_ids, previous_cells
from nbclient import NotebookClient

from scaling import widgets as scaling_widgets
from scaling.book import EVAL_ROLE

ROOT = Path(__file__).resolve().parent.parent
METADATA_KEY = "user_expressions"  # jupyterlab-myst's cell metadata section


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: What a widget output reads before its cell runs; the kernel writes it too (scaling.widgets).
RUN_FOR_CONTROLS = scaling_widgets.RUN_FOR_CONTROLS


class ExpressionError(RuntimeError):
    """An {eval} expression that cannot be stored."""


def stored_expressions(markdown: str) -> list[str]:
    """The ``{eval}`` expressions of a markdown cell as jupyterlab-myst lists them in the cell's
    metadata: every occurrence, in order (an expression used twice is listed twice)."""
    return EVAL_ROLE.findall(markdown)


class ProseClient(NotebookClient):
    """An nbclient that also evaluates each markdown cell's {eval} expressions where they stand."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "markdown":
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        # Every occurrence, in order, as jupyterlab-myst stores them when the learner runs the
        # notebook (so that saving it after a run changes nothing).
        expressions = stored_expressions(cell.source)
        cell.metadata.pop(METADATA_KEY, None)
        if expressions:
            cell.metadata[METADATA_KEY] = await self.evaluate(expressions, cell_index)
        return cell

    async def evaluate(self, expressions: list[str], cell_index: int) -> list[dict]:
        """jupyterlab-myst's user_expressions metadata for these expressions, from the kernel."""
        request = {str(i): expression for i, expression in enumerate(expressions)}
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions=request)
        reply = await self.async_wait_for_reply(msg_id)
        results = reply["content"]["user_expressions"]
        stored = []
        for key, expression in request.items():
            result = results[key]
            if result["status"] != "ok":
                raise ExpressionError(
                    f"markdown cell {cell_index}: {{eval}}`{expression}` failed with "
                    f"{result['ename']}: {result['evalue']}. Define it in a code cell above."
                )
            stored.append(
                {
                    "expression": expression,
                    "result": {"status": "ok", "data": {"text/plain": result["data"]["text/plain"]}, "metadata": {}},
                }
            )
        return stored


def check_consistent(notebook, name: str) -> None:
    """Refuse an expression that reads differently in two places of one chapter (the web book
    looks values up by expression)."""
    seen: dict[str, str] = {}
    for cell in notebook.cells:
        for item in cell.metadata.get(METADATA_KEY, []):
            text = item["result"]["data"]["text/plain"]
            if seen.setdefault(item["expression"], text) != text:
                raise ExpressionError(
                    f"{name}: {{eval}}`{item['expression']}` reads {seen[item['expression']]} in one "
                    f"place and {text} in another; give the two numbers different names."
                )


def describe_widgets(notebook) -> None:
    """Replace the text of every widget output (a repr such as ``VBox(children=...)``, all a reader
    sees before running the cell) with RUN_FOR_CONTROLS; the widget view itself is kept."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"]["text/plain"] = RUN_FOR_CONTROLS


def merge_streams(notebook) -> None:
    """Join consecutive outputs to the same stream (stdout or stderr) into one.

    How a cell's printing is cut into messages depends on when the kernel flushes, so the same
    text can arrive as one output or two; stored joined, it reads the same on every run.
    """
    for cell in notebook.cells:
        merged = []
        for output in cell.get("outputs", []):
            last = merged[-1] if merged else {}
            if (
                output.get("output_type") == "stream"
                and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")
            ):
                last["text"] = "".join(last["text"]) + "".join(output["text"])
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged


#: One BLAS/OpenMP thread in every kernel: sums split over threads round differently (the random-
#: feature sweeps move by ~4e-14 between 1 and 2 threads), and committed outputs must not depend on
#: the machine. The Makefile and tests/conftest.py set the same variables. See CONTRIBUTING.md.
PINNED_THREADS = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
os.environ.update(PINNED_THREADS)  # kernels inherit this process's environment


def notebook_sources() -> list[Path]:
    """The pages of book/ that are notebooks (a jupytext header): chapters and appendix pages."""
    return sorted(p for p in (ROOT / "book").glob("*.md") if p.read_text().startswith("---\njupytext:"))


def execute(source: Path, out_dir: Path = ROOT / "notebooks") -> float:
    """Execute one chapter and write its notebook into ``out_dir``; return the seconds it took."""
    notebook = jupytext.read(source)
    target = out_dir / f"{source.stem}.ipynb"
    keep_cell_ids(notebook.cells, previous_cells(target))
    start = time.perf_counter()
    ProseClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        record_timing=False,
        resources={"metadata": {"path": str(ROOT / "notebooks")}},
    ).execute()
    elapsed = time.perf_counter() - start
    check_consistent(notebook, source.name)
    notebook.metadata.pop("widgets", None)
    describe_widgets(notebook)
    merge_streams(notebook)
    learner_notebooks.learner_notebook(
        notebook, source.stem, out_dir, learner_notebooks.chapter_navigation(source.stem)
    )
    jupytext.write(notebook, target, fmt="ipynb")
    return elapsed


def main(paths: list[str]) -> None:
    sources = [Path(p) for p in paths] or notebook_sources()
    for source in sources:
        print(f"executing {source.name} ... {execute(source):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
