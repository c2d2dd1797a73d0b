"""Widget of chapter 9, sparse and low-precision models: what training in P bits keeps and costs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import precision
from .._validate import clamped

#: Training precisions the view sweeps, in bits.
BITS_GRID = np.linspace(1.0, 20.0, 191)
#: Slider bounds, also enforced by the update: the sensitivity γ and the chosen precision, in bits.
GAMMA_RANGE = (0.5, 8.0)
BITS_RANGE = (1.0, 20.0)


@dataclass(frozen=True)
class PrecisionView:
    """The chapter-9 precision view for one sensitivity γ and one chosen training precision.

    ``bits`` the swept precisions (bits); ``kept`` N_eff / N there, (1 − e^(−P/γ))^3; ``per_compute``
    effective parameters per unit of compute relative to BF16 training, kept / P × 16 / kept(16);
    ``optimum_bits`` the best precision P* (bits); ``chosen_kept`` and ``chosen_per_compute`` the
    two quantities at ``chosen_bits``. ``paper_*``: the same curves and optimum with Kumar et al.'s
    fitted sensitivities and offsets (Appendix K), on the precisions above the fit's lower end.
    """

    gamma: float
    chosen_bits: float
    bits: np.ndarray
    kept: np.ndarray
    per_compute: np.ndarray
    optimum_bits: float
    chosen_kept: float
    chosen_per_compute: float
    paper_bits: np.ndarray
    paper_kept: np.ndarray
    paper_per_compute: np.ndarray
    paper_optimum_bits: float


def _kept(bits, gamma):
    return precision.precision_factor(bits, gamma) ** 3


_PAPER = (precision.KUMAR_WEIGHTS, precision.KUMAR_ACTIVATIONS, precision.KUMAR_KV)
#: Lowest precision Kumar et al.'s fitted form covers: the largest n·γ of the three parts (bits).
PAPER_LOWEST_BITS = max(g * n for g, n in _PAPER)


def _paper_kept(bits):
    kept = 1.0
    for gamma, offset in _PAPER:
        kept = kept * precision.precision_factor(bits, gamma, offset)
    return kept


def _paper_curves():
    bits = BITS_GRID[BITS_GRID > PAPER_LOWEST_BITS]
    kept = _paper_kept(bits)
    bf16 = _paper_kept(precision.BITS_BF16) / precision.BITS_BF16
    best = precision.compute_optimal_precision(*(g for g, _ in _PAPER), tuple(n for _, n in _PAPER))
    return bits, kept, kept / bits / bf16, best


_PAPER_CURVES = _paper_curves()


def precision_update(gamma: float, bits: float) -> PrecisionView:
    """Chapter 9 widget update: N_eff / N and effective parameters per FLOP against the training precision.

    ``gamma`` the sensitivity γ in bits (clamped to [0.5, 8]); ``bits`` the chosen training
    precision (clamped to [1, 20]). One γ for weights, activations and KV cache: an
    illustration of Kumar et al.'s form, not their fitted values. Pure numpy.
    """
    g = clamped(gamma, *GAMMA_RANGE, 2.5)
    p = clamped(bits, *BITS_RANGE, 8.0)
    kept = _kept(BITS_GRID, g)
    bf16 = _kept(precision.BITS_BF16, g) / precision.BITS_BF16
    per_compute = kept / BITS_GRID / bf16
    return PrecisionView(
        gamma=g,
        chosen_bits=p,
        bits=BITS_GRID,
        kept=kept,
        per_compute=per_compute,
        optimum_bits=precision.compute_optimal_precision(g, g, g),
        chosen_kept=float(_kept(p, g)),
        chosen_per_compute=float(_kept(p, g) / p / bf16),
        paper_bits=_PAPER_CURVES[0],
        paper_kept=_PAPER_CURVES[1],
        paper_per_compute=_PAPER_CURVES[2],
        paper_optimum_bits=_PAPER_CURVES[3],
    )


def precision_explorer(gamma: float = 2.5, bits: float = 8.0):
    """Chapter 9: sliders for the sensitivity γ and the training precision, redrawing the precision view."""
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    from ..plots import sparse as figures

    style = {"description_width": "initial"}
    sensitivity = widgets.FloatSlider(
        value=gamma,
        min=GAMMA_RANGE[0],
        max=GAMMA_RANGE[1],
        step=0.1,
        description="sensitivity γ (bits)",
        style=style,
        continuous_update=False,
    )
    chosen = widgets.FloatSlider(
        value=bits,
        min=2.0,
        max=16.0,
        step=1.0,
        description="training precision (bits)",
        style=style,
        continuous_update=False,
    )

    def draw(gamma_value, bits_value):
        view = precision_update(gamma_value, bits_value)
        figures.precision_view(view)
        plt.show()
        print(
            f"At {view.chosen_bits:.0f} bits the model keeps {view.chosen_kept:.0%} of its parameters' worth and "
            f"buys {view.chosen_per_compute:.2f}× the effective parameters per FLOP of BF16; "
            f"the best precision for this γ is {view.optimum_bits:.1f} bits."
        )

    output = widgets.interactive_output(draw, {"gamma_value": sensitivity, "bits_value": chosen})
    return widgets.VBox([widgets.HBox([sensitivity, chosen]), output])


def _bench_update():
    return lambda: precision_update(2.5, 8.0)


#: What `make bench` times: (label, set-up function returning the zero-argument call to time).
BENCHMARKS = [("ch9 precision explorer: update", _bench_update)]
