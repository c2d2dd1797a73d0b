"""Tests for scaling.models: each catalogue row against its source, and the derived quantities."""

import dataclasses

import pytest

from scaling import models
from scaling.compute import training_flops

# name, total params, active params, tokens, reported FLOPs, GPU-hours — each from the source in the comment
PUBLISHED = [
    ("GPT-3", 175e9, 175e9, 300e9, 3.14e23, None),  # GPT-3 Table D.1; Chinchilla Table 1
    ("Gopher", 280e9, 280e9, 300e9, None, None),  # Chinchilla Table 1
    ("Chinchilla", 70e9, 70e9, 1.4e12, 5.76e23, None),  # Chinchilla Table 1; Fig. 2 caption
    ("PaLM 540B", 540e9, 540e9, 780e9, 2.5272e24, 8_404_992),  # PaLM §1/§4; 6144×1200 + 3072×336 chip-hours
    ("LLaMA 7B", 6.7e9, 6.7e9, 1.0e12, None, 82_432),  # LLaMA Table 2, Table 15
    ("LLaMA 65B", 65.2e9, 65.2e9, 1.4e12, None, 1_022_362),  # LLaMA Table 2, Table 15
    ("Llama 2 70B", 70e9, 70e9, 2.0e12, None, 1_720_320),  # Llama 2 model card
    ("Llama 3 8B", 8e9, 8e9, 15e12, None, 1.3e6),  # Llama 3 model card (April 2024): 15T+ tokens
    ("Llama 3 70B", 70e9, 70e9, 15e12, None, 6.4e6),  # Llama 3 model card (April 2024)
    ("Llama 3 405B", 405e9, 405e9, 15.6e12, 3.8e25, 30.84e6),  # Llama 3 paper §1; Llama 3.1 model card
    ("DeepSeek-V3", 671e9, 37e9, 14.8e12, None, 2.788e6),  # DeepSeek-V3 README / report
    ("Mixtral 8x7B", 46.7e9, 12.9e9, None, None, None),  # Mistral blog (paper: 47B / 13B)
    ("Llama 3.2 1B", 1.23e9, 1.23e9, 9e12, None, 370e3),  # Llama 3.2 model card: 1.23B, up to 9T, 370k GPU-h
    ("Llama 3.2 3B", 3.21e9, 3.21e9, 9e12, None, 460e3),  # Llama 3.2 model card: 3.21B, up to 9T, 460k GPU-h
    ("DeepSeek-R1", 671e9, 37e9, None, None, None),  # DeepSeek-R1 README: V3-Base + RL
    ("Gemma 3 27B", 27e9, 27e9, 14e12, None, None),  # Gemma 3 report §2: 27B on 14T
    ("Llama 4 Scout", 109e9, 17e9, 40e12, None, 5.0e6),  # Llama 4 model card: 17B/109B, ~40T, 5.0M GPU-h
    ("Llama 4 Maverick", 400e9, 17e9, 22e12, None, 2.38e6),  # Llama 4 model card: 17B/400B, ~22T, 2.38M GPU-h
    ("Qwen3-8B", 8e9, 8e9, 36e12, None, None),  # Qwen3 blog: ~36T tokens
    ("Qwen3-32B", 32e9, 32e9, 36e12, None, None),  # Qwen3 blog
    ("Qwen3-30B-A3B", 30e9, 3e9, 36e12, None, None),  # Qwen3 blog: 30B total, 3B activated
    ("Qwen3-235B-A22B", 235e9, 22e9, 36e12, None, None),  # Qwen3 blog: 235B total, 22B activated
    ("Kimi K2", 1e12, 32e9, 15.5e12, None, None),  # Kimi K2 README: 1T total, 32B activated, 15.5T tokens
    ("gpt-oss-120b", 117e9, 5.1e9, None, None, 2.1e6),  # gpt-oss README; model card 2.1M H100-hours
    ("gpt-oss-20b", 21e9, 3.6e9, None, None, None),  # gpt-oss README
]

# Rows whose every number was seen in a primary source in this project (model card, README, blog, paper text).
CHECKED_IN_PRIMARY = {
    "Gopher",
    "Chinchilla",
    "Llama 2 70B",
    "Llama 3 8B",
    "Llama 3 70B",
    "Llama 3 405B",
    "DeepSeek-V3",
    "Llama 3.2 1B",
    "Llama 3.2 3B",
    "Llama 4 Scout",
    "Llama 4 Maverick",
    "Qwen3-8B",
    "Qwen3-32B",
    "Qwen3-30B-A3B",
    "Qwen3-235B-A22B",
    "Kimi K2",
    "gpt-oss-20b",
}


