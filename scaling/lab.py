"""A simulated training service for the budgeted scaling exercise of chapter 3.

The student gets a compute budget, previews the cost of a plan for free (:meth:`TrainingService.cost`),
trains models (:meth:`TrainingService.train`, which spends 6·N·D FLOPs per run and refuses any
plan that would overspend), fits a scaling law to what came back, and predicts the
compute-optimal model and loss of a larger run (:meth:`TrainingService.grade`).

Behind the service is a hidden :class:`scaling.chinchilla.ChinchillaLaw`, a perturbation of
Besiroglu et al.'s 2024 refit, plus multiplicative noise on every loss. The law is kept in a
private attribute: this is a course, not a security boundary (in a graded assignment the expected
answer lives only in the instructor's autograder; see tools/make_assignment.py).

Keeping a learner who is not trying to cheat honest, while the notebook stays deterministic:

* the law is chosen by the seed *and* the budget and noise level, so the seed the notebook
  prints gives nothing for free: ``TrainingService(1e40, seed=3)`` trains on another law;
* FLOPs are accounted exactly (integers and fractions, not floats), so no run is ever charged 0;
* a copy of a service is the service itself (same budget), and a service refuses to be pickled;
* :meth:`~TrainingService.grade` answers pass or fail for each half of the prediction, never
  "too large" or "too small", and only :data:`GRADE_TRIES` times per law in a Python session
  (a new service with the same seed shares the count).

Re-running the notebook creates a fresh service with the same law and noise sequence, so the
same plan gives the same losses every time.

Used in chapter 3.
"""

from __future__ import annotations

import struct
from fractions import Fraction

import numpy as np

from . import _validate as check
from .chinchilla import BESIROGLU_2024, ChinchillaLaw, compute_optimal
from .compute import training_flops

#: Largest relative perturbation of the hidden law, in log space: (log_E, log_A, log_B, log_alpha, log_beta).
_PERTURBATION = np.array([0.05, 0.3, 0.3, 0.08, 0.08])


#: How many times grade() answers for one law (seed, budget, noise) in one Python session.
GRADE_TRIES = 5
#: The σ of the multiplicative log-loss noise of a service created without ``noise=``.
NOISE = 0.005
_TRIES_USED: dict[tuple, int] = {}


def _bits(value: float) -> int:
    """The 64 bits of a float, as an integer (exact, so any change of the budget changes the law)."""
    return int.from_bytes(struct.pack(">d", float(value)), "big")


def _hidden_law(rng) -> ChinchillaLaw:
    base = BESIROGLU_2024
    u = rng.uniform(-1.0, 1.0, size=5) * _PERTURBATION
    return ChinchillaLaw(
        E=base.E * np.exp(u[0]),
        A=base.A * np.exp(u[1]),
        B=base.B * np.exp(u[2]),
        alpha=base.alpha * np.exp(u[3]),
        beta=base.beta * np.exp(u[4]),
    )


