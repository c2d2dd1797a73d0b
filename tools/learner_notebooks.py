"""What a learner's JupyterLab shows before anything runs: the last step of `make notebooks`.

The chapters' MyST (book/*.md) is written for the web book, where Sphinx resolves citations
against references.bib and glossary terms against book/glossary.md. jupyterlab-myst resolves
only what a notebook carries, so in JupyterLab a ``{cite:t}`kaplan2020` `` reads "⚠ kaplan2020".
This step rewrites the generated notebooks (notebooks/*.ipynb, and exercises/*.ipynb through
tools/make_exercises.py), never book/ or solutions/:

* ``{cite:t}``, ``{cite:p}``, ``{cite:year}``, ``{cite:yearpar}``: author-year text, as the web
  book prints it, linked to the paper (its URL, DOI or arXiv id in references.bib) with the full
  reference as the link's tooltip;
* ``{term}``: the word, linked to book/glossary.md, with the glossary's definition as tooltip;
* ``{doc}``: a relative link to the notebook (or page) it names;
* a key or term that is not there is left as it is, with a warning (the web build refuses it);
* cells tagged ``remove-cell``, ``remove-input`` or ``hide-input`` (the plumbing the web book
  hides: stored prose numbers, display set-up) get ``jupyter.source_hidden``, so JupyterLab shows
  them collapsed; ``remove-output``/``hide-output`` get ``jupyter.outputs_hidden``;
* a last markdown cell (tagged NAV_TAG) links to the chapter's exercise notebook and to the next
  page of _toc.yml; an exercise notebook's links back to its chapter;
* the notebook metadata JupyterLab writes on save (``kernelspec``), so that saving changes nothing.

The web book reads notebooks/ too: tools/book_web.py puts the MyST of book/ back into each
markdown cell as Sphinx reads the notebook (:func:`web_notebook`), so the web keeps its
bibliography and glossary links. tests/test_notebooks.py's sync gate applies this step after
``jupytext --sync``. Run: ``python tools/learner_notebooks.py [notebooks/NN-slug.ipynb ...]``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NAV_TAG = "course-navigation"
#: What JupyterLab 4 writes for the python3 kernel of ipykernel (a different value is rewritten on
#: open, and the notebook then reads as modified).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
HIDE_SOURCE = {"remove-cell", "remove-input", "hide-input"}
HIDE_OUTPUTS = {"remove-output", "hide-output"}

ROLE = re.compile(r"\{(?P<role>cite(?::\w+)?|term|doc)\}`(?P<body>[^`]+)`")
LABELLED = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


@dataclass(frozen=True)
class Reference:
    who: str  # "Kaplan et al."
    year: str  # "2020" (with a letter when two labels clash: "2024a")
    url: str
    text: str  # the full reference, as the web bibliography prints it


@cache
def references() -> dict[str, Reference]:
    """Every entry of references.bib, labelled as the web book labels it (tools/book_web.py)."""
    import book_web
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    book_web.register_author_year_style()
    data = parse_file(str(ROOT / "references.bib"))
    style = find_plugin("pybtex.style.formatting", "authoryear")()
    found = {}
    for entry in style.format_bibliography(data):
        who, year = entry.label.rsplit(", ", 1)
        fields = data.entries[entry.key].fields
        url = fields.get("url") or (f"https://doi.org/{fields['doi']}" if fields.get("doi") else "")
        if not url and fields.get("eprint"):
            url = f"https://arxiv.org/abs/{fields['eprint']}"
        found[entry.key] = Reference(who, year, url, plain(entry.text.render_as("text")))
    return found


@cache
def glossary() -> dict[str, str]:
    """Term (lower case) -> its definition in one line, from book/glossary.md's glossary block."""
    lines = (ROOT / "book" / "glossary.md").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("```{glossary}"))
    terms: dict[str, list[str]] = {}
    current: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("```"):
            break
        if line and not line[0].isspace():
            current = terms.setdefault(line.strip().lower(), [])
        elif line.strip():
            current.append(line.strip())
    return {term: plain(" ".join(words)) for term, words in terms.items()}


def plain(text: str) -> str:
    """Text fit for a link's tooltip: roles reduced to their text, one line, no double quotes."""
    return " ".join(ROLE.sub(role_text, text).replace('"', "'").split())


