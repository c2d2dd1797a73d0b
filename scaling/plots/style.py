"""Sizes and styles shared by every figure in the book: the one place for the book's look.

* Colours: the Okabe–Ito palette, distinguishable under the common colour-vision deficiencies
  and in greyscale only with help, so every cycle pairs each colour with its own line style.
* Text: legible at every screen width. The smallest text any builder uses is ``small``
  (MIN_FONT_PT points, 11.1 CSS px at full size). A figure of two or more panels is drawn WIDTH
  inches wide (768 CSS px); on a phone the web book shows its panels stacked (tools/book/phone_figures.py).
  A one-panel figure is drawn ONE_PANEL_WIDTH inches wide (384 CSS px), laid out by matplotlib's
  constrained layout, so that shrunk to the 312-px column of a 360-px phone its smallest text is
  still 9.0 CSS px (9.9 px on a 390-px phone's 342-px column); on a desktop it is shown at its own
  size (text 11.1 px), not stretched to the column.
* Output: SVG with real text (small files, sharp on every screen) and fixed ids and no date,
  so the same figure always writes the same bytes. Beside it, in IPython, a PNG at twice the
  pixels (:func:`show_png_beside_svg`): JupyterLab renders SVG only in a trusted notebook, and a
  fresh clone, a Binder or a JupyterHub copy is untrusted, so without the PNG a learner who opens
  a chapter sees ``<Figure size ...>`` until they run it. The web book picks the SVG.

Every builder calls :func:`figure`, which applies the style, so a figure looks the same in the
web book, in JupyterLab and in a test.
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.ticker import FuncFormatter, NullLocator

#: The size of a figure of two or more panels side by side (inches); the web theme fits them to the column.
WIDTH, HEIGHT = 8.0, 3.4
#: The width of a one-panel figure (inches): narrow enough that on a phone's column its smallest
#: text stays >= MIN_TEXT_PX (PHONE_COLUMN_PX * MIN_FONT_PT * 96/72 / (ONE_PANEL_WIDTH * 96)).
ONE_PANEL_WIDTH = 4.0
#: The narrowest column the book's figures are read in: a 360-px phone less the page's margins (24 px each side).
PHONE_COLUMN_PX = 312
#: The smallest figure text a reader should have to read on any screen (CSS px).
MIN_TEXT_PX = 9.0

#: Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, reddish purple,
#: sky blue, orange, yellow. Blue and vermillion first: they differ most for every reader.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442")
#: A line style per palette entry, so that lines differ without colour too.
LINESTYLES = ("-", "--", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (3, 1, 1, 1)), ":")
#: Dotted (":") comes last: the book draws references (floors, budgets, truths) dotted.
#: A marker per palette entry, for points and for lines that need one (``markevery``).
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
#: The neutral colour of references (truth, rules of thumb, guides).
GREY = "#777777"
#: Sequential colour map for ordered families (model sizes, budgets): perceptually uniform, CVD-safe.
SEQUENTIAL = "viridis"

#: Base font size (points) and the smallest size a builder may use ("small" = 0.833 of it).
FONT_PT = 10.0
MIN_FONT_PT = FONT_PT * 0.833

DATA_STYLE = dict(marker="o", linestyle="none", color="black", label="measured", zorder=3)

#: Fixed margins (fractions of the figure). Every figure has the same size, so fixed margins
#: fit them all, and they render about a third faster than a layout engine.
MARGINS = dict(left=0.09, right=0.98, bottom=0.15, top=0.9, wspace=0.3)

RC = {
    "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
    "image.cmap": SEQUENTIAL,
    "font.size": FONT_PT,
    "axes.titlesize": "medium",
    "axes.labelsize": "medium",
    "xtick.labelsize": "small",
    "ytick.labelsize": "small",
    "legend.fontsize": "small",
    "legend.framealpha": 0.9,
    "lines.linewidth": 1.8,
    "lines.markersize": 5.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # SVG: text stays text (a third the bytes of glyph outlines, and selectable), and the ids
    # are seeded so that the same figure writes the same file.
    "svg.fonttype": "none",
    "svg.hashsalt": "scaling-laws-course",
}


#: The PNG's text chunks: none (matplotlib would write its version), so a re-run writes the same bytes.
PNG_METADATA = {"Software": None}
#: Colours of the PNG's palette: a figure has a few dozen, plus their anti-aliased blends; 256
#: keep it sharp at a third of the bytes of full colour.
PNG_COLOURS = 256


def retina_png(fig):
    """A figure as a PNG of twice its pixels, shown at its own size: (base64 text, {"width", "height"}).

    Drawn with the inline backend's current ``print_figure_kwargs`` (the chapters' bounding box),
    so it matches the SVG beside it, then stored with a fixed palette of PNG_COLOURS colours
    (median cut, no dithering: the same figure always gives the same bytes). None for an empty
    figure, as IPython's own formatter.
    """
    import base64
    import io

    from IPython.core.pylabtools import print_figure
    from PIL import Image

    try:
        from matplotlib_inline.config import InlineBackend

        kwargs = dict(InlineBackend.instance().print_figure_kwargs)
    except ImportError:  # pragma: no cover - a shell without the inline backend
        kwargs = {}
    kwargs["metadata"] = PNG_METADATA
    data = print_figure(fig, fmt="retina", **kwargs)
    if data is None:
        return None
    image = Image.open(io.BytesIO(data)).convert("RGB")
    palette = image.quantize(colors=PNG_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    width, height = image.size
    return base64.b64encode(out.getvalue()).decode("ascii"), {"width": width // 2, "height": height // 2}


def show_png_beside_svg() -> None:
    """In IPython, give every displayed matplotlib figure a PNG (:func:`retina_png`) beside its SVG.

    Registered for ``FigureBase``, the parent class of ``Figure``: a chapter's
    ``%config InlineBackend.figure_formats = ["svg"]`` replaces the formatters registered for
    ``Figure`` itself, and IPython looks a figure's formatter up along its class's ancestors, so
    this one stays. Outside IPython (tests, scripts) it does nothing. Called when ``scaling.plots``
    is imported, so every chapter that draws gets it without a line of its own.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with matplotlib-inline
        return
    shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "image/png" not in formatters:
        return
    from matplotlib.figure import FigureBase

    formatters["image/png"].for_type(FigureBase, retina_png)


