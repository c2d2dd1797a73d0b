"""Fits on the real runs of ``scaling.datasets``: what the methods of chapters 2-4 give on measured losses.

- Porian et al. 2024 (chapter 2): the compute-optimal exponent a_N of each training setup, by
  IsoFLOP parabolas through all sizes, through the sizes nearest each minimum, or by the
  interpolation the authors used;
- Gadre et al. 2024 (chapters 3 and 4): fit on small runs, predict large ones — the plain
  Approach-3 law of chapter 3 and the authors' own law in compute and over-training;
- Epoch AI's notable models (chapters 2, 4 and 7): doubling time of training compute, tokens
  per parameter over time, cost against compute.

Every function is fast (vectorised, no disk cache), so chapters can call them on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.interpolate import Akima1DInterpolator

from . import _validate as check
from .chinchilla import isoflop_profiles
from .datasets import IsoFLOPRuns, NotableModels, OvertrainingRuns, porian_isoflop, porian_paper_fits
from .powerlaw import fit_power_law

# =============================================================================================
# Porian et al. 2024: the Kaplan-Chinchilla discrepancy, one setup change at a time
# =============================================================================================

#: Porian et al.'s path from Kaplan's setup to Chinchilla's on RefinedWeb (their Fig. 1 and
#: Table 1): each setup adds one change to the one before. (setup key, what changed).
PORIAN_LADDER = (
    (
        "rw-base-long-kaplan-kaplan-train",
        "Reproducing Kaplan et al.: N and C without embeddings or the "
        "output layer, training loss, long warm-up, loss read off long runs",
    ),
    ("rw-base-long-kaplan-standard-val", "count the output (last) layer in N and C; validation loss"),
    ("rw-base-short-kaplan-standard-val", "warm-up scaled to the model instead of one long warm-up"),
    ("rw-base-short-chinchilla-standard-val", "cosine decay matched to each run's length"),
    (
        "rw-tuned-short-const-standard-val",
        "learning rate, batch size and AdamW beta2 tuned per size (constant learning rate, no decay)",
    ),
)

#: Short names of the ladder's steps, for tables and figure ticks.
PORIAN_STEP_NAMES = ("Reproducing Kaplan", "+ last layer", "+ short warm-up", "+ cosine decay", "+ tuned AdamW")

#: The same ladder on OpenWebText2, to check that the story does not depend on the data set.
PORIAN_LADDER_OWT2 = tuple(("owt2" + key[2:], what) for key, what in PORIAN_LADDER)

#: Interpolation grid density of the authors' analysis (analysis.py, interp_flop: 25 points per
#: interval between trained sizes).
AKIMA_POINTS_PER_INTERVAL = 25

METHODS = ("parabola", "akima")


def _table(value, kind, loader: str):
    """Refuse, with a sentence, anything but the table ``loader`` returns."""
    if not isinstance(value, kind):
        raise ValueError(f"Expected the table scaling.datasets.{loader} returns, got {type(value).__name__}.")
    return value


@dataclass(frozen=True)
class ExponentEstimate:
    """The compute-optimal exponent a_N (N_opt ∝ C^a_N, dimensionless) of one setup by one method.

    ``budgets`` (FLOPs) and ``n_opt`` (parameters) are the per-budget optima the line was fitted
    to; ``n_dropped`` counts budgets left out (no minimum inside the trained sizes).
    """

    setup: str
    method: str
    nearest: int | None
    a_N: float
    budgets: np.ndarray
    n_opt: np.ndarray
    n_dropped: int


def _nearest_to_minimum(n, loss, nearest):
    """Indices of the ``nearest`` sizes closest in log N to the size with the lowest loss."""
    if nearest is None or nearest >= n.size:
        return np.arange(n.size)
    best = np.argmin(loss)
    return np.sort(np.argsort(np.abs(np.log(n) - np.log(n[best])), kind="stable")[:nearest])


def _parabola_optimum(c, n, loss, keep_unbracketed):
    """N_opt of a parabola in ln N through one profile; None when it has no minimum, or (unless
    ``keep_unbracketed``) when its minimum lies outside the sizes trained."""
    try:
        (profile,) = isoflop_profiles(np.full(n.size, c), n, loss)
    except ValueError:  # the profile curves downwards: no minimum
        return None
    return profile.n_opt if profile.bracketed or keep_unbracketed else None


def _akima_optimum(n, loss):
    """N_opt by the authors' method: Akima interpolation of ln L on ln N, minimum on a fine grid."""
    order = np.argsort(n)
    x, y = np.log(n[order]), np.log(loss[order])
    grid = np.linspace(x[0], x[-1], (x.size - 1) * AKIMA_POINTS_PER_INTERVAL)
    best = int(np.argmin(Akima1DInterpolator(x, y)(grid)))
    return None if best in (0, grid.size - 1) else float(np.exp(grid[best]))


