"""A model family small enough to train in a second, whose test loss follows power laws.

Chapter 1 measures a scaling law live instead of quoting one. The set-up is a
random-feature ridge regression, a linear stand-in for a neural network that is
known to show power-law scaling when the data have a power-law spectrum
(Bahri et al. 2021; Maloney, Roberts & Sully 2022):

* inputs x ∈ R^M are Gaussian with variances λ_i = i^(−(1+ν)), i = 1…M: a few
  directions matter a lot, a long tail matters a little (like words in text);
* the teacher is y = w·x + noise, with weights w_i = ±1 (random signs, fixed magnitudes, so
  that one draw scatters less than with Gaussian weights) and noise of standard deviation σ:
  σ² is a loss no model can beat (the irreducible floor E);
* a model of size P projects x on P random directions (features) and fits a ridge
  regression on n training examples.

Because the inputs are Gaussian with known variances, the expected test loss on fresh
inputs is exact: L = Σ_i λ_i (w_i − ŵ_i)² + σ², where ŵ is the model's implied weight
vector. No test set, no sampling noise in the evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import _validate as check

#: Default sizes of the two sweeps in chapter 1 (features P; training examples n).
MODEL_SIZES = (4, 8, 16, 32, 64, 128, 256, 512)
DATA_SIZES = (16, 32, 64, 128, 256, 512, 1024, 2048)


@dataclass(frozen=True)
class Setup:
    """The knobs of the experiment. ``noise`` is σ, so the loss floor is σ²."""

    input_dim: int = 1000
    spectrum_exponent: float = 1.0  # ν: variances fall as i^(−(1+ν)); excess loss ∝ size^(−ν) in theory
    noise: float = 0.1
    ridge: float = 1e-2  # ridge penalty, relative to the mean feature variance
    max_examples: int = 2048
    max_features: int = 512
    seed: int = 0

    def __post_init__(self):
        _validate(self)

    @property
    def floor(self) -> float:
        """The irreducible loss σ² (no model can predict the label noise)."""
        return self.noise**2


@dataclass(frozen=True)
class Sweep:
    """Measured test losses along one axis (``sizes`` is P or n) with the other held large."""

    axis: str  # "model size P (features)" or "data size n (examples)"
    sizes: np.ndarray
    losses: np.ndarray
    floor: float


@dataclass(frozen=True)
class _Problem:
    variances: np.ndarray  # λ_i, shape (M,)
    teacher: np.ndarray  # w, shape (M,)
    projection: np.ndarray  # random feature directions, shape (max_features, M)
    features: np.ndarray  # training features Z = X·Fᵀ, shape (max_examples, max_features)
    labels: np.ndarray  # y, shape (max_examples,)
    gram: np.ndarray  # ZᵀZ over all examples: every model trained on all data reuses a block of it
    cross: np.ndarray  # Zᵀy over all examples


#: Largest input_dim, max_examples and max_features accepted: the data and features then take at
#: most 3 × 8192² floats (1.5 GB); beyond that a sweep would not run in a chapter's seconds.
MAX_SETUP_SIZE = 8192


def _validate(setup: Setup) -> Setup:
    if not isinstance(setup, Setup):
        raise ValueError(f"setup must be a randomfeatures.Setup, got {check.shown(setup)}.")
    for name in ("input_dim", "max_examples", "max_features"):
        if check.integer(getattr(setup, name), name, minimum=1) > MAX_SETUP_SIZE:
            raise ValueError(f"{name} must be at most {MAX_SETUP_SIZE}, got {check.shown(getattr(setup, name))}.")
    check.integer(setup.input_dim, "input_dim", minimum=2)
    check.positive(setup.spectrum_exponent, "The spectrum exponent nu")
    check.nonnegative(setup.noise, "The label noise sigma")
    check.positive(setup.ridge, "The ridge penalty")
    check.integer(setup.max_examples, "max_examples", minimum=2)
    check.integer(setup.max_features, "max_features", minimum=1)
    check.integer(setup.seed, "seed", minimum=0)
    return setup


@lru_cache(maxsize=4)
def _problem(setup: Setup) -> _Problem:
    """Draw the data, teacher and random features once per set-up (cached: both sweeps share them)."""
    rng = np.random.default_rng(setup.seed)
    variances = np.arange(1, setup.input_dim + 1) ** -(1.0 + setup.spectrum_exponent)
    teacher = rng.choice([-1.0, 1.0], size=setup.input_dim)  # fixed magnitudes: less run-to-run scatter
    inputs = rng.standard_normal((setup.max_examples, setup.input_dim)) * np.sqrt(variances)
    labels = inputs @ teacher + setup.noise * rng.standard_normal(setup.max_examples)
    projection = rng.standard_normal((setup.max_features, setup.input_dim)) / np.sqrt(setup.input_dim)
    features = inputs @ projection.T
    return _Problem(variances, teacher, projection, features, labels, features.T @ features, features.T @ labels)


def _ridge_coefficients(z: np.ndarray, y: np.ndarray, ridge: float) -> np.ndarray:
    """Ridge regression of y on the columns of z, penalty relative to the mean feature variance.

    Solves the P×P normal equations, or the equivalent n×n "dual" system when there are
    fewer examples than features (same answer, much cheaper).
    """
    n, p = z.shape
    penalty = ridge * np.sum(z * z) / (n * p)
    if n < p:
        return z.T @ np.linalg.solve(z @ z.T / n + penalty * np.eye(n), y / n)
    return np.linalg.solve(z.T @ z / n + penalty * np.eye(p), z.T @ y / n)


def _test_loss(problem: _Problem, setup: Setup, features: slice, n_examples: int) -> float:
    """Train on the first ``n_examples`` with the features in ``features``; return the exact
    expected test loss Σ λ_i (w_i − ŵ_i)² + σ²."""
    if n_examples == setup.max_examples:  # all data: take the normal equations from the cached Gram matrix
        gram = problem.gram[features, features] / n_examples
        penalty = setup.ridge * np.trace(gram) / gram.shape[0]
        coef = np.linalg.solve(gram + penalty * np.eye(gram.shape[0]), problem.cross[features] / n_examples)
    else:
        coef = _ridge_coefficients(problem.features[:n_examples, features], problem.labels[:n_examples], setup.ridge)
    error = problem.teacher - problem.projection[features].T @ coef
    return float(np.sum(problem.variances * error**2) + setup.floor)


#: A size-P model is averaged over up to this many independent draws of its features.
DRAWS = 4


def _sizes(values, name: str, limit: int) -> np.ndarray:
    sizes = np.array([check.integer(v, name, minimum=1) for v in np.atleast_1d(values)])
    if sizes.max() > limit:
        raise ValueError(f"{name} can be at most {limit} in this set-up, got {sizes.max()}.")
    return sizes


def model_size_sweep(model_sizes=MODEL_SIZES, setup: Setup = Setup()) -> Sweep:
    """Test loss against model size P (features), each model trained on all ``max_examples``.

    Data are plentiful, so the loss is limited by model size. A small model's loss depends
    on which random directions it happened to draw, so each size is averaged over up to
    ``DRAWS`` models with disjoint (hence independent) sets of features. Used in chapter 1.
    """
    setup = _validate(setup)
    sizes = _sizes(model_sizes, "A model size P", setup.max_features)
    problem = _problem(setup)
    losses = [
        np.mean(
            [
                _test_loss(problem, setup, slice(k * p, (k + 1) * p), setup.max_examples)
                for k in range(min(DRAWS, setup.max_features // p))
            ]
        )
        for p in sizes
    ]
    return Sweep("model size P (features)", sizes, np.array(losses), setup.floor)


def data_size_sweep(data_sizes=DATA_SIZES, setup: Setup = Setup()) -> Sweep:
    """Test loss against training-set size n, for the largest model (``max_features``).

    The model is large, so the loss is limited by data. Used in chapter 1.
    """
    setup = _validate(setup)
    sizes = _sizes(data_sizes, "A data size n", setup.max_examples)
    problem = _problem(setup)
    losses = [_test_loss(problem, setup, slice(0, setup.max_features), n) for n in sizes]
    return Sweep("data size n (examples)", sizes, np.array(losses), setup.floor)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