@pytest.mark.parametrize("name, n_params, active, tokens, flops, hours", PUBLISHED, ids=[r[0] for r in PUBLISHED])
def test_catalogue_matches_source(name, n_params, active, tokens, flops, hours):
    m = models.get_model(name)
    assert m.name == name
    assert m.n_params == pytest.approx(n_params)
    assert m.n_active_params == pytest.approx(active)
    assert m.n_tokens == (None if tokens is None else pytest.approx(tokens))
    assert m.reported_flops == (None if flops is None else pytest.approx(flops))
    assert m.gpu_hours == (None if hours is None else pytest.approx(hours))
    assert len(m.source) > 40


def test_catalogue_has_exactly_these_models():
    assert [m.name for m in models.all_models()] == [row[0] for row in PUBLISHED]
    assert list(models.MODELS) == [row[0] for row in PUBLISHED]


def test_checked_flag_marks_only_rows_seen_in_a_primary_source():
    assert {m.name for m in models.all_models() if m.checked} == CHECKED_IN_PRIMARY
    for m in models.all_models():
        if not m.checked:
            assert "secondary" in m.source.lower() or "not seen" in m.source.lower() or "checked" in m.source.lower()


def test_every_row_has_a_release_year():
    years = {m.name: m.year for m in models.all_models()}
    assert all(2020 <= y <= 2026 for y in years.values())
    assert years["GPT-3"] == 2020 and years["Llama 4 Scout"] == 2025


def test_new_moe_rows_count_compute_by_active_parameters():
    # Llama 4 Scout: 6 × 17e9 × 40e12 = 4.08e24 FLOPs; Kimi K2: 6 × 32e9 × 15.5e12 = 2.976e24.
    assert models.get_model("Llama 4 Scout").flops_6nd == pytest.approx(4.08e24)
    assert models.get_model("Kimi K2").flops_6nd == pytest.approx(2.976e24)
    # Qwen3-8B: 36e12 / 8e9 = 4,500 tokens per parameter.
    assert models.get_model("Qwen3-8B").tokens_per_param == pytest.approx(4500.0)


def test_deepseek_v3_pretraining_hours_are_part_of_the_total():
    # README: 2.664M of 2.788M H800 GPU-hours were pre-training.
    assert models.DEEPSEEK_V3_PRETRAINING_GPU_HOURS == 2.664e6
    assert models.DEEPSEEK_V3_PRETRAINING_GPU_HOURS < models.get_model("DeepSeek-V3").gpu_hours


def test_hardware_of_the_reported_hours():
    assert models.get_model("Llama 3 405B").accelerator == "NVIDIA H100-80GB"
    assert models.get_model("Llama 2 70B").accelerator == "NVIDIA A100-80GB"
    assert models.get_model("DeepSeek-V3").accelerator == "NVIDIA H800"
    assert "TPU v4" in models.get_model("PaLM 540B").accelerator


def test_llama3_405b_6nd_matches_paper():
    # Llama 3 paper §1: 3.8e25 FLOPs. 6 × 405e9 × 15.6e12 = 3.79e25, within 1%.
    m = models.get_model("Llama 3 405B")
    assert m.flops_6nd == pytest.approx(3.79e25, rel=1e-3)
    assert m.flops_6nd == pytest.approx(m.reported_flops, rel=0.01)


def test_gpt3_6nd_matches_table_d1():
    # GPT-3 Table D.1: 3.14e23 FLOPs. 6 × 175e9 × 300e9 = 3.15e23 (Table D.1 itself uses N = 174.6B).
    m = models.get_model("GPT-3")
    assert m.flops_6nd == pytest.approx(3.15e23)
    assert m.flops_6nd == pytest.approx(m.reported_flops, rel=0.01)


def test_chinchilla_budget_is_2_percent_below_6nd():
    # 6 × 70e9 × 1.4e12 = 5.88e23, while the paper's budget is 5.76e23 (Fig. 2): 2.1% apart.
    m = models.get_model("Chinchilla")
    assert m.flops_6nd == pytest.approx(5.88e23)
    assert m.reported_flops / m.flops_6nd == pytest.approx(0.9796, abs=1e-3)