def isoflop_exponent(
    runs: IsoFLOPRuns, *, method: str = "parabola", nearest: int | None = None, keep_unbracketed: bool = False
) -> ExponentEstimate:
    """a_N of one setup's IsoFLOP runs: per budget an optimum N_opt, then a least-squares line of ln N_opt on ln C.

    ``runs``: one setup of :func:`scaling.datasets.porian_isoflop` (``.select(setup)``).
    ``method``: ``"parabola"`` (a parabola in ln N per budget, as Approach 2 of chapter 3) or
    ``"akima"`` (the interpolation Porian et al. used; no bootstrap or weights). ``nearest``: use
    only that many sizes closest (in ln N) to the lowest observed loss at each budget (at least 3);
    None uses every size. A budget whose optimum is not inside its sizes is dropped, unless
    ``keep_unbracketed`` (parabola only: the naive fit, which trusts the parabola's extrapolated
    minimum, as :func:`scaling.chinchilla.fit_isoflop` does). Used in chapter 2.
    """
    _table(runs, IsoFLOPRuns, "porian_isoflop().select(setup)")
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {check.shown(method)}.")
    if nearest is not None:
        nearest = check.integer(nearest, "The number of sizes nearest the minimum", minimum=3)
    budgets, n_opt = [], []
    for c in np.unique(runs.C):
        at_c = runs.C == c
        n, loss = runs.N[at_c], runs.loss[at_c]
        keep = _nearest_to_minimum(n, loss, nearest)
        if keep.size < 3:
            continue
        if method == "parabola":
            optimum = _parabola_optimum(c, n[keep], loss[keep], keep_unbracketed)
        else:
            optimum = _akima_optimum(n[keep], loss[keep])
        if optimum is not None:
            budgets.append(c)
            n_opt.append(optimum)
    total = np.unique(runs.C).size
    if len(budgets) < 3:
        raise ValueError(
            f"Only {len(budgets)} of {total} budgets have an optimum inside their sizes; a_N needs at least 3."
        )
    line = fit_power_law(budgets, n_opt)
    return ExponentEstimate(
        setup=str(runs.setup[0]),
        method=method,
        nearest=nearest,
        a_N=-line.alpha,
        budgets=np.array(budgets),
        n_opt=np.array(n_opt),
        n_dropped=total - len(budgets),
    )


@dataclass(frozen=True)
class LadderStep:
    """One setup of the ladder with a_N by each method (dimensionless) and the paper's own value."""

    setup: str
    change: str
    naive: float
    parabola_all: float
    parabola_nearest: float
    akima: float
    paper: float