def apply() -> None:
    """Set the book's style in matplotlib's global settings (every builder calls it)."""
    mpl.rcParams.update(RC)


def colour(i: int) -> str:
    """The i-th colour of the palette (wrapping around)."""
    return PALETTE[i % len(PALETTE)]


def line(i: int) -> dict:
    """Colour, line style and marker of the i-th series, for builders that number their lines."""
    return dict(color=colour(i), linestyle=LINESTYLES[i % len(LINESTYLES)], marker=MARKERS[i % len(MARKERS)])


def figure(ncols: int = 1, height: float = HEIGHT):
    """A figure with ``ncols`` side-by-side axes (a single Axes when ``ncols`` is 1), in the book's style.

    A one-panel figure is ONE_PANEL_WIDTH inches wide and fits its labels and legends with
    matplotlib's constrained layout (:func:`widen_margins` is then a no-op); a wider one has the
    fixed MARGINS, which builders widen for long labels.
    """
    apply()
    if ncols == 1:
        fig, ax = plt.subplots(1, 1, figsize=(ONE_PANEL_WIDTH, height), layout="constrained")
        for text in (ax.title, ax.xaxis.label):  # a long title or label takes two lines rather than run off
            text.set_wrap(True)
        return fig, ax
    fig, axes = plt.subplots(1, ncols, figsize=(WIDTH, height))
    fig.subplots_adjust(**MARGINS)
    return fig, axes


def legend_below(ax, ncols: int = 2, **kwargs):
    """A legend under the axes, off the data (the caller leaves room with ``widen_margins(bottom=...)``).

    In a one-panel figure (narrow, laid out by its layout engine) a legend wider than the figure
    is redrawn in one column, and the figure grows by the rows that adds, so no entry is cut off.
    """
    kwargs = dict(dict(loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False), **kwargs)
    legend = ax.legend(ncols=ncols, **kwargs)
    fig = ax.figure
    if ncols > 1 and fig.get_layout_engine() is not None:
        width = legend.get_window_extent(fig.canvas.get_renderer()).width
        if width > 0.95 * fig.bbox.width:
            entries = len(legend.get_texts())
            legend.remove()
            fig_width, fig_height = fig.get_size_inches()
            fig.set_size_inches(fig_width, fig_height + (entries - math.ceil(entries / ncols)) * LEGEND_ROW_IN)
            legend = ax.legend(ncols=1, **kwargs)
    return legend


#: Height of one legend row at the legend's font size, with its spacing (inches).
LEGEND_ROW_IN = 0.2


def room_below(fig, rows: int) -> float:
    """Grow ``fig`` downwards by ``rows`` legend rows, keeping its axes' size and top margin.

    Returns the ``bbox_to_anchor`` height (a fraction of the axes, negative: below them) at which
    :func:`legend_below` puts a legend just under the x-axis label. Used by the chapters' widget
    views, whose legends would otherwise sit on their curves.
    """
    width, height = fig.get_size_inches()
    if fig.get_layout_engine() is not None:  # a one-panel figure: its layout engine places the legend
        fig.set_size_inches(width, height + rows * LEGEND_ROW_IN + 0.1)
        return -0.5 / max(height - 0.8, 0.5)
    params = fig.subplotpars
    top_in, bottom_in = height * (1 - params.top), height * params.bottom
    axes_in = height - top_in - bottom_in
    grown = height + rows * LEGEND_ROW_IN + 0.1
    fig.set_size_inches(width, grown)
    fig.subplots_adjust(bottom=(grown - top_in - axes_in) / grown, top=1 - top_in / grown)
    return -bottom_in / axes_in


def legend_right(ax, **kwargs):
    """A legend to the right of the axes, off the data (the caller leaves room with ``widen_margins(right=...)``)."""
    kwargs = dict(dict(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False), **kwargs)
    return ax.legend(**kwargs)


def widen_margins(fig, **margins) -> None:
    """Widen the fixed margins for long labels (a no-op under a layout engine, which fits them itself)."""
    if fig.get_layout_engine() is None:
        fig.subplots_adjust(**margins)


def plain_log_axes(ax, which: str = "both") -> None:
    """Log axes that draw fast: no minor ticks, and labels such as "1e9" or "100" in plain text.

    Matplotlib's default log labels are typeset as powers of ten, and the minor ticks of an axis
    spanning many decades cost more to draw than they help; together they can triple the
    rendering time of a figure, which a chapter pays for every figure it shows.
    """
    axes = {"x": [ax.xaxis], "y": [ax.yaxis], "both": [ax.xaxis, ax.yaxis]}[which]
    for axis in axes:
        axis.set_minor_locator(NullLocator())
        axis.set_major_formatter(FuncFormatter(_plain))


def _plain(value: float, _position=None) -> str:
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:g}"
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"
