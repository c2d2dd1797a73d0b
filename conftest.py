"""Root conftest: hooks that must reach the nbval items of notebooks/ (tests/conftest.py only reaches tests/)."""

import pytest

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
            assert now[entry["expression"]] == then, (
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
