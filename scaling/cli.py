"""Command-line planner: ``python -m scaling plan --flops 1e24``.

Parses what a practitioner has (a budget in FLOPs or dollars, a cluster for some days, or a
fixed model), hands it to ``scaling.planner`` and prints the plan as a table or, with
``--json``, as one JSON object. All arithmetic lives in ``scaling.planner`` and the modules it
calls; this module only parses arguments and prints. Used in chapter 7 and the appendix page
"The planner".
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from . import _validate as check
from . import hardware, planner
from .compute import format_count, format_dollars, format_flops

DEFAULT_GPU = "H100"
DEFAULT_GPUS = 1024
DEFAULT_MFU = 0.4
#: An assumed rental price, not a published one: change it with --price.
DEFAULT_PRICE = 2.5
#: The lowest MFU the planner accepts: below 1% of peak no training run has been reported
#: (Llama 3 405B ran at 38-43%, Table 4 of its paper).
MIN_MFU = 0.01


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr, exit status 2."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read "-1e24" as a (negative, hence refused) number rather than as an unknown option.
        if hasattr(self, "_negative_number_matcher"):
            self._negative_number_matcher = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")

    def error(self, message):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message}\n")


def _number(check_fn, name, unit=""):
    """An argparse ``type`` that parses a float and applies one of the package's checks."""

    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a number, got {text!r}.") from None
        try:
            return check_fn(value, name, unit) if unit else check_fn(value, name)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return parse


def _whole(name):
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, got {text!r}.") from None
        if abs(value) >= 2.0**63:
            raise argparse.ArgumentTypeError(f"{name} is too large, got {text}.")
        try:
            return check.integer(value, name, minimum=1)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return parse


