"""Learning-rate schedules and the loss curves they give: cosine, constant, warmup-stable-decay.

- :func:`learning_rates`: the schedule, as a fraction of the peak learning rate, step by step;
- :func:`annealing_areas`: Tissue et al. 2024's two areas under a schedule, the forward area
  S1 = Σ η_i and the annealing area S2 = Σ_i Σ_{k≤i} (η_{k−1} − η_k)·λ^(i−k);
- :class:`AnnealingLaw`: their loss curve L(s) = L0 + A·S1^(−α) − C·S2 ("Scaling law with
  learning rate annealing", arXiv 2408.11029, abstract and Eq. 1), with learning rates in
  units of the peak and S1 in steps at the peak learning rate;
- :func:`ladder_curves`: a ladder of model sizes under that law, each size either trained
  once with one long cosine schedule (read part-way) or annealed separately at every length,
  for Approach 1 (:func:`scaling.chinchilla.fit_envelope`).

The constants of :data:`ILLUSTRATIVE_LAW` are **illustrative, not fitted to any run**: the data
side uses Hoffmann et al.'s B and β with S1 counted in tokens at the peak learning rate, and the
annealing constant C is chosen so that the curves look like small language-model runs. The
functional form is Tissue et al.'s; the numbers it gives are a picture, not a measurement.

Used in chapter 8.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check
from .chinchilla import HOFFMANN_ROUNDED, ChinchillaLaw

#: Schedules :func:`learning_rates` knows.
SCHEDULES = ("constant", "cosine", "wsd")
#: Cooldown shapes of the WSD schedule: linear to zero, or 1 − sqrt (Hägele et al. 2024, §3).
COOLDOWN_SHAPES = ("linear", "1-sqrt")
#: Cosine decays to this fraction of the peak (Hoffmann et al. 2022 decay the learning rate 10×, §3.1).
COSINE_FINAL_FRACTION = 0.1
#: Default cooldown length of WSD as a fraction of the run (the chapter's choice; Hägele et al. 2024 vary it).
WSD_COOLDOWN_FRACTION = 0.2
#: Decay factor λ of the annealing momentum per step (the value the chapter uses; Tissue et al. 2024
#: use λ; we could not re-read their value from here).
ANNEALING_DECAY = 0.999
#: Longest schedule the functions accept (steps): memory and time stay small.
MAX_STEPS = 2_000_000


def learning_rates(
    schedule: str,
    n_steps,
    *,
    warmup_steps=0,
    final_fraction=COSINE_FINAL_FRACTION,
    cooldown_fraction=WSD_COOLDOWN_FRACTION,
    cooldown_shape: str = "linear",
):
    """Learning rate at each of ``n_steps`` steps, as a fraction of the peak (dimensionless, length n_steps).

    ``schedule``: ``"constant"``; ``"cosine"`` (half a cosine from the peak to ``final_fraction``
    of it at the last step); ``"wsd"`` (warmup-stable-decay: constant, then a cooldown to zero over
    the last ``cooldown_fraction`` of the steps, ``linear`` or ``1-sqrt`` shaped). A linear warmup
    over ``warmup_steps`` comes first in every schedule. Used in chapter 8.
    """
    if schedule not in SCHEDULES:
        raise ValueError(f"schedule must be one of {', '.join(SCHEDULES)}, got {schedule!r}.")
    if cooldown_shape not in COOLDOWN_SHAPES:
        raise ValueError(f"cooldown_shape must be one of {', '.join(COOLDOWN_SHAPES)}, got {cooldown_shape!r}.")
    n = check.integer(n_steps, "The number of steps", minimum=2)
    if n > MAX_STEPS:
        raise ValueError(f"The number of steps must be at most {MAX_STEPS:,}, got {n:,}.")
    warm = check.integer(warmup_steps, "The number of warmup steps", minimum=0)
    if warm >= n:
        raise ValueError(f"The warmup ({warm} steps) must be shorter than the run ({n} steps).")
    final = check.fraction(final_fraction, "The final learning-rate fraction")
    cool = check.in_range(cooldown_fraction, "The cooldown fraction", 0.0, 1.0, low_open=True)
    step = np.arange(n, dtype=float)
    progress = step / (n - 1)
    if schedule == "constant":
        lr = np.ones(n)
    elif schedule == "cosine":
        lr = final + (1.0 - final) * 0.5 * (1.0 + np.cos(np.pi * progress))
    else:
        start = 1.0 - cool
        into = np.clip((progress - start) / cool, 0.0, 1.0)
        lr = 1.0 - into if cooldown_shape == "linear" else 1.0 - np.sqrt(into)
    if warm:
        lr[:warm] *= (step[:warm] + 1.0) / warm
    return lr


def annealing_areas(lr, decay=ANNEALING_DECAY):
    """Tissue et al.'s forward area S1 and annealing area S2 after each step (two arrays, steps).

    ``lr``: learning rates as fractions of the peak, one per step (the schedule starts from the
    peak: η_0 = 1). S1_s = Σ_{i≤s} η_i; m_i = λ·m_{i−1} + (η_{i−1} − η_i); S2_s = Σ_{i≤s} m_i, with
    λ = ``decay``. Used in chapter 8.
    """
    eta = check.samples(lr, "The learning rates", minimum=2)
    check.nonnegative(eta, "The learning rates", "fractions of the peak")
    if eta.size > MAX_STEPS:
        raise ValueError(f"A schedule must have at most {MAX_STEPS:,} steps, got {eta.size:,}.")
    lam = check.in_range(decay, "The annealing decay factor λ", 0.0, 1.0, high_open=True)
    drops = -np.diff(np.concatenate([[1.0], eta]))
    return np.cumsum(eta), np.cumsum(_momentum(drops, lam))


def _momentum(drops, lam):
    """m_i = λ·m_{i−1} + drops_i, vectorised in blocks short enough that λ^(−block) stays below e^30."""
    if lam == 0.0:
        return drops.copy()
    block = int(max(1, min(16384, 30.0 / -np.log(lam))))
    powers = lam ** np.arange(block, dtype=float)
    out = np.empty_like(drops)
    carry = 0.0
    for start in range(0, drops.size, block):
        chunk = drops[start : start + block]
        k = chunk.size
        # m_{start+j} = λ^(j+1)·carry + Σ_{i≤j} chunk_i·λ^(j−i) = λ^j·(λ·carry + Σ_{i≤j} chunk_i·λ^(−i))
        out[start : start + k] = powers[:k] * (lam * carry + np.cumsum(chunk / powers[:k]))
        carry = out[start + k - 1]
    return out


@dataclass(frozen=True)
class AnnealingLaw:
    """L(s) = L0 + A·S1^(−α) − C·S2 (nats per token), Tissue et al. 2024's loss curve.

    ``L0`` nats per token; ``A`` scales the forward term with S1 counted in *tokens* at the peak
    learning rate (S1 in steps × ``tokens_per_step``); ``alpha`` its exponent; ``C`` nats per unit
    of S2 (steps × fraction of the peak); ``decay`` the momentum factor λ per step.
    """

    L0: float
    A: float
    alpha: float
    C: float
    tokens_per_step: float
    decay: float = ANNEALING_DECAY

    def curve(self, lr):
        """Loss after every step of the schedule ``lr`` (fractions of the peak), nats per token."""
        s1, s2 = annealing_areas(lr, self.decay)
        return self.L0 + self.A * (s1 * self.tokens_per_step) ** -self.alpha - self.C * s2

    def with_floor(self, L0) -> AnnealingLaw:
        """The same law with another L0 (for example E + A/N^α for one model size)."""
        return AnnealingLaw(float(L0), self.A, self.alpha, self.C, self.tokens_per_step, self.decay)


#: Illustrative constants (not fitted): Hoffmann et al.'s B = 410.7 and β = 0.28 for the forward
#: term with S1 in tokens at the peak, 2^24 tokens per step, and C = 3e-4 nats per unit of S2, so
#: that a full anneal is worth about a quarter of a nat once the momentum has caught up (λ = 0.999),
#: and a 20 % WSD cooldown lands within a few hundredths of a nat of cosine at 20,000 steps.
ILLUSTRATIVE_LAW = AnnealingLaw(
    L0=HOFFMANN_ROUNDED.E, A=HOFFMANN_ROUNDED.B, alpha=HOFFMANN_ROUNDED.beta, C=3e-4, tokens_per_step=2.0**24
)


def final_losses(law: AnnealingLaw, schedule: str, lengths, **schedule_options):
    """Final loss (nats per token) of separate runs of ``lengths`` steps, each with its own ``schedule``.

    Used in chapter 8.
    """
    if not isinstance(law, AnnealingLaw):
        raise ValueError(f"law must be an AnnealingLaw, got {type(law).__name__}.")
    steps = np.atleast_1d(check.positive(lengths, "The run lengths", "steps"))
    if steps.size > 1000:
        raise ValueError(f"At most 1,000 run lengths at once, got {steps.size:,}.")
    out = [law.curve(learning_rates(schedule, int(round(k)), **schedule_options))[-1] for k in steps]
    return np.array(out) if np.ndim(lengths) else float(out[0])


@dataclass(frozen=True)
class LadderCurves:
    """Loss curves of a ladder of model sizes, ready for :func:`scaling.chinchilla.fit_envelope`.

    ``n_params`` (M,) parameters; ``tokens`` and ``loss``: lists of M arrays (tokens seen, nats per
    token) at the checkpoints; ``reading`` says how the loss at a checkpoint was obtained.
    """

    n_params: np.ndarray
    tokens: list
    loss: list
    reading: str


READINGS = ("one long cosine", "separately annealed")


def ladder_curves(
    n_params,
    max_flops,
    *,
    reading: str = "one long cosine",
    law: AnnealingLaw = ILLUSTRATIVE_LAW,
    model_law: ChinchillaLaw = HOFFMANN_ROUNDED,
    min_steps=100,
    n_checkpoints=30,
) -> LadderCurves:
    """Each size N trained up to ``max_flops`` (6ND), loss read at ``n_checkpoints`` log-spaced steps.

    The loss of size N is ``law`` with L0 = E + A/N^α from ``model_law`` (the model term of
    chapter 3's law). ``reading``: ``"one long cosine"`` reads one cosine run sized for the whole
    budget part-way (what Kaplan et al. did); ``"separately annealed"`` gives at each checkpoint
    the final loss of a cosine run of exactly that length (what Hoffmann et al. did, at a few
    lengths per size). Used in chapter 8.
    """
    if reading not in READINGS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, got {reading!r}.")
    sizes = check.samples(n_params, "The model sizes N", minimum=3)
    check.positive(sizes, "The model sizes N", "parameters")
    c_max = check.positive(max_flops, "The largest budget", "FLOPs")
    first = check.integer(min_steps, "The first checkpoint", minimum=2)
    count = check.integer(n_checkpoints, "The number of checkpoints", minimum=3)
    if count > 200:
        raise ValueError(f"At most 200 checkpoints per curve, got {count}.")
    steps_needed = np.floor(c_max / (6.0 * sizes) / law.tokens_per_step)
    if steps_needed.max() > MAX_STEPS:
        raise ValueError(
            f"The largest budget needs {steps_needed.max():.3g} steps for the smallest model; at most {MAX_STEPS:,}."
        )
    horizons = steps_needed.astype(int)
    if horizons.min() <= first:
        raise ValueError("The largest budget is too small: the biggest model would not reach its first checkpoint.")
    grid = np.unique(np.geomspace(first, horizons.max(), 24).astype(int))
    annealed = final_losses(law.with_floor(0.0), "cosine", grid) if reading == "separately annealed" else None
    tokens, losses = [], []
    for n, horizon in zip(sizes, horizons):
        checkpoints = np.unique(np.geomspace(first, horizon, count).astype(int))
        floor = model_law.E + model_law.A * n**-model_law.alpha
        if annealed is None:
            curve = law.with_floor(floor).curve(learning_rates("cosine", horizon))
            loss = curve[checkpoints - 1]
        else:
            loss = floor + np.interp(np.log(checkpoints), np.log(grid), annealed)
        tokens.append(checkpoints * law.tokens_per_step)
        losses.append(loss)
    return LadderCurves(n_params=sizes, tokens=tokens, loss=losses, reading=reading)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