def test_palm_6nd_matches_compute_table():
    # 6 × 540e9 × 780e9 = 2.5272e24, the "2527.2 zettaFLOPs" quoted from the PaLM compute table.
    assert models.get_model("PaLM 540B").flops_6nd == pytest.approx(2.5272e24)


def test_tokens_per_param_is_derived():
    # Chinchilla: 1.4e12 / 70e9 = 20 exactly. GPT-3: 300 / 175 = 1.714. Llama 3 405B: 15.6e12 / 405e9 = 38.5.
    # Llama 3 8B: 15e12 / 8e9 = 1,875.
    assert models.get_model("Chinchilla").tokens_per_param == pytest.approx(20.0)
    assert models.get_model("GPT-3").tokens_per_param == pytest.approx(1.714, rel=1e-3)
    assert models.get_model("Llama 3 405B").tokens_per_param == pytest.approx(38.52, rel=1e-3)
    assert models.get_model("Llama 3 8B").tokens_per_param == pytest.approx(1875)
    assert "tokens_per_param" not in {f.name for f in dataclasses.fields(models.PublishedModel)}


def test_moe_rows_use_active_parameters_for_compute():
    # DeepSeek-V3: 6 × 37e9 × 14.8e12 = 3.2856e24 FLOPs; 14.8e12 / 671e9 = 22.1 tokens per total parameter,
    # 14.8e12 / 37e9 = 400 per active parameter.
    m = models.get_model("DeepSeek-V3")
    assert m.is_moe
    assert m.flops_6nd == pytest.approx(3.2856e24)
    assert m.tokens_per_param == pytest.approx(22.06, rel=1e-3)
    assert m.tokens_per_active_param == pytest.approx(400)
    assert not models.get_model("Llama 3 70B").is_moe


def test_unpublished_tokens_give_none():
    m = models.get_model("Mixtral 8x7B")
    assert m.n_tokens is None
    assert m.tokens_per_param is None
    assert m.tokens_per_active_param is None
    assert m.flops_6nd is None


def test_mixtral_counts_follow_from_the_published_config():
    # Mixtral config: hidden 4096, FFN 14336, 32 layers, 32 query heads, 8 KV heads of 128, vocab 32000,
    # 8 experts (SwiGLU: 3 matrices each), top-2, untied embeddings.
    h, f, layers, kv, vocab, experts = 4096, 14336, 32, 8, 32000, 8
    attention = 2 * h * h + 2 * h * kv * 128  # q and o: 4096²; k and v: 4096 × 1024
    expert = 3 * h * f
    per_layer_shared = attention + h * experts + 2 * h  # attention, router, two norms
    embeddings = 2 * vocab * h + h  # input and output embeddings, final norm
    total = layers * (per_layer_shared + experts * expert) + embeddings  # 46.70e9
    active = layers * (per_layer_shared + 2 * expert) + embeddings  # 12.88e9
    m = models.get_model("Mixtral 8x7B")
    assert m.n_params == pytest.approx(total, abs=0.05e9)
    assert m.n_active_params == pytest.approx(active, abs=0.05e9)


@pytest.mark.parametrize(
    "query, name",
    [
        ("llama-3-405b", "Llama 3 405B"),
        ("GPT3", "GPT-3"),
        ("deepseek v3", "DeepSeek-V3"),
        ("MIXTRAL 8X7B", "Mixtral 8x7B"),
    ],
)
def test_lookup_ignores_case_spaces_and_hyphens(query, name):
    assert models.get_model(query).name == name


@pytest.mark.parametrize("bad", ["GPT-4", "", None, 70e9])
def test_unknown_model_lists_valid_names(bad):
    with pytest.raises(ValueError, match="GPT-3, Gopher, Chinchilla"):
        models.get_model(bad)


def test_rows_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        models.get_model("GPT-3").n_tokens = 1.0


def test_every_row_names_its_source():
    for m in models.all_models():
        assert any(word in m.source for word in ("Table", "§", "MODEL_CARD", "README", "blog", "abstract"))


def test_6nd_reuses_compute_module():
    m = models.get_model("Llama 2 70B")
    assert m.flops_6nd == training_flops(m.n_active_params, m.n_tokens)


