"""Approach 3 of Hoffmann et al. 2022 (§3.3, App. D.2): the parametric fit of L(N, D) by a Huber loss on
log residuals over the paper's 4,500-start grid, with exact derivatives, and the slow per-start reference loop.

Used in chapter 3 and ``tools/bench/bench_chinchilla.py``.
"""

from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
from scipy import optimize

from .. import _validate as check
from .frontier import GridEdgeWarning
from .law import MIN_EXPONENT, ChinchillaLaw, _check_law

# =============================================================================================
# Approach 3: the parametric fit
# =============================================================================================

#: Huber threshold on log-loss residuals. Hoffmann et al. 2022, §3.3 (δ = 10^-3).
HUBER_DELTA = 1e-3

#: The paper's initialisation grid (App. D.2): α, β ∈ {0, 0.5, …, 2}; e ∈ {−1, −0.5, …, 1};
#: a, b ∈ {0, 5, …, 25}, here log_A, log_B, log_E. 6·6·5·5·5 = 4,500 starts.
INITIALISATION_GRID = MappingProxyType(
    {
        "log_A": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
        "log_B": (0.0, 5.0, 10.0, 15.0, 20.0, 25.0),
        "log_E": (-1.0, -0.5, 0.0, 0.5, 1.0),
        "alpha": (0.0, 0.5, 1.0, 1.5, 2.0),
        "beta": (0.0, 0.5, 1.0, 1.5, 2.0),
    }
)

_COORDS = ("log_A", "log_B", "log_E", "alpha", "beta")

# Batched search schedule: (damped Newton iterations, starts kept before the stage). Checked on
# generated data (two laws, noise 0-2%, several seeds) to reach the same minimum as running every
# start to convergence.
_STAGES = ((8, None), (30, 256), (400, 16))
_POLISH = 3

#: Above this many points, the first two stages (the screen of all 4,500 starts) run on an evenly
#: spread subsample of this many points; the 16 best starts then continue on all the data. Data of
#: at most this size (the paper's 245 points, the chapter's) are searched exactly as before.
SCREEN_POINTS = 256

# The objective is summed over blocks of data points so that memory stays bounded (see _evaluate).
_BLOCK_POINTS = 256
_BLOCK_ELEMENTS = 1 << 18