def discrepancy_ladder(ladder=PORIAN_LADDER, *, nearest: int = 5) -> list:
    """a_N for each setup of ``ladder`` by three methods, beside Porian et al.'s own value.

    Methods: ``naive``, a parabola through every size at every budget, its minimum trusted even
    outside the sizes trained; ``parabola_all``, the same without the budgets whose minimum is
    outside; ``parabola_nearest``, a parabola through the ``nearest``
    sizes around the lowest loss; the Akima interpolation the authors used. ``paper`` is their
    bootstrap-median, weighted estimate (:func:`scaling.datasets.porian_paper_fits`).
    Returns a list of :class:`LadderStep`. Used in chapter 2.
    """
    nearest = check.integer(nearest, "The number of sizes nearest the minimum", minimum=3)
    runs, paper = porian_isoflop(), porian_paper_fits()
    steps = []
    for setup, change in ladder:
        one = runs.select(setup)
        steps.append(
            LadderStep(
                setup=setup,
                change=change,
                naive=isoflop_exponent(one, keep_unbracketed=True).a_N,
                parabola_all=isoflop_exponent(one).a_N,
                parabola_nearest=isoflop_exponent(one, nearest=nearest).a_N,
                akima=isoflop_exponent(one, method="akima").a_N,
                paper=paper[setup].a_N,
            )
        )
    return steps


# =============================================================================================
# Epoch AI's notable models (CC BY 4.0): trends
# =============================================================================================


def _on_line(year, base: float, intercept: float, slope_per_year: float):
    """base ** (intercept + slope_per_year · year): a straight line in log space, read at ``year``."""
    return base ** (intercept + slope_per_year * check._as_float(year, "The year"))


@dataclass(frozen=True)
class ComputeTrend:
    """A least-squares line of log2(training compute) against the publication year.

    ``doubling_months``: months for the compute of a typical notable model to double;
    ``growth_per_year``: the factor per year (dimensionless); ``intercept_log2``: log2 FLOPs at
    year 0 of the line (for drawing it); ``n_models`` and the years the fit covers.
    """

    doubling_months: float
    growth_per_year: float
    intercept_log2: float
    n_models: int
    start_year: float
    end_year: float

    def predict(self, year):
        """Training compute (FLOPs) the line gives at ``year`` (decimal year)."""
        return _on_line(year, 2.0, self.intercept_log2, 12.0 / self.doubling_months)


def _is_language(domain) -> np.ndarray:
    """True where Epoch's domain list includes Language."""
    return np.array(["Language" in d.split(",") for d in domain])


def compute_trend(models, *, start_year: float = 2010.0, language_only: bool = False) -> ComputeTrend:
    """Doubling time of the training compute of notable models published from ``start_year`` on.

    ``models``: :func:`scaling.datasets.epoch_models`; models without a compute estimate are
    skipped; ``language_only`` keeps models whose domain includes Language. Used in chapter 2.
    """
    _table(models, NotableModels, "epoch_models()")
    start = check.in_range(start_year, "The start year", 1950.0, 2025.0)
    keep = np.isfinite(models.compute) & (models.year >= start)
    if language_only:
        keep &= _is_language(models.domain)
    if keep.sum() < 10:
        raise ValueError(f"Only {keep.sum()} models with a compute estimate from {start:g} on; a trend needs 10.")
    slope, intercept = np.polyfit(models.year[keep], np.log2(models.compute[keep]), 1)
    return ComputeTrend(
        doubling_months=float(12.0 / slope),
        growth_per_year=float(2.0**slope),
        intercept_log2=float(intercept),
        n_models=int(keep.sum()),
        start_year=float(models.year[keep].min()),
        end_year=float(models.year[keep].max()),
    )


#: Epoch's column "Training dataset size (gradients)" is read as tokens for language models: the
#: entries checked against the papers match their training tokens (Chinchilla 1.4e12, Llama 2 2e12,
#: DeepSeek-V3 14.8e12), but some older entries were converted from words (GPT-3: 238e9 against the
#: 300e9 tokens trained, Brown et al. 2020, as in scaling.models). See data/README.md.
EPOCH_DATASET_COLUMN = "Training dataset size (gradients)"


