"""Checks for the exercise notebooks: ``check("1.1", answer)``.

A check prints one short line: a pass, "not answered yet" for a stub (``...``), or what
is off (wrong order of magnitude, outside the tolerance, wrong type) without a
traceback. ``grade`` returns the same verdict as an object, for tests.

Each chapter's exercises are declared once, in a module ``chNN.py`` beside this file, with
``declare(Number(...))``, ``declare(Choice(...))`` and so on (see :mod:`scaling.exercises.registry`).
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings

import numpy as np

from .graders import Verdict, shown
from .registry import EXERCISES, grading

__all__ = ["check", "grade", "Verdict", "EXERCISES", "declared"]


def _load_chapters() -> None:
    if grading():  # the sandbox grades from recorded answers; no expected value is loaded (registry.grading)
        return
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("ch"):
            importlib.import_module(f"{__name__}.{module.name}")


def declared() -> dict:
    """Every declared exercise, id → declaration, in the order of the book (1.1, 1.2, ..., 1.10, 2.1)."""
    _load_chapters()
    return dict(sorted(EXERCISES.items(), key=lambda item: tuple(int(p) for p in item[0].split("."))))


def grade(exercise_id: str, answer) -> Verdict:
    """Grade ``answer`` to exercise ``exercise_id`` (for example "1.3") and return a Verdict."""
    if grading():
        return Verdict("unanswered", "checks are off while your notebook is graded; the grader checks every answer.")
    exercises = declared()
    if exercise_id not in exercises:
        raise ValueError(f"There is no exercise {exercise_id!r}; the exercises are {', '.join(exercises)}.")
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return exercises[exercise_id].grade(answer)
    except Exception as error:  # a last net: feedback answers every input with a verdict, never a traceback
        return Verdict(
            "fail",
            f"{shown(answer)} could not be checked ({type(error).__name__}): give the kind of answer the "
            "exercise asks for, a finite number of a sensible size unless it says otherwise.",
        )


def check(exercise_id: str, answer) -> None:
    """Print whether ``answer`` to exercise ``exercise_id`` is right, and if not, what is off."""
    verdict = grade(exercise_id, answer)
    print(f"{verdict.symbol} Exercise {exercise_id}: {verdict.message}")
