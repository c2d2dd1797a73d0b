"""Committed outputs pass nbval on another CPU, and a real change still fails (tools/output_compare.py).

Another CPU writes the same figure with every SVG coordinate a few 1e-6 away (and, through
matplotlib's hashed ids, different clip-path and path-collection names), and prints a float of
ten or more digits with a different last digit. These tests make such a "foreign" copy of the
committed outputs and check that it passes, while a curve moved by 1 % of its axis, or a printed
number changed by 2 %, fails: on every committed figure and text output (fast), and end to end
under nbval on one re-executed chapter (slow).
"""

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import output_compare as oc  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
COORDINATES = re.compile(r'(\s(?:d|x|y|x1|y1|x2|y2|width|height|transform)=")([^"]*)(")')
LONG_FLOAT = re.compile(r"\d+\.\d+(?:[eE][-+]?\d+)?")


# --- What another CPU writes ---------------------------------------------------------------


def short_float(x: float) -> str:
    """matplotlib's SVG number format: %f, trailing zeros and point removed."""
    return f"{x:f}".rstrip("0").rstrip(".")


def nudge_svg(svg: str, delta: float = 1e-6) -> str:
    """Every coordinate moved by ``delta`` and every hashed id renamed, as another CPU's matplotlib writes it."""

    def nudge_numbers(match):
        numbers = oc.NUMBER.sub(lambda n: short_float(float(n.group(0)) + delta), match.group(2))
        return match.group(1) + numbers + match.group(3)

    svg = re.sub(r"<[^>]*>", lambda tag: COORDINATES.sub(nudge_numbers, tag.group(0)), svg)
    return oc.HASHED_ID.sub(lambda m: m.group(0)[:-10] + hashlib.sha256(m.group(0).encode()).hexdigest()[:10], svg)


def nudge_last_digit(text: str) -> str:
    """Every printed float of ten or more digits changed by one in its last digit."""

    def nudge(match):
        number = match.group(0)
        mantissa, _, exponent = number.partition("e") if "e" in number else number.partition("E")
        if sum(c.isdigit() for c in mantissa) < 10:
            return number
        last = int(mantissa[-1])
        return mantissa[:-1] + str(last + 1 if last < 9 else last - 1) + (number[len(mantissa) :] if exponent else "")

    return LONG_FLOAT.sub(nudge, text)


def move_curve(svg: str, fraction: float = 0.01) -> str:
    """The first clipped data line (a path of two points or more) moved up by ``fraction`` of its axes' height."""
    height = float(
        re.search(r'<clipPath id="[^"]+">\s*<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"', svg)[1]
    )
    for match in re.finditer(r'<path d="(M [^"]*)"[^>]*clip-path=', svg):
        numbers = oc.NUMBER.findall(match.group(1))
        if len(numbers) < 4:
            continue
        ys = iter(range(len(numbers)))  # path data alternates x and y

        def up(n, ys=ys):
            return short_float(float(n.group(0)) - height * fraction) if next(ys) % 2 else n.group(0)

        moved = oc.NUMBER.sub(up, match.group(1))
        return svg[: match.start(1)] + moved + svg[match.end(1) :]
    raise AssertionError("no clipped data line in this figure")


def change_a_number(text: str, factor: float = 1.02) -> str:
    """The first number with a digit other than 0 multiplied by ``factor``, printed with four more digits."""
    for match in oc.NUMBER.finditer(text):
        value = float(match.group(0))
        if value != 0:
            return text[: match.start()] + repr(round(value * factor, 4)) + text[match.end() :]
    raise AssertionError("no number in this output")


def outputs(mime: str):
    found = []
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text())["cells"]
        for number, cell in enumerate(cells):
            for output in cell.get("outputs", []):
                value = output.get("data", {}).get(mime) if mime != "stream" else output.get("text")
                if value:
                    found.append(pytest.param("".join(value), id=f"{path.stem}-cell{number}"))
    return found


# --- Every committed output, fast ---------------------------------------------------------


@pytest.mark.parametrize("svg", outputs("image/svg+xml"))
def test_figure_drawn_on_another_cpu_passes(svg):
    foreign = nudge_svg(svg)
    assert foreign != svg
    assert oc.svg_differs(svg, foreign) is None


@pytest.mark.parametrize("svg", outputs("image/svg+xml"))
def test_curve_moved_by_one_percent_of_the_axis_fails(svg):
    if not re.search(r'<path d="M [^"]*"[^>]*clip-path=', svg):
        pytest.skip("no clipped data line (bars or a table)")
    problem = oc.svg_differs(svg, move_curve(svg))
    assert problem is not None and "coordinate" in problem


@pytest.mark.parametrize("text", [p for p in outputs("stream") if oc.NUMBER.search(p.values[0])])
def test_printed_number_changed_by_two_percent_fails(text):
    assert oc.text_differs(text, nudge_last_digit(text)) is None
    assert oc.text_differs(text, change_a_number(text)) is not None


