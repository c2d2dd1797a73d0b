"""Write the skeleton of a new chapter from tools/book/templates/ (run by `make chapter N=08 SLUG=mixture-of-experts`).

    python -m tools.book.new_chapter 08 mixture-of-experts [--module moe] [--title "Mixture of experts"]

It writes, each a small working example to replace:

* ``book/NN-slug.md``: the chapter, with its set-up cells, a number in the prose, a figure with
  caption and alt text, a widget with its static view, and the summary, exercises and references
  sections;
* ``solutions/NN-slug.md``: the exercise master with one exercise, and ``scaling/exercises/chNN.py``
  with its declaration;
* ``scaling/MODULE.py`` (ending with ``check.guard_module``), ``scaling/plots/MODULE.py`` and
  ``scaling/widgets/MODULE.py``;
* ``tests/test_MODULE.py`` and ``tests/test_plots_widgets_MODULE.py``;
* ``tests/contracts/MODULE.py`` and ``tests/contracts/widgets_MODULE.py``: the contract entries of
  the new public callables;

and adds, each as one appended line or block: the chapter to ``_toc.yml`` and to the preface's list of
chapters, and the module to the package docstring. It refuses to overwrite anything. `make chapter` then executes the
chapter and the preface (`make notebook`), so `make test` passes on the skeleton.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).resolve().parent / "templates"

#: template → where it goes, relative to the repository.
FILES = {
    "chapter.md.tmpl": "book/{nn}-{slug}.md",
    "master.md.tmpl": "solutions/{nn}-{slug}.md",
    "exercises.py.tmpl": "scaling/exercises/ch{nn}.py",
    "module.py.tmpl": "scaling/{module}.py",
    "plots.py.tmpl": "scaling/plots/{module}.py",
    "widgets.py.tmpl": "scaling/widgets/{module}.py",
    "test_module.py.tmpl": "tests/test_{module}.py",
    "test_plots_widgets.py.tmpl": "tests/test_plots_widgets_{module}.py",
    "contracts.py.tmpl": "tests/contracts/{module}.py",
    "contracts_widgets.py.tmpl": "tests/contracts/widgets_{module}.py",
}


def names(number: str, slug: str, module: str | None = None, title: str | None = None) -> dict[str, str]:
    """The words the templates fill in: n ("8"), nn ("08"), slug, module, title, lower_title."""
    if not re.fullmatch(r"\d{1,2}", number) or not 1 <= int(number) <= 99:
        raise SystemExit(f"N must be a chapter number from 1 to 99, got {number!r}.")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise SystemExit(f"SLUG must be lowercase words joined by '-', such as mixture-of-experts; got {slug!r}.")
    module = module or slug.replace("-", "_")
    if not module.isidentifier() or module.startswith("_"):
        raise SystemExit(f"MODULE must be a Python name such as moe, got {module!r}.")
    title = title or slug.replace("-", " ").capitalize()
    return dict(
        n=str(int(number)),
        nn=f"{int(number):02d}",
        slug=slug,
        module=module,
        title=title,
        lower_title=title[0].lower() + title[1:],
    )


def fill(text: str, words: dict[str, str]) -> str:
    return re.sub(r"\{\{(\w+)\}\}", lambda m: words[m.group(1)], text)


def insert_after_last(path: Path, pattern: str, line: str, *, continuation: str | None = None) -> None:
    """Insert ``line`` after the last line matching ``pattern`` (and the lines continuing it)."""
    lines = path.read_text().splitlines(keepends=True)
    matches = [i for i, text in enumerate(lines) if re.match(pattern, text)]
    if not matches:
        raise SystemExit(f"{path.relative_to(ROOT)}: no line matches {pattern!r} to add after.")
    at = matches[-1] + 1
    while continuation and at < len(lines) and re.match(continuation, lines[at]):
        at += 1
    lines.insert(at, line + "\n")
    path.write_text("".join(lines))


def write_skeleton(words: dict[str, str], root: Path = ROOT) -> list[Path]:
    """Write the chapter's files and entries under ``root``; return the files written."""
    targets = {template: root / target.format(**words) for template, target in FILES.items()}
    taken = [p for p in targets.values() if p.exists()] + sorted((root / "book").glob(f"{words['nn']}-*.md"))
    taken += [
        p for p in (root / "scaling" / words["module"], root / "scaling" / "plots" / words["module"]) if p.exists()
    ]
    if taken:
        raise SystemExit(f"Not overwriting: {', '.join(str(p.relative_to(root)) for p in taken)} already exist(s).")
    for template, target in targets.items():
        target.write_text(fill((TEMPLATES / template).read_text(), words))
    insert_after_last(
        root / "_toc.yml", r"\s+- file: notebooks/\d\d-", f"      - file: notebooks/{words['nn']}-{words['slug']}"
    )
    insert_after_last(
        root / "book" / "00-preface.md",
        r"\d+\. \{doc\}",
        f"{words['n']}. {{doc}}`{words['title']} <{words['nn']}-{words['slug']}>`: TODO, one line.",
        continuation=r"\s{2,}\S",
    )
    insert_after_last(
        root / "scaling" / "__init__.py",
        r"\* ``\w+``\s+.*\(chapters? [\d, -]+\)",
        f"* ``{words['module']}``{' ' * max(1, 15 - len(words['module']))}TODO, one line (chapter {words['n']})",
    )
    return list(targets.values())


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("number", help="the chapter number, e.g. 08")
    parser.add_argument("slug", help="the chapter's file name, e.g. mixture-of-experts")
    parser.add_argument("--module", help="the package module (default: the slug with '_' for '-')")
    parser.add_argument("--title", help="the chapter's title (default: the slug in words)")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help=argparse.SUPPRESS
    )  # a copy of the repository, for tests
    args = parser.parse_args(argv)
    words = names(args.number, args.slug, args.module, args.title)
    for path in write_skeleton(words, args.root):
        print(f"wrote {path.relative_to(args.root)}")
    print(f"added chapter {words['n']} to _toc.yml, book/00-preface.md and scaling/__init__.py")


if __name__ == "__main__":
    main()
