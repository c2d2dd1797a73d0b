"""tools/book/phone_figures.py: where a multi-panel figure is cut into panels for a phone.

Figures drawn with the book's own style (scaling.plots.style), saved as SVG as the notebooks store
them; the browser test (tests/test_browser.py) checks the result on every page.
"""

from __future__ import annotations

import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling.plots import style
from tools.book import phone_figures

pytestmark = pytest.mark.usefixtures("close_figures")


def svg_of(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def labelled(ax, name: str) -> None:
    x = np.geomspace(1e18, 1e22, 20)
    ax.plot(x, 2 + 1 / np.log10(x), label=name)
    ax.set(xscale="log", xlabel="compute C (FLOPs)", ylabel="loss (nats per token)", title=name)


def text_positions(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<text\b[^>]*\bx="([-0-9.]+)"', svg)]


def test_a_one_panel_figure_is_not_cut():
    fig, ax = style.figure(1)
    labelled(ax, "one")
    svg = svg_of(fig)
    assert len(phone_figures.panels(svg)) == 1
    assert phone_figures.stacked_html("f.svg", "A figure.", svg) == ""


@pytest.mark.parametrize("columns", [2, 3])
def test_side_by_side_panels_are_cut_between_their_axes(columns):
    fig, axes = style.figure(columns)
    for number, ax in enumerate(axes):
        labelled(ax, f"panel {number}")
    svg = svg_of(fig)
    found = phone_figures.panels(svg)
    assert len(found) == columns
    extents = sorted(phone_figures._axes_extents(svg))
    for panel, (left, right) in zip(found, extents):
        assert panel.left < left and right < panel.right, (panel, left, right)
    assert found[0].left == 0 and found[-1].right == pytest.approx(phone_figures.view_box(svg)[2])
    html = phone_figures.stacked_html("../_images/f.svg", 'Two "panels".', svg)
    assert html.count("<img") == columns
    assert "Panel 1 of" in html and "&quot;panels&quot;" in html
    assert html.count("#svgView(viewBox(") == columns


def test_a_colour_bar_stays_with_its_panel():
    fig, axes = style.figure(2)
    for ax in axes:
        ax.set(xlabel="x", ylabel="y")
    image = axes[1].imshow(np.arange(4.0).reshape(2, 2), aspect="auto")
    fig.colorbar(image, ax=axes[1], fraction=0.05)
    assert len(phone_figures.panels(svg_of(fig))) == 2


def test_the_cut_keeps_the_right_panels_tick_labels_whole():
    """The y tick labels of the right panel lie left of its axes: the cut must pass left of them."""
    fig, axes = style.figure(2)
    for ax in axes:
        labelled(ax, "ticks")
        ax.set_yticks([2.05, 2.1, 2.15], ["2.050000", "2.100000", "2.150000"])
    svg = svg_of(fig)
    left, right = phone_figures.panels(svg)
    right_axes = sorted(phone_figures._axes_extents(svg))[1]
    spans = phone_figures._text_spans(svg)
    tick_labels = [lo for lo, hi in spans if left.right - 60 < hi <= right_axes[0] + 1 and lo > right_axes[0] - 80]
    assert tick_labels and min(tick_labels) >= right.left - 0.5


def test_an_svg_without_a_view_box_is_left_alone():
    assert phone_figures.panels("<svg></svg>") == []
    assert phone_figures.stacked_html("f.svg", "x", "<svg></svg>") == ""
    plt.close("all")


def test_one_panel_figures_are_legible_in_a_phone_column():
    """A one-panel figure shrunk to a 360-px phone's column keeps its smallest text >= 9 CSS px."""
    smallest_px = style.MIN_FONT_PT * 96 / 72
    assert style.PHONE_COLUMN_PX * smallest_px / (style.ONE_PANEL_WIDTH * 96) >= style.MIN_TEXT_PX
    fig, _ = style.figure(1)
    assert fig.get_size_inches()[0] == style.ONE_PANEL_WIDTH
    plt.close(fig)
