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
from .datasets import IsoFLOPRuns, porian_isoflop, porian_paper_fits
from .powerlaw import fit_power_law

# =============================================================================================
# Porian et al. 2024: the Kaplan-Chinchilla discrepancy, one setup change at a time
# =============================================================================================

#: Porian et al.'s path from Kaplan's setup to Chinchilla's on RefinedWeb (their Fig. 1 and
#: Table 1): each setup adds one change to the one before. (setup key, what changed).
PORIAN_LADDER = (
    ("rw-base-long-kaplan-kaplan-train", "Reproducing Kaplan et al.: N and C without embeddings or the "
     "output layer, training loss, long warm-up, loss read off long runs"),
    ("rw-base-long-kaplan-standard-val", "count the output (last) layer in N and C; validation loss"),
    ("rw-base-short-kaplan-standard-val", "warm-up scaled to the model instead of one long warm-up"),
    ("rw-base-short-chinchilla-standard-val", "cosine decay matched to each run's length"),
    ("rw-tuned-short-const-standard-val", "learning rate, batch size and AdamW beta2 tuned per size "
     "(constant learning rate, no decay)"),
)

#: Short names of the ladder's steps, for tables and figure ticks.
PORIAN_STEP_NAMES = ("Reproducing Kaplan", "+ last layer", "+ short warm-up", "+ cosine decay", "+ tuned AdamW")

#: The same ladder on OpenWebText2, to check that the story does not depend on the data set.
PORIAN_LADDER_OWT2 = tuple(("owt2" + key[2:], what) for key, what in PORIAN_LADDER)

#: Interpolation grid density of the authors' analysis (analysis.py, interp_flop: 25 points per
#: interval between trained sizes).
AKIMA_POINTS_PER_INTERVAL = 25

METHODS = ("parabola", "akima")


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


def isoflop_exponent(runs: IsoFLOPRuns, *, method: str = "parabola", nearest: int | None = None,
                     keep_unbracketed: bool = False) -> ExponentEstimate:
    """a_N of one setup's IsoFLOP runs: per budget an optimum N_opt, then a least-squares line of ln N_opt on ln C.

    ``runs``: one setup of :func:`scaling.datasets.porian_isoflop` (``.select(setup)``).
    ``method``: ``"parabola"`` (a parabola in ln N per budget, as Approach 2 of chapter 3) or
    ``"akima"`` (the interpolation Porian et al. used; no bootstrap or weights). ``nearest``: use
    only that many sizes closest (in ln N) to the lowest observed loss at each budget (at least 3);
    None uses every size. A budget whose optimum is not inside its sizes is dropped, unless
    ``keep_unbracketed`` (parabola only: the naive fit, which trusts the parabola's extrapolated
    minimum, as :func:`scaling.chinchilla.fit_isoflop` does). Used in chapter 2.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}.")
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
        raise ValueError(f"Only {len(budgets)} of {total} budgets have an optimum inside their sizes; "
                         "a_N needs at least 3.")
    line = fit_power_law(budgets, n_opt)
    return ExponentEstimate(setup=str(runs.setup[0]), method=method, nearest=nearest, a_N=-line.alpha,
                            budgets=np.array(budgets), n_opt=np.array(n_opt), n_dropped=total - len(budgets))


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
    runs, paper = porian_isoflop(), porian_paper_fits()
    steps = []
    for setup, change in ladder:
        one = runs.select(setup)
        steps.append(LadderStep(
            setup=setup, change=change,
            naive=isoflop_exponent(one, keep_unbracketed=True).a_N,
            parabola_all=isoflop_exponent(one).a_N,
            parabola_nearest=isoflop_exponent(one, nearest=nearest).a_N,
            akima=isoflop_exponent(one, method="akima").a_N,
            paper=paper[setup].a_N,
        ))
    return steps


# =============================================================================================
# Epoch AI's notable models (CC BY 4.0): trends
# =============================================================================================


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
        year = check._as_float(year, "The year")
        return 2.0 ** (self.intercept_log2 + year * 12.0 / self.doubling_months)


def _is_language(domain) -> np.ndarray:
    """True where Epoch's domain list includes Language."""
    return np.array(["Language" in d.split(",") for d in domain])


