"""Rebuild the tables in data/ from the source repositories, at the commits named in data/README.md.

Not run by `make test` or CI (it needs the source repositories, which CI cannot download).
Run it by hand after mirroring the three repositories (`git clone` works; so does a bare mirror):

    python tools/rebuild_data.py --porian DIR --gadre DIR --epoch DIR [--out data]

Each DIR is a git directory (a clone's `.git`, a bare mirror, or a work tree). Files are read with
`git show COMMIT:PATH`, so the work tree's state does not matter. The Porian et al. tables need
pandas (their source files are pandas pickles); the others need only the standard library.
At the end the script prints each file's sha256 and whether it matches the checksum the loader
(`scaling.datasets.CHECKSUMS`) expects.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import lzma
import pickletools
import subprocess
import sys
from pathlib import Path

PORIAN_COMMIT = "0dc60d91b8a525858a3067fc9e4a46ff5374cc6f"
PORIAN_FILES = ["summary_df", "summary_df_att", "summary_df_kaplan_tuned_hparams", "summary_df_owt2"]
GADRE_COMMIT = "a003c4913793ac2ae7ef87b28ecb562955d026d5"
EPOCH_COMMIT = "7d8a035ca075dac6fff73fa17093f81370d4c6a2"
EPOCH_PATH = "ai_models/notable_ai_models.csv"

# Porian et al.'s names for their setups: configs.py (CONFIG_DICT_LABEL) at PORIAN_COMMIT, keyed by
# (hparams, warmup, decay, param_count, loss_type); the same labels serve both training sets. The
# empty label of the tuned long-warmup Kaplan setup is printed as "Kaplan Adjusted" by their
# paper_tables.py, which we follow.
PORIAN_LABELS = {
    ("base", "long", "kaplan", "kaplan", "train"): "Reproducing Kaplan et al.",
    ("base", "long", "kaplan", "standard", "val"): "Counting last layer FLOPs",
    ("base", "short", "kaplan", "standard", "val"): "Correcting warmup",
    ("base", "short", "chinchilla", "standard", "val"): "Cosine decay",
    ("tuned", "short", "const", "standard", "val"): "Optimizer tuning (no decay)",
    ("tuned", "long", "const", "kaplan", "train"): "Kaplan Adjusted",
    ("base", "long", "kaplan", "attention", "train"): "Counting last layer and attention FLOPs",
    ("base", "short", "kaplan", "attention", "train"): "Correcting warmup",
    ("base", "short", "chinchilla", "attention", "train"): "Cosine decay",
    ("tuned", "short", "const", "attention", "train"): "Optimizer tuning (no decay)",
}

# The Epoch columns the course uses (the rest, mostly free-text notes, abstracts and links, are dropped).
EPOCH_COLUMNS = [
    "Model",
    "Organization",
    "Publication date",
    "Domain",
    "Parameters",
    "Training compute (FLOP)",
    "Training dataset size (gradients)",
    "Training time (hours)",
    "Training hardware",
    "Hardware quantity",
    "Training compute cost (2023 USD)",
    "Frontier model",
    "Base model",
]


def git_show(repo: Path, commit: str, path: str) -> bytes:
    """The bytes of PATH at COMMIT in the git directory REPO."""
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def git_ls(repo: Path, commit: str, folder: str) -> list[str]:
    """Paths of the files under FOLDER at COMMIT, sorted."""
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", commit, folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return sorted(out.split())


def num(value) -> str:
    """A number written so that reading it back gives the same float (repr), integers without '.0'."""
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def check_pickle_is_plain_data(raw: bytes, name: str) -> None:
    """Refuse a pickle whose classes come from anything but pandas, numpy and builtins (pickles run code)."""
    allowed = {"pandas", "numpy", "builtins", "copyreg", "_codecs", "collections", "datetime"}
    string_ops = ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE", "BINUNICODE8")
    strings: list[str] = []
    memo: dict[int, str] = {}
    memo_count, previous = 0, ""
    for opcode, arg, _ in pickletools.genops(raw):
        if opcode.name in string_ops:
            strings.append(arg)
        elif opcode.name == "MEMOIZE":
            if previous in string_ops:
                memo[memo_count] = strings[-1]
            memo_count += 1
        elif opcode.name in ("BINGET", "LONG_BINGET", "GET") and arg in memo:
            strings.append(memo[arg])
        previous = opcode.name
        if opcode.name == "GLOBAL":
            module = str(arg).split(" ")[0]
        elif opcode.name == "STACK_GLOBAL":
            module = strings[-2]  # the module and class names are the two strings pushed just before
        else:
            continue
        if module.split(".")[0] not in allowed:
            raise ValueError(f"{name}: the pickle references the module {module!r}; refusing to load it.")


def rebuild_porian(repo: Path, out: Path) -> None:
    import numpy as np
    import pandas as pd

    points, fits = [], []
    for name in PORIAN_FILES:
        raw = lzma.decompress(git_show(repo, PORIAN_COMMIT, f"data/{name}.pickle.xz"))
        check_pickle_is_plain_data(raw, name)
        frame = pd.read_pickle(io.BytesIO(raw))
        for _, row in frame.iterrows():
            key = (row.hparams, row.warmup, row.decay, row.param_count, row.val)
            setup = "-".join([row.dataset, *key])
            label = PORIAN_LABELS[key]
            for _, budget in row.data.iterrows():
                if not isinstance(budget.orig_n, pd.Series):
                    continue  # fewer than three runs at this budget: the source keeps no points
                for n, t, loss in zip(budget.orig_n, budget.orig_t, budget.orig_loss):
                    points.append([setup, row.dataset, *key, label, num(budget.flops), num(n), num(t), num(loss)])
            fit = row.fit_results
            boot = [f["n_exponent"] for f in fit["bootstrap_weighted"] if "n_exponent" in f]
            low, high = np.quantile(boot, [0.025, 0.975])
            fits.append(
                [
                    setup,
                    row.dataset,
                    *key,
                    label,
                    num(fit["bs_median_weighted"]["n_exponent"]),
                    num(low),
                    num(high),
                    name,
                ]
            )
    common = ["setup", "train_dataset", "hparams", "warmup", "decay", "param_count", "loss_type", "label"]
    (out / "LICENSE-porian2024.txt").write_bytes(git_show(repo, PORIAN_COMMIT, "LICENSE"))  # kept as found
    write_csv(out / "porian2024_isoflop.csv", common + ["C_flops", "N_params", "D_tokens", "loss"], points)
    write_csv(
        out / "porian2024_paper_fits.csv", common + ["a_N_paper", "a_N_ci95_low", "a_N_ci95_high", "source_file"], fits
    )


def gadre_eval_name(val_data: list[str]) -> str:
    """The evaluation-set key as the source's own parser (scaling/shared.py, parse_model_json) makes it."""
    suffix = val_data[0].split("/")[-2]
    if "de-en" in suffix:
        suffix = val_data[0].split("/")[-1].split(".")[0]
    return suffix


