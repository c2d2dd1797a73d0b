"""Figures on a phone: each panel of a multi-panel figure, stacked, at the column's width.

A figure of two to four panels side by side is 576 pt wide; shrunk to a 358-px phone column its
smallest text would be 5 px. Rather than redraw every figure, the web book shows the same SVG
file once per panel, each cropped to one column of panels with an SVG view fragment
(``figure.svg#svgView(viewBox(x,0,w,h))``, which browsers honour in ``<img>``), stacked one above
the other. The browser fetches the file once. CSS (``_static/book.css``) shows the stacked panels
below 700 px and the whole figure above it; a tap on either opens the full-size SVG.

Where the panels are is read from the SVG that matplotlib wrote: each axes is a ``<g id="axes_N">``
whose first path is its background rectangle. Axes that overlap horizontally (a column of a grid)
stay together; a narrow one (a colour bar) joins the panel to its left. The cut between two
columns of panels lies just right of the left column's last tick label and left of the right
column's tick labels and axis label, estimated from the ``<text>`` elements in the gap.

Used by tools/book/book_web.py (every chapter page); tested in tests/test_phone_figures.py and, in the
browser, by tests/test_browser.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

#: An axes narrower than this share of the figure is a colour bar, not a panel of its own.
COLOUR_BAR_SHARE = 0.08
#: Average advance of a DejaVu Sans character, in units of the font size (for text widths).
CHAR_WIDTH_EM = 0.6

AXES = re.compile(r'<g id="axes_\d+">\s*<g id="patch_\d+">\s*<path d="([^"]+)"', re.S)
VIEWBOX = re.compile(r'viewBox="([-0-9. ]+)"')
TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Panel:
    """A vertical strip of the figure, in SVG user units."""

    left: float
    right: float


def _axes_extents(svg: str) -> list[tuple[float, float]]:
    extents = []
    for path in AXES.findall(svg):
        xs = [float(v) for v in NUMBER.findall(path)][0::2]
        if xs:
            extents.append((min(xs), max(xs)))
    return extents


def _columns(extents: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """Horizontal extents of the columns of panels, left to right (colour bars joined to the left)."""
    columns: list[list[float]] = []
    for left, right in sorted(extents):
        narrow = right - left < COLOUR_BAR_SHARE * width
        if columns and (left < columns[-1][1] or narrow):
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return [(left, right) for left, right in columns]


def _text_spans(svg: str) -> list[tuple[float, float]]:
    """Rough horizontal extent of every text element."""
    spans = []
    for attributes, body in TEXT.findall(svg):
        size = re.search(r"font(?:-size)?:[^;\"]*?([0-9.]+)px", attributes)
        em = float(size.group(1)) if size else 10.0
        move = re.search(r'transform="translate\(([-0-9.]+)', attributes)
        x = re.search(r'\bx="([-0-9.]+)"', attributes)
        if move:
            anchor = float(move.group(1))
        elif x:
            anchor = float(x.group(1))
        else:
            continue
        if "rotate(" in attributes:
            spans.append((anchor - em, anchor + 0.3 * em))
            continue
        width = len(re.sub(r"<[^>]+>|&[a-z#0-9]+;", "x", body).strip()) * CHAR_WIDTH_EM * em
        if "text-anchor: end" in attributes:
            spans.append((anchor - width, anchor))
        elif "text-anchor: middle" in attributes:
            spans.append((anchor - width / 2, anchor + width / 2))
        else:
            spans.append((anchor, anchor + width))
    return spans


def _cut(left_column: tuple[float, float], right_column: tuple[float, float], spans) -> float:
    """Where to cut between two columns: after the left one's text, before the right one's."""
    gap_left, gap_right = left_column[1], right_column[0]
    left_reach = max([hi for lo, hi in spans if gap_left - 1 <= lo + (hi - lo) / 2 <= gap_left + 1] + [gap_left])
    right_reach = min([lo for lo, hi in spans if gap_left < hi <= gap_right + 1 and lo > left_column[0]] + [gap_right])
    if left_reach < right_reach:
        return (left_reach + right_reach) / 2
    return (gap_left + gap_right) / 2


def panels(svg: str) -> list[Panel]:
    """The panels of a matplotlib SVG, left to right; one panel when there is nothing to split."""
    box = VIEWBOX.search(svg)
    if not box:
        return []
    x0, _, width, _ = (float(v) for v in box.group(1).split())
    columns = _columns(_axes_extents(svg), width)
    if len(columns) < 2:
        return [Panel(x0, x0 + width)]
    spans = _text_spans(svg)
    cuts = [_cut(a, b, spans) for a, b in zip(columns, columns[1:])]
    edges = [x0, *cuts, x0 + width]
    return [Panel(left, right) for left, right in zip(edges, edges[1:])]


def view_box(svg: str) -> tuple[float, float, float, float] | None:
    box = VIEWBOX.search(svg)
    return tuple(float(v) for v in box.group(1).split()) if box else None


def stacked_html(src: str, alt: str, svg: str) -> str:
    """HTML for the phone: one cropped view of ``src`` per panel, or "" for a one-panel figure."""
    found = panels(svg)
    box = view_box(svg)
    if len(found) < 2 or box is None:
        return ""
    _, y0, _, height = box
    count = len(found)
    images = []
    for number, panel in enumerate(found, start=1):
        fragment = f"#svgView(viewBox({panel.left:.1f},{y0:g},{panel.right - panel.left:.1f},{height:g}))"
        label = escape(f"Panel {number} of {count}. {alt}" if number == 1 else f"Panel {number} of {count}.")
        ratio = (panel.right - panel.left) / height
        images.append(
            f'<img class="phone-panel" src="{escape(src)}{fragment}" alt="{label}" style="aspect-ratio: {ratio:.4f}" />'
        )
    return (
        f'<a class="phone-panels" href="{escape(src)}" title="Open the whole figure">'
        + "".join(images)
        + '<span class="phone-panels-note">Panels stacked for a narrow screen; tap for the whole figure.</span></a>'
    )
