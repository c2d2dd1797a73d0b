"""Loaders for the real measurements in ``data/``: offline, checksummed, as numpy arrays.

Three openly licensed sets (sources, licences and what was reshaped: ``data/README.md``):

- :func:`porian_isoflop`: Porian et al. 2024's IsoFLOP runs (15 training setups) and
  :func:`porian_paper_fits`, the compute-optimal exponent their own analysis reports per setup (MIT terms);
- :func:`gadre_runs`: Gadre et al. 2024's 104 over-training runs, 8 evaluation losses each (MIT);
- :func:`gadre_downstream` and :func:`gadre_tasks`: the same runs' accuracies on 46 downstream
  tasks, and what each task is (category, shots, size, chance accuracy) (MIT);
- :func:`epoch_models`: Epoch AI's "Data on AI Models", notable models (CC BY 4.0, credit Epoch AI).

Every file is checked against the sha256 in :data:`CHECKSUMS` before it is read, so an edited or
truncated copy raises ``ValueError`` instead of silently changing a result. Loaded tables are kept
in memory (never written anywhere). Used in chapters 2, 3, 4, 7 and 10.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validate import shown

#: sha256 of each file, as written by ``tools/rebuild_data.py`` from the sources named in data/README.md.
CHECKSUMS = {
    "porian2024_isoflop.csv": "f77a6d14a0210a777edaa29952ed5154755e04bf62cc0978ba1d47bfc292cf5d",
    "porian2024_paper_fits.csv": "ba05564f00bfdaa007aea1c536c2a7207019618cf0027d9d59ae938016c583c1",
    "gadre2024_overtraining.csv": "babba7c0f8b9d3c694a1f4f0ca5731809132816351643e2a1b808eead34a1be5",
    "gadre2024_downstream.csv": "0a33b8251a899891674bb367cbabef811023a300dc070a7754f4baec86453077",
    "gadre2024_tasks.csv": "4b3cbc54a419e303c1f0f92970e37a899ed0ea82093019dd72de052eca3122f9",
    "epoch2025_notable_models.csv": "22c368829b16bc6bdb21f2a0a8ea315b9524c6f39447c09e4015d94370cbd73a",
}

#: Where the files are looked for, in order: the repository's data/ (a checkout or an editable
#: install) and the copy a regular ``pip install`` ships inside the package (pyproject maps
#: data/ to the package ``scaling._data``).
_PACKAGE = Path(__file__).resolve().parent
DATA_DIRS = (_PACKAGE.parent / "data", _PACKAGE / "_data")


def data_path(name: str) -> Path:
    """The path of the data file ``name`` after checking its sha256; ValueError if missing or altered."""
    if name not in CHECKSUMS:
        raise ValueError(f"{shown(name)} is not one of the course's data files: {', '.join(sorted(CHECKSUMS))}.")
    for folder in DATA_DIRS:
        path = folder / name
        if path.is_file():
            break
    else:
        raise ValueError(
            f"The data file {name} was not found in {' or '.join(str(d) for d in DATA_DIRS)}. "
            "Install the course from its repository (pip install -e . in a checkout) so data/ comes with it."
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != CHECKSUMS[name]:
        raise ValueError(
            f"The data file {path} has been altered (sha256 {digest[:12]}..., expected "
            f"{CHECKSUMS[name][:12]}...). Restore it from the repository or rebuild it with tools/rebuild_data.py."
        )
    return path


def _read(name: str) -> dict:
    """The columns of a checked CSV file as a dict of string arrays."""
    with open(data_path(name), newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return {column: np.array([row[i] for row in body], dtype=object) for i, column in enumerate(header)}


def _floats(values) -> np.ndarray:
    """Strings to floats; an empty string, or a list of several values ("14180000,14180000"), is NaN.

    Both occur only in the Epoch table (three non-language models list two dataset sizes).
    """
    return np.array([float(v) if v != "" and "," not in v else np.nan for v in values])


# =============================================================================================
# Porian et al. 2024
# =============================================================================================


@dataclass(frozen=True)
class IsoFLOPRuns:
    """Porian et al. 2024's IsoFLOP points: one entry per (setup, budget, model size).

    ``setup`` names the training setup (``train_dataset-hparams-warmup-decay-param_count-loss_type``),
    ``label`` its name in the paper; ``C`` is the budget (FLOPs, counted as the setup says),
    ``N`` the model size (parameters, counted as the setup says), ``D = C/(6N)`` the tokens,
    ``loss`` the train or validation loss (nats per token) read at that budget.
    """

    setup: np.ndarray
    label: np.ndarray
    C: np.ndarray
    N: np.ndarray
    D: np.ndarray
    loss: np.ndarray

    def select(self, setup: str) -> IsoFLOPRuns:
        """The points of one setup; ValueError naming the valid setups otherwise."""
        mask = self.setup == setup
        if not mask.any():
            raise ValueError(f"Unknown setup {shown(setup)}; the setups are: {', '.join(porian_setups())}.")
        return IsoFLOPRuns(*(getattr(self, f)[mask] for f in ("setup", "label", "C", "N", "D", "loss")))


@functools.cache
def porian_isoflop() -> IsoFLOPRuns:
    """Load Porian et al. 2024's 1,745 IsoFLOP points (15 setups, budgets 1.25e16-2.56e19 FLOPs).

    Units: C in FLOPs, N in parameters, D in tokens, loss in nats per token. Used in chapter 3.
    """
    t = _read("porian2024_isoflop.csv")
    return IsoFLOPRuns(
        setup=t["setup"].astype(str),
        label=t["label"].astype(str),
        C=_floats(t["C_flops"]),
        N=_floats(t["N_params"]),
        D=_floats(t["D_tokens"]),
        loss=_floats(t["loss"]),
    )


def porian_setups() -> tuple:
    """The setup names of :func:`porian_isoflop`, in the order of the file. Used in chapter 3."""
    return tuple(dict.fromkeys(porian_isoflop().setup))


@dataclass(frozen=True)
class PaperFit:
    """Porian et al.'s own estimate of a_N (N_opt ∝ C^a_N) for one setup, with its 95 % bootstrap interval."""

    setup: str
    label: str
    a_N: float
    ci_low: float
    ci_high: float


