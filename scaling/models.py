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
from .compute import model_flops_per_token, training_flops


@dataclass(frozen=True)
class PublishedModel:
    """One published model.

    ``n_params``: total parameters; ``n_active_params``: parameters used per token
    (equal to ``n_params`` for a dense model); ``n_tokens``: training tokens, or
    ``None`` when unpublished; ``reported_flops``: training compute the authors
    report, in FLOPs, or ``None``; ``gpu_hours``: reported accelerator-hours, or
    ``None``; ``accelerator``: the hardware those hours were spent on;
    ``source``: paper, table or section for every number; ``checked``: True only when
    every number of the row was seen in a primary source (paper, model card, the
    developer's README or blog), False when some were seen only in secondary copies;
    ``year``: year of release, or ``None``.
    """

    name: str
    n_params: float
    n_active_params: float
    n_tokens: float | None
    reported_flops: float | None
    gpu_hours: float | None
    accelerator: str | None
    source: str
    checked: bool = False
    year: int | None = None

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


def _dense(
    name, n_params, n_tokens, reported_flops, gpu_hours, accelerator, source, checked=False, year=None
) -> PublishedModel:
    return PublishedModel(
        name, n_params, n_params, n_tokens, reported_flops, gpu_hours, accelerator, source, checked, year
    )


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
        checked=False,
        year=2020,
    ),
    _dense(
        "Gopher",
        280e9,
        300e9,
        None,
        None,
        "TPU v3 (chip-hours not published here)",
        "Hoffmann et al. 2022, Table 1 (280B on 300B tokens). Reported compute left empty: not checked.",
        checked=True,
        year=2021,
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
        checked=True,
        year=2022,
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
        checked=False,
        year=2022,
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
        checked=False,
        year=2023,
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
        checked=False,
        year=2023,
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
        checked=True,
        year=2023,
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
        checked=True,
        year=2024,
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
        checked=True,
        year=2024,
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
        checked=True,
        year=2024,
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
        checked=True,
        year=2024,
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
        checked=False,
        year=2023,
    ),
    # --- 2024-2025 releases (issue 13). "checked" as defined in PublishedModel. ---------------------------
    _dense(
        "Llama 3.2 1B",
        1.23e9,
        9e12,
        None,
        370e3,
        "NVIDIA H100-80GB",
        "meta-llama/llama-models models/llama3_2/MODEL_CARD.md (1B = 1.23B parameters, 'up to 9T tokens', "
        "370k H100-80GB GPU-hours; the family's 86k GPU-hours of logit generation not included). Pruned from "
        "Llama 3.1 8B and trained with its and 70B's logits as targets (knowledge distillation). Checked: model card.",
        checked=True,
        year=2024,
    ),
    _dense(
        "Llama 3.2 3B",
        3.21e9,
        9e12,
        None,
        460e3,
        "NVIDIA H100-80GB",
        "meta-llama/llama-models models/llama3_2/MODEL_CARD.md (3B = 3.21B parameters, 'up to 9T tokens', "
        "460k H100-80GB GPU-hours). Distilled like Llama 3.2 1B. Checked: model card.",
        checked=True,
        year=2024,
    ),
    PublishedModel(
        "DeepSeek-R1",
        671e9,
        37e9,
        None,
        None,
        None,
        "NVIDIA H800",
        "DeepSeek-AI 2025, DeepSeek-R1 (arXiv:2501.12948) abstract and deepseek-ai/DeepSeek-R1 README: "
        "DeepSeek-V3-Base (671B total, 37B activated) after reinforcement learning; pre-training is "
        "DeepSeek-V3's, so no tokens are counted here, and the RL compute is not in the README. Checked "
        "(secondary): README quoted in several notes, not read here.",
        checked=False,
        year=2025,
    ),
    _dense(
        "Gemma 3 27B",
        27e9,
        14e12,
        None,
        None,
        "TPU v4/v5e/v5p (chip-hours not published)",
        "Gemma Team 2025, Gemma 3 Technical Report, §2 (27B on 14T tokens, 12B on 12T, 4B on 4T, 1B on 2T; "
        "pre-trained with knowledge distillation). Checked (secondary): model-card and report summaries; "
        "one summary gives 4T for the 1B model.",
        checked=False,
        year=2025,
    ),
    PublishedModel(
        "Llama 4 Scout",
        109e9,
        17e9,
        40e12,
        None,
        5.0e6,
        "NVIDIA H100-80GB",
        "meta-llama/llama-models models/llama4/MODEL_CARD.md (17B activated, 109B total, 16 experts; "
        "'~40T' tokens of multimodal data; 5.0M H100-80GB GPU-hours). Checked: model card.",
        checked=True,
        year=2025,
    ),
    PublishedModel(
        "Llama 4 Maverick",
        400e9,
        17e9,
        22e12,
        None,
        2.38e6,
        "NVIDIA H100-80GB",
        "meta-llama/llama-models models/llama4/MODEL_CARD.md (17B activated, 400B total, 128 experts; "
        "'~22T' tokens; 2.38M H100-80GB GPU-hours). Secondary reports say both were co-distilled from the "
        "unreleased Llama 4 Behemoth; the card does not, nor whether the teacher's hours are included. "
        "Checked: model card.",
        checked=True,
        year=2025,
    ),
    _dense(
        "Qwen3-8B",
        8e9,
        36e12,
        None,
        None,
        None,
        "Qwen Team, 'Qwen3: Think Deeper, Act Faster' blog, 29 April 2025 (dense 0.6B-32B and MoE "
        "30B-A3B, 235B-A22B; 'approximately 36 trillion tokens', 30T+ at 4K context, then 5T, then long "
        "context). Checked: blog text. The model card gives 8.2B parameters.",
        checked=True,
        year=2025,
    ),
    _dense(
        "Qwen3-32B",
        32e9,
        36e12,
        None,
        None,
        None,
        "Qwen Team, Qwen3 blog, 29 April 2025 (dense 32B; ~36T tokens for the family). Checked: blog text. "
        "The model card gives 32.8B parameters.",
        checked=True,
        year=2025,
    ),
    PublishedModel(
        "Qwen3-30B-A3B",
        30e9,
        3e9,
        36e12,
        None,
        None,
        None,
        "Qwen Team, Qwen3 blog, 29 April 2025 ('30 billion total parameters and 3 billion activated'; "
        "128 experts, 8 activated; ~36T tokens). Checked: blog text. The model card gives 30.5B / 3.3B.",
        checked=True,
        year=2025,
    ),
    PublishedModel(
        "Qwen3-235B-A22B",
        235e9,
        22e9,
        36e12,
        None,
        None,
        None,
        "Qwen Team, Qwen3 blog, 29 April 2025 ('235 billion total parameters and 22 billion activated'; "
        "~36T tokens). Checked: blog text.",
        checked=True,
        year=2025,
    ),
    PublishedModel(
        "Kimi K2",
        1e12,
        32e9,
        15.5e12,
        None,
        None,
        None,
        "MoonshotAI/Kimi-K2 README (1T total, 32B activated, 384 experts with 8 selected; 'Pre-trained a 1T "
        "parameter MoE model on 15.5T tokens'; MuonClip optimizer). Checked: README.",
        checked=True,
        year=2025,
    ),
    PublishedModel(
        "gpt-oss-120b",
        117e9,
        5.1e9,
        None,
        None,
        2.1e6,
        "NVIDIA H100",
        "openai/gpt-oss README (117B parameters with 5.1B active) and OpenAI's gpt-oss model card ('2.1 "
        "million H100-hours'; pre-training data 'trillions of tokens', count not published). Parameters "
        "checked: README; hours checked (secondary): model-card quotes in several notes.",
        checked=False,
        year=2025,
    ),
    PublishedModel(
        "gpt-oss-20b",
        21e9,
        3.6e9,
        None,
        None,
        None,
        "NVIDIA H100",
        "openai/gpt-oss README (21B parameters with 3.6B active). The model card says it needed 'almost 10x "
        "fewer' H100-hours than gpt-oss-120b: not a number, so none is stored. Checked: README.",
        checked=True,
        year=2025,
    ),
)

