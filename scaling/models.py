"""A catalogue of published language models: size, data, compute, and where each number comes from.

Counts are SI floats (parameters, tokens, FLOPs, GPU-hours). Every row has a
``source`` naming the paper and table or section; rows whose numbers were seen only
in secondary copies say so. Derived quantities (tokens per parameter, 6ND) are
properties computed from the stored numbers, never typed.

Parameter conventions differ between papers (with or without embeddings). We store
the total parameter count each paper reports; for a mixture of experts we also store
the active parameters per token, which set the compute.
Used in chapters 3, 4 and 7.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import _validate as check
from .compute import training_flops


@dataclass(frozen=True)
class PublishedModel:
    """One published model.

    ``n_params``: total parameters; ``n_active_params``: parameters used per token
    (equal to ``n_params`` for a dense model); ``n_tokens``: training tokens, or
    ``None`` when unpublished; ``reported_flops``: training compute the authors
    report, in FLOPs, or ``None``; ``gpu_hours``: reported accelerator-hours, or
    ``None``; ``accelerator``: the hardware those hours were spent on;
    ``source``: paper, table or section for every number.
    """

    name: str
    n_params: float
    n_active_params: float
    n_tokens: float | None
    reported_flops: float | None
    gpu_hours: float | None
    accelerator: str | None
    source: str

    def __post_init__(self):
        total = check.positive(self.n_params, f"The parameters of {self.name}", "parameters")
        active = check.positive(self.n_active_params, f"The active parameters of {self.name}", "parameters")
        if active > total:
            raise ValueError(f"{self.name} cannot have more active ({active:g}) than total ({total:g}) parameters.")
        for field_name, unit in (("n_tokens", "tokens"), ("reported_flops", "FLOPs"), ("gpu_hours", "GPU-hours")):
            if getattr(self, field_name) is not None:
                check.positive(getattr(self, field_name), f"{field_name} of {self.name} (or None)", unit)

    @property
    def is_moe(self) -> bool:
        """True for a mixture of experts (fewer active than total parameters)."""
        return self.n_active_params < self.n_params

    @property
    def tokens_per_param(self) -> float | None:
        """Training tokens per (total) parameter, D / N; ``None`` if D is unpublished."""
        if self.n_tokens is None:
            return None
        return self.n_tokens / self.n_params

    @property
    def tokens_per_active_param(self) -> float | None:
        """Training tokens per active parameter; equals ``tokens_per_param`` for dense models."""
        if self.n_tokens is None:
            return None
        return self.n_tokens / self.n_active_params

    @property
    def flops_6nd(self) -> float | None:
        """Training compute by the 6·N·D rule with the *active* parameters, in FLOPs."""
        if self.n_tokens is None:
            return None
        return training_flops(self.n_active_params, self.n_tokens)


def _dense(name, n_params, n_tokens, reported_flops, gpu_hours, accelerator, source) -> PublishedModel:
    return PublishedModel(name, n_params, n_params, n_tokens, reported_flops, gpu_hours, accelerator, source)


_CATALOGUE = (
    _dense(
        "GPT-3",
        175e9,
        300e9,
        3.14e23,
        None,
        "NVIDIA V100 (GPU-hours not published)",
        "Brown et al. 2020, Table D.1 (175B; 3.64e3 PF-days = 3.14e23 FLOPs, computed with N = 174.6B) and "
        "Hoffmann et al. 2022, Table 1 (175B on 300B tokens). Tokens checked in Hoffmann; the FLOPs seen "
        "only in secondary copies (LaMDA §10 cites 3.14E+23; several paper notes quote Table D.1).",
    ),
    _dense(
        "Gopher",
        280e9,
        300e9,
        None,
        None,
        "TPU v3 (chip-hours not published here)",
        "Hoffmann et al. 2022, Table 1 (280B on 300B tokens). Reported compute left empty: not checked.",
    ),
    _dense(
        "Chinchilla",
        70e9,
        1.4e12,
        5.76e23,
        None,
        "TPU v3/v4 (chip-hours not published)",
        "Hoffmann et al. 2022, Table 1 (70B on 1.4T tokens) and Fig. 2 caption / Table 3 (budget 5.76e23 "
        "FLOPs, the Gopher budget). 6ND gives 5.88e23; the paper's own App. F count gives 6.3e23.",
    ),
    _dense(
        "PaLM 540B",
        540e9,
        780e9,
        2.5272e24,
        6144 * 1200 + 3072 * 336,  # chip-hours: 6,144 chips for 1,200 h + 3,072 chips for 336 h
        "TPU v4 (chip-hours)",
        "Chowdhery et al. 2022, §1 and §4 (540B, 780B tokens, 6,144 TPU v4 chips). Checked (secondary): "
        "compute table '2527.2 zettaFLOPs' and '6144 TPU v4 chips for 1200 hours and 3072 TPU v4 chips for "
        "336 hours' quoted in reading notes; another blog quotes 2.56e24 FLOPs (unresolved).",
    ),
    _dense(
        "LLaMA 7B",
        6.7e9,
        1.0e12,
        None,
        82_432,
        "NVIDIA A100-80GB",
        "Touvron et al. 2023 (LLaMA), Table 2 (6.7B params, 1.0T tokens) and Table 15 (82,432 GPU-hours, "
        "A100-80GB). Checked (secondary): copies of both tables in several reading notes.",
    ),
    _dense(
        "LLaMA 65B",
        65.2e9,
        1.4e12,
        None,
        1_022_362,
        "NVIDIA A100-80GB",
        "Touvron et al. 2023 (LLaMA), Table 2 (65.2B params, 1.4T tokens), §2.4 (2,048 A100-80GB, ~380 "
        "tokens/s/GPU, ~21 days) and Table 15 (1,022,362 GPU-hours, 449 MWh at 400 W and PUE 1.1). "
        "Checked (secondary): copies of Table 15 and §2.4.",
    ),
    _dense(
        "Llama 2 70B",
        70e9,
        2.0e12,
        None,
        1_720_320,
        "NVIDIA A100-80GB",
        "Touvron et al. 2023 (Llama 2), Table 1 and meta-llama/llama MODEL_CARD.md (70B, 2.0T tokens, "
        "1,720,320 GPU-hours on A100-80GB; family total 3,311,616). Checked: model card.",
    ),
    _dense(
        "Llama 3 8B",
        8e9,
        15e12,
        None,
        1.3e6,
        "NVIDIA H100-80GB",
        "meta-llama/llama3 MODEL_CARD.md, April 2024 (8B, '15T+' tokens, 1.3M H100-80GB GPU-hours). "
        "Checked: model card. The Llama 3.1 card reports 1.46M GPU-hours for 3.1 8B.",
    ),
    _dense(
        "Llama 3 70B",
        70e9,
        15e12,
        None,
        6.4e6,
        "NVIDIA H100-80GB",
        "meta-llama/llama3 MODEL_CARD.md, April 2024 (70B, '15T+' tokens, 6.4M H100-80GB GPU-hours). "
        "Checked: model card. The Llama 3.1 card reports 7.0M GPU-hours for 3.1 70B.",
    ),
    _dense(
        "Llama 3 405B",
        405e9,
        15.6e12,
        3.8e25,
        30.84e6,
        "NVIDIA H100-80GB",
        "Llama Team 2024, 'The Llama 3 Herd of Models', §1 (405B on 15.6T tokens, 3.8e25 FLOPs) and "
        "meta-llama/llama-models llama3_1 MODEL_CARD.md (30.84M H100-80GB GPU-hours). Checked: paper "
        "text and model card.",
    ),
    PublishedModel(
        "DeepSeek-V3",
        671e9,
        37e9,
        14.8e12,
        None,
        2.788e6,
        "NVIDIA H800",
        "DeepSeek-AI 2024, DeepSeek-V3 Technical Report and deepseek-ai/DeepSeek-V3 README (671B total, 37B "
        "activated per token, 14.8T tokens, 2.788M H800 GPU-hours for full training of which 2.664M "
        "pre-training). Checked: README (FACTS §9); abstract copies agree.",
    ),
    PublishedModel(
        "Mixtral 8x7B",
        46.7e9,
        12.9e9,
        None,
        None,
        None,
        None,
        "Mistral AI, 'Mixtral of experts' blog, Dec 2023 (46.7B total, 12.9B used per token; 8 experts, "
        "top-2). The paper (Jiang et al. 2024, arXiv:2401.04088, abstract) rounds to 47B / 13B. "
        "Checked (secondary) and re-derived from the published config (hidden 4096, FFN 14336, 32 layers, "
        "8 KV heads, vocab 32000): 46.70B / 12.88B. Training tokens not published.",
    ),
)

#: The catalogue, keyed by model name.
MODELS: dict[str, PublishedModel] = {m.name: m for m in _CATALOGUE}


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def get_model(name: str) -> PublishedModel:
    """Look up a published model by name, ignoring case, spaces and hyphens ("llama-3-405b").

    Raises ``ValueError`` listing the valid names. Used in chapters 3, 4 and 7.
    """
    if not isinstance(name, str):
        raise ValueError(f"The model must be given by name, one of: {', '.join(MODELS)}; got {name!r}.")
    wanted = _key(name)
    for model in _CATALOGUE:
        if _key(model.name) == wanted:
            return model
    raise ValueError(f"Unknown model {name!r}; choose one of: {', '.join(MODELS)}.")


def all_models() -> tuple[PublishedModel, ...]:
    """Every catalogued model, in publication order. Used in chapters 4 and 7."""
    return _CATALOGUE


# --- What the Llama 3 paper says about its own compute-optimal size ------------------------------------
# Llama Team 2024, "The Llama 3 Herd of Models", §3.2.1 (Scaling laws) and Fig. 3. Checked: text copies of
# the paper. The law is fitted to the minima of IsoFLOP parabolas (6e18 to 1e22 FLOPs, 40M to 16B params);
# N*(C) there is the optimal number of TRAINING TOKENS, not of parameters.

#: The flagship's pre-training budget the law is extrapolated to, in FLOPs (§3.2.1).
LLAMA3_FLAGSHIP_BUDGET_FLOPS = 3.8e25
#: Compute-optimal size their law suggests at that budget, in parameters (§3.2.1: "a 402B parameter model").
LLAMA3_FIT_OPTIMAL_PARAMS = 402e9
#: Compute-optimal training tokens their law suggests at that budget (§3.2.1: "on 16.55T tokens").
LLAMA3_FIT_OPTIMAL_TOKENS = 16.55e12
#: Exponent and coefficient of N*(C) = A·C^alpha as printed in the text, rounded: (alpha, A) = (0.53, 0.29).
LLAMA3_TOKENS_LAW_ROUNDED = (0.53, 0.29)
#: The same fit as printed in the legend of Fig. 3, with one more digit: alpha = 0.537, A = 0.299.
LLAMA3_TOKENS_LAW_FIGURE = (0.537, 0.299)


def llama3_optimal_tokens(flops, law=LLAMA3_TOKENS_LAW_FIGURE):
    """Compute-optimal training tokens by the Llama 3 law N*(C) = A·C^alpha (Llama Team 2024, §3.2.1).

    ``flops`` in FLOPs; ``law`` the pair (alpha, A), by default the Fig. 3 legend values. Result in
    tokens. The rounded pair of the text, ``LLAMA3_TOKENS_LAW_ROUNDED``, gives far fewer tokens at
    3.8e25 FLOPs than the paper's own extrapolation: rounding an exponent moves a long extrapolation.
    Used in chapter 4.
    """
    c = check.positive(flops, "The compute budget C", "FLOPs")
    alpha, coefficient = law
    return coefficient * c**alpha


@dataclass(frozen=True)
class TransformerShape:
    """The shape of a decoder-only transformer: layers, width, query heads, key/value heads.

    ``head_dim`` = d_model / n_heads. With grouped-query attention ``n_kv_heads`` < ``n_heads``,
    which shrinks the KV cache. Used in chapter 7.
    """

    n_layer: int
    d_model: int
    n_heads: int
    n_kv_heads: int
    source: str

    def __post_init__(self):
        for field_name in ("n_layer", "d_model", "n_heads", "n_kv_heads"):
            check.integer(getattr(self, field_name), field_name, minimum=1)
        if self.n_kv_heads > self.n_heads:
            raise ValueError(f"n_kv_heads ({self.n_kv_heads}) cannot exceed n_heads ({self.n_heads}).")

    @property
    def head_dim(self) -> int:
        """Width of one attention head, d_model / n_heads."""
        return self.d_model // self.n_heads


_LLAMA3_TABLE_3 = "Llama Team 2024, 'The Llama 3 Herd of Models', Table 3. Checked: text copy of the paper."

#: Llama 3 shapes (Table 3): layers, model dimension, attention heads, key/value heads (GQA with 8).
LLAMA3_SHAPES: dict[str, TransformerShape] = {
    "Llama 3 8B": TransformerShape(32, 4096, 32, 8, _LLAMA3_TABLE_3),
    "Llama 3 70B": TransformerShape(80, 8192, 64, 8, _LLAMA3_TABLE_3),
    "Llama 3 405B": TransformerShape(126, 16384, 128, 8, _LLAMA3_TABLE_3),
}


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