def test_long_floats_nudged_in_the_last_digit_pass_and_two_percent_fails():
    printed = "loss 2.1234567891 at N = 1.2345678901e+09; ratio 0.30000000000000004\n"
    assert nudge_last_digit(printed) == "loss 2.1234567892 at N = 1.2345678902e+09; ratio 0.30000000000000005\n"
    assert oc.text_differs(printed, nudge_last_digit(printed)) is None
    assert oc.text_differs(printed, printed.replace("2.1234567891", "2.1659259249")) is not None
    assert oc.text_differs(printed, printed.replace("loss", "Loss")) is not None


def test_short_numbers_change_by_one_digit_fails():
    assert oc.text_differs("alpha = 0.34", "alpha = 0.35") is not None
    assert oc.text_differs("3 models", "4 models") is not None
    assert oc.text_differs("a = 1.5e+20", "a = 1.53e+20") is not None


def test_columns_aligned_differently_pass_only_outside_svg():
    assert oc.text_differs("[0.1   0.25]", "[0.1  0.25]") is None
    assert oc.svg_differs("<text>0.1   0.25</text>", "<text>0.1 0.25</text>") is not None


def test_tick_labels_inside_an_svg_are_printed_numbers():
    # A label is text, so a legend's 0.3412 -> 0.3512 fails though it is "within 0.01".
    assert oc.svg_differs('<text x="1.5">α = 0.3412</text>', '<text x="1.500001">α = 0.3512</text>') is not None


def test_png_bytes_are_never_compared_but_the_svg_beside_them_is():
    svg = outputs("image/svg+xml")[0].values[0]
    ref = [{"output_type": "display_data", "data": {"image/png": "iVBORw0K", "image/svg+xml": svg}, "metadata": {}}]
    new_png = [{**ref[0], "data": {"image/png": "AAAAAAAA", "image/svg+xml": nudge_svg(svg)}}]
    moved = [{**ref[0], "data": {"image/png": "iVBORw0K", "image/svg+xml": move_curve(svg)}}]
    skip = ("metadata", "output_type", "execution_count")
    assert oc.outputs_differ(new_png, ref, skip) is None
    assert "coordinate" in oc.outputs_differ(moved, ref, skip)


# --- End to end: nbval re-executes a chapter against a foreign copy -------------------------

CHAPTER = ROOT / "notebooks" / "06-test-time-compute.ipynb"
PRINT_CELL = "print(0.1 + 0.2, 2**0.5 * 1e5, 1 / 3)"
PRINTED = "0.30000000000000004 141421.35623730952 0.3333333333333333\n"


def print_cell(cell_id: str, printed: str) -> dict:
    stream = {"name": "stdout", "output_type": "stream", "text": [printed]}
    return {
        "cell_type": "code",
        "execution_count": 1,
        "id": cell_id,
        "metadata": {},
        "outputs": [stream],
        "source": [PRINT_CELL],
    }


def foreign_copy(folder: Path) -> tuple[Path, set[int]]:
    """The committed chapter as another CPU would have committed it, with two real changes.

    Every figure is nudged and a cell printing long floats is added with its last digits nudged
    (these must pass); one figure's curve is moved by 1 % of its axis and a second print cell
    shows a number 2 % off (these must fail). Returns the copy and nbval's numbers (code cells
    counted from 0) of the cells that must fail.
    """
    notebook = json.loads(CHAPTER.read_text())
    must_fail = set()
    code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    for number, cell in enumerate(code_cells):  # nbval numbers the code cells only
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data:
                svg = nudge_svg("".join(data["image/svg+xml"]))
                if not must_fail and re.search(r'<path d="M [^"]*"[^>]*clip-path=', svg):
                    svg = move_curve(svg)
                    must_fail.add(number)
                data["image/svg+xml"] = svg
    assert len(must_fail) == 1, "the chapter has no figure with a clipped data line"
    notebook["cells"].append(print_cell("foreign-print", nudge_last_digit(PRINTED)))
    notebook["cells"].append(print_cell("changed-print", change_a_number(PRINTED)))
    must_fail.add(len(code_cells) + 1)
    path = folder / CHAPTER.name
    path.write_text(json.dumps(notebook, indent=1))
    return path, must_fail


@pytest.fixture
def inside_repository():
    """A folder under _build/ (so the root conftest.py applies) removed afterwards."""
    folder = ROOT / "_build" / f"foreign-{id(object())}"
    folder.mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_nbval_passes_a_chapter_committed_on_another_cpu_and_fails_real_changes(inside_repository):
    """One execution of the chapter: every nudged cell passes, the moved curve and the changed number fail."""
    assert nudge_last_digit(PRINTED) != PRINTED
    notebook, must_fail = foreign_copy(inside_repository)
    command = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval"]
    command += ["--nbval-current-env", "--nbval-sanitize-with", "tests/nbval-sanitize.cfg", str(notebook)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    failed = {int(n) for n in re.findall(r"^FAILED \S+::Cell (\d+)", result.stdout, re.M)}
    assert failed == must_fail, result.stdout[-3000:]
    assert "moved" in result.stdout and "printed number" in result.stdout