@dataclass(frozen=True)
class TokensPerParam:
    """Tokens per parameter (Epoch's training-dataset size over parameters) of notable language models.

    Per calendar year: ``years``, the ``medians`` of the ratio (tokens per parameter) and the
    ``counts`` of models with both numbers. Per model: ``names``, ``model_years`` (decimal years),
    ``ratios``. ``growth_per_year``: the factor per year of a least-squares line of log10(ratio)
    against the year, over every model (``intercept_log10`` is that line's value at year 0).
    ``n_language``: language models trained from scratch in the window (with or without numbers);
    ``n_no_params``: those without a parameter count (mostly closed models);
    ``n_large_no_data``: those with at least the minimum size but no dataset size.
    """

    years: np.ndarray
    medians: np.ndarray
    counts: np.ndarray
    names: np.ndarray
    model_years: np.ndarray
    ratios: np.ndarray
    growth_per_year: float
    intercept_log10: float
    n_language: int
    n_no_params: int
    n_large_no_data: int

    def predict(self, year):
        """Tokens per parameter the fitted line gives at ``year`` (decimal year)."""
        return _on_line(year, 10.0, self.intercept_log10, np.log10(self.growth_per_year))


def tokens_per_param_trend(models, *, start_year: int = 2019, min_params: float = 1e9) -> TokensPerParam:
    """Tokens per parameter of notable language models published from ``start_year`` on: per model,
    median per year, and a fitted growth factor per year.

    ``models``: :func:`scaling.datasets.epoch_models`. Only language models trained from scratch
    with at least ``min_params`` parameters count (a fine-tune's dataset size is its fine-tuning
    set; small models often report examples, not tokens). A mixture of experts counts all its
    parameters, so its ratio is low. The ratio is tokens per parameter where Epoch's dataset size
    is the tokens trained on (:data:`EPOCH_DATASET_COLUMN`). Used in chapter 4.
    """
    _table(models, NotableModels, "epoch_models()")
    start = check.integer(start_year, "The start year", minimum=1950)
    if start > 2024:
        raise ValueError(f"The start year must be 2024 or earlier (the table ends in 2025), got {start}.")
    smallest = check.positive(min_params, "The smallest model size", "parameters")
    window = _is_language(models.domain) & (models.year >= start) & (models.base_model == "")
    has_params = np.isfinite(models.params)
    large = window & has_params & (models.params >= smallest)
    keep = large & np.isfinite(models.dataset_size)
    if keep.sum() < 10:
        raise ValueError(
            f"Only {keep.sum()} language models of at least {smallest:.3g} parameters from {start} on "
            "report a dataset size; a trend needs 10."
        )
    years, ratios = models.year[keep], models.dataset_size[keep] / models.params[keep]
    whole = np.floor(years).astype(int)
    labels = np.unique(whole)
    slope, intercept = np.polyfit(years, np.log10(ratios), 1)
    return TokensPerParam(
        years=labels,
        medians=np.array([np.median(ratios[whole == y]) for y in labels]),
        counts=np.array([(whole == y).sum() for y in labels]),
        names=models.name[keep],
        model_years=years,
        ratios=ratios,
        growth_per_year=float(10.0**slope),
        intercept_log10=float(intercept),
        n_language=int(window.sum()),
        n_no_params=int((window & ~has_params).sum()),
        n_large_no_data=int((large & ~np.isfinite(models.dataset_size)).sum()),
    )


@dataclass(frozen=True)
class CostFit:
    """cost = k·C^slope fitted in log-log space to models with both a cost and a compute estimate.

    ``slope`` (dimensionless), ``dollars_per_1e24`` (2023 US dollars for 1e24 FLOPs on the line),
    ``median_dollars_per_flop`` over the models, ``n_models``, the spread of log10 residuals
    (``residual_std_log10``), and the years the models span. With the publication year as a second
    variable, log10 cost = c + ``slope_same_year``·log10 C + log10(``change_per_year``)·year:
    ``slope_same_year`` is the exponent among models of the same year, ``change_per_year`` the
    factor by which the cost of a fixed compute changes per year.
    """

    slope: float
    dollars_per_1e24: float
    median_dollars_per_flop: float
    n_models: int
    residual_std_log10: float
    slope_same_year: float
    change_per_year: float
    start_year: float
    end_year: float