# --- Chapter 4 additions: the Llama 3 scaling law; chapter 7: the Llama 3 shapes -------------------------


def test_llama3_fit_optimum_as_published():
    # Llama 3 paper §3.2.1: 3.8e25 FLOPs → 402B parameters on 16.55T tokens: 41.2 tokens per parameter,
    # and 6 × 402e9 × 16.55e12 = 3.99e25 FLOPs (5% above the budget: the paper does not say how it counts).
    assert models.LLAMA3_FLAGSHIP_BUDGET_FLOPS == 3.8e25
    ratio = models.LLAMA3_FIT_OPTIMAL_TOKENS / models.LLAMA3_FIT_OPTIMAL_PARAMS
    assert ratio == pytest.approx(41.17, rel=1e-3)
    assert training_flops(models.LLAMA3_FIT_OPTIMAL_PARAMS, models.LLAMA3_FIT_OPTIMAL_TOKENS) == pytest.approx(
        3.99e25, rel=2e-3
    )


def test_llama3_tokens_law_by_hand():
    # Fig. 3 legend: 0.299 × (3.8e25)^0.537; log10(3.8e25) = 25.5798, × 0.537 = 13.7363 → 5.449e13 × 0.299
    # = 1.629e13 tokens, within 2% of the paper's 16.55T. The rounded text values (0.53, 0.29):
    # 10^(25.5798 × 0.53) = 3.608e13, × 0.29 = 1.046e13: far off.
    assert models.llama3_optimal_tokens(3.8e25) == pytest.approx(1.629e13, rel=1e-3)
    assert models.llama3_optimal_tokens(3.8e25) == pytest.approx(models.LLAMA3_FIT_OPTIMAL_TOKENS, rel=0.02)
    rounded = models.llama3_optimal_tokens(3.8e25, models.LLAMA3_TOKENS_LAW_ROUNDED)
    assert rounded == pytest.approx(1.046e13, rel=1e-3)


def test_llama3_tokens_law_bad_input():
    with pytest.raises(ValueError, match="compute budget"):
        models.llama3_optimal_tokens(-1.0)


def test_llama3_shapes_table_3():
    # Table 3: 8B 32 layers, 4,096 wide, 32 heads; 70B 80, 8,192, 64; 405B 126, 16,384, 128; all 8 KV heads.
    shapes = models.LLAMA3_SHAPES
    assert [(s.n_layer, s.d_model, s.n_heads, s.n_kv_heads) for s in shapes.values()] == [
        (32, 4096, 32, 8),
        (80, 8192, 64, 8),
        (126, 16384, 128, 8),
    ]
    assert {s.head_dim for s in shapes.values()} == {128}  # 4096/32 = 8192/64 = 16384/128 = 128
    assert all("Table 3" in s.source for s in shapes.values())


# --- Attention shapes for PaLM's FLOP count (chapter 7) -----------------------------------------------------


@pytest.mark.parametrize(
    "name, extra",
    [
        # 12·32·4096·8192 / (6·8e9) = 0.268 (Llama 3 8B), 12·80·8192·8192 / 4.2e11 = 0.153 (70B),
        # 12·126·16384·8192 / 2.43e12 = 0.0835 (405B)
        ("Llama 3 8B", 0.268),
        ("Llama 3 70B", 0.153),
        ("Llama 3 405B", 0.0835),
        # PaLM: 12·118·12288·2048 / (6·540e9) = 3.564e10 / 3.24e12 = 0.0110
        ("PaLM 540B", 0.0110),
        # DeepSeek-V3 (MLA): 12·61·20480·4096 / (6·37e9) = 6.14e10 / 2.22e11 = 0.277
        ("DeepSeek-V3", 0.277),
    ],
)
def test_attention_share_of_palm_count(name, extra):
    m = models.get_model(name)
    assert models.model_flops_per_token_of(name) / (6 * m.n_active_params) - 1 == pytest.approx(extra, abs=0.001)


def test_attention_shape_unknown_model_is_refused():
    with pytest.raises(ValueError, match="No attention shape"):
        models.model_flops_per_token_of("Kimi K2")


def test_palm_reported_mfu_is_a_fraction():
    # PaLM §4 / App. B: 46.2% MFU.
    assert models.PALM_REPORTED_MFU == pytest.approx(0.462)
