"""What a self-learner opens: the chapters and the exercise notebooks in real JupyterLab.

JupyterLab runs from the lab environment (`.venv-lab`, `make .venv-lab/.installed`, with
jupyterlab-myst and jupytext) on 127.0.0.1, started as `make lab` starts it (root_dir, hide_globs),
over a throwaway clone (a git repository of book/, notebooks/, exercises/ and jupytext.toml), with
a token and its own settings, runtime and workspace folders. Headless Chromium (Debian's, driven by
Playwright: the `browser` fixture of tests/conftest.py) opens every notebook of notebooks/ and
exercises/ and checks, first as a learner sees it before running anything (an untrusted notebook,
no kernel output yet):

0. every committed figure is visible as an image (not "<Figure size ...>"), no citation or
   cross-reference shows a warning sign or a bare bibliography key, the notebook is not marked
   modified, and the browser console logs no error and no "Cross reference target was not found";

1. jupyterlab-myst is active: each admonition renders as an admonition, not a code block;
2. no raw MyST ({glue}, {cite}, {eval}, {term}, {numref}, `:class:`, a directive fence) is visible
   in any rendered markdown cell, neither when the notebook opens nor after it runs;
3. every {eval} number the prose names is visible: the value tools/execute_notebooks.py stored
   in the cell's user_expressions metadata appears in the rendered cell, before and after a run;
4. Run > Run All Cells runs top to bottom (every code cell gets an execution count, the kernel
   goes idle) with no error and no stderr output;
5. each widget redraws: one keyboard step on its first slider changes its figure;
6. File > Save, then `git status` of the clone: a chapter leaves it clean (nothing under book/,
   nothing in notebooks/), an exercise notebook changes nothing but itself (its check outputs).

Screenshots before and after the run go to _build/screenshots/lab/ (NN-slug-before.png, the top;
NN-slug-before-figure.png, the first figure; NN-slug-after.png; exercise-NN-slug-*.png). For exercise 1.1 it types a wrong answer
(twice the worked solution's) and then the worked solution's own expression from solutions/ into
the answer cell, runs the check cell, and compares the feedback JupyterLab shows with the verdict
of scaling.exercises.grade.

Skipped when `.venv-lab` or chromium is missing, except under CI=1 (.ci/run builds both), where
that fails. Autosave is off: a notebook is saved only by step 6 (the copy is thrown away).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAB_VENV = ROOT / ".venv-lab"
SHOTS = ROOT / "_build" / "screenshots" / "lab"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
#: What the throwaway clone holds: what the lab serves, and what saving must not touch.
CLONE = ("book", "notebooks", "exercises", "jupytext.toml", ".gitignore")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

#: Generous limits (ms) for a shared two-core machine; every wait is on an explicit condition.
OPEN_TIMEOUT = 90_000
RUN_TIMEOUT = 180_000
REDRAW_TIMEOUT = 60_000

#: Text that means MyST was shown as source instead of rendered.
RAW_MYST = re.compile(r"\{glue|\{cite|\{eval|\{term\}|\{numref\}|\{doc\}|:class:|```\{|\{[a-z-]+:[a-z-]+\}`")

#: User settings of the throwaway JupyterLab: render every cell (no windowing, so cells outside the
#: viewport are in the page), never save, never reach the network.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def missing(reason: str):
    """Fail under CI (where .ci/run provides everything), skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; under CI=1 it must exist (.ci/run builds it first).")
    pytest.skip(reason)


def hide_globs() -> list[str]:
    """The Makefile's LAB_HIDE: what `make lab` leaves out of the file browser."""
    line = re.search(r"^LAB_HIDE := (.*)$", (ROOT / "Makefile").read_text(), re.M)
    return shlex.split(line.group(1))


