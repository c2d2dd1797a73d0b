"""Accelerators, and what a training or serving plan costs on them.

Back-of-the-envelope arithmetic for chapter 7 (hardware and cost) and the planning
command ``python -m scaling plan``:

* a catalogue of accelerators (NVIDIA, AMD, Google TPUs, AWS Trainium) with their
  **dense** BF16 peak and, where the vendor states one, dense FP8 and FP4 peaks (never the
  sparse headline, which assumes 2:4 structured sparsity and is 2× dense), each row with
  its source and whether it was checked against the vendor's own text;
* time, GPU-hours, days on a cluster, dollars and energy for a FLOP budget;
* the MFU implied by a reported number of GPU-hours;
* memory to train (mixed precision with Adam) and to serve (weights + KV cache), and
  the minimum number of GPUs that holds it;
* serving throughput and cost per million tokens, compute-bound (2N FLOPs per
  token at an MFU) or bandwidth-bound (every decoding step reads all the weights);
* mixture-of-experts: compute follows the *active* parameters, memory the *total*.

Units: FLOPs and FLOP/s, bytes and bytes/s (1 GB = 1e9 bytes, as vendors print
it), watts, hours, US dollars. Memory numbers ignore activations, fragmentation and
framework overhead unless stated: they are lower bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _validate as check
from .compute import inference_flops, training_flops

SECONDS_PER_HOUR = 3600.0
HOURS_PER_DAY = 24.0
WATT_HOURS_PER_MWH = 1e6
TOKENS_PER_MILLION = 1e6

# --- Bytes per parameter -----------------------------------------------------------
#: Weights stored in BF16/FP16: 2 bytes per parameter.
BYTES_BF16 = 2.0
#: Weights stored in FP8 or INT8: 1 byte per parameter.
BYTES_FP8 = 1.0
#: Weights stored in 4 bits (INT4/FP4): half a byte per parameter.
BYTES_INT4 = 0.5

# Mixed-precision training with Adam keeps, per parameter (Rajbhandari et al. 2020,
# "ZeRO", §3.1: "2Ψ + 2Ψ + 12Ψ = 16Ψ bytes"):
#: BF16 working copy of the weights.
TRAIN_WEIGHT_BYTES = 2.0
#: BF16 gradients.
TRAIN_GRADIENT_BYTES = 2.0
#: FP32 master copy of the weights.
TRAIN_MASTER_WEIGHT_BYTES = 4.0
#: FP32 Adam first moment m.
TRAIN_ADAM_M_BYTES = 4.0
#: FP32 Adam second moment v.
TRAIN_ADAM_V_BYTES = 4.0
#: Total: 2 + 2 + 4 + 4 + 4 = 16 bytes per parameter, before activations.
ADAM_MIXED_PRECISION_BYTES_PER_PARAM = (
    TRAIN_WEIGHT_BYTES + TRAIN_GRADIENT_BYTES + TRAIN_MASTER_WEIGHT_BYTES + TRAIN_ADAM_M_BYTES + TRAIN_ADAM_V_BYTES
)

#: Power usage effectiveness assumed for energy estimates: 1.1, as in Touvron et al.
#: 2023 (LLaMA), §6.2 and Table 15 ("We take a PUE of 1.1").
DEFAULT_PUE = 1.1


#: Numeric formats the catalogue can give a dense peak for (``Accelerator.peak_at``).
PRECISIONS = ("bf16", "fp8", "fp4")

#: How a row was checked: "primary" (the vendor's own datasheet, spec page or documentation text was
#: read), "secondary" (only third-party reproductions of it were read), "unchecked" (none was found).
CHECK_LEVELS = ("primary", "secondary", "unchecked")


@dataclass(frozen=True)
class Accelerator:
    """One accelerator (per GPU or per chip), with the source of every number.

    ``peak_flops`` is the **dense** BF16 tensor peak in FLOP/s, the number to use
    for MFU and time estimates. ``sparse_headline_flops`` is the vendor's BF16 headline
    *with* structured sparsity (2:4 on NVIDIA and AMD, 2× dense; 4:16 on Trainium2),
    kept only so the text can show why it must not be used; ``None`` where the vendor
    prints no sparse figure (TPUs). ``fp8_flops`` and ``fp4_flops`` are the dense FP8
    and FP4 peaks in FLOP/s, ``None`` where the chip has none or the vendor states no
    dense figure. ``memory_bytes`` in bytes, ``bandwidth`` in bytes/s (HBM),
    ``power_watts`` the maximum board power (TDP) in watts, ``None`` where the vendor
    publishes none. ``checked`` is one of ``CHECK_LEVELS``; ``source`` says what was read.
    """

    name: str
    peak_flops: float
    sparse_headline_flops: float | None
    memory_bytes: float
    bandwidth: float
    power_watts: float | None
    source: str
    fp8_flops: float | None = None
    fp4_flops: float | None = None
    checked: str = "secondary"

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"An accelerator needs a name, got {check.shown(self.name)}.")
        check.positive(self.peak_flops, "The dense peak peak_flops", "FLOP/s")
        check.positive(self.memory_bytes, "The memory", "bytes")
        check.positive(self.bandwidth, "The memory bandwidth", "bytes/s")
        for field_name, unit in (
            ("sparse_headline_flops", "FLOP/s"),
            ("fp8_flops", "FLOP/s"),
            ("fp4_flops", "FLOP/s"),
            ("power_watts", "W"),
        ):
            if getattr(self, field_name) is not None:
                check.positive(getattr(self, field_name), f"{field_name} (or None)", unit)

    @property
    def ridge_intensity(self) -> float:
        """FLOPs per byte where the roofline turns: peak / bandwidth (FLOP/byte)."""
        return self.peak_flops / self.bandwidth

    def peak_at(self, precision: str = "bf16") -> float:
        """Dense peak in FLOP/s at ``precision`` ("bf16", "fp8" or "fp4").

        Raises ``ValueError`` naming the precisions this accelerator has when the
        catalogue holds no dense figure for the one asked. Used by ``python -m scaling plan``.
        """
        wanted = str(precision).strip().lower()
        peaks = {"bf16": self.peak_flops, "fp8": self.fp8_flops, "fp4": self.fp4_flops}
        if wanted not in peaks:
            raise ValueError(f"The precision must be one of {', '.join(PRECISIONS)}, got {check.shown(precision)}.")
        if peaks[wanted] is None:
            have = ", ".join(key for key, value in peaks.items() if value is not None)
            raise ValueError(f"The catalogue has no dense {wanted.upper()} peak for the {self.name}; it has {have}.")
        return peaks[wanted]


_GIB = 2.0**30

# Decimal units unless a row says GiB: 1 TB/s = 1e12 bytes/s, 1 GB = 1e9 bytes. Every peak is dense.
# Rows checked against the vendor's own text say so ("primary"); "secondary" rows were compared
# with third-party reproductions of the vendor datasheet only.
ACCELERATORS: dict[str, Accelerator] = {
    "A100": Accelerator(
        name="NVIDIA A100 SXM 80GB",
        peak_flops=312e12,
        sparse_headline_flops=624e12,
        memory_bytes=80e9,
        bandwidth=2039e9,
        power_watts=400.0,
        source=(
            "NVIDIA A100 datasheet (nvidia-a100-datasheet-us-nvidia-1758950-r4): BFLOAT16 Tensor Core "
            "312 TFLOPS | 624 TFLOPS* (*with sparsity); 80GB HBM2e; 2,039 GB/s; 400 W. No FP8. "
            "Checked (secondary): datasheet rows reproduced by glennklockwood.com and a university "
            "cluster page ('312 TFLOPS / 624 TFLOPS* *With sparsity'); 2,039 GB/s and 400 W on a "
            "vendor-spec summary (thundercompute)."
        ),
    ),
    "H100": Accelerator(
        name="NVIDIA H100 SXM 80GB",
        peak_flops=989.4e12,
        sparse_headline_flops=1978.9e12,
        memory_bytes=80e9,
        bandwidth=3.35e12,
        power_watts=700.0,
        fp8_flops=1978.9e12,
        source=(
            "NVIDIA H100 datasheet: BFLOAT16 Tensor Core 1,979 TFLOPS* ('* Shown with sparsity. "
            "Specifications 1/2 lower without sparsity'), so 989 dense (989.4 in the Hopper "
            "whitepaper table); FP8 3,958* so 1,979 dense; 80 GB HBM3; 3,350 GB/s; TDP 700 W. Checked "
            "(secondary): datasheet table reproduced by a Japanese reseller (hpctech) with the footnote; "
            "989.4/1978.9 BF16 and 1978.9/3957.8 FP8 dense/sparse on glennklockwood.com. Consistent "
            "with Llama 3 paper Table 4 (400 TFLOPs/GPU at 41% MFU)."
        ),
    ),
    "H200": Accelerator(
        name="NVIDIA H200 SXM 141GB",
        peak_flops=989.4e12,
        sparse_headline_flops=1978.9e12,
        memory_bytes=141e9,
        bandwidth=4.8e12,
        power_watts=700.0,
        fp8_flops=1978.9e12,
        source=(
            "NVIDIA H200 datasheet: same GH100 compute as H100 (BF16 1,979 TFLOPS with sparsity, "
            "989 dense; FP8 3,958 with sparsity, 1,979 dense); 141 GB HBM3e; 4.8 TB/s; up to 700 W. "
            "Checked (secondary): spec summaries list 141 GB, 4.8 TB/s, 700 W and 'FP8 3,958 TFLOPS*' "
            "marked as including sparsity. Beware: one summary (saulelectric) labels 1.97 PFLOPS as "
            "'dense' -- that is the sparse headline."
        ),
    ),
    "B200": Accelerator(
        name="NVIDIA B200 (HGX, 1000 W)",
        peak_flops=2250e12,
        sparse_headline_flops=4500e12,
        memory_bytes=180e9,
        bandwidth=7.7e12,
        power_watts=1000.0,
        fp8_flops=4500e12,
        fp4_flops=9000e12,
        source=(
            "NVIDIA Blackwell spec table, HGX B200: FP16/BF16 Tensor Core 4.5 PFLOPS with sparsity, "
            "2.25 dense; FP8 4.5 dense; FP4 9 dense; 180 GB HBM3e (192 GB in launch materials); "
            "7.7 TB/s (8 TB/s at launch); 1,000 W. Checked (secondary): glennklockwood.com (HGX B200 at "
            "1,000 W: BF16 2,250 dense / 4,500 sparse), a Blackwell spec-table copy (verda: FP8 4.5 PF, "
            "FP4 9 PF dense, 180 GB, 7.7 TB/s, 1 kW), DGX B200 page copy (1,440 GB for 8 GPUs)."
        ),
    ),
    "GB200": Accelerator(
        name="NVIDIA GB200 NVL72 (per Blackwell GPU)",
        peak_flops=2500e12,
        sparse_headline_flops=5000e12,
        memory_bytes=186e9,
        bandwidth=8e12,
        power_watts=1200.0,
        fp8_flops=5000e12,
        fp4_flops=10000e12,
        source=(
            "NVIDIA GB200 NVL72 spec, per GPU: FP16/BF16 5 PFLOPS with sparsity, 2.5 dense; FP8 10 "
            "sparse, 5 dense; FP4 20 sparse, 10 dense (rack totals / 72); 186 GB HBM3e (192 GB at "
            "launch; ~13.4 TB per 72-GPU rack); 8 TB/s; up to 1,200 W. Checked (secondary): "
            "glennklockwood.com (GB200 at 1,200 W: BF16 2,500 dense / 5,000 sparse); rack total ~13.4 TB "
            "(aiwiki) / 72 = 186 GB. Third-party pages disagree (gpu.blog prints 2,640 dense; verda "
            "2,250): unresolved, 2,500 kept."
        ),
    ),
    "MI300X": Accelerator(
        name="AMD Instinct MI300X",
        peak_flops=1307.4e12,
        sparse_headline_flops=2614.9e12,
        memory_bytes=192e9,
        bandwidth=5.3e12,
        power_watts=750.0,
        fp8_flops=2614.9e12,
        source=(
            "AMD MI300X datasheet: peak BF16 1,307.4 TFLOPS dense, 2,614.9 with structured sparsity; "
            "FP8 2,614.9 dense, 5,229.8 sparse; 192 GB HBM3; 5.3 TB/s; 750 W. Checked (secondary only, "
            "AMD datasheet NOT seen): 1307.4 bf16 in several public roofline tables (code), '~1.3 PFLOPS "
            "FP16', 192 GB, 5.3 TB/s, 750 W on spec summaries; MLPerf system name "
            "'MI300X-...-192GB-750W'. Beware: codesota labels 2,615 as 'FP16 dense' -- that is the "
            "sparse (or FP8) number."
        ),
    ),
    "H800": Accelerator(
        name="NVIDIA H800 SXM 80GB",
        peak_flops=989.4e12,
        sparse_headline_flops=1978.9e12,
        memory_bytes=80e9,
        bandwidth=3.35e12,
        power_watts=700.0,
        fp8_flops=1978.9e12,
        source=(
            "The export variant of the H100 SXM: the same GH100 die and tensor throughput (BF16 989 "
            "dense / 1,979 sparse; FP8 1,979 dense / 3,958 sparse), 80 GB HBM3, 3.35 TB/s, 700 W, with "
            "NVLink cut to 400 GB/s and FP64 cut. Checked (secondary only, NVIDIA's H800 datasheet NOT "
            "seen): comparison articles (philisun, tumgag: 'the exact same silicon die as the H100', "
            "NVLink 400 GB/s). DeepSeek-V3 trained on it in FP8."
        ),
        checked="secondary",
    ),
    "B300": Accelerator(
        name="NVIDIA B300 Blackwell Ultra (HGX, per GPU)",
        peak_flops=2250e12,
        sparse_headline_flops=4500e12,
        memory_bytes=288e9,
        bandwidth=8e12,
        power_watts=1100.0,
        fp8_flops=4500e12,
        source=(
            "HGX B300 per GPU: FP16/BF16 36 PFLOPS with sparsity per 8 GPUs = 4.5 sparse, 2.25 dense; "
            "FP8 72 PF sparse per 8 = 9 sparse, 4.5 dense; 2.3 TB HBM3e per 8 GPUs = 288 GB; 8 TB/s. "
            "Checked (secondary): NVIDIA's HGX B300 table as reproduced by fibermall ('* With "
            "sparsity'), glennklockwood.com (BF16 2,250 dense / 4,500 sparse; 288 GB; 8 TB/s), verda "
            "(dense 2.25 BF16, 4.5 FP8). Sources disagree on power (1,100 W on verda, 1,400 W on "
            "glennklockwood) and on dense FP4 (13.1, 13.5, 14 PF): 1,100 W kept, FP4 left out."
        ),
    ),
    "GB300": Accelerator(
        name="NVIDIA GB300 NVL72 (per Blackwell Ultra GPU)",
        peak_flops=2500e12,
        sparse_headline_flops=5000e12,
        memory_bytes=279e9,
        bandwidth=8e12,
        power_watts=1400.0,
        fp8_flops=5000e12,
        fp4_flops=15000e12,
        source=(
            "GB300 NVL72 rack totals / 72: FP4 1,080 PF dense (1,440 sparse) = 15 PF dense per GPU; "
            "FP8 720 PF sparse = 5 dense; BF16 360 PF sparse = 2.5 dense; 20.1 TB HBM3e = 279 GB; "
            "576 TB/s = 8 TB/s; 1,400 W per GPU. Checked (secondary): verda's per-GPU table (dense: FP4 "
            "15, FP8 5, BF16 2.5 PF; 279 GB; 8 TB/s; 1.4 kW) and rack totals quoted by vendordeep and "
            "glennklockwood ('1.1 EF dense FP4', '20 TB HBM at 576 TB/s')."
        ),
    ),
    "MI325X": Accelerator(
        name="AMD Instinct MI325X",
        peak_flops=1307.4e12,
        sparse_headline_flops=2614.9e12,
        memory_bytes=256e9,
        bandwidth=6e12,
        power_watts=1000.0,
        fp8_flops=2614.9e12,
        source=(
            "Same CDNA 3 compute as the MI300X (BF16 1,307.4 dense / 2,614.9 sparse; FP8 2,614.9 dense "
            "/ 5,229.8 sparse), 256 GB HBM3E, 6 TB/s, 1,000 W. Checked (secondary only, AMD datasheet "
            "NOT seen): awesomeagents spec table (FP16/BF16 1,307.4; FP8 2,614.9; with sparsity "
            "5,229.8; 256 GB; 6,000 GB/s; TDP 1,000 W), slicast ('same capabilities as the MI300X'). "
            "Beware: yobitel labels 1,307 and 2,614 'sparse' -- they are the dense numbers."
        ),
    ),
    "MI355X": Accelerator(
        name="AMD Instinct MI355X",
        peak_flops=2516.6e12,
        sparse_headline_flops=5033.2e12,
        memory_bytes=288e9,
        bandwidth=8e12,
        power_watts=1400.0,
        fp8_flops=5033.2e12,
        fp4_flops=10066.3e12,
        source=(
            "CDNA 4, 256 CUs at up to 2.4 GHz: FP8 8,192 FLOPs per clock per CU (AMD at ISSCC 2026) gives "
            "256 x 8,192 x 2.4e9 = 5,033 TFLOPS dense FP8 ('five petaflops'), BF16 half that (2,516.6), "
            "MXFP4 twice (10,066); 288 GB HBM3E; 8 TB/s; 1,400 W. Checked (secondary only, AMD datasheet "
            "NOT seen): ISSCC reports (world-today-news, 3dtested: 8,192 FLOPS/clock/CU, 5 PF FP8), Hot "
            "Chips report (wccftech: 2.4 GHz, 1,400 W), The Register ('10 petaFLOPS' FP4 dense, sparsity "
            "doubles), Tom's Hardware (288 GB, 8 TB/s, 1,400 W); 256 CUs in ROCm's GPU spec table."
        ),
    ),
    "TPUv4": Accelerator(
        name="Google TPU v4",
        peak_flops=275e12,
        sparse_headline_flops=None,
        memory_bytes=32 * _GIB,
        bandwidth=1200e9,
        power_watts=192.0,
        source=(
            "Google Cloud TPU v4 documentation, key specifications: peak compute per chip 275 teraflops "
            "(bf16 or int8); HBM2 32 GiB, 1200 GBps; measured min/mean/max power 90/170/192 W (192 W "
            "used as the TDP). No FP8. Checked (primary): cloud.google.com/tpu/docs/v4. PaLM's "
            "hardware (6,144 TPU v4 chips)."
        ),
        checked="primary",
    ),
    "TPUv5p": Accelerator(
        name="Google TPU v5p",
        peak_flops=459e12,
        sparse_headline_flops=None,
        memory_bytes=95 * _GIB,
        bandwidth=2765e9,
        power_watts=None,
        fp8_flops=459e12,
        source=(
            "Google Cloud TPU v5p documentation: peak compute per chip (BF16) 459 TFLOPs, (FP8) 459 "
            "TFLOPs (no FP8 speed-up); HBM 95 GiB; 2765 GBps. Google publishes no per-chip power. "
            "Checked (primary): docs.cloud.google.com/tpu/docs/v5p and the TPU7x comparison table."
        ),
        checked="primary",
    ),
    "TPUv6e": Accelerator(
        name="Google TPU v6e (Trillium)",
        peak_flops=918e12,
        sparse_headline_flops=None,
        memory_bytes=32 * _GIB,
        bandwidth=1638e9,
        power_watts=None,
        fp8_flops=918e12,
        source=(
            "Google Cloud TPU v6e documentation: peak compute per chip (bf16) 918 TFLOPs; FP8 918 "
            "(TPU7x comparison table: no FP8 speed-up); HBM 32 GiB in that table (the v6e page prints "
            "'32 GB'); HBM bandwidth 1638 GBps. Google publishes no per-chip power. Checked (primary): "
            "docs.cloud.google.com/tpu/docs/v6e and tpu7x."
        ),
        checked="primary",
    ),
    "TPU7x": Accelerator(
        name="Google TPU7x (Ironwood)",
        peak_flops=2307e12,
        sparse_headline_flops=None,
        memory_bytes=192 * _GIB,
        bandwidth=7.37e12,
        power_watts=None,
        fp8_flops=4614e12,
        source=(
            "Google Cloud TPU7x documentation: peak compute per chip (BF16) 2307 TFLOPs, (FP8) 4614 "
            "TFLOPs; HBM 192 GiB. Checked (primary) for those. The HBM bandwidth, 7.37 TB/s, is "
            "UNCHECKED (Google's launch figure from memory; the table row was not readable here). "
            "Google publishes no per-chip power."
        ),
        checked="primary",
    ),
    "Trainium2": Accelerator(
        name="AWS Trainium2",
        peak_flops=667e12,
        sparse_headline_flops=2563e12,
        memory_bytes=96 * _GIB,
        bandwidth=2.9e12,
        power_watts=None,
        fp8_flops=1299e12,
        source=(
            "AWS Neuron documentation, Trainium2 architecture: eight NeuronCore-v3 deliver 1,299 FP8 "
            "TFLOPS, 667 BF16/FP16/TF32 TFLOPS, 2,563 FP8/FP16/BF16/TF32 sparse TFLOPS (4:16 structured "
            "sparsity, not 2x); 96 GiB of device memory at 2.9 TB/s (NKI architecture guide; another "
            "version prints 3 TB/s). AWS publishes no per-chip power. Checked (primary): "
            "awsdocs-neuron.readthedocs-hosted.com."
        ),
        checked="primary",
    ),
}

#: Other names people use for catalogue entries (upper case, spaces and dashes removed).
_ALIASES = {"TRILLIUM": "TPUv6e", "IRONWOOD": "TPU7x", "TPUV7": "TPU7x", "TRN2": "Trainium2"}


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


def suggest_accelerators(name) -> list[str]:
    """Catalogue keys a mistyped or over-specified GPU name probably meant ("mi300" -> ["MI300X"]).

    Matches a word of the name that starts a key ("NVIDIA H100" -> H100, "A100-80GB" -> A100),
    then close spellings of the keys. Returns keys in catalogue order, possibly none. Used by
    ``get_accelerator`` and ``python -m scaling plan`` for "did you mean ...?".
    """
    import difflib

    if not isinstance(name, str):
        return []
    words = [_normalise(word) for word in name.replace("-", " ").replace("_", " ").split()]
    words = [word for word in words if word]
    found = []
    for key in ACCELERATORS:
        upper = key.upper()
        if any(upper.startswith(word) and len(word) >= 3 for word in words) or any(
            word.startswith(upper) for word in words
        ):
            found.append(key)
    if not found:
        by_upper = {key.upper(): key for key in ACCELERATORS}
        close = difflib.get_close_matches(_normalise(name), list(by_upper), n=3, cutoff=0.6)
        found = [by_upper[match] for match in close]
    return [key for key in ACCELERATORS if key in found]


def _or(words) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def get_accelerator(name) -> Accelerator:
    """Look up an accelerator by its short name ("H100") or full name, any case.

    Returns the ``Accelerator``; an ``Accelerator`` passed in is returned unchanged.
    An unknown name raises ``ValueError`` listing the catalogue and, for a near miss,
    "did you mean ...?". Used in chapter 7 and by ``python -m scaling plan``.
    """
    if isinstance(name, Accelerator):
        return name
    if not isinstance(name, str):
        raise ValueError(f"The GPU must be given by name, one of {', '.join(ACCELERATORS)}; got {check.shown(name)}.")
    wanted = _normalise(name)
    wanted = _normalise(_ALIASES.get(wanted, wanted))
    for key, acc in ACCELERATORS.items():
        if wanted in (_normalise(key), _normalise(acc.name)):
            return acc
    hint = suggest_accelerators(name)
    maybe = f" Did you mean {_or(hint)}?" if hint else ""
    raise ValueError(f"Unknown GPU {check.shown(name)}.{maybe} Choose one of {', '.join(ACCELERATORS)}.")


# --- Time, money and energy ---------------------------------------------------------


def _peak(peak_flops):
    return check.positive(peak_flops, "The peak throughput per GPU", "FLOP/s")


def _mfu(mfu):
    return check.fraction(mfu, "The model FLOPs utilisation MFU")


def gpu_seconds(flops, peak_flops, mfu):
    """GPU-seconds to execute ``flops`` at ``mfu`` of ``peak_flops``: C / (peak · MFU).

    ``flops`` in FLOPs, ``peak_flops`` in FLOP/s per GPU (dense), ``mfu`` in (0, 1].
    Result in GPU-seconds. Used in chapter 7.
    """
    c = check.positive(flops, "The compute", "FLOPs")
    return c / (_peak(peak_flops) * _mfu(mfu))


def gpu_hours(flops, peak_flops, mfu):
    """GPU-hours to execute ``flops`` at ``mfu`` of ``peak_flops``: C / (peak · MFU · 3600).

    ``flops`` in FLOPs, ``peak_flops`` in FLOP/s per GPU (dense), ``mfu`` in (0, 1].
    Result in GPU-hours. Used in chapter 7.
    """
    return gpu_seconds(flops, peak_flops, mfu) / SECONDS_PER_HOUR


def implied_mfu(flops, reported_gpu_hours, peak_flops):
    """MFU implied by a reported run: C / (GPU-hours · 3600 · peak).

    ``flops`` in FLOPs (the useful model FLOPs, e.g. 6ND), ``reported_gpu_hours`` in
    GPU-hours, ``peak_flops`` in FLOP/s per GPU (dense). Result a fraction. Reported
    GPU-hours include restarts and idle time, so this is a lower bound on the MFU
    of the steady state. Used in chapter 7.
    """
    c = check.positive(flops, "The compute", "FLOPs")
    hours = check.positive(reported_gpu_hours, "The reported GPU-hours", "GPU-hours")
    mfu = c / (hours * SECONDS_PER_HOUR * _peak(peak_flops))
    bad = np.asarray(mfu) > 1.0
    if np.any(bad):
        raise ValueError(
            f"These numbers imply an MFU above 100% ({check._describe(mfu, bad)}); check the units "
            "(FLOPs, GPU-hours, FLOP/s) and that the peak is the dense one."
        )
    return mfu


def days_on_cluster(gpu_hours_total, n_gpus):
    """Wall-clock days when ``gpu_hours_total`` GPU-hours are spread over ``n_gpus`` GPUs.

    Assumes perfect scaling and no downtime. Result in days. Used in chapter 7.
    """
    h = check.positive(gpu_hours_total, "The GPU-hours", "GPU-hours")
    g = check.positive(n_gpus, "The number of GPUs")
    return h / g / HOURS_PER_DAY


def training_cost(gpu_hours_total, price_per_gpu_hour):
    """Cost in dollars of ``gpu_hours_total`` GPU-hours at ``price_per_gpu_hour`` $/GPU-hour.

    Used in chapter 7.
    """
    h = check.nonnegative(gpu_hours_total, "The GPU-hours", "GPU-hours")
    price = check.positive(price_per_gpu_hour, "The price per GPU-hour", "$/GPU-hour")
    return h * price


def flops_for_dollars(dollars, price_per_gpu_hour, peak_flops, mfu):
    """FLOPs that ``dollars`` buy: dollars / price · 3600 · peak · MFU.

    ``dollars`` in US dollars, ``price_per_gpu_hour`` in $/GPU-hour, ``peak_flops`` in
    FLOP/s per GPU (dense), ``mfu`` in (0, 1]. Result in FLOPs. Used in chapter 7 and
    by ``python -m scaling plan --dollars``.
    """
    money = check.positive(dollars, "The budget", "dollars")
    price = check.positive(price_per_gpu_hour, "The price per GPU-hour", "$/GPU-hour")
    return money / price * SECONDS_PER_HOUR * _peak(peak_flops) * _mfu(mfu)


def energy_mwh(gpu_hours_total, power_watts, pue=DEFAULT_PUE):
    """Facility energy in MWh: GPU-hours × power per GPU × PUE / 10^6.

    ``gpu_hours_total`` in GPU-hours, ``power_watts`` per GPU in W (the TDP is an upper
    bound), ``pue`` ≥ 1 (power usage effectiveness; default 1.1 as in LLaMA §6.2).
    Counts GPUs only, not CPUs or network. Result in MWh. Used in chapter 7.
    """
    h = check.nonnegative(gpu_hours_total, "The GPU-hours", "GPU-hours")
    watts = check.positive(power_watts, "The power per GPU", "W")
    p = check.in_range(pue, "The power usage effectiveness PUE", 1.0, 10.0)
    return h * watts * p / WATT_HOURS_PER_MWH


# --- Memory ---------------------------------------------------------------------------


def training_memory_bytes(n_params, bytes_per_param=ADAM_MIXED_PRECISION_BYTES_PER_PARAM):
    """Memory for weights, gradients and optimizer state during training, in bytes.

    ``n_params`` in parameters (all of them, also for a mixture of experts);
    ``bytes_per_param`` defaults to 16 (mixed precision with Adam, ZeRO §3.1).
    Excludes activations, which depend on batch, sequence length and recomputation.
    Used in chapter 7.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    b = check.positive(bytes_per_param, "The bytes per parameter", "bytes")
    return n * b


