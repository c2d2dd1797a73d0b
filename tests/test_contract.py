"""The contract of the public API (issue 16), checked over every public callable.

For each entry of the registry (tests/contracts/, one file per module of the package):

* inside the typical domain every call returns a finite result of the documented shape;
* over the extreme but finite domain (1e-300 to 1e300 for a positive number, and so on) a call
  returns a finite result or raises a one-line ``ValueError``: never inf or NaN, never another
  exception, never a hang (each call has a time limit) or a runaway allocation (a memory limit);
* outside the domain (NaN, ±inf, strings, None, booleans, ints too large for a float and each
  kind's own bad values) the call raises ``ValueError`` or ``TypeError`` with a one-line message.

Hypothesis is derandomized, so the examples are the same on every run. A public callable that is
missing from the registry fails ``test_every_public_callable_is_registered``, which prints the
entry to add and the file of its module to add it to.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import math
import pkgutil
import re
import resource
import signal
import warnings

import numpy as np
import pytest
from contracts import FIGURE_MODULES, GRADERS, REGISTRY, SOURCES, file_for
from contracts.specs import Exempt, F, Fixed, Num, OneOf
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import scaling
from scaling._validate import _raised_here, first_nonfinite
from scaling.exercises.graders import Verdict
from scaling.exercises.registry import EXERCISES

# --- Discovery ----------------------------------------------------------------------------------


def public_callables() -> dict:
    """Every public function and class of the package, keyed by ``module.qualname`` of its definition."""
    found = {}
    for info in pkgutil.walk_packages(scaling.__path__, "scaling."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if not callable(obj) or not (getattr(obj, "__module__", "") or "").startswith("scaling"):
                continue
            if inspect.isclass(obj) and issubclass(obj, BaseException):
                continue  # warnings and errors are raised, not called
            if obj.__module__ != info.name and getattr(module, "__all__", None) is None:
                continue  # imported from elsewhere; registered where it is defined
            found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


PUBLIC = public_callables()
NUMERIC = sorted(k for k, v in REGISTRY.items() if isinstance(v, F))


def _suggest(name: str) -> str:
    """The spec other entries give an argument of this name (by its constant's name when it has one)."""
    import collections

    from contracts import specs

    seen = collections.Counter(repr(e.args[name]) for e in REGISTRY.values() if isinstance(e, F) and name in e.args)
    if not seen:
        return "Num(low, high, kind)"
    text = seen.most_common(1)[0][0]
    for constant, value in vars(specs).items():
        if constant.isupper() and isinstance(value, (Num, Fixed, OneOf)) and repr(value) == text:
            return constant
    return text


def _template(key: str, obj) -> str:
    try:
        params = inspect.signature(obj).parameters.values()
    except (TypeError, ValueError):
        params = []
    args = ", ".join(
        f"{p.name}={_suggest(p.name)}"
        for p in params
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    )
    return f'    "{key}": F({args}),  # or Exempt("why it is not numeric, and where it is tested")'


def test_every_public_callable_is_registered():
    unregistered = {k: v for k, v in PUBLIC.items() if k not in REGISTRY and not k.startswith(FIGURE_MODULES)}
    by_file: dict[str, list[str]] = {}
    for key, obj in sorted(unregistered.items()):
        by_file.setdefault(file_for(obj.__module__), []).append(_template(key, obj))
    assert not unregistered, (
        f"{len(unregistered)} public callable(s) have no contract entry. Paste each into ENTRIES of the file "
        "named above it (a new file is written like its neighbours: `from contracts.specs import ...` and "
        "ENTRIES = {...}), and adjust: Num(low, high, kind) gives the typical range (values of the book, where "
        "the call must succeed) and the kind of value it must refuse (see INVALID in tests/contracts/specs.py); "
        "arguments with defaults may be added the same way; returns= is 'elementwise' (default), 'scalar', 'int', "
        "'str' or 'object':\n" + "\n".join(f"{name}:\n" + "\n".join(lines) for name, lines in by_file.items())
    )
    stale = sorted(
        f"{key} ({SOURCES.get(key, 'added for an undeclared exercise')})" for key in set(REGISTRY) - set(PUBLIC)
    )
    assert not stale, f"contract entries for callables that no longer exist: {stale}"


def test_every_entry_is_in_the_file_of_its_module():
    """A module's entries live in one file of tests/contracts/ (so a new module edits no shared file)."""
    misplaced = [
        f"{key}: in {SOURCES[key]}, belongs in {file_for(PUBLIC[key].__module__)}"
        for key in SOURCES
        if key in PUBLIC and SOURCES[key] != file_for(PUBLIC[key].__module__)
    ]
    assert not misplaced, "move these entries:\n" + "\n".join(misplaced)


def test_every_numeric_function_is_guarded():
    """A module whose numeric functions are in the contract ends with check.guard_module(globals()) (chapter
    3's frontier_map once raised a bare ZeroDivisionError at 5e-324 FLOPs because its module did not)."""
    unguarded = [
        key
        for key in NUMERIC
        if inspect.isfunction(PUBLIC[key])
        and not getattr(PUBLIC[key], "__guarded__", False)
        and not key.startswith("scaling.widgets.")  # widget updates clamp every control instead (CONTRIBUTING)
    ]
    assert not unguarded, f"end these modules with check.guard_module(globals()): {unguarded}"


def test_every_exemption_gives_a_reason():
    for key, entry in REGISTRY.items():
        if isinstance(entry, Exempt):
            assert len(entry.reason) > 10, key


# --- Limits on time and memory -----------------------------------------------------------------


class Hang(Exception):
    pass


@contextlib.contextmanager
def limits(seconds: float, extra_bytes: int = 2 << 30):
    """Raise Hang after ``seconds``; refuse allocations beyond ``extra_bytes`` more address space."""

    def on_alarm(signum, frame):
        raise Hang(f"took longer than {seconds} s")

    old_handler = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * resource.getpagesize()
    cap = used + extra_bytes if hard == resource.RLIM_INFINITY else min(hard, used + extra_bytes)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)