def write_settings(folder: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        path = folder / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


#: Talks to 127.0.0.1 directly, whatever proxy the environment names.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Lab:
    url: str
    token: str
    root: Path  # the throwaway copy JupyterLab serves

    def api(self, method: str, path: str) -> object:
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with DIRECT.open(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def open_url(self, path: str) -> str:
        # ?reset: a fresh workspace, so only this notebook opens (not the tabs of the last page).
        return f"{self.url}lab/tree/{path}?reset&token={self.token}"

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout

    def changed(self) -> list[str]:
        """`git status --porcelain` of the clone, one line per changed or new file."""
        return self.git("status", "--porcelain", "--untracked-files=all").splitlines()

    def shut_down_kernels(self) -> None:
        for session in self.api("GET", "api/sessions"):
            self.api("DELETE", f"api/sessions/{session['id']}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab from .venv-lab over a copy of notebooks/ and exercises/; the whole process
    group is stopped at the end."""
    jupyter = LAB_VENV / "bin" / "jupyter"
    if not (LAB_VENV / ".installed").exists() or not jupyter.exists():
        missing("The lab environment .venv-lab is missing (`make .venv-lab/.installed` builds it)")
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "root"
    for name in CLONE:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-qm", "clone"],
    ):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    write_settings(base / "settings")
    port, token = free_port(), "scaling-laws-test"
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(base / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(base / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(base / "runtime"),
        JUPYTER_CONFIG_DIR=str(base / "config"),
        JUPYTER_DATA_DIR=str(base / "data"),
        PATH=f"{jupyter.parent}{os.pathsep}{os.environ['PATH']}",
    )
    command = [
        str(jupyter),
        "lab",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--ServerApp.open_browser=False",
        "--ServerApp.allow_root=True",
    ]
    command += [f"--ContentsManager.hide_globs={glob}" for glob in hide_globs()]
    log = (base / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        lab = Lab(f"http://127.0.0.1:{port}/", token, root)
        wait_for_server(lab, server, base / "server.log")
        yield lab
    finally:
        stop(server)
        log.close()


def wait_for_server(lab: Lab, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            lab.api("GET", "api/status")
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {seconds:.0f} s:\n{log.read_text()[-3000:]}")


def stop(server: subprocess.Popen) -> None:
    """SIGTERM the server's process group (it shuts its kernels down), SIGKILL whatever of the
    group or of its descendants (kernels run in sessions of their own) is left after 20 s."""
    tree = descendants(server.pid)
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
    for pid in tree:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


# --- what the committed notebook says the page should show -----------------------------------


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def stored_numbers(cell: dict) -> list[tuple[str, str]]:
    """(expression, text) of each {eval} value stored in a markdown cell, quotes stripped as
    jupyterlab-myst and _ext/stored_eval.py strip them."""
    numbers = []
    for item in cell.get("metadata", {}).get("user_expressions", []):
        text = item["result"]["data"]["text/plain"]
        text = "".join(text) if isinstance(text, list) else text
        numbers.append((item["expression"], re.sub(r"^(['\"])(.*)\1$", r"\2", text, flags=re.S)))
    return numbers


def directives(notebook: dict) -> int:
    """How many admonitions and dropdowns the markdown cells hold."""
    text = "".join(source(c) for c in notebook["cells"] if c["cell_type"] == "markdown")
    return text.count("```{admonition}") + text.count("```{dropdown}")


def widgets(notebook: dict) -> int:
    return sum(
        WIDGET_VIEW in output.get("data", {}) for cell in notebook["cells"] for output in cell.get("outputs", [])
    )


# --- reading the page -------------------------------------------------------------------------

#: Per cell of the open notebook, in order: its type, rendered markdown text (dropdowns opened, as a
#: reader opens them), input prompt, and the text of its error and stderr outputs.
CELLS_JS = """() => (document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell details')
                    .forEach(d => { d.open = true; }), Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-cell')).map(c => ({
  kind: c.classList.contains('jp-MarkdownCell') ? 'markdown' : (c.classList.contains('jp-CodeCell') ? 'code' : 'raw'),
  text: c.classList.contains('jp-MarkdownCell') ? (c.querySelector('.jp-MarkdownOutput, .myst') || {innerText: ''}).innerText : '',
  prompt: (c.querySelector('.jp-InputPrompt') || {innerText: ''}).innerText.trim(),
  errors: Array.from(c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                                       + '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]'))
               .map(o => o.innerText.trim().slice(0, 400)),
})))"""

NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def open_notebook(browser, lab: Lab, path: str, console: list[str] | None = None):
    """A new page with the notebook open and its kernel idle; ``console`` collects the page's
    console errors and jupyterlab-myst's unresolved-reference warnings."""
    page = browser.new_page()
    if console is not None:
        page.on(
            "console",
            lambda m: (
                console.append(f"{m.type}: {m.text[:300]}")
                if m.type == "error" or "not found" in m.text.lower()
                else None
            ),
        )
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(lab.open_url(path))
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook-cell", timeout=OPEN_TIMEOUT)
    wait_idle(page, OPEN_TIMEOUT)
    return page


