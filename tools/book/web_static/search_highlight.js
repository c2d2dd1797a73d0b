/* Search highlights: whole words, and only on the page a search result opened.
 * tools/book/book_web.py adds this script to every page, after Sphinx's sphinx_highlight.js.
 *
 * Sphinx 7.4 keeps the words of the last search in localStorage ("sphinx_highlight_terms") and
 * the next page loaded highlights them wherever they occur inside a word ("law" in "lawyer",
 * "loss" in "glossary"), whichever way the reader reached that page. This replaces
 * SphinxHighlight.highlightSearchWords before the page is ready: the stored words are always
 * consumed, and highlighted only when the page was opened from the search page, only as whole
 * words (a plural or verb ending allowed: "law" marks "laws"), and never in code.
 */
"use strict";

/** A pattern for one search word as a whole word: letters or digits may not touch it. */
function wholeWordPattern(term) {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?:s|es|ed|ing)?(?![\\p{L}\\p{N}_])`, "giu");
}

/** Wrap every whole-word match of ``pattern`` in the text below ``root`` in a span.highlighted. */
function highlightWholeWords(root, pattern) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement.closest("script, style, pre, code, svg, mjx-container, .highlighted, .nohighlight")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) continue;
    const parts = document.createDocumentFragment();
    let at = 0;
    for (const match of matches) {
      parts.append(text.slice(at, match.index));
      const mark = document.createElement("span");
      mark.className = "highlighted";
      mark.textContent = match[0];
      parts.append(mark);
      at = match.index + match[0].length;
    }
    parts.append(text.slice(at));
    node.replaceWith(parts);
  }
}

/** Was this page opened from the book's own search page? */
function openedFromSearch() {
  try {
    const from = new URL(document.referrer);
    return from.origin === window.location.origin && /\/search\.html$/.test(from.pathname);
  } catch (error) {
    return false;
  }
}

if (typeof SphinxHighlight !== "undefined") {
  SphinxHighlight.highlightSearchWords = () => {
    const url = new URL(window.location);
    const stored = localStorage.getItem("sphinx_highlight_terms") || url.searchParams.get("highlight") || "";
    localStorage.removeItem("sphinx_highlight_terms");
    if (url.searchParams.has("highlight")) {
      url.searchParams.delete("highlight");
      window.history.replaceState({}, "", url);
    }
    if (!openedFromSearch()) return;
    const terms = stored.toLowerCase().split(/\s+/).filter((term) => term.length > 1);
    const body = document.querySelector("div.body") || document.querySelector("[role=main]") || document.body;
    terms.forEach((term) => highlightWholeWords(body, wholeWordPattern(term)));
  };
}

/* On the search page, Sphinx highlights the words in each result's title and snippet the same way
 * (inside words). Each result, once shown, has its marks redone as whole words. */
function wholeWordSnippets() {
  const results = document.getElementById("search-results");
  const query = new URLSearchParams(window.location.search).get("q") || "";
  const terms = query.toLowerCase().split(/\s+/).filter((term) => term.length > 1);
  if (!results || terms.length === 0) return;
  const redo = () => {
    results.querySelectorAll("ul.search > li > a:not([data-whole-words]), ul.search p.context:not([data-whole-words])").forEach((snippet) => {
      snippet.dataset.wholeWords = "";
      snippet.querySelectorAll("span.highlighted").forEach((mark) => mark.replaceWith(mark.textContent));
      snippet.normalize();
      terms.forEach((term) => highlightWholeWords(snippet, wholeWordPattern(term)));
    });
  };
  new MutationObserver(redo).observe(results, { childList: true, subtree: true });
}

document.addEventListener("DOMContentLoaded", wholeWordSnippets);
