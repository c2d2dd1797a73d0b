"""Convert a chapter's prose numbers from myst-nb glue to inline {eval} expressions.

    python tools/glue_to_eval.py book/03-chinchilla.md [...]     # rewrite in place
    python tools/glue_to_eval.py --check book/*.md               # list what is left to convert

What it rewrites (see CONTRIBUTING.md, "Numbers in the prose"):

* ``glue("name", value, "fmt")``  ->  ``name = shown(value, "fmt")``, with the name unchanged
  unless the chapter's code already uses it, shadows a builtin or is a keyword (then
  ``name_text``). Calls at the top level of a cell that also does other work move to a new
  cell just after it, tagged ``remove-input`` (the web book hides that bookkeeping; JupyterLab
  shows it). A cell that only glues keeps its place and tags, and gets ``remove-input`` if it
  had no tags.
* ``{glue:text}`name` `` and ``{glue}`name` ``  ->  ``{eval}`name` `` (renamed the same way).
* ``from scaling.book import glue``  ->  ``from scaling.book import shown``.

What it leaves for a person, and reports: glue calls whose name is not a literal (an f-string
in a loop: write one ``shown`` assignment per number by hand), and calls it cannot parse.
It is safe to run again on a chapter converted before: it only touches what is still glue.
Afterwards run `tools/execute_notebooks.py` on the chapter: it stops on an expression used
before the cell that defines it.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

FENCE_OPEN = "```{code-cell} ipython3"
ROLE = re.compile(r"\{glue(?::text)?\}`([^`]+)`")
EVAL = re.compile(r"\{eval\}`([^`]+)`")
IMPORT = re.compile(r"^(\s*from scaling\.book import )(.+)$", re.M)


@dataclass
class Cell:
    """One block of a MyST notebook: markdown text, or a code cell with its option lines."""

    kind: str  # "markdown" or "code"
    body: str
    options: list[str] = field(default_factory=list)

    def text(self) -> str:
        if self.kind == "markdown":
            return self.body
        # ":key: value" options are followed by a blank line; a YAML block ends with its own "---"
        gap = "\n" if self.options and self.options[0] == "---" else "\n\n"
        options = "\n".join(self.options) + gap if self.options else ""
        return f"{FENCE_OPEN}\n{options}{self.body}\n```\n"


def split_cells(text: str) -> list[Cell]:
    """The markdown and code blocks of a MyST notebook, in order (front matter is markdown)."""
    cells, lines, index, markdown = [], text.splitlines(keepends=True), 0, []
    while index < len(lines):
        if lines[index].rstrip("\n") != FENCE_OPEN:
            markdown.append(lines[index])
            index += 1
            continue
        if markdown:
            cells.append(Cell("markdown", "".join(markdown)))
            markdown = []
        index += 1
        options = []
        if lines[index].startswith("---"):  # YAML options block
            while True:
                options.append(lines[index].rstrip("\n"))
                index += 1
                if options[-1] == "---" and len(options) > 1:
                    break
        else:
            while lines[index].startswith(":"):
                options.append(lines[index].rstrip("\n"))
                index += 1
        if options and lines[index].strip() == "":
            index += 1
        body = []
        while lines[index].rstrip("\n") != "```":
            body.append(lines[index])
            index += 1
        index += 1  # the closing fence
        cells.append(Cell("code", "".join(body).rstrip("\n"), options))
    if markdown:
        cells.append(Cell("markdown", "".join(markdown)))
    return cells


def glue_calls(source: str) -> list[ast.Expr]:
    """Every ``glue(...)`` statement of a cell (at any depth), in source order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics and the like: nothing to convert here
        return []
    calls = [node for node in ast.walk(tree) if is_glue(node)]
    return sorted(calls, key=lambda node: node.lineno)


def is_glue(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "glue"
    )


def literal_name(call: ast.Expr) -> str | None:
    first = call.value.args[0] if call.value.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def used_identifiers(cells: list[Cell]) -> set[str]:
    """Names the chapter's code uses, not counting the glue calls' own string arguments."""
    names = set()
    for cell in cells:
        if cell.kind == "code":
            try:
                names |= {node.id for node in ast.walk(ast.parse(cell.body)) if isinstance(node, ast.Name)}
            except SyntaxError:
                continue
    return names