def wait_idle(page, timeout: int) -> None:
    """The kernel has started (or finished) and is idle: the toolbar's kernel status reads idle."""
    page.wait_for_selector(f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout)


def settled(page, where: str, notebook: dict, seconds: float = 60) -> tuple[list[dict], list[str]]:
    """The cells as shown and the prose problems, once the page shows what it should (jupyterlab-myst
    renders cells asynchronously, and again as their expressions are evaluated), or the problems
    still left after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        cells = page.evaluate(CELLS_JS)
        problems = myst_problems(where, notebook, page) + prose_problems(where, notebook, cells)
        if not problems or time.monotonic() > deadline:
            return cells, problems
        page.wait_for_timeout(500)


def myst_problems(where: str, notebook: dict, page) -> list[str]:
    """jupyterlab-myst is active: every admonition and dropdown renders as a box (an aside or a
    details element); without it they are code blocks."""
    expected = directives(notebook)
    found = page.locator(f"{NOTEBOOK} aside.myst-admonition, {NOTEBOOK} .jp-MarkdownCell details").count()
    if found < expected:
        return [
            f"{where}: {found} of {expected} admonitions and dropdowns rendered as boxes (is jupyterlab-myst active?)"
        ]
    return []


def run_all(page, code_cells: int) -> None:
    """Run > Run All Cells, then wait until every code cell whose input shows (``code_cells`` of
    them; a collapsed cell shows no prompt) has an execution count, or an error stopped the run
    (JupyterLab leaves the cells below it unrun; the caller reports both), and the kernel is idle."""
    page.locator("#jp-MainMenu").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu-content").get_by_text("Run All Cells", exact=True).click()
    page.wait_for_function(
        """([selector, n]) => {
            const prompts = Array.from(document.querySelectorAll(selector + ' .jp-CodeCell .jp-InputArea .jp-InputPrompt'))
                .map(p => p.innerText.trim());
            // An error (rendered as stderr) with nothing queued: the run stopped there.
            const stopped = document.querySelector(selector + ' [data-mime-type="application/vnd.jupyter.stderr"]')
                && !prompts.includes('[*]:');
            return prompts.length === n && (stopped || prompts.every(p => /^\\[\\d+\\]:$/.test(p)));
        }""",
        arg=[NOTEBOOK, code_cells],
        timeout=RUN_TIMEOUT,
    )
    wait_idle(page, RUN_TIMEOUT)


def prose_problems(where: str, notebook: dict, cells: list[dict]) -> list[str]:
    """Raw MyST and missing {eval} numbers in the rendered markdown cells."""
    problems = []
    kinds = [c["cell_type"] for c in notebook["cells"]]
    if [c["kind"] for c in cells] != kinds:
        return [f"{where}: JupyterLab shows {len(cells)} cells, the notebook has {len(kinds)} (windowing?)"]
    for index, (cell, shown) in enumerate(zip(notebook["cells"], cells)):
        if cell["cell_type"] != "markdown":
            continue
        text = shown["text"]
        if not text.strip() and source(cell).strip():
            problems.append(f"{where}, cell {index}: the markdown cell is not rendered")
        for raw in RAW_MYST.finditer(text):
            context = text[max(0, raw.start() - 40) : raw.end() + 40].replace("\n", " ")
            problems.append(f"{where}, cell {index}: raw MyST {raw.group()!r} in '…{context}…'")
        flat = " ".join(text.split())
        for expression, value in stored_numbers(cell):
            if " ".join(value.split()) not in flat:
                problems.append(f"{where}, cell {index}: {{eval}}`{expression}` should read {value!r}; not in the text")
    return problems


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_in_jupyterlab(lab, browser, path):
    problems = notebook_problems(lab, browser, f"notebooks/{path.name}", json.loads(path.read_text()), path.stem)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_exercise_notebook_in_jupyterlab(lab, browser, path):
    problems = notebook_problems(
        lab, browser, f"exercises/{path.name}", json.loads(path.read_text()), f"exercise-{path.stem}"
    )
    assert not problems, "\n".join(problems)


def test_an_error_in_a_notebook_is_reported(lab, browser, tmp_path):
    """The run check can fail: a cell that raises is reported, and so is the cell it left unrun."""
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"c{k}", "metadata": {}, "outputs": [], "source": code}
        for k, code in enumerate(["x = 1", "x / 0", "y = 2"])
    ]
    notebook = {
        "cells": cells,
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
    }
    path = lab.root / "notebooks" / "zz-raises.ipynb"
    path.write_text(json.dumps(notebook))
    try:
        problems = notebook_problems(lab, browser, "notebooks/zz-raises.ipynb", notebook, None, save=False)
    finally:
        path.unlink()
    assert any("cell 1: error output" in p and "ZeroDivisionError" in p for p in problems), problems
    assert any("cell 2: not run by Run All" in p for p in problems), problems


def notebook_problems(lab: Lab, browser, relative: str, notebook: dict, shots: str | None, save: bool = True):
    """Everything wrong with one notebook in JupyterLab (see the module docstring), as sentences;
    screenshots before and after the run go to SHOTS/``shots``-before.png and -after.png."""
    code_cells = sum(c["cell_type"] == "code" for c in notebook["cells"])
    shown_code = sum(c["cell_type"] == "code" and not collapsed(c) for c in notebook["cells"])
    console: list[str] = []
    page = open_notebook(browser, lab, relative, console)
    try:
        problems = settled(page, f"{relative} as opened", notebook)[1]
        problems += before_run_problems(page, relative, notebook, console)
        screenshot(page, shots, "before")
        figure = page.locator(f"{NOTEBOOK} .jp-Cell-outputArea img")
        if figure.count():  # and the first figure, as the learner scrolls to it before running
            figure.first.scroll_into_view_if_needed()
            screenshot(page, shots, "before-figure")
        if code_cells:
            run_all(page, shown_code)
        cells, after = settled(page, f"{relative} after Run All", notebook)
        problems += after
        for index, (cell, committed) in enumerate(zip(cells, notebook["cells"])):
            problems += [f"{relative}, cell {index}: error output after Run All: {e}" for e in cell["errors"]]
            # A collapsed cell shows no prompt: saving checks that it ran (save_problems).
            if cell["kind"] == "code" and not collapsed(committed) and not re.fullmatch(r"\[\d+\]:", cell["prompt"]):
                problems.append(f"{relative}, cell {index}: not run by Run All (prompt {cell['prompt']!r})")
        problems += widget_problems(page, relative, widgets(notebook))
        screenshot(page, shots, "after")
        if save:
            problems += save_problems(page, lab, relative)
        return problems
    finally:
        page.close()
        lab.shut_down_kernels()


def collapsed(cell: dict) -> bool:
    """A cell whose input JupyterLab shows collapsed (tools/learner_notebooks.py collapses plumbing)."""
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def screenshot(page, name: str | None, when: str) -> None:
    if name:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{when}.png"), full_page=False)


#: Per output area of the open notebook: how many images it shows (loaded, with pixels) and its text.
OUTPUTS_JS = """(selector) => Array.from(document.querySelectorAll(selector + ' .jp-Cell-outputArea')).map(area => ({
  images: Array.from(area.querySelectorAll('img')).filter(i => i.complete && i.naturalWidth > 0).length
          + area.querySelectorAll('.jp-RenderedSVG svg').length,
  text: area.innerText,
}))"""

#: The text of every rendered markdown cell, and the warning markers jupyterlab-myst draws for an
#: unresolved citation or cross-reference.
PROSE_JS = """(selector) => Array.from(document.querySelectorAll(selector + ' .jp-MarkdownCell')).map(c => ({
  text: (c.querySelector('.jp-MarkdownOutput, .myst') || {innerText: ''}).innerText,
  titles: Array.from(c.querySelectorAll('[title]')).map(e => e.getAttribute('title')).join(' | '),
}))"""


def committed_figures(notebook: dict) -> int:
    """Image outputs a learner should see before running: every PNG or SVG not in a hidden output."""
    return sum(
        bool({"image/png", "image/svg+xml"} & set(output.get("data", {})))
        for cell in notebook["cells"]
        if not cell.get("metadata", {}).get("jupyter", {}).get("outputs_hidden")
        for output in cell.get("outputs", [])
    )


def bibliography_keys() -> set[str]:
    return set(re.findall(r"^@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text(), re.M))


def before_run_problems(page, where: str, notebook: dict, console: list[str]) -> list[str]:
    """What a learner sees before running (item 0 of the module docstring)."""
    problems = []
    expected = committed_figures(notebook)
    page.wait_for_function(
        """([selector, n]) => Array.from(document.querySelectorAll(selector + ' .jp-Cell-outputArea img'))
             .filter(i => i.complete && i.naturalWidth > 0).length >= n""",
        arg=[NOTEBOOK, expected],
        timeout=OPEN_TIMEOUT,
    ) if expected else None
    areas = page.evaluate(OUTPUTS_JS, NOTEBOOK)
    shown = sum(area["images"] for area in areas)
    if shown < expected:
        problems.append(f"{where} before running: {shown} of {expected} committed figures show as images")
    problems += [
        f"{where} before running: a figure reads {line.strip()!r}"
        for area in areas
        for line in area["text"].splitlines()
        if line.strip().startswith("<Figure size")
    ]
    keys = bibliography_keys()
    for index, cell in enumerate(page.evaluate(PROSE_JS, NOTEBOOK)):
        for field in ("text", "titles"):
            if "⚠" in cell[field]:
                at = cell[field].index("⚠")
                problems.append(f"{where}, markdown cell {index}: a warning sign in '…{cell[field][at : at + 60]}…'")
        bare = keys & set(re.findall(r"[a-z]+\d{4}[a-z]?", cell["text"]))
        if bare:
            problems.append(f"{where}, markdown cell {index}: bare bibliography keys {sorted(bare)}")
    if page.locator(f"{TAB}.jp-mod-dirty").count():
        problems.append(f"{where}: marked modified as soon as it opened")
    problems += [f"{where} console: {message}" for message in console]
    return problems


#: The tab of the open notebook.
TAB = ".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current"


def save_problems(page, lab: Lab, relative: str) -> list[str]:
    """File > Save Notebook, then what `git status` of the clone says changed (step 6)."""
    before = lab.api("GET", f"api/contents/{relative}?content=0")["last_modified"]
    page.locator(f"{NOTEBOOK} .jp-Notebook").click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while lab.api("GET", f"api/contents/{relative}?content=0")["last_modified"] == before:
        if time.monotonic() > deadline:
            return [f"{relative}: Ctrl+S did not save the notebook within 30 s"]
        page.wait_for_timeout(200)
    saved = lab.api("GET", f"api/contents/{relative}")["content"]
    unrun = [i for i, c in enumerate(saved["cells"]) if c["cell_type"] == "code" and not c.get("execution_count")]
    problems = (
        [f"{relative}: cells {unrun} were not run by Run All (saved without an execution count)"] if unrun else []
    )
    changed = lab.changed()
    allowed = {relative} if relative.startswith("exercises/") else set()
    problems += [
        f"{relative}: saving after Run All changed {line!r} in the clone (git status)"
        for line in changed
        if line[3:] not in allowed
    ]
    if problems:
        problems.append(lab.git("diff", "--stat") + "\n" + lab.git("diff")[:3000])
    lab.git("checkout", "--", ".")  # the next notebook starts from a clean clone
    return problems


def widget_problems(page, where: str, expected: int) -> list[str]:
    """Move the first slider of each widget one step (keyboard) and wait for its figure to change."""
    views = page.locator(f"{NOTEBOOK} .jp-OutputArea-output .widget-vbox:not(.widget-vbox .widget-vbox)")
    if views.count() != expected:
        return [f"{where}: {views.count()} widgets after Run All, the notebook has {expected}"]
    problems = []
    for k in range(expected):
        view = views.nth(k)
        view.scroll_into_view_if_needed()
        figure = view.locator(".widget-output")
        before = figure.inner_html()
        if "<img" not in before and "<svg" not in before:
            problems.append(f"{where}, widget {k + 1}: no figure before the slider moved")
            continue
        if view.locator(".widget-slider .noUi-handle").count() == 0:
            problems.append(f"{where}, widget {k + 1}: no slider to move")
            continue
        handle = view.locator(".widget-slider .noUi-handle").first
        readout = view.locator(".widget-slider .widget-readout").first
        value = readout.inner_text()
        handle.focus()
        page.keyboard.press("ArrowRight")
        if readout.inner_text() == value:  # the slider was at its maximum
            page.keyboard.press("ArrowLeft")
        try:
            page.wait_for_function(
                "([el, old]) => el.innerHTML !== old && /<img|<svg/.test(el.innerHTML)",
                arg=[figure.element_handle(), before],
                timeout=REDRAW_TIMEOUT,
            )
        except Exception:  # noqa: BLE001 (Playwright's TimeoutError): report, do not stop
            problems.append(
                f"{where}, widget {k + 1}: the figure did not change after the slider moved "
                f"({value} -> {readout.inner_text()})"
            )
    return problems


def worked_answer(master: Path, name: str) -> str:
    """The worked solution's own line `name = ...  # SOLUTION` in a master, without the marker."""
    line = re.search(rf"^{name} = (.+?)\s+# SOLUTION$", master.read_text(), re.M)
    assert line, f"{master.name} has no one-line worked answer for {name}"
    return line.group(1)


