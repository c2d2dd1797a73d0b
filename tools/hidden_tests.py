"""Hidden tests for otter-grader, written at build time with their expected values as literals.

Each test is the source of one otter *exception-based* test case: a function whose parameters
name the notebook globals it reads (otter passes their values) and which raises to fail. The
test file is executed in its own namespace, not the notebook's, and the tests recompute
nothing with code a submission can reach: expected values are literals computed here, by the
package, when the assignment is built. A student's function is only ever called with the test
inputs below; the expected value is assigned after that call.

How each kind of question is graded:

* a number: within the relative tolerance of the course's own check (1 point);
* a letter: exactly that letter, as a string (1 point);
* an interval (low, high): its interval score against the held-out value at most the bar (1 point);
* a function: one test case per input below, each worth 1 point (partial credit);
* the budgeted lab (3.6): N_opt within the service's factor and the loss within its relative
  tolerance of the hidden law's optimum, 1 point each.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np

from scaling import chinchilla
from scaling.chinchilla import ChinchillaLaw

#: Inputs on which the hidden tests call each function question, as Python source (the public
#: checks use other inputs). ``numpy`` and ``ChinchillaLaw`` are in scope.
FUNCTION_CASES = {
    "1.3": [
        "numpy.array([2.0, 20.0, 200.0, 2000.0]), numpy.array([7.0, 3.6, 1.7, 0.88])",
        "numpy.array([1.0, 3.0, 9.0, 27.0, 81.0]), numpy.array([0.9, 0.52, 0.31, 0.18, 0.1])",
        "numpy.array([10.0, 1000.0]), numpy.array([2.0, 0.5])",
    ],
    "2.3": ["1e21", "3.14e23", "1e25"],
    "3.2": [
        "1e22, ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)",
        "5.76e23, ChinchillaLaw(E=1.8, A=400.0, B=500.0, alpha=0.3, beta=0.35)",
        "1e26, ChinchillaLaw(E=1.82, A=482.0, B=2085.0, alpha=0.35, beta=0.37)",
    ],
    "4.3": ["13e9, 2.0", "2e9, 2.3", "200e9, 1.9"],
    "5.2": ["2e9, 1.0", "5e10, 6.0", "1e11, 40.0"],
    "6.2": ["10, 0, 5", "50, 10, 5", "100, 95, 10", "30, 2, 1"],
    "7.3": ["2e24, 989e12, 0.35, 1024, 2.0", "3.8e25, 312e12, 0.5, 16384, 1.5", "1e21, 1e15, 0.2, 8, 3.0"],
    "7.5": ["32, 8192", "2048, 128", "8, 2048"],  # bandwidth-bound with the caches; compute-bound; weights-bound
}

#: Relative tolerance of a function's outputs (the public checks use 1e-6 too).
FUNCTION_RTOL = 1e-6

# The finite-number test is written with comparisons only (NaN fails both): `math` and `numpy`
# are modules a submission could patch.
_FINITE = "-1e308 < {x} < 1e308"


@dataclass
class TestCase:
    """One hidden test case: its otter name, points and function source."""

    name: str
    points: float
    source: str

    @property
    def otter_body(self) -> str:
        """The text otter writes for this case into the test file (``ast.unparse`` of the function)."""
        return ast.unparse(ast.parse(self.source).body[0])

    def cell_source(self) -> str:
        """The test cell of the otter master notebook."""
        return f'""" # BEGIN TEST CONFIG\npoints: {self.points}\nhidden: true\n""" # END TEST CONFIG\n{self.source}'


def _function_name(exercise_id: str, suffix: str = "") -> str:
    return "test_" + exercise_id.replace(".", "_") + suffix


def number_test(exercise_id: str, name: str, expected: float, rel_tol: float) -> list[TestCase]:
    source = f"""def {_function_name(exercise_id)}({name}):
    got = float({name})
    want = {float(expected)!r}
    ok = {_FINITE.format(x="got")} and abs(got - want) <= {rel_tol!r} * max(abs(got), abs(want))
    assert ok, "Exercise {exercise_id}: not within {rel_tol:.1%} of the expected value."
"""
    return [TestCase(exercise_id, 1, source)]


