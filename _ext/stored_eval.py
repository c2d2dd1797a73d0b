"""Sphinx extension: render ``{eval}`expr` `` from the values stored in the notebook being built.

The chapters' prose numbers are inline ``{eval}`` expressions (see CONTRIBUTING.md).
``tools/book/execute_notebooks.py`` evaluates them while it executes a chapter and stores each
result in the markdown cell's ``user_expressions`` metadata, the format jupyterlab-myst reads.
myst-nb's own ``{eval}`` role needs a live kernel (execution mode "inline", which would run every
chapter again at build time); this role replaces it and reads the stored value instead.
An expression with no stored value is a build warning, which ``--warningiserror`` makes an error:
run `make notebooks`.

Registered in _config.yml (``sphinx.local_extensions``). Used by every chapter.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from docutils import nodes

QUOTED = re.compile(r"^(['\"])(.*)\1$", re.S)


@lru_cache(maxsize=64)
def stored_values(path: str, mtime: float) -> dict[str, str]:
    """{expression: text} of every stored {eval} result in one notebook (mtime keys the cache)."""
    values: dict[str, str] = {}
    if not path.endswith(".ipynb"):
        return values
    notebook = json.loads(Path(path).read_text())
    for cell in notebook.get("cells", []):
        for item in cell.get("metadata", {}).get("user_expressions", []):
            result = item.get("result", {})
            if result.get("status") == "ok" and "text/plain" in result.get("data", {}):
                text = result["data"]["text/plain"]
                text = "".join(text) if isinstance(text, list) else text
                # A plain str result comes back quoted: strip the quotes, as jupyterlab-myst and myst-nb do.
                values[item["expression"]] = QUOTED.sub(r"\2", text)
    return values


def stored_eval_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """The text stored for this expression in the current notebook, as an inline node."""
    env = inliner.document.settings.env
    path = Path(env.doc2path(env.docname))
    expression = text.strip()
    values = stored_values(str(path), path.stat().st_mtime) if path.exists() else {}
    if expression not in values:
        message = inliner.reporter.warning(
            f"{{eval}}`{expression}` has no stored value in {path.name}: run `make notebooks` "
            "(tools/book/execute_notebooks.py stores every {eval} result).",
            line=lineno,
        )
        return [nodes.problematic(rawtext, rawtext)], [message]
    value = values[expression]
    return [nodes.inline(value, value, classes=["pasted-text", "eval-text"])], []


def setup(app):
    # myst-nb registers its kernel-bound {eval} role in its own setup; this one replaces it.
    app.add_role("eval", stored_eval_role, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