def cell_index(notebook: dict, pattern: str) -> int:
    return next(
        i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code" and re.search(pattern, source(c), re.M)
    )


def test_exercise_feedback_in_jupyterlab(lab, browser):
    """Exercise 1.1 as a student does it: run the notebook, type a wrong answer (twice the worked
    solution's), run the check, then type the worked solution's own expression and run it again."""
    from scaling.exercises import grade

    path, exercise, name = ROOT / "exercises" / "01-power-laws.ipynb", "1.1", "answer_1_1"
    notebook = json.loads(path.read_text())
    answer_cell = cell_index(notebook, rf"^{name} = \.\.\.$")
    check_cell = cell_index(notebook, rf'^check\("{re.escape(exercise)}", {name}\)$')
    right = worked_answer(ROOT / "solutions" / path.name.replace(".ipynb", ".md"), name)
    page = open_notebook(browser, lab, f"exercises/{path.name}")
    try:
        run_all(page, sum(c["cell_type"] == "code" and not collapsed(c) for c in notebook["cells"]))
        cells = page.locator(f"{NOTEBOOK} .jp-Notebook-cell")
        feedback = cells.nth(check_cell).locator(".jp-OutputArea-output")
        assert feedback.inner_text().strip() == printed_check(exercise, ...)
        for typed in (f"2 * {right}", right):
            verdict = grade(exercise, eval(typed, {"__builtins__": {}}))  # our own master's arithmetic
            assert verdict.passed == (typed == right), f"{typed!r}: {verdict}"
            editor = cells.nth(answer_cell).locator(".cm-content")
            editor.click()
            page.keyboard.press("Control+A")
            page.keyboard.insert_text(f"{name} = {typed}")
            before = cells.nth(check_cell).locator(".jp-InputPrompt").inner_text()
            page.keyboard.press("Shift+Enter")  # runs the answer cell and selects the check cell
            page.keyboard.press("Shift+Enter")
            expected = printed_check(exercise, eval(typed, {"__builtins__": {}}))
            page.wait_for_function(
                "([prompt, old, output]) => prompt.innerText.trim() !== old && /^\\[\\d+\\]:$/.test(prompt.innerText.trim())"
                " && output.innerText.includes('Exercise')",
                arg=[
                    cells.nth(check_cell).locator(".jp-InputPrompt").element_handle(),
                    before,
                    cells.nth(check_cell).locator(".jp-OutputArea").element_handle(),
                ],
                timeout=RUN_TIMEOUT,
            )
            wait_idle(page, RUN_TIMEOUT)
            assert feedback.inner_text().strip() == expected, f"after typing {typed!r}"
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"exercise-{path.stem}-feedback.png"))
        page.close()
        lab.shut_down_kernels()