def role_text(match: re.Match) -> str:
    """What a role reads as in plain text: its label, or for a citation the authors and year."""
    if match["role"].startswith("cite"):
        known = references()
        keys = [k.strip() for k in match["body"].split(",")]
        return "; ".join(f"{known[k].who} {known[k].year}" if k in known else k for k in keys)
    labelled = LABELLED.match(match["body"])
    return labelled["text"] if labelled else match["body"]


def link(text: str, url: str, title: str) -> str:
    return f'[{text}]({url} "{title}")' if url else text


def cite(role: str, keys: str, where: str) -> str:
    """One {cite...} role as author-year text with links."""
    known = references()
    entries = []
    for key in (k.strip() for k in keys.split(",")):
        if key not in known:
            raise KeyError(f"{where}: {{cite}}`{key}` is not in references.bib")
        entries.append(known[key])
    kind = role.partition(":")[2] or "p"
    if kind == "t":
        parts = [link(f"{e.who} ({e.year})", e.url, e.text) for e in entries]
        return "; ".join(parts)
    if kind in ("year", "yearpar"):
        years = ", ".join(link(e.year, e.url, e.text) for e in entries)
        return f"({years})" if kind == "yearpar" else years
    return "(" + "; ".join(link(f"{e.who}, {e.year}", e.url, e.text) for e in entries) + ")"


def term(body: str, glossary_path: str, where: str) -> str:
    labelled = LABELLED.match(body)
    text, target = (labelled["text"], labelled["target"]) if labelled else (body, body)
    definition = glossary().get(target.strip().lower())
    if definition is None:
        raise KeyError(f"{where}: {{term}}`{body}` is not in book/glossary.md")
    return link(text, glossary_path, definition)


def doc(body: str, folder: Path) -> str:
    labelled = LABELLED.match(body)
    text, target = (labelled["text"], labelled["target"]) if labelled else (body, body)
    path = (ROOT / "notebooks" / target).resolve()  # {doc} paths are relative to the page, in notebooks/
    for candidate in (path.with_suffix(".ipynb"), path.with_suffix(".md")):
        if candidate.exists():
            return f"[{text}]({relative(candidate, folder)})"
    return text


def relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (both under ROOT), with forward slashes."""
    import os

    return Path(os.path.relpath(path, folder)).as_posix()


def resolve_roles(markdown: str, folder: Path, where: str = "") -> str:
    """Markdown with its citation, glossary and document roles written out (see the module docstring).
    Links are relative to ``folder`` (notebooks/ or exercises/, here or in a copy of the repository)."""
    folder = ROOT / folder.name
    glossary_path = relative(ROOT / "book" / "glossary.md", folder)

    def replace(match: re.Match) -> str:
        role, body = match["role"], match["body"]
        try:
            if role.startswith("cite"):
                return cite(role, body, where)
            if role == "term":
                return term(body, glossary_path, where)
        except KeyError as missing:
            # Left as it is (a new chapter's placeholder, say): the web build refuses it, and
            # tests/test_learner_notebooks.py refuses a role left in a committed notebook.
            print(f"learner_notebooks: {missing.args[0]}; left as MyST", file=sys.stderr)
            return match.group(0)
        return doc(body, folder)

    return ROLE.sub(replace, markdown)


def collapse_plumbing(cell) -> None:
    """Collapse in JupyterLab what the web book removes or hides (cell tags)."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    jupyter = dict(cell.metadata.get("jupyter", {}))
    jupyter.pop("source_hidden", None)
    jupyter.pop("outputs_hidden", None)
    if tags & HIDE_SOURCE:
        jupyter["source_hidden"] = True
    if tags & HIDE_OUTPUTS and cell.get("outputs"):
        jupyter["outputs_hidden"] = True
    if jupyter:
        cell.metadata["jupyter"] = jupyter
    else:
        cell.metadata.pop("jupyter", None)


# --- navigation from _toc.yml ---------------------------------------------------------------


@cache
def pages() -> list[str]:
    """The stems of the notebook pages of _toc.yml, in reading order."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part.get("chapters", [])]
    return [f.split("/", 1)[1] for f in files if f.startswith("notebooks/")]


def title(stem: str) -> str:
    """A page's title: the first heading of its MyST source."""
    for line in (ROOT / "book" / f"{stem}.md").read_text().splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return stem


