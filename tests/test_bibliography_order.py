"""The bibliography's order (tools/book/book_web.py, bibtex_default_style "authoryear"): by first author
as a reader looks them up, a group author such as {Meta AI} under M, not after Villalobos."""

from pathlib import Path

from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from tools.book import book_web

ROOT = Path(__file__).resolve().parent.parent


def first_authors() -> list[str]:
    book_web.register_author_year_style()
    style = find_plugin("pybtex.style.formatting", "authoryear")()
    bib = parse_file(ROOT / "references.bib").entries
    names = []
    for formatted in style.format_entries(bib.values()):
        person = (bib[formatted.key].persons.get("author") or bib[formatted.key].persons["editor"])[0]
        names.append(" ".join(person.prelast_names + person.last_names).replace("{", "").replace("}", ""))
    return names


def test_entries_sort_by_first_author_ignoring_braces():
    names = first_authors()
    assert "Meta AI" in names and "OpenAI" in names
    assert names == sorted(names, key=str.lower), names
    assert names.index("OpenAI") < names.index("Villalobos")
