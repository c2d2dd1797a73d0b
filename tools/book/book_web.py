"""Sphinx extension for the web book, registered in _config.yml (``sphinx.local_extensions``).

* Launch links: small links that open a notebook live (Binder, Colab and, when the build sets
  one, the class's JupyterHub), built from _config.yml's ``repository`` and ``launch_buttons``
  settings, beside every widget's static figure (code cells tagged ``widget-figure``) and after
  every mention of an exercise notebook (``exercises/NN-slug.ipynb``), which becomes a link.
* ``bibtex_default_style = "authoryear"``: the bibliography labels its entries the way the text
  cites them (Kaplan et al., 2020), sorted by author and year, with arXiv and DOI links.
* The chapters' MyST for the web: notebooks/ holds what a learner's JupyterLab shows (citations
  and glossary terms written out as links, tools/book/learner_notebooks.py); as Sphinx reads a
  notebook, each markdown cell gets its source from book/ back, so citations resolve against the
  bibliography and terms against the glossary, as before.
* Drops sphinx-thebe's assets from every page. Jupyter Book 1 always loads sphinx-thebe; the book
  does not use it, and its configuration script, added once per read of the documents (and
  sphinxcontrib-bibtex makes Sphinx read them twice), declares ``THEBE_JS_URL`` twice: a console
  error on every page.
* Theme fixes in the browser: every page loads ``web_static/theme_fixes.js`` (menu buttons that open,
  search buttons named by their text, scroll boxes reachable by keyboard; see its header).
* The bibliography's entries are list items (``role="listitem"``), not the deprecated
  ``doc-biblioentry`` that leaves its list without items for assistive technology.
* Figures on a phone: beside each multi-panel SVG figure, its panels stacked (tools/book/phone_figures.py),
  shown below 700 px by ``_static/book.css``; figure captions numbered per chapter ("Fig. 3.2").
* Search snippets in plain text: search.html loads ``web_static/search_plain_math.js``, which
  rewrites each formula's TeX as plain text ("N_opt ∝ C^(a_N)") before Sphinx cuts a result's
  snippet from the page. Sphinx builds the snippet in the browser from the page's HTML, where a
  formula is still the TeX that MathJax typesets, and offers no setting to change that. It also
  cuts snippets from prose only (no code, outputs or contents lists).
* Exercise lists numbered once: an ordered list whose items open with their own bold number
  ("**3.1** ...") hides the list's numbers, which read "1. 3.1".
* Search highlights as whole words, only on the page a search result opened: every page loads
  ``web_static/search_highlight.js``, which replaces Sphinx's highlighter (see its header).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import quote, urlencode

from docutils import nodes

from tools.book import phone_figures

THEBE_ASSETS = ("sphinx-thebe.js", "sphinx-thebe.css", "thebe@")


def launch_links(options: dict, path: str) -> list[tuple[str, str]]:
    """(label, URL) pairs that open ``path`` (relative to the repository root) live.

    ``options`` are the theme options Jupyter Book writes from _config.yml: ``repository_url``,
    ``repository_branch`` and ``launch_buttons`` (``binderhub_url``, ``colab_url``,
    ``jupyterhub_url``, ``notebook_interface``). Links whose service is not configured are left out.
    """
    url = options.get("repository_url", "").rstrip("/")
    if not url.startswith("https://github.com/"):
        return []
    org, repo = url.removeprefix("https://github.com/").split("/")[:2]
    branch = options.get("repository_branch") or "main"
    launch = options.get("launch_buttons", {}) or {}
    ui = "lab/tree" if launch.get("notebook_interface", "jupyterlab") == "jupyterlab" else "tree"
    links = []
    if launch.get("binderhub_url"):
        binder = launch["binderhub_url"].rstrip("/")
        links.append(("Binder", f"{binder}/v2/gh/{org}/{repo}/{branch}?urlpath={quote(f'{ui}/{path}')}"))
    if launch.get("colab_url"):
        links.append(("Colab", f"{launch['colab_url'].rstrip('/')}/github/{org}/{repo}/blob/{branch}/{path}"))
    if launch.get("jupyterhub_url"):
        hub = launch["jupyterhub_url"].rstrip("/")
        query = urlencode({"repo": url, "urlpath": f"{ui}/{repo}/{path}", "branch": branch})
        links.append(("JupyterHub", f"{hub}/hub/user-redirect/git-pull?{query}"))
    return links


WIDGET_FIGURE_TAG = "widget-figure"
EXERCISE_PATH = re.compile(r"exercises/[\w-]+\.ipynb")


def launch_paragraph(options: dict, path: str, label: str, source: bool) -> nodes.paragraph:
    """A paragraph of launch links for ``path``, with a link to its source on GitHub if ``source``."""
    paragraph = nodes.paragraph(classes=["launch-links"])
    paragraph += nodes.strong(text=label)
    links = launch_links(options, path)
    url = options.get("repository_url", "").rstrip("/")
    if source and url:
        links.insert(0, ("source", f"{url}/blob/{options.get('repository_branch') or 'main'}/{path}"))
    for name, href in links:
        paragraph += nodes.Text(" ")
        paragraph += nodes.reference("", name, refuri=href, classes=["launch-link"])
    return paragraph


def add_launch_links(app, doctree) -> None:
    """Launch links beside each widget's static figure and after each mention of an exercise notebook.

    * A code cell tagged ``widget-figure`` (the static figure a widget stands for on the web) gets
      "Move the sliders live:" links to the page's own notebook right after it.
    * An inline literal ``exercises/NN-slug.ipynb`` becomes a link to that notebook's source, and its
      paragraph is followed by links that launch it.
    The chapters carry no markup for this, so JupyterLab readers (already live) see nothing extra.
    """
    options = app.config.html_theme_options or {}
    docname = app.env.docname
    for cell in list(doctree.findall(nodes.container)):
        if f"tag_{WIDGET_FIGURE_TAG}" in cell.get("classes", []):
            links = launch_paragraph(options, f"{docname}.ipynb", "Move the sliders live:", source=False)
            cell.parent.insert(cell.parent.index(cell) + 1, links)
    done = set()
    for literal in list(doctree.findall(nodes.literal)):
        path = literal.astext().strip()
        if not EXERCISE_PATH.fullmatch(path) or isinstance(literal.parent, nodes.reference):
            continue
        url = options.get("repository_url", "").rstrip("/")
        if url:
            href = f"{url}/blob/{options.get('repository_branch') or 'main'}/{path}"
            link = nodes.reference("", "", refuri=href)
            literal.replace_self(link)
            link += literal
        paragraph = link.parent if url else literal.parent
        while paragraph is not None and not isinstance(paragraph, nodes.paragraph):
            paragraph = paragraph.parent
        if paragraph is not None and id(paragraph) not in done:
            done.add(id(paragraph))
            paragraph.parent.insert(
                paragraph.parent.index(paragraph) + 1,
                launch_paragraph(options, path, "Open the exercises live:", source=False),
            )


def web_markdown(app, docname, source) -> None:
    """Give a chapter notebook its MyST from book/ back (see the module docstring)."""
    stem = docname.removeprefix("notebooks/")
    if docname.startswith("notebooks/") and app.env.doc2path(docname).endswith(".ipynb"):
        from tools.book import learner_notebooks

        source[0] = learner_notebooks.web_notebook(source[0], stem)


def drop_thebe(app, pagename, templatename, context, doctree):
    """Remove sphinx-thebe's scripts and stylesheet from a page (see the module docstring)."""
    for key in ("script_files", "css_files"):
        if key in context:
            # In place: the list is the builder's own, to which app.add_js_file on this page appends.
            context[key][:] = [asset for asset in context[key] if not _is_thebe(asset)]