#: DeepSeek-V3's pre-training alone: 2.664M of its 2.788M H800 GPU-hours (deepseek-ai/DeepSeek-V3 README;
#: the rest is context extension and post-training). The hours that match its 14.8T pre-training tokens.
DEEPSEEK_V3_PRETRAINING_GPU_HOURS = 2.664e6

#: GPU-hours Meta spent computing the teachers' logits (Llama 3.1 8B and 70B) used as targets for Llama 3.2 1B
#: and 3B, on top of their training hours (meta-llama/llama-models models/llama3_2/MODEL_CARD.md, "Logit
#: Generation Time": 86k H100-80GB GPU-hours). Checked: model card. Used in chapter 4.
LLAMA32_LOGIT_GENERATION_GPU_HOURS = 86e3

#: PaLM 540B's model FLOPs utilisation as its paper reports it, with its own 6N + 12LHQT count: 46.2% on TPU v4
#: (Chowdhery et al. 2022, §4 Table 3 and App. B; 238.3K tokens/s). Checked (secondary): reading notes quote
#: "model FLOPs utilization of 46.2%". Used in chapter 7.
PALM_REPORTED_MFU = 0.462

#: The catalogue, keyed by model name.
MODELS: dict[str, PublishedModel] = {m.name: m for m in _CATALOGUE}


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def get_model(name: str) -> PublishedModel:
    """Look up a published model by name, ignoring case, spaces and hyphens ("llama-3-405b").

    Raises ``ValueError`` listing the valid names. Used in chapters 3, 4 and 7.
    """
    if not isinstance(name, str):
        raise ValueError(f"The model must be given by name, one of: {', '.join(MODELS)}; got {check.shown(name)}.")
    wanted = _key(name)
    for model in _CATALOGUE:
        if _key(model.name) == wanted:
            return model
    raise ValueError(f"Unknown model {check.shown(name)}; choose one of: {', '.join(MODELS)}.")


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


