"""Widgets of chapter 6, test-time compute: k samples of one model against one sample of a larger one."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import testtime
from .._validate import clamped
from ..compute import inference_flops

#: Slider bounds (the update clamps to them anyway): parameters of the sampling model, samples
#: per problem, and the mean per-sample success of the 1B reference model on the problem set.
PARAMS_RANGE = (1e9, 1e11)
SAMPLES_RANGE = (1, 128)
MEAN_SUCCESS_RANGE = (0.02, 0.6)

#: The synthetic problem set: per-sample success of the reference model ~ Beta(mean·κ, (1 − mean)·κ).
N_PROBLEMS = 300
CONCENTRATION = 1.0
SEED = 0

#: The static figure of the chapter: the 1B reference model, Snell et al.'s 14 samples, mean 0.3.
DEFAULT_PARAMS = testtime.ILLUSTRATIVE_REFERENCE_PARAMS
DEFAULT_SAMPLES = testtime.SNELL_SIZE_RATIO
DEFAULT_MEAN_SUCCESS = 0.3

#: Numbers of samples along the curves (the chosen k is added).
SAMPLE_GRID = (1, 2, 4, 8, 16, 32, 64, 128)


@dataclass(frozen=True)
class SamplingView:
    """Everything the chapter 6 explorer draws, for one model size, number of samples and mix.

    ``p``: per-sample success of the sampling model on each problem. Along ``ks`` (samples, equal
    to the inference FLOPs per problem in units of one sample): ``oracle`` coverage, ``majority``
    vote accuracy and ``larger`` (one sample of a model k× larger), each averaged over problems;
    ``majority_limit`` is majority vote with unlimited samples. At the chosen ``samples`` k, per
    difficulty level (1 easiest … 5 hardest, ranked by p): ``pass1``, ``oracle_by_level``,
    ``majority_by_level``, ``larger_by_level``. ``flops_per_problem``: k·2·N·T FLOPs.
    """

    n_params: float
    samples: int
    mean_success: float
    p: np.ndarray
    ks: np.ndarray
    oracle: np.ndarray
    majority: np.ndarray
    larger: np.ndarray
    majority_limit: float
    levels: np.ndarray
    pass1: np.ndarray
    oracle_by_level: np.ndarray
    majority_by_level: np.ndarray
    larger_by_level: np.ndarray
    flops_per_problem: float
    logit_gain: float
    n_wrong_answers: int


def _by_level(values, levels):
    return np.array([values[levels == level].mean() for level in range(1, levels.max() + 1)])


def explorer_update(
    n_params: float,
    samples: int,
    mean_success: float,
    logit_gain: float = testtime.ILLUSTRATIVE_LOGIT_GAIN,
    n_wrong_answers: int = testtime.ILLUSTRATIVE_WRONG_ANSWERS,
    tokens_per_sample: float = testtime.ILLUSTRATIVE_TOKENS_PER_SAMPLE,
) -> SamplingView:
    """Chapter 6 widget update: clamp the inputs, then curves against k and the compute-matched bars at k.

    ``n_params`` of the sampling model (1e9–1e11 parameters), ``samples`` k per problem (1–128),
    ``mean_success``: mean per-sample success of the 1B reference model (0.02–0.6), which sets the
    difficulty mix. Assumptions: ``testtime.larger_model_success`` with ``logit_gain``; wrong
    answers spread evenly over ``n_wrong_answers``; 2·N FLOPs per generated token.
    """
    n = clamped(n_params, *PARAMS_RANGE, DEFAULT_PARAMS)
    k = int(round(clamped(samples, *SAMPLES_RANGE, DEFAULT_SAMPLES)))
    mean = clamped(mean_success, *MEAN_SUCCESS_RANGE, DEFAULT_MEAN_SUCCESS)
    reference = testtime.sample_success_probabilities(N_PROBLEMS, mean=mean, concentration=CONCENTRATION, seed=SEED)
    p = np.asarray(testtime.larger_model_success(reference, n / testtime.ILLUSTRATIVE_REFERENCE_PARAMS, logit_gain))
    ks = np.unique(np.array(SAMPLE_GRID + (k,)))
    table = testtime.majority_vote_table(p, ks, n_wrong_answers)
    larger = np.asarray(testtime.larger_model_success(p[:, None], ks[None, :].astype(float), logit_gain))
    at_k = int(np.flatnonzero(ks == k)[0])
    levels = testtime.difficulty_levels(p, testtime.SNELL_DIFFICULTY_LEVELS)
    return SamplingView(
        n_params=n,
        samples=k,
        mean_success=mean,
        p=p,
        ks=ks,
        oracle=np.atleast_1d(testtime.coverage(p, ks)),
        majority=table.mean(axis=1),
        larger=larger.mean(axis=0),
        majority_limit=float(np.mean(testtime.majority_vote_limit(p, n_wrong_answers))),
        levels=levels,
        pass1=_by_level(p, levels),
        oracle_by_level=_by_level(1.0 - (1.0 - p) ** k, levels),
        majority_by_level=_by_level(table[at_k], levels),
        larger_by_level=_by_level(larger[:, at_k], levels),
        flops_per_problem=float(k * inference_flops(n, tokens_per_sample)),
        logit_gain=float(logit_gain),
        n_wrong_answers=int(n_wrong_answers),
    )


def sampling_explorer(
    n_params: float = DEFAULT_PARAMS, samples: int = DEFAULT_SAMPLES, mean_success: float = DEFAULT_MEAN_SUCCESS
):
    """Chapter 6: sliders for the model size, the samples per problem and the difficulty mix."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import testtime as figures

    size = widgets.FloatLogSlider(
        value=n_params,
        base=10,
        min=np.log10(PARAMS_RANGE[0]),
        max=np.log10(PARAMS_RANGE[1]),
        step=0.1,
        readout_format=".2g",
        description="model size N",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    count = widgets.IntSlider(
        value=samples, min=SAMPLES_RANGE[0], max=SAMPLES_RANGE[1], description="samples k", continuous_update=False
    )
    mix = widgets.FloatSlider(
        value=mean_success,
        min=MEAN_SUCCESS_RANGE[0],
        max=MEAN_SUCCESS_RANGE[1],
        step=0.02,
        description="mix: mean pass@1 of 1B",
        readout_format=".2f",
        continuous_update=False,
        style={"description_width": "initial"},
    )

    def draw(size_value, count_value, mix_value):
        figures.explorer(explorer_update(size_value, count_value, mix_value))
        plt.show()

    output = widgets.interactive_output(draw, {"size_value": size, "count_value": count, "mix_value": mix})
    return widgets.VBox([widgets.HBox([size, count, mix]), output])


def _bench_update():
    explorer_update(DEFAULT_PARAMS, 37, DEFAULT_MEAN_SUCCESS)  # warm the cached vote tables once
    return lambda: explorer_update(DEFAULT_PARAMS, 37, 0.25)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch6 test-time explorer: update", _bench_update)]