def variable_for(name: str, taken: set[str]) -> str:
    """The Python name that holds a glued number's text."""
    if name in taken or keyword.iskeyword(name) or hasattr(builtins, name) or not name.isidentifier():
        return f"{name}_text" if name.isidentifier() else re.sub(r"\W", "_", name) + "_text"
    return name


def assignment(source: str, call: ast.Expr, variable: str) -> str:
    """``variable = shown(value, fmt)`` for one glue call, keeping a comment on its last line."""
    args = call.value.args
    value = ast.get_source_segment(source, args[1])
    fmt_node = args[2] if len(args) > 2 else next((k.value for k in call.value.keywords if k.arg == "fmt"), None)
    fmt = f", {ast.get_source_segment(source, fmt_node)}" if fmt_node is not None else ""
    lines = source.splitlines()
    indent = lines[call.lineno - 1][: call.col_offset]
    tail = lines[call.end_lineno - 1][call.end_col_offset :].rstrip()
    return f"{indent}{variable} = shown({value}{fmt}){tail}"


def convert_cell(cell: Cell, renames: dict[str, str], report: list[str]) -> list[Cell]:
    """The cell with its literal glue calls rewritten; top-level ones split off if the cell does more."""
    calls = [c for c in glue_calls(cell.body) if literal_name(c) is not None]
    for call in glue_calls(cell.body):
        if literal_name(call) is None:
            report.append(f"by hand: {ast.get_source_segment(cell.body, call)}")
    if not calls:
        return [cell]
    tree = ast.parse(cell.body)
    top = {(s.lineno, s.col_offset) for s in tree.body}
    lines = cell.body.splitlines()
    moved, replaced = [], {}
    other_work = any(not is_glue(statement) for statement in tree.body)
    hidden = any("remove-cell" in option for option in cell.options)
    for call in calls:
        text = assignment(cell.body, call, renames[literal_name(call)])
        span = range(call.lineno - 1, call.end_lineno)
        if (call.lineno, call.col_offset) in top and other_work and not hidden:
            moved.append(text)
            replaced.update({i: None for i in span})
        else:
            replaced.update({i: None for i in span})
            replaced[call.lineno - 1] = text
    body = "\n".join(replaced.get(i, line) for i, line in enumerate(lines) if replaced.get(i, line) is not None)
    cells = [Cell("code", body.strip("\n"), cell.options)]
    if moved:
        cells += [Cell("markdown", "\n"), Cell("code", "\n".join(moved), [":tags: [remove-input]"])]
    elif not other_work and not cell.options:
        cells[0].options = [":tags: [remove-input]"]
    return cells


def convert(text: str) -> tuple[str, list[str]]:
    """The converted chapter text and a list of what is left for a person."""
    cells = split_cells(text)
    report: list[str] = []
    literal = [literal_name(c) for cell in cells if cell.kind == "code" for c in glue_calls(cell.body)]
    taken = used_identifiers(cells)
    renames = {name: variable_for(name, taken) for name in literal if name is not None}
    out = []
    for cell in cells:
        if cell.kind == "code":
            cell.body = IMPORT.sub(
                lambda m: (
                    m[1]
                    + ", ".join(
                        dict.fromkeys("shown" if part.strip() == "glue" else part.strip() for part in m[2].split(","))
                    )
                ),
                cell.body,
            )
            out.extend(convert_cell(cell, renames, report))
        else:
            cell.body = ROLE.sub(lambda m: f"{{eval}}`{renames.get(m[1].strip(), m[1].strip())}`", cell.body)
            out.append(cell)
    converted = "".join(cell.text() for cell in out)
    if "{eval}" in converted and "cell_metadata_filter" not in converted.split("\n---", 1)[0]:
        # jupytext --sync keeps a markdown cell's stored values only when the filter is in the header
        converted = converted.replace("\njupytext:\n", "\njupytext:\n  cell_metadata_filter: -user_expressions\n", 1)
    return converted, report