def call(key: str, kwargs: dict, seconds: float):
    function = PUBLIC[key]
    with limits(seconds), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(**kwargs)


# --- Strategies ---------------------------------------------------------------------------------


def _number(low, high, integer: bool, log: bool):
    if integer:
        low, high = int(math.ceil(low)), int(math.floor(high))
        if log and low >= 1 and high / low > 1000:
            return st.floats(math.log10(low), math.log10(high)).map(lambda e: max(low, min(high, int(round(10**e)))))
        return st.integers(low, high)
    if log and low > 0:
        return st.floats(math.log10(low), math.log10(high)).map(lambda e: min(high, max(low, 10.0**e)))
    return st.floats(low, high)


def typical(spec):
    if isinstance(spec, Num):
        return _number(spec.low, spec.high, spec.integer, spec.log)
    if isinstance(spec, OneOf):
        return st.sampled_from(spec.options)
    return st.just(spec.value)


def extreme(spec):
    if isinstance(spec, Num):
        low, high = spec.extreme_range()
        edges = st.sampled_from([low, high])
        if spec.integer:
            return st.one_of(edges, _number(low, high, True, True))
        if low > 0:
            return st.one_of(edges, _number(low, high, False, True))
        if low == 0:
            return st.one_of(
                edges, st.just(5e-324), _number(1e-300, high, False, True) if high > 1 else st.floats(0, high)
            )
        return st.one_of(edges, st.floats(low, high))
    return typical(spec)