def compute_trend(models, *, start_year: float = 2010.0, language_only: bool = False) -> ComputeTrend:
    """Doubling time of the training compute of notable models published from ``start_year`` on.

    ``models``: :func:`scaling.datasets.epoch_models`; models without a compute estimate are
    skipped; ``language_only`` keeps models whose domain includes Language. Used in chapter 2.
    """
    start = check.in_range(start_year, "The start year", 1950.0, 2025.0)
    keep = np.isfinite(models.compute) & (models.year >= start)
    if language_only:
        keep &= _is_language(models.domain)
    if keep.sum() < 10:
        raise ValueError(f"Only {keep.sum()} models with a compute estimate from {start:g} on; a trend needs 10.")
    slope, intercept = np.polyfit(models.year[keep], np.log2(models.compute[keep]), 1)
    return ComputeTrend(doubling_months=float(12.0 / slope), growth_per_year=float(2.0**slope),
                        intercept_log2=float(intercept), n_models=int(keep.sum()),
                        start_year=float(models.year[keep].min()), end_year=float(models.year[keep].max()))


def tokens_per_param_by_year(models, *, start_year: int = 2019, min_params: float = 1e9):
    """Median of Epoch's training-dataset size over parameters, per publication year, for language models.

    Only models trained from scratch with at least ``min_params`` parameters count (a fine-tune's
    dataset size is its fine-tuning set; small models often report examples, not tokens; a
    mixture of experts counts all its parameters, so its ratio is low). Returns (years, medians, counts, per_model_years, per_model_ratios). The ratio is tokens per
    parameter where Epoch's "training dataset size" is the tokens trained on; for some models it is
    the size of the data set before epochs (GPT-3: 238B against the 300B tokens trained).
    Used in chapter 4.
    """
    start = check.integer(start_year, "The start year", minimum=1950)
    keep = (_is_language(models.domain) & np.isfinite(models.params) & np.isfinite(models.dataset_size)
            & (models.year >= start) & (models.base_model == "")
            & (models.params >= check.positive(min_params, "The smallest model size", "parameters")))
    years, ratios = models.year[keep], models.dataset_size[keep] / models.params[keep]
    whole = np.floor(years).astype(int)
    labels = np.unique(whole)
    medians = np.array([np.median(ratios[whole == y]) for y in labels])
    counts = np.array([(whole == y).sum() for y in labels])
    return labels, medians, counts, years, ratios


@dataclass(frozen=True)
class CostFit:
    """cost = k·C^slope fitted in log-log space to models with both a cost and a compute estimate.

    ``slope`` (dimensionless), ``dollars_per_1e24`` (2023 US dollars for 1e24 FLOPs on the line),
    ``median_dollars_per_flop`` over the models, ``n_models``, and the spread of log10 residuals.
    """

    slope: float
    dollars_per_1e24: float
    median_dollars_per_flop: float
    n_models: int
    residual_std_log10: float


def cost_against_compute(models) -> CostFit:
    """Fit Epoch's reported training cost (2023 USD) against training compute (FLOPs). Used in chapter 7."""
    keep = np.isfinite(models.cost) & np.isfinite(models.compute) & (models.cost > 0)
    x, y = np.log10(models.compute[keep]), np.log10(models.cost[keep])
    slope, intercept = np.polyfit(x, y, 1)
    residual = y - (intercept + slope * x)
    return CostFit(slope=float(slope), dollars_per_1e24=float(10 ** (intercept + 24 * slope)),
                   median_dollars_per_flop=float(np.median(models.cost[keep] / models.compute[keep])),
                   n_models=int(keep.sum()), residual_std_log10=float(residual.std(ddof=2)))