def cost_against_compute(models) -> CostFit:
    """Fit Epoch's training compute cost (2023 US dollars) against training compute (FLOPs), alone and
    with the publication year as a second variable. ``models``: :func:`scaling.datasets.epoch_models`.
    Used in chapter 7.
    """
    _table(models, NotableModels, "epoch_models()")
    keep = np.isfinite(models.cost) & np.isfinite(models.compute) & (models.cost > 0)
    if keep.sum() < 10:
        raise ValueError(f"Only {keep.sum()} models have both a cost and a compute estimate; a fit needs 10.")
    x, y, t = np.log10(models.compute[keep]), np.log10(models.cost[keep]), models.year[keep]
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    design = np.column_stack([np.ones_like(x), x, t - 2020.0])
    (_, slope_same_year, per_year), *_ = np.linalg.lstsq(design, y, rcond=None)
    return CostFit(
        slope=float(slope),
        dollars_per_1e24=float(10 ** (intercept + 24 * slope)),
        median_dollars_per_flop=float(np.median(models.cost[keep] / models.compute[keep])),
        n_models=int(keep.sum()),
        residual_std_log10=float(residual.std(ddof=2)),
        slope_same_year=float(slope_same_year),
        change_per_year=float(10.0**per_year),
        start_year=float(t.min()),
        end_year=float(t.max()),
    )


# =============================================================================================
# Gadre et al. 2024: fit small, predict large; over-training
# =============================================================================================

#: Runs below this size are "small" (fitted); the 1.4B and 6.9B runs are held out. Parameters.
SMALL_RUN_LIMIT = 1e9

#: The architecture of Gadre et al.'s smallest model (10.6M parameters), whose 16x over-trained run
#: joins the four M = 1 runs in their fit (scaling/shared.py, fit_ds, at GADRE_COMMIT).
GADRE_SMALLEST_SHAPE = "d=96_l=8_h=4"
GADRE_FIT_OVERTRAINED_M = 16.0


@dataclass(frozen=True)
class EqualExponentLaw:
    """L(N, D) = E + A/N^η + B/D^η (nats per token): Chinchilla's form with one exponent for both terms.

    This is Gadre et al.'s law L(C, M) = E + (a·M^η + b·M^−η)·C^−η rewritten in N and D
    (with C = 6ND and D = M·N·20: N = sqrt(C/(6·20M)) and D = sqrt(20M·C/6)); their code
    (scaling/laws.py, ``powlaw_ours``) fits it in this form. N in parameters, D in tokens.
    """

    E: float
    A: float
    B: float
    eta: float

    def loss(self, N, D):
        """Predicted loss (nats per token) for N parameters trained on D tokens."""
        n = check.positive(N, "The number of parameters N", "parameters")
        d = check.positive(D, "The number of tokens D", "tokens")
        return self.E + self.A * n**-self.eta + self.B * d**-self.eta


def fit_equal_exponent_law(N, D, loss) -> EqualExponentLaw:
    """Least-squares fit of :class:`EqualExponentLaw` to losses (as Gadre et al. fit it: squared
    errors of the loss itself, no Huber, no logs).

    For a fixed η the law is linear in (E, A, B), so the fit solves that linear least-squares
    problem for 2,000 values of η in (0.01, 1) at once, then refines around the best by golden-
    section search. ``N`` (parameters), ``D`` (tokens), ``loss`` (nats per token): at least 4
    points. Used in chapter 3.
    """
    n = check.samples(N, "The model sizes N", minimum=4)
    d = check.samples(D, "The token counts D", minimum=4)
    y = check.samples(loss, "The losses", minimum=4)
    check.same_length("The model sizes N", n, "the token counts D", d)
    check.same_length("The model sizes N", n, "the losses", y)
    for value, name, unit in (
        (n, "The model sizes N", "parameters"),
        (d, "The token counts D", "tokens"),
        (y, "The losses", "nats per token"),
    ):
        check.positive(value, name, unit)

    def solve(etas):
        design = np.stack(
            [np.ones((etas.size, n.size)), n[None, :] ** -etas[:, None], d[None, :] ** -etas[:, None]], axis=2
        )  # (etas, points, 3)
        scale = np.linalg.norm(design, axis=1, keepdims=True)  # columns of unit length: a well-posed system
        unit = design / scale
        gram = np.einsum("epi,epj->eij", unit, unit)
        rhs = np.einsum("epi,p->ei", unit, y)
        coef = np.linalg.solve(gram, rhs[:, :, None])[:, :, 0] / scale[:, 0, :]
        residual = np.einsum("epi,ei->ep", design, coef) - y
        return coef, np.sum(residual**2, axis=1)

    etas = np.linspace(0.01, 1.0, 2000)
    _, sse = solve(etas)
    best = int(np.argmin(sse))
    low, high = etas[max(best - 1, 0)], etas[min(best + 1, etas.size - 1)]
    ratio = (np.sqrt(5) - 1) / 2
    for _ in range(60):  # golden section on the bracket around the grid's best eta
        a, b = high - ratio * (high - low), low + ratio * (high - low)
        if solve(np.array([a]))[1][0] < solve(np.array([b]))[1][0]:
            high = b
        else:
            low = a
    eta = 0.5 * (low + high)
    ((E, A, B),) = solve(np.array([eta]))[0]
    return EqualExponentLaw(E=float(E), A=float(A), B=float(B), eta=float(eta))


