"""The whole book as one PDF: tools/book/build_book.py runs this after the web build, when Chromium is here.

The site's pages are joined, in reading order (each page's "next" link, from the home page), into one
HTML page, _build/print/book.html, whose ``<base>`` points at the built site so that its styles,
figures and MathJax load from there. Headless Chromium, driven by Playwright (which waits until
MathJax has typeset every formula), prints it to _build/html/scaling-laws.pdf
with the book's print stylesheet (the ``@media print`` rules of ``_static/book.css``): no sidebars
or buttons, a new page before each chapter, wide outputs wrapped, figures at the page's width.

Without Chromium (``chromium`` or ``chromium-browser`` on the PATH) or Playwright the step is
skipped with a message; the web book does not need it. Tested by tests/test_browser.py (the PDF exists, has a
plausible number of pages, and each chapter starts with its title).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

PDF_NAME = "scaling-laws.pdf"
ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
NEXT = re.compile(r'<a class="right-next"\s+href="([^"#]+)')
HEAD = re.compile(r"<head>(.*?)</head>", re.S)
#: How long loading the page and typesetting its formulas may take (ms).
TIMEOUT_MS = 300_000
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--no-first-run"]
MARGINS = {"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
#: True once MathJax has typeset the page (or when the page has no MathJax).
TYPESET_JS = """() => !window.MathJax || (MathJax.startup && MathJax.startup.promise
  && (MathJax.startup.promise.then(() => { window.typesetDone = true; }), window.typesetDone === true))"""


REDIRECT = re.compile(r'http-equiv="Refresh" content="0; url=([^"]+)"', re.I)


def reading_order(html: Path) -> list[Path]:
    """The site's pages from the home page, following each page's "next" link."""
    pages, page = [], html / "index.html"
    redirect = REDIRECT.search(page.read_text(encoding="utf-8"))
    if redirect:  # Jupyter Book's index.html only redirects to the first page
        page = (html / redirect.group(1)).resolve()
    while page.is_file() and page not in pages:
        pages.append(page)
        found = NEXT.search(page.read_text(encoding="utf-8"))
        if not found:
            break
        page = (page.parent / found.group(1)).resolve()
    return pages


def from_root(text: str, page: Path, html: Path) -> str:
    """``text`` of ``page`` with its relative links ("../_static/...") rewritten against the site's root."""
    depth = len(page.relative_to(html).parts) - 1
    return re.sub(r'((?:src|href)=")(?:\.\./){' + str(depth) + "}", r"\1", text) if depth else text


def article(page: Path, html: Path) -> str:
    """A page's article (its text, figures and outputs, without the theme's frame)."""
    found = ARTICLE.search(page.read_text(encoding="utf-8"))
    return from_root(found.group(1), page, html) if found else ""


def combined_page(html: Path) -> str:
    """One HTML page holding every page's article, each in a ``section.print-chapter``."""
    html = html.resolve()
    pages = reading_order(html)
    head = from_root(HEAD.search(pages[0].read_text(encoding="utf-8")).group(1), pages[0], html)
    base = html.as_uri() + "/"
    sections = [f'<section class="print-chapter">{article(page, html)}</section>' for page in pages]
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><base href="{base}">{head}</head>\n'
        f'<body class="print-book"><main role="main">{"".join(sections)}</main></body></html>\n'
    )


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_book(html: Path) -> Path | None:
    """Write the PDF into the site; return its path, or None (with a message) when it cannot."""
    browser = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if browser is None or sync_playwright is None:
        print("No Chromium (or no Playwright to drive it): the whole-book PDF is skipped.")
        return None
    page_file = html.parent / "print" / "book.html"
    page_file.parent.mkdir(parents=True, exist_ok=True)
    page_file.write_text(combined_page(html), encoding="utf-8")
    pdf = html / PDF_NAME
    pdf.unlink(missing_ok=True)
    with sync_playwright() as playwright:
        chrome = playwright.chromium.launch(executable_path=browser, args=CHROMIUM_ARGS)
        page = chrome.new_page()
        page.emulate_media(media="print")
        page.goto(page_file.as_uri(), wait_until="networkidle", timeout=TIMEOUT_MS)
        # MathJax typesets after the page has loaded: wait until it has finished.
        page.wait_for_function(TYPESET_JS, timeout=TIMEOUT_MS)
        page.pdf(path=str(pdf), format="A4", margin=MARGINS, print_background=True)
        chrome.close()
    print(f"The whole book as one PDF: {pdf} ({pdf_pages(pdf)} pages)")
    return pdf


def pdf_pages(pdf: Path) -> int:
    """The number of pages of a PDF that Chromium wrote (its page objects are plain text)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
