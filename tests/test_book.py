"""The web book builds with --warningiserror (the `built_book` fixture in conftest.py), and
every chapter page carries its math and figures. What a browser makes of it is in test_browser.py.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def chapter_pages(html: Path) -> list[Path]:
    """The chapters and appendix pages built from notebooks/."""
    return sorted((html / "notebooks").glob("*.html"))


def test_index_and_every_chapter_are_built(built_book):
    assert (built_book / "index.html").exists()
    built = {p.stem for p in chapter_pages(built_book)}
    sources = {p.stem for p in (ROOT / "book").glob("*.md") if p.read_text().startswith("---\njupytext:")}
    assert built == sources


def test_chapters_have_math_figures_and_no_glue_gaps(built_book):
    for page in chapter_pages(built_book):
        html = page.read_text()
        notebook = (ROOT / "notebooks" / f"{page.stem}.ipynb").read_text()
        if "plt.show()" in notebook:
            assert re.search(r'<img [^>]*src="[^"]*\.svg"', html), f"{page.name} shows no (SVG) figure"
        if "$" in (ROOT / "book" / f"{page.stem}.md").read_text():
            assert 'class="math' in html, f"{page.name} has no math"
        assert "glue:" not in html and "could not find" not in html.lower(), f"{page.name} has an unresolved glue"


def test_widget_cells_are_not_on_the_web(built_book):
    for page in chapter_pages(built_book):
        assert "application/vnd.jupyter.widget-view" not in page.read_text(), f"{page.name} has a dead widget"


def test_bibliography_page_lists_cited_papers(built_book):
    bibliography = (built_book / "book" / "bibliography.html").read_text()
    assert "scaling laws for neural language models" in bibliography.lower()
    chapter = (built_book / "notebooks" / "01-power-laws.html").read_text()
    assert "bibliography.html#" in chapter, "citations must link to the bibliography"


def test_mathjax_is_served_from_the_site_when_npm_is_present(built_book):
    import shutil

    page = (built_book / "notebooks" / "01-power-laws.html").read_text()
    if shutil.which("npm"):
        assert "_static/mathjax/startup.js" in page and '"input/tex"' in page
        assert (built_book / "_static" / "mathjax" / "startup.js").exists()
    assert "cdn.jsdelivr.net" not in page or not shutil.which("npm")


def test_launch_buttons_point_at_the_notebooks(built_book):
    page = (built_book / "notebooks" / "01-power-laws.html").read_text()
    assert "colab.research.google.com/github/" in page and "notebooks/01-power-laws.ipynb" in page
    assert "mybinder.org/v2/gh/" in page


def test_a_class_hub_gets_a_jupyterhub_button(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, JUPYTERHUB_URL="https://hub.example.edu")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_book.py"), str(tmp_path)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (tmp_path / "_build" / "html" / "notebooks" / "01-power-laws.html").read_text()
    assert "https://hub.example.edu/hub/user-redirect/git-pull?" in page
    assert "notebooks%2F01-power-laws.ipynb" in page or "notebooks/01-power-laws.ipynb" in page


def test_every_figure_has_a_caption_and_alt_text(built_book):
    """myst-nb's figure metadata: each figure a <figure> with a caption, each image real alt text."""
    for page in chapter_pages(built_book):
        html = page.read_text()
        images = [tag for tag in re.findall(r"<img [^>]*>", html) if "_images/" in tag]  # not the theme's logos
        for tag in images:
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt and " " in alt.group(1).strip(), f"{page.name}: an image has no real alt text: {tag[:120]}"
        figures = re.findall(r"<figure.*?</figure>", html, re.S)
        # A multi-panel figure also holds its panels, stacked for a phone (tools/phone_figures.py).
        inside = sum(len([t for t in re.findall(r"<img [^>]*>", f) if "_images/" in t]) for f in figures)
        assert inside == len(images), f"{page.name}: an image outside a <figure>"
        for figure in figures:
            assert "<figcaption" in figure, f"{page.name}: a figure without a caption"


def test_references_link_to_the_papers():
    """Every entry of references.bib has a DOI, an arXiv id or a URL, so the bibliography links to it."""
    entries = re.split(r"\n(?=@)", (ROOT / "references.bib").read_text())
    for entry in entries:
        key = re.match(r"@\w+\{([^,]+),", entry.strip())
        if key:
            assert re.search(r"^\s*(doi|eprint|url)\s*=", entry, re.M | re.I), f"{key.group(1)} has no link"


def test_bibliography_labels_match_the_citations(built_book):
    bibliography = (built_book / "book" / "bibliography.html").read_text()
    assert "Kaplan et al., 2020" in bibliography, "bibliography labels should read as the text cites"
    assert "https://arxiv.org/abs/2001.08361" in bibliography
    chapter = (built_book / "notebooks" / "02-kaplan.html").read_text()
    text = re.sub(r"<[^>]+>", "", chapter)
    assert not re.search(r"Kaplan et al\.\s*\[Kaplan et al\.", text), "an author name is doubled"


def test_glossary_terms_are_linked_from_the_chapters(built_book):
    glossary = (built_book / "book" / "glossary.html").read_text()
    assert re.search(r'<dl class="[^"]*glossary', glossary), "the glossary is not a glossary directive"
    linked = [p.name for p in chapter_pages(built_book) if "glossary.html#term-" in p.read_text()]
    assert len(linked) >= 5, f"only {linked} link to the glossary"


def test_widget_figures_and_exercises_have_launch_links(built_book):
    for page in chapter_pages(built_book):
        notebook = (ROOT / "notebooks" / f"{page.stem}.ipynb").read_text()
        html = page.read_text()
        if '"widget-figure"' in notebook:
            assert "Move the sliders live:" in html, f"{page.name}: no launch links beside the widget figure"
            assert "colab.research.google.com/github/" in html
        if f"exercises/{page.stem}.ipynb" in notebook:
            assert "Open the exercises live:" in html, f"{page.name}: the exercises cannot be launched"
            assert f"blob/main/exercises/{page.stem}.ipynb" in html


def test_pages_carry_no_unused_scripts(built_book):
    """No sphinx-thebe (unused; its config script broke the console) and no 1.5 MB Font Awesome script."""
    for page in [built_book / "index.html", *chapter_pages(built_book)]:
        html = page.read_text()
        assert "THEBE_JS_URL" not in html and "sphinx-thebe.js" not in html, page.name
        assert "fontawesome.js" not in html, page.name
    assert 'rel="icon" href="../_static/favicon.svg"' in (built_book / "notebooks" / "01-power-laws.html").read_text()
