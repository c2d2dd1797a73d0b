"""Every page of the built book, opened in headless Chromium from a local server, at a desktop
width (1366 px) and a phone width (390 px).

Asserts, per page and width: a title; math typeset by MathJax (no raw TeX delimiters left); every
image loaded; no request to the local server failed; no request left the machine (when built with
npm); every internal link resolves; no console error at all; nothing wider than the column except
boxes that scroll sideways; every image with real alt text (not a file path) and a caption; every
image shown within the screen and, on a phone, openable full size by a tap; figure text at least 9 CSS
px at both widths (a multi-panel figure's panels are stacked on a phone; a one-panel figure is drawn
narrow enough to fit a phone's column, scaling/plots/style.py); no serious or critical axe-core violation; each chapter page (and the home page) under the weight budget of
tools/bench/bench_pages.py, counting every local file the browser fetched once MathJax is done. Saves a
full-page screenshot of each page in _build/screenshots/<width>/. Chromium is Debian's `chromium`
(installed by .ci/run); Playwright drives it (the `browser` fixture of tests/conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tools.bench.bench_pages import TARGET_BYTES

ROOT = Path(__file__).resolve().parent.parent

SCREENSHOTS = ROOT / "_build" / "screenshots"


WIDTHS = (1366, 390)
#: The smallest figure text a reader should have to read, in CSS px, at every width: on a phone a
#: multi-panel figure's panels are shown stacked (tools/book/phone_figures.py) and a one-panel figure is
#: drawn scaling.plots.style.ONE_PANEL_WIDTH inches wide, so that it fits the column legibly.
MIN_FIGURE_TEXT_PX = 9.0


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(html: Path) -> list[str]:
    skip = {"genindex.html", "search.html"}
    return sorted(
        str(p.relative_to(html))
        for p in html.rglob("*.html")
        if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
    )


def visit(browser, url: str, origin: str, width: int = 1366) -> dict:
    """Open one page at ``width`` CSS px; record console errors, failed local requests and requests
    leaving the machine."""
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    record = {"errors": [], "failed": [], "external": [], "fetched": set()}
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("requestfailed", lambda r: record["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and record["failed"].append(f"{r.status} {r.url}"))
    page.on("response", lambda r: r.url.startswith(origin) and record["fetched"].add(r.url))

    def route(request_route):
        if request_route.request.url.startswith(origin) or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            record["external"].append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="networkidle")
    record["page"] = page
    return record


#: Elements of the article wider than its column, outermost first, unless a box on the way up
#: scrolls sideways. MathJax's hidden assistive MathML is skipped (it is clipped on purpose).
OVERFLOW_JS = """() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  if (!article) return [];
  const box = article.getBoundingClientRect();
  const scrolls = el => { const o = getComputedStyle(el).overflowX; return o === 'auto' || o === 'scroll'; };
  const out = [];
  for (const el of article.querySelectorAll('*')) {
    if (el.closest('mjx-assistive-mml')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right <= box.right + 1 && r.left >= box.left - 1) continue;
    let up = el.parentElement, inside = false, reported = false;
    while (up && up !== article) {
      if (scrolls(up)) { inside = true; break; }
      if (up.dataset.wideReported) { reported = true; break; }
      up = up.parentElement;
    }
    if (inside || reported) continue;
    el.dataset.wideReported = '1';
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
    out.push(`${name} is ${Math.round(r.width)} px in a ${Math.round(box.width)}-px column: ${(el.innerText || '').trim().slice(0, 60)}`);
  }
  return out;
}"""

#: Every image of the article: its source, alt text, caption, rendered and natural widths.
IMAGES_JS = """() => Array.from(document.querySelectorAll('article img')).map(img => {
  const figure = img.closest('figure');
  const caption = figure && figure.querySelector('figcaption');
  const r = img.getBoundingClientRect();
  return {src: img.getAttribute('src') || '', alt: (img.getAttribute('alt') || '').trim(),
          caption: caption ? caption.innerText.trim() : '', width: r.width, left: r.left, right: r.right,
          natural: img.naturalWidth, shown: r.width > 0 && getComputedStyle(img).display !== 'none',
          tappable: !!img.closest('a[href]') || !!(figure && figure.querySelector('a.phone-panels'))};
})"""


def svg_text_scale(svg: Path) -> tuple[float, float]:
    """(smallest font size, viewBox width) of a matplotlib SVG, both in its user units."""
    text = svg.read_text(encoding="utf-8")
    sizes = [float(x) for x in re.findall(r"font-size:\s*([0-9.]+)px", text)]
    sizes += [float(x) for x in re.findall(r"font:\s*(?:[a-z]+\s+)*([0-9.]+)px", text)]
    view = re.search(r'viewBox="[0-9.]+ [0-9.]+ ([0-9.]+) [0-9.]+"', text)
    return (min(sizes) if sizes else 0.0), (float(view.group(1)) if view else 0.0)


#: A panel's crop of its figure file (tools/book/phone_figures.py): "#svgView(viewBox(x,y,width,height))".
SVG_VIEW = re.compile(r"#svgView\(viewBox\(([-0-9.]+),([-0-9.]+),([-0-9.]+),([-0-9.]+)\)\)$")


def image_problems(where: str, images: list[dict], page_url: str, html: Path, viewport: int) -> list[str]:
    """Alt text, captions, legible figure text and, for what is shown, a fit in the screen (see the
    module docstring). A figure hidden at this width (the whole figure on a phone, when its panels
    are shown stacked; the panels on a desktop) is checked for alt text and caption only."""
    problems = []
    for image in images:
        view = SVG_VIEW.search(image["src"])
        image = {**image, "src": SVG_VIEW.sub("", image["src"])}
        name = image["src"].rsplit("/", 1)[-1]
        alt = image["alt"]
        if not alt or (" " not in alt and "/" in alt) or re.search(r"\.(png|svg|jpe?g|gif)$", alt, re.I) or alt == name:
            problems.append(f"{where}: image {name} has no real alt text ({alt!r})")
        if not image["caption"]:
            problems.append(f"{where}: image {name} has no caption")
        if not image["shown"]:
            continue
        if image["left"] < -1 or image["right"] > viewport + 1:
            problems.append(
                f"{where}: image {name} runs off the screen ({image['left']:.0f} to {image['right']:.0f} px)"
            )
        if name.endswith(".svg"):
            target = html / urlparse(urljoin(page_url, image["src"])).path.lstrip("/")
            smallest, view_width = svg_text_scale(target)
            if view:
                view_width = float(view.group(3))
            if smallest and view_width and smallest * image["width"] / view_width < MIN_FIGURE_TEXT_PX:
                problems.append(f"{where}: text of {name} is {smallest * image['width'] / view_width:.1f} CSS px")
            if smallest and view_width and viewport < 700 and not image["tappable"]:
                problems.append(f"{where}: {name} cannot be tapped open at full size")
        elif image["natural"] and image["width"] < image["natural"] / 2 - 1:
            problems.append(
                f"{where}: {name} is drawn at {image['width']:.0f} px of {image['natural']} (text too small)"
            )
    return problems


def weight(html: Path, urls) -> int:
    """Bytes of the site's files behind ``urls`` (uncompressed, each file once)."""
    files = set()
    for url in urls:
        target = html / urlparse(url).path.lstrip("/")
        files.add(target / "index.html" if target.is_dir() else target)
    return sum(f.stat().st_size for f in files if f.is_file())


