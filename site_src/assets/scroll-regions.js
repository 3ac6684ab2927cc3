/* Keyboard access to what scrolls sideways on a phone (a wide table, a long line of code): a
 * region that scrolls must take the focus so it can be scrolled without a pointer (WCAG 2.1.1,
 * axe "scrollable-region-focusable"). mkdocs-material wraps tables in .md-typeset__scrollwrap
 * once the page is loaded, so this runs on its document$ stream and again when the width changes.
 * A table that does not fit also gets a written hint above it: on a 360 px phone the changes
 * tables show 3 of their 7 columns, and a reader must know the rest is there.
 */
(function () {
  "use strict";
  function hint(el, show) {
    var previous = el.previousElementSibling;
    var has = previous && previous.classList.contains("db-scroll-hint");
    if (show && !has) {
      var p = document.createElement("p");
      p.className = "db-scroll-hint";
      p.textContent = "Bảng rộng: vuốt ngang để xem các cột còn lại →";
      el.parentNode.insertBefore(p, el);
    } else if (!show && has) {
      previous.remove();
    }
  }

  // A region laid out only near the screen (content-visibility: auto, the leaflet pages' tables)
  // cannot be measured until then: it takes the focus as if it scrolled, and gets its hint (or
  // loses the focus) once it is laid out.
  function skipped(el) {
    var inside = el.firstElementChild;
    return Boolean(inside && inside.checkVisibility && !inside.checkVisibility({ contentVisibilityAuto: true }));
  }

  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (el) {
      var unknown = skipped(el);
      var scrolls = unknown || el.scrollWidth > el.clientWidth + 1;
      if (el.tagName !== "CODE" && !unknown) hint(el, scrolls);
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-db-scroll", "");
        if (el.tagName !== "CODE") {
          el.setAttribute("role", "region");
          el.setAttribute("aria-label", "Bảng (vuốt hoặc dùng phím mũi tên để xem hết)");
        }
      } else if (!scrolls && el.hasAttribute("data-db-scroll")) {
        ["tabindex", "data-db-scroll", "role", "aria-label"].forEach(function (a) { el.removeAttribute(a); });
      }
    });
  }
  if (window.document$) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("contentvisibilityautostatechange", function (event) {
    if (!event.skipped) mark();
  }, true);
})();
