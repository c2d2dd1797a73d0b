"""Input checks shared by every public function of the package, and the guard on their results.

Each helper takes a value and the name the student knows it by, and either returns
it as a float (scalar in, scalar out) or a float array (array in, array out), or
raises ``ValueError`` with one sentence that says what was wrong and what is allowed.

:func:`guard_module` (called once at the end of each science module) wraps every public
function and method so that a result that would overflow (inf or NaN from finite inputs),
a bare ``OverflowError``/``ZeroDivisionError`` and numpy's "could not be broadcast" error all
become one-sentence ``ValueError``s. See CONTRIBUTING.md, "Validation".
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import numbers
import re
import warnings
from pathlib import Path

import numpy as np


def _short(value) -> str:
    """A repr short enough for a one-line message (arrays are summarised)."""
    if isinstance(value, np.ndarray) or (isinstance(value, (list, tuple)) and len(value) > 6):
        return f"an array of shape {np.shape(value)}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _as_float(value, name: str):
    """Convert to float or float array; refuse strings, None, booleans, NaN, infinities and huge ints."""
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a number, got {_short(value)}.")
    try:
        arr = np.asarray(value, dtype=float)
    except OverflowError:
        raise ValueError(
            f"{name} is too large for a floating-point number (above 1.8e308), got {_short(value)}."
        ) from None
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers, got {_short(value)}.") from None
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty.")
    if np.asarray(value).dtype == bool:
        raise ValueError(f"{name} must be numbers, not True/False values.")
    bad = ~np.isfinite(arr)
    if np.any(bad):
        raise ValueError(f"{name} must be finite (no NaN or infinity), got {_describe(arr, bad)}.")
    return float(arr) if arr.ndim == 0 else arr


def _describe(value, bad) -> str:
    """Name the first offending element, so a student can find it."""
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(float(arr))
    index = tuple(int(i) for i in np.argwhere(bad)[0])
    where = index[0] if len(index) == 1 else index
    return f"{arr[index]:g} at position {where}"


def positive(value, name: str, unit: str = ""):
    """Return ``value`` as float(s) if every element is finite and > 0."""
    x = _as_float(value, name)
    bad = np.asarray(x) <= 0
    if np.any(bad):
        units = f" ({unit})" if unit else ""
        raise ValueError(f"{name}{units} must be greater than zero, got {_describe(x, bad)}.")
    return x


def nonnegative(value, name: str, unit: str = ""):
    """Return ``value`` as float(s) if every element is finite and >= 0."""
    x = _as_float(value, name)
    bad = np.asarray(x) < 0
    if np.any(bad):
        units = f" ({unit})" if unit else ""
        raise ValueError(f"{name}{units} must be zero or more, got {_describe(x, bad)}.")
    return x


def in_range(value, name: str, low: float, high: float, *, low_open: bool = False, high_open: bool = False):
    """Return ``value`` as float(s) if every element lies in the stated interval."""
    x = _as_float(value, name)
    arr = np.asarray(x)
    too_low = arr <= low if low_open else arr < low
    too_high = arr >= high if high_open else arr > high
    bad = too_low | too_high
    if np.any(bad):
        left = "(" if low_open else "["
        right = ")" if high_open else "]"
        raise ValueError(f"{name} must lie in {left}{low:g}, {high:g}{right}, got {_describe(x, bad)}.")
    return x


def fraction(value, name: str):
    """A share such as MFU or an accuracy: in (0, 1]."""
    return in_range(value, name, 0.0, 1.0, low_open=True)


def probability(value, name: str):
    """A probability: in [0, 1]."""
    return in_range(value, name, 0.0, 1.0)


def integer(value, name: str, minimum: int = 0) -> int:
    """Return ``value`` as int if it is a whole number >= ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, float, np.floating)):
        raise ValueError(f"{name} must be a whole number, got {_short(value)}.")
    if isinstance(value, numbers.Integral) and abs(int(value)) > 2**63:
        raise ValueError(f"{name} is too large, got {_short(value)}.")
    if not np.isfinite(value) or not float(value).is_integer():
        raise ValueError(f"{name} must be a whole number, got {shown(value)}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {shown(value)}.")
    return int(value)


def clamped(value, low: float, high: float, default: float) -> float:
    """A widget control's value clamped to [low, high]; NaN, non-numbers and arrays read as ``default``.

    Widgets clamp and never show a traceback: an infinity or an int too large for a float goes to
    the nearer bound, anything that is not one number to ``default``.
    """
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None or np.ndim(value) != 0:
        return float(default)
    try:
        x = float(value)
    except OverflowError:
        x = float("inf") if value > 0 else float("-inf")
    except (TypeError, ValueError):
        return float(default)
    if np.isnan(x):
        return float(default)
    return float(min(max(x, low), high))