@dataclass(frozen=True)
class Approach3Fit:
    """Result of an Approach-3 fit of L = E + A/N^α + B/D^β.

    ``objective`` is the sum of Huber losses (δ = ``delta``) of the log residuals at the
    optimum; ``best_start`` is the grid point (log_A, log_B, log_E, alpha, beta) reported as
    the best start; ``n_starts`` the number of starts searched; ``n_points`` the data points.
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    objective: float
    n_starts: int
    best_start: tuple
    n_points: int
    delta: float
    method: str

    @property
    def law(self) -> ChinchillaLaw:
        """The fitted parameters as a :class:`ChinchillaLaw`."""
        return ChinchillaLaw(E=self.E, A=self.A, B=self.B, alpha=self.alpha, beta=self.beta)

    @property
    def log_A(self) -> float:
        return float(np.log(self.A))

    @property
    def log_B(self) -> float:
        return float(np.log(self.B))

    @property
    def log_E(self) -> float:
        return float(np.log(self.E))

    @property
    def a_N(self) -> float:
        """Implied compute-optimal exponent β/(α+β)."""
        return self.law.a_N

    @property
    def b_D(self) -> float:
        """Implied compute-optimal exponent α/(α+β)."""
        return self.law.b_D


def _prepare(N, D, loss, delta):
    n, d, L = check.positive_columns(
        6,
        (N, "The model sizes N", "parameters"),
        (D, "The token counts D", "tokens"),
        (loss, "The losses", "nats per token"),
    )
    dl = check.positive(delta, "The Huber threshold delta")
    return np.log(n), np.log(d), np.log(L), dl


def _evaluate(theta, x, y, t, delta, counts=None, derivatives=True):
    """Huber objective (and derivatives) of :func:`_evaluate_block`, summed over blocks of data points.

    A block holds at most max(_BLOCK_POINTS, _BLOCK_ELEMENTS / S) points, so the (S, points, 5)
    arrays stay bounded however many points there are; data of up to _BLOCK_POINTS points are
    evaluated in one block.
    """
    n = x.size
    width = max(_BLOCK_POINTS, _BLOCK_ELEMENTS // max(theta.shape[0], 1))
    if n <= width:
        out = _evaluate_block(theta, x, y, t, delta, counts, derivatives)
    else:
        out = None
        for lo in range(0, n, width):
            part = slice(lo, lo + width)
            block = _evaluate_block(
                theta, x[part], y[part], t[part], delta, None if counts is None else counts[:, part], derivatives
            )
            out = (
                block if out is None else (out + block if not derivatives else tuple(a + b for a, b in zip(out, block)))
            )
    if not derivatives:
        return out
    F, g, H, damping = out
    return F, g, H, damping + 1e-12


def _evaluate_block(theta, x, y, t, delta, counts=None, derivatives=True):
    """Huber objective for a batch of parameter vectors, with gradient, Hessian and a damping scale.

    ``theta`` is (S, 5) in (log_A, log_B, log_E, alpha, beta); ``counts`` optional (S, n)
    weights (a bootstrap resample). With r = LSE(u) − log L, u = (log_A − α·x, log_B − β·y,
    log_E) and softmax weights w: ∇r = J = Σ_k w_k·p_k and ∇²r = Σ_k w_k·p_k·p_kᵀ − J·Jᵀ, where
    p_k = ∂u_k/∂θ. The exact Hessian of Σ h(r) is Σ [h''(r)·J·Jᵀ + h'(r)·∇²r]. The damping scale
    is the diagonal of the reweighted least-squares matrix Σ min(1, δ/|r|)·J·Jᵀ.
    """
    u1 = theta[:, 0:1] - theta[:, 3:4] * x
    u2 = theta[:, 1:2] - theta[:, 4:5] * y
    u3 = theta[:, 2:3]
    m = np.maximum(np.maximum(u1, u2), u3)
    e1 = np.exp(u1 - m)
    e2 = np.exp(u2 - m)
    e3 = np.exp(u3 - m)
    s = e1 + e2 + e3
    r = m + np.log(s) - t
    a = np.abs(r)
    small = a <= delta
    h = np.where(small, 0.5 * r * r, delta * (a - 0.5 * delta))
    if counts is not None:
        h = h * counts
    F = h.sum(axis=1)
    if not derivatives:
        return F
    w1, w2, w3 = e1 / s, e2 / s, e3 / s
    J = np.stack([w1, w2, w3, -w1 * x, -w2 * y], axis=-1)
    psi = np.clip(r, -delta, delta)
    curvature = small.astype(float)
    omega = np.where(small, 1.0, delta / np.maximum(a, delta))
    if counts is not None:
        psi = psi * counts
        curvature = curvature * counts
        omega = omega * counts
    g = np.einsum("sn,snk->sk", psi, J)
    H = np.matmul(J.transpose(0, 2, 1) * (curvature - psi)[:, None, :], J)
    pw1, pw2, pw3 = psi * w1, psi * w2, psi * w3
    H[:, 0, 0] += pw1.sum(axis=1)
    H[:, 3, 3] += (pw1 * x * x).sum(axis=1)
    cross = (pw1 * x).sum(axis=1)
    H[:, 0, 3] -= cross
    H[:, 3, 0] -= cross
    H[:, 1, 1] += pw2.sum(axis=1)
    H[:, 4, 4] += (pw2 * y * y).sum(axis=1)
    cross = (pw2 * y).sum(axis=1)
    H[:, 1, 4] -= cross
    H[:, 4, 1] -= cross
    H[:, 2, 2] += pw3.sum(axis=1)
    damping = np.einsum("snk,sn->sk", J * J, omega)
    return F, g, H, damping


def _levenberg_marquardt(theta, x, y, t, delta, max_iter, counts=None, damping=1e-3):
    """Damped Newton steps (exact Hessian, Levenberg-Marquardt damping) on every row of ``theta`` at once.

    A step is kept only if it lowers the objective; the damping shrinks after a success and
    grows after a failure, so an indefinite Hessian far from the optimum is tamed. A row stops
    when a kept step changes the objective by less than 1 part in 10^13 or moves no parameter
    by more than 1e-10. Returns (theta, objective).
    """
    theta = np.array(theta, dtype=float, copy=True)
    S = theta.shape[0]
    F, g, H, damp = _evaluate(theta, x, y, t, delta, counts)
    lam = np.broadcast_to(np.asarray(damping, dtype=float), (S,)).copy()
    active = np.ones(S, dtype=bool)
    eye = np.eye(5)
    for _ in range(max_iter):
        idx = np.nonzero(active)[0]
        if idx.size == 0:
            break
        M = H[idx] + (lam[idx, None] * damp[idx])[:, :, None] * eye
        try:
            step = np.linalg.solve(M, -g[idx][:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            step = np.stack([np.linalg.lstsq(M[j], -g[i], rcond=None)[0] for j, i in enumerate(idx)])
        trial = theta[idx] + step
        c_idx = None if counts is None else counts[idx]
        F_new = _evaluate(trial, x, y, t, delta, c_idx, derivatives=False)
        better = np.isfinite(F_new) & (F_new < F[idx])
        accepted = idx[better]
        decrease = (F[idx] - F_new) / np.maximum(F[idx], 1e-300)
        theta[accepted] = trial[better]
        lam[accepted] = np.maximum(lam[accepted] / 3.0, 1e-12)
        lam[idx[~better]] *= 4.0
        if accepted.size:
            c_acc = None if counts is None else counts[accepted]
            F[accepted], g[accepted], H[accepted], damp[accepted] = _evaluate(theta[accepted], x, y, t, delta, c_acc)
        converged = np.zeros(idx.size, dtype=bool)
        converged[better] = (decrease[better] < 1e-13) | (np.abs(step[better]).max(axis=1) < 1e-10)
        converged |= lam[idx] > 1e12
        active[idx[converged]] = False
    return theta, F


def _polish(theta0, x, y, t, delta):
    """L-BFGS-B with exact gradients on the objective measured in units of δ² (so it does not stop early)."""
    scale = 1.0 / delta**2

    def fun(p):
        F, g, _, _ = _evaluate(p[None, :], x, y, t, delta)
        return F[0] * scale, g[0] * scale

    result = optimize.minimize(
        fun,
        theta0,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 20_000, "maxfun": 40_000, "ftol": 1e-15, "gtol": 1e-11},
    )
    F = _evaluate(result.x[None, :], x, y, t, delta, derivatives=False)[0]
    return result.x, F


#: The most starting points :func:`fit` accepts (each is advanced in memory: about 1 KB per start per
#: point in the screening stage). A 200-value grid per coordinate (3.2e11 starts) once exhausted memory.
MAX_STARTS = 200_000


def initialisation_grid(grid=None) -> np.ndarray:
    """The starting points of the Approach-3 search as an (S, 5) array of (log_A, log_B, log_E, alpha, beta).

    ``grid`` maps each of "log_A", "log_B", "log_E", "alpha", "beta" to the values to try;
    missing keys take the paper's values (:data:`INITIALISATION_GRID`, 4,500 starts in all); at most
    :data:`MAX_STARTS` starts. Used in chapter 3.
    """
    values = dict(INITIALISATION_GRID)
    if grid is not None:
        if not hasattr(grid, "items"):
            raise ValueError(f"grid must map coordinate names to values, got {check.shown(grid)}.")
        for key, vals in grid.items():
            if key not in _COORDS:
                raise ValueError(f"grid keys must be among {', '.join(_COORDS)}; got {check.shown(key)}.")
            arr = np.atleast_1d(check._as_float(vals, f"The grid values of {key}"))
            if arr.ndim != 1:
                raise ValueError(f"The grid values of {key} must be a list of numbers.")
            values[key] = tuple(np.unique(arr))
    count = int(np.prod([len(values[k]) for k in _COORDS], dtype=float))
    if count > MAX_STARTS:
        raise ValueError(
            f"The grid has {count:,} starting points; the search keeps each in memory and is limited to "
            f"{MAX_STARTS:,} (the paper's grid has 4,500). Use fewer values per coordinate."
        )
    return np.array(list(itertools.product(*(values[k] for k in _COORDS))), dtype=float)


def _grid_values(starts):
    return [np.unique(starts[:, j]) for j in range(5)]


def _same_minimum(F, F_best, delta):
    # Relative agreement, with an absolute floor (residuals of 1e-5·δ) for noiseless data.
    return F <= F_best * (1 + 1e-7) + 1e-10 * delta**2


def _bracketing_starts(theta, levels):
    """Grid points at the corners of the grid cell that contains ``theta``, nearest first."""
    options = []
    for j, lv in enumerate(levels):
        below, above = lv[lv <= theta[j]], lv[lv >= theta[j]]
        pair = {float(below.max()) if below.size else float(lv[0]), float(above.min()) if above.size else float(lv[-1])}
        options.append(sorted(pair))
    corners = np.array(list(itertools.product(*options)), dtype=float)
    steps = np.array([np.diff(lv).min() if lv.size > 1 else 1.0 for lv in levels])
    distance = np.sqrt((((corners - theta) / steps) ** 2).sum(axis=1))
    return corners[np.argsort(distance)]


def _is_interior(point, levels):
    return all(lv.size < 3 or lv[0] < point[j] < lv[-1] for j, lv in enumerate(levels))


def _best_start(theta, F_best, levels, fallback, x, y, t, delta):
    """The start to report: the nearest interior corner of the optimum's grid cell from which the
    optimiser reaches the same minimum, else ``fallback`` (the start that found it).

    Returns (start, improvement) where improvement is (theta, F) when that run did slightly better.
    """
    corners = np.array([c for c in _bracketing_starts(theta, levels) if _is_interior(c, levels)])
    if corners.size:
        # Each corner twice: with light damping (fast) and heavy damping (a more cautious path).
        k = len(corners)
        ends, F = _levenberg_marquardt(
            np.vstack([corners, corners]), x, y, t, delta, 400, damping=np.repeat([1e-3, 10.0], k)
        )
        hit = _same_minimum(F, F_best, delta)
        hit_corner = hit[:k] | hit[k:]
        if hit_corner.any():
            j = int(np.argmax(hit_corner))
            i = j if hit[j] else j + k
            return corners[j], ((ends[i], F[i]) if F[i] < F_best else None)
        p, Fp = _polish(corners[0], x, y, t, delta)
        if _same_minimum(Fp, F_best, delta):
            return corners[0], ((p, Fp) if Fp < F_best else None)
    return fallback, None


def _require_usable(theta):
    """Refuse a minimum that is not a law: a non-positive exponent, or a scale that over- or underflows."""
    log_A, log_B, log_E, alpha, beta = (float(v) for v in theta)
    if not np.all(np.isfinite(theta)):
        raise ValueError("The fit did not reach finite parameters; the data do not pin down the law.")
    if alpha < MIN_EXPONENT or beta < MIN_EXPONENT:
        which = "N" if alpha < MIN_EXPONENT else "D"
        raise ValueError(
            f"The best fit has alpha = {alpha:.3g} and beta = {beta:.3g}: the losses do not fall with {which} "
            f"(an exponent below {MIN_EXPONENT:g} is indistinguishable from zero), so there is no law to use. "
            "Use data whose loss falls with both N and D."
        )
    for name, value in (("A", log_A), ("B", log_B), ("E", log_E)):
        if not -700 < value < 700:
            raise ValueError(
                f"The fitted {name} = exp({value:.4g}) is beyond floating point: the data do not constrain "
                f"the {'parameter' if name == 'A' else 'token' if name == 'B' else 'irreducible'} term. "
                "Add runs with more distinct N and D, spread over a wider range."
            )


def _make_fit(theta, F, n_starts, best_start, n_points, delta, method) -> Approach3Fit:
    _require_usable(theta)
    return Approach3Fit(
        E=float(np.exp(theta[2])),
        A=float(np.exp(theta[0])),
        B=float(np.exp(theta[1])),
        alpha=float(theta[3]),
        beta=float(theta[4]),
        objective=float(F),
        n_starts=int(n_starts),
        best_start=tuple(float(v) for v in best_start),
        n_points=int(n_points),
        delta=float(delta),
        method=method,
    )


def _screen_subsample(n):
    """Indices of the points the screening stages use: all of them, or SCREEN_POINTS evenly spread."""
    if n <= SCREEN_POINTS:
        return slice(None)
    return np.unique(np.linspace(0, n - 1, SCREEN_POINTS).round().astype(int))


def _require_spread(x, y, t):
    """Refuse data that cannot pin down five parameters: too few distinct N, D or (N, D) pairs, or flat losses."""
    for values, what in ((x, "model sizes N"), (y, "token counts D")):
        distinct = np.unique(values).size
        if distinct < 3:
            raise ValueError(
                f"The data have only {distinct} distinct {what}; Approach 3 needs at least 3 to tell the "
                "scale from the exponent. Add runs at other sizes."
            )
    pairs = np.unique(np.column_stack([x, y]), axis=0).shape[0]
    if pairs < 6:
        raise ValueError(
            f"The data have only {pairs} distinct (N, D) pairs; Approach 3 fits 5 parameters and needs at "
            "least 6. Repeated runs of the same model do not add information about the law."
        )
    if np.ptp(t) <= 1e-12:
        raise ValueError("Every loss is the same, so the data show no dependence on N or D for the law to fit.")
    _require_independent_sizes(x, y)


#: Below this share of their spread, the data's ln N and ln D lie on one line (see below).
COLLINEAR_SHARE = 0.02


def _require_independent_sizes(x, y):
    """Refuse runs whose ln D is a linear function of ln N (every run at the same tokens per parameter,
    or D ∝ N^k): along such a line N^−α and D^−β are powers of one variable, so α and β cannot be
    told apart. Measured by the smaller singular value of the centred (ln N, ln D) cloud, relative
    to the larger."""
    cloud = np.column_stack([x - x.mean(), y - y.mean()])
    small, large = np.linalg.svd(cloud, compute_uv=False)[[-1, 0]]
    if small <= COLLINEAR_SHARE * large:
        raise ValueError(
            "Every run lies on one line in (ln N, ln D) (for example all at the same tokens per parameter), "
            "so the fit cannot tell the N term from the D term. Add runs at other tokens per parameter, "
            "such as an IsoFLOP profile at each budget."
        )


def huber_objective(law: ChinchillaLaw, N, D, loss, delta=HUBER_DELTA) -> float:
    """Σ Huber_δ(log L̂(N, D) − log L) of a law on data: the quantity Approach 3 minimises.

    ``N`` (parameters), ``D`` (tokens), ``loss`` (nats per token) are same-length arrays.
    Used in chapter 3.
    """
    law = _check_law(law)
    x, y, t, dl = _prepare(N, D, loss, delta)
    return float(_evaluate(np.array([law.log_params]), x, y, t, dl, derivatives=False)[0])


def fit(N, D, loss, *, delta=HUBER_DELTA, grid=None) -> Approach3Fit:
    """Approach 3: minimise Σ Huber_δ(LSE(log_A − α·log N, log_B − β·log D, log_E) − log L) from every grid start.

    ``N`` (parameters), ``D`` (tokens), ``loss`` (nats per token): same-length arrays, at least 6
    points. All starts of :func:`initialisation_grid` (by default the paper's 4,500) are
    advanced together by damped Newton steps with the exact gradient and Hessian (numpy,
    batched over starts); the most promising are continued to convergence and the best few
    polished by scipy's L-BFGS-B with exact gradients on the objective in units of δ², so that
    it does not stop early (the failure Besiroglu et al. 2024 found in the paper's fit). Many
    starts reach the same minimum; the reported ``best_start`` is the nearest interior grid
    point around the optimum from which the optimiser reaches it (else the start that found it). A :class:`GridEdgeWarning` is issued when that start is on the
    edge of the grid (no interior start reaches the optimum) or the optimum lies outside it.
    Returns an :class:`Approach3Fit`. Used in chapter 3.
    """
    x, y, t, dl = _prepare(N, D, loss, delta)
    starts = initialisation_grid(grid)
    _require_spread(x, y, t)
    screen = _screen_subsample(x.size)
    theta, F, origin = starts, None, np.arange(len(starts))
    for stage, (iters, keep) in enumerate(_STAGES):
        if keep is not None and len(theta) > keep:
            order = np.argsort(F)[:keep]
            theta, origin = theta[order], origin[order]
        on = screen if stage < len(_STAGES) - 1 else slice(None)
        theta, F = _levenberg_marquardt(theta, x[on], y[on], t[on], dl, iters)
    order = np.argsort(F)[:_POLISH]
    best_theta, best_F, best_origin = None, np.inf, None
    for i in order:
        p, Fp = _polish(theta[i], x, y, t, dl)
        if Fp < best_F:
            best_theta, best_F, best_origin = p, Fp, origin[i]
    levels = _grid_values(starts)
    best_start, better = _best_start(best_theta, best_F, levels, starts[best_origin], x, y, t, dl)
    if better is not None:
        best_theta, best_F = better
    _require_usable(best_theta)  # before the grid-edge warning, which would advise a wider grid
    _warn_if_on_edge(best_start, best_theta, levels)
    return _make_fit(
        best_theta,
        best_F,
        len(starts),
        best_start,
        x.size,
        dl,
        "batched damped Newton over the grid + L-BFGS-B polish, exact derivatives",
    )


def _warn_if_on_edge(best_start, theta, levels):
    problems = []
    for j, lv in enumerate(levels):
        if lv.size < 2:
            continue
        name = _COORDS[j]
        if theta[j] < lv[0] or theta[j] > lv[-1]:
            problems.append(f"the fitted {name} = {theta[j]:.4g} lies outside the grid [{lv[0]:g}, {lv[-1]:g}]")
        elif lv.size >= 3 and best_start[j] in (lv[0], lv[-1]):
            problems.append(
                f"the best start has {name} = {best_start[j]:g}, an end of the grid [{lv[0]:g}, {lv[-1]:g}]"
            )
    if problems:
        warnings.warn(
            "The Approach-3 search may not bracket the optimum: "
            + "; ".join(problems)
            + ". Widen the initialisation grid.",
            GridEdgeWarning,
            stacklevel=3,
        )


def fit_reference_loop(
    N, D, loss, *, delta=HUBER_DELTA, grid=None, starts=None, exact_gradient=False, rescale=False
) -> Approach3Fit:
    """The slow reference: one scipy L-BFGS-B run per start, best result kept.

    By default it reproduces the paper's set-up that Besiroglu et al. 2024 diagnosed: finite-
    difference gradients on the un-rescaled Huber sum, whose tiny values make L-BFGS-B stop
    before it converges. ``exact_gradient=True`` and ``rescale=True`` switch each fix on, so the
    chapter can show "early stop vs exact gradients". ``starts`` is an optional (S, 5) array of
    starts (default: :func:`initialisation_grid` of ``grid``). Inputs as in :func:`fit`. Slow by design:
    on the paper's 4,500 starts it takes minutes (``make bench`` times it beside :func:`fit`); pass fewer
    ``starts`` for a quick comparison. Returns an :class:`Approach3Fit`. Used in chapter 3 and
    ``tools/bench/bench_chinchilla.py``.
    """
    x, y, t, dl = _prepare(N, D, loss, delta)
    if starts is None:
        starts = initialisation_grid(grid)
    else:
        starts = np.atleast_2d(check._as_float(starts, "The starts"))
        if starts.ndim != 2 or starts.shape[1] != 5:
            raise ValueError(
                f"starts must be an (S, 5) array of (log_A, log_B, log_E, alpha, beta), got shape {starts.shape}."
            )
    scale = 1.0 / dl**2 if rescale else 1.0

    def fun(p):
        return _evaluate(p[None, :], x, y, t, dl, derivatives=False)[0] * scale

    def fun_grad(p):
        F, g, _, _ = _evaluate(p[None, :], x, y, t, dl)
        return F[0] * scale, g[0] * scale

    best_F, best_x, best_start = np.inf, None, None
    for s in starts:
        if exact_gradient:
            result = optimize.minimize(fun_grad, s, jac=True, method="L-BFGS-B")
        else:
            result = optimize.minimize(fun, s, method="L-BFGS-B")
        F = _evaluate(result.x[None, :], x, y, t, dl, derivatives=False)[0]
        if np.isfinite(F) and F < best_F:
            best_F, best_x, best_start = F, result.x, s
    if best_x is None:
        raise ValueError("No start of the reference loop reached a finite objective; check the data and starts.")
    label = (
        "per-start L-BFGS-B, "
        + ("exact" if exact_gradient else "finite-difference")
        + " gradients, "
        + ("rescaled" if rescale else "un-rescaled")
        + " objective"
    )
    return _make_fit(best_x, best_F, len(starts), best_start, x.size, dl, label)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