def printed_check(exercise: str, answer) -> str:
    """What ``check(exercise, answer)`` prints, run here in the test's own Python."""
    from scaling.exercises import check

    with contextlib.redirect_stdout(io.StringIO()) as out:
        check(exercise, answer)
    return out.getvalue().strip()


def test_the_page_checks_catch_raw_myst_and_missing_numbers():
    """The checks above can fail: raw roles, a fence, an unrendered cell and a missing number are
    reported; the rendered page of the same cell passes. (No browser needed.)"""
    cell = {
        "cell_type": "markdown",
        "source": "α = {eval}`alpha`",
        "metadata": {
            "user_expressions": [
                {"expression": "alpha", "result": {"status": "ok", "data": {"text/plain": "'0.076'"}, "metadata": {}}}
            ]
        },
    }
    notebook = {"cells": [cell, {"cell_type": "code", "source": "", "outputs": []}]}
    shown = lambda text: [{"kind": "markdown", "text": text}, {"kind": "code", "text": ""}]  # noqa: E731
    assert prose_problems("ch", notebook, shown("α = 0.076")) == []
    for text, problem in [
        ("α = {eval}`alpha`", "raw MyST"),
        ("α = 0.07", "should read '0.076'"),
        ("{glue:text}`alpha` 0.076", "raw MyST"),
        (":class: tip 0.076", "raw MyST"),
        ("```{admonition} 0.076", "raw MyST"),
        ("a {term}`power law` 0.076", "raw MyST"),
        ("{cite:p}`kaplan2020` 0.076", "raw MyST"),
        ("", "not rendered"),
    ]:
        assert any(problem in p for p in prose_problems("ch", notebook, shown(text))), text
    assert "windowing" in prose_problems("ch", notebook, shown("0.076")[:1])[0]
    assert (
        directives({"cells": [{"cell_type": "markdown", "source": "```{admonition} A\n```\n```{dropdown} B\n```"}]})
        == 2
    )
