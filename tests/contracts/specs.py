"""The spec classes of the contract registry and the argument specs its entries share.

Each file of tests/contracts/ holds the entries of one module of ``scaling`` (see
tests/contracts/__init__.py); the classes they use:

* :class:`F` — a numeric callable: each argument to vary gets a spec (:class:`Num` for numbers,
  :class:`Fixed` for a value that is not varied, :class:`OneOf` for a choice of strings).
  Arguments left out keep their defaults. ``returns`` documents the shape of the result:
  "elementwise" (a scalar for scalars, an array of the same shape when the first numeric
  argument is an array), "scalar", "int", "str" or "object" (a dataclass, tuple or array whose
  numbers must all be finite).
* :class:`Exempt` — not a numeric callable (figures, widgets, CLI, loaders of fixed files), with
  the reason and where it is tested instead.

``Num(low, high, kind)``: inside [low, high] every call must return a finite result. ``kind``
names what the function promises to refuse (the values of :data:`INVALID` for that kind, and
always NaN, ±inf, strings, None, booleans and ints too large for a float) and sets the wider
"extreme" range over which a call must return a finite result or raise a one-line ValueError.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scaling import chinchilla, hardware, planner, randomfeatures

# --- Specs ---------------------------------------------------------------------------------------

#: Extreme range per kind: every finite value here gets a finite result or a one-line ValueError.
EXTREME = {
    "positive": (5e-324, 1e308),  # from the smallest subnormal to near the largest float
    "nonnegative": (0.0, 1e308),
    "probability": (0.0, 1.0),
    "fraction": (5e-324, 1.0),
    "open_unit": (5e-324, 1.0 - 1e-16),
    "at_least_one": (1.0, 1e308),
    "above_one": (1.0 + 1e-15, 1e308),
    "real": (-1e308, 1e308),
    "integer": (0, 10**12),
    "count": (1, 10**12),
}

#: Values each kind must refuse (besides NaN, ±inf, strings, None, booleans and 10**400).
INVALID = {
    "positive": (0.0, -1.0),
    "nonnegative": (-1.0,),
    "probability": (-0.1, 1.5),
    "fraction": (0.0, 1.5),
    "open_unit": (0.0, 1.0),
    "at_least_one": (0.5, -1.0),
    "above_one": (1.0, 0.5),
    "real": (),
    "integer": (-1, 2.5),
    "count": (0, 2.5),
}

#: Refused by every numeric argument.
ALWAYS_INVALID = (float("nan"), float("inf"), float("-inf"), "ten", None, True, np.True_, 10**400)


@dataclass(frozen=True)
class Num:
    """A numeric argument: typical range [low, high] (log-spaced when ``log``), and what it refuses."""

    low: float
    high: float
    kind: str = "positive"
    log: bool = True
    extreme: tuple | None = None  # overrides EXTREME[kind] (for example a documented upper limit)
    invalid: tuple | None = None  # overrides INVALID[kind]
    optional: bool = False  # None is allowed (an unpublished value)

    @property
    def integer(self) -> bool:
        return self.kind in ("integer", "count")

    def extreme_range(self):
        return self.extreme if self.extreme is not None else EXTREME[self.kind]

    def invalid_values(self):
        own = self.invalid if self.invalid is not None else INVALID[self.kind]
        return tuple(own) + tuple(v for v in ALWAYS_INVALID if not (self.optional and v is None))


@dataclass(frozen=True)
class Fixed:
    """An argument held at one value (a law, a data set, a view); optional values it must refuse."""

    value: object
    invalid: tuple = ()


@dataclass(frozen=True)
class OneOf:
    """A choice among named options (strings); anything else must be refused."""

    options: tuple
    invalid: tuple = ("no such option", 3.0, None)


@dataclass(frozen=True)
class F:
    """A registered numeric callable: its argument specs and the documented shape of its result."""

    args: dict = field(default_factory=dict)
    returns: str = "elementwise"
    examples: int = 12  # hypothesis examples per test (fewer for slow callables)
    seconds: float = 5.0  # time limit per call: a call that takes longer counts as a hang
    clamps: bool = False  # a widget update: every input, however bad, is clamped to a finite view

    def __init__(
        self, returns: str = "elementwise", examples: int = 12, seconds: float = 5.0, clamps: bool = False, **args
    ):
        object.__setattr__(self, "args", args)
        object.__setattr__(self, "returns", returns)
        object.__setattr__(self, "examples", examples)
        object.__setattr__(self, "seconds", seconds)
        object.__setattr__(self, "clamps", clamps)


@dataclass(frozen=True)
class Exempt:
    """Not a numeric callable; ``reason`` says why and where it is tested."""

    reason: str


# --- Common argument specs (typical ranges of the book) ------------------------------------------

N = Num(1e6, 1e13)  # parameters
D = Num(1e8, 1e14)  # tokens
C = Num(1e18, 1e27)  # FLOPs
U = Num(1e9, 1e15)  # unique tokens
SERVED = Num(0.0, 1e15, "nonnegative", log=False)
LOSS = Num(1.9, 4.0, log=False)  # nats per token, above every law's floor
PROB = Num(0.0, 1.0, "probability", log=False)
MFU = Num(0.05, 0.8, "fraction", log=False)
PEAK = Num(1e13, 5e15)  # FLOP/s
HOURS = Num(1.0, 1e8)  # GPU-hours
PRICE = Num(0.5, 10.0)  # $/GPU-hour
BYTES = Num(1e6, 1e13)
GPUS = Num(1, 10**5, "count", log=False)
SMALL_INT = Num(1, 64, "count", log=False)
LAYERS = Num(1, 128, "count", log=False, extreme=(1, 10**6))
WIDTH = Num(64, 16384, "count", log=False, extreme=(1, 10**6))
HEADS = Num(1, 128, "count", log=False, extreme=(1, 10**6))
SEED = Num(0, 1000, "integer", log=False)
ALPHA = Num(0.05, 2.0, log=False)
LAW = Fixed(chinchilla.HOFFMANN_ROUNDED, invalid=("rounded", 1.0))
H100 = Fixed(hardware.get_accelerator("H100"), invalid=("no such GPU", 3.0))
PLAN_LAW = OneOf(tuple(planner.LAWS))  # the planner's --law keys
SERVED_OR_NONE = Num(0.0, 1e15, "nonnegative", log=False, optional=True)  # None: no serving block
_DS = None


def _dataset():
    from scaling import synthetic

    return synthetic.loss_dataset()


def _isoflop():
    from scaling import synthetic

    return synthetic.isoflop_grid()


def _curves():
    from scaling import synthetic

    return synthetic.training_curves()


def _epoch():
    from scaling import datasets

    return datasets.epoch_models()


def _porian_kaplan_setup():
    from scaling import datasets, realdata

    return datasets.porian_isoflop().select(realdata.PORIAN_LADDER[0][0])


def _rpj_table():
    from scaling import capabilities

    return capabilities.run_table("rpj")


def _gadre_c4():
    from scaling import datasets

    return datasets.gadre_runs().select("c4_original", "c4_val")


def _gadre_small():
    """Gadre et al.'s C4 runs below 1B parameters (the fit of chapter 3), as arrays N, D, loss."""
    runs = _gadre_c4()
    small = runs.N < 1e9
    return type("SmallRuns", (), {"N": runs.N[small], "D": runs.D[small], "loss": runs.loss[small]})


_SWEEP = randomfeatures.Sweep("model size", np.geomspace(4, 512, 8), 0.1 + np.geomspace(4, 512, 8) ** -0.7, 0.1)
_P = np.linspace(0.02, 0.95, 12)
