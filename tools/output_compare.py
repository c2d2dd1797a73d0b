"""Committed notebook outputs compared for what they mean, not for their last bit (root conftest.py).

nbval compares a re-executed cell's outputs with the committed ones as strings. Two CPUs can
disagree in the last bits of a floating-point result (vector units, libm, BLAS kernels; pinning
threads does not help), and matplotlib writes SVG coordinates with six decimals, so a figure made
on one machine differs from the same figure made on another in the sixth decimal of a coordinate.
When nbval finds a difference, :func:`outputs_differ` looks again, with these rules:

* **Same text.** Outputs are cut into numbers and the text between them; the text must be
  identical (runs of spaces count as one space outside SVG, where numpy and tables align columns).
* **SVG coordinates** (numbers inside an SVG tag: path data, positions, sizes, transforms) may differ
  by at most :data:`SVG_ATOL` = 0.01 user units. matplotlib's SVG user unit is the point (1/72 inch),
  so this is a hundredth of a point, about 1/7,000 of an inch: invisible, and about 10,000 times the
  1e-6 that separates two CPUs. A curve moved by 1 % of an axis (a few points) still fails.
* **Printed numbers** (text outputs, and the text inside an SVG: tick labels, legends, titles) may
  differ by a relative :data:`TEXT_RTOL` = 1e-6: a float printed with ten or more digits may differ
  in its last ones, while a number the book shows with four significant digits cannot change.
* **Hashed SVG ids.** matplotlib names clip paths, markers and path collections by a hash of their
  coordinates (``clip-path="url(#p1a2b3c4d5e)"``), so a 1e-6 change renames them. Ids are replaced
  by their order of first appearance before comparing.
* **Raster images** (``image/png``, ``image/jpeg``, such as the PNG written beside each SVG for
  JupyterLab) are never compared: their bytes depend on the rasteriser; the SVG carries the figure.

Used by conftest.py for every notebook nbval checks, and for the ``{eval}`` values stored in
markdown cells; tested in tests/test_output_compare.py.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

#: Largest difference between two SVG coordinates that still means the same figure (points).
SVG_ATOL = 0.01
#: Largest relative difference between two printed numbers that still means the same number.
TEXT_RTOL = 1e-6
#: Output keys that never carry meaning a reader sees reproduced bit for bit.
RASTERS = ("image/png", "image/jpeg")

NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
SVG_TAG = re.compile(r"(<[^>]*>)")
# matplotlib's hashed ids: clip paths p…, markers m…, hatches h…, images, path collections C…_…_….
HASHED_ID = re.compile(r"(?<![\w-])(?:C[0-9a-f]+_[0-9a-f]+_|[pmh]|image)[0-9a-f]{10}(?![\w-])")


def split_numbers(text: str) -> tuple[list[str], list[float]]:
    """The text between numbers and the numbers: ``"x = 1.5 m"`` -> ``(["x = ", " m"], [1.5])``."""
    return NUMBER.split(text), [float(n) for n in NUMBER.findall(text)]


def text_differs(reference: str, test: str, rtol: float = TEXT_RTOL, squeeze: bool = True) -> str | None:
    """None when two printed texts say the same, or a sentence naming the first difference."""
    if reference == test:
        return None
    ref_words, ref_numbers = split_numbers(reference)
    test_words, test_numbers = split_numbers(test)
    if squeeze:
        ref_words = [re.sub(r"[ \t]+", " ", w) for w in ref_words]
        test_words = [re.sub(r"[ \t]+", " ", w) for w in test_words]
    if ref_words != test_words:
        return _first_text_difference(ref_words, test_words)
    for a, b in zip(ref_numbers, test_numbers):
        if not math.isclose(a, b, rel_tol=rtol, abs_tol=0.0):
            return f"printed number {a!r} became {b!r} (relative difference {_relative(a, b):.2g} > {rtol:g})"
    return None


def svg_differs(reference: str, test: str, atol: float = SVG_ATOL, rtol: float = TEXT_RTOL) -> str | None:
    """None when two SVG documents draw the same figure, or a sentence naming the first difference."""
    if reference == test:
        return None
    ref_parts = SVG_TAG.split(_canonical_ids(reference))
    test_parts = SVG_TAG.split(_canonical_ids(test))
    if len(ref_parts) != len(test_parts):
        return f"the SVG has {len(test_parts) // 2} elements instead of {len(ref_parts) // 2}"
    for ref_part, test_part in zip(ref_parts, test_parts):
        if ref_part.startswith("<"):
            problem = _tag_differs(ref_part, test_part, atol)
        else:
            problem = text_differs(ref_part, test_part, rtol, squeeze=False)
        if problem:
            return f"{problem}, in SVG {_shorten(test_part)}"
    return None


def value_differs(key: str, reference, test) -> str | None:
    """Compare one output value of MIME type or output field ``key``."""
    if key in RASTERS:
        return None
    if isinstance(reference, list):
        reference = "".join(reference)
    if isinstance(test, list):
        test = "".join(test)
    if not (isinstance(reference, str) and isinstance(test, str)):
        return None if reference == test else f"{key}: {reference!r} became {test!r}"
    if key == "image/svg+xml":
        return svg_differs(reference, test)
    return text_differs(reference, test)


def outputs_differ(test: list, reference: list, skip: tuple, sanitize=lambda s: s) -> str | None:
    """None when a cell's new outputs mean what its committed ones mean, else why not.

    ``test`` and ``reference`` are nbformat output lists as nbval hands them to its
    ``compare_outputs`` (streams already coalesced); ``skip`` is nbval's list of keys it never
    compares; ``sanitize`` is nbval's regex sanitiser (tests/nbval-sanitize.cfg).
    """
    new, old = _by_key(test, skip, sanitize), _by_key(reference, skip, sanitize)
    if set(new) != set(old):
        return f"output kinds {sorted(new)} instead of {sorted(old)}"
    for key, old_values in old.items():
        if len(new[key]) != len(old_values):
            return f"{len(new[key])} outputs of kind {key} instead of {len(old_values)}"
        for ref_value, test_value in zip(old_values, new[key]):
            problem = value_differs(key, ref_value, test_value)
            if problem:
                return f"{key}: {problem}"
    return None


def _by_key(outputs: list, skip: tuple, sanitize) -> dict[str, list]:
    """nbval's grouping: every field of every output, MIME types of ``data`` flattened, in order."""
    grouped = defaultdict(list)
    for output in outputs:
        for key, value in output.items():
            if key in skip:
                continue
            if key != "data":
                grouped[key].append(sanitize(value))
                continue
            for mime, data in value.items():
                if mime not in skip and mime not in RASTERS:
                    grouped[mime].append(sanitize(data))
    return grouped


def _tag_differs(reference: str, test: str, atol: float) -> str | None:
    ref_words, ref_numbers = split_numbers(reference)
    test_words, test_numbers = split_numbers(test)
    if ref_words != test_words:
        return _first_text_difference(ref_words, test_words)
    for a, b in zip(ref_numbers, test_numbers):
        if abs(a - b) > atol:
            return f"coordinate {a!r} became {b!r} (moved {abs(a - b):.3g} > {atol:g} pt)"
    return None


def _canonical_ids(svg: str) -> str:
    names: dict[str, str] = {}
    return HASHED_ID.sub(lambda m: names.setdefault(m.group(0), f"id{len(names)}"), svg)


def _first_text_difference(ref_words: list[str], test_words: list[str]) -> str:
    for a, b in zip(ref_words, test_words):
        if a != b:
            return f"text {_shorten(a)!r} became {_shorten(b)!r}"
    return f"{len(test_words) - 1} numbers instead of {len(ref_words) - 1}"


def _relative(a: float, b: float) -> float:
    return abs(a - b) / max(abs(a), abs(b))


def _shorten(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