SEARCH_SCRIPT = "search_plain_math.js"
THEME_SCRIPT = "theme_fixes.js"
HIGHLIGHT_SCRIPT = "search_highlight.js"


def add_static_path(app) -> None:
    """Serve ``web_static/`` beside the book's own ``_static`` (whose scripts go on every page)."""
    app.config.html_static_path.append(str(Path(__file__).resolve().parent / "web_static"))


def plain_search_snippets(app, pagename, templatename, context, doctree):
    """On the search page only, load the script that strips TeX from result snippets."""
    if pagename == "search":
        app.add_js_file(SEARCH_SCRIPT)


IMG = re.compile(r'<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]*?/_images/(?P<name>[^"/]+\.svg))" />')
CAPTION_NUMBER = re.compile(r'<span class="caption-number">Fig\. \d+ </span>')
CHAPTER_PAGE = re.compile(r"notebooks/(\d\d)-")


def add_phone_figures(app, pagename, templatename, context, doctree):
    """Beside every multi-panel SVG figure, its panels stacked for a phone (tools/book/phone_figures.py)."""
    body = context.get("body")
    if not body or "_images/" not in body:
        return
    sources = {Path(dest).name: Path(app.srcdir, source) for source, dest in app.builder.images.items()}

    def with_panels(match: re.Match) -> str:
        source = sources.get(match["name"])
        if source is None or not source.is_file():
            return match[0]
        stacked = phone_figures.stacked_html(match["src"], unescape(match["alt"]), source.read_text())
        if stacked:
            return match[0] + stacked
        return f'<a class="full-figure" href="{match["src"]}" title="Open the whole figure">{match[0]}</a>'

    context["body"] = IMG.sub(with_panels, body)


