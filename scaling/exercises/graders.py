"""Reusable graders: a number within a tolerance, a choice among options, a function on test cases."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import numpy as np

from .._validate import shown


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


def as_pair(answer):
    """The answer as two finite floats, from a tuple, a list or a numpy array of two numbers; else None."""
    if isinstance(answer, (str, bytes, dict)):
        return None
    try:
        items = list(answer)
    except TypeError:  # a number, None, a 0-d array: not a pair
        return None
    pair = tuple(as_number(v) for v in items)
    return pair if len(pair) == 2 and None not in pair else None


def _holds_one(answer) -> bool:
    """A list, tuple or array around a single number: a common slip when the value came out of numpy."""
    try:
        return isinstance(answer, (list, tuple, np.ndarray)) and np.size(answer) == 1 and np.ndim(answer) > 0
    except ValueError:  # a ragged nest of lists
        return False


def number(answer, expected: float, *, rel_tol: float, unit: str = "", hint: str = "") -> Verdict:
    """Pass if ``answer`` is within ``rel_tol`` (relative) of ``expected``; else say roughly how far off it is.

    ``unit`` is what follows the number when it is printed ("parameters", "× larger model",
    "(a probability)"). The feedback never states ``expected`` or the exact ratio to it.
    """
    if unanswered(answer):
        return NOT_ANSWERED
    value = as_number(answer)
    if value is None:
        described = f" ({unit.strip('()')})" if unit else ""
        inside = " (an array or a list of one: give its element, answer[0])" if _holds_one(answer) else ""
        return Verdict("fail", f"expected a single finite number{described}, got {shown(answer)}{inside}.")
    if math.isclose(value, expected, rel_tol=rel_tol):
        return Verdict("pass", f"correct: {value:.4g}{f' {unit}' if unit else ''}.")
    return Verdict("fail", how_far(value, expected, rel_tol) + (f" Hint: {hint}" if hint else ""))


def percent(answer, expected: float, *, rel_tol: float, what: str, sign: str, hint: str = "") -> Verdict:
    """The old building block of a number in percent, kept for chapters not yet declared: use ``Percent``."""
    value = as_number(answer)
    if value is not None and np.isclose(value, expected / 100.0, rtol=rel_tol):
        return Verdict("fail", f"{value:.4g} is a fraction: give {what} in percent (multiply by 100).")
    if value is not None and np.isclose(value, -expected, rtol=rel_tol):
        return Verdict("fail", f"{value:.4g} has the wrong sign: {sign}.")
    return number(answer, expected, rel_tol=rel_tol, unit="percent", hint=hint)


def how_far(value: float, expected: float, rel_tol: float) -> str:
    """How far ``value`` is from ``expected``, in coarse bands that never give the answer away.

    "Close" means within twice the tolerance; then under 10 %; under a factor of 2; under 5×;
    beyond that the number of orders of magnitude (a unit slip). Worked out from logarithms, so
    that any finite value, 1e-320 or 1e308 included, gets a sentence.
    """
    if expected == 0 or value == 0:
        return f"{value:.4g} is not right."
    if np.sign(value) != np.sign(expected):
        return f"{value:.4g} has the wrong sign."
    log_ratio = math.log(abs(value)) - math.log(abs(expected))
    direction = ("large" if log_ratio > 0 else "small") + (" in magnitude" if expected < 0 else "")
    log_factor = abs(log_ratio)
    if log_factor <= math.log1p(2 * rel_tol):
        return f"{value:.4g} is close but a little too {direction}: outside the tolerance of {100 * rel_tol:g} %."
    if log_factor < math.log(1.1):
        return f"{value:.4g} is too {direction}, by less than 10 %."
    if log_factor < math.log(2):
        return f"{value:.4g} is too {direction}, by more than 10 % but less than a factor of 2."
    if log_factor < math.log(5):
        return f"{value:.4g} is more than 2× too {direction}: check each factor of your formula."
    orders = max(1, round(log_factor / math.log(10)))
    size = "an order" if orders == 1 else f"{orders} orders"
    return f"{value:.4g} is too {direction} by about {size} of magnitude: check the units and powers of ten."




def function_check(answer, name: str, cases, judge, passed: str, *, returns) -> Verdict:
    """Grade a student's function: call it on each tuple of arguments in ``cases``.

    ``returns`` names what the function returns: a pair of names ("N", "D") for two numbers, or
    a phrase ("one number of tokens") for one. ``judge(*args, result)`` gets the result as floats and
    returns None when it is right, or a sentence saying what is wrong. Whatever the student's code
    raises is reported in one line, never as a traceback.
    """
    if unanswered(answer):
        return NOT_ANSWERED
    if not callable(answer):
        return Verdict("fail", f"pass your function itself ({name}, without brackets), got {shown(answer)}.")
    for args in cases:
        numbers = all(isinstance(a, (int, float)) for a in args)
        call = f"{name}({', '.join(f'{a:g}' for a in args)})" if numbers else ""
        try:
            result = answer(*copy.deepcopy(args))  # a function that edits its inputs cannot change the judge's
        except Exception as error:  # the student's code may fail in any way: report it in one line
            return Verdict("fail", f"{call or 'your ' + name} raised {type(error).__name__}: {error}")
        if unanswered(result):
            return NOT_ANSWERED
        pair = isinstance(returns, tuple)
        value = as_pair(result) if pair else as_number(result)
        if value is None:
            wanted = f"two numbers ({', '.join(returns)})" if pair else returns
            return Verdict("fail", f"{call or 'your ' + name} should return {wanted}, got {shown(result)}.")
        problem = judge(*args, value)
        if problem:
            return Verdict("fail", f"{call}: {problem}" if call else problem)
    return Verdict("pass", passed)


def choice(answer, correct: str, options: tuple[str, ...], *, why: str, hint: str) -> Verdict:
    """Pass if ``answer`` is the letter ``correct`` among ``options`` (case and spaces ignored)."""
    if unanswered(answer):
        return NOT_ANSWERED
    letter = str(answer).strip().lower()
    if letter not in options:
        return Verdict("fail", f"answer with one of the letters {', '.join(repr(k) for k in options)}; got {shown(answer)}.")
    if letter == correct:
        return Verdict("pass", f"correct: {why}")
    return Verdict("fail", f"({letter}) is not right. Hint: {hint}")
