"""FLOP accounting, unit conversions and display formatting.

Conventions (used from chapter 1 on):

* parameters ``N`` and tokens ``D`` are plain floats (``70e9``, not ``"70B"``);
* training compute is the usual approximation C = 6·N·D FLOPs: 2 FLOPs per parameter
  per token for the forward pass and 4 for the backward pass (Kaplan et al. 2020, §2.1);
* generating or scoring one token costs about 2·N FLOPs (the forward pass only);
* whether ``N`` counts embedding parameters is the caller's convention: Kaplan uses
  non-embedding parameters, Hoffmann et al. count all of them. Label it in the text.
"""

from __future__ import annotations

import numpy as np

from . import _validate as check

#: FLOPs in one petaflop/s-day: 10^15 FLOP/s for 86,400 s (Kaplan et al. 2020, §1.3).
PF_DAY = 1e15 * 86_400

#: FLOPs per parameter per training token (forward 2 + backward 4), Kaplan et al. 2020, §2.1.
TRAINING_FLOPS_PER_PARAM_TOKEN = 6.0

#: FLOPs per parameter per generated or scored token (forward pass only).
INFERENCE_FLOPS_PER_PARAM_TOKEN = 2.0


def training_flops(n_params, n_tokens):
    """Training compute C = 6·N·D, in FLOPs.

    ``n_params`` in parameters, ``n_tokens`` in training tokens; scalars or arrays.
    Used in chapters 1-7.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    d = check.positive(n_tokens, "The number of training tokens D", "tokens")
    return TRAINING_FLOPS_PER_PARAM_TOKEN * n * d


def inference_flops(n_params, n_tokens=1.0):
    """Inference compute 2·N per token, times ``n_tokens`` tokens, in FLOPs.

    Ignores attention over the context (small next to 2N for short contexts).
    Used in chapters 4, 6 and 7.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    t = check.nonnegative(n_tokens, "The number of inference tokens", "tokens")
    return INFERENCE_FLOPS_PER_PARAM_TOKEN * n * t


#: Attention FLOPs per layer, per unit of attention width, per token of context, in training:
#: 12 = 2 matrix products (scores Q·K and the weighted sum of V) × 2 FLOPs per multiply-add
#: × 3 (forward + backward). PaLM (Chowdhery et al. 2022), App. B: 6N + 12·L·H·Q·T.
TRAINING_ATTENTION_FLOPS_FACTOR = 12.0

#: The same for one forward pass (inference): 2 products × 2 FLOPs = 4.
INFERENCE_ATTENTION_FLOPS_FACTOR = 4.0


def _attention_shape(n_layer, d_attention, context):
    layers = check.positive(n_layer, "The number of layers n_layer")
    width = check.positive(d_attention, "The attention width d_attention (heads × head dimension)")
    tokens = check.nonnegative(context, "The context length", "tokens")
    return layers * width * tokens


def model_flops_per_token(n_params, n_layer, d_attention, context):
    """Training FLOPs per token counted as PaLM's MFU does: 6·N + 12·n_layer·d_attention·context.

    ``n_params`` N in parameters; ``n_layer`` layers; ``d_attention`` = query heads × head
    dimension (d_model for Llama 3); ``context`` the training sequence length T in tokens.
    The first term is the 6N of ``training_flops``; the second is the attention over the
    context (scores and weighted values, forward and backward), which 6N leaves out
    (Chowdhery et al. 2022, App. B: 6N + 12·L·H·Q·T). Like PaLM, it does not halve T for
    the causal mask. Scalars or arrays (broadcast). Result in FLOPs per token.
    Used in chapters 6 and 7.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    attention = _attention_shape(n_layer, d_attention, context)
    return TRAINING_FLOPS_PER_PARAM_TOKEN * n + TRAINING_ATTENTION_FLOPS_FACTOR * attention


def inference_flops_per_token(n_params, n_layer, d_attention, context):
    """Forward FLOPs to generate one token at a given context: 2·N + 4·n_layer·d_attention·context.

    The inference analogue of ``model_flops_per_token``: the 2N of ``inference_flops`` plus
    attention over the ``context`` tokens already in the KV cache. ``n_params`` in
    parameters (active ones for a mixture of experts), ``d_attention`` = query heads × head
    dimension, ``context`` in tokens. Result in FLOPs per token. Used in chapter 6.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    attention = _attention_shape(n_layer, d_attention, context)
    return INFERENCE_FLOPS_PER_PARAM_TOKEN * n + INFERENCE_ATTENTION_FLOPS_FACTOR * attention


