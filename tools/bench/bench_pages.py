"""`make bench` section: the weight of each page of the built book (target: a chapter under 2 MB).

A page weighs what a browser downloads to show it: the HTML and every file it then fetches from
the site (scripts, stylesheets, fonts, figures, and the MathJax components it loads on demand),
uncompressed. Measured in headless Chromium when it is installed (the same one the browser test
uses); otherwise estimated from the files the HTML names, without MathJax's on-demand parts.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import tempfile
import threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
TARGET_BYTES = 2_000_000


def page_files() -> list[Path]:
    return [HTML / "index.html", *sorted((HTML / "notebooks").glob("[0-9][0-9]-*.html"))]


def static_weight(page: Path) -> int:
    """Bytes of the page and of the local files its HTML names (scripts, stylesheets, images)."""
    html = page.read_text(encoding="utf-8")
    total = len(html.encode())
    seen = set()
    for ref in re.findall(r'(?:src|href)="([^"#?]+)[^"]*"', html):
        if ref.startswith(("http:", "https:", "mailto:")) or not ref.endswith(
            (".js", ".css", ".svg", ".png", ".woff2")
        ):
            continue
        target = (page.parent / ref).resolve()
        if target.is_file() and target not in seen:
            seen.add(target)
            total += target.stat().st_size
    return total


def browser_weights(pages: list[Path]) -> dict[Path, int] | None:
    """Bytes each page downloads in headless Chromium, or None when Chromium is missing."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    weights = {}
    try:
        with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=executable,
                headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for path in pages:
                page = context.new_page()
                sizes = {}
                page.on("response", lambda r, sizes=sizes: r.url.startswith(origin) and sizes.setdefault(r.url, r))
                page.goto(urljoin(origin, str(path.relative_to(HTML))), wait_until="networkidle")
                if page.locator(".math").count():  # MathJax fetches its fonts and extensions as it typesets
                    page.wait_for_function(
                        "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000
                    )
                    page.evaluate("() => MathJax.startup.promise")
                    page.wait_for_timeout(500)
                weights[path] = sum(_local_size(url) for url in sizes)
                page.close()
            context.close()
    finally:
        server.shutdown()
    return weights


def _local_size(url: str) -> int:
    target = HTML / urlparse(url).path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target.stat().st_size if target.is_file() else 0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def run() -> list[tuple[str, str]]:
    if not (HTML / "index.html").exists():
        return [("page weight", "no built book (run `make book`)")]
    pages = page_files()
    measured = browser_weights(pages)
    how = "as loaded in Chromium" if measured is not None else "HTML and the files it names"
    rows = []
    for page in pages:
        size = measured[page] if measured is not None else static_weight(page)
        verdict = "ok" if size < TARGET_BYTES else "OVER TARGET"
        rows.append((f"page weight: {page.stem}", f"{size / 1e6:.2f} MB ({verdict}, target < 2 MB; {how})"))
    return rows


if __name__ == "__main__":
    for label, value in run():
        print(f"  {label:<48} {value}")
