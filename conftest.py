"""Root conftest: hooks that must reach the nbval items of notebooks/ (tests/conftest.py only reaches tests/)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))
import output_compare  # noqa: E402

# --- Outputs compared for what they mean ----------------------------------------------------
# nbval compares outputs as strings; a figure re-drawn on another CPU differs in the sixth decimal
# of an SVG coordinate. When nbval reports a difference, tools/output_compare.py looks again with
# a stated tolerance (SVG coordinates within 0.01 pt, printed numbers within a relative 1e-6, PNG
# bytes ignored) and only a difference beyond it fails the cell, with nbval's report and ours.


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("nbval"):
        return
    from nbval.plugin import IPyNbCell
    from nbval.plugin import transform_streams_for_comparison as by_stream

    if getattr(IPyNbCell.compare_outputs, "compares_meaning", False):
        return
    strict = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        if strict(self, test, ref, skip_compare):
            return True
        problem = output_compare.outputs_differ(
            by_stream(test), by_stream(ref), skip_compare or self.parent.skip_compare, self.sanitize
        )
        if problem is None:
            self.comparison_traceback = []
            return True
        self.comparison_traceback.append(f"Beyond the tolerance of tools/output_compare.py: {problem}")
        return False

    compare_outputs.compares_meaning = True
    IPyNbCell.compare_outputs = compare_outputs


# --- Prose numbers: the values stored for {eval} are the ones the code gives today -------------
# nbval re-runs every chapter cell by cell. After each code cell, the markdown cells that follow
# it are evaluated in the same kernel, where JupyterLab would evaluate them, and the results must
# equal the values tools/execute_notebooks.py stored in their metadata (the web book and a
# freshly opened notebook show those). This costs one kernel round trip per markdown cell.


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    if type(item).__name__ == "IPyNbCell":
        check_stored_expressions(item)
    return result


def check_stored_expressions(item) -> None:
    cells = item.parent.nb.cells
    position = next(i for i, cell in enumerate(cells) if cell is item.cell)
    for cell in cells[position + 1 :]:
        if cell.cell_type == "code":
            break
        stored = cell.metadata.get("user_expressions", [])
        if not stored:
            continue
        now = evaluate_in(item.parent.kernel, [entry["expression"] for entry in stored])
        for entry in stored:
            then = entry["result"]["data"]["text/plain"]
            assert output_compare.text_differs(then, now[entry["expression"]]) is None, (
                f"{{eval}}`{entry['expression']}` after {item.name} is stored as {then!r} but now reads "
                f"{now[entry['expression']]!r}: run `make notebooks`."
            )


def evaluate_in(kernel, expressions: list[str]) -> dict[str, str]:
    """{expression: text/plain (or the error)} from nbval's running kernel."""
    request = {str(i): e for i, e in enumerate(expressions)}
    msg_id = kernel.kc.execute("", silent=True, store_history=False, user_expressions=request)
    while True:
        reply = kernel.get_message(stream="shell", timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    results = reply["content"]["user_expressions"]
    return {
        e: (
            results[k]["data"]["text/plain"]
            if results[k]["status"] == "ok"
            else f"{results[k]['ename']}: {results[k]['evalue']}"
        )
        for k, e in request.items()
    }


# --- Markers: `make test-fast` leaves out what is slow or needs another environment ----------
# Whole modules are marked here by file name (so their authors need not remember), every nbval
# cell is slow, and so is every test that needs the built book. Single slow tests carry
# @pytest.mark.slow themselves. The markers are declared in pyproject.toml.
MODULE_MARKS = {
    "test_browser.py": ("browser", "slow"),
    "test_jupyterlab.py": ("lab", "slow"),
    "test_grading.py": ("grading", "slow"),
    "test_book.py": ("slow",),
    "test_colab_start.py": ("slow",),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = MODULE_MARKS.get(item.path.name, ())
        if type(item).__name__ == "IPyNbCell" or "built_book" in getattr(item, "fixturenames", ()):
            names += ("slow",)
        for name in names:
            item.add_marker(getattr(pytest.mark, name))