def generation_flops(n_params, n_layer, d_attention, prompt_tokens, output_tokens):
    """Forward FLOPs to read a prompt and generate ``output_tokens`` after it, attention included.

    Token i (counting the prompt) attends to the i tokens before it, so the total is
    2·N·(P + G) + 4·n_layer·d_attention·(P + G)·(P + G − 1)/2 for P prompt and G generated
    tokens. The attention part grows with the square of the length: it is what makes long
    reasoning traces dearer per token than short answers. Result in FLOPs. Used in chapter 6.
    """
    n = check.positive(n_params, "The number of parameters N", "parameters")
    prompt = check.nonnegative(prompt_tokens, "The prompt length", "tokens")
    output = check.nonnegative(output_tokens, "The generated length", "tokens")
    total = prompt + output
    pairs = _attention_shape(n_layer, d_attention, total * np.maximum(total - 1.0, 0.0) / 2.0)
    return INFERENCE_FLOPS_PER_PARAM_TOKEN * n * total + INFERENCE_ATTENTION_FLOPS_FACTOR * pairs


def tokens_for_budget(flops, n_params):
    """Training tokens D = C / (6·N) that a budget of ``flops`` buys for a model of ``n_params``."""
    c = check.positive(flops, "The compute budget C", "FLOPs")
    n = check.positive(n_params, "The number of parameters N", "parameters")
    return c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)


def flops_to_pf_days(flops):
    """Convert FLOPs to petaflop/s-days (1 PF-day = 8.64e19 FLOPs). Used in chapter 2."""
    return check.nonnegative(flops, "The compute", "FLOPs") / PF_DAY


def pf_days_to_flops(pf_days):
    """Convert petaflop/s-days to FLOPs. Used in chapter 2."""
    return check.nonnegative(pf_days, "The compute", "PF-days") * PF_DAY


def non_embedding_params(n_layer, d_model):
    """Non-embedding parameters of a standard transformer, N ≈ 12·n_layer·d_model².

    Assumes d_attn = d_model and d_ff = 4·d_model, and ignores biases and layer norms
    (Kaplan et al. 2020, Eq. 2.1). Used in chapters 1 and 2.
    """
    layers = check.positive(n_layer, "The number of layers n_layer")
    width = check.positive(d_model, "The model width d_model")
    return 12.0 * layers * width**2


_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def format_count(value, digits: int = 3) -> str:
    """Format a count for display: 70e9 → "70B", 1.4e12 → "1.4T", 5.76e23 → "5.76e23".

    Suffixes K, M, B (billion) and T (trillion); beyond 10^15 it switches to
    scientific notation. ``digits`` is the number of significant digits.
    Display only: computations always use floats.
    """
    x = check._as_float(value, "The value to format")
    if np.ndim(x) != 0:
        raise ValueError("format_count formats one number at a time; loop over the array.")
    digits = check.integer(digits, "digits", minimum=1)
    magnitude = abs(x)
    if magnitude >= 1e15 or (0 < magnitude < 1e-3):
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".") if "." in mantissa else mantissa
        return f"{mantissa}e{int(exponent)}"
    for scale, suffix in _SUFFIXES:
        if magnitude >= scale:
            return f"{x / scale:.{digits}g}{suffix}"
    return f"{x:.{digits}g}"


def format_flops(flops, digits: int = 2) -> str:
    """Format a FLOP count for display: 5.76e23 → "5.8e23 FLOPs"."""
    c = check.nonnegative(flops, "The compute", "FLOPs")
    if np.ndim(c) != 0:
        raise ValueError("format_flops formats one number at a time; loop over the array.")
    digits = check.integer(digits, "digits", minimum=1)
    mantissa, exponent = f"{c:.{digits - 1}e}".split("e")
    return f"{mantissa}e{int(exponent)} FLOPs"


def format_dollars(dollars, short: bool = False) -> str:
    """Format a dollar amount for display: "$11.05 million" (tables) or "$11.1M" (figure titles, ``short``).

    Used by ``python -m scaling plan`` and the chapter 7 figures.
    """
    amount = check.nonnegative(dollars, "The amount", "dollars")
    if np.ndim(amount) != 0:
        raise ValueError("format_dollars formats one amount at a time; loop over the array.")
    for scale, long_name, letter in ((1e9, "billion", "B"), (1e6, "million", "M")):
        if amount >= scale:
            return f"${amount / scale:.3g}{letter}" if short else f"${amount / scale:,.2f} {long_name}"
    return f"${amount / 1e3:.3g}K" if short else f"${amount:,.0f}"


# Every public function and method refuses inf/NaN results and bare arithmetic errors (see _validate.guard_module).
check.guard_module(globals())
