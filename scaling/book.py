"""Helpers for the chapters themselves (not science): computed numbers in the prose.

A chapter defines the text of a number in a code cell, ``alpha_text = shown(fit.alpha, ".2f")``,
and the prose names it with an inline expression, ``{eval}`alpha_text` ``. Two readers see it:

* JupyterLab (jupyterlab-myst) evaluates the expression in the kernel when the markdown cell
  runs, and before anything runs it shows the value stored in the cell's ``user_expressions``
  metadata by ``tools/book/execute_notebooks.py``;
* the web book renders the same stored value (``_ext/stored_eval.py``), so it never runs a
  chapter twice.

``shown`` returns a :class:`Shown`, a ``str`` whose display is the bare text (no quotes), so the
expression's ``text/plain`` result is exactly what the sentence should read.
"""

from __future__ import annotations

import re

from ._validate import shown as described


class Shown(str):
    """Text of a number for the prose: a ``str`` that displays without quotes.

    ``repr`` stays the ordinary quoted one (debugging), while IPython's display, which builds
    the ``text/plain`` of an inline expression, prints the bare text.
    """

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def shown(value, fmt: str | None = None) -> Shown:
    """The text of ``value`` for a sentence, formatted with ``fmt`` (for example ".2f", ",", ".0%").

    Without ``fmt`` the value's own ``str`` is used (for text such as "70B").
    Used in every chapter.
    """
    if fmt is None:
        return Shown(value)
    try:
        return Shown(format(value, fmt))
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int too large for a float format
        raise ValueError(
            f"Cannot format {described(value)} with the format {described(fmt)} for the prose: give a number "
            "within floating-point range and a format such as '.2f', ',' or '.0%'."
        ) from None


# The inline role as jupyterlab-myst and MyST read it: {eval}`expression`.
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")


def eval_expressions(markdown: str) -> list[str]:
    """The ``{eval}`` expressions of one markdown cell, in order, each once."""
    return list(dict.fromkeys(match.strip() for match in EVAL_ROLE.findall(markdown)))
