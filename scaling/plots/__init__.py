"""Figure builders, one module per chapter topic: ``plots.powerlaw`` (chapter 1), ``plots.chinchilla``, ...

They draw what the science modules compute and hold no science of their own. Every builder
returns its matplotlib ``Figure``; a notebook shows it with ``plt.show()``. Shared sizes and
styles are in ``plots.style``. Submodules load on first use: ``plots.powerlaw.fit_comparison``.
"""

import importlib

from .style import show_png_beside_svg

# Figures shown in IPython carry a PNG beside the SVG, for untrusted notebooks (see plots.style).
show_png_beside_svg()


def __getattr__(name: str):
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"scaling.plots has no module {name!r}") from None
