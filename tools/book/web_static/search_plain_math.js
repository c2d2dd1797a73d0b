/* Search snippets without raw TeX. tools/book/book_web.py adds this script to search.html only.
 *
 * Sphinx's search shows, under each result, a snippet of the page's text (Search.htmlToText in
 * searchtools.js, which takes the textContent of the page's HTML). A formula there is still the
 * TeX that MathJax typesets in the page, so a snippet read "\(L(N) = (N_c/N)^{\alpha}\)".
 * This wraps Search.htmlToText so that each formula is first rewritten as plain text:
 * "L(N) = (N_c/N)^α". Unknown commands lose their backslash; nothing is dropped.
 *
 * Snippets come from prose: code cells, printed outputs, contents lists and navigation are taken
 * out of the page before the snippet is cut (PROSE_ONLY_REMOVE), so a result no longer shows an
 * "import ..." line or a chapter's list of sections.
 */
"use strict";

const PLAIN_MATH_SYMBOLS = {
  alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ϵ", varepsilon: "ε", eta: "η",
  theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", pi: "π", rho: "ρ", sigma: "σ",
  tau: "τ", phi: "φ", chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Lambda: "Λ",
  Sigma: "Σ", Phi: "Φ", Omega: "Ω", ell: "ℓ",
  times: "×", cdot: "·", ast: "*", pm: "±", approx: "≈", propto: "∝", sim: "~", le: "≤",
  leq: "≤", ge: "≥", geq: "≥", ne: "≠", neq: "≠", ll: "≪", gg: "≫", to: "→", rightarrow: "→",
  leftarrow: "←", infty: "∞", sum: "Σ", prod: "Π", partial: "∂", ldots: "…", dots: "…",
  cdots: "…", quad: " ", qquad: " ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
  "%": "%", "{": "{", "}": "}", "_": "_", "&": "&", "$": "$",
};

/** Plain text for one TeX formula (as Sphinx writes it: inside \( \) or \[ \]). */
function plainMath(tex) {
  let s = tex.trim().replace(/^\\[([]|\\[)\]]$/g, "").replace(/^\$\$?|\$\$?$/g, "");
  s = s.replace(/\\\{/g, "\u0001").replace(/\\\}/g, "\u0002");  // literal braces, kept for the end
  s = s.replace(/\\(begin|end)\{[^{}]*\}/g, " ").replace(/\\\\/g, "; ").replace(/&/g, " ");
  s = s.replace(/\\(left|right|big|Big|bigg|Bigg)\b\s*\\?/g, "");
  const group = "\\{([^{}]*)\\}";
  const rules = [
    [new RegExp("\\\\(?:text|mathrm|mathit|mathbf|mathsf|operatorname|textrm|mbox)\\s*" + group, "g"), "$1"],
    [new RegExp("\\\\underbrace\\s*" + group + "(?:\\s*_\\s*" + group + ")?", "g"), "$1"],
    [new RegExp("\\\\(?:wide)?hat\\s*" + group, "g"), "$1\u0302"],
    [new RegExp("\\\\frac\\s*" + group + "\\s*" + group, "g"), (m, a, b) => `${wrap(a)}/${wrap(b)}`],
    [new RegExp("\\\\binom\\s*" + group + "\\s*" + group, "g"), "C($1, $2)"],
    [new RegExp("\\\\sqrt\\s*" + group, "g"), "√($1)"],
    [new RegExp("\\^\\s*" + group, "g"), (m, a) => "^" + wrap(a, false)],
    [new RegExp("_\\s*" + group, "g"), (m, a) => "_" + wrap(a)],
  ];
  // Innermost groups first (nested fractions, exponents of exponents); a bare group loses its
  // braces only when no command can take it any more.
  for (let pass = 0; pass < 50; pass++) {
    const before = s;
    for (const [pattern, replacement] of rules) s = s.replace(pattern, replacement);
    if (s === before) s = s.replace(/\{([^{}]*)\}/, "$1");
    if (s === before) break;
  }
  s = s.replace(/\\([a-zA-Z]+|.)/g, (m, name) => (name in PLAIN_MATH_SYMBOLS ? PLAIN_MATH_SYMBOLS[name] : name));
  return s.replace(/\u0001/g, "{").replace(/\u0002/g, "}").replace(/\s+/g, " ").trim();
}

/** Parenthesise a fraction's part, an index or an exponent unless it is one symbol or number
 * (with one index of its own when ``indexed``: N_c/N, but C^(a_N)). */
function wrap(text, indexed = true) {
  const t = text.trim();
  const simple = indexed ? /^\\?[A-Za-z0-9.]+(?:[_^]\\?[A-Za-z0-9.]+)?$/ : /^\\?[A-Za-z0-9.]+$/;
  return simple.test(t) ? t : `(${t})`;
}

/** What a snippet never shows: code, printed outputs, contents lists, navigation. */
const PROSE_ONLY_REMOVE = [
  "div.cell_input", "div.cell_output", "div.highlight", "pre", "nav", "div.toctree-wrapper",
  "div.contents", "nav.contents", "aside.topic.contents", "div.bd-toc", "p.launch-links",
  ".phone-panels", "div.prev-next-area", "div.bd-header-article", "#jb-print-docs-body", ".onlyprint",
].join(", ");

/** The page's HTML with only its prose left (formulas in plain text). */
function proseOnly(page) {
  page.querySelectorAll(PROSE_ONLY_REMOVE).forEach((element) => element.remove());
  page.querySelectorAll(".math").forEach((formula) => { formula.textContent = plainMath(formula.textContent); });
  // Block elements touch in textContent ("Summary" + "The loss..."): keep a space between them.
  page.querySelectorAll("p, li, h1, h2, h3, h4, dt, dd, figcaption, td, th").forEach((block) => block.append(" "));
  return page;
}

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    return pageText(proseOnly(page).documentElement.outerHTML, anchor);
  };
});
