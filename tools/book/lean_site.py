"""Trim the built site to what its pages use: tools/book/build_book.py runs this after jupyter-book.

Each step edits files under _build/html only (the themes' own files stay as installed) and
is safe to run twice. What a chapter page downloads, measured by tools/bench/bench_pages.py:

* ``drop_fontawesome_script``: the theme's 1.5 MB Font Awesome script (it only swaps the icon
  fonts' glyphs for inline SVG).
* ``drop_search_scripts``: pydata-sphinx-theme loads Sphinx's search tools and the whole search
  index (about 0.1 MB) on every page for its search-as-you-type option, which the book leaves
  off; only search.html uses them.
* ``subset_icon_fonts``: the Font Awesome web fonts (0.27 MB for the two a page fetches) are cut
  down to the icons the site names, and the stylesheet's table of the other ~1,900 icon classes
  (0.09 MB) goes with them.

Why here and not in a Sphinx ``html-page-context`` hook (where tools/book/book_web.py drops
sphinx-thebe's assets): a hook can only edit what the theme passes through the page context
(``script_files``, ``css_files``, ``body``). The two scripts dropped here are written into
pydata-sphinx-theme's templates themselves (``layout.html``'s ``extrahead`` block and
``static/webpack-macros.html``), so removing them before rendering would mean copying and
overriding those templates; the fonts and the stylesheet are files, not pages.
"""

from __future__ import annotations

import re
from pathlib import Path

FONTAWESOME_SCRIPT = re.compile(r'<script [^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>\s*')
SEARCH_SCRIPTS = re.compile(
    r'<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\s*'
)
#: The theme stylesheet that carries Font Awesome's @font-face rules and its icon table.
THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
#: One rule of the icon table: ``.fa-github:before{content:"\\f09b"}`` (aliases share a rule).
ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+::?before,?)+)\{content:"\\([0-9a-f]+) ?"\}')
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
FONT_FACE = re.compile(r"@font-face\{[^}]*src:url\(([^)]*/webfonts/)(fa-[a-z]+-[0-9]+)\.woff2\)[^}]*\}")
#: Unicode's private-use area, where Font Awesome puts its icons, plus the handful of icons
#: mapped to ASCII digits and letters (``.fa-0`` is "0").
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}) ?")


def _rewrite(pages, pattern: re.Pattern, keep=lambda page: False) -> int:
    """Delete ``pattern`` from every page except those ``keep`` accepts; return how many changed."""
    count = 0
    for page in pages:
        if keep(page):
            continue
        text = page.read_text(encoding="utf-8")
        lean = pattern.sub("", text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")
            count += 1
    return count


def html_pages(html: Path) -> list[Path]:
    return [p for p in html.rglob("*.html") if "_static" not in p.relative_to(html).parts]


def drop_fontawesome_script(html: Path) -> int:
    """Remove the theme's Font Awesome script from every page; return how many pages had it.

    pydata-sphinx-theme's stylesheet already draws every icon from Font Awesome's web fonts; the
    script only swaps those icons for inline SVG.
    """
    count = _rewrite(html_pages(html), FONTAWESOME_SCRIPT)
    for leftover in (html / "_static" / "scripts").glob("fontawesome.js*"):
        leftover.unlink()
    return count


def drop_search_scripts(html: Path) -> int:
    """Remove Sphinx's search scripts and index from every page but search.html; return how many changed.

    pydata-sphinx-theme's layout loads them everywhere so that its search-as-you-type box can work
    on any page; with ``search_as_you_type`` off (the theme's default, and the book's) its script
    returns before touching them, and the search box submits to search.html, which loads its own.
    """
    return _rewrite(html_pages(html), SEARCH_SCRIPTS, keep=lambda page: page.name == "search.html")


def used_icon_classes(html: Path) -> set[str]:
    """Every ``fa-*`` class named in the site's pages or scripts (MathJax aside)."""
    names: set[str] = set()
    files = html_pages(html) + [p for p in (html / "_static").rglob("*.js") if "mathjax" not in p.parts]
    for path in files:
        names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def icon_table(css: str) -> list[tuple[str, set[str], int]]:
    """The icon rules of ``css``: (rule text, its class names, its code point)."""
    return [(m.group(0), set(ICON_CLASS.findall(m.group(1))), int(m.group(2), 16)) for m in ICON_RULE.finditer(css)]


def css_code_points(css: str) -> set[int]:
    """Code points a stylesheet draws directly: ``content:"\\f107"`` escapes and literal private-use characters."""
    points = {int(h, 16) for h in CSS_ESCAPE.findall(css)}
    points |= {ord(c) for c in css if 0xE000 <= ord(c) <= 0xF8FF}
    return points


def subset_icon_fonts(html: Path) -> dict[str, int]:
    """Cut the Font Awesome fonts and icon table down to the icons the site uses.

    Keeps the icon rules whose classes a page or script names, and every code point that any
    stylesheet draws outside the table (admonition and "on this page" icons). Each font becomes a
    WOFF file with only those glyphs, and the @font-face rules point at it. Returns the bytes of
    each new font by name; an empty dict when the theme's stylesheet is not where it was expected.
    """
    css_path = html / THEME_CSS
    if not css_path.exists():
        return {}
    css = css_path.read_text(encoding="utf-8")
    used = used_icon_classes(html)
    points: set[int] = set()
    lean = css
    for rule, names, point in icon_table(css):
        if names & used:
            points.add(point)
        else:
            lean = lean.replace(rule, "", 1)
    others = [p for p in (html / "_static").rglob("*.css") if p != css_path and "mathjax" not in p.parts]
    for text in [lean, *(p.read_text(encoding="utf-8") for p in others)]:
        points |= {p for p in css_code_points(text) if p >= 0xE000}
    sizes = {}
    for folder, name in sorted(set(FONT_FACE.findall(lean))):
        fonts = (css_path.parent / folder).resolve()
        source = fonts / f"{name}.ttf"  # the same glyphs as the .woff2, readable without brotli
        if source.exists():
            sizes[name] = _subset_font(source, fonts / f"{name}.woff", points)
            for old in (source, fonts / f"{name}.woff2"):
                old.unlink(missing_ok=True)
    lean = FONT_FACE.sub(lambda m: _woff_face(m.group(0), m.group(1), m.group(2)), lean)
    css_path.write_text(lean, encoding="utf-8")
    return sizes


def _woff_face(rule: str, folder: str, name: str) -> str:
    """The @font-face ``rule`` with its sources replaced by the one subset WOFF file."""
    return re.sub(r"src:[^;}]*", f'src:url({folder}{name}.woff) format("woff")', rule)


def _subset_font(source: Path, target: Path, points: set[int]) -> int:
    """Write the glyphs of ``points`` found in ``source`` to ``target`` as WOFF; return its bytes."""
    from fontTools import subset, ttLib

    font = ttLib.TTFont(str(source))
    present = set(font.getBestCmap()) & points
    options = subset.Options()
    options.flavor = "woff"  # zlib: WOFF2 would need the brotli package
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(present))
    subsetter.subset(font)
    font.flavor = "woff"
    font.save(str(target))
    return target.stat().st_size


def lean(html: Path) -> None:
    """Every step above, in order."""
    drop_fontawesome_script(html)
    drop_search_scripts(html)
    subset_icon_fonts(html)
