/* Fixes to the theme's behaviour in the browser. tools/book/book_web.py adds this script to every page.
 *
 * 1. Menu buttons that open their menus. pydata-sphinx-theme 0.17 puts a hidden ".primary-toggle"
 *    (and ".secondary-toggle") in its own header, before sphinx-book-theme's visible buttons, and
 *    both themes attach their click handlers to the first match only (pydata-sphinx-theme#2451,
 *    sphinx-book-theme#988): the visible buttons did nothing. A click on a visible button is passed
 *    to the first match, which opens the chapter list (or, on a wide screen, hides and shows the
 *    sidebar) as the themes intend.
 * 2. Controls named by what they show: the theme labels a button that reads "Search Ctrl+K" with
 *    aria-label="Search", and myst-nb a "Show code cell source" toggle with "Toggle hidden content",
 *    names speech-input users cannot guess (axe: label-content-name-mismatch). Without the label, a
 *    control's name is its visible text.
 * 3. Boxes that scroll sideways (wide outputs, long formulas) can be reached with the keyboard
 *    (axe: scrollable-region-focusable), and are announced as a region.
 */
"use strict";

function passMenuClicks() {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const buttons = Array.from(document.querySelectorAll(selector));
    const handled = buttons[0];
    for (const button of buttons.slice(1)) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        handled.click();
      });
    }
  }
}

function nameControlsByTheirText() {
  const controls = "button.search-button-field[aria-label], summary[aria-label='Toggle hidden content']";
  for (const button of document.querySelectorAll(controls)) {
    if (button.innerText.trim()) button.removeAttribute("aria-label");
  }
}

const SCROLL_BOXES = "mjx-container[display='true'], div.cell_output pre, div.cell_output figure, " +
  "div.pst-scrollable-table-container, div.math-wrapper, div.output.text_html";

function focusableScrollBoxes() {
  for (const box of document.querySelectorAll(SCROLL_BOXES)) {
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label")) box.setAttribute("aria-label", "scrolls sideways");
    }
  }
}

document.addEventListener("DOMContentLoaded", () => {
  passMenuClicks();
  nameControlsByTheirText();
  focusableScrollBoxes();
  window.addEventListener("resize", focusableScrollBoxes);
  // Formulas are typeset after the page loads; their boxes are measured again once MathJax is done.
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    MathJax.startup.promise.then(focusableScrollBoxes);
  } else {
    window.addEventListener("load", () => setTimeout(focusableScrollBoxes, 0));
  }
});
