/* Menu buttons that open their menus. tools/book_web.py adds this script to every page.
 *
 * pydata-sphinx-theme 0.17 puts a hidden ".primary-toggle" (and ".secondary-toggle") in its own
 * header, before sphinx-book-theme's visible buttons, and both themes attach their click handlers to
 * the first match only (pydata-sphinx-theme#2451, sphinx-book-theme#988): the visible buttons did
 * nothing. A click on a visible button that carries no handler is passed to the first match, which
 * opens the chapter list (or, on a wide screen, hides and shows the sidebar) as the themes intend.
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
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
});
