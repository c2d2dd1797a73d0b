"""Run one submitted notebook inside the grading sandbox and record its answers (no tests here).

    python sandbox_run.py SPEC.json NOTEBOOK.ipynb ANSWERS.json STATUS.json TIMEOUT

tools/grading/grade.py starts this inside the sandbox (tools/grading/sandbox.py): a throwaway folder holding
only the notebook and SPEC (the names to record and the inputs to call function answers on,
never an expected value). Each code cell runs in a fresh kernel with TIMEOUT seconds; after
every cell the kernel itself writes the answers defined so far to ANSWERS (numbers, strings,
sequences of them, the lab service's identity, and each function answer's outputs on the SPEC
inputs), so answers given before a cell that hangs still count. The first cell that times out
ends the run. STATUS says which cells raised and which timed out; all of it is data written by
a process the submission shares, so tools/grading/grade.py treats it as the submission's own claims and
checks answers in a separate process that never runs student code.
"""

from __future__ import annotations

import json
import sys

#: Run in the kernel after each cell: write the recorded answers (the spec's names) as JSON.
RECORD = r"""
def __scaling_record(spec_path, out_path):
    import json, math, os
    spec = json.load(open(spec_path))
    g = globals()

    def enc(value, depth=0):
        if depth > 3:
            return {"__unrecordable__": "nested too deep"}
        if isinstance(value, str):
            return value[:1000]
        if type(value).__name__ == "TrainingService":
            key = getattr(value, "_key", None)
            runs = getattr(value, "runs", ())
            return {"__service__": {"key": enc(list(key) if isinstance(key, tuple) else None, depth + 1),
                                    "runs": len(runs) if hasattr(runs, "__len__") else 0}}
        if hasattr(value, "tolist") and not callable(getattr(value, "__call__", None)):
            value = value.tolist()
        if isinstance(value, (bool, int, float)):
            return float(value)
        if isinstance(value, (list, tuple)):
            return [enc(v, depth + 1) for v in list(value)[:1000]]
        try:
            return float(value)
        except Exception:
            return {"__unrecordable__": type(value).__name__}

    answers = {}
    for name in spec["names"]:
        if name not in g:
            continue
        value = g[name]
        if callable(value) and type(value).__name__ != "TrainingService":
            import numpy
            from scaling.chinchilla import ChinchillaLaw
            outputs = {}
            for args in spec["calls"].get(name, []):
                try:
                    outputs[args] = enc(value(*eval(args, {"numpy": numpy, "ChinchillaLaw": ChinchillaLaw})))
                except BaseException as error:  # a submission's function may raise anything
                    outputs[args] = {"__raised__": type(error).__name__}
            answers[name] = {"__calls__": outputs}
        else:
            answers[name] = enc(value)
    tmp = out_path + ".tmp"
    with open(tmp, "w") as handle:
        json.dump(answers, handle)
    os.replace(tmp, out_path)

__scaling_record(SPEC_PATH, ANSWERS_PATH)
del __scaling_record
"""


def main(spec: str, notebook_path: str, answers: str, status_path: str, timeout: float) -> None:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    notebook = nbformat.read(notebook_path, as_version=4)
    cells = [(i, c) for i, c in enumerate(notebook.cells, start=1) if c.cell_type == "code"]
    record = nbformat.v4.new_code_cell(RECORD.replace("SPEC_PATH", repr(spec)).replace("ANSWERS_PATH", repr(answers)))
    status = {"started": False, "errors": [], "timed_out": None, "kernel_died": None, "finished": False}

    def save() -> None:
        with open(status_path, "w") as handle:
            json.dump(status, handle)

    client = NotebookClient(notebook, timeout=timeout, allow_errors=True, kernel_name="python3")
    save()
    with client.setup_kernel():
        status["started"] = True
        save()
        for index, cell in cells:
            try:
                client.execute_cell(cell, index - 1)
                for output in cell.get("outputs", []):
                    if output.get("output_type") == "error":
                        status["errors"].append([index, f"{output.get('ename')}: {output.get('evalue')}"[:300]])
                client.execute_cell(record, index - 1)
            except CellTimeoutError:
                status["timed_out"] = index
                break
            except DeadKernelError:
                status["kernel_died"] = index
                break
            finally:
                save()
        else:
            status["finished"] = True
        save()


if __name__ == "__main__":
    main(*sys.argv[1:5], float(sys.argv[5]))
