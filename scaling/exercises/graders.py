"""Reusable graders: a number within a tolerance, a choice among options, a function on test cases."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check. ``status`` is "pass", "fail" or "unanswered"."""

    status: str
    message: str

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def symbol(self) -> str:
        return {"pass": "✅", "fail": "❌", "unanswered": "⏳"}[self.status]


def unanswered(answer) -> bool:
    """A stub: ``...`` or ``None`` (what an unfinished function returns)."""
    return answer is Ellipsis or answer is None


NOT_ANSWERED = Verdict("unanswered", "not answered yet: replace the ... with your answer and run the cell again.")


def as_number(answer):
    """The answer as a float, or None if it is not one number."""
    if isinstance(answer, (bool, np.bool_)):
        return None
    try:
        value = float(np.asarray(answer, dtype=float))
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int too large for a float
        return None
    return value if math.isfinite(value) else None


def number(answer, expected: float, *, rel_tol: float, unit: str = "", hint: str = "") -> Verdict:
    """Pass if ``answer`` is within ``rel_tol`` (relative) of ``expected``; else say how far off it is."""
    if unanswered(answer):
        return NOT_ANSWERED
    value = as_number(answer)
    if value is None:
        return Verdict("fail", f"expected a single finite number{f' in {unit}' if unit else ''}, got {answer!r}.")
    units = f" {unit}" if unit else ""
    if math.isclose(value, expected, rel_tol=rel_tol):
        return Verdict("pass", f"correct: {value:.4g}{units}.")
    return Verdict("fail", _how_far(value, expected, rel_tol) + (f" Hint: {hint}" if hint else ""))


def _how_far(value: float, expected: float, rel_tol: float) -> str:
    if expected != 0 and value != 0 and np.sign(value) != np.sign(expected):
        return f"{value:.4g} has the wrong sign."
    if expected != 0 and value != 0:
        ratio = value / expected
        if ratio >= 3 or ratio <= 1 / 3:
            direction = "large" if abs(ratio) > 1 else "small"
            factor = abs(ratio) if abs(ratio) > 1 else 1 / abs(ratio)
            return (f"{value:.4g} is about {factor:.3g}× too {direction}: check the order of "
                    "magnitude and the units.")
        off = abs(ratio - 1)
        if off <= 10 * rel_tol:
            return f"{value:.4g} is close ({off:.1%} off) but outside the tolerance of {rel_tol:.1%}."
        return f"{value:.4g} is {off:.0%} too {'large' if ratio > 1 else 'small'}."
    return f"{value:.4g} is not right."


def choice(answer, correct: str, options: tuple[str, ...], *, why: str, hint: str) -> Verdict:
    """Pass if ``answer`` is the letter ``correct`` among ``options`` (case and spaces ignored)."""
    if unanswered(answer):
        return NOT_ANSWERED
    letter = str(answer).strip().lower()
    if letter not in options:
        return Verdict("fail", f"answer with one of the letters {', '.join(repr(k) for k in options)}; got {answer!r}.")
    if letter == correct:
        return Verdict("pass", f"correct: {why}")
    return Verdict("fail", f"({letter}) is not right. Hint: {hint}")