def used_before_defined(text: str) -> list[str]:
    """``{eval}`` names that no code cell above the markdown assigns (JupyterLab evaluates in place)."""
    defined: set[str] = set()
    late = []
    for cell in split_cells(text):
        if cell.kind == "code":
            try:
                tree = ast.parse(cell.body)
            except SyntaxError:
                continue
            defined |= {
                node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            }
            defined |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        else:
            for expression in EVAL.findall(cell.body):
                names = {n.id for n in ast.walk(ast.parse(expression.strip(), mode="eval")) if isinstance(n, ast.Name)}
                late += [
                    f"{{eval}}`{expression}` is used before a cell defines {name}"
                    for name in sorted(names - defined - set(dir(builtins)))
                ]
    return late


def defined_names(tree: ast.AST) -> set[str]:
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    names |= {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    names |= {
        (alias.asname or alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    return names


def hoist(text: str) -> tuple[str, list[str]]:
    """Move ``name = shown(...)`` lines up to just before the first markdown cell that names them,
    when everything they read is defined by then; report the ones that cannot move."""
    cells = split_cells(text)
    report = []
    for position, cell in enumerate(cells):
        if cell.kind != "markdown" or not EVAL.search(cell.body):
            continue
        defined = set(dir(builtins))
        for earlier in cells[:position]:
            if earlier.kind == "code":
                try:
                    defined |= defined_names(ast.parse(earlier.body))
                except SyntaxError:
                    pass
        wanted = [
            n
            for e in EVAL.findall(cell.body)
            for n in (x.id for x in ast.walk(ast.parse(e.strip(), mode="eval")) if isinstance(x, ast.Name))
            if n not in defined
        ]
        moved = []
        for name in dict.fromkeys(wanted):
            for later in cells[position + 1 :]:
                if later.kind != "code":
                    continue
                try:
                    tree = ast.parse(later.body)
                except SyntaxError:
                    continue
                statement = next(
                    (
                        s
                        for s in tree.body
                        if isinstance(s, ast.Assign)
                        and len(s.targets) == 1
                        and isinstance(s.targets[0], ast.Name)
                        and s.targets[0].id == name
                    ),
                    None,
                )
                if statement is None:
                    continue
                reads = {x.id for x in ast.walk(statement.value) if isinstance(x, ast.Name)}
                missing = reads - defined - {m.split(" = ")[0] for m in moved}
                # a name assigned again on the way down would give the moved line another value
                between = set()
                for middle in cells[position + 1 : cells.index(later)]:
                    if middle.kind == "code":
                        try:
                            between |= defined_names(ast.parse(middle.body))
                        except SyntaxError:
                            pass
                between |= defined_names(ast.Module(body=tree.body[: tree.body.index(statement)], type_ignores=[]))
                missing |= reads & between
                if missing:
                    report.append(f"cannot move {name} above its first use: it reads {sorted(missing)}")
                    break
                lines = later.body.splitlines()
                moved.append("\n".join(lines[statement.lineno - 1 : statement.end_lineno]))
                later.body = "\n".join(lines[: statement.lineno - 1] + lines[statement.end_lineno :]).strip("\n")
                break
        if moved:
            separator = [Cell("markdown", "\n")] if position and cells[position - 1].kind == "code" else []
            cells[position:position] = separator + [Cell("code", "\n".join(moved), [":tags: [remove-input]"])]
    kept = [c for c in cells if not (c.kind == "code" and not c.body.strip())]
    return "".join(c.text() for c in kept), report


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(arg) for arg in argv if arg != "--check"]
    left = 0
    for path in paths:
        text = path.read_text()
        converted, report = convert(text)
        converted, not_moved = hoist(converted)
        report += not_moved
        remaining = ROLE.findall(converted)
        report += used_before_defined(converted)
        left += len(report) + len(remaining)
        for line in report + [f"role still glue: {name}" for name in remaining]:
            print(f"{path}: {line}")
        if not check and converted != text:
            path.write_text(converted)
            print(f"{path}: converted")
    return 1 if check and left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