def is_chapter(relative: str) -> bool:
    return relative == "index.html" or re.fullmatch(r"notebooks/\d\d-[\w-]+\.html", relative) is not None


#: axe-core, the accessibility engine, from the npm registry (pinned: its rules change between minors).
AXE_VERSION = "4.14.1"
#: The impacts a page may not have (axe's "moderate" and "minor" are reported in the note only).
AXE_FORBIDDEN = ("serious", "critical")


@pytest.fixture(scope="module")
def axe_script() -> Path | None:
    """axe-core's script, installed with npm into _build/axe (once). Missing npm skips the
    accessibility check, except under CI=1 (.ci/run's machines have Node.js)."""
    script = ROOT / "_build" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("npm is missing: the accessibility check installs axe-core with it.")
            return None
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(script.parents[2]),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
        )
    return script


def axe_problems(page, script: Path | None, where: str) -> list[str]:
    """Serious and critical accessibility violations axe-core finds on the open page."""
    if script is None:
        return []
    page.add_script_tag(path=str(script))
    found = page.evaluate(
        """async () => (await axe.run(document)).violations.map(v =>
             ({id: v.id, impact: v.impact, count: v.nodes.length, html: v.nodes[0].html.slice(0, 120)}))"""
    )
    return [
        f"{where}: axe {v['impact']} {v['id']} on {v['count']} element(s), e.g. {v['html']}"
        for v in found
        if v["impact"] in AXE_FORBIDDEN
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_in_a_browser(built_book, server, browser, width, axe_script):
    shots = SCREENSHOTS / str(width)
    shots.mkdir(parents=True, exist_ok=True)
    offline = (built_book / "_static" / "mathjax" / "startup.js").exists()
    problems = []
    for relative in pages(built_book):
        url = urljoin(server, relative)
        record = visit(browser, url, server, width)
        page = record["page"]
        where = f"{relative} at {width} px"
        if not page.title().strip():
            problems.append(f"{where}: no title")
        math = page.locator(".math").count()
        if math:
            # MathJax resolves startup.promise once the first typesetting pass is complete.
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000)
            page.evaluate("() => MathJax.startup.promise")
            typeset = page.locator(".math mjx-container, mjx-container.MathJax").count()
            if typeset < math:
                problems.append(f"{where}: {math - typeset} of {math} formulas were not typeset")
            for error in page.locator("mjx-merror").all_inner_texts():
                problems.append(f"{where}: MathJax could not typeset a formula: {error[:80]}")
            text = page.locator("article").inner_text()
            if "\\(" in text or "$$" in text:
                problems.append(f"{where}: raw TeX left in the text")
        if is_chapter(relative):
            page.wait_for_timeout(300)  # the MathJax fonts of the last formulas
            size = weight(built_book, record["fetched"])
            if size >= TARGET_BYTES:
                problems.append(f"{where}: the page weighs {size / 1e6:.2f} MB (budget {TARGET_BYTES / 1e6:g} MB)")
        broken = page.evaluate(
            "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        problems += [f"{where}: image did not load: {src}" for src in broken]
        problems += [f"{where}: local request failed: {u}" for u in record["failed"]]
        problems += [f"{where}: console error: {e}" for e in record["errors"]]
        if offline:
            problems += [f"{where}: request left the machine: {u}" for u in record["external"]]
        problems += [f"{where}: {wide}" for wide in page.evaluate(OVERFLOW_JS)]
        problems += image_problems(where, page.evaluate(IMAGES_JS), url, built_book, width)
        if width == WIDTHS[0]:
            for href in page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"):
                if href.startswith(server):
                    target = built_book / urlparse(href).path.lstrip("/")
                    if target.is_dir():
                        target = target / "index.html"
                    if not target.exists():
                        problems.append(f"{where}: broken internal link {href}")
        page.screenshot(path=str(shots / (relative.replace("/", "__").removesuffix(".html") + ".png")), full_page=True)
        problems += axe_problems(page, axe_script, where)
        page.close()
    assert not problems, "\n".join(problems)


#: TeX a search snippet must not show (tools/book/web_static/search_plain_math.js rewrites formulas).
RAW_TEX = re.compile(r"\\[()\[\]]|\\(?:alpha|beta|frac|text|propto|approx|times|mathrm|left|right)\b")


def test_search_snippets_show_no_raw_tex(built_book, server, browser):
    """Results for "exponents" include chapter 3's formulas for a_N and b_D: as plain text."""
    record = visit(browser, urljoin(server, "search.html?q=exponents"), server)
    page = record["page"]
    page.wait_for_function("() => document.querySelectorAll('ul.search li p.context').length >= 3", timeout=30_000)
    page.wait_for_load_state("networkidle")
    snippets = page.locator("ul.search li p.context").all_inner_texts()
    page.close()
    assert any("a_N" in s and "α" in s for s in snippets), snippets
    assert not [s for s in snippets if RAW_TEX.search(s)], [s for s in snippets if RAW_TEX.search(s)]
    assert not record["errors"], record["errors"]


#: Marks of a snippet cut from code, a printed output or a page's contents list (not prose).
NOT_PROSE = re.compile(r"^\s*(?:import |from \w+ import)|\bimport scaling\b|Training plan|Summary Exercises References")

#: For every search mark inside ``root``: the mark and the characters just before and after it.
MARKS_JS = """root => [...document.querySelectorAll(root + ' span.highlighted')].map(m => {
  const text = m.parentElement.textContent;
  let before = '', after = '';
  for (let n = m.previousSibling; n && !before; n = n.previousSibling) before = (n.textContent || '').slice(-1);
  for (let n = m.nextSibling; n && !after; n = n.nextSibling) after = (n.textContent || '').slice(0, 1);
  return [before, m.textContent, after];
})"""


def inside_words(marks) -> list:
    """Marks that are part of a longer word (a letter or digit touches them)."""
    return [m for m in marks if re.match(r"\w", m[0]) or re.match(r"\w", m[2])]


def test_search_shows_prose_with_whole_word_marks_and_a_clear_icon(built_book, server, browser):
    """At 390 px: snippets come from prose (tools/book/web_static/search_plain_math.js), the magnifying glass
    sits left of the typed text (book.css), marks cover whole words, in the results and on the page a
    result opens, and not on the page after it (tools/book/web_static/search_highlight.js)."""
    record = visit(browser, urljoin(server, "search.html?q=loss"), server, 390)
    page = record["page"]
    page.wait_for_function("() => document.querySelectorAll('ul.search li p.context').length >= 8", timeout=30_000)
    page.wait_for_load_state("networkidle")
    snippets = page.locator("ul.search li p.context").all_inner_texts()
    assert not [s for s in snippets if NOT_PROSE.search(s)], [s for s in snippets if NOT_PROSE.search(s)]
    icon, text_start = page.evaluate(
        """() => { const form = [...document.querySelectorAll('form.bd-search')].find(f => f.offsetParent);
             const input = form.querySelector('input'), glass = form.querySelector('.fa-magnifying-glass');
             return [glass.getBoundingClientRect().right,
                     input.getBoundingClientRect().left + parseFloat(getComputedStyle(input).paddingLeft)]; }"""
    )
    assert icon <= text_start, f"the search icon ends at {icon:.0f} px, the typed text starts at {text_start:.0f} px"
    page.close()

    record = visit(browser, urljoin(server, "search.html?q=fit"), server, 390)
    page = record["page"]
    page.wait_for_function("() => document.querySelectorAll('ul.search li p.context').length >= 5", timeout=30_000)
    page.wait_for_load_state("networkidle")
    marks = page.evaluate(MARKS_JS, "ul.search")
    assert marks and not inside_words(marks), inside_words(marks)
    page.locator("ul.search li > a", has_text="Power laws").first.click()
    page.wait_for_url(re.compile(r"01-power-laws\.html"), timeout=10_000)
    page.wait_for_timeout(300)
    marks = page.evaluate(MARKS_JS, "[role=main]")
    assert marks and not inside_words(marks), inside_words(marks)
    page.locator("a.right-next").first.click()
    page.wait_for_url(re.compile(r"02-kaplan\.html"), timeout=10_000)
    page.wait_for_timeout(300)
    assert page.locator("[role=main] span.highlighted").count() == 0, "the search marks carried to the next page"
    page.close()
    assert not record["errors"], record["errors"]


def test_exercise_numbers_are_printed_once(built_book, server, browser):
    """Chapter 3's exercises read "3.1 The compute-optimal size...", not "1. 3.1 ..." (tools/book/book_web.py
    marks lists whose items carry their own numbers; book.css hides the list's)."""
    record = visit(browser, urljoin(server, "notebooks/03-chinchilla.html"), server)
    page = record["page"]
    marker, first = page.evaluate(
        """() => { const item = document.querySelector('section#exercises ol > li');
             return [getComputedStyle(item).listStyleType, item.innerText.trim().slice(0, 4)]; }"""
    )
    page.close()
    assert first == "3.1 ", first
    assert marker == "none", f"the list also numbers its items ({marker})"


#: What the print layout of the whole book shows (tools/book/print_book.py's page, print media): per chapter,
#: its first visible element and whether a page break comes before it; and outputs wider than the page.
PRINT_LAYOUT_JS = """() => {
  const chapters = [...document.querySelectorAll('section.print-chapter')].map(section => {
    const first = [...section.querySelectorAll('h1, h2, h3, p, li, pre, figure, img, table, dl')].find(el => el.getClientRects().length && (el.innerText || '').trim());
    return [first ? first.tagName : null, getComputedStyle(section).breakBefore, first ? first.innerText.trim().slice(0, 40) : ''];
  });
  const cut = [...document.querySelectorAll('pre, div.cell_output img')].filter(el => el.scrollWidth > el.clientWidth + 1
    || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length;
  return {chapters, cut};
}"""


def test_the_whole_book_prints_to_one_pdf(built_book, browser):
    """The build prints the book to _build/html/scaling-laws.pdf (tools/book/print_book.py): a plausible number
    of pages; in its print layout every chapter starts on a new page with its title (the theme's
    print-only contents block, which left chapter 3's first page nearly empty, is hidden) and no
    printed output or figure is wider than the page."""
    from tools.book import print_book

    pdf = built_book / print_book.PDF_NAME
    assert pdf.is_file(), "the build wrote no PDF"
    assert 100 <= print_book.pdf_pages(pdf) <= 500, print_book.pdf_pages(pdf)
    page = browser.new_page()
    page.set_viewport_size({"width": 700, "height": 1000})
    page.emulate_media(media="print")
    page.goto((built_book.parent / "print" / "book.html").as_uri(), wait_until="networkidle")
    layout = page.evaluate(PRINT_LAYOUT_JS)
    page.close()
    chapters = layout["chapters"]
    assert len(chapters) >= 10, chapters
    assert [c for c in chapters if c[0] != "H1"] == [], chapters
    assert [c for c in chapters[1:] if c[1] != "page"] == [], chapters
    assert chapters[3][2].startswith("3. Chinchilla"), chapters[3]
    assert layout["cut"] == 0, f"{layout['cut']} outputs or figures are wider than the printed page"
    # One chapter printed from the browser: no first page holding only the theme's title and contents.
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto((built_book / "notebooks" / "03-chinchilla.html").as_uri())
    shown = page.evaluate(
        "() => { const b = document.getElementById('jb-print-docs-body'); return !!b && !!b.offsetParent; }"
    )
    page.close()
    assert not shown, "printing chapter 3 starts with a page of only its title and contents"


def test_menus_open_and_navigate_on_a_phone(built_book, server, browser):
    """At 390 px, ☰ opens the chapter list and a chapter link in it opens that chapter; "on this page"
    opens the page's contents. (pydata-sphinx-theme 0.17 with sphinx-book-theme 1.3 bound both buttons'
    handlers to hidden copies: tools/book/web_static/theme_fixes.js passes the clicks on.)"""
    record = visit(browser, urljoin(server, "notebooks/03-chinchilla.html"), server, 390)
    page = record["page"]
    page.locator("button.primary-toggle:visible").first.click()
    chapters = page.locator("#pst-primary-sidebar-modal")
    chapters.wait_for(state="visible", timeout=5_000)
    link = chapters.get_by_role("link", name=re.compile(r"^4\. Llama"))
    assert link.is_visible()
    link.click()
    page.wait_for_url(re.compile(r"04-over-training\.html"), timeout=10_000)
    assert page.locator("h1").first.inner_text().startswith("4.")
    page.locator("button.secondary-toggle:visible").first.click()
    contents = page.locator("#pst-secondary-sidebar-modal")
    contents.wait_for(state="visible", timeout=5_000)
    assert contents.get_by_role("link", name="Summary").count() >= 1
    page.close()
    assert not record["errors"], record["errors"]


def test_sidebar_button_hides_and_shows_the_chapter_list_on_a_desktop(built_book, server, browser):
    record = visit(browser, urljoin(server, "notebooks/03-chinchilla.html"), server, 1366)
    page = record["page"]
    sidebar = page.locator("#pst-primary-sidebar")
    title = page.locator(".bd-sidebar-primary .navbar-brand").first
    header = page.locator("header.bd-header")
    assert not header.is_visible(), "the theme's top bar is back and covers the book title"
    assert title.bounding_box()["y"] >= 0
    assert "pst-sidebar-hidden" not in (sidebar.get_attribute("class") or "")
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_function(
        "() => document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
    )
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_function(
        "() => !document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
    )
    page.close()
    assert not record["errors"], record["errors"]


def test_inline_formulas_are_not_clipped(built_book, server, browser):
    """The theme clips span.math; chapter 3's B/D^β lost its exponent (book.css undoes it)."""
    record = visit(browser, urljoin(server, "notebooks/03-chinchilla.html"), server, 390)
    page = record["page"]
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000)
    page.evaluate("() => MathJax.startup.promise")
    clipped = page.evaluate(
        """() => Array.from(document.querySelectorAll('span.math')).filter(span => {
             const math = span.querySelector('mjx-container');
             if (!math) return false;
             const style = getComputedStyle(span);
             return (style.overflow === 'hidden' || style.overflowX === 'hidden')
                    && math.scrollWidth > span.clientWidth + 1;
           }).map(span => span.innerText.slice(0, 40))"""
    )
    page.close()
    assert not clipped, clipped


#: Printed outputs whose text runs past their box at this width (a value hidden off to the right).
HIDDEN_OUTPUT_JS = """() => Array.from(document.querySelectorAll('div.cell_output div.output pre'))
  .filter(pre => pre.scrollWidth > pre.clientWidth + 1)
  .map(pre => pre.innerText.split('\\n')[0].slice(0, 60))"""


def test_printed_outputs_show_their_values_on_a_phone(built_book, server, browser):
    """At 390 px the planner's plans and the chapters' text tables wrap inside the column (book.css):
    no printed value is hidden to the right of its box."""
    problems = []
    for relative in ("notebooks/planner.html", "notebooks/07-hardware-and-cost.html", "notebooks/03-chinchilla.html"):
        record = visit(browser, urljoin(server, relative), server, 390)
        page = record["page"]
        problems += [f"{relative}: {line}" for line in page.evaluate(HIDDEN_OUTPUT_JS)]
        page.close()
    assert not problems, "\n".join(problems)