@dataclass(frozen=True)
class HeldOutPrediction:
    """Predictions for the held-out large runs: sizes N (parameters), tokens D, multipliers M
    (D = 20·M·N), measured and predicted losses (nats per token), and the relative error
    (predicted − measured)/measured."""

    method: str
    n_fitted: int
    N: np.ndarray
    D: np.ndarray
    M: np.ndarray
    measured: np.ndarray
    predicted: np.ndarray

    @property
    def relative_error(self) -> np.ndarray:
        return (self.predicted - self.measured) / self.measured


def gadre_fit_runs(runs):
    """Mask of the five runs Gadre et al. fit: every size below 1B at M = 1, and the smallest at M = 16."""
    _table(runs, OvertrainingRuns, "gadre_runs()")
    small = runs.N < SMALL_RUN_LIMIT
    return small & ((runs.M == 1.0) | ((runs.shape == GADRE_SMALLEST_SHAPE) & (runs.M == GADRE_FIT_OVERTRAINED_M)))


def predict_large_runs(
    train_dataset: str = "c4_original", eval_set: str = "c4_val", *, method: str = "approach3"
) -> tuple:
    """Fit on Gadre et al.'s runs below 1B parameters and predict the 1.4B and 6.9B runs.

    ``method``: ``"approach3"`` fits chapter 3's law L = E + A/N^α + B/D^β
    (:func:`scaling.chinchilla.fit`) to every small run of ``train_dataset`` (all multipliers);
    ``"gadre"`` fits :class:`EqualExponentLaw` to the five runs Gadre et al. use
    (:func:`gadre_fit_runs`). Losses are evaluated on ``eval_set``. Returns
    (the fitted law, :class:`HeldOutPrediction`). Used in chapter 3.
    """
    from .chinchilla import fit as approach3_fit
    from .datasets import gadre_runs

    runs = gadre_runs().select(train_dataset, eval_set)
    large = runs.N >= SMALL_RUN_LIMIT
    if method == "approach3":
        used = ~large
        law = approach3_fit(runs.N[used], runs.D[used], runs.loss[used]).law
        predicted = law.loss(runs.N[large], runs.D[large])
    elif method == "gadre":
        used = gadre_fit_runs(runs)
        law = fit_equal_exponent_law(runs.N[used], runs.D[used], runs.loss[used])
        predicted = law.loss(runs.N[large], runs.D[large])
    else:
        raise ValueError(f"method must be 'approach3' or 'gadre', got {check.shown(method)}.")
    order = np.lexsort((runs.M[large], runs.N[large]))
    return law, HeldOutPrediction(
        method=method,
        n_fitted=int(used.sum()),
        N=runs.N[large][order],
        D=runs.D[large][order],
        M=runs.M[large][order],
        measured=runs.loss[large][order],
        predicted=np.asarray(predicted)[order],
    )