def interval_test(exercise_id: str, name: str, truth: float, alpha: float, bar: float) -> list[TestCase]:
    """An interval (low, high) whose interval score at ``alpha`` against the held-out ``truth`` is at most ``bar``."""
    source = f"""def {_function_name(exercise_id)}({name}):
    low, high = (float(v) for v in {name})
    want = {float(truth)!r}
    ok = {_FINITE.format(x="low")} and {_FINITE.format(x="high")} and 0.0 <= low <= high <= 1.0
    miss = (low - want if want < low else 0.0) + (want - high if want > high else 0.0)
    ok = ok and (high - low) + {2.0 / alpha!r} * miss <= {float(bar)!r}
    assert ok, "Exercise {exercise_id}: the interval score is above {bar:g}."
"""
    return [TestCase(exercise_id, 1, source)]


def choice_test(exercise_id: str, name: str, correct: str) -> list[TestCase]:
    source = f"""def {_function_name(exercise_id)}({name}):
    got = {name}.strip().lower() if type({name}) is str else None
    want = {correct!r}
    ok = got == want
    assert ok, "Exercise {exercise_id}: not the right letter."
"""
    return [TestCase(exercise_id, 1, source)]


def function_tests(exercise_id: str, name: str, solution) -> list[TestCase]:
    """One case per input of FUNCTION_CASES, expected outputs from the master's worked solution."""
    if exercise_id not in FUNCTION_CASES:
        raise SystemExit(
            f"Exercise {exercise_id} asks for a function: give its hidden test inputs in "
            "FUNCTION_CASES of tools/hidden_tests.py (other inputs than its public check's)."
        )
    cases = []
    for index, args in enumerate(FUNCTION_CASES[exercise_id], start=1):
        expected = [float(v) for v in np.ravel(np.asarray(solution(*eval(f"({args},)", _CASE_SCOPE)), dtype=float))]
        if not all(np.isfinite(expected)):
            raise ValueError(f"Exercise {exercise_id}: the worked solution gives {expected} on ({args}).")
        imports = "    import numpy\n" + (
            "    from scaling.chinchilla import ChinchillaLaw\n" if "ChinchillaLaw" in args else ""
        )
        source = f"""def {_function_name(exercise_id, f"_case_{index}")}({name}):
{imports}    args = ({args},)
    out = {name}(*args)
    got = [float(v) for v in numpy.ravel(numpy.asarray(out, dtype=float))]
    want = {expected!r}
    ok = len(got) == len(want) and all(
        {_FINITE.format(x="g")} and abs(g - w) <= {FUNCTION_RTOL!r} * max(abs(g), abs(w)) + 1e-12
        for g, w in zip(got, want))
    assert ok, "Exercise {exercise_id}, hidden case {index}: wrong result."
"""
        cases.append(TestCase(f"{exercise_id} case {index}", 1, source))
    return cases


_CASE_SCOPE = {"numpy": np, "ChinchillaLaw": ChinchillaLaw}


def lab_tests(
    exercise_id: str, name: str, law: ChinchillaLaw, at_flops: float, n_factor: float, loss_rel_tol: float, key: tuple
) -> list[TestCase]:
    """N_opt and the loss at ``at_flops`` against the hidden law's optimum, one point each.

    Both need the notebook's ``service`` to be the student's own lab (``key``: its seed, budget,
    noise and graded flag) with runs trained: numbers copied from a classmate's lab, or a
    notebook handed in whole, score 0.
    """
    truth = chinchilla.compute_optimal(at_flops, law)
    own_lab = (
        f"type(service).__name__ == 'TrainingService' and getattr(service, '_key', None) == {key!r}"
        " and len(service.runs) > 0"
    )
    n_source = f"""def {_function_name(exercise_id, "_n_opt")}({name}, service):
    got = float({name}[0])
    own = {own_lab}
    want = {float(truth.N)!r}
    ok = own and 0 < got < 1e308 and max(got / want, want / got) <= {n_factor!r}
    assert ok, "Exercise {exercise_id}: N_opt is not within a factor {n_factor:g} of your lab's optimum."
"""
    loss_source = f"""def {_function_name(exercise_id, "_loss")}({name}, service):
    got = float({name}[1])
    own = {own_lab}
    want = {float(truth.loss)!r}
    ok = own and {_FINITE.format(x="got")} and abs(got / want - 1) <= {loss_rel_tol!r}
    assert ok, "Exercise {exercise_id}: the loss is not within {loss_rel_tol:.0%} of your lab's optimum."
"""
    return [TestCase(f"{exercise_id} N_opt", 1, n_source), TestCase(f"{exercise_id} loss", 1, loss_source)]
