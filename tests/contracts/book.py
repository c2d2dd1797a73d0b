"""Contract entries of scaling.book (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt

ENTRIES = {
    # not numeric
    "scaling.book.Shown": Exempt("display text for a prose number (a str); tests/test_prose_numbers.py"),
    "scaling.book.shown": Exempt("formats any value for the prose; tests/test_prose_numbers.py"),
    "scaling.book.eval_expressions": Exempt("parses markdown, not numbers; tests/test_prose_numbers.py"),
}