def approach3_prediction_spread(
    N_target,
    D_target,
    train_dataset: str = "c4_original",
    eval_set: str = "c4_val",
    *,
    n_resamples: int = 200,
    confidence: float = 0.95,
    seed: int = 0,
    by_model_size: bool = False,
):
    """Bootstrap spread of the Approach-3 prediction at (N_target parameters, D_target tokens).

    Resamples the small runs with replacement (:func:`scaling.chinchilla.bootstrap`), predicts the
    loss with each refit, and returns (low, median, high) of the predictions (nats per token) at
    level ``confidence`` (percentiles). With ``by_model_size`` whole model sizes are resampled (a
    clustered bootstrap: which sizes were trained), not single runs. The spread measures how much
    the data's noise, or the choice of sizes, moves the fit; it says nothing about whether the
    law's form holds beyond the sizes fitted. Used in chapters 3 and 8.
    """
    from .chinchilla import bootstrap
    from .datasets import gadre_runs

    n_t = check.positive(N_target, "The target size N", "parameters")
    d_t = check.positive(D_target, "The target tokens D", "tokens")
    level = check.in_range(confidence, "The confidence level", 0.0, 1.0, low_open=True, high_open=True)
    runs = gadre_runs().select(train_dataset, eval_set)
    small = runs.N < SMALL_RUN_LIMIT
    clusters = runs.N[small] if by_model_size else None
    result = bootstrap(
        runs.N[small], runs.D[small], runs.loss[small], n_resamples=n_resamples, seed=seed, clusters=clusters
    )
    E, A, B, alpha, beta = result.samples[:, :5].T
    predictions = E + A / n_t**alpha + B / d_t**beta
    tail = 50.0 * (1.0 - level)
    low, mid, high = np.percentile(predictions, [tail, 50.0, 100.0 - tail])
    return float(low), float(mid), float(high)


def predict_overtrained_runs(
    train_dataset: str = "c4_original",
    eval_set: str = "c4_val",
    *,
    fit_multipliers=(0.5, 2.0),
    min_multiplier: float = 4.0,
) -> tuple:
    """Fit chapter 3's law on Gadre et al.'s runs near 20 tokens per parameter and predict the over-trained ones.

    Fits L = E + A/N^α + B/D^β (:func:`scaling.chinchilla.fit`) to every run of ``train_dataset``
    whose multiplier M = D/(20 N) lies in ``fit_multipliers`` (inclusive; default 0.5-2, i.e.
    10-40 tokens per parameter), then predicts every run with M ≥ ``min_multiplier`` (default 4,
    80 tokens per parameter and up). Losses (nats per token) are evaluated on ``eval_set``.
    Returns (the fitted law, :class:`HeldOutPrediction`). Used in chapter 4.
    """
    from .chinchilla import fit as approach3_fit
    from .datasets import gadre_runs

    low, high = (check.positive(m, "A token multiplier", "times 20 tokens per parameter") for m in fit_multipliers)
    if low > high:
        raise ValueError(f"The fitted multipliers must run from low to high, got {low:g} to {high:g}.")
    floor = check.positive(min_multiplier, "The smallest predicted multiplier", "times 20 tokens per parameter")
    if floor <= high:
        raise ValueError(f"The predicted runs (M ≥ {floor:g}) must lie beyond the fitted ones (M ≤ {high:g}).")
    runs = gadre_runs().select(train_dataset, eval_set)
    used = (runs.M >= low) & (runs.M <= high)
    target = runs.M >= floor
    law = approach3_fit(runs.N[used], runs.D[used], runs.loss[used]).law
    order = np.lexsort((runs.M[target], runs.N[target]))
    return law, HeldOutPrediction(
        method="approach3",
        n_fitted=int(used.sum()),
        N=runs.N[target][order],
        D=runs.D[target][order],
        M=runs.M[target][order],
        measured=runs.loss[target][order],
        predicted=np.asarray(law.loss(runs.N[target], runs.D[target]))[order],
    )


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
