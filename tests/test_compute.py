"""scaling.compute: FLOP accounting and formatting. Expected values worked by hand."""

import numpy as np
import pytest

from scaling import compute


def test_training_flops_is_six_n_d():
    # Chinchilla: 6 × 70e9 × 1.4e12 = 5.88e23 FLOPs (Hoffmann et al. 2022 quote 5.76e23 with N = 68.6B... the
    # rounded 70B gives 5.88e23; see chapter 3).
    assert compute.training_flops(70e9, 1.4e12) == pytest.approx(5.88e23, rel=1e-12)


def test_training_flops_broadcasts_over_arrays():
    result = compute.training_flops(np.array([1e9, 2e9]), 1e10)
    np.testing.assert_allclose(result, [6e19, 1.2e20])


def test_inference_flops_is_two_n_per_token():
    assert compute.inference_flops(7e9) == pytest.approx(1.4e10)
    assert compute.inference_flops(7e9, 1e6) == pytest.approx(1.4e16)


def test_tokens_for_budget_inverts_six_n_d():
    # 1e21 FLOPs on a 1e9-parameter model: 1e21 / 6e9 = 1.667e11 tokens.
    assert compute.tokens_for_budget(1e21, 1e9) == pytest.approx(1e21 / 6e9)


def test_pf_day_conversion():
    # 1 PF-day = 1e15 FLOP/s × 86,400 s = 8.64e19 FLOPs (Kaplan et al. 2020, §1.3).
    assert compute.PF_DAY == 8.64e19
    # GPT-3: 3.14e23 FLOPs ≈ 3,640 PF-days (Brown et al. 2020, Table D.1): 3.14e23 / 8.64e19 = 3634.
    assert compute.flops_to_pf_days(3.14e23) == pytest.approx(3634.26, rel=1e-4)
    assert compute.pf_days_to_flops(2.0) == pytest.approx(1.728e20)


def test_non_embedding_params():
    # GPT-3 175B shape: 96 layers, d_model 12,288: 12 × 96 × 12288² = 1.7395e11.
    assert compute.non_embedding_params(96, 12288) == pytest.approx(1.7395e11, rel=1e-4)


@pytest.mark.parametrize(
    "value, text",
    [
        (70e9, "70B"),
        (1.4e12, "1.4T"),
        (175e9, "175B"),
        (6.7e9, "6.7B"),
        (1.46e6, "1.46M"),
        (512, "512"),
        (15.6e12, "15.6T"),
        (2.5e3, "2.5K"),
        (5.76e23, "5.76e23"),
        (1e15, "1e15"),
    ],
)
def test_format_count(value, text):
    assert compute.format_count(value) == text


def test_format_flops():
    assert compute.format_flops(5.76e23) == "5.8e23 FLOPs"
    assert compute.format_flops(3.8e25, digits=3) == "3.80e25 FLOPs"


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute.training_flops(-1, 1e9),
        lambda: compute.training_flops(1e9, 0),
        lambda: compute.training_flops(float("nan"), 1e9),
        lambda: compute.training_flops("70B", 1e9),
        lambda: compute.inference_flops(0),
        lambda: compute.inference_flops(1e9, -5),
        lambda: compute.tokens_for_budget(0, 1e9),
        lambda: compute.flops_to_pf_days(-1),
        lambda: compute.pf_days_to_flops(float("inf")),
        lambda: compute.non_embedding_params(0, 512),
        lambda: compute.format_count(np.array([1.0, 2.0])),
        lambda: compute.format_count(5, digits=0),
        lambda: compute.format_flops(-3),
    ],
)
def test_bad_input_raises_value_error(call):
    with pytest.raises(ValueError):
        call()


def test_error_message_names_the_quantity_and_the_rule():
    with pytest.raises(ValueError, match=r"number of parameters N .* must be greater than zero, got -2"):
        compute.training_flops(-2, 1e9)
    with pytest.raises(ValueError, match=r"position 1"):
        compute.training_flops(np.array([1e9, -1.0]), 1e9)


