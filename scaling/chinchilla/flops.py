"""Chinchilla's detailed FLOP count (Hoffmann et al. 2022, App. F) and parameters from an architecture.

Used in chapter 3.
"""

from __future__ import annotations

from types import MappingProxyType

from .. import _validate as check
from ..compute import training_flops

# =============================================================================================
# Detailed FLOP count (App. F) and parameters from an architecture
# =============================================================================================

#: Chinchilla's vocabulary: 32,000 SentencePiece tokens. Hoffmann et al. 2022, §4.1 and App. I.
CHINCHILLA_VOCAB_SIZE = 32_000

#: Sequence length used to reproduce Table A4 (Gopher/Chinchilla context of 2,048 tokens, as in
#: karpathy/nanoGPT scaling_laws.ipynb; the table's ratios depend on it only weakly).
TABLE_A4_SEQ_LEN = 2048

#: Hoffmann et al. 2022, Table A4: (label, n_layer, d_model, ffw_size, n_heads, kv_size,
#: printed FLOP ratio "ours / 6ND"). Checked against a LaTeX transcription of the paper.
TABLE_A4 = (
    ("73M", 10, 640, 2560, 10, 64, 1.03),
    ("305M", 20, 1024, 4096, 16, 64, 1.10),
    ("552M", 24, 1280, 5120, 10, 128, 1.08),
    ("1.1B", 26, 1792, 7168, 14, 128, 1.04),
    ("1.6B", 28, 2048, 8192, 16, 128, 1.03),
    ("6.8B", 40, 3584, 14336, 28, 128, 0.99),
)

#: Chinchilla's shape: 80 layers, d_model 8,192, 64 heads of size 128, ffw 4·d_model. Hoffmann et al. 2022, Table 4.
CHINCHILLA_ARCHITECTURE = MappingProxyType(
    {"n_layer": 80, "d_model": 8192, "n_heads": 64, "kv_size": 128, "ffw_size": 32768}
)


def _architecture(n_layer, d_model, n_heads, kv_size, ffw_size, vocab_size):
    return (
        check.integer(n_layer, "The number of layers n_layer", minimum=1),
        check.integer(d_model, "The model width d_model", minimum=1),
        check.integer(n_heads, "The number of attention heads n_heads", minimum=1),
        check.integer(kv_size, "The key/value size per head kv_size", minimum=1),
        check.integer(ffw_size, "The feed-forward width ffw_size", minimum=1),
        check.integer(vocab_size, "The vocabulary size", minimum=1),
    )


def params_from_architecture(n_layer, d_model, n_heads, kv_size, ffw_size, vocab_size=CHINCHILLA_VOCAB_SIZE):
    """Total parameters of a Chinchilla-family transformer, counted as Hoffmann et al. count them.

    Per layer: query/key/value weights and biases 3·d·(h·k) + 3·(h·k); relative-position keys
    and biases d·(h·k) + 2·(h·k); output projection (h·k)·d + d; feed-forward 2·d·f + f + d;
    two layer norms 4·d. Plus a final layer norm 2·d and one vocabulary matrix V·d (input and
    output embeddings shared). This reproduces Table A9 (for example 12,569M for d_model 4,608,
    32 heads of 128, 47 layers, ffw 18,432) to within 0.7%, including rows where h·k ≠ d_model.
    Used in chapter 3.
    """
    n_layer, d, h, k, f, v = _architecture(n_layer, d_model, n_heads, kv_size, ffw_size, vocab_size)
    hk = h * k
    per_layer = (3 * d * hk + 3 * hk) + (d * hk + 2 * hk) + (hk * d + d) + (2 * d * f + f + d) + 4 * d
    return float(n_layer * per_layer + 2 * d + v * d)


def forward_flops_per_sequence(
    n_layer,
    d_model,
    n_heads,
    kv_size,
    ffw_size,
    *,
    seq_len=TABLE_A4_SEQ_LEN,
    vocab_size=CHINCHILLA_VOCAB_SIZE,
    include_embeddings=True,
):
    """Forward-pass FLOPs for one sequence of ``seq_len`` tokens, term by term as in App. F.

    Embeddings 2·S·V·d; per layer: QKV 2·3·S·d·(k·h), QK logits 2·S²·(k·h), softmax 3·h·S²,
    softmax×V 2·S²·(k·h), output projection 2·S·(k·h)·d, dense 2·S·(2·d·f); final logits 2·S·d·V.
    ``include_embeddings=False`` leaves out the embedding and final-logit terms: only then are
    Table A4's printed ratios reproduced (module tests; karpathy/nanoGPT reports the same,
    "per author correspondence"). Used in chapter 3.
    """
    n_layer, d, h, k, f, v = _architecture(n_layer, d_model, n_heads, kv_size, ffw_size, vocab_size)
    s = check.integer(seq_len, "The sequence length", minimum=1)
    hk = h * k
    attention = 2 * 3 * s * d * hk + 2 * s * s * hk + 3 * h * s * s + 2 * s * s * hk + 2 * s * hk * d
    dense = 2 * s * (2 * d * f)
    total = n_layer * (attention + dense)
    if include_embeddings:
        total += 2 * s * v * d + 2 * s * d * v
    return float(total)


def training_flops_detailed(
    n_tokens,
    n_layer,
    d_model,
    n_heads,
    kv_size,
    ffw_size,
    *,
    seq_len=TABLE_A4_SEQ_LEN,
    vocab_size=CHINCHILLA_VOCAB_SIZE,
    include_embeddings=True,
):
    """Training FLOPs for ``n_tokens`` tokens with the App. F count: 3 × forward (backward = 2× forward).

    ``n_tokens`` in tokens (scalar or array); result in FLOPs. Used in chapter 3.
    """
    d_tokens = check.positive(n_tokens, "The number of training tokens D", "tokens")
    per_sequence = forward_flops_per_sequence(
        n_layer,
        d_model,
        n_heads,
        kv_size,
        ffw_size,
        seq_len=seq_len,
        vocab_size=vocab_size,
        include_embeddings=include_embeddings,
    )
    return 3.0 * per_sequence * d_tokens / seq_len


def flops_ratio_to_6nd(
    n_layer,
    d_model,
    n_heads,
    kv_size,
    ffw_size,
    *,
    seq_len=TABLE_A4_SEQ_LEN,
    vocab_size=CHINCHILLA_VOCAB_SIZE,
    include_embeddings=False,
):
    """Detailed App. F training FLOPs divided by 6·N·D, N from :func:`params_from_architecture`.

    The default ``include_embeddings=False`` is the reading that reproduces Table A4
    (1.03, 1.10, 1.08, 1.04, 1.03, 0.99); with the embedding and logit terms the small models
    come out far higher (1.58 for the 73M model). Dimensionless. Used in chapter 3.
    """
    n = params_from_architecture(n_layer, d_model, n_heads, kv_size, ffw_size, vocab_size)
    detailed = training_flops_detailed(
        float(seq_len),
        n_layer,
        d_model,
        n_heads,
        kv_size,
        ffw_size,
        seq_len=seq_len,
        vocab_size=vocab_size,
        include_embeddings=include_embeddings,
    )
    return detailed / training_flops(n, float(seq_len))


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
