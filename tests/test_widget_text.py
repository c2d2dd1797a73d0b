"""A committed widget output shows a sentence, not a repr, to a reader who has not run the cell."""

import json
import re
from pathlib import Path

from tools.book.execute_notebooks import RUN_FOR_CONTROLS, WIDGET_VIEW, describe_widgets

ROOT = Path(__file__).resolve().parent.parent

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def widget_outputs(path: Path) -> list[dict]:
    cells = json.loads(path.read_text())["cells"]
    return [o["data"] for c in cells for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]


def test_committed_widget_outputs_read_as_a_sentence():
    outputs = {path.name: widget_outputs(path) for path in NOTEBOOKS}
    assert sum(map(len, outputs.values())) >= 7, "the chapters' widgets are missing from notebooks/"
    for name, datas in outputs.items():
        for data in datas:
            text = "".join(data["text/plain"])
            assert text == RUN_FOR_CONTROLS, f"{name}: a widget output reads {text[:60]!r}"
            assert data[WIDGET_VIEW]["model_id"], f"{name}: the widget view was dropped"


def test_describe_widgets_keeps_other_outputs():
    figure = {"output_type": "display_data", "data": {"text/plain": "<Figure size 640x480 with 1 Axes>"}}
    widget = {
        "output_type": "display_data",
        "data": {"text/plain": "VBox(children=(FloatSlider(value=1.0),))", WIDGET_VIEW: {"model_id": "m"}},
    }
    notebook = type("Notebook", (), {"cells": [{"cell_type": "code", "outputs": [figure, widget]}]})()
    describe_widgets(notebook)
    assert figure["data"]["text/plain"].startswith("<Figure")
    assert widget["data"] == {"text/plain": RUN_FOR_CONTROLS, WIDGET_VIEW: {"model_id": "m"}}


def test_nbval_maps_the_live_repr_to_the_committed_sentence():
    config = (ROOT / "tests" / "nbval-sanitize.cfg").read_text()
    regex = re.search(r"regex: (.*VBox.*)\nreplace: (.*)", config)
    assert regex and regex.group(2) == RUN_FOR_CONTROLS
    live = "VBox(children=(HBox(children=(FloatSlider(value=0.0, description='floor E'),)),\n Output()))"
    assert re.sub(regex.group(1), regex.group(2), live) == RUN_FOR_CONTROLS