def bibliography_list_items(app, pagename, templatename, context, doctree):
    """The bibliography's entries as list items of its list (see the module docstring)."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def chapter_figure_numbers(app, pagename, templatename, context, doctree):
    """Figures numbered per chapter, as readers cite them: "Fig. 3.2" for chapter 3's second figure."""
    chapter = CHAPTER_PAGE.match(pagename)
    body = context.get("body")
    if not chapter or not body:
        return
    number = int(chapter.group(1))
    counter = iter(range(1, 10_000))
    context["body"] = CAPTION_NUMBER.sub(
        lambda _: f'<span class="caption-number">Fig. {number}.{next(counter)} </span>', body
    )


EXERCISE_NUMBER = re.compile(r"^\d+\.\d+$")


def exercise_lists_numbered_once(app, doctree) -> None:
    """An ordered list whose every item opens with its own bold number ("**3.1** ...", the chapters'
    Exercises sections) shows that number only: the list's own numbers ("1. 3.1") are hidden
    (class ``numbered-by-text``, styled in ``_static/book.css``)."""
    for listing in doctree.findall(nodes.enumerated_list):
        items = [item for item in listing.children if isinstance(item, nodes.list_item)]
        if items and all(_opens_with_number(item) for item in items):
            listing["classes"].append("numbered-by-text")


def _opens_with_number(item) -> bool:
    first = item.children[0] if item.children else None
    if not isinstance(first, nodes.paragraph) or not first.children:
        return False
    lead = next((child for child in first.children if child.astext().strip()), None)  # MyST may lead with ""
    return isinstance(lead, nodes.strong) and EXERCISE_NUMBER.match(lead.astext().strip()) is not None


def _is_thebe(asset) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return any(marker in filename for marker in THEBE_ASSETS) or "THEBE_JS_URL" in body


def register_author_year_style() -> None:
    """Register the pybtex styles behind ``bibtex_default_style: authoryear`` (once per process)."""
    from pybtex.plugin import find_plugin, register_plugin
    from pybtex.style.formatting.unsrt import Style as Unsrt
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting.author_year_title import SortingStyle

    class AuthorYearLabels(BaseLabelStyle):
        """Labels as the text cites: "Kaplan et al., 2020", "Porian & Wortsman, 2024" (a, b on a clash)."""

        def format_labels(self, sorted_entries):
            labels = [self.label(entry) for entry in sorted_entries]
            seen: dict[str, int] = {}
            for label in labels:
                seen[label] = seen.get(label, 0) + 1
            suffix: dict[str, int] = {}
            for label in labels:
                if seen[label] > 1:
                    suffix[label] = suffix.get(label, 0) + 1
                    yield label + "abcdefghijklmnopqrstuvwxyz"[suffix[label] - 1]
                else:
                    yield label

        @staticmethod
        def label(entry) -> str:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            names = [" ".join(person.last_names) or " ".join(person.first_names) for person in people]
            names = [name.replace("{", "").replace("}", "") for name in names if name.lower() != "others"]
            if not names:
                names = ["Anonymous"]
            many = len(names) > 2 or any(p.last_names == ["others"] for p in people)
            who = f"{names[0]} et al." if many else " & ".join(names)
            return f"{who}, {entry.fields.get('year', 'n.d.')}"

    class AuthorYearSorting(SortingStyle):
        """Author, year, title, with a group author's protecting braces ignored: "{Meta AI}" sorts
        under M, not after every letter (``{`` follows ``z`` in character order)."""

        def person_key(self, person):
            return super().person_key(person).replace("{", "").replace("}", "")

    class AuthorYear(Unsrt):
        default_label_style = "authoryear"
        default_sorting_style = "authoryear"

    try:
        find_plugin("pybtex.style.formatting", "authoryear")
    except Exception:
        register_plugin("pybtex.style.labels", "authoryear", AuthorYearLabels)
        register_plugin("pybtex.style.sorting", "authoryear", AuthorYearSorting)
        register_plugin("pybtex.style.formatting", "authoryear", AuthorYear)


def setup(app):
    register_author_year_style()
    app.connect("source-read", web_markdown)
    app.connect("doctree-read", add_launch_links)
    app.connect("doctree-read", exercise_lists_numbered_once)
    app.connect("html-page-context", drop_thebe)
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", plain_search_snippets)
    app.connect("html-page-context", add_phone_figures)
    app.connect("html-page-context", chapter_figure_numbers)
    app.connect("html-page-context", bibliography_list_items)
    app.add_js_file(THEME_SCRIPT)
    app.add_js_file(HIGHLIGHT_SCRIPT)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