def rebuild_gadre(repo: Path, out: Path) -> None:
    rows = []
    for path in git_ls(repo, GADRE_COMMIT, "exp_data/models"):
        run = json.loads(git_show(repo, GADRE_COMMIT, path))
        hyper = run["hyperparameters"]
        shape = hyper["model"].split("/")[-1].split(".")[0]
        for result in run["results"]:
            rows.append(
                [
                    run["name"],
                    run["dataset_name"],
                    shape,
                    num(hyper["params"]),
                    num(hyper["params_no_embed"]),
                    num(hyper["tokens"]),
                    num(hyper["chinchilla_multiplier"]),
                    gadre_eval_name(result["val_data"]),
                    num(result["loss"]),
                    num(result["loss_tokens_lower_95"]),
                    num(result["loss_tokens_upper_95"]),
                ]
            )
    header = [
        "run",
        "train_dataset",
        "shape",
        "N_params",
        "N_params_no_embed",
        "D_tokens",
        "chinchilla_multiplier",
        "eval_set",
        "loss",
        "loss_tokens_lower95",
        "loss_tokens_upper95",
    ]
    write_csv(out / "gadre2024_overtraining.csv", header, rows)
    (out / "LICENSE-gadre2024.txt").write_bytes(git_show(repo, GADRE_COMMIT, "LICENSE.txt"))