# --- What attention adds to the FLOP count of a training run ------------------------------------------------


@dataclass(frozen=True)
class AttentionShape:
    """The three numbers PaLM's FLOP count needs besides N: layers, attention width, training context.

    ``d_attention`` = query heads × head dimension (PaLM's H·Q), in units of the model width;
    ``context`` the training sequence length T in tokens. Used with
    ``scaling.compute.model_flops_per_token`` in chapter 7.
    """

    n_layer: int
    d_attention: int
    context: int
    source: str

    def __post_init__(self):
        for field_name in ("n_layer", "d_attention", "context"):
            check.integer(getattr(self, field_name), field_name, minimum=1)


#: Shapes of the catalogued runs whose accelerator-hours are published. For multi-head latent attention
#: (DeepSeek-V3) the query·key products use 192 dimensions per head (128 + 64 rotary) and the value
#: products 128, so its d_attention is 128 heads × (192 + 128) / 2 = 20,480.
ATTENTION_SHAPES: dict[str, AttentionShape] = {
    "PaLM 540B": AttentionShape(
        118,
        48 * 256,
        2048,
        "Chowdhery et al. 2022, Table 1 (118 layers, 48 heads of "
        "256) and §5 (sequence length 2048). Checked (secondary): copies of Table 1.",
    ),
    "LLaMA 7B": AttentionShape(
        32,
        4096,
        2048,
        "Touvron et al. 2023, Table 2 (dimension 4096, 32 heads, 32 "
        "layers); context 2048 tokens. Checked (secondary): copies of Table 2.",
    ),
    "LLaMA 65B": AttentionShape(
        80,
        8192,
        2048,
        "Touvron et al. 2023, Table 2 (dimension 8192, 64 heads, 80 "
        "layers); context 2048 tokens. Checked (secondary): copies of Table 2.",
    ),
    "Llama 2 70B": AttentionShape(
        80,
        8192,
        4096,
        "Touvron et al. 2023 (Llama 2), Table 1 (context 4k) and the "
        "released config (80 layers, dimension 8192). Checked (secondary).",
    ),
    "Llama 3 8B": AttentionShape(32, 4096, 8192, _LLAMA3_TABLE_3 + " Context 8,192 (Table 4)."),
    "Llama 3 70B": AttentionShape(80, 8192, 8192, _LLAMA3_TABLE_3 + " Context 8,192 (Table 4)."),
    "Llama 3 405B": AttentionShape(
        126,
        16384,
        8192,
        _LLAMA3_TABLE_3 + " Context 8,192 for all but the long-context stage (Table 4), which this count leaves out.",
    ),
    "DeepSeek-V3": AttentionShape(
        61,
        128 * (192 + 128) // 2,
        4096,
        "DeepSeek-AI 2024, §4.2 (61 layers, 128 "
        "heads, per-head 128 + 64 rotary for queries and keys, 128 for values; 4K "
        "sequences in pre-training). Checked (secondary): public configs agree.",
    ),
}


def model_flops_per_token_of(name: str) -> float:
    """PaLM's training FLOPs per token, 6N + 12·L·H·Q·T, for a catalogued run (``ATTENTION_SHAPES``).

    N is the active parameter count (for a mixture of experts). Result in FLOPs per token.
    Used in chapter 7.
    """
    model = get_model(name)
    if model.name not in ATTENTION_SHAPES:
        raise ValueError(
            f"No attention shape is catalogued for {model.name}; choose one of: {', '.join(ATTENTION_SHAPES)}."
        )
    shape = ATTENTION_SHAPES[model.name]
    return model_flops_per_token(model.n_active_params, shape.n_layer, shape.d_attention, shape.context)


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
