"""Asking a running kernel for the values of {eval} expressions, without running a cell.

Jupyter's ``user_expressions``: an empty, silent execute request carries the expressions, and the
reply carries one result per expression (``status`` "ok" with ``data``, or ``ename``/``evalue``).
Used by tools/book/execute_notebooks.py (storing each chapter's prose numbers) and the root
conftest.py (nbval checks that the stored numbers still read the same); each waits for the reply
its own way (nbclient is asynchronous, nbval's kernel is not).
"""

from __future__ import annotations


def ask(kernel_client, expressions: list[str]) -> tuple[str, dict[str, str]]:
    """Send ``expressions``; return the message id to wait for and the request ({key: expression})."""
    request = {str(i): expression for i, expression in enumerate(expressions)}
    msg_id = kernel_client.execute("", silent=True, store_history=False, user_expressions=request)
    return msg_id, request


def answers(request: dict[str, str], reply: dict) -> list[tuple[str, dict]]:
    """(expression, the kernel's result) for each expression of ``request``, in order."""
    results = reply["content"]["user_expressions"]
    return [(expression, results[key]) for key, expression in request.items()]


def as_text(result: dict) -> str:
    """A result's text/plain, or its error as "Name: message"."""
    if result["status"] == "ok":
        return result["data"]["text/plain"]
    return f"{result['ename']}: {result['evalue']}"