def gadre_constant(repo: Path, name: str):
    """A literal (list or dict) assigned to NAME in the source's scaling/constants.py, read without running it."""
    import ast

    tree = ast.parse(git_show(repo, GADRE_COMMIT, "scaling/constants.py").decode("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise ValueError(f"{name} not found in scaling/constants.py at {GADRE_COMMIT}")


def rebuild_gadre_downstream(repo: Path, out: Path) -> None:
    """The 46 downstream tasks of every run (gadre2024_downstream.csv) and what each task is (gadre2024_tasks.csv).

    Tasks are those of the source's FRIENDLY_CITATIONS (the paper's 46); the 17-task subset is its
    SUBSET list; metadata come from exp_data/eval_metadata.csv (its free-text descriptions dropped).
    """
    tasks = list(gadre_constant(repo, "FRIENDLY_CITATIONS"))
    subset = set(gadre_constant(repo, "SUBSET"))
    rows = []
    for path in git_ls(repo, GADRE_COMMIT, "exp_data/models"):
        run = json.loads(git_show(repo, GADRE_COMMIT, path))
        hyper = run["hyperparameters"]
        evals = json.loads(git_show(repo, GADRE_COMMIT, f"exp_data/evals/evaluation_{Path(path).stem}_heavy.json"))
        icl = evals["eval_metrics"]["icl"]
        for task in sorted(tasks):
            rows.append(
                [
                    run["name"],
                    run["dataset_name"],
                    num(hyper["params"]),
                    num(hyper["tokens"]),
                    num(hyper["chinchilla_multiplier"]),
                    task,
                    num(icl[task]),
                ]
            )
    header = ["run", "train_dataset", "N_params", "D_tokens", "chinchilla_multiplier", "task", "accuracy"]
    write_csv(out / "gadre2024_downstream.csv", header, rows)

    text = git_show(repo, GADRE_COMMIT, "exp_data/eval_metadata.csv").decode("utf-8")
    meta = {record["Eval Task"]: record for record in csv.DictReader(io.StringIO(text))}
    info = [
        [
            task,
            meta[task]["Task Category"],
            meta[task]["Task Type"],
            meta[task]["#shots"],
            meta[task]["#datapoints"],
            meta[task]["Random baseline"],
            "1" if task in subset else "0",
        ]
        for task in sorted(tasks)
    ]
    header = ["task", "category", "task_type", "shots", "datapoints", "random_baseline_pct", "in_17_task_subset"]
    write_csv(out / "gadre2024_tasks.csv", header, info)


def rebuild_epoch(repo: Path, out: Path) -> None:
    text = git_show(repo, EPOCH_COMMIT, EPOCH_PATH).decode("utf-8")
    records = list(csv.DictReader(io.StringIO(text)))
    rows = [[record[column] for column in EPOCH_COLUMNS] for record in records]
    write_csv(out / "epoch2025_notable_models.csv", EPOCH_COLUMNS, rows)
    readme = git_show(repo, EPOCH_COMMIT, "ai_models/README.md")
    (out / "LICENSE-epoch-README.md").write_bytes(readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--porian", type=Path, help="git directory of formll/resolving-scaling-law-discrepancies")
    parser.add_argument("--gadre", type=Path, help="git directory of mlfoundations/scaling")
    parser.add_argument("--epoch", type=Path, help="git directory of sidx04/karma-police (a copy of Epoch's file)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.porian:
        rebuild_porian(args.porian, args.out)
    if args.gadre:
        rebuild_gadre(args.gadre, args.out)
        rebuild_gadre_downstream(args.gadre, args.out)
    if args.epoch:
        rebuild_epoch(args.epoch, args.out)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from scaling.datasets import CHECKSUMS

    status = 0
    for name, expected in sorted(CHECKSUMS.items()):
        path = args.out / name
        if not path.exists():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        same = digest == expected
        status |= not same
        print(f"{name:40s} {digest}  {'matches' if same else 'DIFFERS from'} scaling.datasets.CHECKSUMS")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