def exercises_of(stem: str) -> Path | None:
    path = ROOT / "exercises" / f"{stem}.ipynb"
    return path if (ROOT / "solutions" / f"{stem}.md").exists() else None


def chapter_navigation(stem: str, web: bool = False) -> str | None:
    """The last cell of a chapter: its exercises and the next page, as links that work in
    JupyterLab (relative .ipynb paths); ``web`` names the exercise notebook as tools/book_web.py
    expects (an inline path it turns into source and launch links)."""
    order = pages()
    if stem not in order:
        return None
    lines = []
    if exercises_of(stem):
        if web:
            lines.append(f"- Exercises: `exercises/{stem}.ipynb`")
        else:
            lines.append(f"- Exercises: [exercises/{stem}.ipynb](../exercises/{stem}.ipynb)")
    index = order.index(stem)
    if index + 1 < len(order):
        following = order[index + 1]
        lines.append(f"- Next: [{title(following)}]({following}.ipynb)")
    return "**Where next**\n\n" + "\n".join(lines) if lines else None


def exercise_navigation(stem: str) -> str:
    """The last cell of an exercise notebook: back to its chapter."""
    return f"**Back to the chapter:** [{title(stem)}](../notebooks/{stem}.ipynb)"


def navigation_cell(text: str, stem: str):
    cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": [NAV_TAG]})
    cell.id = f"{NAV_TAG}-{stem}"[:64]
    return cell


# --- the notebooks ----------------------------------------------------------------------------


def learner_notebook(notebook, stem: str, folder: Path, navigation: str | None):
    """The learner's version of a generated notebook (in place; idempotent on its own output)."""
    notebook.cells = [c for c in notebook.cells if NAV_TAG not in c.get("metadata", {}).get("tags", [])]
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            cell.source = resolve_roles(cell.source, folder, f"{stem}, cell {index}")
        else:
            collapse_plumbing(cell)
    if navigation:
        notebook.cells.append(navigation_cell(navigation, stem))
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    if "language_info" not in notebook.metadata:  # an exercise: what the chapters' kernel reported
        notebook.metadata["language_info"] = language_info()
    return notebook


def language_info() -> dict:
    """The ``language_info`` JupyterLab writes once the kernel starts: the one chapter 1's kernel
    reported when it was executed (the Python version of `make notebooks`)."""
    chapter = json.loads((ROOT / "notebooks" / f"{pages()[1]}.ipynb").read_text())
    return chapter["metadata"]["language_info"]


def finish(path: Path) -> None:
    """Rewrite one notebooks/NN-slug.ipynb into its learner version (after ``jupytext --sync``)."""
    import jupytext

    notebook = nbformat.read(path, as_version=4)
    learner_notebook(notebook, path.stem, path.parent, chapter_navigation(path.stem))
    jupytext.write(notebook, path, fmt="ipynb")


def web_notebook(text: str, stem: str) -> str:
    """The notebook Sphinx reads for the web book: the learner notebook's text with each markdown
    cell's MyST from book/ (citations, terms and documents as roles) and the web's navigation."""
    import jupytext

    notebook = json.loads(text)
    source = jupytext.read(ROOT / "book" / f"{stem}.md")
    cells = [c for c in notebook["cells"] if NAV_TAG not in c.get("metadata", {}).get("tags", [])]
    if [c["cell_type"] for c in cells] != [c.cell_type for c in source.cells]:
        raise ValueError(f"notebooks/{stem}.ipynb does not match book/{stem}.md: run `make notebooks`")
    for cell, original in zip(cells, source.cells):
        if cell["cell_type"] == "markdown":
            cell["source"] = original.source
    navigation = chapter_navigation(stem, web=True)
    if navigation:
        cells.append({"cell_type": "markdown", "metadata": {"tags": [NAV_TAG]}, "source": navigation})
    notebook["cells"] = cells
    return json.dumps(notebook)


def main(paths: list[str]) -> None:
    targets = [Path(p) for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in targets:
        finish(path.resolve())


if __name__ == "__main__":
    main(sys.argv[1:])
