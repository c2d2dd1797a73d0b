"""Contract entries of scaling.cli (tests/contracts/__init__.py gathers them)."""

from __future__ import annotations

from contracts.specs import Exempt

ENTRIES = {
    "scaling.cli.format_plan": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.plan_from_args": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.plan_json": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.show": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.build_parser": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.main": Exempt("command line; tests/test_cli.py (never a traceback)"),
}
