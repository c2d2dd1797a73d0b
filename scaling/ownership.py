"""What a GPU-hour costs its owner, as opposed to its rental price.

A rented GPU-hour has a price on a web page. An owned one costs the hardware, spread over the
years it stays useful, plus the electricity it draws at the data centre's PUE. This module
follows the accounting of Cottier et al. 2024 ("The rising costs of training frontier AI
models", arXiv:2405.21015) and the code that accompanies it: the accelerator's price, times a
server overhead (CPUs, memory, chassis), plus the cluster interconnect as a fixed share of the
cluster's cost; amortised either straight-line over a server lifetime or at the rate at which
hardware price-performance improves; energy at the chip's power times the PUE.

It leaves out, on purpose, what is not a cost of a GPU-hour: staff, research and failed runs.
Counting them is legitimate for "what did the model cost to develop", not for "what does an
hour of computation cost". Used in chapter 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import _validate as check

#: Hours in a year, 24 × 365.25 (as in Cottier et al.'s code).
HOURS_PER_YEAR = 24 * 365.25

#: Price of one H100 SXM GPU, in dollars. An ASSUMPTION, not a quote: NVIDIA publishes no price, and
#: third-party summaries give $25,000-31,000 (checked (secondary) only). Change it and every derived
#: number follows.
H100_PRICE_ASSUMPTION = 30_000.0

#: Maximum power of a whole DGX H100 server (8 GPUs, CPUs, memory, NVSwitches, NICs, fans), in watts:
#: NVIDIA DGX H100 datasheet, "System power usage ~10.2kW max". Checked (secondary): verbatim quotations
#: of the datasheet. Per GPU that is 1,275 W against the GPU's own 700 W TDP.
DGX_H100_SYSTEM_WATTS = 10_200.0
#: GPUs in one DGX H100.
DGX_H100_GPUS = 8

#: Server cost divided by accelerator cost (CPUs, memory, chassis, local network): 1.64, the average
#: Cottier et al.'s code uses for GPUs it has no specific figure for (A100: 1.66; V100: 1.69).
#: Checked (secondary): copies of the epoch-research training-cost code (get_server_cost_overhead).
SERVER_COST_OVERHEAD = 1.64

#: Cluster-level interconnect as a fraction of the whole cluster's cost: 0.19 (Cottier et al.'s code,
#: CLUSTER_INTERCONNECT_COST_FRACTION; the paper gives 9-13% of total development cost, staff
#: included). Checked (secondary): copies of the code.
CLUSTER_INTERCONNECT_FRACTION = 0.19

#: Useful life of an AI server from 2023 on: 5 years (Cottier et al.'s code, get_server_lifetime, citing
#: hyperscalers' five- to six-year server lifetimes). Checked (secondary): copies of the code.
SERVER_LIFETIME_YEARS = 5.0

#: Hardware depreciation at the rate ML GPU price-performance improves: 0.14 orders of magnitude a year
#: (Cottier et al. 2024, §2, after Epoch's hardware trends; an exponential rate of 0.14 · ln 10 = 0.32
#: a year). Checked (secondary): the paper's method as summarised and its code.
DEPRECIATION_OOMS_PER_YEAR = 0.14

#: Average US industrial electricity price in 2023: 8.06 cents per kWh (US EIA, as charted by Statista).
#: Checked (secondary).
US_INDUSTRIAL_DOLLARS_PER_KWH = 0.0806


#: Share of the development cost of frontier models (GPT-4, Gemini Ultra and others) that went to R&D
#: staff: 29-49% (Cottier et al. 2024; Epoch AI's summary of the paper). Checked: Epoch AI blog text.
COTTIER_STAFF_SHARE = (0.29, 0.49)


def cluster_dollars_per_gpu(
    gpu_price, server_overhead=SERVER_COST_OVERHEAD, interconnect_fraction=CLUSTER_INTERCONNECT_FRACTION
):
    """Hardware cost of a cluster per GPU: gpu_price × server_overhead / (1 − interconnect_fraction).

    ``gpu_price`` in dollars per accelerator; ``server_overhead`` ≥ 1 (server cost / accelerator
    cost); ``interconnect_fraction`` in [0, 1), the network's share of the cluster's cost. Result in
    dollars per GPU. Used in chapter 7.
    """
    price = check.positive(gpu_price, "The GPU price", "dollars")
    overhead = check.in_range(server_overhead, "The server cost overhead", 1.0, math.inf)
    network = check.in_range(
        interconnect_fraction, "The interconnect share of the cluster cost", 0.0, 1.0, high_open=True
    )
    return price * overhead / (1.0 - network)


@dataclass(frozen=True)
class OwnershipCost:
    """Cost of one GPU-hour to its owner, in dollars: ``hardware`` (amortised), ``energy``, ``total``."""

    hardware: float
    energy: float
    total: float


def ownership_cost_per_gpu_hour(
    hardware_dollars_per_gpu,
    power_watts,
    *,
    lifetime_years=SERVER_LIFETIME_YEARS,
    depreciation_ooms_per_year=None,
    pue=1.1,
    dollars_per_kwh=US_INDUSTRIAL_DOLLARS_PER_KWH,
    utilisation=1.0,
):
    """Dollars per used GPU-hour of owned hardware: amortised hardware plus energy, divided by utilisation.

    Hardware: straight-line over ``lifetime_years``, or, when ``depreciation_ooms_per_year`` is given,
    at the exponential rate r·ln 10 per year (Cottier et al.'s method): dollars × rate / 8,766 h.
    Energy: ``power_watts`` (per GPU) × ``pue`` / 1000 × ``dollars_per_kwh``. ``utilisation`` in
    (0, 1]: the share of the hours the hardware does paying work; idle hours are paid for too.
    Returns an ``OwnershipCost``. Used in chapter 7.
    """
    dollars = check.positive(hardware_dollars_per_gpu, "The hardware cost per GPU", "dollars")
    watts = check.positive(power_watts, "The power per GPU", "watts")
    pue = check.in_range(pue, "The PUE", 1.0, math.inf)
    price = check.nonnegative(dollars_per_kwh, "The electricity price", "dollars per kWh")
    used = check.fraction(utilisation, "The utilisation")
    if depreciation_ooms_per_year is None:
        years = check.positive(lifetime_years, "The hardware lifetime", "years")
        per_year = 1.0 / years
    else:
        per_year = check.positive(depreciation_ooms_per_year, "The depreciation rate", "orders of magnitude a year")
        per_year = per_year * math.log(10.0)
    hardware = dollars * per_year / HOURS_PER_YEAR / used
    energy = watts * pue / 1000.0 * price / used
    return OwnershipCost(hardware=hardware, energy=energy, total=hardware + energy)


def purchase_per_run_gpu_hour(hardware_dollars_per_gpu, run_gpu_hours, n_gpus):
    """Dollars per GPU-hour if a whole cluster's purchase is charged to one run: dollars × GPUs / GPU-hours.

    Not a cost of computation (the cluster outlives the run); it is what a "fully loaded" price per
    GPU-hour becomes when the run is made to pay for the hardware outright. ``run_gpu_hours`` is the
    run's GPU-hours, ``n_gpus`` the cluster size. Used in chapter 7.
    """
    dollars = check.positive(hardware_dollars_per_gpu, "The hardware cost per GPU", "dollars")
    hours = check.positive(run_gpu_hours, "The run's GPU-hours", "GPU-hours")
    gpus = check.positive(n_gpus, "The number of GPUs")
    return dollars * gpus / hours


# Every public function refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