@pytest.mark.parametrize(
    "dollars, long, short",
    [
        (11_054_680, "$11.05 million", "$11.1M"),  # 11,054,680 / 1e6 = 11.05468
        (2.5e9, "$2.50 billion", "$2.5B"),
        (45_000, "$45,000", "$45K"),
    ],
)
def test_format_dollars(dollars, long, short):
    assert compute.format_dollars(dollars) == long
    assert compute.format_dollars(dollars, short=True) == short


def test_format_dollars_refuses_negative_and_arrays():
    with pytest.raises(ValueError, match="zero or more"):
        compute.format_dollars(-5)
    with pytest.raises(ValueError, match="one amount at a time"):
        compute.format_dollars(np.array([1.0, 2.0]))


# --- Attention-inclusive FLOP counts (PaLM App. B) ------------------------------------------------------
# Llama 3 shapes (Table 3): 8B 32 layers × d 4096; 70B 80 × 8192; 405B 126 × 16384 (d_attention = d_model).


@pytest.mark.parametrize(
    "n, layers, width, context, extra",
    [
        # 12·32·4096·8192 = 1.2885e10 against 6·8e9 = 4.8e10: +26.8 %
        (8e9, 32, 4096, 8192, 0.268),
        # 12·80·8192·8192 = 6.442e10 against 4.2e11: +15.3 %
        (70e9, 80, 8192, 8192, 0.153),
        # 12·126·16384·8192 = 2.029e11 against 2.43e12: +8.35 %
        (405e9, 126, 16384, 8192, 0.0835),
        # at 131,072 tokens the attention term is 16× larger: 3.247e12 against 2.43e12, +134 %
        (405e9, 126, 16384, 131072, 1.336),
    ],
)
def test_model_flops_per_token_attention_share_for_llama3(n, layers, width, context, extra):
    total = compute.model_flops_per_token(n, layers, width, context)
    assert total / (6 * n) - 1 == pytest.approx(extra, abs=0.002)


def test_model_flops_per_token_reduces_to_six_n_without_context():
    assert compute.model_flops_per_token(1e9, 24, 2048, 0) == pytest.approx(6e9)


def test_inference_flops_per_token_is_a_third_of_training_at_the_same_shape():
    # forward only: 2N + 4·L·d·T = (6N + 12·L·d·T) / 3
    args = (8e9, 32, 4096, 8192)
    assert compute.inference_flops_per_token(*args) == pytest.approx(compute.model_flops_per_token(*args) / 3)


def test_generation_flops_sums_the_growing_context():
    # 1 layer, width 1, N = 1: tokens attend to 0, 1, 2 earlier tokens: 2·3 + 4·(0+1+2) = 18
    assert compute.generation_flops(1.0, 1, 1, 1, 2) == pytest.approx(18.0)
    # large case: quadratic term 4·L·d·T²/2 dominates 2NT once T ≫ N / (L·d)
    short = compute.generation_flops(8e9, 32, 4096, 0, 1000)
    assert short == pytest.approx(2 * 8e9 * 1000 + 4 * 32 * 4096 * 1000 * 999 / 2)


@pytest.mark.parametrize(
    "call",
    [
        lambda: compute.model_flops_per_token(-1, 32, 4096, 8192),
        lambda: compute.model_flops_per_token(8e9, 0, 4096, 8192),
        lambda: compute.model_flops_per_token(8e9, 32, float("nan"), 8192),
        lambda: compute.model_flops_per_token(8e9, 32, 4096, -1),
        lambda: compute.inference_flops_per_token(8e9, 32, 4096, -5),
        lambda: compute.generation_flops(8e9, 32, 4096, -1, 10),
    ],
)
def test_attention_counts_reject_bad_input(call):
    with pytest.raises(ValueError, match="must"):
        call()
