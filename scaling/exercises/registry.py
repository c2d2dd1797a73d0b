"""The exercises, each declared once: what kind of answer it takes and how its expected value is computed.

A chapter's module (``chNN.py``) declares each exercise with one call beside its check::

    declare(Number("1.1", lambda: powerlaw.scale_for_reduction(kaplan.ALPHA_N, 0.9), rel_tol=0.01,
                   unit="× larger model", hint="solve 0.9 = k^(−α) for the growth factor k."))

Everything reads the declarations and nothing else: ``check``/``grade`` grade with them, the otter
assignment builder (tools/make_assignment.py) writes its hidden tests from them, and the fair-feedback
tests (tests/test_feedback.py) try their feedback. The kinds:

* :class:`Number`: one number within a relative tolerance, with named :class:`Slip` s;
* :class:`Percent`: a number in percent, which also names a fraction given instead and the opposite sign;
* :class:`Choice`: one letter among options;
* :class:`Function`: a function the student writes, called on public cases by the check and on
  ``hidden`` cases by the otter autograder, compared with a reference implementation;
* :class:`Lab`: the budgeted lab's (N_opt, loss) prediction, graded against the training service's hidden law;
* :class:`Interval`: a prediction interval (low, high) for a held-out value, graded by the interval score.

The expected value is a function the declaration holds (a lambda, or a private ``_name`` of the chapter
module), never a public function of the package: a notebook should not find the answer by importing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .graders import NOT_ANSWERED, Verdict, as_number, as_pair, choice, function_check, number, shown, unanswered

#: The declared exercises: id ("1.1") → declaration.
EXERCISES: dict[str, Exercise] = {}


#: Set by the grading sandbox (tools/sandbox.py) while a submission runs: the declarations, which hold
#: the expected values, are then not registered, so a submission cannot ask them for its answers. (The
#: private functions behind them stay importable; the grader flags code that reaches for them.)
GRADING_VARIABLE = "SCALING_GRADING"


def grading() -> bool:
    """Whether this process runs a submission inside the grading sandbox."""
    return os.environ.get(GRADING_VARIABLE) == "1"


def declare(exercise: Exercise) -> Exercise:
    """Register ``exercise`` under its id (each id once); inside the grading sandbox, register nothing, so
    that no check can be asked for an expected value (a chapter's data helpers still import)."""
    if grading():
        return exercise
    if exercise.id in EXERCISES:
        raise RuntimeError(f"Exercise {exercise.id} is declared twice.")
    EXERCISES[exercise.id] = exercise
    return exercise


@dataclass(frozen=True)
class Slip:
    """A wrong answer students give, named: an answer within ``rel_tol`` of ``value(expected)`` that fails
    the check is told ``says``, formatted with the answer as ``value`` ("{value:.4g} has the wrong sign")."""

    value: Callable[[float], float]
    says: str
    rel_tol: float | None = None  # None: the exercise's own tolerance

    def matches(self, answer: float, expected: float, rel_tol: float) -> bool:
        return bool(np.isclose(answer, self.value(expected), rtol=self.rel_tol or rel_tol))


@dataclass(frozen=True, kw_only=True)
class Number:
    """One number within ``rel_tol`` (relative) of ``expected()``, printed with ``unit``; a failing
    answer near one of the ``slips`` is told that slip, any other how far it is and the ``hint``.
    ``whole``: the answer is a count, and a number that is not whole is told to round up."""

    kind = "number"
    id: str
    expected: Callable[[], float]
    rel_tol: float
    unit: str = ""
    hint: str = ""
    slips: tuple[Slip, ...] = ()
    whole: str = ""  # what is counted ("GPUs"): the answer must be a whole number

    def all_slips(self) -> tuple[Slip, ...]:
        return self.slips

    def grade(self, answer) -> Verdict:
        value = as_number(answer)
        if value is not None and self.whole and not value.is_integer():
            return Verdict("fail", f"{value:.4g} is not a whole number of {self.whole}: round up.")
        expected = float(self.expected())
        verdict = number(answer, expected, rel_tol=self.rel_tol, unit=self.unit, hint=self.hint)
        if verdict.status == "fail" and value is not None:
            for slip in self.all_slips():
                if slip.matches(value, expected, self.rel_tol):
                    return Verdict("fail", slip.says.format(value=value))
        return verdict


@dataclass(frozen=True, kw_only=True)
class Percent(Number):
    """A :class:`Number` in percent that also names two slips: a fraction instead of a percentage (of
    ``what``), and the opposite sign (``sign`` says which way round the difference goes)."""

    kind = "percent"
    unit: str = "percent"
    what: str
    sign: str

    def all_slips(self) -> tuple[Slip, ...]:
        return (
            Slip(lambda e: e / 100.0, f"{{value:.4g}} is a fraction: give {self.what} in percent (multiply by 100)."),
            Slip(lambda e: -e, f"{{value:.4g}} has the wrong sign: {self.sign}."),
            *self.slips,
        )


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One letter among ``options``: ``correct`` passes and is told ``why``; another letter gets the ``hint``."""

    kind = "choice"
    id: str
    correct: str
    options: tuple[str, ...]
    why: str
    hint: str

    def grade(self, answer) -> Verdict:
        return choice(answer, self.correct, self.options, why=self.why, hint=self.hint)


@dataclass(frozen=True, kw_only=True)
class Function:
    """A function ``name`` the student writes, compared with ``reference`` on ``cases`` (the check's,
    tuples of arguments) and on ``hidden`` (the otter autograder's: other inputs, as Python source in
    which ``numpy`` and ``ChinchillaLaw`` are names).

    ``returns`` names the result: a pair of names ("N", "D") for two numbers, or a phrase ("one number
    of tokens"). A result within ``rel_tol`` (and ``abs_tol``) of the reference passes; any other is
    told ``explain(*args, got, want)``, a sentence for that case (slips by name, or how far it is).
    """

    kind = "function"
    id: str
    name: str
    reference: Callable
    cases: tuple
    hidden: tuple[str, ...]
    explain: Callable[..., str]
    passed: str
    returns: str | tuple[str, str]
    rel_tol: float = 1e-6
    abs_tol: float = 1e-8

    def close(self, got, want) -> bool:
        return bool(np.allclose(got, want, rtol=self.rel_tol, atol=self.abs_tol))

    def judge(self, *args_and_result) -> str | None:
        *args, got = args_and_result
        want = self.reference(*args)
        return None if self.close(got, want) else self.explain(*args, got, want)

    def grade(self, answer) -> Verdict:
        return function_check(answer, self.name, self.cases, self.judge, self.passed, returns=self.returns)


@dataclass(frozen=True, kw_only=True)
class Lab:
    """The budgeted lab: a pair (N_opt, loss) predicted at ``extrapolation`` × ``budget`` FLOPs, graded
    by ``TrainingService(budget, seed=seed)`` against its hidden law: N_opt within the service's factor
    and the loss within its relative tolerance. ``optimum(seed, graded)`` is that law's (N_opt, loss)."""

    kind = "lab"
    id: str
    budget: float
    seed: int
    extrapolation: float
    noise: float = field(default_factory=lambda: _lab().NOISE)

    @property
    def at_flops(self) -> float:
        return self.extrapolation * self.budget

    @property
    def n_factor(self) -> float:
        return _lab().TrainingService.N_OPT_TOLERANCE

    @property
    def loss_rel_tol(self) -> float:
        return _lab().TrainingService.LOSS_TOLERANCE

    def optimum(self, seed: int, graded: bool = False) -> tuple[float, float]:
        """(N_opt, loss) of the hidden law of ``TrainingService(budget, seed=seed, graded=graded)`` at ``at_flops``."""
        from ..chinchilla import compute_optimal

        law = _lab().TrainingService._law_for(self.budget, seed, self.noise, graded=graded)
        truth = compute_optimal(self.at_flops, law)
        return float(truth.N), float(truth.loss)

    def passes(self, answer, seed: int, graded: bool = False) -> bool:
        """Whether a pair (N_opt, loss) passes against the lab of ``seed`` (the autograder's test, in Python)."""
        truth_n, truth_loss = self.optimum(seed, graded)
        n, loss = (float(v) for v in answer)
        return max(n / truth_n, truth_n / n) <= self.n_factor and abs(loss / truth_loss - 1) <= self.loss_rel_tol

    def grade(self, answer) -> Verdict:
        if unanswered(answer) or (isinstance(answer, (tuple, list)) and any(unanswered(v) for v in answer)):
            return NOT_ANSWERED
        pair = as_pair(answer)
        if pair is None:
            return Verdict(
                "fail",
                "answer with a pair (N_opt in parameters, loss in nats per token), as a tuple, "
                f"a list or an array of two numbers; got {shown(answer)}.",
            )
        n_opt, loss = pair
        if n_opt <= 0 or loss <= 0:
            return Verdict("fail", f"both N_opt and the loss must be positive numbers, got {shown(answer)}.")
        if n_opt < 1e3 <= loss:
            return Verdict(
                "fail",
                "the first number looks like a loss and the second like a parameter count: "
                "give (N_opt, loss), in that order.",
            )
        if n_opt < 1e6:
            return Verdict(
                "fail",
                f"N_opt = {n_opt:.4g} is too few parameters to be a model: give the count itself, "
                "not in billions or millions (write 7.5e9 for 7.5 billion).",
            )
        service = _lab().TrainingService(self.budget, seed=self.seed, noise=self.noise)
        # Assessed without counting: checking the final answer must neither use up the lab's
        # gradings nor be refused once the learner has used them all.
        passed, lines = service._assess(n_opt, loss, self.at_flops)
        summary = "; ".join(line.strip() for line in lines[1:3])
        if passed:
            return Verdict("pass", f"{summary}. Your scaling study extrapolates {self.extrapolation:g}× correctly.")
        return Verdict(
            "fail",
            f"{summary}. Check the fit: are the optima of your IsoFLOP profiles inside the sizes "
            "you trained, and does the law fit every run?",
        )


@dataclass(frozen=True, kw_only=True)
class Interval:
    """A prediction interval (low, high) for a held-out value ``truth()`` (a fraction, 0-1), graded by the
    interval score at ``alpha`` (width plus 2/alpha times any miss; Gneiting & Raftery 2007): it passes
    when the score is at most ``bar``. Feedback says whether the value fell inside and whether the width
    alone is over the bar, never the value or the score."""

    kind = "interval"
    id: str
    truth: Callable[[], float]
    alpha: float
    bar: float

    def score(self, low: float, high: float) -> float:
        """The interval score of [low, high] against the held-out value (same units)."""
        from ..capabilities import interval_score

        return float(interval_score(low, high, float(self.truth()), self.alpha))

    def grade(self, answer) -> Verdict:
        if unanswered(answer) or (isinstance(answer, (tuple, list)) and any(unanswered(v) for v in answer)):
            return NOT_ANSWERED
        pair = as_pair(answer)
        if pair is None:
            return Verdict("fail", f"expected a pair (low, high) of two numbers, got {shown(answer)}.")
        low, high = pair
        if high < low:
            return Verdict("fail", "the interval's upper end is below its lower end: give (low, high).")
        if high > 1.0 or low < 0.0:
            return Verdict("fail", "an error is a fraction between 0 and 1 (0.45, not 45 %).")
        truth = float(self.truth())
        if self.score(low, high) <= self.bar:
            inside = "the measured value is inside it" if low <= truth <= high else "a near miss, cheaply"
            return Verdict("pass", f"your interval scores within the bar ({inside}).")
        if high - low > self.bar:
            return Verdict("fail", f"the interval is wider than the bar ({self.bar:g}) by itself: narrow it.")
        if low <= truth <= high:
            return Verdict("fail", "the measured value is inside, but the interval is too wide for the bar.")
        side = "below" if truth < low else "above"
        return Verdict("fail", f"the measured value lies {side} your interval, and the miss costs more than the bar.")


@dataclass(frozen=True)
class Unconverted:
    """An exercise registered the old way, ``@exercise("N.M")`` on a grading function: ``check`` still
    grades it, but nothing else can read it (no kind, expected value or hidden cases), so
    tests/test_feedback.py fails and ``make assignment`` refuses until it is declared instead."""

    kind = "unconverted"
    id: str
    grader: Callable

    def grade(self, answer) -> Verdict:
        return self.grader(answer)


def exercise(exercise_id: str):
    """The old registration, kept so that a chapter written before the declarations still loads:
    declare the exercise instead (CONTRIBUTING.md, "To add an exercise")."""

    def register(grader: Callable) -> Callable:
        declare(Unconverted(exercise_id, grader))
        return grader

    return register


def _lab():
    from .. import lab

    return lab


#: Any declaration.
Exercise = Number | Percent | Choice | Function | Lab | Interval

#: The kinds of exercise, by the name each declaration carries in ``kind``.
KINDS = {kind.kind: kind for kind in (Number, Percent, Choice, Function, Lab, Interval)}

