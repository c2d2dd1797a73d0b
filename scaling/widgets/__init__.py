"""Interactive front-ends (ipywidgets), one module per chapter topic: ``widgets.powerlaw`` (chapter 1), ...

Each module has a pure, fast update function per widget (what a slider calls) and a builder
that wires bounded sliders to it, so no value can reach a traceback. Each module lists
``BENCHMARKS``: (label, set-up function) pairs; the set-up returns the zero-argument call
that `make bench` times against the 50 ms target. The web book shows each widget's static figure instead.

Importing this package makes every widget the kernel creates afterwards write the same output on
every run top to bottom, so that a learner who runs a chapter in JupyterLab and saves it changes
nothing in the committed notebook (tests/test_jupyterlab.py): its model id is the
:func:`widget_model_id` of its rank among the widgets created (instead of a random UUID), and
the text shown before the cell runs, in place of the widget, is :data:`RUN_FOR_CONTROLS`
(instead of a repr such as ``VBox(children=(HBox(...``).
"""

import functools
import hashlib
import importlib
import itertools

#: What a widget output reads until its cell runs (JupyterLab draws the widget from a live kernel).
RUN_FOR_CONTROLS = "Run this cell to get the interactive controls."

_RANKS = itertools.count()


def widget_model_id(rank: int) -> str:
    """The model id of the ``rank``-th widget a kernel creates (0, 1, ...): 32 hex digits, like ipywidgets'."""
    return hashlib.sha256(f"scaling-course-widget/{rank}".encode()).hexdigest()[:32]


def _described(widget, **kwargs):
    bundle = type(widget)._repr_mimebundle_(widget, **kwargs)
    if isinstance(bundle, dict) and "text/plain" in bundle:
        bundle["text/plain"] = RUN_FOR_CONTROLS
    return bundle


def _name_widget(widget) -> None:
    """ipywidgets calls this as each widget is constructed, before it opens its comm."""
    if widget._model_id is None:
        widget._model_id = widget_model_id(next(_RANKS))
    widget._repr_mimebundle_ = functools.partial(_described, widget)


def _install() -> None:
    try:
        from ipywidgets import Widget
    except ImportError:  # pragma: no cover - ipywidgets is a dependency
        return
    previous = Widget._widget_construction_callback  # ipywidgets keeps one: call the one before ours too
    if previous is _name_widget or getattr(previous, "func", None) is _chained:
        return

    Widget.on_widget_constructed(functools.partial(_chained, previous) if callable(previous) else _name_widget)


def _chained(previous, widget) -> None:
    previous(widget)
    _name_widget(widget)


_install()


def __getattr__(name: str):
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"scaling.widgets has no module {name!r}") from None
