"""Hidden tests for otter-grader, written at build time with their expected values as literals.

Each test is the source of one otter *exception-based* test case: a function whose parameters
name the notebook globals it reads (otter passes their values) and which raises to fail. The
test file is executed in its own namespace, not the notebook's, and the tests recompute
nothing with code a submission can reach: expected values are literals computed here, from each
exercise's declaration (scaling/exercises/chNN.py), when the assignment is built. A student's
function is only ever called with the declared hidden inputs; the expected value is assigned after
that call.

How each kind of question is graded:

* a number: within the relative tolerance of the course's own check (1 point);
* a letter: exactly that letter, as a string (1 point);
* an interval (low, high): its interval score against the held-out value at most the bar (1 point);
* a function: one test case per input of its declaration's ``hidden`` cases, each worth 1 point
  (partial credit), expected outputs from its ``reference``;
* the budgeted lab (3.6): N_opt within the service's factor and the loss within its relative
  tolerance of the hidden law's optimum, 1 point each.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import numpy as np

from scaling.chinchilla import ChinchillaLaw

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


def choice_test(exercise_id: str, name: str, correct: str) -> list[TestCase]:
    source = f"""def {_function_name(exercise_id)}({name}):
    got = {name}.strip().lower() if type({name}) is str else None
    want = {correct!r}
    ok = got == want
    assert ok, "Exercise {exercise_id}: not the right letter."
"""
    return [TestCase(exercise_id, 1, source)]


def function_tests(exercise, name: str) -> list[TestCase]:
    """One case per input of the declaration's ``hidden`` cases, expected outputs from its ``reference``."""
    if not exercise.hidden:
        raise SystemExit(
            f"Exercise {exercise.id} asks for a function: declare its hidden test inputs (hidden=...) in "
            "scaling/exercises, other inputs than its public check's."
        )
    cases = []
    for index, args in enumerate(exercise.hidden, start=1):
        result = exercise.reference(*eval(f"({args},)", _CASE_SCOPE))
        expected = [float(v) for v in np.ravel(np.asarray(result, dtype=float))]
        if not all(np.isfinite(expected)):
            raise ValueError(f"Exercise {exercise.id}: the reference gives {expected} on ({args}).")
        imports = "    import numpy\n" + (
            "    from scaling.chinchilla import ChinchillaLaw\n" if "ChinchillaLaw" in args else ""
        )
        source = f"""def {_function_name(exercise.id, f"_case_{index}")}({name}):
{imports}    args = ({args},)
    out = {name}(*args)
    got = [float(v) for v in numpy.ravel(numpy.asarray(out, dtype=float))]
    want = {expected!r}
    ok = len(got) == len(want) and all(
        {_FINITE.format(x="g")} and abs(g - w) <= {exercise.rel_tol!r} * max(abs(g), abs(w)) + 1e-12
        for g, w in zip(got, want))
    assert ok, "Exercise {exercise.id}, hidden case {index}: wrong result."
"""
        cases.append(TestCase(f"{exercise.id} case {index}", 1, source))
    return cases


_CASE_SCOPE = {"numpy": np, "ChinchillaLaw": ChinchillaLaw}


def interval_test(exercise, name: str) -> list[TestCase]:
    """An interval (low, high) whose interval score against the held-out value is at most the bar (1 point)."""
    source = f"""def {_function_name(exercise.id)}({name}):
    low, high = (float(v) for v in {name})
    want = {float(exercise.truth())!r}
    ok = {_FINITE.format(x="low")} and {_FINITE.format(x="high")} and 0.0 <= low <= high <= 1.0
    miss = (low - want if want < low else 0.0) + (want - high if want > high else 0.0)
    ok = ok and (high - low) + {2.0 / exercise.alpha!r} * miss <= {float(exercise.bar)!r}
    assert ok, "Exercise {exercise.id}: the interval score is above {exercise.bar:g}."
"""
    return [TestCase(exercise.id, 1, source)]


def lab_tests(exercise, name: str, seed: int, graded: bool) -> list[TestCase]:
    """N_opt and the loss at the lab's extrapolated budget against the hidden law's optimum, one point each.

    Both need the notebook's ``service`` to be the student's own lab (its seed, budget, noise and
    graded flag) with runs trained: numbers copied from a classmate's lab, or a notebook handed in
    whole, score 0.
    """
    truth_n, truth_loss = exercise.optimum(seed, graded)
    n_factor, loss_rel_tol = exercise.n_factor, exercise.loss_rel_tol
    key = (seed, float(exercise.budget), float(exercise.noise), graded)
    own_lab = (
        f"type(service).__name__ == 'TrainingService' and getattr(service, '_key', None) == {key!r}"
        " and len(service.runs) > 0"
    )
    n_source = f"""def {_function_name(exercise.id, "_n_opt")}({name}, service):
    got = float({name}[0])
    own = {own_lab}
    want = {truth_n!r}
    ok = own and 0 < got < 1e308 and max(got / want, want / got) <= {n_factor!r}
    assert ok, "Exercise {exercise.id}: N_opt is not within a factor {n_factor:g} of your lab's optimum."
"""
    loss_source = f"""def {_function_name(exercise.id, "_loss")}({name}, service):
    got = float({name}[1])
    own = {own_lab}
    want = {truth_loss!r}
    ok = own and {_FINITE.format(x="got")} and abs(got / want - 1) <= {loss_rel_tol!r}
    assert ok, "Exercise {exercise.id}: the loss is not within {loss_rel_tol:.0%} of your lab's optimum."
"""
    return [TestCase(f"{exercise.id} N_opt", 1, n_source), TestCase(f"{exercise.id} loss", 1, loss_source)]