@functools.cache
def porian_paper_fits() -> dict:
    """{setup: PaperFit}: the exponent a_N (dimensionless) each setup gets from the authors' own analysis.

    Their method (analysis.py, ``interp_flop``): per budget, Akima interpolation of log loss
    against log N, the minimum on a fine grid, a bootstrap over seed-noise-perturbed losses, the
    bootstrap median as N_opt, then a weighted least-squares line of log N_opt on log C. Values are
    ``fit_results['bs_median_weighted']['n_exponent']`` from their released summary files.
    Used in chapter 3.
    """
    t = _read("porian2024_paper_fits.csv")
    return {
        s: PaperFit(s, lab, float(a), float(lo), float(hi))
        for s, lab, a, lo, hi in zip(t["setup"], t["label"], t["a_N_paper"], t["a_N_ci95_low"], t["a_N_ci95_high"])
    }


# =============================================================================================
# Gadre et al. 2024
# =============================================================================================


@dataclass(frozen=True)
class OvertrainingRuns:
    """Gadre et al. 2024's runs, one entry per (run, evaluation set).

    ``run`` names the run, ``train_dataset`` is c4_original, rpj (RedPajama) or rw_original
    (RefinedWeb), ``shape`` the architecture; ``N`` parameters (with embeddings), ``N_no_embed``
    parameters without them, ``D`` tokens, ``M = D/(20 N)`` the token multiplier (1 = 20 tokens
    per parameter), ``C = 6 N D`` (FLOPs, computed here, not in the source), ``eval_set`` the
    evaluation set, ``loss`` the evaluation loss (nats per token) and ``loss_low``/``loss_high``
    its 95 % interval over tokens (from the source).
    """

    run: np.ndarray
    train_dataset: np.ndarray
    shape: np.ndarray
    N: np.ndarray
    N_no_embed: np.ndarray
    D: np.ndarray
    M: np.ndarray
    C: np.ndarray
    eval_set: np.ndarray
    loss: np.ndarray
    loss_low: np.ndarray
    loss_high: np.ndarray

    def select(self, train_dataset: str, eval_set: str = "c4_val") -> OvertrainingRuns:
        """The runs trained on ``train_dataset``, evaluated on ``eval_set``; ValueError for unknown names."""
        for value, options, what in (
            (train_dataset, self.train_dataset, "training set"),
            (eval_set, self.eval_set, "evaluation set"),
        ):
            if value not in set(options):
                raise ValueError(f"Unknown {what} {shown(value)}; choose one of {', '.join(sorted(set(options)))}.")
        mask = (self.train_dataset == train_dataset) & (self.eval_set == eval_set)
        return OvertrainingRuns(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


@functools.cache
def gadre_runs() -> OvertrainingRuns:
    """Load Gadre et al. 2024's 104 runs × 8 evaluation losses (832 rows).

    Sizes 10.6M-6.9B parameters, multipliers M = 0.25-32 (5-640 tokens per parameter).
    Units: N in parameters, D in tokens, C in FLOPs (6ND), loss in nats per token. Used in chapters 3 and 4.
    """
    t = _read("gadre2024_overtraining.csv")
    N, D = _floats(t["N_params"]), _floats(t["D_tokens"])
    return OvertrainingRuns(
        run=t["run"].astype(str),
        train_dataset=t["train_dataset"].astype(str),
        shape=t["shape"].astype(str),
        N=N,
        N_no_embed=_floats(t["N_params_no_embed"]),
        D=D,
        M=_floats(t["chinchilla_multiplier"]),
        C=6.0 * N * D,
        eval_set=t["eval_set"].astype(str),
        loss=_floats(t["loss"]),
        loss_low=_floats(t["loss_tokens_lower95"]),
        loss_high=_floats(t["loss_tokens_upper95"]),
    )


@dataclass(frozen=True)
class DownstreamEvals:
    """Gadre et al. 2024's downstream evaluations, one entry per (run, task).

    ``run`` names the run (the same names as :func:`gadre_runs`), ``train_dataset`` is c4_original,
    rpj (RedPajama) or rw_original (RefinedWeb); ``N`` parameters (with embeddings), ``D`` tokens,
    ``M = D/(20 N)`` the token multiplier, ``C = 6 N D`` (FLOPs, computed here); ``task`` the task's
    key (see :func:`gadre_tasks`) and ``accuracy`` the fraction of its questions answered right
    (0-1, as the source's evaluation harness reports it).
    """

    run: np.ndarray
    train_dataset: np.ndarray
    N: np.ndarray
    D: np.ndarray
    M: np.ndarray
    C: np.ndarray
    task: np.ndarray
    accuracy: np.ndarray


@functools.cache
def gadre_downstream() -> DownstreamEvals:
    """Load Gadre et al. 2024's 104 runs × 46 downstream tasks (4,784 accuracies).

    Units: N in parameters, D in tokens, C in FLOPs (6ND), accuracy as a fraction (0-1). The
    evaluation losses of the same runs are in :func:`gadre_runs` (join on ``run``). Used in chapter 10.
    """
    t = _read("gadre2024_downstream.csv")
    N, D = _floats(t["N_params"]), _floats(t["D_tokens"])
    return DownstreamEvals(
        run=t["run"].astype(str),
        train_dataset=t["train_dataset"].astype(str),
        N=N,
        D=D,
        M=_floats(t["chinchilla_multiplier"]),
        C=6.0 * N * D,
        task=t["task"].astype(str),
        accuracy=_floats(t["accuracy"]),
    )


@dataclass(frozen=True)
class TaskInfo:
    """One downstream task of Gadre et al. 2024, from their ``eval_metadata.csv``.

    ``category`` (world knowledge, commonsense reasoning, ...), ``task_type`` (multiple choice,
    language modeling, question answering, schema), ``shots`` (in-context examples in the prompt),
    ``datapoints`` (number of questions), ``chance`` (the accuracy of guessing, a fraction: 0.25 for
    four choices, 0 for free-form answers), ``in_subset`` (one of the 17 tasks of the paper's
    headline average).
    """

    task: str
    category: str
    task_type: str
    shots: int
    datapoints: int
    chance: float
    in_subset: bool


@functools.cache
def gadre_tasks() -> dict:
    """{task: TaskInfo} for the 46 downstream tasks, in alphabetical order. Used in chapter 10."""
    t = _read("gadre2024_tasks.csv")
    return {
        name: TaskInfo(name, cat, kind, int(shots), int(size), float(chance) / 100.0, flag == "1")
        for name, cat, kind, shots, size, chance, flag in zip(
            t["task"],
            t["category"],
            t["task_type"],
            t["shots"],
            t["datapoints"],
            t["random_baseline_pct"],
            t["in_17_task_subset"],
        )
    }


# =============================================================================================
# Epoch AI, "Data on AI Models" (CC BY 4.0)
# =============================================================================================

#: The credit CC BY 4.0 asks for, as Epoch AI words it (data/LICENSE-epoch-README.md).
EPOCH_CREDIT = (
    "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. Retrieved from "
    "'https://epoch.ai/data/ai-models'. Licensed under CC BY 4.0."
)


@dataclass(frozen=True)
class NotableModels:
    """Epoch AI's notable models, one entry per model; NaN where Epoch has no value.

    ``year`` is the publication date as a decimal year (2020.5 = about 1 July 2020); ``params``
    parameters; ``compute`` training compute (FLOPs); ``dataset_size`` Epoch's "Training
    dataset size" (data points; tokens for language models; three non-language entries that list
    two sizes are read as missing); ``hours`` training time (hours);
    ``chips`` hardware quantity; ``cost`` training compute cost (2023 US dollars);
    ``frontier`` True for Epoch's "frontier model" flag; ``base_model`` the model it was
    fine-tuned from ("" for a model trained from scratch).
    """

    name: np.ndarray
    organization: np.ndarray
    date: np.ndarray
    year: np.ndarray
    domain: np.ndarray
    params: np.ndarray
    compute: np.ndarray
    dataset_size: np.ndarray
    hours: np.ndarray
    hardware: np.ndarray
    chips: np.ndarray
    cost: np.ndarray
    frontier: np.ndarray
    base_model: np.ndarray


def _decimal_year(iso_date: str) -> float:
    day = _dt.date.fromisoformat(iso_date)
    start = _dt.date(day.year, 1, 1)
    length = (_dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


@functools.cache
def epoch_models() -> NotableModels:
    """Load Epoch AI's 976 notable models (publication dates 1950-2025). CC BY 4.0: credit :data:`EPOCH_CREDIT`.

    Units: params in parameters, compute in FLOPs, dataset_size in data points (tokens for
    language), hours in hours, cost in 2023 US dollars. Used in chapters 2, 4 and 7.
    """
    t = _read("epoch2025_notable_models.csv")
    dates = t["Publication date"].astype(str)
    return NotableModels(
        name=np.array([s.strip() for s in t["Model"]]),
        organization=t["Organization"].astype(str),
        date=dates.astype("datetime64[D]"),
        year=np.array([_decimal_year(d) for d in dates]),
        domain=t["Domain"].astype(str),
        params=_floats(t["Parameters"]),
        compute=_floats(t["Training compute (FLOP)"]),
        dataset_size=_floats(t["Training dataset size (gradients)"]),
        hours=_floats(t["Training time (hours)"]),
        hardware=t["Training hardware"].astype(str),
        chips=_floats(t["Hardware quantity"]),
        cost=_floats(t["Training compute cost (2023 USD)"]),
        frontier=np.array([v.strip().lower() in ("true", "checked", "yes", "1") for v in t["Frontier model"]]),
        base_model=t["Base model"].astype(str),
    )
