"""The registry of the public API for the contract test (tests/test_contract.py).

Every public callable of ``scaling`` (functions and classes, found by walking the package) has
one entry here, keyed by ``module.qualname`` of its definition:

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

import importlib
import pkgutil
from dataclasses import dataclass, field

import numpy as np

from scaling import chinchilla, hardware, kaplan, planner, randomfeatures, schedules
from scaling.exercises.registry import EXERCISES

for _module in pkgutil.iter_modules(importlib.import_module("scaling.exercises").__path__):
    if _module.name.startswith("ch"):  # each chapter's graders register themselves on import
        importlib.import_module(f"scaling.exercises.{_module.name}")

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

# --- The registry ---------------------------------------------------------------------------------

REGISTRY = {
    # compute
    "scaling.compute.training_flops": F(n_params=N, n_tokens=D),
    "scaling.compute.inference_flops": F(n_params=N, n_tokens=Num(0, 1e12, "nonnegative", log=False)),
    "scaling.compute.tokens_for_budget": F(flops=C, n_params=N),
    "scaling.compute.flops_to_pf_days": F(flops=Num(0, 1e27, "nonnegative", log=False)),
    "scaling.compute.pf_days_to_flops": F(pf_days=Num(0, 1e8, "nonnegative", log=False)),
    "scaling.compute.non_embedding_params": F(n_layer=Num(1, 128), d_model=Num(64, 16384)),
    "scaling.compute.model_flops_per_token": F(
        n_params=N, n_layer=Num(1, 128), d_attention=Num(64, 32768), context=Num(0, 1e6, "nonnegative", log=False)
    ),
    "scaling.compute.inference_flops_per_token": F(
        n_params=N, n_layer=Num(1, 128), d_attention=Num(64, 32768), context=Num(0, 1e6, "nonnegative", log=False)
    ),
    "scaling.compute.generation_flops": F(
        n_params=N,
        n_layer=Num(1, 128),
        d_attention=Num(64, 32768),
        prompt_tokens=Num(0, 1e5, "nonnegative", log=False),
        output_tokens=Num(0, 1e5, "nonnegative", log=False),
    ),
    "scaling.compute.format_count": F(returns="str", value=Num(-1e20, 1e20, "real", log=False)),
    "scaling.compute.format_flops": F(returns="str", flops=Num(0, 1e30, "nonnegative", log=False)),
    "scaling.compute.format_dollars": F(returns="str", dollars=Num(0, 1e12, "nonnegative", log=False)),
    # chinchilla: the law
    "scaling.chinchilla.law.ChinchillaLaw": F(
        returns="object", E=Num(0.5, 3.0), A=Num(10, 1e4), B=Num(10, 1e4), alpha=ALPHA, beta=ALPHA
    ),
    "scaling.chinchilla.law.ComputeOptimal": Exempt("result record built by compute_optimal"),
    "scaling.chinchilla.law.compute_optimal": F(returns="object", flops=C, law=LAW),
    "scaling.chinchilla.law.optimal_loss": F(flops=C, law=LAW),
    "scaling.chinchilla.law.tokens_per_param": F(flops=C, law=LAW),
    "scaling.chinchilla.law.flops_for_params": F(n_params=N, law=LAW),
    "scaling.chinchilla.law.frontier_from_coefficient": F(
        returns="object", flops=C, G=Num(0.01, 100), a_N=Num(0.1, 0.9, "open_unit", log=False)
    ),
    "scaling.chinchilla.law.table_3_optimal_params": F(flops=C),
    "scaling.chinchilla.overview.FrontierSummary": Exempt("result record built by frontier_map"),
    "scaling.chinchilla.overview.frontier_map": F(returns="object", flops=C),
    "scaling.chinchilla.law.table_a3_frontier": F(returns="object", approach=OneOf((2, 3), invalid=(1, "3", None))),
    "scaling.chinchilla.law.table_3_optimal_tokens": F(flops=C),
    # chinchilla: FLOP counting
    "scaling.chinchilla.flops.params_from_architecture": F(
        returns="scalar", n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    "scaling.chinchilla.flops.forward_flops_per_sequence": F(
        returns="scalar",
        n_layer=LAYERS,
        d_model=WIDTH,
        n_heads=HEADS,
        kv_size=HEADS,
        ffw_size=WIDTH,
        seq_len=Num(1, 8192, "count", log=False, extreme=(1, 10**6)),
    ),
    "scaling.chinchilla.flops.training_flops_detailed": F(
        n_tokens=D, n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    "scaling.chinchilla.flops.flops_ratio_to_6nd": F(
        returns="scalar", n_layer=LAYERS, d_model=WIDTH, n_heads=HEADS, kv_size=HEADS, ffw_size=WIDTH
    ),
    # chinchilla: the three approaches
    "scaling.chinchilla.frontier.FrontierFit": Exempt("result record built by fit_envelope and fit_isoflop"),
    "scaling.chinchilla.isoflop.IsoFLOPProfile": Exempt("result record built by isoflop_profiles"),
    "scaling.chinchilla.isoflop.GridEffect": Exempt("result record built by isoflop_grid_effect"),
    "scaling.chinchilla.isoflop.GridDesign": Exempt("a label and grid sizes, checked by isoflop_grid_effect"),
    "scaling.chinchilla.envelope.fit_envelope": F(
        returns="object",
        examples=1,
        n_params=Fixed(_curves().n_params),
        tokens=Fixed(_curves().tokens),
        loss=Fixed(_curves().loss),
        n_budgets=Num(20, 200, "count", log=False, extreme=(3, 10**4), invalid=(2, 2.5)),
    ),
    "scaling.chinchilla.isoflop.isoflop_profiles": F(
        returns="object",
        examples=1,
        flops=Fixed(_isoflop().flops),
        n_params=Fixed(_isoflop().n_params),
        loss=Fixed(_isoflop().loss, invalid=(np.full(81, -1.0),)),
    ),
    "scaling.chinchilla.isoflop.fit_isoflop": F(
        returns="object",
        examples=1,
        flops=Fixed(_isoflop().flops),
        n_params=Fixed(_isoflop().n_params),
        loss=Fixed(_isoflop().loss),
    ),
    "scaling.chinchilla.isoflop.isoflop_grid_effect": F(returns="object", examples=1, law=LAW, target_flops=C),
    "scaling.chinchilla.parametric.Approach3Fit": Exempt("result record built by fit and fit_reference_loop"),
    "scaling.chinchilla.parametric.initialisation_grid": F(returns="object", examples=1),
    "scaling.chinchilla.parametric.huber_objective": F(
        returns="scalar",
        law=LAW,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        delta=Num(1e-4, 1e-1),
    ),
    "scaling.chinchilla.parametric.fit": F(
        returns="object",
        examples=1,
        seconds=20,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss, invalid=(np.zeros(216),)),
    ),
    "scaling.chinchilla.parametric.fit_reference_loop": F(
        returns="object",
        examples=1,
        seconds=20,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        starts=Fixed(np.array([chinchilla.HOFFMANN_ROUNDED.log_params])),
    ),
    "scaling.chinchilla.resampling.BootstrapResult": Exempt("result record built by bootstrap"),
    "scaling.chinchilla.resampling.bootstrap": F(
        returns="object",
        examples=1,
        seconds=30,
        N=Fixed(_dataset().n_params),
        D=Fixed(_dataset().tokens),
        loss=Fixed(_dataset().loss),
        n_resamples=Num(10, 40, "count", log=False, invalid=(5, 2.5)),
        confidence=Num(0.5, 0.99, "open_unit", log=False),
    ),
    # data (Muennighoff et al.)
    "scaling.data.effective_data": F(unique_tokens=U, epochs=Num(1.0, 100.0)),
    "scaling.data.value_of_epoch": F(epoch=Num(1.0, 100.0, "at_least_one")),
    "scaling.data.repeated_data_ceiling": F(unique_tokens=U),
    "scaling.data.params_for_tokens": F(n_tokens=D, law=LAW),
    "scaling.data.effective_params": F(n_params=N, unique_tokens=U, law=LAW),
    "scaling.data.data_constrained_loss": F(n_params=N, n_tokens=D, unique_tokens=U, law=LAW),
    "scaling.data.data_constrained_loss_floor": F(unique_tokens=U, law=LAW),
    "scaling.data.DataConstrainedAllocation": Exempt("result record built by data_constrained_allocation"),
    "scaling.data.data_constrained_allocation": F(returns="object", flops=C, unique_tokens=U, law=LAW),
    "scaling.data.best_data_constrained_loss": F(flops=C, unique_tokens=U, law=LAW),
    "scaling.data.EffectiveStockAllocation": Exempt("result record built by effective_stock_allocation"),
    "scaling.data.effective_stock_allocation": F(returns="object", flops=C, effective_stock=Num(1e13, 1e16), law=LAW),
    "scaling.data.unique_tokens_for_effective": F(
        effective_tokens=Num(1e12, 1e16), epochs=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.dataset_growth_per_year": F(
        returns="scalar",
        tokens_then=Num(1e9, 1e12),
        year_then=Num(2015, 2019, "real", log=False),
        tokens_now=Num(1e13, 1e14),
        year_now=Num(2020, 2025, "real", log=False),
    ),
    "scaling.data.year_dataset_reaches": F(
        returns="scalar",
        target_tokens=Num(1e14, 1e16),
        reference_tokens=Num(1e12, 1e14),
        growth_per_year=Num(1.5, 4.0, "above_one", log=False),
    ),
    "scaling.data.stock_exhaustion_flops": F(
        stock_tokens=Num(1e13, 1e16), tokens_per_param=Num(5, 200), overtraining=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.stock_exhaustion_flops_chinchilla": F(
        stock_tokens=Num(1e13, 1e16), law=LAW, overtraining=Num(1.0, 100.0, "at_least_one")
    ),
    "scaling.data.years_brought_forward": F(
        overtraining=Num(1.0, 100.0, "at_least_one"), compute_growth_per_year=Num(1.5, 10.0, "above_one")
    ),
    # datasets: loaders of fixed, checksummed files
    "scaling.datasets.data_path": Exempt("file lookup by name; tests/test_datasets.py"),
    "scaling.datasets.IsoFLOPRuns": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.porian_isoflop": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.porian_setups": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.PaperFit": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.porian_paper_fits": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.OvertrainingRuns": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_runs": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.NotableModels": Exempt("record of a data file (missing values are NaN); tests/test_datasets.py"),
    "scaling.datasets.epoch_models": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.DownstreamEvals": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_downstream": Exempt("loader of a fixed file; tests/test_datasets.py"),
    "scaling.datasets.TaskInfo": Exempt("record of a data file; tests/test_datasets.py"),
    "scaling.datasets.gadre_tasks": Exempt("loader of a fixed file; tests/test_datasets.py"),
    # hardware
    "scaling.hardware.Accelerator": F(
        returns="object",
        name=Fixed("GPU"),
        peak_flops=PEAK,
        sparse_headline_flops=Fixed(None),
        memory_bytes=BYTES,
        bandwidth=Num(1e11, 1e13),
        power_watts=Num(100, 2000, optional=True),
        source=Fixed("spec sheet"),
    ),
    "scaling.hardware.suggest_accelerators": Exempt("name lookup (strings); tests/test_hardware.py"),
    "scaling.hardware.get_accelerator": Exempt("name lookup (strings); tests/test_hardware.py"),
    "scaling.hardware.gpu_seconds": F(flops=C, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.gpu_hours": F(flops=C, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.implied_mfu": F(
        flops=Num(1e20, 1e22), reported_gpu_hours=Num(1e5, 1e7), peak_flops=Num(3e14, 1e15)
    ),
    "scaling.hardware.days_on_cluster": F(gpu_hours_total=HOURS, n_gpus=Num(1, 1e5)),  # n_gpus may be an average
    "scaling.hardware.training_cost": F(
        gpu_hours_total=Num(0, 1e8, "nonnegative", log=False), price_per_gpu_hour=PRICE
    ),
    "scaling.hardware.flops_for_dollars": F(dollars=Num(1e3, 1e10), price_per_gpu_hour=PRICE, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.energy_mwh": F(
        gpu_hours_total=Num(0, 1e8, "nonnegative", log=False),
        power_watts=Num(100, 2000),
        pue=Num(1.0, 2.0, "at_least_one", log=False, extreme=(1.0, 10.0), invalid=(0.5, 11.0)),
    ),
    "scaling.hardware.training_memory_bytes": F(n_params=N, bytes_per_param=Num(1, 20)),
    "scaling.hardware.weight_bytes": F(n_params=N, bytes_per_param=Num(0.5, 4)),
    "scaling.hardware.kv_cache_bytes": F(
        n_layer=Num(1, 128), n_kv_heads=Num(1, 64), head_dim=Num(32, 256), context_tokens=Num(1, 1e6), batch=Num(1, 512)
    ),
    "scaling.hardware.serving_memory_bytes": F(n_params=N, kv_cache=Num(0, 1e12, "nonnegative", log=False)),
    "scaling.hardware.min_gpus": F(
        returns="object", memory_bytes=BYTES, gpu_memory_bytes=Num(1e10, 3e11), usable_fraction=MFU
    ),
    "scaling.hardware.min_gpus_to_train": F(returns="object", n_params=N, gpu=H100),
    "scaling.hardware.min_gpus_to_serve": F(returns="object", n_params=N, gpu=H100),
    "scaling.hardware.compute_bound_tokens_per_second": F(n_active_params=N, peak_flops=PEAK, mfu=MFU),
    "scaling.hardware.bandwidth_bound_tokens_per_second": F(
        weight_bytes_read=BYTES, bandwidth=Num(1e11, 1e13), batch=Num(1, 512)
    ),
    "scaling.hardware.decode_tokens_per_second": F(
        n_active_params=N, weight_bytes_read=BYTES, peak_flops=PEAK, bandwidth=Num(1e11, 1e13)
    ),
    "scaling.hardware.cost_per_million_tokens": F(tokens_per_second_per_gpu=Num(1, 1e5), price_per_gpu_hour=PRICE),
    "scaling.hardware.MoEFootprint": Exempt("result record built by moe_footprint"),
    "scaling.hardware.moe_footprint": F(
        returns="object", total_params=Num(1e11, 1e12), active_params=Num(1e9, 1e11), n_tokens=D
    ),
    "scaling.hardware.ReportedUtilisation": Exempt("catalogue record of published utilisation (constants)"),
    "scaling.hardware.RunEstimate": Exempt("result record built by estimate_run"),
    "scaling.hardware.estimate_run": F(
        returns="object", flops=C, gpu=H100, mfu=MFU, n_gpus=Num(1, 1e5), price_per_gpu_hour=PRICE
    ),
    "scaling.hardware.max_batch_in_memory": F(
        returns="object",
        memory_bytes=Num(8e10, 1e11),
        weight_bytes_held=Num(1e9, 1e10),
        kv_bytes_per_sequence=Num(1e6, 1e9),
    ),
    # ownership (chapter 7)
    "scaling.ownership.OwnershipCost": Exempt("result record built by ownership_cost_per_gpu_hour"),
    "scaling.ownership.cluster_dollars_per_gpu": F(gpu_price=Num(1e3, 1e5)),
    "scaling.ownership.ownership_cost_per_gpu_hour": F(
        returns="object", hardware_dollars_per_gpu=Num(1e4, 1e5), power_watts=Num(100, 2000)
    ),
    "scaling.ownership.purchase_per_run_gpu_hour": F(
        hardware_dollars_per_gpu=Num(1e4, 1e5), run_gpu_hours=Num(1e3, 1e8), n_gpus=Num(1, 1e5)
    ),
    # inference (Sardana et al.)
    "scaling.inference.Allocation": Exempt("result record built by the allocation functions"),
    "scaling.inference.DemandAwareOptimum": Exempt("result record built by demand_aware_optimum"),
    "scaling.inference.lifetime_flops": F(n_params=N, n_tokens=D, served_tokens=SERVED),
    "scaling.inference.predicted_loss": F(n_params=N, n_tokens=D),
    "scaling.inference.min_params_for_loss": F(loss=LOSS),
    "scaling.inference.iso_loss_tokens": F(n_params=Num(1e11, 1e13), loss=Num(2.2, 3.0, log=False)),
    "scaling.inference.compute_optimal_allocation": F(returns="object", flops=C),
    "scaling.inference.compute_optimal_for_loss": F(returns="object", loss=LOSS),
    "scaling.inference.compute_optimal_for_params": F(returns="object", n_params=N),
    "scaling.inference.implied_served_tokens": F(n_params=Num(1e9, 1e10), n_tokens=Num(1e12, 1e13)),
    "scaling.inference.demand_aware_optimum": F(returns="object", loss=LOSS, served_tokens=SERVED),
    "scaling.inference.break_even_served_tokens": F(
        returns="scalar",
        n_params_1=Num(1e10, 2e10),
        n_tokens_1=Num(1e11, 2e11),
        n_params_2=Num(5e9, 9e9),
        n_tokens_2=Num(1e12, 2e12),
    ),
    # kaplan
    "scaling.kaplan.KaplanJointLaw": F(
        returns="object", alpha_N=Num(0.05, 0.5), alpha_D=Num(0.05, 0.5), N_c=Num(1e12, 1e15), D_c=Num(1e12, 1e15)
    ),
    "scaling.kaplan.KaplanAllocation": Exempt("result record built by optimal_allocation"),
    "scaling.kaplan.loss_from_params": F(n_params=N),
    "scaling.kaplan.loss_from_tokens": F(n_tokens=D),
    "scaling.kaplan.loss_from_compute": F(c_min_pf_days=Num(1e-8, 1e4)),
    "scaling.kaplan.loss_from_compute_fixed_batch": F(c_pf_days=Num(1e-8, 1e4)),
    "scaling.kaplan.joint_loss": F(n_params=N, n_tokens=D, law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))),
    "scaling.kaplan.critical_batch_size": F(loss=LOSS),
    "scaling.kaplan.predicted_alpha_c_min": F(returns="scalar"),
    "scaling.kaplan.optimal_allocation": F(returns="object", flops=C, compute=OneOf(("minimum", "actual"))),
    "scaling.kaplan.tokens_per_param": F(flops=C, compute=OneOf(("minimum", "actual"))),
    "scaling.kaplan.frontier_exponent_from_training_laws": F(returns="scalar"),
    "scaling.kaplan.loss_at_minimum_compute": F(n_params=Num(1e3, 1e10), c_min_flops=Num(1e12, 1e24)),
    "scaling.kaplan.optimal_params_from_training_laws": F(c_min_flops=Num(1e12, 1e24)),
    "scaling.kaplan.joint_law_frontier_exponent": F(
        returns="scalar", law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))
    ),
    "scaling.kaplan.joint_law_optimal_params": F(flops=C, law=Fixed(kaplan.JOINT_FIT, invalid=("joint", 1.0))),
    "scaling.kaplan.embedding_params": F(d_model=Num(64, 16384), vocab_size=Num(1000, 300000)),
    "scaling.kaplan.output_layer_compute_share": F(n_params=N, d_model=Num(64, 16384), vocab_size=Num(1000, 300000)),
    # lab
    "scaling.lab.TrainingService": F(
        returns="object", budget_flops=C, seed=SEED, noise=Num(0, 0.05, "nonnegative", log=False)
    ),
    # metrics
    "scaling.metrics.token_accuracy_from_loss": F(loss=Num(0, 10, "nonnegative", log=False)),
    "scaling.metrics.exact_match": F(token_accuracy=PROB, answer_length=Num(1, 100)),
    "scaling.metrics.accuracy_for_exact_match": F(target=PROB, answer_length=Num(1, 100)),
    # models
    "scaling.models.PublishedModel": F(
        returns="object",
        name=Fixed("Model"),
        n_params=N,
        n_active_params=Fixed(1e6),
        n_tokens=Num(1e8, 1e14, optional=True),
        reported_flops=Fixed(None),
        gpu_hours=Fixed(None),
        accelerator=Fixed(None),
        source=Fixed("paper"),
    ),
    "scaling.models.get_model": Exempt("name lookup (strings); tests/test_models.py"),
    "scaling.models.all_models": F(returns="object", examples=1),
    "scaling.models.llama3_optimal_tokens": F(flops=C),
    "scaling.models.AttentionShape": F(
        returns="object",
        n_layer=LAYERS,
        d_attention=WIDTH,
        context=Num(1, 8192, "count", log=False),
        source=Fixed("paper"),
    ),
    "scaling.models.model_flops_per_token_of": Exempt(
        "looks a catalogued run up by name (strings); tests/test_models.py"
    ),
    "scaling.models.TransformerShape": F(
        returns="object", n_layer=LAYERS, d_model=WIDTH, n_heads=Fixed(8), n_kv_heads=Fixed(8), source=Fixed("paper")
    ),
    # power laws
    "scaling.powerlaw.power_law": F(x=Num(1, 1e12), a=Num(0.1, 100), alpha=Num(-2, 2, "real", log=False)),
    "scaling.powerlaw.saturating_power_law": F(
        x=Num(1, 1e12), E=Num(0, 3, "nonnegative", log=False), A=Num(0.1, 1000), alpha=ALPHA
    ),
    "scaling.powerlaw.gain_per_doubling": F(
        alpha=Num(0.0, 2.0, "nonnegative", log=False, extreme=(0.0, 10.0), invalid=(-0.1, 10.5))
    ),
    "scaling.powerlaw.gain_per_tenfold": F(
        alpha=Num(0.0, 2.0, "nonnegative", log=False, extreme=(0.0, 10.0), invalid=(-0.1, 10.5))
    ),
    "scaling.powerlaw.scale_for_reduction": F(
        alpha=Num(0.05, 2.0, extreme=(1e-300, 10.0), invalid=(0.0, 10.5)), factor=Num(0.5, 0.99, "fraction", log=False)
    ),
    "scaling.powerlaw.PowerLawFit": Exempt("result record built by fit_power_law"),
    "scaling.powerlaw.fit_power_law": F(
        returns="object",
        x=Fixed(np.geomspace(1, 1e6, 10)),
        y=Fixed(3 * np.geomspace(1, 1e6, 10) ** -0.3, invalid=(np.zeros(10),)),
    ),
    "scaling.powerlaw.SaturatingFit": Exempt("result record built by fit_saturating_power_law"),
    "scaling.powerlaw.fit_saturating_power_law": F(
        returns="object",
        examples=1,
        x=Fixed(np.geomspace(1, 1e6, 12)),
        y=Fixed(1.5 + 3 * np.geomspace(1, 1e6, 12) ** -0.3),
        delta=Num(1e-4, 1e-1),
    ),
    "scaling.powerlaw.best_coefficient": F(
        returns="object",
        x=Fixed(np.geomspace(1, 1e6, 12)),
        y=Fixed(1.5 + 3 * np.geomspace(1, 1e6, 12) ** -0.3),
        E=Num(0, 1.4, "nonnegative", log=False),
        alpha=ALPHA,
    ),
    # reconcile (Pearce & Song 2024, chapter 2)
    "scaling.reconcile.total_params": F(n_non_embedding=N),
    "scaling.reconcile.optimal_non_embedding_params": F(flops_non_embedding=C, law=Fixed(chinchilla.BESIROGLU_2024)),
    "scaling.reconcile.FrontierExponent": Exempt("result record built by fitted_frontier_exponent"),
    "scaling.reconcile.fitted_frontier_exponent": F(
        returns="object",
        examples=2,
        count=OneOf(("non-embedding", "total")),
        n_budgets=Num(3, 60, "count", log=False, extreme=(3, 2000), invalid=(2, 2.5)),
    ),
    # random features (chapter 1)
    "scaling.randomfeatures.Setup": F(
        returns="object",
        input_dim=Num(10, 2000, "count", log=False, extreme=(1, 4096)),
        spectrum_exponent=Num(0.5, 2.0),
        noise=Num(0, 0.5, "nonnegative", log=False),
        ridge=Num(1e-4, 1.0),
    ),
    "scaling.randomfeatures.Sweep": Exempt("result record built by the sweeps"),
    "scaling.randomfeatures.model_size_sweep": F(
        returns="object", examples=1, seconds=20, setup=Fixed(randomfeatures.Setup(), invalid=("setup",))
    ),
    "scaling.randomfeatures.data_size_sweep": F(
        returns="object", examples=1, seconds=20, setup=Fixed(randomfeatures.Setup(), invalid=("setup",))
    ),
    # synthetic data (chapter 3)
    "scaling.synthetic.TrainingCurves": Exempt("result record built by training_curves"),
    "scaling.synthetic.IsoFLOPGrid": Exempt("result record built by isoflop_grid"),
    "scaling.synthetic.LossDataset": Exempt("result record built by loss_dataset"),
    "scaling.synthetic.training_curves": F(
        returns="object",
        examples=2,
        law=LAW,
        n_checkpoints=Num(2, 80, "count", log=False, invalid=(1, 2.5)),
        noise=Num(0, 0.05, "nonnegative", log=False),
        seed=SEED,
    ),
    "scaling.synthetic.isoflop_grid": F(
        returns="object",
        examples=2,
        law=LAW,
        n_sizes=Num(3, 20, "count", log=False, invalid=(2, 2.5)),
        half_width_decades=Num(0.2, 1.5),
        noise=Num(0, 0.05, "nonnegative", log=False),
        seed=SEED,
    ),
    "scaling.synthetic.loss_dataset": F(
        returns="object", examples=2, law=LAW, noise=Num(0, 0.05, "nonnegative", log=False), seed=SEED
    ),
    # test-time compute (chapter 6)
    "scaling.testtime.pass_at_k": F(
        n=Num(100, 200, "count", log=False), c=Num(0, 100, "integer", log=False), k=Num(1, 100, "count", log=False)
    ),
    "scaling.testtime.mean_pass_at_k": F(
        returns="scalar",
        n=Num(100, 200, "count", log=False),
        c=Fixed(np.array([0, 10, 50, 100])),
        k=Num(1, 100, "count", log=False),
    ),
    "scaling.testtime.pass_at_k_curve": F(
        returns="object",
        n=Num(100, 200, "count", log=False),
        c=Fixed(np.array([0, 10, 50, 100])),
        ks=Fixed(np.array([1, 10, 100])),
    ),
    "scaling.testtime.naive_pass_at_k": F(
        n=Num(100, 200, "count", log=False), c=Num(0, 100, "integer", log=False), k=Num(1, 100, "count", log=False)
    ),
    "scaling.testtime.coverage": F(returns="object", p=PROB, k=Num(1, 10**4, "count")),
    "scaling.testtime.sample_success_probabilities": F(
        returns="object",
        n_problems=Num(1, 1000, "count", log=False),
        mean=Num(0.05, 0.95, "open_unit", log=False),
        concentration=Num(0.5, 20),
        seed=SEED,
    ),
    "scaling.testtime.simulate_correct_counts": F(
        returns="object", p=Fixed(_P), n_samples=Num(1, 1000, "count", log=False), seed=SEED
    ),
    "scaling.testtime.coverage_law": F(
        k=Num(1, 1e4), a=Num(-3, -0.01, "real", log=False, invalid=(0.5,)), b=Num(-1, -0.01, "real", log=False)
    ),
    "scaling.testtime.thinking_accuracy": F(tokens=Num(1e2, 1e6)),
    "scaling.testtime.answer_flops": F(
        n_params=N,
        n_layer=Num(1, 128),
        d_attention=Num(64, 32768),
        prompt_tokens=Num(0, 1e5, "nonnegative", log=False),
        output_tokens=Num(0, 1e5, "nonnegative", log=False),
        samples=Num(1, 1000),
    ),
    "scaling.testtime.samples_matching_pretraining": F(
        size_ratio=Num(1.0, 100.0, "at_least_one"), inference_to_pretraining_tokens=Num(1e-3, 1e3)
    ),
    "scaling.testtime.CoverageFit": Exempt("result record built by the coverage-law fits"),
    "scaling.testtime.fit_coverage_law": F(
        returns="object", k=Fixed(np.array([1, 10, 100, 1000])), coverage_values=Fixed(np.array([0.1, 0.3, 0.5, 0.6]))
    ),
    "scaling.testtime.majority_vote_accuracy": F(p=PROB, k=Num(1, 100, "count"), n_wrong_answers=Num(1, 1000, "count")),
    "scaling.testtime.majority_vote_limit": F(p=PROB, n_wrong_answers=Num(1, 1e6, "count")),
    "scaling.testtime.simulate_majority_vote": F(
        returns="object",
        p=Fixed(_P),
        k=Num(1, 64, "count", log=False),
        n_wrong_answers=Num(1, 30, "count"),
        n_trials=Num(10, 1000, "count"),
        seed=SEED,
    ),
    "scaling.testtime.larger_model_success": F(
        p_small=PROB, size_ratio=Num(1.0, 100.0, "at_least_one"), logit_gain=Num(0, 2, "nonnegative", log=False)
    ),
    "scaling.testtime.samples_for_compute_match": F(
        returns="int", n_params_small=Num(1e8, 1e9), n_params_large=Num(1e10, 1e11)
    ),
    "scaling.testtime.ComputeMatchedComparison": Exempt("result record built by compute_matched_comparison"),
    "scaling.testtime.compute_matched_comparison": F(
        returns="object",
        p_small=Fixed(_P),
        n_params_small=Num(1e9, 2e9),
        n_params_large=Num(1e10, 3e10),
        selection=OneOf(("majority", "oracle")),
        n_wrong_answers=Num(1, 10, "count"),
    ),
    "scaling.testtime.difficulty_levels": F(returns="object", p=Fixed(_P), n_levels=Num(1, 12, "count", log=False)),
    "scaling.testtime.coverage_law_through_points": F(
        returns="object",
        k1=Num(1, 10),
        c1=Num(0.1, 0.3, "open_unit", log=False),
        k2=Num(100, 1000),
        c2=Num(0.5, 0.9, "open_unit", log=False),
    ),
    "scaling.testtime.majority_vote_table": F(
        returns="object", p=Fixed(_P), ks=Fixed(np.array([1, 4, 16, 64])), n_wrong_answers=Num(1, 1000, "count")
    ),
    # widgets: the update behind each control is numeric; the explorers build ipywidgets
    "scaling.widgets.widget_model_id": Exempt("an ipywidgets model id, text; tests/test_cell_ids.py"),
    "scaling.widgets.chinchilla.IsoFLOPView": Exempt("view record built by isoflop_update"),
    "scaling.widgets.chinchilla.isoflop_update": F(
        returns="object", clamps=True, flops=C, law_key=OneOf(("rounded", "unrounded", "besiroglu"))
    ),
    "scaling.widgets.chinchilla.isoflop_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_chinchilla.py"),
    "scaling.widgets.datawall.DataWallView": Exempt("view record built by explorer_update"),
    "scaling.widgets.datawall.explorer_update": F(
        returns="object", clamps=True, unique_tokens=U, epochs=Num(1, 64), flops=Num(1e22, 1e30)
    ),
    "scaling.widgets.datawall.data_wall_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_datawall.py"),
    "scaling.widgets.hardware.CostView": Exempt("view record built by calculator_update"),
    "scaling.widgets.hardware.calculator_update": F(
        returns="object", clamps=True, gpu=Fixed("H100"), mfu=MFU, price=PRICE, n_gpus=Num(8, 1e5), flops=C
    ),
    "scaling.widgets.hardware.cost_calculator": Exempt("builds ipywidgets; tests/test_plots_widgets_hardware.py"),
    "scaling.widgets.kaplan.Allocation": Exempt("view record built by allocation_update"),
    "scaling.widgets.kaplan.AllocationView": Exempt("view record built by allocation_update"),
    "scaling.widgets.kaplan.allocation_update": F(
        returns="object", clamps=True, flops=Num(1e18, 1e26), reading=OneOf(("actual", "nominal"))
    ),
    "scaling.widgets.kaplan.allocation_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_kaplan.py"),
    "scaling.widgets.overtraining.DemandView": Exempt("view record built by demand_update"),
    "scaling.widgets.capabilities.LadderView": Exempt("view record built by ladder_update"),
    "scaling.widgets.capabilities.ladder_update": F(
        returns="object",
        clamps=True,
        train_dataset=OneOf(("rpj", "c4_original", "rw_original")),
        ladder_top=Num(5e7, 5e8),
        tasks=OneOf(("17", "46")),
    ),
    "scaling.widgets.capabilities.ladder_explorer": Exempt(
        "ipywidgets builder; tests/test_plots_widgets_capabilities.py"
    ),
    "scaling.widgets.overtraining.demand_update": F(
        returns="object", clamps=True, reference_params=Num(1e9, 1e11), served_tokens=Num(1e10, 1e15)
    ),
    "scaling.widgets.overtraining.demand_explorer": Exempt(
        "builds ipywidgets; tests/test_plots_widgets_overtraining.py"
    ),
    "scaling.widgets.ladder.ScheduleView": Exempt("result record built by schedule_update"),
    "scaling.widgets.ladder.schedule_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_ladder.py"),
    "scaling.widgets.ladder.schedule_update": F(
        returns="object", clamps=True, steps=Num(2_000, 40_000), cooldown=Num(0.05, 0.5, "fraction", log=False)
    ),
    "scaling.widgets.powerlaw.explorer_update": F(
        returns="object", clamps=True, sweep=Fixed(_SWEEP), floor=Num(0, 0.09, "nonnegative", log=False), alpha=ALPHA
    ),
    "scaling.widgets.powerlaw.power_law_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_powerlaw.py"),
    "scaling.widgets.testtime.SamplingView": Exempt("view record built by explorer_update"),
    "scaling.widgets.testtime.explorer_update": F(
        returns="object",
        clamps=True,
        n_params=Num(1e8, 1e10),
        samples=Num(1, 64, "count", log=False),
        mean_success=Num(0.05, 0.95, "open_unit", log=False),
    ),
    "scaling.widgets.testtime.sampling_explorer": Exempt("builds ipywidgets; tests/test_plots_widgets_testtime.py"),
    # planner, realdata and the CLI's helpers
    "scaling.cli.format_plan": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.plan_from_args": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.plan_json": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.show": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.planner.Law": Exempt("result record built by the module's functions"),
    "scaling.planner.Plan": Exempt("result record built by the module's functions"),
    "scaling.planner.Serving": Exempt("result record built by the module's functions"),
    "scaling.planner.TrainingMemory": Exempt("result record built by the module's functions"),
    "scaling.planner.allocate": F(returns="object", flops=C, law=PLAN_LAW),
    "scaling.planner.demand_aware_within_budget": F(returns="object", flops=C, served_tokens=SERVED, law=LAW),
    "scaling.planner.get_law": Exempt("name lookup (strings); tests/test_planner.py"),
    "scaling.planner.loss_of": F(
        returns="scalar",
        n_params=N,
        n_tokens=D,
        law=OneOf(("hoffmann", "hoffmann-unrounded", "besiroglu")),
        unique_tokens=Num(1e9, 1e15, optional=True),
    ),
    "scaling.planner.make_plan": F(
        returns="object",
        examples=6,
        flops=C,
        served_tokens=SERVED_OR_NONE,
        n_gpus=GPUS,
        mfu=MFU,
        price=PRICE,
        law=PLAN_LAW,
    ),
    "scaling.planner.model_shape": F(returns="object", n_params=N),
    "scaling.planner.plan_all_laws": F(returns="object", examples=4, flops=C, served_tokens=SERVED_OR_NONE),
    "scaling.planner.plan_warnings": F(
        returns="object", plan=Fixed(planner.make_plan(flops=1e24, served_tokens=1e13), invalid=("plan", 3.0, None))
    ),
    "scaling.planner.serving_estimate": F(
        returns="object",
        n_params=N,
        gpu=H100,
        precision=OneOf(("bf16", "fp8")),
        context=Num(1, 1e6),
        batch=Num(1, 1024, "count", log=False),
        served_tokens=Num(1e6, 1e15),
        serving_days=Num(1, 3650),
        price=PRICE,
    ),
    "scaling.planner.tokens_for_params": F(returns="scalar", n_params=N, law=PLAN_LAW),
    "scaling.planner.kv_cache_bytes_per_token": F(returns="scalar", n_params=N, attention=OneOf(("gqa", "mha", "mla"))),
    "scaling.planner.model_flops_per_token": F(returns="scalar", n_params=N, context=Num(1, 1e6)),
    "scaling.planner.training_memory": F(returns="object", n_params=N, gpu=H100, context=Num(1, 1e6)),
    "scaling.realdata.ComputeTrend": Exempt(
        "result record built by compute_trend; its predict is tested in tests/test_realdata.py"
    ),
    "scaling.realdata.CostFit": Exempt("result record built by cost_against_compute"),
    "scaling.realdata.EqualExponentLaw": Exempt("result record built by fit_equal_exponent_law"),
    "scaling.realdata.ExponentEstimate": Exempt("result record built by isoflop_exponent"),
    "scaling.realdata.HeldOutPrediction": Exempt(
        "result record built by predict_large_runs and predict_overtrained_runs"
    ),
    "scaling.realdata.LadderStep": Exempt("result record built by discrepancy_ladder"),
    "scaling.realdata.TokensPerParam": Exempt(
        "result record built by tokens_per_param_trend; its predict is tested in tests/test_realdata.py"
    ),
    "scaling.realdata.isoflop_exponent": F(
        returns="object",
        examples=4,
        runs=Fixed(_porian_kaplan_setup(), invalid=("a table", 3.0, None)),
        method=OneOf(("parabola", "akima")),
        nearest=Num(3, 12, "count", log=False, optional=True, invalid=(2, 2.5)),
    ),
    "scaling.realdata.discrepancy_ladder": F(
        returns="object", examples=2, nearest=Num(3, 12, "count", log=False, invalid=(2, 2.5))
    ),
    "scaling.realdata.compute_trend": F(
        returns="object",
        examples=4,
        models=Fixed(_epoch(), invalid=("a table", 3.0, None)),
        start_year=Num(2000, 2020, "real", log=False),
    ),
    "scaling.realdata.tokens_per_param_trend": F(
        returns="object",
        examples=4,
        models=Fixed(_epoch(), invalid=("a table", 3.0, None)),
        start_year=Num(2015, 2022, "integer", log=False),
        min_params=Num(1e8, 1e11),
    ),
    "scaling.realdata.cost_against_compute": F(
        returns="object", examples=1, models=Fixed(_epoch(), invalid=("a table", 3.0, None))
    ),
    "scaling.realdata.fit_equal_exponent_law": F(
        returns="object",
        examples=1,
        N=Fixed(_gadre_small().N),
        D=Fixed(_gadre_small().D),
        loss=Fixed(_gadre_small().loss, invalid=(np.zeros(_gadre_small().N.size),)),
    ),
    "scaling.realdata.gadre_fit_runs": F(
        returns="object", examples=1, runs=Fixed(_gadre_c4(), invalid=("a table", 3.0, None))
    ),
    "scaling.realdata.predict_large_runs": F(
        returns="object",
        examples=4,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj", "rw_original")),
        eval_set=OneOf(("c4_val", "paloma_c4_en")),
        method=OneOf(("approach3", "gadre")),
    ),
    "scaling.realdata.predict_overtrained_runs": F(
        returns="object",
        examples=2,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj")),
        min_multiplier=Num(4.0, 16.0, log=False),
    ),
    # --- chapter 8: hyperparameters and schedules ---
    "scaling.hyperparams.attention_share": F(n_layer=Num(1, 128), d_model=Num(64, 16384), seq_len=Num(1, 8192)),
    "scaling.hyperparams.deepseek_batch_size": F(flops=C),
    "scaling.hyperparams.deepseek_flops_per_token": F(
        n_layer=Num(1, 128), d_model=Num(64, 16384), seq_len=Num(1, 8192)
    ),
    "scaling.hyperparams.deepseek_learning_rate": F(flops=C),
    "scaling.hyperparams.examples_over_minimum": F(batch=Num(1e4, 1e8), critical_batch=Num(1e4, 1e8)),
    "scaling.hyperparams.kaplan_critical_batch": F(loss=LOSS),
    "scaling.hyperparams.steps_over_minimum": F(batch=Num(1e4, 1e8), critical_batch=Num(1e4, 1e8)),
    "scaling.schedules.AnnealingLaw": Exempt("a record of constants; its curve is tested in tests/test_schedules.py"),
    "scaling.schedules.LadderCurves": Exempt("result record built by ladder_curves"),
    "scaling.schedules.annealing_areas": F(
        returns="object", lr=Fixed(np.linspace(1.0, 0.1, 50)), decay=Num(0.0, 0.999, "probability", log=False)
    ),
    "scaling.schedules.final_losses": F(
        law=Fixed(schedules.ILLUSTRATIVE_LAW, invalid=("law",)),
        schedule=OneOf(schedules.SCHEDULES),
        lengths=Num(10, 5000),
        seconds=10,
    ),
    "scaling.schedules.ladder_curves": F(
        returns="object", examples=2, seconds=10, n_params=Fixed(np.geomspace(5e7, 1e9, 4)), max_flops=Num(1e20, 1e21)
    ),
    "scaling.schedules.learning_rates": F(
        returns="object", schedule=OneOf(schedules.SCHEDULES), n_steps=Num(2, 10_000, "count", log=False)
    ),
    "scaling.realdata.approach3_prediction_spread": F(
        returns="object",
        examples=2,
        seconds=30,
        N_target=N,
        D_target=D,
        n_resamples=Num(10, 20, "count", log=False, invalid=(5, 2.5)),
        confidence=Num(0.5, 0.99, "open_unit", log=False),
    ),
    # capabilities (chapter 10)
    "scaling.capabilities.centered_accuracy": F(
        accuracy=PROB, chance=Num(0.0, 0.5, "probability", log=False, invalid=(-0.1, 1.0, 1.5))
    ),
    "scaling.capabilities.binomial_standard_error": F(accuracy=PROB, n_questions=Num(1, 1e6, "at_least_one")),
    "scaling.capabilities.average_standard_error": F(
        returns="scalar",
        accuracies=Fixed(np.array([0.5, 0.7]), invalid=(np.array([0.5, 1.5]),)),
        n_questions=Fixed(np.array([100.0, 2000.0]), invalid=(np.array([100.0, 0.0]),)),
    ),
    "scaling.capabilities.interval_score": F(
        lower=Num(0.0, 0.4, "real", log=False),
        upper=Num(0.5, 1.0, "real", log=False),
        observed=Num(-1.0, 2.0, "real", log=False),
        alpha=Num(0.05, 0.5, "open_unit", log=False),
    ),
    "scaling.capabilities.fit_error_law": F(
        returns="object",
        examples=1,
        loss=Fixed(_rpj_table().loss, invalid=(np.zeros(_rpj_table().loss.size),)),
        error=Fixed(_rpj_table().average_error(), invalid=(np.full(_rpj_table().loss.size, 1.5),)),
    ),
    "scaling.capabilities.fit_direct_law": F(
        returns="object",
        examples=1,
        C=Fixed(_rpj_table().C, invalid=(np.zeros(_rpj_table().C.size),)),
        accuracy=Fixed(1.0 - _rpj_table().average_error(), invalid=(np.zeros(_rpj_table().C.size),)),
    ),
    "scaling.capabilities.ErrorLaw": Exempt("result record built by fit_error_law; tests/test_capabilities.py"),
    "scaling.capabilities.DirectLaw": Exempt("result record built by fit_direct_law; tests/test_capabilities.py"),
    "scaling.capabilities.RunTable": Exempt("record of the shipped data built by run_table"),
    "scaling.capabilities.CapabilityPrediction": Exempt("result record built by predict_capabilities"),
    "scaling.capabilities.IntervalPrediction": Exempt("result record built by two_step_interval"),
    "scaling.capabilities.run_table": F(
        returns="object", examples=2, train_dataset=OneOf(("c4_original", "rpj", "rw_original"))
    ),
    "scaling.capabilities.predict_capabilities": F(
        returns="object",
        examples=3,
        seconds=20,
        train_dataset=OneOf(("c4_original", "rpj", "rw_original")),
        tasks=OneOf(("17", "46")),
        fit=OneOf(("paper", "small")),
    ),
    "scaling.capabilities.above_chance": F(
        returns="object",
        examples=2,
        table=Fixed(_rpj_table(), invalid=("a table", 3.0, None)),
        z=Num(0.0, 4.0, "nonnegative", log=False),
    ),
    "scaling.capabilities.first_component_share": F(
        returns="scalar",
        scores=Fixed(np.array([[0.1, 0.2], [0.3, 0.5], [0.2, 0.1]]), invalid=(np.zeros((3, 3)), np.ones(3))),
    ),
    "scaling.capabilities.two_step_interval": F(
        returns="object",
        examples=1,
        seconds=30,
        table=Fixed(_rpj_table(), invalid=("a table", 3.0, None)),
        target=Fixed(_rpj_table().index("open_lm_7b", 1.0), invalid=(-1, 10**6, 2.5)),
        coverage=Num(0.5, 0.95, "open_unit", log=False),
        n_resamples=Num(10, 20, "count", log=False, invalid=(5, 2.5)),
    ),
    # not numeric
    "scaling.book.Shown": Exempt("display text for a prose number (a str); tests/test_prose_numbers.py"),
    "scaling.book.shown": Exempt("formats any value for the prose; tests/test_prose_numbers.py"),
    "scaling.book.eval_expressions": Exempt("parses markdown, not numbers; tests/test_prose_numbers.py"),
    "scaling.cli.build_parser": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.cli.main": Exempt("command line; tests/test_cli.py (never a traceback)"),
    "scaling.exercises.check": Exempt("prints a verdict; every grader is registered below"),
    "scaling.exercises.grade": Exempt("dispatches to the graders registered below"),
    "scaling.exercises.graders.Verdict": Exempt("a grader's result record"),
    "scaling.exercises.graders.unanswered": Exempt("predicate on any answer; tests/test_exercises.py"),
    "scaling.exercises.graders.as_number": Exempt("parses any answer; tests/test_robustness.py"),
    "scaling.exercises.graders.number": Exempt("grader building block; tests/test_exercises.py"),
    "scaling.exercises.graders.choice": Exempt("grader building block; tests/test_exercises.py"),
    "scaling.exercises.graders.as_pair": Exempt("parses any answer; tests/test_feedback.py"),
    "scaling.exercises.graders.how_far": Exempt("feedback wording; tests/test_feedback.py"),
    "scaling.exercises.graders.function_check": Exempt("grader building block; tests/test_feedback.py"),
    "scaling.exercises.ch01.flawed_study": Exempt("the data of exercise 1.8, from fixed constants"),
    "scaling.exercises.ch03.fixed_family_study": Exempt("the data of exercise 3.7, from fixed constants"),
    "scaling.exercises.declared": Exempt("the table of declarations; tests/test_feedback.py"),
    "scaling.exercises.registry.declare": Exempt("registers a declaration; tests/test_feedback.py"),
    "scaling.exercises.registry.grading": Exempt(
        "whether the grading sandbox runs this process; tests/test_exercises.py"
    ),
    "scaling.exercises.registry.Slip": Exempt("a named wrong answer of a declaration; tests/test_feedback.py"),
    "scaling.exercises.registry.Number": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Percent": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Choice": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Function": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Lab": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Interval": Exempt("a kind of exercise; its grade() is tried below"),
    "scaling.exercises.registry.Unconverted": Exempt("an exercise not yet declared; tests/test_feedback.py fails"),
    "scaling.exercises.registry.exercise": Exempt("the old registration; tests/test_feedback.py fails on its use"),
    "scaling.exercises.graders.percent": Exempt("the old percent building block, for chapters not yet declared"),
}

for _exercise in EXERCISES.values():  # a chapter not yet declared: its graders are tried below
    if _exercise.kind == "unconverted":
        REGISTRY.setdefault(f"{_exercise.grader.__module__}.{_exercise.grader.__qualname__}", Exempt("a grader"))

#: Every declared exercise's grade() takes any answer and returns a Verdict without raising (ids, "1.1").
GRADERS = sorted(EXERCISES, key=lambda k: tuple(int(p) for p in k.split(".")))

#: Modules whose public callables are figure builders (take computed views, return figures).
FIGURE_MODULES = ("scaling.plots.",)