def weight_bytes(n_params, bytes_per_param=BYTES_BF16):
    """Memory for the weights alone, in bytes: N × bytes per parameter.

    ``bytes_per_param``: 2 for BF16 (default), 1 for FP8/INT8, 0.5 for 4-bit.
    Used in chapter 7.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    b = check.positive(bytes_per_param, "The bytes per parameter", "bytes")
    return n * b


def kv_cache_bytes(n_layer, n_kv_heads, head_dim, context_tokens, batch=1, bytes_per_value=BYTES_BF16):
    """KV-cache size in bytes: 2 · n_layer · n_kv_heads · head_dim · bytes · context · batch.

    The factor 2 counts keys and values. ``n_kv_heads`` is the number of key/value
    heads (fewer than query heads with grouped-query attention); ``context_tokens``
    the tokens held per sequence; ``batch`` the sequences served at once;
    ``bytes_per_value`` 2 for BF16. Used in chapter 7.
    """
    layers = check.positive(n_layer, "The number of layers n_layer")
    heads = check.positive(n_kv_heads, "The number of key/value heads n_kv_heads")
    dim = check.positive(head_dim, "The head dimension head_dim")
    ctx = check.positive(context_tokens, "The context length", "tokens")
    b = check.positive(batch, "The batch size", "sequences")
    nbytes = check.positive(bytes_per_value, "The bytes per cached value", "bytes")
    return 2.0 * layers * heads * dim * nbytes * ctx * b


def serving_memory_bytes(n_params, bytes_per_param=BYTES_BF16, kv_cache=0.0):
    """Memory to serve a model, in bytes: weights (N × bytes per parameter) + KV cache.

    ``kv_cache`` in bytes (see ``kv_cache_bytes``). For a mixture of experts pass
    the *total* parameters: every expert must be resident. Used in chapter 7.
    """
    kv = check.nonnegative(kv_cache, "The KV-cache size", "bytes")
    return weight_bytes(n_params, bytes_per_param) + kv


def min_gpus(memory_bytes, gpu_memory_bytes, usable_fraction=1.0):
    """Fewest GPUs whose memory holds ``memory_bytes``: ceil(memory / (GPU memory × usable fraction)).

    ``gpu_memory_bytes`` per GPU in bytes; ``usable_fraction`` in (0, 1] leaves room
    for activations and runtime overhead. Returns an int (or an int array).
    A lower bound: real deployments also need the parallelism to divide evenly.
    Used in chapter 7.
    """
    need = check.positive(memory_bytes, "The memory needed", "bytes")
    per_gpu = check.positive(gpu_memory_bytes, "The memory per GPU", "bytes")
    share = check.fraction(usable_fraction, "The usable fraction of GPU memory")
    # Round first so that 160e9 / 80e9 = 2.0000000001 does not become 3 GPUs.
    count = np.ceil(np.round(need / (per_gpu * share), 9))
    return int(count) if np.ndim(count) == 0 else count.astype(int)


def min_gpus_to_train(n_params, gpu, bytes_per_param=ADAM_MIXED_PRECISION_BYTES_PER_PARAM, usable_fraction=1.0):
    """Fewest GPUs of type ``gpu`` that hold weights, gradients and Adam state (no activations).

    ``gpu`` is an ``Accelerator`` or its name. Used in chapter 7.
    """
    acc = get_accelerator(gpu)
    return min_gpus(training_memory_bytes(n_params, bytes_per_param), acc.memory_bytes, usable_fraction)


def min_gpus_to_serve(n_params, gpu, bytes_per_param=BYTES_BF16, kv_cache=0.0, usable_fraction=1.0):
    """Fewest GPUs of type ``gpu`` that hold the weights plus ``kv_cache`` bytes of KV cache.

    ``gpu`` is an ``Accelerator`` or its name. Used in chapter 7.
    """
    acc = get_accelerator(gpu)
    return min_gpus(serving_memory_bytes(n_params, bytes_per_param, kv_cache), acc.memory_bytes, usable_fraction)


# --- Serving throughput and cost -----------------------------------------------------


def compute_bound_tokens_per_second(n_active_params, peak_flops, mfu):
    """Tokens per second per GPU when compute is the limit: peak · MFU / (2 N).

    ``n_active_params`` in parameters (active ones for a mixture of experts),
    ``peak_flops`` in FLOP/s (dense), ``mfu`` in (0, 1]. Typical of prefill and of
    decoding with large batches. Result in tokens/s per GPU. Used in chapter 7.
    """
    per_token = inference_flops(n_active_params, 1.0)
    return _peak(peak_flops) * _mfu(mfu) / per_token


def bandwidth_bound_tokens_per_second(weight_bytes_read, bandwidth, batch=1, kv_bytes_per_sequence=0.0):
    """Tokens per second per GPU when memory bandwidth is the limit (decoding).

    Each decoding step reads every weight once and yields one token per sequence in
    the batch, so tokens/s = batch × bandwidth / (weight bytes + batch × KV bytes
    per sequence). ``weight_bytes_read`` in bytes (weights resident on this GPU, or
    all weights with ``bandwidth`` the total across the GPUs holding them);
    ``bandwidth`` in bytes/s; ``batch`` sequences decoded together;
    ``kv_bytes_per_sequence`` the KV cache read per step for one sequence (default 0:
    ignore it). At batch 1 this is bandwidth / weight bytes. Used in chapter 7.
    """
    w = check.positive(weight_bytes_read, "The bytes of weights read per step", "bytes")
    bw = check.positive(bandwidth, "The memory bandwidth", "bytes/s")
    b = check.positive(batch, "The batch size", "sequences")
    kv = check.nonnegative(kv_bytes_per_sequence, "The KV-cache bytes per sequence", "bytes")
    return b * bw / (w + b * kv)


def decode_tokens_per_second(n_active_params, weight_bytes_read, peak_flops, bandwidth, batch=1, mfu=1.0):
    """Decoding throughput per GPU under a simple roofline: the slower of compute and bandwidth.

    Step time = max(batch · 2N / (peak · MFU), weight bytes / bandwidth); tokens/s =
    batch / step time. Arguments as in ``compute_bound_tokens_per_second`` and
    ``bandwidth_bound_tokens_per_second``. Used in chapter 7.
    """
    compute_rate = compute_bound_tokens_per_second(n_active_params, peak_flops, mfu)
    memory_rate = bandwidth_bound_tokens_per_second(weight_bytes_read, bandwidth, batch)
    return np.minimum(compute_rate, memory_rate)


def cost_per_million_tokens(tokens_per_second_per_gpu, price_per_gpu_hour):
    """Serving cost in dollars per million tokens: price / (tokens/s × 3600) × 10^6.

    ``tokens_per_second_per_gpu`` in tokens/s, ``price_per_gpu_hour`` in $/GPU-hour.
    Used in chapter 7.
    """
    rate = check.positive(tokens_per_second_per_gpu, "The throughput per GPU", "tokens/s")
    price = check.positive(price_per_gpu_hour, "The price per GPU-hour", "$/GPU-hour")
    return price / (rate * SECONDS_PER_HOUR) * TOKENS_PER_MILLION


# --- Mixture of experts -------------------------------------------------------------


@dataclass(frozen=True)
class MoEFootprint:
    """Compute and memory of a mixture-of-experts model.

    ``training_flops`` = 6 · active · D (FLOPs); ``flops_per_token`` = 2 · active
    (FLOPs per generated token); ``weight_bytes`` = total · bytes per parameter;
    ``training_memory_bytes`` = total · 16 bytes (weights, gradients, Adam state).
    """

    total_params: float
    active_params: float
    training_flops: float
    flops_per_token: float
    weight_bytes: float
    training_memory_bytes: float


def moe_footprint(total_params, active_params, n_tokens, bytes_per_param=BYTES_BF16):
    """Compute from the active parameters, memory from the total ones.

    ``total_params`` and ``active_params`` in parameters (active ≤ total),
    ``n_tokens`` training tokens, ``bytes_per_param`` for the served weights.
    Returns a ``MoEFootprint``. Used in chapter 7.
    """
    total = check.positive(total_params, "The total number of parameters", "parameters")
    active = check.positive(active_params, "The number of active parameters", "parameters")
    bad = np.asarray(active) > np.asarray(total)
    if np.any(bad):
        raise ValueError(
            f"The active parameters must not exceed the total parameters, got {check._describe(active, bad)} active."
        )
    return MoEFootprint(
        total_params=total,
        active_params=active,
        training_flops=training_flops(active, n_tokens),
        flops_per_token=inference_flops(active, 1.0),
        weight_bytes=weight_bytes(total, bytes_per_param),
        training_memory_bytes=training_memory_bytes(total),
    )


# --- What real runs achieve -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedUtilisation:
    """One measured training configuration: GPUs, sequence length, achieved TFLOP/s per GPU and BF16 MFU.

    ``tflops_per_gpu`` in 10^12 FLOP/s as printed; ``mfu`` a fraction as printed (both rounded in the source).
    """

    n_gpus: int
    sequence_length: int
    tflops_per_gpu: float
    mfu: float
    source: str


_LLAMA3_TABLE_4 = "Llama Team 2024, 'The Llama 3 Herd of Models', Table 4 and §3.3.2. Checked: text copy of the paper."

#: Llama 3 405B pre-training on H100-80GB, by stage (Table 4): 8,192 GPUs at 430 TFLOP/s (43% MFU);
#: 16,384 GPUs at 400 (41%); 16,384 GPUs with 131,072-token sequences at 380 (38%).
LLAMA3_405B_UTILISATION = (
    ReportedUtilisation(8_192, 8_192, 430.0, 0.43, _LLAMA3_TABLE_4),
    ReportedUtilisation(16_384, 8_192, 400.0, 0.41, _LLAMA3_TABLE_4),
    ReportedUtilisation(16_384, 131_072, 380.0, 0.38, _LLAMA3_TABLE_4),
)


# --- A whole run at once ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunEstimate:
    """What a training run of ``flops`` FLOPs costs on a cluster.

    ``gpu_hours`` in GPU-hours, ``days`` wall-clock days on ``n_gpus`` GPUs (perfect scaling, no
    downtime), ``dollars`` in US dollars, ``energy_mwh`` facility energy in MWh (TDP × PUE), ``None``
    when the vendor publishes no power for the accelerator (TPU v5p and later, Trainium2).
    Arrays when the inputs were arrays.
    """

    flops: float
    gpu_hours: float
    days: float
    dollars: float
    energy_mwh: float | None


def estimate_run(flops, gpu, mfu, n_gpus, price_per_gpu_hour, pue=DEFAULT_PUE):
    """GPU-hours, days, dollars and MWh of a run, in one call (the arithmetic of chapter 7 in a row).

    ``flops`` in FLOPs, ``gpu`` an ``Accelerator`` or its name (its dense peak and TDP are used),
    ``mfu`` in (0, 1], ``n_gpus`` GPUs in the cluster, ``price_per_gpu_hour`` in $/GPU-hour,
    ``pue`` ≥ 1. Scalars or arrays (broadcast). Returns a ``RunEstimate``. Used in chapter 7.
    """
    acc = get_accelerator(gpu)
    hours = gpu_hours(flops, acc.peak_flops, mfu)
    return RunEstimate(
        flops=check.positive(flops, "The compute", "FLOPs"),
        gpu_hours=hours,
        days=days_on_cluster(hours, n_gpus),
        dollars=training_cost(hours, price_per_gpu_hour),
        energy_mwh=None if acc.power_watts is None else energy_mwh(hours, acc.power_watts, pue),
    )


def max_batch_in_memory(memory_bytes, weight_bytes_held, kv_bytes_per_sequence):
    """Most sequences whose KV cache fits beside the weights: floor((memory − weights) / KV per sequence).

    ``memory_bytes`` the total memory of the GPUs serving the model, ``weight_bytes_held`` the weights
    they hold, ``kv_bytes_per_sequence`` the cache of one sequence at full context (see
    ``kv_cache_bytes``), all in bytes. Returns an int (0 when the weights leave no room; raises
    ``ValueError`` when they do not fit at all). Ignores activations and fragmentation: an upper
    bound. Used in chapter 7.
    """
    memory = check.positive(memory_bytes, "The GPU memory", "bytes")
    weights = check.positive(weight_bytes_held, "The bytes of weights held", "bytes")
    kv = check.positive(kv_bytes_per_sequence, "The KV-cache bytes per sequence", "bytes")
    room = np.asarray(memory - weights, dtype=float)
    if np.any(room < 0):
        raise ValueError(
            f"The weights ({check._describe(weights * np.ones_like(room), room < 0)} bytes) do not fit in "
            "the memory given; use more GPUs or fewer bytes per parameter."
        )
    count = np.floor(np.round(room / kv, 9))
    return int(count) if np.ndim(count) == 0 else count.astype(int)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