def _settings(entry: F):
    # No shrinking: a failing call is reported as found (shrinking would repeat slow calls).
    return settings(
        max_examples=entry.examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


# --- Checks -------------------------------------------------------------------------------------


def check_shape(key: str, entry: F, kwargs: dict, result):
    if entry.returns == "str":
        assert isinstance(result, str), f"{key} should return a string, got {type(result).__name__}"
        return
    bad = first_nonfinite(result)
    assert bad is None, f"{key}({kwargs}) returned {bad}"
    if entry.returns in ("scalar", "elementwise"):
        assert np.ndim(result) == 0 and isinstance(result, (float, np.floating, int, np.integer)), (
            f"{key} should return one number for scalar inputs, got {type(result).__name__} of shape {np.shape(result)}"
        )
    elif entry.returns == "int":
        assert isinstance(result, (int, np.integer)), f"{key} should return a whole number, got {result!r}"


#: The longest refusal the package may give (a sentence, not a repr of the argument).
MAX_MESSAGE = 300
#: Library messages that must never reach a reader as they are.
THIRD_PARTY = re.compile(
    r"f\(a\) and f\(b\)|Singular matrix|zero-size array|truth value of an array|could not convert|"
    r"not supported between|did not contain a loop|array\(\[|Traceback"
)


def check_refusal(key: str, error: Exception, kwargs):
    assert isinstance(error, (ValueError, TypeError)), (
        f"{key}({kwargs}) raised {type(error).__name__}: {error}; expected a ValueError with a sentence"
    )
    message = str(error)
    assert message and "\n" not in message, (
        f"{key}({kwargs}) raised a message that is empty or not one line: {message!r}"
    )
    assert len(message) < MAX_MESSAGE, f"{key}({kwargs}) raised a message of {len(message)} characters"
    assert _raised_here(error), (
        f"{key}({kwargs}) let a library's message through ({type(error).__name__}: {message}); refuse with a "
        "sentence of the package's own"
    )
    assert not THIRD_PARTY.search(message), f"{key}({kwargs}) passed on a library's words: {message}"


@pytest.mark.parametrize("key", NUMERIC)
def test_inside_the_domain_results_are_finite_and_shaped(key):
    entry = REGISTRY[key]

    @_settings(entry)
    @given(st.fixed_dictionaries({name: typical(spec) for name, spec in entry.args.items()}))
    def run(kwargs):
        result = call(key, kwargs, entry.seconds)
        check_shape(key, entry, kwargs, result)

    run()


@pytest.mark.parametrize("key", [k for k in NUMERIC if REGISTRY[k].returns == "elementwise"])
def test_elementwise_functions_keep_the_shape_of_an_array_argument(key):
    entry = REGISTRY[key]
    name, spec = next((n, s) for n, s in entry.args.items() if isinstance(s, Num))
    kwargs = {
        n: (s.low if isinstance(s, Num) else typical(s).example() if isinstance(s, OneOf) else s.value)
        for n, s in entry.args.items()
    }
    values = (
        np.array([spec.low, spec.high, spec.high]) if not spec.integer else np.array([spec.low, spec.high, spec.high])
    )
    kwargs[name] = values
    result = call(key, kwargs, entry.seconds)
    assert np.shape(result) == (3,), f"{key} with {name} of shape (3,) returned shape {np.shape(result)}"
    assert first_nonfinite(result) is None


@pytest.mark.parametrize("key", [k for k in NUMERIC if any(isinstance(s, Num) for s in REGISTRY[k].args.values())])
def test_extreme_finite_inputs_give_a_finite_result_or_a_sentence(key):
    entry = REGISTRY[key]

    @_settings(F(examples=max(entry.examples, 2 * entry.examples)))
    @given(st.fixed_dictionaries({name: extreme(spec) for name, spec in entry.args.items()}))
    def run(kwargs):
        try:
            result = call(key, kwargs, entry.seconds)
        except Hang:
            pytest.fail(f"{key}({kwargs}) did not finish within {entry.seconds} s: refuse beyond a documented limit")
        except MemoryError:
            pytest.fail(f"{key}({kwargs}) asked for more than 2 GiB: refuse beyond a documented limit")
        except Exception as error:  # noqa: BLE001 - the contract is about which exceptions escape
            check_refusal(key, error, kwargs)
            assert isinstance(error, ValueError), f"{key}({kwargs}) raised {type(error).__name__}: {error}"
        else:
            if entry.returns != "str":
                bad = first_nonfinite(result)
                assert bad is None, f"{key}({kwargs}) returned {bad}"

    run()


def _outside_cases():
    for key in NUMERIC:
        for name, spec in REGISTRY[key].args.items():
            values = spec.invalid_values() if isinstance(spec, Num) else spec.invalid
            for value in values:
                yield key, name, value


def _base_kwargs(entry: F) -> dict:
    return {
        n: (s.low if isinstance(s, Num) else s.options[0] if isinstance(s, OneOf) else s.value)
        for n, s in entry.args.items()
    }


@pytest.mark.parametrize("key", NUMERIC)
def test_outside_the_domain_calls_are_refused_with_one_line(key):
    entry = REGISTRY[key]
    base = _base_kwargs(entry)
    for name, spec in entry.args.items():
        values = spec.invalid_values() if isinstance(spec, Num) else spec.invalid
        for value in values:
            kwargs = dict(base, **{name: value})
            try:
                result = call(key, kwargs, entry.seconds)
            except Hang:
                pytest.fail(f"{key} with {name}={value!r} did not finish within {entry.seconds} s")
            except Exception as error:  # noqa: BLE001
                assert not entry.clamps, (
                    f"widget update {key} raised {type(error).__name__} for {name}={value!r}: {error}"
                )
                check_refusal(key, error, {name: value})
            else:
                if entry.clamps:  # widgets clamp and never show a traceback
                    assert first_nonfinite(result) is None, (
                        f"{key} with {name}={value!r} gave {first_nonfinite(result)}"
                    )
                else:
                    pytest.fail(
                        f"{key} accepted {name}={value!r} and returned {result!r:.200}; it must raise ValueError"
                    )


@pytest.mark.parametrize("key", GRADERS)
def test_exercise_graders_answer_any_input_with_a_verdict(key):
    grader = EXERCISES[key].grade
    for answer in (
        ...,
        None,
        0,
        -1.0,
        1e300,
        10**400,
        float("nan"),
        float("inf"),
        "text",
        True,
        np.True_,
        [1.0, 2.0],
        np.array([]),
        lambda *a: None,
        "a",
        "z",
    ):
        with limits(10.0), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            verdict = grader(answer)
        assert isinstance(verdict, Verdict) and "\n" not in verdict.message.strip(), (key, answer)


# --- Properties and methods of what the package returns ------------------------------------------


def _members(result) -> list[str]:
    """Public properties and argument-free methods of a result object (dataclasses and classes of the package)."""
    cls = type(result)
    if not (cls.__module__ or "").startswith("scaling"):
        return []
    names = []
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            names.append(name)
        elif inspect.isfunction(member):
            params = list(inspect.signature(member).parameters.values())[1:]
            if all(
                p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params
            ):
                names.append(name)
    return names


def _touch_members(key: str, kwargs: dict, result) -> None:
    for name in _members(result):
        try:
            with limits(REGISTRY[key].seconds), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = getattr(result, name)
                if callable(value):
                    value = value()
        except Hang:
            pytest.fail(f"{key}({kwargs}).{name} did not finish: refuse beyond a documented limit")
        except Exception as error:  # noqa: BLE001 - the contract is about which exceptions escape
            check_refusal(f"{key}(...).{name}", error, kwargs)
            assert isinstance(error, ValueError), f"{key}({kwargs}).{name} raised {type(error).__name__}: {error}"
        else:
            if isinstance(value, (float, np.floating, np.ndarray)):
                assert first_nonfinite(value) is None, f"{key}({kwargs}).{name} gave {first_nonfinite(value)}"


OBJECTS = [k for k in NUMERIC if REGISTRY[k].returns == "object" or inspect.isclass(PUBLIC[k])]


@pytest.mark.parametrize("key", OBJECTS)
def test_properties_and_methods_of_results_give_a_number_or_a_sentence(key):
    """randomfeatures.Setup(noise=1e300).floor and ComputeOptimal(1e21, 0.0, 1e11, 2.0).tokens_per_param once
    raised bare arithmetic errors: every property and argument-free method of a result is checked too,
    at typical and extreme arguments."""
    entry = REGISTRY[key]
    strategy = st.one_of(
        st.fixed_dictionaries({name: typical(spec) for name, spec in entry.args.items()}),
        st.fixed_dictionaries({name: extreme(spec) for name, spec in entry.args.items()}),
    )

    @_settings(F(examples=max(4, entry.examples)))
    @given(strategy)
    def run(kwargs):
        try:
            result = call(key, kwargs, entry.seconds)
        except Exception:  # noqa: BLE001 - refusals are the other tests' subject
            return
        for item in result if isinstance(result, list) else [result]:
            _touch_members(key, kwargs, item)

    run()


# --- Hostile arguments, one at a time (issue 29) -------------------------------------------------------

#: Documented slow calls a hostile argument may reach (their docstrings state the cost).
SLOW_BY_DESIGN = {("scaling.chinchilla.parametric.fit_reference_loop", "starts")}


def _hostile_values(spec) -> dict:
    low = spec.low if isinstance(spec, Num) else 1.0
    return {
        "empty": np.empty(0), "2-D": np.full((2, 3), low), "10^6 elements": np.full(10**6, low), "list": [],
        "dict": {}, "text": "x", "None": None, "object": object(), "10**400": 10**400, "5e-324": 5e-324,
        "1e308": 1e308,
    }  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("key", NUMERIC)
def test_every_argument_survives_hostile_values(key):
    """Each argument in turn gets an empty, 2-D or million-element array, a container, text, None, an object,
    an int beyond float, a subnormal or 1e308 (and two numeric arguments mismatched lengths); every call
    returns a finite result or refuses with one short sentence of the package's own, within 20 s and 2 GiB.
    (A fuzz of this kind found 121 failures: numpy's "truth value of an array is ambiguous", reprs of huge
    numbers, AttributeErrors, calls without a limit.)"""
    entry = REGISTRY[key]
    base = _base_kwargs(entry)
    cases = [
        (name, label, {**base, name: value})
        for name, spec in entry.args.items()
        for label, value in _hostile_values(spec).items()
        if (key, name) not in SLOW_BY_DESIGN
    ]
    numeric = [n for n, s in entry.args.items() if isinstance(s, Num)]
    if len(numeric) >= 2:
        a, b = numeric[:2]
        mismatched = {a: np.full(3, entry.args[a].low), b: np.full(2, entry.args[b].low)}
        cases.append((f"{a}, {b}", "lengths 3 and 2", {**base, **mismatched}))
    for name, label, kwargs in cases:
        try:
            result = call(key, kwargs, 20.0)
        except Hang:
            pytest.fail(f"{key} with {name} = {label} took over 20 s: refuse beyond a documented limit")
        except MemoryError:
            pytest.fail(f"{key} with {name} = {label} asked for over 2 GiB: refuse beyond a documented limit")
        except Exception as error:  # noqa: BLE001 - the contract is about which exceptions escape
            check_refusal(f"{key} with {name} = {label}", error, {})
        else:
            if entry.returns != "str":
                assert first_nonfinite(result) is None, (
                    f"{key} with {name} = {label} returned {first_nonfinite(result)}"
                )
