"""Build the web book into _build/html: `make book` and tests/test_book.py both run this.

The site is self-contained when npm is present: MathJax 3 is installed from the npm
registry into _build/mathjax and copied into the site, and the build points at that copy.
Without npm the pages load MathJax from its CDN, and the build says so. When Chromium is present
the build also prints the whole book to one PDF, _build/html/scaling-laws.pdf (tools/book/print_book.py).

A class with its own JupyterHub sets JUPYTERHUB_URL (`make book JUPYTERHUB_URL=https://hub.example.edu`):
every page then gets a JupyterHub launch button that pulls the repository with nbgitpuller.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tools.book import lean_site, print_book

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build"
MATHJAX_VERSION = "3"  # the npm major version; Sphinx 7 configures MathJax 3
MATHJAX_IN_SITE = "mathjax/startup.js"  # relative to _static/, as Sphinx's mathjax_path expects
#: The MathJax components a page loads: TeX input (with AMS, and autoload for any other package),
#: HTML-CSS output, and the hidden MathML that screen readers read. The combined tex-chtml.js
#: also carries the 0.43 MB right-click menu; without it a chapter page is about 0.5 MB lighter.
MATHJAX_COMPONENTS = ["input/tex", "output/chtml", "a11y/assistive-mml"]


def install_mathjax() -> Path | None:
    """Install MathJax with npm (once) and return its es5 folder, or None without npm."""
    npm = shutil.which("npm")
    if npm is None:
        print(
            "build_book: npm not found, so the pages will load MathJax from its CDN. "
            "Install Node.js (npm) for a self-contained site.",
            flush=True,
        )
        return None
    prefix = BUILD / "mathjax"
    es5 = prefix / "node_modules" / "mathjax" / "es5"
    if not (es5 / "startup.js").exists():
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(prefix),
                f"mathjax@{MATHJAX_VERSION}",
            ],
            check=True,
        )
    return es5


def build_config(local_mathjax: bool, jupyterhub_url: str) -> Path:
    """_config.yml plus this build's choices, written under _build (the source file stays as it is)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    # Jupyter Book resolves local extension folders against the config file's folder: this copy
    # lives in _build/, so make them absolute.
    extensions = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in extensions.items():
        extensions[name] = str((ROOT / folder).resolve())
    if local_mathjax:
        sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
        sphinx_config["mathjax_path"] = MATHJAX_IN_SITE
        mathjax = sphinx_config.setdefault("mathjax3_config", {}) or {}
        mathjax.setdefault("loader", {})["load"] = MATHJAX_COMPONENTS
        sphinx_config["mathjax3_config"] = mathjax
    if jupyterhub_url:
        config.setdefault("launch_buttons", {})["jupyterhub_url"] = jupyterhub_url
    path = BUILD / "_config.build.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def build(output: Path = ROOT) -> int:
    """Build the book into ``output``/_build/html; return the exit code of jupyter-book."""
    BUILD.mkdir(exist_ok=True)
    es5 = install_mathjax()
    config = build_config(es5 is not None, os.environ.get("JUPYTERHUB_URL", "").strip())
    command = [
        str(Path(sys.executable).with_name("jupyter-book")),
        "build",
        str(ROOT),
        "--warningiserror",
        "--keep-going",
        "--config",
        str(config),
        "--path-output",
        str(output),
    ]
    result = subprocess.run(command)
    html = output / "_build" / "html"
    if result.returncode == 0 and es5 is not None:
        shutil.copytree(es5, html / "_static" / "mathjax", dirs_exist_ok=True)
    if result.returncode == 0:
        lean_site.lean(html)
        print_book.print_book(html)
        print(f"The book is at {html / 'index.html'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT))
