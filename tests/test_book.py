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
            assert re.search(r'<img [^>]*src="[^"]*\.png"', html), f"{page.name} shows no figure"
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
        assert '_static/mathjax/tex-chtml.js' in page
        assert (built_book / "_static" / "mathjax" / "tex-chtml.js").exists()
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
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_book.py"), str(tmp_path)],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = (tmp_path / "_build" / "html" / "notebooks" / "01-power-laws.html").read_text()
    assert "https://hub.example.edu/hub/user-redirect/git-pull?" in page
    assert "notebooks%2F01-power-laws.ipynb" in page or "notebooks/01-power-laws.ipynb" in page