class TrainingService:
    """A pretend cluster with a FLOP budget and a hidden loss law L(N, D) = E + A/N^α + B/D^β.

    ``budget_flops``: the compute you may spend, in FLOPs (6·N·D per run). ``seed`` chooses the
    hidden law and the noise; ``noise`` is the σ of the multiplicative log-loss noise.
    ``graded=True`` is the lab of a graded assignment: :meth:`grade` does not answer (the
    instructor's autograder does), and the law is another one than without the flag.
    Used in chapter 3.
    """

    # Calibrated on a simulated student (IsoFLOP runs at 1e18-2e20 FLOPs from a 3e21 budget, an
    # Approach-3 fit, extrapolation to 1e23): over 20 seeds N_opt was within 1.37x and the loss
    # within 2.6%, while an N_opt off by 2x must fail.
    #: A predicted N_opt passes when it is within this factor of the truth (either way).
    N_OPT_TOLERANCE = 1.5
    #: A predicted loss passes when it is within this relative error of the truth.
    LOSS_TOLERANCE = 0.03

    def __init__(self, budget_flops, seed=0, noise=NOISE, *, graded=False):
        self._budget = float(check.positive(budget_flops, "The compute budget", "FLOPs"))
        seed = check.integer(seed, "The seed", minimum=0)
        self._noise = float(check.nonnegative(noise, "The noise level"))
        self._key = (seed, self._budget, self._noise, bool(graded))
        self._law = self._law_for(self._budget, seed, self._noise, graded=bool(graded))
        self._rng = np.random.default_rng(self._entropy(*self._key)).spawn(2)[1]
        self._budget_exact = Fraction(self._budget)
        self._spent_exact = Fraction(0)
        self._runs = []

    @staticmethod
    def _entropy(seed, budget, noise, graded=False) -> list[int]:
        return [seed, _bits(budget), _bits(noise)] + ([1] if graded else [])

    @classmethod
    def _law_for(cls, budget_flops, seed, noise=NOISE, *, graded=False) -> ChinchillaLaw:
        """The hidden law of TrainingService(budget_flops, seed, noise, graded=graded): for the autograder and tests."""
        law_rng = np.random.default_rng(cls._entropy(seed, float(budget_flops), float(noise), graded)).spawn(2)[0]
        return _hidden_law(law_rng)

    def __copy__(self):
        return self  # a copy would be a second budget: it is the same service

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        raise TypeError("A TrainingService cannot be pickled: a restored copy would spend the same budget twice.")

    def __repr__(self) -> str:
        return (
            f"TrainingService(budget={self._budget:.3g} FLOPs, spent={self.spent:.3g}, "
            f"remaining={self.remaining:.3g}, runs={len(self._runs)})"
        )

    @property
    def budget(self) -> float:
        """The whole budget, FLOPs."""
        return self._budget

    @property
    def spent(self) -> float:
        """FLOPs spent so far (accounted exactly; rounded to a float here)."""
        return float(self._spent_exact)

    @property
    def remaining(self) -> float:
        """FLOPs left to spend."""
        return float(max(self._budget_exact - self._spent_exact, 0))

    @property
    def runs(self) -> tuple:
        """Every run so far as (N, D, loss) tuples, in order."""
        return tuple(self._runs)

    def cost(self, N, D):
        """Free preview: the FLOPs each run of the plan would cost, 6·N·D (same shape as N and D; sum for the plan).

        ``N`` in parameters, ``D`` in tokens. Nothing is spent.
        """
        return training_flops(N, D)

    def train(self, N, D):
        """Train each model ``N`` (parameters) on ``D`` tokens; return the noisy final losses (nats per token).

        The plan's total cost, Σ 6·N·D FLOPs, is deducted from the budget. A plan that would
        overspend is refused with a ValueError and nothing is trained or charged.
        """
        n = check.positive(N, "The number of parameters N", "parameters")
        d = check.positive(D, "The number of training tokens D", "tokens")
        try:
            n, d = np.broadcast_arrays(n, d)
        except ValueError:
            raise ValueError(
                f"N and D must have the same shape (or one must be a single number), got shapes "
                f"{np.shape(n)} and {np.shape(d)}."
            ) from None
        # Exact: 6·N·D of each run as a fraction (floats are exact rationals), summed without rounding.
        total = sum(
            (6 * Fraction(float(a)) * Fraction(float(b)) for a, b in zip(np.ravel(n), np.ravel(d))), Fraction(0)
        )
        slack = self._budget_exact * Fraction(1, 10**12)  # lets a plan spend "exactly the rest" computed in floats
        if total > self._budget_exact - self._spent_exact + slack:
            raise ValueError(
                f"This plan costs {float(total):.3g} FLOPs but only {self.remaining:.3g} FLOPs remain of your "
                f"{self._budget:.3g}-FLOP budget; nothing was trained. Preview plans with cost(N, D)."
            )
        losses = self._law.loss(n, d) * np.exp(self._noise * self._rng.standard_normal(n.shape))
        self._spent_exact += total
        for n_i, d_i, l_i in zip(np.ravel(n), np.ravel(d), np.ravel(losses)):
            self._runs.append((float(n_i), float(d_i), float(l_i)))
        return float(losses) if losses.ndim == 0 else losses

    @property
    def tries_left(self) -> int:
        """How many more times :meth:`grade` answers for this law in this Python session."""
        return max(GRADE_TRIES - _TRIES_USED.get(self._key, 0), 0)

    def grade(self, predicted_N_opt, predicted_loss, at_flops):
        """Compare a prediction with the hidden law at a budget of ``at_flops`` FLOPs (C = 6ND).

        ``predicted_N_opt`` in parameters, ``predicted_loss`` in nats per token. Passes when
        N_opt is within a factor :attr:`N_OPT_TOLERANCE` of the truth and the loss within
        :attr:`LOSS_TOLERANCE` (relative). Returns (passed, message); the message says which half
        passed, never in which direction a miss lies nor the true values, so grading cannot be
        used to search for the answer. It answers :data:`GRADE_TRIES` times per law and session;
        after that it returns (False, a message saying so) without grading.
        """
        n_pred = check.positive(predicted_N_opt, "The predicted N_opt", "parameters")
        l_pred = check.positive(predicted_loss, "The predicted loss", "nats per token")
        c = check.positive(at_flops, "The budget to predict at", "FLOPs")
        for value, name in ((n_pred, "The predicted N_opt"), (l_pred, "The predicted loss"), (c, "The budget")):
            if np.ndim(value) != 0:
                raise ValueError(f"{name} must be a single number, got an array of shape {np.shape(value)}.")
        if self._key[3]:
            return False, "\n".join(
                [
                    f"At {c:.3g} FLOPs:",
                    "  not graded here: this is a graded lab, and your instructor's autograder grades it",
                    "  (check your study instead: do your IsoFLOP profiles bracket their minima?)",
                    "Not graded.",
                ]
            )
        if self.tries_left == 0:
            return False, "\n".join(
                [
                    f"At {c:.3g} FLOPs:",
                    f"  not graded: you have used all {GRADE_TRIES} gradings of this lab",
                    "  (the lab is a budget: improve the study, not the guess)",
                    "Not graded.",
                ]
            )
        _TRIES_USED[self._key] = _TRIES_USED.get(self._key, 0) + 1
        passed, lines = self._assess(n_pred, l_pred, c)
        lines[-1] += f" ({self.tries_left} of {GRADE_TRIES} gradings left)"
        return passed, "\n".join(lines)

    def _assess(self, n_pred: float, l_pred: float, c: float) -> tuple[bool, list[str]]:
        """The verdict of :meth:`grade` as lines, without counting a grading.

        Exercise 3.6's self-study check (scaling.exercises.ch03) uses it: the learner's check of
        their final answer must not use up, nor be refused by, the lab's gradings.
        """
        truth = compute_optimal(c, self._law)
        n_ok = max(n_pred / truth.N, truth.N / n_pred) <= self.N_OPT_TOLERANCE
        l_ok = abs(l_pred / truth.loss - 1.0) <= self.LOSS_TOLERANCE
        passed = bool(n_ok and l_ok)

        def verdict(ok, allowed):
            return (
                f"within {allowed} of the hidden truth -> pass"
                if ok
                else f"not within {allowed} of the hidden truth -> fail"
            )

        lines = [
            f"At {c:.3g} FLOPs:",
            f"  N_opt {n_pred:.3g} parameters: " + verdict(n_ok, f"a factor {self.N_OPT_TOLERANCE:g}"),
            f"  loss {l_pred:.5g} nats/token: " + verdict(l_ok, f"{100 * self.LOSS_TOLERANCE:g}%"),
            "Passed." if passed else "Not yet: look at the line marked fail.",
        ]
        return passed, lines


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
