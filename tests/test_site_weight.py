"""The built site carries only what its pages use (tools/book/lean_site.py), and every icon a page
shows is still in its font. The weight each page downloads in a browser is asserted in
test_browser.py; `make bench` reports it (tools/bench/bench_pages.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pydata_sphinx_theme
from fontTools import ttLib

from tools.book import lean_site

ROOT = Path(__file__).resolve().parent.parent

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
FONTS = Path("_static/vendor/fontawesome/webfonts")


def theme_icon_points() -> dict[str, int]:
    """Every Font Awesome icon class of the installed theme and its code point."""
    css = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    return {name: point for _, names, point in lean_site.icon_table(css) for name in names}


def font_points(path: Path) -> set[int]:
    return set(ttLib.TTFont(str(path)).getBestCmap())


def font_of(classes: str) -> str:
    """The font an icon element draws from, by its classes (as the theme's stylesheet decides)."""
    if re.search(r"\b(fa-brands|fab)\b", classes):
        return "fa-brands-400"
    return "fa-regular-400" if re.search(r"\b(fa-regular|far)\b", classes) else "fa-solid-900"


def test_the_table_of_icons_is_read_from_the_theme():
    """The parser still understands the theme's stylesheet (else the site would keep every icon)."""
    icons = theme_icon_points()
    assert len(icons) > 1000
    assert icons["fa-github"] == 0xF09B and icons["fa-magnifying-glass"] == 0xF002


def test_every_icon_a_page_shows_is_in_its_font(built_book):
    icons = theme_icon_points()
    fonts = {
        name: font_points(built_book / FONTS / f"{name}.woff")
        for name in ("fa-solid-900", "fa-brands-400", "fa-regular-400")
    }
    checked = 0
    for page in lean_site.html_pages(built_book):
        for classes in re.findall(r'class="([^"]*\bfa-[^"]*)"', page.read_text(encoding="utf-8")):
            for name in re.findall(r"\bfa-[a-z0-9-]+", classes):
                if name in icons:
                    checked += 1
                    font = font_of(classes)
                    assert icons[name] in fonts[font], f"{page.name}: icon {name} is missing from {font}"
    assert checked > 50, "no icons found: the check looked at nothing"


def test_icons_drawn_by_the_stylesheets_are_in_the_fonts(built_book):
    """Admonition, "on this page" and similar icons come from code points written in the CSS."""
    fonts = set()
    for name in ("fa-solid-900", "fa-brands-400"):
        fonts |= font_points(built_book / FONTS / f"{name}.woff")
    for css in (built_book / "_static").rglob("*.css"):
        if "mathjax" in css.parts:
            continue
        drawn = {p for p in lean_site.css_code_points(css.read_text(encoding="utf-8")) if 0xE000 <= p <= 0xF8FF}
        assert drawn <= fonts, f"{css.name} draws {sorted(map(hex, drawn - fonts))}, which no font has"


def test_the_fonts_are_cut_down_and_every_css_url_resolves(built_book):
    webfonts = built_book / FONTS
    assert not list(webfonts.glob("*.woff2")) and not list(webfonts.glob("*.ttf"))
    assert sum(p.stat().st_size for p in webfonts.glob("*.woff")) < 50_000
    for css in (built_book / "_static" / "styles").glob("*.css"):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            if url.startswith("data:"):
                continue
            assert (css.parent / url.split("?")[0].split("#")[0]).exists(), f"{css.name} points at a missing {url}"


def test_only_the_search_page_loads_the_search_index(built_book):
    for page in lean_site.html_pages(built_book):
        html = page.read_text(encoding="utf-8")
        loads = "searchindex.js" in html and "searchtools.js" in html
        assert loads == (page.name == "search.html"), f"{page.name}: search scripts {'present' if loads else 'missing'}"


def test_subsetting_a_small_site(tmp_path):
    """On a two-page site: used icons keep their glyph and rule, unused ones lose both."""
    styles = tmp_path / "_static" / "styles"
    shutil.copytree(THEME_STATIC / "vendor", tmp_path / "_static" / "vendor")
    styles.mkdir(parents=True)
    css = (THEME_STATIC / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    (styles / "pydata-sphinx-theme.css").write_text(css, encoding="utf-8")
    (tmp_path / "a.html").write_text('<i class="fa-brands fa-github"></i><script src="searchindex.js"></script>')
    (tmp_path / "search.html").write_text('<i class="fa-solid fa-bars"></i><script src="searchindex.js"></script>')
    lean_site.lean(tmp_path)
    lean = (styles / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert ".fa-github:before" in lean and ".fa-bars:before" in lean and ".fa-rocket:before" not in lean
    assert len(lean) < len(css) - 50_000
    assert 0xF09B in font_points(tmp_path / FONTS / "fa-brands-400.woff")
    solid = font_points(tmp_path / FONTS / "fa-solid-900.woff")
    assert 0xF0C9 in solid and 0xF135 not in solid  # bars kept, rocket dropped
    assert "searchindex" not in (tmp_path / "a.html").read_text()
    assert "searchindex" in (tmp_path / "search.html").read_text()