def same_length(name_a: str, a, name_b: str, b) -> None:
    """Raise unless two 1-D arrays have the same length."""
    if np.shape(a) != np.shape(b):
        raise ValueError(f"{name_a} and {name_b} must have the same shape, got {np.shape(a)} and {np.shape(b)}.")


def samples(x, name: str, minimum: int):
    """A 1-D array of at least ``minimum`` points (used by the fitters)."""
    arr = np.atleast_1d(_as_float(x, name))
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a one-dimensional list of numbers, got shape {arr.shape}.")
    if arr.size < minimum:
        raise ValueError(f"{name} needs at least {minimum} points to fit, got {arr.size}.")
    return arr


def positive_columns(minimum: int, *columns) -> tuple:
    """The columns of one data set, one entry per run: each ``(values, name, unit)`` becomes a 1-D
    array of at least ``minimum`` positive numbers, all as long as the first (used by the fitters)."""
    arrays = [samples(values, name, minimum) for values, name, _ in columns]
    first_name = columns[0][1]
    for arr, (_, name, _) in zip(arrays[1:], columns[1:]):
        same_length(first_name, arrays[0], name[:1].lower() + name[1:], arr)
    for arr, (_, name, unit) in zip(arrays, columns):
        positive(arr, name, unit)
    return tuple(arrays)


# =============================================================================================
# The guard on results: nothing returns inf or NaN, nothing raises a bare arithmetic error
# =============================================================================================


def first_nonfinite(result, path: str = "the result"):
    """Where ``result`` (a number, array, tuple, dict or dataclass of them) holds inf or NaN, else None."""
    if isinstance(result, (bool, np.bool_, str, bytes, numbers.Integral)) or result is None:
        return None
    if isinstance(result, (float, np.floating, np.ndarray)):
        arr = np.asarray(result)
        if arr.dtype.kind not in "fc":
            return None
        bad = ~np.isfinite(arr)
        if not np.any(bad):
            return None
        return f"{path} = {_describe(arr, bad)}" if arr.ndim else f"{path} = {float(arr)!r}"
    if isinstance(result, (tuple, list)):
        for i, item in enumerate(result):
            found = first_nonfinite(item, f"{path}[{i}]")
            if found:
                return found
        return None
    if hasattr(result, "items") and not inspect.isclass(result):
        for key, item in result.items():
            found = first_nonfinite(item, f"{path}[{key!r}]")
            if found:
                return found
        return None
    if dataclasses.is_dataclass(result) and not inspect.isclass(result):
        for field in dataclasses.fields(result):
            found = first_nonfinite(getattr(result, field.name), f"{path}.{field.name}")
            if found:
                return found
    return None


def _array_shapes(args, kwargs) -> str:
    items = list(enumerate(args)) + list(kwargs.items())
    shapes = [
        f"{k if isinstance(k, str) else 'argument ' + str(k + 1)} {np.shape(v)}"
        for k, v in items
        if isinstance(v, (list, tuple, np.ndarray)) and np.ndim(v) > 0
    ]
    return ", ".join(shapes)


_GUARD_DEPTH = [0]  # how many guarded calls are on the stack (only the outermost re-issues warnings)


def finite_result(function):
    """Decorator: refuse, with one sentence, any result that would be inf or NaN from finite inputs.

    Also turns a bare ``OverflowError``, ``ZeroDivisionError`` or ``FloatingPointError``, and a
    solver's "did not converge" ``RuntimeError``, into a ``ValueError``, and numpy's "operands could not be broadcast" into a sentence that names the
    array arguments and their shapes.
    """
    name = function.__qualname__

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        outermost = not _GUARD_DEPTH[0]
        _GUARD_DEPTH[0] += 1
        try:
            with np.errstate(over="ignore", divide="ignore", invalid="ignore", under="ignore"):
                if outermost:  # re-issue warnings from here, so they point at the caller's line
                    with warnings.catch_warnings(record=True) as caught:
                        result = function(*args, **kwargs)
                    for item in caught:
                        warnings.warn(item.message, item.category, stacklevel=2)
                else:
                    result = function(*args, **kwargs)
        except (OverflowError, ZeroDivisionError, FloatingPointError):
            raise ValueError(
                f"{name}: these inputs are too extreme for floating-point arithmetic (a number overflowed "
                "or was divided by zero); use values closer to the documented ranges."
            ) from None
        except RuntimeError as error:
            if "converge" not in str(error):
                raise
            raise ValueError(
                f"{name}: the numerical solution did not converge for these inputs; use values closer to the "
                "documented ranges."
            ) from None
        except ValueError as error:
            text = str(error)
            if "could not be broadcast" in text or "shape mismatch" in text:
                raise ValueError(
                    f"{name}: the array arguments do not have matching lengths ({_array_shapes(args, kwargs)}); "
                    "pass scalars or arrays of the same length."
                ) from None
            if not _raised_here(error) or _library_words(text):
                raise ValueError(_in_our_words(name, error)) from None
            if len(text) > MAX_MESSAGE_CHARS:
                raise ValueError(_shortened(text)) from None
            raise
        except (TypeError, np.linalg.LinAlgError, AttributeError) as error:
            if _raised_here(error) and not isinstance(error, AttributeError) and not _library_words(str(error)):
                raise
            raise ValueError(_in_our_words(name, error)) from None
        finally:
            _GUARD_DEPTH[0] -= 1
        bad = first_nonfinite(result)
        if bad is not None:
            raise ValueError(
                f"{name} would give {bad}, not a finite number: these inputs lie beyond what floating point can "
                "represent; use values closer to the documented ranges."
            )
        return result

    guarded.__guarded__ = True
    return guarded


