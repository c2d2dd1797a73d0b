"""From loss to capabilities: predicting benchmark error from evaluation loss and compute.

Gadre et al. 2024 (arXiv:2403.08540) relate a model's average top-1 error over downstream tasks
to its evaluation loss on C4 by

    Err(L) = ε − k·exp(−γ L)            (error a fraction, L in nats per token)

and chain it to their loss law L(N, D) (:class:`scaling.realdata.EqualExponentLaw`): compute →
loss → error. This module holds that law and its fit, the direct alternative (a power law in
compute for −ln accuracy at fixed tokens per parameter, Krajewski et al. 2025), chance-corrected
("centred") accuracy, the binomial noise floor of a benchmark, and the interval score (Gneiting &
Raftery 2007) that grades an interval prediction. :func:`run_table` joins the shipped losses and
accuracies of Gadre et al.'s runs (``scaling.datasets``). Used in chapter 10.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check

#: The 6.9B run and the over-trained 1.4B runs are held out: fits use runs below this size (parameters).
SMALL_RUN_LIMIT = 1e9
#: The 1.4B run at M = 1 (20 tokens per parameter) that Gadre et al. add to the five small runs
#: when fitting Err(L) (scaling_explorer.ipynb, ``fit_ds(..., add_1b=True)``, at commit a003c49).
GADRE_ERROR_EXTRA_SHAPE = "open_lm_1b"

#: The relative errors Gadre et al.'s released notebook prints when it reproduces their Figure 1
#: (mlfoundations/scaling @ a003c4913793ac2ae7ef87b28ecb562955d026d5, scaling_explorer.ipynb, cell 3
#: output): RedPajama training, C4 eval loss, 17-task average top-1 error. Keys (shape, M).
GADRE_REPORTED_LOSS_RELATIVE_ERROR = {("open_lm_1b", 32.0): 0.007103, ("open_lm_7b", 1.0): 0.007320}
GADRE_REPORTED_ERROR_RELATIVE_ERROR = {("open_lm_1b", 32.0): 0.036365, ("open_lm_7b", 1.0): 0.000464}

#: Upper bound on the points of a fit (the fit evaluates a grid of 2,000 exponents for every point).
MAX_FIT_POINTS = 100_000


# =============================================================================================
# Benchmarks: chance, noise, intervals
# =============================================================================================


def centered_accuracy(accuracy, chance):
    """Chance-corrected accuracy (acc − chance)/(1 − chance): 0 at guessing, 1 at perfect.

    ``accuracy`` and ``chance`` are fractions (0.25 for four choices, 0 for free-form answers);
    below-chance scores give negative values. Used in chapter 10.
    """
    a = check.probability(accuracy, "The accuracy")
    c = check.in_range(chance, "The chance accuracy", 0.0, 1.0, high_open=True)
    return (a - c) / (1.0 - c)


def binomial_standard_error(accuracy, n_questions):
    """Standard error of an accuracy measured on ``n_questions`` independent questions: √(p(1−p)/n).

    ``accuracy`` a fraction, ``n_questions`` a count (≥ 1). The result is a fraction: the spread
    of the score from the finite test alone, with the model held fixed. Used in chapter 10.
    """
    p = check.probability(accuracy, "The accuracy")
    n = check.in_range(n_questions, "The number of questions", 1.0, 1e12)
    return np.sqrt(p * (1.0 - p) / n)


def average_standard_error(accuracies, n_questions) -> float:
    """Standard error of an unweighted average of task accuracies, tasks independent: √(Σ SE_i²)/k.

    ``accuracies`` (fractions) and ``n_questions`` (counts), one per task. Used in chapter 10.
    """
    p = check.samples(accuracies, "The task accuracies", minimum=1)
    n = check.samples(n_questions, "The numbers of questions", minimum=1)
    check.same_length("The task accuracies", p, "the numbers of questions", n)
    se = binomial_standard_error(p, n)
    return float(np.sqrt(np.sum(se**2)) / p.size)


def interval_score(lower, upper, observed, alpha: float = 0.2):
    """Interval score of a central (1 − alpha) prediction interval [lower, upper] (lower is better).

    S = (u − l) + (2/α)(l − y)·[y < l] + (2/α)(y − u)·[y > u] (Gneiting & Raftery 2007, §6.2):
    the width, plus a penalty for a miss that grows with the distance and with the confidence
    claimed. It is a proper scoring rule: its expectation is smallest when [l, u] are the true
    α/2 and 1 − α/2 quantiles. Same units as the predicted quantity. Used in chapter 10.
    """
    lo = check.in_range(lower, "The lower end of the interval", -np.inf, np.inf)
    hi = check.in_range(upper, "The upper end of the interval", -np.inf, np.inf)
    y = check.in_range(observed, "The observed value", -np.inf, np.inf)
    level = check.in_range(alpha, "alpha (1 minus the interval's coverage)", 0.0, 1.0, low_open=True, high_open=True)
    if np.any(np.asarray(hi) < np.asarray(lo)):
        raise ValueError("The upper end of the interval must not be below its lower end.")
    below = np.maximum(lo - y, 0.0)
    above = np.maximum(y - hi, 0.0)
    return (hi - lo) + (2.0 / level) * (below + above)


# =============================================================================================
# The loss-to-error law and the direct law
# =============================================================================================


@dataclass(frozen=True)
class ErrorLaw:
    """Err(L) = epsilon − k·exp(−gamma·L): average top-1 error (a fraction) against loss L (nats per token).

    ``epsilon`` is the error of a model with infinite loss (about chance), ``k`` and ``gamma`` set
    how fast it falls. Gadre et al. 2024's form (their code: ``E - a * exp(-b * L)``).
    """

    epsilon: float
    k: float
    gamma: float

    def error(self, loss):
        """Predicted average error (fraction) at evaluation loss ``loss`` (nats per token)."""
        value = check.positive(loss, "The loss L", "nats per token")
        return self.epsilon - self.k * np.exp(-self.gamma * value)


def _linear_in_two(basis, y):
    """Least squares of y on [1, basis] for each row of basis (shape (g, p)): coefficients and SSE."""
    ones = np.ones_like(basis)
    gram = np.stack(
        [
            np.stack([np.sum(ones, 1), np.sum(basis, 1)], -1),
            np.stack([np.sum(basis, 1), np.sum(basis**2, 1)], -1),
        ],
        -2,
    )
    rhs = np.stack([np.full(basis.shape[0], y.sum()), basis @ y], -1)
    det = gram[:, 0, 0] * gram[:, 1, 1] - gram[:, 0, 1] ** 2
    safe = np.where(det > 0, det, 1.0)
    c0 = (gram[:, 1, 1] * rhs[:, 0] - gram[:, 0, 1] * rhs[:, 1]) / safe
    c1 = (gram[:, 0, 0] * rhs[:, 1] - gram[:, 0, 1] * rhs[:, 0]) / safe
    sse = np.sum((c0[:, None] + c1[:, None] * basis - y) ** 2, 1)
    return c0, c1, np.where(det > 0, sse, np.inf)


def fit_error_law(loss, error) -> ErrorLaw:
    """Least-squares fit of :class:`ErrorLaw` to (loss, error) points.

    For a fixed γ the law is linear in (ε, k), so the fit solves that problem for 2,000 values of
    γ between 0.01 and 20 per nat at once and refines the best by golden-section search. ``loss``
    in nats per token, ``error`` fractions; at least 3 points with at least 3 distinct losses.
    Used in chapter 10.
    """
    x = check.samples(loss, "The losses", minimum=3)
    y = check.samples(error, "The errors", minimum=3)
    check.same_length("The losses", x, "the errors", y)
    check.positive(x, "The losses", "nats per token")
    check.probability(y, "The errors")
    if x.size > MAX_FIT_POINTS:
        raise ValueError(f"The error law is fitted to at most {MAX_FIT_POINTS:,} points, got {x.size:,}.")
    if np.unique(x).size < 3:
        raise ValueError("Fitting the error law needs at least 3 distinct losses.")
    shift = x.min()  # exp(-γ(L - L_min)) keeps the basis in (0, 1]; k absorbs exp(-γ L_min)

    def solve(gammas):
        c0, c1, sse = _linear_in_two(np.exp(-gammas[:, None] * (x[None, :] - shift)), y)
        return c0, c1, sse

    gammas = np.geomspace(0.01, 20.0, 2000)
    sse = solve(gammas)[2]
    best = int(np.argmin(sse))
    low, high = gammas[max(best - 1, 0)], gammas[min(best + 1, gammas.size - 1)]
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(80):
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        if solve(np.array([a]))[2][0] < solve(np.array([b]))[2][0]:
            high = b
        else:
            low = a
    gamma = 0.5 * (low + high)
    c0, c1, _ = solve(np.array([gamma]))
    return ErrorLaw(epsilon=float(c0[0]), k=float(-c1[0] * np.exp(gamma * shift)), gamma=float(gamma))


@dataclass(frozen=True)
class DirectLaw:
    """−ln(accuracy) = A·C^(−alpha): accuracy (fraction) straight from training compute C (FLOPs).

    The direct route of Krajewski et al. 2025, fitted at one token-per-parameter ratio; it has no
    chance floor and tends to accuracy 1 as C grows.
    """

    A: float
    alpha: float

    def accuracy(self, C):
        """Predicted accuracy (fraction) at training compute ``C`` (FLOPs)."""
        c = check.positive(C, "The training compute C", "FLOPs")
        return np.exp(-self.A * c ** (-self.alpha))

    def error(self, C):
        """Predicted error 1 − accuracy (fraction) at training compute ``C`` (FLOPs)."""
        return 1.0 - self.accuracy(C)


def fit_direct_law(C, accuracy) -> DirectLaw:
    """Fit :class:`DirectLaw` by a straight line of ln(−ln accuracy) on ln C.

    ``C`` in FLOPs, ``accuracy`` fractions strictly between 0 and 1; at least 2 distinct budgets.
    Used in chapter 10.
    """
    c = check.samples(C, "The compute budgets", minimum=2)
    a = check.samples(accuracy, "The accuracies", minimum=2)
    check.same_length("The compute budgets", c, "the accuracies", a)
    check.positive(c, "The compute budgets", "FLOPs")
    check.in_range(a, "The accuracies", 0.0, 1.0, low_open=True, high_open=True)
    if np.unique(c).size < 2:
        raise ValueError("Fitting the direct law needs at least 2 distinct compute budgets.")
    slope, intercept = np.polyfit(np.log(c), np.log(-np.log(a)), 1)
    return DirectLaw(A=float(np.exp(intercept)), alpha=float(-slope))


# =============================================================================================
# Gadre et al.'s runs: losses and accuracies side by side
# =============================================================================================


@dataclass(frozen=True)
class RunTable:
    """Gadre et al.'s runs of one training set, with their loss and all 46 task accuracies.

    Per run: ``run``, ``shape``, ``N`` (parameters), ``D`` (tokens), ``M`` (D/(20N)), ``C`` (6ND,
    FLOPs), ``loss`` (nats per token on ``eval_set``). ``accuracy`` has one row per run and one
    column per task (fractions); per task: ``tasks`` (names), ``chance`` (fractions),
    ``datapoints`` (questions), ``in_subset`` (one of the paper's 17).
    """

    train_dataset: str
    eval_set: str
    run: np.ndarray
    shape: np.ndarray
    N: np.ndarray
    D: np.ndarray
    M: np.ndarray
    C: np.ndarray
    loss: np.ndarray
    tasks: tuple
    accuracy: np.ndarray
    chance: np.ndarray
    datapoints: np.ndarray
    in_subset: np.ndarray

    def task_mask(self, tasks="17") -> np.ndarray:
        """Columns of ``tasks``: "17" (the paper's subset), "46" (all), or a list of task names."""
        if isinstance(tasks, str) and tasks in ("17", "46"):
            return self.in_subset.copy() if tasks == "17" else np.ones(len(self.tasks), bool)
        names = [tasks] if isinstance(tasks, str) else list(tasks)
        unknown = [t for t in names if t not in self.tasks]
        if unknown or not names:
            raise ValueError(f"Unknown task(s) {unknown}; use '17', '46' or names from RunTable.tasks.")
        return np.isin(np.array(self.tasks), names)

    def average_error(self, tasks="17") -> np.ndarray:
        """Average top-1 error (fraction) of each run over ``tasks`` (see :meth:`task_mask`)."""
        return 1.0 - self.accuracy[:, self.task_mask(tasks)].mean(axis=1)

    def index(self, shape: str, M: float) -> int:
        """Row of the run with architecture ``shape`` and multiplier ``M``; ValueError if there is none."""
        hits = np.where((self.shape == shape) & (self.M == M))[0]
        if hits.size != 1:
            raise ValueError(f"No run {shape} at M = {M:g} in the {self.train_dataset} runs.")
        return int(hits[0])


def run_table(train_dataset: str = "rpj", eval_set: str = "c4_val") -> RunTable:
    """Join :func:`scaling.datasets.gadre_runs` and :func:`~scaling.datasets.gadre_downstream` for one training set.

    Runs sorted by compute, tasks alphabetically. Used in chapter 10.
    """
    from .datasets import gadre_downstream, gadre_runs, gadre_tasks

    runs = gadre_runs().select(train_dataset, eval_set)
    order = np.argsort(runs.C, kind="stable")
    evals, info = gadre_downstream(), gadre_tasks()
    names = tuple(sorted(info))
    lookup = {(r, t): a for r, t, a in zip(evals.run, evals.task, evals.accuracy)}
    accuracy = np.array([[lookup[(r, t)] for t in names] for r in runs.run[order]])
    return RunTable(
        train_dataset=train_dataset,
        eval_set=eval_set,
        run=runs.run[order],
        shape=runs.shape[order],
        N=runs.N[order],
        D=runs.D[order],
        M=runs.M[order],
        C=runs.C[order],
        loss=runs.loss[order],
        tasks=names,
        accuracy=accuracy,
        chance=np.array([info[t].chance for t in names]),
        datapoints=np.array([float(info[t].datapoints) for t in names]),
        in_subset=np.array([info[t].in_subset for t in names]),
    )


@dataclass(frozen=True)
class CapabilityPrediction:
    """Predicted and measured loss and error of held-out runs, with the laws that made them.

    Per target run: ``shape``, ``N`` (parameters), ``D`` (tokens), ``M``; ``loss_measured`` and
    ``loss_predicted`` (nats per token); ``error_measured``, ``error_predicted`` (from the predicted
    loss) and ``error_at_measured_loss`` (the error law applied to the measured loss), fractions.
    """

    train_dataset: str
    tasks: str
    loss_law: object
    error_law: ErrorLaw
    n_loss_fit: int
    n_error_fit: int
    shape: np.ndarray
    N: np.ndarray
    D: np.ndarray
    M: np.ndarray
    loss_measured: np.ndarray
    loss_predicted: np.ndarray
    error_measured: np.ndarray
    error_predicted: np.ndarray
    error_at_measured_loss: np.ndarray

    @property
    def loss_relative_error(self) -> np.ndarray:
        """|predicted − measured| / measured loss, per target (the paper's measure)."""
        return np.abs(self.loss_predicted - self.loss_measured) / self.loss_measured

    @property
    def error_relative_error(self) -> np.ndarray:
        """|predicted − measured| / measured error, per target (the paper's measure)."""
        return np.abs(self.error_predicted - self.error_measured) / self.error_measured


def predict_capabilities(train_dataset: str = "rpj", tasks: str = "17", *, fit: str = "paper") -> CapabilityPrediction:
    """Gadre et al.'s chain compute → C4 loss → average error, fitted on small runs, for the big runs.

    ``fit="paper"`` follows their released code: the loss law (:class:`~scaling.realdata.EqualExponentLaw`)
    on the five runs of :func:`~scaling.realdata.gadre_fit_runs`, the error law on those five plus
    the 1.4B run at M = 1; targets are the other runs of 1B parameters and more, at D = 20·M·N as
    their notebook sets it. ``fit="small"`` uses every run below 1B for both steps and predicts
    every run of 1B and more at its recorded D. ``tasks``: "17" or "46". Used in chapter 10.
    """
    from .realdata import GADRE_FIT_OVERTRAINED_M, GADRE_SMALLEST_SHAPE, fit_equal_exponent_law

    if fit not in ("paper", "small"):
        raise ValueError(f"fit must be 'paper' or 'small', got {fit!r}.")
    if tasks not in ("17", "46"):
        raise ValueError(f"tasks must be '17' or '46', got {tasks!r}.")
    table = run_table(train_dataset)
    error = table.average_error(tasks)
    small = table.N < SMALL_RUN_LIMIT
    if fit == "paper":
        loss_fit = small & (
            (table.M == 1.0) | ((table.shape == GADRE_SMALLEST_SHAPE) & (table.M == GADRE_FIT_OVERTRAINED_M))
        )
        error_fit = loss_fit | ((table.shape == GADRE_ERROR_EXTRA_SHAPE) & (table.M == 1.0))
        target = ~small & ~error_fit
        target_D = 20.0 * table.M * table.N
    else:
        loss_fit = error_fit = small
        target = ~small
        target_D = table.D
    law = fit_equal_exponent_law(table.N[loss_fit], table.D[loss_fit], table.loss[loss_fit])
    err_law = fit_error_law(table.loss[error_fit], error[error_fit])
    loss_pred = np.asarray(law.loss(table.N[target], target_D[target]), dtype=float)
    return CapabilityPrediction(
        train_dataset=train_dataset,
        tasks=tasks,
        loss_law=law,
        error_law=err_law,
        n_loss_fit=int(loss_fit.sum()),
        n_error_fit=int(error_fit.sum()),
        shape=table.shape[target],
        N=table.N[target],
        D=target_D[target],
        M=table.M[target],
        loss_measured=table.loss[target],
        loss_predicted=loss_pred,
        error_measured=error[target],
        error_predicted=np.asarray(err_law.error(loss_pred), dtype=float),
        error_at_measured_loss=np.asarray(err_law.error(table.loss[target]), dtype=float),
    )


def above_chance(table: RunTable, z: float = 2.0) -> np.ndarray:
    """(runs, tasks) booleans: accuracy above chance by more than ``z`` binomial standard errors.

    The standard error is that of a guesser on the task's own number of questions,
    √(c(1−c)/n); for free-form tasks (chance 0) any correct answer counts. Used in chapter 10.
    """
    _table(table)
    zz = check.nonnegative(z, "The number of standard errors z")
    se = np.sqrt(table.chance * (1.0 - table.chance) / table.datapoints)
    return table.accuracy > table.chance + zz * se


def first_component_share(scores) -> float:
    """Share of the variance (0-1) of a (models, benchmarks) score matrix along its first principal component.

    Columns are centred (each benchmark's mean removed) but not rescaled. Ruan et al. 2024 build
    their observational scaling laws on such low-dimensional components. Used in chapter 10.
    """
    x = check.in_range(scores, "The score matrix", -1e6, 1e6)
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or min(x.shape) < 2:
        raise ValueError(f"The score matrix must be two-dimensional with at least 2 rows and 2 columns, got {x.shape}.")
    centred = x - x.mean(axis=0)
    singular = np.linalg.svd(centred, compute_uv=False)
    total = np.sum(singular**2)
    if total <= 0:
        raise ValueError("The scores do not vary across models, so they have no principal component.")
    return float(singular[0] ** 2 / total)


@dataclass(frozen=True)
class IntervalPrediction:
    """A central interval for a run's average error (fractions): ``low``, ``high`` at ``coverage``,
    the point prediction from the full fit, ``n_fitted`` runs used, ``n_resamples`` bootstrap fits."""

    point: float
    low: float
    high: float
    coverage: float
    n_fitted: int
    n_resamples: int


#: Upper bound on bootstrap refits in :func:`two_step_interval` (each refit fits both laws).
MAX_RESAMPLES = 400


def _table(table) -> None:
    if not isinstance(table, RunTable):
        raise ValueError(f"Pass a RunTable from run_table(), got {type(table).__name__}.")


def two_step_interval(
    table: RunTable,
    target: int,
    tasks="17",
    *,
    coverage: float = 0.8,
    n_resamples: int = 60,
    seed: int = 0,
) -> IntervalPrediction:
    """Two-step prediction (N, D → loss → error) of run ``target`` from the runs below 1B, with a bootstrap interval.

    Fits :class:`~scaling.realdata.EqualExponentLaw` and :class:`ErrorLaw` to every run of
    ``table`` below :data:`SMALL_RUN_LIMIT` parameters; the interval resamples those runs with
    replacement ``n_resamples`` times (at most :data:`MAX_RESAMPLES`), refits both laws, and adds
    the benchmark's binomial noise at the target (:func:`average_standard_error`), so it covers
    both the fit's and the test's randomness; it does not cover a law that stops holding.
    ``target`` is a row of ``table`` (:meth:`RunTable.index`). Errors are fractions. Used in chapter 10.
    """
    from .realdata import fit_equal_exponent_law

    _table(table)
    row = check.integer(target, "The target row", 0)
    if row >= table.N.size:
        raise ValueError(f"The target row must be below {table.N.size}, got {row}.")
    level = check.in_range(coverage, "The coverage", 0.0, 1.0, low_open=True, high_open=True)
    draws = check.integer(n_resamples, "The number of resamples", 10)
    if draws > MAX_RESAMPLES:
        raise ValueError(f"The number of resamples must be at most {MAX_RESAMPLES}, got {draws}.")
    columns = table.task_mask(tasks)
    error = 1.0 - table.accuracy[:, columns].mean(axis=1)
    small = np.where(table.N < SMALL_RUN_LIMIT)[0]
    n_t, d_t = table.N[row], table.D[row]

    def predict(rows):
        law = fit_equal_exponent_law(table.N[rows], table.D[rows], table.loss[rows])
        return float(fit_error_law(table.loss[rows], error[rows]).error(law.loss(n_t, d_t)))

    point = predict(small)
    rng = np.random.default_rng(seed)
    noise = average_standard_error(table.accuracy[row, columns], table.datapoints[columns])
    preds = []
    while len(preds) < draws:
        rows = rng.choice(small, small.size)
        if np.unique(table.N[rows]).size < 3 or np.unique(table.D[rows]).size < 3:
            continue  # a resample needs three sizes and three token counts to fit the loss law
        preds.append(predict(rows) + noise * rng.standard_normal())
    tail = 50.0 * (1.0 - level)
    low, high = np.percentile(preds, [tail, 100.0 - tail])
    return IntervalPrediction(float(point), float(low), float(high), float(level), int(small.size), draws)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