def _gpu(text):
    try:
        return hardware.get_accelerator(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _mfu(text):
    value = _number(check.fraction, "The model FLOPs utilisation MFU (--mfu)")(text)
    if value < MIN_MFU:
        raise argparse.ArgumentTypeError(
            f"The MFU (--mfu) must be at least {MIN_MFU:g} (1% of peak), got {text}; reported training runs "
            "reach 0.3-0.5."
        )
    return value


def _positive(target, flag, name, unit, help, default=None):
    """Add an option taking a number > 0 (``name`` and ``unit`` appear in its error message)."""
    target.add_argument(flag, type=_number(check.positive, name, unit), default=default, help=help)


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m scaling`` argument parser (sub-command ``plan``)."""
    parser = _Parser(prog="python -m scaling", description="Back-of-the-envelope planning for LLM training runs.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    plan = commands.add_parser(
        "plan",
        help="size a compute-optimal model for a budget, or cost a given model, and price the run",
        description=(
            "Size a compute-optimal model for a budget (FLOPs, dollars, or a cluster for some days), or cost a "
            "model you give (--params, optionally --tokens; --active-params for a mixture of experts); report "
            "GPU-hours, days, cost, energy, facility power and training memory. Two FLOP counts: 'compute 6ND' "
            "is the number papers quote and the laws use (N active); 'model FLOPs' adds attention over the "
            "context (6N + 12 x n_layer x d_model x context, the causal mask not halving it) and is what --mfu "
            "is measured on, so time and cost come from it, divided by --goodput. With --served-tokens, add "
            "serving (weights and KV cache, prefill and decode throughput, GPUs, $ per million input and output "
            "tokens) and the demand-aware model (Sardana et al. 2024): with a budget, the model of the same "
            "training budget that serves cheaper at a higher loss; with a fixed model, the model of the same "
            "loss with the least training + serving compute."
        ),
        epilog="GPUs: " + "; ".join(f"{key} = {acc.name}" for key, acc in hardware.ACCELERATORS.items()),
    )
    budget = plan.add_mutually_exclusive_group()
    _positive(
        budget,
        "--flops",
        "The compute budget --flops",
        "FLOPs",
        "training compute budget in 6ND FLOPs (the papers' count), e.g. 1e24",
    )
    _positive(
        budget,
        "--dollars",
        "The budget --dollars",
        "US dollars",
        "training budget in US dollars; converted to model FLOPs with --price, the GPU's dense peak, --mfu "
        "and --goodput",
    )
    _positive(
        budget,
        "--days",
        "The time --days",
        "days",
        "wall-clock days on the --gpus accelerators: the budget is the model FLOPs they deliver at --mfu and --goodput",
    )
    _positive(
        plan,
        "--params",
        "The model size --params",
        "parameters",
        "a fixed model size in parameters, e.g. 70e9, to cost instead of optimise (the total of a mixture of "
        "experts: memory and served weights scale with it)",
    )
    _positive(
        plan,
        "--active-params",
        "The active parameters --active-params",
        "parameters",
        "parameters each token uses, for a mixture of experts (default: all of --params); compute, time and "
        "cost scale with them. No loss is predicted: the laws here are fitted on dense models",
    )
    _positive(
        plan,
        "--tokens",
        "The training tokens --tokens",
        "tokens",
        "training tokens for --params (default: the budget's, or the law's compute-optimal number for the "
        "active parameters)",
    )
    plan.add_argument(
        "--law",
        choices=list(planner.LAWS) + ["all"],
        default=planner.DEFAULT_LAW,
        help=f"how to choose N and D (default {planner.DEFAULT_LAW}, Besiroglu et al.'s refit of Hoffmann's "
        f"data); 'all' prints every law's plan. The plan warns when the laws' choices differ by more than "
        f"{planner.LAW_SPREAD_FACTOR:g}x",
    )
    _positive(
        plan,
        "--unique-tokens",
        "The unique tokens --unique-tokens",
        "tokens",
        "cap on unique training tokens; repeats are valued as in Muennighoff et al. 2023 and checked against "
        "the unique-token equivalent of the ~300T effective stock of public text",
    )
    plan.add_argument(
        "--gpu",
        type=_gpu,
        default=hardware.get_accelerator(DEFAULT_GPU),
        help=f"accelerator, one of {', '.join(hardware.ACCELERATORS)} (default {DEFAULT_GPU}); "
        "its dense peak is used, never the sparse headline",
    )
    plan.add_argument(
        "--precision",
        choices=list(hardware.PRECISIONS),
        default="bf16",
        help="number format of the matrix multiplies (default bf16); sets the dense peak and served weight bytes",
    )
    plan.add_argument(
        "--gpus",
        type=_whole("The number of GPUs --gpus"),
        default=DEFAULT_GPUS,
        help=f"number of GPUs in the cluster (default {DEFAULT_GPUS})",
    )
    plan.add_argument(
        "--mfu",
        type=_mfu,
        default=DEFAULT_MFU,
        help=f"model FLOPs utilisation, a fraction in (0, 1], at least {MIN_MFU:g} (default {DEFAULT_MFU}), "
        "measured on model FLOPs (attention included), PaLM's definition, which Llama 3 also uses",
    )
    plan.add_argument(
        "--goodput",
        type=_number(check.fraction, "The goodput --goodput"),
        default=planner.DEFAULT_GOODPUT,
        help=f"fraction of wall-clock time spent on productive training, in (0, 1] (default "
        f"{planner.DEFAULT_GOODPUT:g}: Llama 3 reports >90%% effective training time)",
    )
    _positive(
        plan,
        "--price",
        "The price --price",
        "$/GPU-hour",
        f"rental price in US dollars per GPU-hour (default {DEFAULT_PRICE}, an assumption)",
        default=DEFAULT_PRICE,
    )
    plan.add_argument(
        "--pue",
        type=_number(lambda v, n: check.in_range(v, n, 1.0, 10.0), "The power usage effectiveness PUE (--pue)"),
        default=hardware.DEFAULT_PUE,
        help=f"power usage effectiveness of the data centre, >= 1 (default {hardware.DEFAULT_PUE})",
    )
    plan.add_argument(
        "--served-tokens",
        type=_number(check.nonnegative, "The served tokens --served-tokens", "tokens"),
        default=None,
        help="tokens the model is expected to serve over its life (prompt + output), e.g. 1e13; "
        "adds serving and the demand-aware alternative",
    )
    plan.add_argument(
        "--context",
        type=_whole("The context length --context"),
        default=8192,
        help="tokens per sequence: attention in the model FLOPs, activations, and the KV cache (default 8192)",
    )
    plan.add_argument(
        "--attention",
        choices=list(planner.ATTENTION_TYPES),
        default="gqa",
        help="attention type, for the KV cache: gqa (default; 8 KV heads of 128, Llama 3), mha (every head, "
        "2 x d_model values per token per layer), mla (DeepSeek-V3's 512 + 64 latent values)",
    )
    plan.add_argument(
        "--prompt-share",
        type=_number(check.probability, "The prompt share --prompt-share"),
        default=planner.DEFAULT_PROMPT_SHARE,
        help=f"fraction of --served-tokens that are prompt (input) tokens, in [0, 1] (default "
        f"{planner.DEFAULT_PROMPT_SHARE:g}, an assumption); prompts are prefilled at the compute roofline, "
        "outputs decoded at the bandwidth roofline, and each is priced per million",
    )
    plan.add_argument(
        "--batch",
        type=_whole("The serving batch --batch"),
        default=64,
        help="sequences decoded together per model replica (default 64)",
    )
    _positive(
        plan,
        "--serving-days",
        "The serving period --serving-days",
        "days",
        "days over which --served-tokens are served, for the GPUs the demand needs (default 365)",
        default=365.0,
    )
    plan.add_argument("--json", action="store_true", help="print the plan as one JSON object")
    return parser


# --- Formatting: engineering form at any magnitude ---------------------------------------------------


def _dollars(amount) -> str:
    return format_dollars(amount) if amount < 1e12 else "$" + format_count(amount)


def _ratio(value) -> str:
    return f"{value:,.1f}" if value < 1e6 else format_count(value)


def _gpus(count) -> str:
    return f"{count:,}" if count < 1e7 else format_count(count)


def _days(days) -> str:
    return f"{days:,.1f} days" if 0.05 <= days < 1e5 else f"{format_count(days)} days"


def _bytes(nbytes) -> str:
    for scale, unit in ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB")):
        if scale <= nbytes < 1e3 * scale or (unit == "PB" and nbytes >= scale and nbytes < 1e18):
            return f"{nbytes / scale:.3g} {unit}"
    return f"{format_count(nbytes)} bytes"


def _table(rows, width) -> str:
    return "\n".join(f"  {label:<{width}}  {value}" for label, value in rows)


def _model_rows(plan):
    rows = [
        ("loss law", plan.law_label),
    ]
    law = planner.LAWS[plan.law].law
    if law is not None:
        rows.append(("constants", f"E={law.E:g}, A={law.A:g}, B={law.B:g}, alpha={law.alpha:g}, beta={law.beta:g}"))
    if plan.is_moe:
        rows += [
            ("model N (total)", f"{format_count(plan.n_params)} parameters"),
            ("active N per token", f"{format_count(plan.active_params)} parameters"),
        ]
    else:
        rows.append(("model N", f"{format_count(plan.n_params)} parameters"))
    rows += [
        ("data D", f"{format_count(plan.n_tokens)} tokens"),
        ("tokens per active parameter" if plan.is_moe else "tokens per parameter", _ratio(plan.tokens_per_param)),
    ]
    if plan.epochs is not None:
        rows.append(("epochs over unique data", _ratio(plan.epochs)))
    rows.append(("predicted loss", plan.loss_note if plan.loss is None else f"{plan.loss:.4f} nats/token"))
    return rows


def _cost_rows(plan):
    energy = "not published" if plan.mwh is None else f"{format_count(plan.mwh)} MWh"
    power = "not published" if plan.power_mw is None else f"{plan.power_mw:,.3g} MW"
    watts = "power not published" if plan.power_watts is None else f"{plan.power_watts:g} W/GPU"
    return [
        ("compute 6ND (papers' count)", format_flops(plan.flops)),
        (
            f"model FLOPs (+ attention at {plan.context:,} tokens)",
            f"{format_flops(plan.model_flops)} ({plan.model_flops / plan.flops - 1:+.1%})",
        ),
        ("GPU", f"{plan.gpu_name}, {plan.peak_flops / 1e12:,.1f} TFLOP/s dense {plan.precision.upper()}"),
        ("MFU (on model FLOPs)", f"{plan.mfu:.0%}"),
        ("goodput (productive time)", f"{plan.goodput:.0%}"),
        ("training GPU-hours", f"{format_count(plan.gpu_hours)} GPU-hours"),
        (f"training days on {_gpus(plan.n_gpus)} GPUs", _days(plan.days)),
        (f"training cost at ${plan.price:,.2f}/GPU-hour", _dollars(plan.dollars)),
        (f"training energy ({watts}, PUE {plan.pue:g})", energy),
        (f"facility power, {_gpus(plan.n_gpus)} GPUs", power),
    ]


def _memory_rows(plan):
    m = plan.memory
    return [
        ("weights (BF16, all parameters)", _bytes(m.weights)),
        ("gradients (BF16)", _bytes(m.gradients)),
        ("optimizer (FP32 master, Adam m, v)", _bytes(m.optimizer)),
        ("activations (see assumption)", _bytes(m.activations)),
        ("total", _bytes(m.total)),
        (f"fewest {plan.gpu}s that hold it", _gpus(m.min_gpus)),
    ]


def _serving_rows(plan):
    s = plan.serving
    return [
        ("served tokens", f"{format_count(s.served_tokens)} tokens over {s.serving_days:g} days"),
        (f"weights ({s.precision.upper()})", _bytes(s.weight_bytes)),
        (f"KV cache ({s.attention.upper()}, {s.batch} x {s.context:,}-token sequences)", _bytes(s.kv_cache_bytes)),
        ("GPUs per replica", _gpus(s.gpus_per_replica)),
        ("prompt share of served tokens", f"{s.prompt_share:.0%}"),
        ("prefill tokens/s per GPU (roofline)", f"{format_count(s.prefill_tokens_per_second_per_gpu)} (compute bound)"),
        ("decode tokens/s per GPU (roofline)", f"{format_count(s.tokens_per_second_per_gpu)} ({s.bound} bound)"),
        ("GPUs for the demand", _gpus(s.gpus_for_demand)),
        ("$ per million input tokens", _price(s.dollars_per_million_input)),
        ("$ per million output tokens", _price(s.dollars_per_million_output)),
        ("$ per million tokens, average", _price(s.dollars_per_million)),
        ("serving cost, all tokens", _dollars(s.dollars)),
    ]


def _price(amount) -> str:
    return f"${amount:,.3g}" if amount < 1e6 else _dollars(amount)


def _demand_rows(plan):
    alt = plan.demand_aware
    return [
        ("basis", alt["basis"]),
        ("demand-aware N", f"{format_count(alt['n_params'])} parameters"),
        ("demand-aware D", f"{format_count(alt['n_tokens'])} tokens"),
        ("tokens per parameter", _ratio(alt["tokens_per_param"])),
        ("predicted loss", f"{alt['loss']:.4f} nats/token ({alt['loss_increase']:+.4f} vs the plan)"),
        ("training compute 6ND", format_flops(alt["training_flops"])),
        ("lifetime compute 6ND+2NT", format_flops(alt["lifetime_flops"])),
        ("the plan's lifetime compute", format_flops(alt["plan_lifetime_flops"])),
        (
            "serving compute vs the plan's" + ("" if alt["basis"] == "same loss" else ", at that loss"),
            f"{-alt['serving_compute_saved']:+.1%}",
        ),
    ]


def _budget_text(plan, args) -> str:
    flops = format_flops(plan.flops)
    if plan.mode == "dollars":
        return f"{_dollars(args.dollars)} -> {flops}"
    if plan.mode == "cluster":
        return f"{_gpus(plan.n_gpus)} {plan.gpu}s for {format_count(args.days)} days at {plan.mfu:.0%} MFU -> {flops}"
    if plan.mode == "model":
        return f"a given model -> {flops}"
    return flops


def format_plan(plan, args, spread=None) -> str:
    """The text of ``plan`` (a ``scaling.planner.Plan``) for parsed arguments ``args``."""
    sections = [
        ("Training plan", [("compute budget", _budget_text(plan, args))] + _model_rows(plan) + _cost_rows(plan)),
        ("Training memory (mixed precision with Adam: 16 bytes per parameter, ZeRO)", _memory_rows(plan)),
    ]
    if plan.serving is not None:
        sections.append(
            ("Serving (roofline throughputs are upper bounds, so prices are lower bounds)", _serving_rows(plan))
        )
    if plan.demand_aware is not None:
        sections.append(
            (
                "Demand-aware alternative (Sardana et al. 2024): same training budget, smaller model, "
                "cheaper to serve, higher loss"
                if plan.demand_aware["basis"] != "same loss"
                else "Demand-aware alternative (Sardana et al. 2024): same loss, least training + serving compute",
                _demand_rows(plan),
            )
        )
    if plan.law_spread and not spread and any("laws disagree" in text for text in plan.warnings):
        what = "N (parameters)" if plan.mode != "model" else "D (tokens)"
        sections.append(
            (
                f"Spread across laws: the {what} each law chooses (they differ by more than "
                f"{planner.LAW_SPREAD_FACTOR:g}x)",
                [(key, format_count(value)) for key, value in plan.law_spread.items()],
            )
        )
    width = max(len(label) for _, rows in sections for label, _ in rows)
    parts = [f"{title}\n{_table(rows, width)}" for title, rows in sections]
    parts[1] += f"\nAssumption: {plan.memory.assumption}."
    if plan.serving is not None:
        parts[2] += (  # the serving section follows training and memory
            f"\nAssumption: shape as above, {_attention_text(plan.serving.attention)}, BF16 cache at full "
            "context, serving FLOPs 2 x active N per token at the dense peak; decoding reads every weight"
            + (" (a batch routes tokens to nearly every expert)." if plan.is_moe else ".")
        )
    if spread:
        parts.append(_spread_table(spread))
    if plan.warnings:
        parts.append("\n".join(f"Warning: {text}" for text in plan.warnings))
    return "\n\n".join(parts)


def _attention_text(kind) -> str:
    return {
        "gqa": f"{planner.KV_HEADS} KV heads of dimension {planner.HEAD_DIM} (Llama 3's grouped-query attention)",
        "mha": "keys and values of every head (multi-head attention, 2 x d_model values per token per layer)",
        "mla": f"a {planner.MLA_LATENT_DIM} + {planner.MLA_ROPE_DIM}-value latent per token per layer "
        "(DeepSeek-V3's multi-head latent attention)",
    }[kind]


def _spread_table(plans) -> str:
    header = f"{'law':<20} {'N':>8} {'D':>8} {'D/N':>7} {'loss':>7} {'FLOPs':>14} {'GPU-hours':>10} {'cost':>14}"
    lines = ["Spread across laws", header]
    for p in plans:
        loss = "-" if p.loss is None else f"{p.loss:.4f}"
        ratio = f"{p.tokens_per_param:.1f}" if p.tokens_per_param < 1e5 else format_count(p.tokens_per_param)
        lines.append(
            f"{p.law:<20} {format_count(p.n_params):>8} {format_count(p.n_tokens):>8} {ratio:>7} {loss:>7} "
            f"{format_flops(p.flops):>14} {format_count(p.gpu_hours):>10} {_dollars(p.dollars):>14}"
        )
    return "\n".join(lines)


def plan_from_args(args):
    """The plan (and, for ``--law all``, the plans of every law) for parsed arguments ``args``."""
    kwargs = dict(
        flops=args.flops,
        dollars=args.dollars,
        days=args.days,
        params=args.params,
        active_params=args.active_params,
        tokens=args.tokens,
        n_gpus=args.gpus,
        gpu=args.gpu,
        precision=args.precision,
        mfu=args.mfu,
        goodput=args.goodput,
        price=args.price,
        pue=args.pue,
        unique_tokens=args.unique_tokens,
        served_tokens=args.served_tokens,
        context=args.context,
        batch=args.batch,
        serving_days=args.serving_days,
        attention=args.attention,
        prompt_share=args.prompt_share,
    )
    if args.law == "all":
        plans = planner.plan_all_laws(**kwargs)
        return plans[0], plans
    return planner.make_plan(law=args.law, **kwargs), None


def plan_json(plan, spread=None) -> str:
    """``plan`` as one JSON object (``--json``); with ``spread``, a ``laws`` list of every law's plan."""
    out = plan.to_dict()
    if spread:
        out["laws"] = [p.to_dict() for p in spread]
    return json.dumps(out, indent=2, allow_nan=False)


def show(arguments: str) -> None:
    """Print ``$ python -m scaling plan <arguments>`` and what it prints (errors too, without exiting).

    For notebooks: the book's appendix page "The planner" runs the command-line planner this way.
    """
    import contextlib
    import io
    import shlex

    print(f"$ python -m scaling plan {arguments}")
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        try:
            main(["plan", *shlex.split(arguments)])
        except SystemExit as stop:
            print(errors.getvalue().strip() + f"\n(exit status {stop.code})")


def main(argv=None) -> int:
    """Entry point of ``python -m scaling``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "plan":
        try:
            plan, spread = plan_from_args(args)
            print(plan_json(plan, spread) if args.json else format_plan(plan, args, spread))
        except ValueError as err:
            parser.error(str(err))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
