"""Alt text that states numbers must state the figure's numbers: checked against the data it draws."""

from __future__ import annotations

import re
from pathlib import Path

from scaling import models

ROOT = Path(__file__).resolve().parent.parent


def figure_alt(chapter: str, name: str) -> str:
    """The alt text of the figure ``name`` in ``book/<chapter>.md``, on one line."""
    text = (ROOT / "book" / f"{chapter}.md").read_text()
    cell = text[: text.index(f"name: {name}")]
    block = text[len(cell) :].split("---", 1)[0]
    alt = re.search(r"alt: (.*?)(?:\n\S|\n---|\Z)", block, re.S)
    assert alt, f"{name} has no alt text"
    return " ".join(alt.group(1).split())


def test_chapter_4_tokens_per_parameter_alt_text_matches_the_catalogue():
    alt = figure_alt("04-over-training", "fig-tokens-per-parameter-models")
    rows = [m for m in models.all_models() if m.n_tokens is not None]
    top = max(rows, key=lambda m: m.tokens_per_param)
    sparse = [m for m in rows if m.is_moe]
    low = min(sparse, key=lambda m: m.tokens_per_active_param)
    high = max(sparse, key=lambda m: m.tokens_per_active_param)
    assert f"for {len(rows)} models" in alt
    assert f"{top.tokens_per_param:,.0f} for {top.name}" in alt
    assert f"Each of the {len(sparse)} mixtures of experts" in alt
    assert f"from {low.tokens_per_active_param:,.0f} for {low.name}" in alt
    assert f"to {high.tokens_per_active_param:,.0f} for {high.name}" in alt
    qwen = models.get_model("Qwen3-8B")
    assert f"Qwen3-8B reaches {qwen.tokens_per_param:,.0f}" in alt


def test_chapter_9_moe_map_alt_text_matches_the_catalogue():
    alt = figure_alt("09-sparse-and-low-precision", "fig-moe-map")
    ratio = {m.name: m.n_params / m.n_active_params for m in models.all_models() if m.is_moe}
    for name, stated in (("Llama 4 Maverick", 24), ("gpt-oss-120b", 23), ("Kimi K2", 31)):
        assert f"{name} at {stated}" in alt and round(ratio[name]) == stated
    assert round(ratio["DeepSeek-V3"]) == 18 and "R1 at 18" in alt
