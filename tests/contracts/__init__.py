"""The registry of the public API for the contract test (tests/test_contract.py), one file per module.

Every public callable of ``scaling`` (functions and classes, found by walking the package) has
one entry, keyed by ``module.qualname`` of its definition, in the file of its module:
``scaling.<name>`` (a module, or a subpackage such as ``scaling.chinchilla`` with its modules)
in ``tests/contracts/<name>.py``, and ``scaling.widgets.<name>`` / ``scaling.plots.<name>`` in
``tests/contracts/widgets_<name>.py`` / ``plots_<name>.py``. Each file holds ``ENTRIES = {...}``;
this package gathers every file it finds, so a new module adds a file and edits none.
The spec classes (F, Exempt, Num, Fixed, OneOf) and the shared argument specs are in
tests/contracts/specs.py.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from contracts.specs import Exempt
from scaling.exercises.registry import EXERCISES

for _module in pkgutil.iter_modules(importlib.import_module("scaling.exercises").__path__):
    if _module.name.startswith("ch"):  # each chapter's graders register themselves on import
        importlib.import_module(f"scaling.exercises.{_module.name}")

FOLDER = Path(__file__).resolve().parent


def module_of(key: str) -> str:
    """The module that defines ``key`` ("scaling.chinchilla.law.fit" -> "scaling.chinchilla.law")."""
    parts = key.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        return ".".join(parts[:i])
    raise ValueError(f"{key}: no module of scaling defines it")


def file_for(module: str) -> str:
    """The file (relative to the repository) that holds the entries of ``module``."""
    parts = module.split(".")[1:]
    if parts[0] in ("widgets", "plots") and len(parts) > 1:
        name = f"{parts[0]}_{parts[1]}"
    else:
        name = parts[0]
    return f"tests/contracts/{name}.py"


#: Every entry, and the file it was found in.
REGISTRY: dict = {}
SOURCES: dict[str, str] = {}
for _info in pkgutil.iter_modules([str(FOLDER)]):
    if _info.name == "specs":
        continue
    _entries = importlib.import_module(f"contracts.{_info.name}").ENTRIES
    for _key, _entry in _entries.items():
        if _key in REGISTRY:
            raise ValueError(f"{_key} has entries in {SOURCES[_key]} and tests/contracts/{_info.name}.py")
        REGISTRY[_key] = _entry
        SOURCES[_key] = f"tests/contracts/{_info.name}.py"

for _exercise in EXERCISES.values():  # a chapter not yet declared: its graders are tried below
    if _exercise.kind == "unconverted":
        REGISTRY.setdefault(f"{_exercise.grader.__module__}.{_exercise.grader.__qualname__}", Exempt("a grader"))

#: Every declared exercise's grade() takes any answer and returns a Verdict without raising (ids, "1.1").
GRADERS = sorted(EXERCISES, key=lambda k: tuple(int(p) for p in k.split(".")))

#: Modules whose public callables are figure builders (take computed views, return figures).
FIGURE_MODULES = ("scaling.plots.",)