_PACKAGE = str(Path(__file__).resolve().parent)

#: Third-party messages a guarded function may meet, each with what it means for the caller.
_THIRD_PARTY_MEANINGS = (
    ("different signs", "no solution lies in the range searched"),
    ("singular", "the data do not determine the result (a singular system)"),
    ("zero-size array", "an argument is empty"),
    ("truth value of an array", "an argument that must be a single value (an option or a number) was an array"),
    ("not supported between", "an argument has the wrong type (text where a number belongs, or the reverse)"),
    ("did not contain a loop", "an argument has the wrong type (text where a number belongs, or the reverse)"),
    ("could not convert", "an argument is text that is not a number"),
    ("must be real number", "an argument has the wrong type"),
    ("has no attribute", "an argument is not the kind of object the function takes"),
)


def _raised_here(error: BaseException) -> bool:
    """Whether ``error`` was raised by the package's own code (its last traceback frame is in scaling/)."""
    tb = error.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and str(Path(last.tb_frame.f_code.co_filename).resolve()).startswith(_PACKAGE)


#: The longest refusal the package gives (tests/test_contract.py holds it to this).
MAX_MESSAGE_CHARS = 300
_LONG_NUMBER = re.compile(r"\d[\d,]{19,}(?:\.\d+)?(?:e[+-]?\d+)?")


def _library_words(text: str) -> bool:
    """Whether a message is a library's (numpy's "truth value of an array is ambiguous", ...)."""
    lowered = text.lower()
    return any(key in lowered for key, _ in _THIRD_PARTY_MEANINGS)


def _shortened(text: str) -> str:
    """A refusal that quoted a huge number (an int of 400 digits, 1e308 printed in full) with the number
    described instead, and cut to MAX_MESSAGE_CHARS."""
    text = _LONG_NUMBER.sub(lambda m: f"a number of {len(re.sub(r'[^0-9]', '', m.group(0)))} digits", text)
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def _in_our_words(name: str, error: BaseException) -> str:
    """A one-sentence refusal for an error a library raised inside ``name`` (never the library's text)."""
    text = str(error).lower()
    meaning = next((m for key, m in _THIRD_PARTY_MEANINGS if key in text), "a calculation inside it failed")
    return (
        f"{name} cannot use these inputs: {meaning}. Check each argument against the function's docstring "
        "(units, single values or arrays of one length, ranges)."
    )


def guard_module(namespace: dict) -> None:
    """Apply :func:`finite_result` to every public function, method and property defined in a module.

    Call it once, as the last line of the module: ``check.guard_module(globals())``.
    """
    module = namespace["__name__"]
    for key, obj in list(namespace.items()):
        if key.startswith("_") or getattr(obj, "__module__", None) != module:
            continue
        if inspect.isfunction(obj) and not getattr(obj, "__guarded__", False):
            namespace[key] = finite_result(obj)
        elif inspect.isclass(obj) and not issubclass(obj, BaseException):
            for attr, member in list(vars(obj).items()):
                if attr in ("__init__", "__post_init__") and inspect.isfunction(member):
                    if not getattr(member, "__guarded__", False):
                        setattr(obj, attr, finite_result(member))
                    continue
                if attr.startswith("_"):
                    continue
                if inspect.isfunction(member) and not getattr(member, "__guarded__", False):
                    setattr(obj, attr, finite_result(member))
                elif isinstance(member, property) and member.fget and not getattr(member.fget, "__guarded__", False):
                    setattr(obj, attr, property(finite_result(member.fget), member.fset, member.fdel, member.__doc__))


#: The longest description of a value an error message or a verdict quotes.
SHOWN_CHARS = 60


def shown(value) -> str:
    """A short description of any value for a message: its repr when short, else what kind of thing it is
    (never a 5 MB repr of a large array, nor a multi-line one)."""
    if isinstance(value, np.ndarray):
        if value.size == 0:
            return "an empty array"
        if value.size > 4 or value.ndim != 1:
            return f"an array of shape {value.shape}"
        return "[" + ", ".join(shown(v.item()) for v in value) + "]"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**40:
        return f"an integer of {len(str(abs(value)))} digits"
    try:
        text = repr(value)
    except Exception:  # a student's object whose __repr__ raises
        return f"an object of type {type(value).__name__}"
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
